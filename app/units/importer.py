"""The office's spreadsheet of member units, read, checked and loaded whole.

Columns (first row, any order; * required): 单位名称*, 单位类型*, 层级*,
所属社区 (required for 社区级), 党组织名称, 地址, 纬度, 经度 (GCJ-02, both or
neither), 加入日期, 联系人手机号. Every row is checked before anything is
written; any error and nothing is written (``ImportRefused`` carries every
error as (row, column, Chinese reason)). A unit whose name exists already is
updated (its status left alone), so running the import again changes nothing
new. A contact's phone number that belongs to a person gives them the
unit_contact grant (app/auth/grants.py); an unknown number is reported, not
an error (they sign in later and the office grants it then)."""
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import load_workbook

from app.auth import grants, roles
from app.extensions import db
from app.models import Community, MemberUnit, User
from app.schemas import CONTROL_CHARACTERS
from app.units import service
from app.units.vocabulary import KIND_BY_LABEL, LEVEL_BY_LABEL, LEVEL_LABELS, UNIT_KIND_LABELS, choices

COLUMNS = ("单位名称", "单位类型", "层级", "所属社区", "党组织名称", "地址", "纬度", "经度", "加入日期", "联系人手机号")
REQUIRED = ("单位名称", "单位类型", "层级")
LENGTHS = {"单位名称": 128, "党组织名称": 128, "地址": 255}
IMPORTED_REASON = "名单导入：加入联盟"
MOBILE = re.compile(r"^1[3-9]\d{9}$")
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"第 {self.row} 行「{self.column}」：{self.reason}"


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class UnitRow:
    row: int
    fields: dict
    phone: str = None


@dataclass
class Summary:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    granted: list = field(default_factory=list)
    unknown_phones: list = field(default_factory=list)


def _text(value):
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise ValueError(value)


def _number(value):
    if isinstance(value, bool):
        raise ValueError(value)
    return float(value)


class _Checker:
    """Checks one row's cells, collecting errors instead of stopping at the first."""

    def __init__(self, row, cells, communities, errors):
        self.row, self.cells, self.communities, self.errors = row, cells, communities, errors

    def fail(self, column, reason):
        self.errors.append(RowError(self.row, column, reason))

    def text(self, column):
        value = _text(self.cells.get(column))
        if value is not None and CONTROL.search(value):
            self.fail(column, "不能包含控制字符")
            return None
        if value is not None and column in LENGTHS and len(value) > LENGTHS[column]:
            self.fail(column, f"长度不能超过 {LENGTHS[column]} 个字")
            return None
        if value is None and column in REQUIRED:
            self.fail(column, "必填项")
        return value

    def choice(self, column, table, labels):
        value = self.text(column)
        if value is not None and value not in table:
            self.fail(column, f"「{value}」不是可选值，请填写：{choices(labels)}")
            return None
        return table.get(value) if value is not None else None

    def coordinate(self, column, low, high):
        value = self.cells.get(column)
        if _text(value) is None:
            return None
        try:
            number = _number(value)
        except (TypeError, ValueError):
            self.fail(column, "请填写数字（GCJ-02 坐标）")
            return None
        if not low <= number <= high:
            self.fail(column, f"须在 {low:g} 到 {high:g} 之间（中国境内，GCJ-02 坐标）")
            return None
        return number

    def check(self):
        fields = {"name": self.text("单位名称"),
                  "kind": self.choice("单位类型", KIND_BY_LABEL, UNIT_KIND_LABELS),
                  "level": self.choice("层级", LEVEL_BY_LABEL, LEVEL_LABELS),
                  "party_org_name": self.text("党组织名称"), "address": self.text("地址"),
                  "latitude": self.coordinate("纬度", 3, 54), "longitude": self.coordinate("经度", 73, 136)}
        community = self.text("所属社区")
        fields["community_id"] = None
        if community is not None:
            found = self.communities.get(community) or self.communities.get(community + "社区")
            if found is None:
                self.fail("所属社区", f"没有名为「{community}」的社区")
            else:
                fields["community_id"] = found
        elif fields["level"] == "community":
            self.fail("所属社区", "社区级单位须填写所属社区")
        latitude_given = _text(self.cells.get("纬度")) is not None
        if latitude_given != (_text(self.cells.get("经度")) is not None):
            self.fail("经度" if latitude_given else "纬度", "纬度和经度须同时填写")
        joined = self.cells.get("加入日期")
        fields["joined_on"] = None
        if _text(joined) is not None:
            try:
                fields["joined_on"] = _date(joined if not isinstance(joined, str) else joined.strip())
            except (TypeError, ValueError):
                self.fail("加入日期", "日期格式不正确，例如 2021-03-05")
        phone = self.text("联系人手机号")
        if phone is not None and not MOBILE.match(phone):
            self.fail("联系人手机号", "请填写 11 位手机号码")
            phone = None
        return UnitRow(self.row, fields, phone)


