"""The yearly fulfilment report as files the office prints and files: XLSX
(openpyxl) and an A4 PDF (reportlab, with the certificate's embedded Chinese
font, app/hours/pdf_font.py, so it shows in any reader). Both lay out the
same sections (``sections``)."""
import re
from io import BytesIO
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.hours.pdf_font import embedded_font
from app.localtime import local

NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,4})?")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RED = colors.HexColor("#C8161D")
PROJECT_HEADER = ("项目", "类型", "状态", "活动数", "已举办", "签到人次", "单位志愿时长", "里程碑", "进度")
RATING_HEADER = ("社区", "评分", "评语")
PROJECTS_HEADING = "项目清单"
RATINGS_HEADING = "双向评价：本单位对社区的评价"
SCORING_LABEL, GENERATED_LABEL = "评分规则", "生成时间"


def _value(value, suffix=""):
    return "—" if value is None else f"{value:g}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def _percent(rate):
    return "—" if rate is None else f"{round(rate * 100)}%"


def title_of(report):
    return f"{report['unit']['name']} {report['year']}年度履职情况"


def sections(report):
    """[(section title, [(label, value text)])] in the order both files show them."""
    unit, duties, whistles = report["unit"], report["duties"], report["whistles"]
    community = unit["community"].name if unit.get("community") is not None else "—"
    return [
        ("单位信息", [("单位名称", unit["name"]), ("单位类型", unit["kind_label"]), ("层级", unit["level_label"]),
                  ("所属社区", community), ("年度", f"{report['year']}年")]),
        ("需求履职（需求清单→履职清单）", [
            ("接单数", _value(duties["accepted"])), ("完成数", _value(duties["done"])),
            ("按时完成数", _value(duties["on_time"])), ("按时完成率", _percent(duties["on_time_rate"])),
            ("评价数", _value(duties["rated"])), ("平均评分", _value(duties["average_rating"], " 星"))]),
        ("基层吹哨·联盟报到", [
            ("收到吹哨", _value(whistles["addressed"])), ("报到次数", _value(whistles["reported"])),
            ("响应率", _percent(whistles["response_rate"])),
            ("平均响应时间", _value(whistles["average_response_minutes"], " 分钟"))]),
        ("活动与志愿服务", [
            ("主办活动", _value(report["events_hosted"], " 场")),
            ("单位人员志愿服务时长", _value(report["volunteer_hours"], " 小时")),
            ("项目", f"共 {report['projects']['total']} 个（必选 {report['projects']['mandatory']}、"
                    f"自选 {report['projects']['optional']}），已完成 {report['projects']['done']} 个"),
            ("综合得分", _value(report["points"]))]),
    ]


def project_rows(report):
    rows = []
    for item in report["projects"]["items"]:
        p = item["progress"]
        rows.append((item["title"], item["kind_label"], item["status_label"], str(p["events_linked"]),
                     str(p["events_held"]), str(p["attendance"]), f"{p['unit_volunteer_hours']:g}",
                     f"{p['milestones_done']}/{p['milestones_total']}",
                     "—" if p["percent"] is None else f"{p['percent']}%"))
    return rows


def rating_rows(report):
    return [(r["community"].name, f"{r['stars']} 星", r["comment"] or "") for r in report["community_ratings"]]


