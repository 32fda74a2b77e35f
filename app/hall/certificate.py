"""The certificate of honour (荣誉证书) of a team in the award places of a
closed contest: an A4 landscape page with a red double frame, the award, the
team and whom it represents, its members, the issuer and a marked place for
the seal. Chinese text is Noto Serif SC embedded as a subset
(app/hours/pdf_font.py), so it shows in any PDF reader. The online contest's
certificate is app/quiz's; this one is the hall's own.
"""
from datetime import datetime, time
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.hall import rules, service
from app.hall.errors import hall_error
from app.hall.views import represents
from app.hours.pdf_font import embedded_font
from app.localtime import CHINA_TZ, chinese_date

RED = colors.HexColor("#C8161D")
GOLD = colors.HexColor("#B8860B")
GREY = colors.HexColor("#555555")
PAGE_W, PAGE_H = landscape(A4)
TITLE = "荣 誉 证 书"
ISSUER = "杭州市钱塘区下沙街道聚沙党建联盟"
SEAL_TEXT = "盖章处"


def _wrap(canvas, text, font, size, width):
    """Lines of ``text`` no wider than ``width`` (Chinese breaks anywhere)."""
    lines, line = [], ""
    for character in text:
        if canvas.stringWidth(line + character, font, size) > width:
            lines.append(line)
            line = character
        else:
            line += character
    return lines + [line] if line else lines


def _content(contest, team, standing):
    unit = represents(team)
    held = chinese_date(datetime.combine(contest.held_on, time(12), tzinfo=CHINA_TZ))
    who = f"{team.name}（代表{unit}）" if unit and unit not in team.name else team.name
    return {
        "addressee": f"{who}：",
        "body": f"在{held}举办的“{contest.title}”中，以{standing.total}分的成绩荣获",
        "award": rules.award_name(standing.rank),
        "closing": "特发此证，以资鼓励。",
        "members": "队员：" + "、".join(team.members) if team.members else "",
        "issuer": ISSUER,
        "date": chinese_date(contest.closed_at),
        "serial": f"编号：HALL-{contest.id:04d}-{team.id:04d}",
    }


def team_certificate(contest, team_id):
    """PDF bytes; 409 unless the contest is closed and the team is placed."""
    if contest.status != "closed":
        raise hall_error("contest_open")
    team = next((t for t in contest.teams if t.id == team_id), None)
    if team is None:
        raise hall_error("contest_team_not_found")
    standing = next(s for s in service.standings_of(contest) if s.team_id == team_id)
    if standing.rank > contest.award_places:
        raise hall_error("not_top_place")
    content = _content(contest, team, standing)
    with embedded_font("".join(content.values()) + TITLE + SEAL_TEXT + "　") as font:
        buffer = BytesIO()
        canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), initialFontName=font)
        canvas.setTitle(f"荣誉证书 {team.name}")
        canvas.setAuthor(ISSUER)
        _draw(canvas, content, font)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()


def _draw(c, content, font):
    c.setStrokeColor(RED)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.rect(16 * mm, 16 * mm, PAGE_W - 32 * mm, PAGE_H - 32 * mm)
    c.setFillColor(RED)
    c.setFont(font, 40)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 48 * mm, TITLE)

    left, width = 40 * mm, PAGE_W - 80 * mm
    y = PAGE_H - 72 * mm
    c.setFillColor(colors.black)
    c.setFont(font, 18)
    c.drawString(left, y, content["addressee"])
    y -= 13 * mm
    for line in _wrap(c, "　　" + content["body"], font, 17, width):
        c.drawString(left, y, line)
        y -= 10 * mm
    c.setFillColor(RED)
    c.setFont(font, 34)
    c.drawCentredString(PAGE_W / 2, y - 6 * mm, content["award"])
    y -= 22 * mm
    c.setFillColor(colors.black)
    c.setFont(font, 17)
    c.drawString(left, y, "　　" + content["closing"])
    if content["members"]:
        c.setFont(font, 12)
        c.setFillColor(GREY)
        for line in _wrap(c, content["members"], font, 12, width):
            y -= 9 * mm
            c.drawString(left, y, line)

    c.setFillColor(colors.black)
    c.setFont(font, 15)
    right = PAGE_W - 40 * mm
    c.drawRightString(right, 44 * mm, content["issuer"])
    c.drawRightString(right, 35 * mm, content["date"])
    radius = 20 * mm
    cx, cy = right - 30 * mm, 42 * mm
    c.setStrokeColor(RED)
    c.setLineWidth(0.8)
    c.setDash(3, 2)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    c.setDash()
    c.setFillColor(colors.HexColor("#E3A3A5"))
    c.setFont(font, 12)
    c.drawCentredString(cx, cy - radius + 5 * mm, SEAL_TEXT)
    c.setFillColor(GREY)
    c.setFont(font, 9)
    c.drawString(22 * mm, 20 * mm, content["serial"])
