"""Contest results for organisers: every person's best score with their rank
(as a page, and as an XLSX written row by row), and the certificate of
honour (荣誉证书) PDF for the top places."""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph
from xml.sax.saxutils import escape

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.hours.pdf_font import embedded_font
from app.localtime import chinese_date, stamp
from app.models import Attempt, Community, ContestScore, MemberUnit, User, utcnow
from app.quiz import contests, leaderboard

HEADERS = ("名次", "姓名", "社区", "单位", "答对题数", "题目总数", "用时（秒）", "答题次数", "完成时间")
WIDTHS = (8, 12, 16, 24, 10, 10, 12, 10, 20)
RED = colors.HexColor("#C8161D")
GOLD = colors.HexColor("#B8860B")


def _query(contest, actor):
    attempts = (db.select(Attempt.user_id, db.func.count().label("attempts")).where(Attempt.contest_id == contest.id)
                .group_by(Attempt.user_id).subquery())
    ahead = db.aliased(ContestScore)
    rank = (db.select(db.func.count() + 1).where(
        ahead.contest_id == contest.id,
        (ahead.correct_count > ContestScore.correct_count)
        | ((ahead.correct_count == ContestScore.correct_count) & (ahead.total_ms < ContestScore.total_ms)))
        .scalar_subquery())
    return (db.select(ContestScore, User.name, Community.name, MemberUnit.name, attempts.c.attempts, rank.label("rank"))
            .join(User, User.id == ContestScore.user_id)
            .outerjoin(Community, Community.id == ContestScore.community_id)
            .outerjoin(MemberUnit, MemberUnit.id == ContestScore.unit_id)
            .join(attempts, attempts.c.user_id == ContestScore.user_id)
            .where(ContestScore.contest_id == contest.id, policy.quiz.results_clause(actor))
            .order_by(ContestScore.correct_count.desc(), ContestScore.total_ms, ContestScore.attempt_id))


def _row(contest, score, name, community, unit, attempts, rank):
    return {"rank": rank, "user_id": score.user_id, "name": name or "已注销用户", "community": community, "unit": unit,
            "correct_count": score.correct_count, "question_count": contest.question_count,
            "total_ms": score.total_ms, "attempts": attempts, "finished_at": score.finished_at}


def page(contest, actor, limit, offset):
    query = _query(contest, actor)
    total = db.session.execute(db.select(db.func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = db.session.execute(query.limit(limit).offset(offset)).all()
    return {"items": [_row(contest, *row) for row in rows], "total": total, "limit": limit, "offset": offset}


def workbook(contest, actor):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("竞赛成绩")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title = WriteOnlyCell(sheet, value=f"{contest.title} 成绩表（导出于 {stamp(utcnow())}）")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in db.session.execute(_query(contest, actor).execution_options(yield_per=500)):
        r = _row(contest, *row)
        sheet.append([r["rank"], r["name"], r["community"] or "", r["unit"] or "", r["correct_count"],
                      r["question_count"], round(r["total_ms"] / 1000, 1), r["attempts"], stamp(r["finished_at"])])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def certificate(contest, holder_id, now=None):
    """The certificate of honour of ``holder_id``: only once the contest has
    closed (ranks are final) and only for the first ``certificate_top`` places."""
    if contests.state(contest, now) != "closed":
        raise APIError("contest_not_closed")
    mine = leaderboard.people(contest.id, holder_id, limit=0)["mine"]
    if mine is None or mine["rank"] > contest.certificate_top:
        raise APIError("not_in_top")
    holder = db.session.get(User, holder_id)
    return render_certificate(holder.name or "", contest.title, mine["rank"], mine["correct_count"],
                              contest.question_count, chinese_date(contest.ends_at))


def render_certificate(name, title, rank, correct, total, date_text):
    lines = {"head": "荣 誉 证 书", "name": f"{name} 同志：",
             "body": f"在“{escape(title)}”中答对 {correct}/{total} 题，成绩优异，荣获<b>第 {rank} 名</b>。",
             "praise": "特发此证，以资鼓励。", "issuer": "下沙街道聚沙讲堂", "date": date_text}
    with embedded_font("".join(lines.values())) as font:
        out = BytesIO()
        width, height = landscape(A4)
        pdf = canvas.Canvas(out, pagesize=(width, height))
        pdf.setTitle(f"{title} 荣誉证书")
        pdf.setStrokeColor(RED)
        pdf.setLineWidth(6)
        pdf.rect(28, 28, width - 56, height - 56)
        pdf.setStrokeColor(GOLD)
        pdf.setLineWidth(1.5)
        pdf.rect(42, 42, width - 84, height - 84)
        pdf.setFillColor(RED)
        pdf.setFont(font, 44)
        pdf.drawCentredString(width / 2, height - 140, lines["head"])
        pdf.setFillColor(colors.black)
        pdf.setFont(font, 22)
        pdf.drawString(110, height - 220, lines["name"])
        style = ParagraphStyle("body", fontName=font, boldFontName=font, fontSize=18, leading=32,
                               firstLineIndent=36, wordWrap="CJK")
        body = Paragraph(f'{lines["body"]}{lines["praise"]}', style)
        _, used = body.wrapOn(pdf, width - 260, 200)
        body.drawOn(pdf, 130, height - 245 - used)
        pdf.setFont(font, 18)
        pdf.drawRightString(width - 120, 150, lines["issuer"])
        pdf.drawRightString(width - 120, 115, lines["date"])
        pdf.showPage()
        pdf.save()
    return out.getvalue()
