"""Marshmallow pieces for the events area: Chinese error messages that the
mini-program can show as they are, and time fields in Shanghai time."""
import re
from datetime import date, datetime

from marshmallow import Schema, fields

from app.datetimes import LocalDateTime  # noqa: F401  (the shared field; events schemas import it from here)
from app.validators import CONTROL_CHARACTERS

ISO_EXAMPLE = "2026-12-13T09:00:00+08:00"

_COMMON = {
    "required": "必填项",
    "null": "不能为空",
    "validator_failed": "取值不符合要求",
    "invalid_utf8": "文字编码不正确",
    "too_large": "数值过大",
    "format": "格式不正确",
    "invalid_awareness": f"时间必须带时区，例如 {ISO_EXAMPLE}",
}

# Most specific class first: the first match names the "invalid" message.
# (fields.Url builds its validator from its own message: pass error_messages.)
_INVALID = (
    (fields.Boolean, "请填写 true 或 false"),
    (fields.Integer, "请输入整数"),
    (fields.Number, "请输入数字"),
    (fields.DateTime, f"请输入 ISO 8601 时间，例如 {ISO_EXAMPLE}"),
    (fields.Date, "请输入日期，例如 2026-12-13"),
    (fields.String, "请输入文字"),
    (fields.List, "请提交列表"),
)


class ChineseSchema(Schema):
    """A schema whose built-in error messages are in Chinese."""

    error_messages = {"unknown": "不支持的字段", "type": "请求格式不正确"}

    def on_bind_field(self, field_name, field_obj):
        for key, message in _COMMON.items():
            if key in field_obj.error_messages and _is_default(field_obj, key):
                field_obj.error_messages[key] = message
        if "invalid" in field_obj.error_messages and _is_default(field_obj, "invalid"):
            for kind, message in _INVALID:
                if isinstance(field_obj, kind):
                    field_obj.error_messages["invalid"] = message
                    break
            else:
                field_obj.error_messages["invalid"] = "格式不正确"


def _is_default(field_obj, key):
    for klass in type(field_obj).__mro__:
        defaults = getattr(klass, "default_error_messages", {})
        if key in defaults:
            return field_obj.error_messages[key] == defaults[key]
    return True


class Text(fields.String):
    """A string without control characters (PostgreSQL refuses NUL in text;
    the rest would only garble a phone's screen). Newlines and tabs are fine."""

    default_error_messages = {"control": "不能包含控制字符"}
    CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if self.CONTROL.search(text):
            raise self.make_error("control")
        return text


class DateOrDateTime(fields.Field):
    """A query bound: ``2026-12-13`` (a whole day in Shanghai) or an ISO 8601
    datetime (without an offset it is read as Shanghai time)."""

    default_error_messages = {"invalid": "请输入日期（2026-12-13）或时间（2026-12-13T09:00:00+08:00）"}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise self.make_error("invalid") from exc

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()

