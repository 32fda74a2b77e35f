"""The alliance's card on the 数据大屏: needs done this month, per community.

Registered through the screen's extension point (app.screen.panels) in
``app.needs.init_app``. A need counts for the month in which it last became
done (its ``need_status`` step to ``done``), provided it is still done or
closed now: a reopened need stops counting until it is done again."""
from sqlalchemy import func, select

from app.extensions import db
from app.models import Need, NeedStep

DONE_NOW = ("done", "closed")


def needs_done_this_month(period):
    last_done = (
        select(NeedStep.need_id, func.max(NeedStep.at).label("at"))
        .where(NeedStep.action == "need_status", NeedStep.to_status == "done")
        .group_by(NeedStep.need_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Need.community_id, func.count(Need.id))
        .join(last_done, last_done.c.need_id == Need.id)
        .where(Need.status.in_(DONE_NOW), last_done.c.at >= period.month_start, last_done.c.at < period.month_end)
        .group_by(Need.community_id)
    ).all()
    by_community = {community_id: count for community_id, count in rows if community_id is not None}
    return {"title": "本月完成需求", "value": sum(count for _, count in rows), "unit": "件",
            "by_community": by_community}
