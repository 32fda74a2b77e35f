"""Times of events: default check-in windows, query ranges and the months of
the welfare-day calendar, all read in Xiasha's time (app.localtime)."""
from datetime import date, datetime, time, timedelta, timezone

from app.localtime import CHINA_TZ, local_date

# Defaults for check-in and check-out windows when an organiser leaves them
# out: people arrive early and check in at the door, and leave (check out)
# from the start until an hour after the end, when the hall has emptied.
CHECKIN_OPENS_BEFORE_START = timedelta(minutes=30)
CHECKOUT_CLOSES_AFTER_END = timedelta(hours=1)


def default_windows(starts_at, ends_at):
    return {
        "checkin_opens_at": starts_at - CHECKIN_OPENS_BEFORE_START,
        "checkin_closes_at": ends_at,
        "checkout_opens_at": starts_at,
        "checkout_closes_at": ends_at + CHECKOUT_CLOSES_AFTER_END,
    }


def range_start(value):
    """``from=``: a date means the start of that day in Shanghai."""
    if isinstance(value, datetime):
        return _aware(value)
    return datetime.combine(value, time(), tzinfo=CHINA_TZ).astimezone(timezone.utc)


def range_end(value):
    """``to=``: a date means the whole of that day (up to the next midnight)."""
    if isinstance(value, datetime):
        return _aware(value)
    return datetime.combine(value + timedelta(days=1), time(), tzinfo=CHINA_TZ).astimezone(timezone.utc)


def _aware(value):
    # A datetime without an offset in a query string is read as Shanghai time.
    if value.tzinfo is None:
        value = value.replace(tzinfo=CHINA_TZ)
    return value.astimezone(timezone.utc)


def second_sunday(year, month):
    first = date(year, month, 1)
    first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + timedelta(days=7)


def parse_month(text):
    """``"2026-12"`` -> (2026, 12); ValueError otherwise."""
    year, month = text.split("-")
    if len(year) != 4 or len(month) != 2:
        raise ValueError(text)
    year, month = int(year), int(month)
    if not 1 <= month <= 12 or year < 2000:
        raise ValueError(text)
    return year, month


def months_from(year, month, count):
    for _ in range(count):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def current_month(now=None):
    today = local_date(now or datetime.now(timezone.utc))
    return today.year, today.month