def _text_cell(cell, value):
    """Counts as numbers (a spreadsheet sums them); any other text typed as
    text, so a title starting with "=" stays text, never a formula."""
    if isinstance(value, str) and NUMBER.fullmatch(value):
        cell.value = float(value) if "." in value else int(value)
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def report_xlsx(report):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "履职情况"
    sheet.column_dimensions["A"].width = 26
    for column in "BCDEFGHI":
        sheet.column_dimensions[column].width = 14
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F2E6E6")
    _text_cell(sheet.cell(row=1, column=1), title_of(report))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = 3
    for heading, lines in sections(report):
        cell = sheet.cell(row=row, column=1)
        _text_cell(cell, heading)
        cell.font, cell.fill = bold, fill
        row += 1
        for label, value in lines:
            _text_cell(sheet.cell(row=row, column=1), label)
            _text_cell(sheet.cell(row=row, column=2), value)
            row += 1
        row += 1
    for heading, header, rows in ((PROJECTS_HEADING, PROJECT_HEADER, project_rows(report)),
                                  (RATINGS_HEADING, RATING_HEADER, rating_rows(report))):
        _text_cell(sheet.cell(row=row, column=1), heading)
        sheet.cell(row=row, column=1).font = bold
        row += 1
        for index, title in enumerate(header, start=1):
            cell = sheet.cell(row=row, column=index)
            _text_cell(cell, title)
            cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center")
        row += 1
        for values in rows or [("暂无",)]:
            for index, value in enumerate(values, start=1):
                _text_cell(sheet.cell(row=row, column=index), value)
            row += 1
        row += 1
    _text_cell(sheet.cell(row=row, column=1), SCORING_LABEL)
    _text_cell(sheet.cell(row=row, column=2), report["scoring"])
    _text_cell(sheet.cell(row=row + 1, column=1), GENERATED_LABEL)
    _text_cell(sheet.cell(row=row + 1, column=2), local(report["generated_at"]).strftime("%Y-%m-%d %H:%M"))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _all_text(report):
    parts = [title_of(report), report["scoring"], *PROJECT_HEADER, *RATING_HEADER, PROJECTS_HEADING,
             RATINGS_HEADING, SCORING_LABEL, GENERATED_LABEL, "暂无第页　％：，"]
    parts += [f"{h}{label}{value}" for h, lines in sections(report) for label, value in lines]
    parts += ["".join(r) for r in project_rows(report) + rating_rows(report)]
    return "".join(parts)


def _table(header, rows, widths, style):
    cells = [[Paragraph(escape(h), style) for h in header]]
    cells += [[Paragraph(escape(v), style) for v in r] for r in rows] or \
        [[Paragraph("暂无", style)] + [Paragraph("", style)] * (len(header) - 1)]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), style.fontName),
    ]))
    return table


def report_pdf(report):
    with embedded_font(_all_text(report)) as font:
        base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
        title = ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, textColor=RED)
        heading = ParagraphStyle("heading", parent=base, fontSize=12.5, leading=20, textColor=RED)
        cell = ParagraphStyle("cell", parent=base, fontSize=9, leading=12)
        small = ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=colors.HexColor("#555555"))
        width = A4[0] - 40 * mm
        story = [Paragraph(escape(title_of(report)), title), Spacer(1, 6 * mm)]
        for name, lines in sections(report):
            story.append(Paragraph(escape(name), heading))
            pairs = [lines[i:i + 2] for i in range(0, len(lines), 2)]
            rows = [sum(([label, value] for label, value in pair), []) + ["", ""] * (2 - len(pair)) for pair in pairs]
            table = Table([[Paragraph(escape(v), cell) for v in r] for r in rows],
                          colWidths=[width * 0.2, width * 0.3, width * 0.2, width * 0.3])
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#D9B8B8")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#FBF3F3")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#FBF3F3")),
                ("FONTNAME", (0, 0), (-1, -1), font),
            ]))
            story += [table, Spacer(1, 4 * mm)]
        story += [Paragraph(PROJECTS_HEADING, heading),
                  _table(PROJECT_HEADER, project_rows(report), [width * w for w in
                         (0.24, 0.07, 0.09, 0.09, 0.08, 0.1, 0.13, 0.1, 0.1)], cell),
                  Spacer(1, 4 * mm), Paragraph(RATINGS_HEADING, heading),
                  _table(RATING_HEADER, rating_rows(report), [width * 0.25, width * 0.15, width * 0.6], cell),
                  Spacer(1, 5 * mm), Paragraph(escape(f"{SCORING_LABEL}：{report['scoring']}"), small),
                  Paragraph(f"{GENERATED_LABEL}：" + local(report["generated_at"]).strftime("%Y-%m-%d %H:%M"), small)]
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title=title_of(report), author="聚沙党建联盟",
                                initialFontName=font)

        def footer(canvas, doc):
            canvas.saveState()
            canvas.setFont(font, 8)
            canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页")
            canvas.restoreState()

        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()
