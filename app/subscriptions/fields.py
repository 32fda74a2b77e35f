"""WeChat's limits on subscribe-message values, checked before anything is
queued, with a Chinese reason an organiser can act on.

The rules follow subscribeMessage.send's "参数值内容限制说明". The emulator
(wechat_emulator/fields.py) checks the same rules on its side on purpose with
its own code: it is the judge in tests, so a mistake here shows up there
(tests/notices/test_fields.py compares the two verdicts).

Too-long ``thing`` values (free text) may be shortened by a visible rule:
cut to 19 characters and end with "…", so the preview shows exactly what
goes out. Every other type is refused instead: a shortened phone number or
date would be wrong, not just short.
"""
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

ELLIPSIS = "…"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_ASCII_SYMBOLS = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_CURRENCY = "¥￥$€£₩₹"
_DATE = r"(?P<y>\d{4})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))"
_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
_TIME_POINT = re.compile(rf"^(?:{_DATE}\s*)?{_TIME}$")
_DATE_POINT = re.compile(rf"^{_DATE}(?:\s*{_TIME})?$")
_NUMBER = re.compile(r"^(\d+)(?:\.(\d+))?$")
_AMOUNT = re.compile(rf"^[{_CURRENCY}]?\d{{1,10}}(?:\.\d{{1,2}})?元?$")


def _cjk(ch):
    return bool(_CJK_RE.match(ch))


def _letter(ch):
    return ch.isascii() and ch.isalpha()


def _symbol(ch):
    if ch in _ASCII_SYMBOLS:
        return True
    return not ch.isalnum() and not ch.isspace() and not _cjk(ch) and ch.isprintable()


@dataclass(frozen=True)
class FieldRule:
    max_length: int | None
    description: str
    check: Callable[[str], str | None]  # None when fine, else the reason in Chinese


def _too_long(value, limit, unit="个字"):
    if len(value) > limit:
        return f"最多 {limit} {unit}（现在 {len(value)} {unit}）"
    return None


def _check_thing(v):
    if any(not ch.isprintable() for ch in v):
        return "不能包含换行或控制字符"
    return _too_long(v, 20)


def _check_number(v):
    m = _NUMBER.match(v)
    if not m:
        return "只能填写数字（可带小数）"
    if len(m.group(1)) + len(m.group(2) or "") > 32:
        return "最多 32 位数字"
    return None


def _check_letter(v):
    if not all(_letter(c) for c in v):
        return "只能填写英文字母"
    return _too_long(v, 32, "个字母")


def _check_symbol(v):
    if not all(_symbol(c) for c in v):
        return "只能填写符号"
    return _too_long(v, 5, "个符号")


def _check_character_string(v):
    if not all(0x21 <= ord(c) <= 0x7E for c in v):
        return "只能填写数字、英文字母或符号"
    return _too_long(v, 32, "个字符")


def _point_ok(match):
    if match is None:
        return False
    g = match.groupdict()
    if g.get("y"):
        try:
            dt.date(int(g["y"]), int(g.get("m1") or g.get("m2")), int(g.get("d1") or g.get("d2")))
        except ValueError:
            return False
    if g.get("h") is not None:
        if int(g["h"]) > 23 or int(g["mi"]) > 59 or (g.get("s") is not None and int(g["s"]) > 59):
            return False
    return True


def _range_ok(value, pattern):
    parts = value.split("~")
    return len(parts) <= 2 and all(_point_ok(pattern.match(p.strip())) for p in parts)


def _check_time(v):
    return None if _range_ok(v, _TIME_POINT) else "时间格式应为“15:01”或“2026年5月10日 15:01”，区间用“~”连接"


def _check_date(v):
    return None if _range_ok(v, _DATE_POINT) else "日期格式应为“2026年5月10日”（可带时间“15:01”），区间用“~”连接"


def _check_amount(v):
    return None if _AMOUNT.match(v) else "金额格式应为“¥100.50”或“100元”，最多 10 位整数"


