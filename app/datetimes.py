"""The one presenter of datetimes in the API.

Xiasha lives in Asia/Shanghai and the database in UTC. Every moment the API
writes (schemas of every area, headers, error details) goes through ``iso``:
ISO 8601 with ``+08:00``, so a phone never compares a ``+00:00`` check-in time
with a ``+08:00`` event time. Schemas declare their datetimes as
``LocalDateTime``; it accepts any UTC offset on input (and refuses none).
"""
from marshmallow import fields

from app.events.times import SHANGHAI


def iso(moment):
    """``2026-12-13T09:00:00+08:00``; None stays None."""
    return None if moment is None else moment.astimezone(SHANGHAI).isoformat()


class LocalDateTime(fields.AwareDateTime):
    """Accepts any UTC offset (refuses none); answers in Beijing time."""

    def _serialize(self, value, attr, obj, **kwargs):
        return iso(value)
