"""Each unit's yearly fulfilment (履职情况) and the ranking of all units.

Every figure is counted for many units at once (a query per figure, grouped
by unit), so the ranking costs what one report costs. A year is a calendar
year in Beijing time.

- duties (the needs area's 履职清单): accepted (accepted_at in the year),
  done (done_at in the year), on time (done, and done_at ≤ due_by, or no
  due date), the average of the ratings given in the year;
- whistles (基层吹哨): raised in the year, not cancelled, addressed to the unit
  or to all units; the unit's reports for duty to them; the response rate and
  the average minutes from the whistle to the report;
- projects of the year and their progress (app/units/progress.py); events the
  unit hosted that took place in the year; volunteer hours its people served
  (app/units/people.py); the communities it rated (双向评价).

The ranking's points, written down so a unit can check them: 10 a duty done
on time, 6 a duty done late, 4 a whistle reported to, 3 an event hosted,
8 a project done, 1 an hour of its people's volunteer service, and for each
rated duty 2 × (stars − 3) (five stars +4, one star −4). Ties: by name.
"""
from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, func, or_

from app.extensions import db
from app.hours.rules import hours
from app.localtime import CHINA_TZ
from app.models import (
    Community,
    CommunityRating,
    Duty,
    Event,
    MemberUnit,
    UnitProject,
    Whistle,
    WhistleReport,
    utcnow,
    whistle_units,
)
from app.units.people import minutes_by_unit
from app.units.progress import progress_of
from app.units.vocabulary import LEVEL_LABELS, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, unit_kind_label

SCORING = ("每按时完成一项履职 10 分，逾期完成 6 分；每响应一次吹哨 4 分；每主办一场活动 3 分；每完成一个项目 8 分；"
           "单位人员每 1 小时志愿服务 1 分；每条履职评价加 2×(星级−3) 分。")


def year_bounds(year):
    return datetime(year, 1, 1, tzinfo=CHINA_TZ), datetime(year + 1, 1, 1, tzinfo=CHINA_TZ)


def _in(column, start, end):
    return and_(column >= start, column < end)


def _grouped(query):
    return {row[0]: row[1:] for row in db.session.execute(query).all()}


def duty_figures(unit_ids, start, end):
    accepted = _grouped(db.select(Duty.unit_id, func.count(Duty.id))
                        .where(Duty.unit_id.in_(unit_ids), _in(Duty.accepted_at, start, end)).group_by(Duty.unit_id))
    on_time = or_(Duty.due_by.is_(None), Duty.done_at <= Duty.due_by)
    done = _grouped(db.select(Duty.unit_id, func.count(Duty.id), func.count(Duty.id).filter(on_time))
                    .where(Duty.unit_id.in_(unit_ids), _in(Duty.done_at, start, end)).group_by(Duty.unit_id))
    rated = _grouped(db.select(Duty.unit_id, func.count(Duty.rating), func.avg(Duty.rating), func.sum(Duty.rating))
                     .where(Duty.unit_id.in_(unit_ids), Duty.rating.is_not(None), _in(Duty.rated_at, start, end))
                     .group_by(Duty.unit_id))
    figures = {}
    for unit_id in unit_ids:
        done_count, on_time_count = done.get(unit_id, (0, 0))
        rated_count, average, stars = rated.get(unit_id, (0, None, 0))
        figures[unit_id] = {
            "accepted": accepted.get(unit_id, (0,))[0], "done": done_count, "on_time": on_time_count,
            "on_time_rate": round(on_time_count / done_count, 3) if done_count else None,
            "rated": rated_count, "average_rating": round(float(average), 2) if average is not None else None,
            "stars_total": int(stars or 0),
        }
    return figures


def whistle_figures(unit_ids, start, end):
    live = and_(_in(Whistle.created_at, start, end), Whistle.status != "cancelled")
    to_all = db.session.execute(db.select(func.count(Whistle.id)).where(live, Whistle.to_all_units.is_(True))
                                ).scalar_one()
    chosen = _grouped(db.select(whistle_units.c.unit_id, func.count(Whistle.id))
                      .join(Whistle, Whistle.id == whistle_units.c.whistle_id)
                      .where(live, Whistle.to_all_units.is_(False), whistle_units.c.unit_id.in_(unit_ids))
                      .group_by(whistle_units.c.unit_id))
    # Reports count towards the whistles addressed to the unit (or to all units).
    addressed_to_it = or_(Whistle.to_all_units.is_(True), Whistle.id.in_(
        db.select(whistle_units.c.whistle_id).where(whistle_units.c.unit_id == WhistleReport.unit_id)))
    query = (db.select(WhistleReport.unit_id, WhistleReport.reported_at, Whistle.created_at)
             .join(Whistle, Whistle.id == WhistleReport.whistle_id)
             .where(live, WhistleReport.unit_id.in_(unit_ids), addressed_to_it))
    reports = defaultdict(list)
    for unit_id, reported_at, raised_at in db.session.execute(query).all():
        reports[unit_id].append(max(0.0, (reported_at - raised_at).total_seconds() / 60))
    figures = {}
    for unit_id in unit_ids:
        addressed = to_all + chosen.get(unit_id, (0,))[0]
        answered = reports.get(unit_id, [])
        figures[unit_id] = {
            "addressed": addressed, "reported": len(answered),
            "response_rate": round(len(answered) / addressed, 3) if addressed else None,
            "average_response_minutes": round(sum(answered) / len(answered)) if answered else None,
        }
    return figures


