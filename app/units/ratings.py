"""双向评价, the units' side: a unit rates each community it worked with this
year (1-5 stars and a comment), once per unit, community and year, and may
change its rating until the year ends (Beijing time). The communities' side
is the ratings of the duties units did for them (the needs area's).

"Worked with" this year: the unit belongs to the community, a project of
its year serves it, it accepted a duty on a need of that community, or it
reported for duty to a whistle the community blew."""
from sqlalchemy import func

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import Community, CommunityRating, Duty, Need, UnitProject, Whistle, WhistleReport, utcnow
from app.models.base import insert_unless_exists
from app.units.errors import refuse
from app.units.report import year_bounds
from app.units.resources import today


def worked_with(unit, community_id, year):
    if unit.community_id == community_id:
        return True
    start, end = year_bounds(year)
    checks = (
        db.select(UnitProject.id).where(UnitProject.unit_id == unit.id, UnitProject.year == year,
                                        UnitProject.community_id == community_id),
        db.select(Duty.id).join(Need, Need.id == Duty.need_id).where(
            Duty.unit_id == unit.id, Need.community_id == community_id, Duty.accepted_at >= start,
            Duty.accepted_at < end),
        db.select(WhistleReport.id).join(Whistle, Whistle.id == WhistleReport.whistle_id).where(
            WhistleReport.unit_id == unit.id, Whistle.community_id == community_id, Whistle.created_at >= start,
            Whistle.created_at < end),
    )
    return any(db.session.execute(check.limit(1)).first() is not None for check in checks)


def rate(actor, unit, community_id, stars, comment=None, year=None):
    policy.require(policy.units.may_act_for(actor, unit.id))
    this_year = today().year
    if year is not None and year != this_year:
        raise refuse("rating_year_closed")
    community = db.session.get(Community, community_id)
    if community is None:
        raise APIError("validation_failed", "社区不存在", details={"json": {"community_id": ["社区不存在"]}})
    if not worked_with(unit, community.id, this_year):
        raise refuse("community_not_worked_with")
    values = {"unit_id": unit.id, "community_id": community.id, "year": this_year, "stars": stars,
              "comment": comment, "rated_by_id": actor.id, "rated_at": utcnow()}
    db.session.execute(insert_unless_exists(CommunityRating.__table__, values, ("unit_id", "community_id", "year")))
    rating = db.session.execute(db.select(CommunityRating).filter_by(
        unit_id=unit.id, community_id=community.id, year=this_year)).scalar_one()
    rating.stars, rating.comment, rating.rated_by_id, rating.rated_at = stars, comment, actor.id, values["rated_at"]
    db.session.commit()
    return {"id": rating.id, "unit_id": unit.id, "community": community, "year": this_year, "stars": stars,
            "comment": comment, "rated_at": rating.rated_at}


def community_averages(actor, year):
    """Each community: the units' average rating of it, and the average rating of the duties done there."""
    policy.require(policy.units.may_see_community_ratings(actor))
    start, end = year_bounds(year)
    by_units = {cid: (avg, n) for cid, avg, n in db.session.execute(
        db.select(CommunityRating.community_id, func.avg(CommunityRating.stars), func.count(CommunityRating.id))
        .where(CommunityRating.year == year).group_by(CommunityRating.community_id)).all()}
    by_duties = dict(db.session.execute(
        db.select(Need.community_id, func.avg(Duty.rating)).join(Need, Need.id == Duty.need_id)
        .where(Duty.rating.is_not(None), Duty.rated_at >= start, Duty.rated_at < end)
        .group_by(Need.community_id)).all())
    communities = db.session.execute(db.select(Community).order_by(Community.id)).scalars().all()
    rows = [{"community": c, "average_stars": _round(by_units.get(c.id, (None, 0))[0]),
             "ratings": by_units.get(c.id, (None, 0))[1], "duty_average": _round(by_duties.get(c.id))}
            for c in communities]
    rows.sort(key=lambda r: (r["average_stars"] is None, -(r["average_stars"] or 0), r["community"].id))
    return {"year": year, "rows": rows}


def _round(value):
    return round(float(value), 2) if value is not None else None
