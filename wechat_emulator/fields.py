"""Subscribe-message value rules (subscribeMessage.send, "参数值内容限制说明").

WeChat's documented limits, one validator per keyword type:

| type             | rule                                                                  |
| ---------------- | --------------------------------------------------------------------- |
| thing            | at most 20 characters; Chinese, digits, letters or symbols            |
| number           | at most 32 digits; digits only, may carry a decimal part              |
| letter           | at most 32 letters; letters only                                      |
| symbol           | at most 5 symbols; symbols only                                       |
| character_string | at most 32 digits, letters or symbols                                 |
| time             | 24-hour time, optionally with a date ("15:01", "2019年10月1日 15:01"); |
|                  | a range joins two points with "~"                                     |
| date             | a date, optionally with a 24-hour time ("2019年10月1日",              |
|                  | "2019年10月1日 15:01"); a range joins two points with "~"             |
| amount           | one currency symbol + at most 10 digits, may carry decimals,          |
|                  | may end with "元"                                                     |
| phone_number     | at most 17 digits and symbols ("+86-0766-66888866")                   |
| car_number       | at most 8; first and last may be Chinese, the rest letters or digits  |
| name             | at most 10 Chinese characters, or at most 20 letters or symbols;      |
|                  | Chinese mixed with letters counts as a Chinese name (10)              |
| phrase           | at most 5 Chinese characters, Chinese only                            |

Where the documentation is silent the emulator picks the stricter reading
(amount decimals: at most 2; number: no sign; dates are checked against the
calendar), so a value it accepts is one WeChat accepts too.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ARGUMENT_INVALID, WxError

FIELD_TYPES = (
    "thing", "number", "letter", "symbol", "character_string", "time", "date",
    "amount", "phone_number", "car_number", "name", "phrase",
)

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


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def _is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_symbol(ch: str) -> bool:
    """A printable non-alphanumeric, non-Chinese, non-space character."""
    if ch in _ASCII_SYMBOLS:
        return True
    return not ch.isalnum() and not ch.isspace() and not _is_cjk(ch) and ch.isprintable()


def _point_ok(match: re.Match | None) -> bool:
    if match is None:
        return False
    g = match.groupdict()
    if g.get("y"):
        month = g.get("m1") or g.get("m2")
        day = g.get("d1") or g.get("d2")
        try:
            _dt.date(int(g["y"]), int(month), int(day))
        except ValueError:
            return False
    if g.get("h") is not None:
        if int(g["h"]) > 23 or int(g["mi"]) > 59:
            return False
        if g.get("s") is not None and int(g["s"]) > 59:
            return False
    return True


def _range_ok(value: str, pattern: re.Pattern) -> bool:
    parts = value.split("~")
    if len(parts) > 2:
        return False
    return all(_point_ok(pattern.match(p.strip())) for p in parts)


def _thing(v: str) -> bool:
    return len(v) <= 20


def _number(v: str) -> bool:
    m = _NUMBER.match(v)
    if not m:
        return False
    return len(m.group(1)) + len(m.group(2) or "") <= 32


def _letter(v: str) -> bool:
    return len(v) <= 32 and all(_is_ascii_letter(c) for c in v)


def _symbol(v: str) -> bool:
    return len(v) <= 5 and all(_is_symbol(c) for c in v)


def _character_string(v: str) -> bool:
    return len(v) <= 32 and all(0x21 <= ord(c) <= 0x7E for c in v)


def _time(v: str) -> bool:
    return _range_ok(v, _TIME_POINT)


def _date(v: str) -> bool:
    return _range_ok(v, _DATE_POINT)


def _amount(v: str) -> bool:
    return bool(_AMOUNT.match(v))


def _phone_number(v: str) -> bool:
    if len(v) > 17 or not any(c.isdigit() for c in v):
        return False
    return all(c.isdigit() and c.isascii() or c in _ASCII_SYMBOLS or c == " " for c in v)


def _car_number(v: str) -> bool:
    if len(v) > 8:
        return False

    def alnum(c: str) -> bool:
        return c.isascii() and c.isalnum()

    if len(v) == 1:
        return alnum(v) or _is_cjk(v)
    middle_ok = all(alnum(c) for c in v[1:-1])
    return middle_ok and (alnum(v[0]) or _is_cjk(v[0])) and (alnum(v[-1]) or _is_cjk(v[-1]))


def _name(v: str) -> bool:
    if any(_is_cjk(c) for c in v):
        # Chinese, or Chinese mixed with letters: a Chinese name of at most 10.
        return len(v) <= 10 and all(_is_cjk(c) or _is_ascii_letter(c) or c in "·•" for c in v)
    if not any(_is_ascii_letter(c) for c in v):
        return False
    return len(v) <= 20 and all(_is_ascii_letter(c) or c == " " or _is_symbol(c) for c in v)


def _phrase(v: str) -> bool:
    return len(v) <= 5 and all(_is_cjk(c) for c in v)


VALIDATORS = {
    "thing": _thing,
    "number": _number,
    "letter": _letter,
    "symbol": _symbol,
    "character_string": _character_string,
    "time": _time,
    "date": _date,
    "amount": _amount,
    "phone_number": _phone_number,
    "car_number": _car_number,
    "name": _name,
    "phrase": _phrase,
}


def value_problem(field_type: str, value) -> str | None:
    """None when ``value`` is acceptable for ``field_type``, else "is empty" or "invalid"."""
    if value is None:
        return "is empty"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return "invalid"
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        return "is empty"
    return None if VALIDATORS[field_type](text) else "invalid"


def is_valid(field_type: str, value) -> bool:
    return value_problem(field_type, value) is None


def validate_data(template, data) -> dict:
    """Check ``data`` of a subscribe send against ``template``; return {key: value}.

    Raises WxError(47003) naming the first offending keyword, as WeChat does:
    ``argument invalid! data.time2.value is empty``.
    """
    if not isinstance(data, dict) or not data:
        raise WxError(ARGUMENT_INVALID, "argument invalid! data is empty")
    for key in data:
        if key not in template.keywords:
            raise WxError(ARGUMENT_INVALID, f"argument invalid! data.{key} is not a keyword of the template")
    values = {}
    for key, field_type in template.keywords.items():
        entry = data.get(key)
        value = entry.get("value") if isinstance(entry, dict) else None
        problem = value_problem(field_type, value)
        if problem:
            raise WxError(ARGUMENT_INVALID, f"argument invalid! data.{key}.value {problem}")
        values[key] = value if isinstance(value, str) else str(value)
    return values
