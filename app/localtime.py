"""Local time, in one place: Xiasha lives in Asia/Shanghai (Beijing time), the
database in UTC.

Every moment the API writes goes through ``iso`` (ISO 8601 with ``+08:00``),
so a phone never compares a ``+00:00`` check-in time with a ``+08:00`` event
time; schemas declare their datetimes as ``LocalDateTime``, which accepts any
UTC offset on input (and refuses none). People read dates the way official
documents write them (``chinese_date``), spreadsheets get ``stamp``.
"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from marshmallow import fields

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def local(moment):
    """``moment`` (aware) in Beijing time; None stays None."""
    return moment.astimezone(CHINA_TZ) if moment is not None else None


def wall_clock(year, month, day, hour=0, minute=0):
    """An aware UTC datetime for a wall-clock time in Xiasha."""
    return datetime(year, month, day, hour, minute, tzinfo=CHINA_TZ).astimezone(timezone.utc)


def local_date(moment):
    return moment.astimezone(CHINA_TZ).date()


def iso(moment):
    """``2026-12-13T09:00:00+08:00``; None stays None."""
    return None if moment is None else moment.astimezone(CHINA_TZ).isoformat()


def chinese_date(moment):
    """2026年3月5日. Official documents write month and day without a leading
    zero (GB/T 9704-2012: "月、日不编虚位"); strftime's %m/%d would print 03月05日."""
    day = local(moment)
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment):
    """2026年3月5日 09:00"""
    return f"{chinese_date(moment)} {local(moment):%H:%M}"


def day_and_time(moment):
    """``5月11日 09:00``"""
    t = local(moment)
    return f"{t.month}月{t.day}日 {t:%H:%M}"


def stamp(moment):
    """``2026-05-11 09:00:12`` for spreadsheets, or "" for no time."""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment is not None else ""


class LocalDateTime(fields.AwareDateTime):
    """Accepts any UTC offset (refuses none); answers in Beijing time."""

    def _serialize(self, value, attr, obj, **kwargs):
        return iso(value)
