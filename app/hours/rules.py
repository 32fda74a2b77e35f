"""The rules that turn scans into service hours, and hours into star levels.

Duration
    Service time is the time actually served (the national reference
    volunteer card: "服务时数是指实际服务的时间(不含往返途中时间)"). So the
    check-in and check-out are clipped to the event's own start and end: an
    early arrival or a late departure is not service.

Rounding: down to the quarter hour (15 minutes)
    A record must state hours truthfully (《志愿服务记录与证明出具办法》:
    records are objective, true and accurate). Rounding up would certify time
    not served; rounding down to a coarse unit (0.5 h or 1 h) would drop up to
    29 or 59 minutes of real service from every activity. Quarter hours never
    overstate and lose under 15 minutes, and 0.25 h steps are exact in binary,
    so totals add up to the cent. Internally everything is whole minutes.

Star levels (星级志愿者)
    By cumulative recorded hours, as set by the Ministry of Civil Affairs'
    《志愿服务记录办法》 (民函〔2012〕340号), repeated in the 中国社区志愿者注册
    管理办法 (第十八条) and used by 全国志愿服务信息系统: 100 h 一星级, 300 h
    二星级, 600 h 三星级, 1000 h 四星级, 1500 h 五星级. Stars are *earned*
    here; the formal title is applied for at the 县(区)/市/省 volunteer
    association.
"""

ROUNDING_MINUTES = 15
ROUNDING_RULE = "签到至签退（限于活动起止时间内）的实际时长，向下取整到 0.25 小时（15 分钟）"

# (minimum cumulative hours, stars, title)
STAR_LEVELS = (
    (100, 1, "一星级志愿者"),
    (300, 2, "二星级志愿者"),
    (600, 3, "三星级志愿者"),
    (1000, 4, "四星级志愿者"),
    (1500, 5, "五星级志愿者"),
)
STAR_SOURCE = "民政部《志愿服务记录办法》（民函〔2012〕340号）星级认定标准：累计 100/300/600/1000/1500 小时"


def clip(event, checkin_at, checkout_at):
    """The served interval: the scans clipped to the event's start and end.
    ``ended`` is None while there is no check-out."""
    started = max(checkin_at, event.starts_at)
    if checkout_at is None:
        return started, None
    ended = min(checkout_at, event.ends_at)
    return started, max(ended, started)


def served_minutes(started, ended):
    """Whole minutes between the two, and the same rounded down to the quarter hour."""
    if ended is None:
        return 0, 0
    raw = int((ended - started).total_seconds() // 60)
    return raw, raw - raw % ROUNDING_MINUTES


def hours(minutes):
    """Minutes as hours (exact: quarter hours are binary fractions)."""
    return round(minutes / 60, 2)


def minutes_from_hours(value):
    """Hours given by an organiser as whole minutes; None unless a
    non-negative multiple of 0.25."""
    if value is None or value < 0:
        return None
    minutes = round(value * 60)
    if abs(minutes - value * 60) > 1e-6 or minutes % ROUNDING_MINUTES:
        return None
    return minutes


def star_level(total_minutes):
    """(stars, title, hours needed for the next star or None at five stars)."""
    total_hours = total_minutes / 60
    stars, title = 0, None
    for threshold, level, name in STAR_LEVELS:
        if total_hours >= threshold:
            stars, title = level, name
    upcoming = next((threshold for threshold, level, _ in STAR_LEVELS if level == stars + 1), None)
    return stars, title, upcoming