def _check_phone_number(v):
    if not all((c.isascii() and c.isdigit()) or c in _ASCII_SYMBOLS or c == " " for c in v) \
            or not any(c.isdigit() for c in v):
        return "只能填写数字和符号，例如“0571-86000000”"
    return _too_long(v, 17, "位")


def _check_car_number(v):
    def alnum(c):
        return c.isascii() and c.isalnum()

    if len(v) > 8:
        return "车牌号最多 8 位"
    ends_ok = (alnum(v[0]) or _cjk(v[0])) and (alnum(v[-1]) or _cjk(v[-1]))
    if not ends_ok or not all(alnum(c) for c in v[1:-1]):
        return "车牌号只能首尾为汉字，其余为字母或数字"
    return None


def _check_name(v):
    if any(_cjk(c) for c in v):
        if not all(_cjk(c) or _letter(c) or c in "·•" for c in v):
            return "姓名只能包含汉字或字母"
        return _too_long(v, 10)
    if not any(_letter(c) for c in v) or not all(_letter(c) or c == " " or _symbol(c) for c in v):
        return "姓名只能包含汉字、字母或符号"
    return _too_long(v, 20, "个字母")


def _check_phrase(v):
    if not all(_cjk(c) for c in v):
        return "只能填写汉字"
    return _too_long(v, 5)


FIELD_RULES = {
    "thing": FieldRule(20, "20 个字以内，可含汉字、数字、字母、符号", _check_thing),
    "number": FieldRule(32, "32 位以内数字，可带小数", _check_number),
    "letter": FieldRule(32, "32 个以内英文字母", _check_letter),
    "symbol": FieldRule(5, "5 个以内符号", _check_symbol),
    "character_string": FieldRule(32, "32 个以内数字、字母或符号", _check_character_string),
    "time": FieldRule(None, "24 小时制时间，可带日期，如“2026年5月10日 15:01”", _check_time),
    "date": FieldRule(None, "日期，可带时间，如“2026年5月10日”", _check_date),
    "amount": FieldRule(None, "金额：货币符号加 10 位以内数字，可带小数和“元”", _check_amount),
    "phone_number": FieldRule(17, "17 位以内数字和符号", _check_phone_number),
    "car_number": FieldRule(8, "8 位以内车牌号", _check_car_number),
    "name": FieldRule(10, "10 个以内汉字或 20 个以内字母", _check_name),
    "phrase": FieldRule(5, "5 个以内汉字", _check_phrase),
}


def problem(field_type, value):
    """None when ``value`` is acceptable for ``field_type``, else the reason in Chinese."""
    if not isinstance(value, str) or not value.strip():
        return "不能为空"
    return FIELD_RULES[field_type].check(value)


def shorten_thing(value, limit=20):
    """The visible shortening rule for free text: 19 characters and "…"."""
    if len(value) <= limit:
        return value
    return value[: limit - 1] + ELLIPSIS


@dataclass
class CheckedValues:
    values: dict       # key -> value as it will be sent
    shortened: list    # [{"key", "label", "original", "value"}]
    problems: dict     # key -> Chinese reason (label included)


def check_values(template, raw_values, shorten=False):
    """Check every field of ``template`` in ``raw_values``; shorten ``thing``
    fields when asked. Unknown and missing keys are problems too."""
    values, shortened, problems = {}, [], {}
    for key in raw_values:
        if template.field(key) is None:
            problems[key] = f"模板“{template.title}”没有字段 {key}"
    for field in template.fields:
        value = raw_values.get(field.key)
        if isinstance(value, str):
            value = value.strip()
        if shorten and field.type == "thing" and isinstance(value, str) and len(value) > 20 \
                and _check_thing(value[:20]) is None:
            short = shorten_thing(value)
            shortened.append({"key": field.key, "label": field.label, "original": value, "value": short})
            value = short
        reason = problem(field.type, value)
        if reason:
            problems[field.key] = f"「{field.label}」{reason}"
        else:
            values[field.key] = value
    return CheckedValues(values, shortened, problems)


def wechat_data(values):
    """The ``data`` object subscribeMessage.send takes."""
    return {key: {"value": value} for key, value in values.items()}
