"""Citizen welfare days (市民公益日): the second Sunday of every month in
Asia/Shanghai, each with a theme, and an activity under it in every community.

``plan_welfare_days`` is idempotent: each row has a unique ``plan_key``
(``welfare:2026-12`` for the month, ``welfare:2026-12:c<community id>`` for a
community's activity) and is written with ``INSERT ... ON CONFLICT DO
NOTHING``, so a second run, or two planners at once, create nothing twice. A
community added later gets its activities on the next run. Months whose
welfare day is already over are skipped; cancelled welfare days get no new
activities. Existing rows are never changed: organisers edit them.
"""
import logging
from dataclasses import dataclass, field

from app.events.service import scene_tail
from app.events.times import current_month, default_windows, months_from, parse_month, second_sunday
from app.extensions import db
from app.jobs import periodic
from app.localtime import wall_clock as local
from app.models import Community, Event, utcnow
from app.models.base import insert_unless_exists

log = logging.getLogger(__name__)

# A theme for every month, following the year's calendar in the community.
DEFAULT_THEMES = {
    1: "迎新春·送温暖",
    2: "欢度新春·邻里守望",
    3: "学雷锋·志愿先行",
    4: "植绿护绿·美丽家园",
    5: "温馨五月·感恩母亲节",
    6: "关爱儿童·平安成长",
    7: "红心向党·初心如磐",
    8: "拥军优属·清凉一夏",
    9: "尊师重教·助学圆梦",
    10: "九九重阳·孝老爱亲",
    11: "消防安全·平安守护",
    12: "宪法宣传·法治同行",
}
# Days the welfare day always coincides with: the second Sunday of May is
# Mother's Day in China. Said in the description whatever the month's theme.
OCCASIONS = {
    5: "今年的公益日恰逢母亲节（五月的第二个星期日），一起向母亲说声感谢。",
}
# Sunday morning, when residents and volunteers are free.
STARTS_AT = (9, 0)
ENDS_AT = (11, 30)


@dataclass
class PlanSummary:
    months: list = field(default_factory=list)
    created: list = field(default_factory=list)
    existing: int = 0
    skipped_past: list = field(default_factory=list)

    def as_dict(self):
        return {"months": self.months, "created": self.created, "existing": self.existing,
                "skipped_past": self.skipped_past}


def plan_key(year, month, community_id=None):
    key = f"welfare:{year}-{month:02d}"
    return key if community_id is None else f"{key}:c{community_id}"


def theme_for(year, month, themes=None):
    return (themes or {}).get(f"{year}-{month:02d}") or DEFAULT_THEMES[month]


def plan_welfare_days(start_month=None, months=3, themes=None, now=None, progress=None):
    """Plan ``months`` welfare days from ``start_month`` ("YYYY-MM" or
    (year, month); default this month in Shanghai). ``themes`` maps
    "YYYY-MM" to a theme used for months not planned yet. ``progress`` is
    called with each month's label once it is done. Returns a summary."""
    now = now or utcnow()
    if start_month is None:
        year, month = current_month(now)
    elif isinstance(start_month, str):
        year, month = parse_month(start_month)
    else:
        year, month = start_month
    summary = PlanSummary()
    communities = db.session.execute(db.select(Community.id, Community.name).order_by(Community.id)).all()
    for year, month in months_from(year, month, months):
        label = f"{year}-{month:02d}"
        summary.months.append(label)
        _plan_month(year, month, communities, themes, now, summary)
        db.session.commit()
        if progress is not None:
            progress(label)
    return summary.as_dict()


def _plan_month(year, month, communities, themes, now, summary):
    day = second_sunday(year, month)
    starts_at = local(day.year, day.month, day.day, *STARTS_AT)
    ends_at = local(day.year, day.month, day.day, *ENDS_AT)
    if ends_at <= now:
        summary.skipped_past.append(f"{year}-{month:02d}")
        return
    theme = theme_for(year, month, themes)
    times = {"starts_at": starts_at, "ends_at": ends_at, **default_windows(starts_at, ends_at)}
    parent_id = _insert_once(summary, dict(
        times,
        kind="welfare_day",
        plan_key=plan_key(year, month),
        scene=f"w{year}{month:02d}.{scene_tail()}",
        title=f"{year}年{month}月市民公益日",
        theme=theme,
        description=f"每月第二个星期日是下沙街道市民公益日。本月主题：{theme}。{OCCASIONS.get(month, '')}"
                    "各社区同步开展公益活动，欢迎居民和志愿者就近参加。",
        venue="下沙街道各社区",
        registration_required=False,
        credits_hours=False,
    ))
    parent_theme, parent_status = db.session.execute(
        db.select(Event.theme, Event.status).where(Event.id == parent_id)).one()
    if parent_status != "published":
        return
    theme = parent_theme or theme  # an admin may have changed the month's theme since
    for community_id, community_name in communities:
        _insert_once(summary, dict(
            times,
            kind="welfare_day",
            parent_id=parent_id,
            host_community_id=community_id,
            plan_key=plan_key(year, month, community_id),
            scene=f"w{year}{month:02d}c{community_id}.{scene_tail()}",
            title=f"{month}月市民公益日·{community_name}"[:64],
            theme=theme,
            description=f"{community_name}市民公益日活动，本月主题：{theme}。{OCCASIONS.get(month, '')}"
                        "具体安排以社区通知为准。",
            venue=f"{community_name}党群服务中心"[:128],
            registration_required=False,
            # Taking part in a welfare day is volunteer service: its hours count.
            credits_hours=True,
        ))


def _insert_once(summary, values):
    """Insert a planned event unless its plan_key exists; return its id."""
    table = Event.__table__
    statement = insert_unless_exists(table, dict(status="published", **values), ["plan_key"], returning=[table.c.id])
    new_id = db.session.execute(statement).scalar_one_or_none()
    if new_id is not None:
        summary.created.append({"event_id": new_id, "plan_key": values["plan_key"], "title": values["title"],
                                "starts_at": values["starts_at"].isoformat()})
        return new_id
    summary.existing += 1
    return db.session.execute(db.select(table.c.id).where(table.c.plan_key == values["plan_key"])).scalar_one()


@periodic("plan_welfare_days", hour=3, minute=10, lock_seconds=900, run_at_start=True)
def plan_welfare_days_job(app):
    """Keep the coming months' welfare days and community activities planned."""
    summary = plan_welfare_days(months=app.config["WELFARE_PLAN_MONTHS"])
    log.info("welfare days planned: %d created, %d already there, months %s",
             len(summary["created"]), summary["existing"], ", ".join(summary["months"]))
    return summary
