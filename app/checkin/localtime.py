"""Times as people in Xiasha read them (Beijing time)."""
from app.events.times import SHANGHAI as CHINA_TZ


def local(moment):
    return moment.astimezone(CHINA_TZ) if moment is not None else None


def day_and_time(moment):
    """``5月11日 09:00``"""
    t = local(moment)
    return f"{t.month}月{t.day}日 {t:%H:%M}"


def stamp(moment):
    """``2026-05-11 09:00:12`` for spreadsheets, or "" for no time."""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment is not None else ""
