"""Marshmallow pieces for the events area: Chinese error messages that the
mini-program can show as they are, and time fields in Shanghai time."""
from datetime import date, datetime

from marshmallow import fields

from app.localtime import LocalDateTime  # noqa: F401  (the shared field; events schemas import it from here)
from app.schemas import ISO_EXAMPLE, ChineseSchema, Text

# The base schema and the text rule are shared by every area (app.schemas);
# these names stay for the events area's imports.
__all__ = ["ChineseSchema", "Text", "ISO_EXAMPLE", "LocalDateTime", "DateOrDateTime"]


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

