"""The results workbook (openpyxl write-only): one sheet 成绩 with a row per
team in rank order (名次, 队伍, 代表单位/社区, one column per round, 总分,
答错题数, 奖项, 队员), and a sheet 得分记录 with the whole entry log,
corrections included (who entered it, when, the reason), so the paper trail
of the judges' table is in the file too."""
from io import BytesIO
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.extensions import db
from app.hall import rules, service
from app.hall.errors import hall_error
from app.hall.views import represents
from app.localtime import local
from app.models import User

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OUTCOME_LABELS = {"correct": "答对", "wrong": "答错", "points": "给分", "void": "作废"}
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="C8161D")


def _header(sheet, titles, widths):
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, Alignment(horizontal="center")
        cells.append(cell)
    sheet.append(cells)


def results_workbook(contest):
    if contest.status != "closed":
        raise hall_error("contest_open")
    entries = service.entries_of(contest.id)
    standings = service.standings_of(contest, entries)
    teams = {team.id: team for team in contest.teams}
    rounds = {r.id: r for r in contest.rounds}
    book = Workbook(write_only=True)

    sheet = book.create_sheet("成绩")
    _header(sheet, ("名次", "队伍", "代表单位/社区", *(r.name for r in contest.rounds), "总分", "答错题数", "奖项", "队员"),
            (8, 22, 24, *(16 for _ in contest.rounds), 10, 10, 10, 40))
    for s in standings:
        team = teams[s.team_id]
        sheet.append([s.rank, team.name, represents(team), *(s.by_round[r.id] for r in contest.rounds), s.total,
                      s.wrong, rules.award_name(s.rank) if s.rank <= contest.award_places else "",
                      "、".join(team.members)])
    sheet.append([])
    sheet.append([f"名次规则：{rules.TIE_RULE}"])

    log = book.create_sheet("得分记录")
    _header(log, ("记录号", "轮次", "队伍", "题号", "判定", "风险分值", "得分", "版本", "更正的记录号", "原因", "评委", "录入时间"),
            (9, 18, 22, 7, 8, 10, 8, 7, 13, 30, 14, 18))
    judges = dict(db.session.execute(db.select(User.id, User.name).where(
        User.id.in_({e.judge_id for e in entries if e.judge_id}))).all())
    for e in entries:
        entered = WriteOnlyCell(log, value=local(e.entered_at).replace(tzinfo=None))
        entered.number_format = "yyyy-mm-dd hh:mm:ss"
        log.append([e.id, rounds[e.round_id].name, teams[e.team_id].name, e.question_no, OUTCOME_LABELS[e.outcome],
                    e.tier, e.points, e.revision, e.supersedes_id, e.reason, judges.get(e.judge_id), entered])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def disposition(contest, ext, suffix=""):
    name = f"{contest.title}{'-荣誉证书' if ext == 'pdf' else '-成绩'}{suffix}.{ext}"
    return f"attachment; filename=hall-{contest.id}{suffix}.{ext}; filename*=UTF-8''{quote(name)}"