def events_hosted(unit_ids, start, end):
    return {unit_id: count for unit_id, (count,) in _grouped(
        db.select(Event.host_member_unit_id, func.count(Event.id))
        .where(Event.host_member_unit_id.in_(unit_ids), _in(Event.starts_at, start, end),
               Event.status != "cancelled", Event.ends_at <= utcnow())
        .group_by(Event.host_member_unit_id)).items()}


def projects_of(unit_ids, year):
    rows = db.session.execute(db.select(UnitProject).where(UnitProject.unit_id.in_(unit_ids),
                                                           UnitProject.year == year)
                              .order_by(UnitProject.kind, UnitProject.id)).scalars().all()
    by_unit = defaultdict(list)
    for project in rows:
        by_unit[project.unit_id].append(project)
    return by_unit, progress_of(rows)


def points(figures):
    duties, whistles = figures["duties"], figures["whistles"]
    late = duties["done"] - duties["on_time"]
    total = (10 * duties["on_time"] + 6 * late + 4 * whistles["reported"] + 3 * figures["events_hosted"]
             + 8 * figures["projects"]["done"] + int(figures["volunteer_hours"])
             + 2 * (duties["stars_total"] - 3 * duties["rated"]))
    return total


def figures_for(unit_ids, year):
    """{unit_id: every figure of the year} for these units."""
    unit_ids = sorted(unit_ids)
    start, end = year_bounds(year)
    duties, whistles = duty_figures(unit_ids, start, end), whistle_figures(unit_ids, start, end)
    hosted, minutes = events_hosted(unit_ids, start, end), minutes_by_unit(unit_ids, start, end)
    projects, progress = projects_of(unit_ids, year)
    answer = {}
    for unit_id in unit_ids:
        items = [{"id": p.id, "title": p.title, "kind": p.kind, "kind_label": PROJECT_KIND_LABELS[p.kind],
                  "status": p.status, "status_label": PROJECT_STATUS_LABELS.get(p.status, p.status),
                  "progress": progress[p.id][0]} for p in projects.get(unit_id, [])]
        figures = {
            "duties": duties[unit_id], "whistles": whistles[unit_id], "events_hosted": hosted.get(unit_id, 0),
            "volunteer_hours": hours(minutes.get(unit_id, 0)),
            "projects": {"total": len(items), "mandatory": sum(i["kind"] == "mandatory" for i in items),
                         "optional": sum(i["kind"] == "optional" for i in items),
                         "done": sum(i["status"] == "done" for i in items), "items": items},
        }
        figures["points"] = points(figures)
        answer[unit_id] = figures
    return answer


def ratings_given(unit_id, year):
    return [{"community": community, "stars": rating.stars, "comment": rating.comment}
            for rating, community in db.session.execute(
                db.select(CommunityRating, Community).join(Community, Community.id == CommunityRating.community_id)
                .where(CommunityRating.unit_id == unit_id, CommunityRating.year == year)
                .order_by(Community.name)).all()]


def unit_ref(unit):
    return {"id": unit.id, "name": unit.name, "kind": unit.kind, "kind_label": unit_kind_label(unit.kind),
            "level": unit.level, "level_label": LEVEL_LABELS.get(unit.level, unit.level),
            "community": unit.community}


def yearly_report(unit, year):
    figures = figures_for([unit.id], year)[unit.id]
    return {"unit": unit_ref(unit), "year": year, **figures, "community_ratings": ratings_given(unit.id, year),
            "scoring": SCORING, "generated_at": utcnow()}


def ranking(year):
    units = db.session.execute(db.select(MemberUnit).where(
        or_(MemberUnit.status == "active", MemberUnit.id.in_(db.select(UnitProject.unit_id).where(
            UnitProject.year == year))))).scalars().all()
    figures = figures_for([u.id for u in units], year) if units else {}
    ordered = sorted(units, key=lambda u: (-figures[u.id]["points"], u.name))
    rows = []
    for rank, unit in enumerate(ordered, start=1):
        f = figures[unit.id]
        rows.append({"rank": rank, "unit": unit_ref(unit), "points": f["points"],
                     "duties_done": f["duties"]["done"], "duties_on_time": f["duties"]["on_time"],
                     "average_rating": f["duties"]["average_rating"], "whistle_reports": f["whistles"]["reported"],
                     "events_hosted": f["events_hosted"], "volunteer_hours": f["volunteer_hours"],
                     "projects_done": f["projects"]["done"], "projects_total": f["projects"]["total"]})
    return {"year": year, "rows": rows, "scoring": SCORING}