def _open(path):
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused([RowError(0, "文件", f"无法读取为 Excel（.xlsx）文件：{exc.__class__.__name__}")]) from exc


def read(path, progress=None):
    """[UnitRow] of the workbook's first sheet; raises ImportRefused with every error."""
    workbook = _open(path)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows:
        raise ImportRefused([RowError(1, "表头", "表格是空的")])
    header = [_text(cell) for cell in rows[0]]
    missing = [c for c in REQUIRED + ("所属社区",) if c not in header]
    if missing:
        raise ImportRefused([RowError(1, c, "缺少这一列") for c in missing])
    index = {name: header.index(name) for name in COLUMNS if name in header}
    communities = {c.name: c.id for c in db.session.execute(db.select(Community)).scalars()}
    errors, found, seen = [], [], {}
    for number, values in enumerate(rows[1:], start=2):
        if progress:
            progress(1)
        if all(_text(v) is None for v in values):
            continue
        cells = {name: values[i] if i < len(values) else None for name, i in index.items()}
        unit_row = _Checker(number, cells, communities, errors).check()
        name = unit_row.fields["name"]
        if name is not None and name in seen:
            errors.append(RowError(number, "单位名称", f"与第 {seen[name]} 行重复"))
        elif name is not None:
            seen[name] = number
        found.append(unit_row)
    if errors:
        raise ImportRefused(errors)
    return found


def count_rows(path):
    """Rows under the header, for the progress bar."""
    workbook = _open(path)
    count = max(0, (workbook.worksheets[0].max_row or 1) - 1)
    workbook.close()
    return count


def apply(unit_rows, progress=None, actor_label="import-units"):
    """Write every row in the session's transaction (the caller commits or
    rolls back: a dry run rolls back). Returns a Summary."""
    summary = Summary()
    for unit_row in unit_rows:
        fields = unit_row.fields
        unit = db.session.execute(db.select(MemberUnit).where(MemberUnit.name == fields["name"])).scalar_one_or_none()
        if unit is None:
            unit = MemberUnit(status="active", **fields)
            db.session.add(unit)
            db.session.flush()
            service.record_status(unit, "active", IMPORTED_REASON, None)
            summary.created.append(unit.name)
        elif any(getattr(unit, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(unit, key, value)
            summary.updated.append(unit.name)
        else:
            summary.unchanged.append(unit.name)
        if unit_row.phone:
            person = db.session.execute(db.select(User).where(User.phone == unit_row.phone, User.is_active.is_(True))
                                        .order_by(User.id).limit(1)).scalar_one_or_none()
            if person is None:
                summary.unknown_phones.append((unit_row.row, unit.name, unit_row.phone))
            else:
                _, created = grants.give(person, roles.UNIT_CONTACT, roles.MEMBER_UNIT, unit.id,
                                         actor_label=actor_label, commit=False)
                if created:
                    summary.granted.append((unit.name, person.name or f"用户{person.id}"))
        if progress:
            progress(1)
    db.session.flush()
    return summary
