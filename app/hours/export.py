"""Approved hours as an XLSX workbook for import into 志愿浙江 / 全国志愿服务信息系统.

No import template of either system is public, so the layout is the one the
issue asks for and the systems' manual batch-entry ("时长补录") forms use:
one row per service record, Chinese headers, in this order:

  姓名 | 身份证号（脱敏） | 手机号码 | 服务项目 | 服务地点 | 开始时间 | 结束时间 | 服务时长（小时）

Times are China time as real Excel datetimes (yyyy-mm-dd hh:mm); the ID
number is masked (3301**********1234), so organisers match volunteers by
phone; hours are the record's net ledger hours (approval plus corrections).
A second sheet "说明" states the range, the count, the total and the rules.
Records of closed (anonymised) accounts and records corrected to zero are
left out: they cannot be matched to a person or carry no hours.
"""
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.auth import policy
from app.extensions import db
from app.hours import rules
from app.localtime import CHINA_TZ, local
from app.models import Community, Event, HoursLedgerEntry, MemberUnit, ServiceRecord, User, VolunteerProfile, utcnow

HEADERS = ("姓名", "身份证号（脱敏）", "手机号码", "服务项目", "服务地点", "开始时间", "结束时间", "服务时长（小时）")
WIDTHS = (10, 22, 15, 30, 28, 18, 18, 16)
MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_ROWS = 1000


def _bounds(date_from, date_to):
    return (datetime.combine(date_from, time.min, tzinfo=CHINA_TZ),
            datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=CHINA_TZ))


def _first_filled(*columns):
    """The first column neither NULL nor empty, else "" (Python's ``a or b or ""``)."""
    return db.func.coalesce(*(db.func.nullif(column, "") for column in columns), "")


def _query(date_from, date_to, actor):
    start, end = _bounds(date_from, date_to)
    # The record's net minutes, summed over its own ledger rows (an index
    # lookup per record): a grouped subquery over the whole ledger would be
    # summed again for every page of the export.
    net = (db.select(db.func.sum(HoursLedgerEntry.minutes))
           .where(HoursLedgerEntry.service_record_id == ServiceRecord.id)
           .correlate(ServiceRecord).scalar_subquery())
    # Columns, not entities: the export reads hundreds of thousands of rows,
    # and building ORM objects for four tables per row was half its time.
    query = (
        db.select(ServiceRecord.started_at, ServiceRecord.id, ServiceRecord.ended_at,
                  _first_filled(VolunteerProfile.real_name, User.name),
                  _first_filled(VolunteerProfile.id_number_masked),
                  _first_filled(VolunteerProfile.phone, User.phone),
                  Event.title, _first_filled(Event.venue, Community.name, MemberUnit.name),
                  net.label("minutes"))
        .join(Event, Event.id == ServiceRecord.event_id)
        .outerjoin(Community, Community.id == Event.host_community_id)
        .outerjoin(MemberUnit, MemberUnit.id == Event.host_member_unit_id)
        .join(User, User.id == ServiceRecord.user_id)
        .outerjoin(VolunteerProfile, VolunteerProfile.user_id == ServiceRecord.user_id)
        .where(ServiceRecord.status == "approved", ServiceRecord.started_at >= start,
               ServiceRecord.started_at < end, net > 0, User.is_active.is_(True))
        .where((VolunteerProfile.status.is_(None)) | (VolunteerProfile.status != "closed"))
        .order_by(ServiceRecord.started_at, ServiceRecord.id)
    )
    if actor is not None:  # None: the operator's command line, which exports everything
        query = query.where(policy.events.managed_clause(actor))
    return query


def count_rows(date_from, date_to, actor=None):
    return db.session.execute(db.select(db.func.count()).select_from(_query(date_from, date_to, actor).subquery())).scalar_one()


def more_rows_than(limit, date_from, date_to, actor=None):
    """Whether the export has over ``limit`` rows: reads limit + 1 of them
    where counting a year's would read them all (seconds at district size)."""
    query = _query(date_from, date_to, actor).with_only_columns(ServiceRecord.id).order_by(None)
    return db.session.execute(query.offset(limit).limit(1)).first() is not None


def _naive_local(dt):
    """China time to the minute, as the volunteer systems record it."""
    return local(dt).replace(tzinfo=None, second=0, microsecond=0) if dt is not None else None


