"""A branch's learning records of a year as an XLSX workbook (openpyxl
write-only: rows go to a temporary file as they are made, in pages of
members, and the file is streamed back in chunks), one row per confirmed
member: 姓名 | 在职党员 | 工作单位 | 参加党课/主题党日（次）| 志愿服务时长（小时）| one
column per contributed section (its summary line)."""
import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.localtime import local
from app.models import utcnow
from app.party.learning import branch_rows

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("姓名", "在职党员", "工作单位", "参加党课/主题党日（次）", "志愿服务时长（小时）")
PAGE = 200
CHUNK = 64 * 1024


def _text_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # names are typed by people: "=..." stays text, never a formula
    return cell


def write(out, branch, year):
    """Write the workbook to ``out``; returns the number of member rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"{year}年学习档案")
    rows, total, titles = branch_rows(branch.id, year, PAGE, 0)
    names = sorted(titles)
    header = []
    for title in HEADERS + tuple(titles[n] for n in names):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    written, offset = 0, 0
    while rows:
        for row in rows:
            values = [row["member"]["name"] or "", "是" if row["in_service"] else "否",
                      (row["work_unit"] or {}).get("name") or "", row["lecture_count"], row["hours"]]
            values += [row["sections"].get(n, "") for n in names]
            sheet.append([_text_cell(sheet, v) for v in values])
            written += 1
        offset += PAGE
        rows = branch_rows(branch.id, year, PAGE, offset)[0] if offset < total else []
    notes = workbook.create_sheet("说明")
    for line in (("党组织", branch.name), ("年度", f"{year}年（北京时间）"),
                 ("导出时间", local(utcnow()).strftime("%Y-%m-%d %H:%M")), ("党员人数（已确认）", written),
                 ("党课", "按签到记录统计参加的聚沙讲堂、共享党课和主题党日"),
                 ("时长", "已审核的志愿服务时长，含更正")):
        notes.append(line)
    workbook.save(out)
    return written


def stream(branch, year):
    """(chunks of the finished workbook, rows): a generator over a temporary
    file, closed (and so removed) when the last chunk is sent."""
    spool = tempfile.TemporaryFile()
    written = write(spool, branch, year)
    spool.seek(0)

    def chunks():
        with spool:
            while True:
                data = spool.read(CHUNK)
                if not data:
                    break
                yield data
    return chunks(), written