def _pages(date_from, date_to, actor, on_page):
    """The rows a page at a time, each page after the last one's (started_at,
    id): short queries, no transaction held open for the whole export, so a
    background job may commit its progress between pages (``on_page``).

    The next page is read by a thread on a connection of its own while this
    one's rows are written: PostgreSQL works on it on another core while
    openpyxl, which bounds a year's export, works here."""
    query = _query(date_from, date_to, actor)
    engine = db.engine

    def read(after):
        page = query
        if after is not None:
            # The first condition alone lets the index on started_at start
            # at the page; the second orders ties by id.
            page = page.where(ServiceRecord.started_at >= after[0],
                              (ServiceRecord.started_at > after[0])
                              | ((ServiceRecord.started_at == after[0]) & (ServiceRecord.id > after[1])))
        with engine.connect() as connection:
            return connection.execute(page.limit(PAGE_ROWS)).all()

    # Leaving the block (the last page, or the consumer gone) waits for a page
    # still being read, so no thread outlives the export.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="hours-export-reader") as reader:
        pending = reader.submit(read, None)
        while True:
            rows = pending.result()
            if len(rows) == PAGE_ROWS:
                pending = reader.submit(read, (rows[-1].started_at, rows[-1].id))
            yield from rows
            if len(rows) < PAGE_ROWS:
                return
            if on_page is not None:
                on_page()


def iter_rows(date_from, date_to, actor=None, on_page=None):
    for started_at, _id, ended_at, name, id_masked, phone, title, place, minutes in _pages(
            date_from, date_to, actor, on_page):
        yield (name, id_masked, phone, title, place, _naive_local(started_at), _naive_local(ended_at),
               rules.hours(minutes)), minutes


# Number formats by column: dates and hours as Excel shows them; the masked ID
# and the phone as text, keeping leading digits and asterisks as typed.
COLUMN_FORMATS = {1: "@", 2: "@", 5: "yyyy-mm-dd hh:mm", 6: "yyyy-mm-dd hh:mm", 7: "0.00"}


class _RowCells:
    """A row's values as openpyxl write-only wants them, made fast: plain
    values where the column has no format, and for the formatted columns one
    styled cell each, made once and given each row's value (write-only mode
    writes a row out before the next is appended). A year is 400,000 rows, and
    building and styling a cell per value was a third of the export's time."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.formatted = {}
        for index, number_format in COLUMN_FORMATS.items():
            self.formatted[index] = cell = WriteOnlyCell(sheet)
            cell.number_format = number_format

    def row(self, values):
        return [self._cell(index, value) for index, value in enumerate(values)]

    def _cell(self, index, value):
        if isinstance(value, str) and value[:1] in ("=", "#"):
            # openpyxl stores text starting with "=" as a formula (and "#N/A"
            # and the like as errors); names are typed by volunteers
            # themselves, so "=HYPERLINK(...)" would run in the organiser's
            # Excel. Typed as text it stays exactly what was entered (no
            # apostrophe to spoil the import).
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.data_type = "s"
            if index in COLUMN_FORMATS:
                cell.number_format = COLUMN_FORMATS[index]
            return cell
        cell = self.formatted.get(index)
        if cell is None or value is None:
            return value
        cell.value = value
        return cell


def write_workbook(out, date_from, date_to, actor=None, progress=None, on_page=None):
    """Write the workbook to ``out`` (a path or a binary file), row by row
    (openpyxl write-only); ``progress`` is called with each row written,
    ``on_page`` after each page of rows read. Returns (rows, total minutes)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("志愿服务时长")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    header_fill = PatternFill("solid", fgColor="F2E6E6")
    header_row = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill, cell.alignment = Font(bold=True), header_fill, Alignment(horizontal="center")
        header_row.append(cell)
    sheet.append(header_row)
    cells = _RowCells(sheet)
    count = total = 0
    for values, minutes in iter_rows(date_from, date_to, actor, on_page):
        sheet.append(cells.row(values))
        count, total = count + 1, total + minutes
        if progress:
            progress(1)
    notes = workbook.create_sheet("说明")
    for line in (
        ("导出范围", f"{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}（按服务开始日期，北京时间）"),
        ("导出时间", local(utcnow()).strftime("%Y-%m-%d %H:%M")),
        ("记录数", count),
        ("合计时长（小时）", rules.hours(total)),
        ("时长规则", rules.ROUNDING_RULE + "；已计入审核后的更正"),
        ("身份证号", "已脱敏；导入时请以手机号码匹配志愿者"),
        ("未导出", "已注销账号的记录、更正为 0 小时的记录"),
    ):
        notes.append(line)
    workbook.save(out)
    return count, total


def filename(date_from, date_to):
    return f"志愿服务时长_{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"


def _write_for_job(out, params, requester, on_page):
    """An export job's file (app/exports/jobs.py): the same workbook, with the
    requester's scope, progress after each page."""
    date_from, date_to = date.fromisoformat(params["from"]), date.fromisoformat(params["to"])
    done = 0

    def count(_):
        nonlocal done
        done += 1

    rows, minutes = write_workbook(out, date_from, date_to, requester, progress=count,
                                   on_page=lambda: on_page(done))
    return rows, {"from": params["from"], "to": params["to"], "minutes": minutes}


def register_export_job():
    from app.exports import jobs

    jobs.register("hours", _write_for_job,
                  lambda params: filename(date.fromisoformat(params["from"]), date.fromisoformat(params["to"])),
                  audit_action="hours.export")
