"""基层吹哨，联盟报到: raising a whistle, units reporting for duty, closing
and cancelling. Knows nothing of Flask's request; asks app.auth.policy.

Raising a whistle also publishes its event (a volunteer activity hosted by
the community, from now until a few hours after ``needed_by``): people who
arrive check in and out with the event's rotating QR code, and their hours
are counted as for any volunteer activity. The event is made by the events
area's own ``add_event`` in the whistle's transaction: both or neither.
"""
import logging

from flask import current_app

from app import audit, signals
from app.auth import policy
from app.auth.policy import whistles as whistle_policy
from app.errors import APIError, invalid
from app.events import service as events
from app.extensions import db
from app.models import Community, Whistle, WhistleReport, utcnow
from app.models.base import insert_unless_exists
from app.whistles import links, locks, rules
from app.whistles.notify import notify_units

log = logging.getLogger(__name__)
reports = WhistleReport.__table__
EVENT_AUDIENCE = "共建单位报到人员"


def get_visible(user, whistle_id):
    """The whistle, if ``user`` may read it; otherwise 404, as if there were none."""
    whistle = db.session.get(Whistle, whistle_id)
    if whistle is None or not whistle_policy.may_read(user, whistle):
        raise APIError("not_found", "哨令不存在")
    return whistle


def _locked_visible(user, whistle_id):
    whistle = locks.lock(Whistle, whistle_id)
    if whistle is None or not whistle_policy.may_read(user, whistle):
        raise APIError("not_found", "哨令不存在")
    return whistle


def page_of(model, visible, args, order_by):
    """One page of ``model`` rows under the policy's ``visible`` condition,
    filtered by ``args`` (status, community_id): {items, total, limit, offset}."""
    query = db.select(model).where(visible)
    if args.get("status"):
        query = query.where(model.status == args["status"])
    if args.get("community_id"):
        query = query.where(model.community_id == args["community_id"])
    total = db.session.execute(query.with_only_columns(db.func.count(model.id))).scalar_one()
    rows = db.session.execute(query.order_by(*order_by).limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}


def list_whistles(user, args):
    return page_of(Whistle, whistle_policy.visible_clause(user), args, [Whistle.id.desc()])


def raise_whistle(user, body):
    community = db.session.get(Community, body["community_id"])
    if community is None:
        raise invalid("community_id", "社区不存在")
    policy.require(whistle_policy.may_raise(user, community.id),
                   message="只有该社区的工作人员或街道联盟办可以吹哨")
    now = utcnow()
    rules.check_needed_by(body["needed_by"], now)
    rules.check_location(body)
    units = rules.addressed_units(body)
    photo_ids = links.attach_photos(user, body.get("photo_ids") or [])
    event = events.add_event(user, {
        "kind": "volunteer_activity", "title": f"吹哨：{body['title']}"[:64],
        "description": body.get("description"), "audience": EVENT_AUDIENCE,
        "host_community_id": community.id, "venue": (body.get("place") or "")[:128] or None,
        "latitude": body.get("latitude"), "longitude": body.get("longitude"),
        "starts_at": now, "ends_at": body["needed_by"] + rules.EVENT_AFTER, "credits_hours": True,
    })
    whistle = Whistle(
        community_id=community.id, title=body["title"], description=body.get("description"),
        place=body.get("place"), latitude=body.get("latitude"), longitude=body.get("longitude"),
        needed_by=body["needed_by"], to_all_units=bool(body.get("to_all_units")), status="open",
        raised_by_id=user.id, event_id=event.id, photo_ids=photo_ids, units=units,
    )
    db.session.add(whistle)
    db.session.flush()
    audit.record("whistle.raise", actor=user, target=whistle,
                 detail={"community_id": community.id, "unit_ids": [u.id for u in units],
                         "to_all_units": whistle.to_all_units, "event_id": event.id,
                         "needed_by": whistle.needed_by.isoformat()})
    db.session.commit()
    _queue_call(whistle.id)
    return whistle


def _queue_call(whistle_id):
    """Tell the units' contacts now. A queue that cannot take the job must
    not fail the raise (it is committed): the periodic catch-up in
    app/whistles/notify.py sends the call for any open whistle without one."""
    try:
        notify_units.send(whistle_id)
    except Exception:
        log.warning("whistle %s: the call to units was not queued; the catch-up will send it", whistle_id,
                    exc_info=True)


def report_for_duty(user, whistle_id, body):
    """A unit reports (报到) with people, what it brings and when it arrives.
    One row per (whistle, unit): a second report updates it and keeps the
    first report's time (the unit's response time). -> (report, created)"""
    whistle = _locked_visible(user, whistle_id)
    unit_id = body["unit_id"]
    if not policy.speaks_for(user, unit_id):
        raise APIError("out_of_scope", "您不是该共建单位的联络人，不能替它报到")
    if not whistle_policy.may_report(user, whistle, unit_id):
        raise invalid("unit_id", "这次吹哨没有发给该单位")
    if whistle.status != "open":
        raise rules.not_open(whistle)
    rules.check_arrival(body.get("arrive_at"), whistle)
    values = {"people_count": body["people_count"], "brings": body.get("brings"),
              "arrive_at": body.get("arrive_at"), "reported_by_id": user.id}
    created = db.session.execute(insert_unless_exists(
        reports, dict(whistle_id=whistle.id, unit_id=unit_id, reported_at=utcnow(), **values),
        ["whistle_id", "unit_id"], returning=[reports.c.id])).first() is not None
    if not created:
        db.session.execute(db.update(reports).where(reports.c.whistle_id == whistle.id,
                                                    reports.c.unit_id == unit_id).values(**values))
    report = db.session.execute(db.select(WhistleReport).filter_by(whistle_id=whistle.id, unit_id=unit_id)
                                .execution_options(populate_existing=True)).scalar_one()
    audit.record("whistle.report" if created else "whistle.report_update", actor=user, target=whistle,
                 detail={"unit_id": unit_id, "people_count": report.people_count})
    db.session.commit()
    return report, created


def close_whistle(user, whistle_id, body):
    """Close with a summary; the summary may become needs (through the needs
    area's ``raise_need``, source 'whistle') and an optional project for one
    unit. All in one transaction with the close."""
    whistle = _locked_visible(user, whistle_id)
    policy.require(whistle_policy.may_manage(user, whistle))
    if whistle.status != "open":
        raise rules.not_open(whistle)
    now = utcnow()
    whistle.status, whistle.closed_at, whistle.closed_by_id = "closed", now, user.id
    whistle.summary = body["summary"]
    # One source_ref per need: the needs area answers a repeated (source, source_ref) with the need already raised.
    need_ids = [links.raise_need(user, spec, community_id=whistle.community_id, source="whistle",
                                 source_ref=links.whistle_need_ref(whistle.id, n), place=whistle.place).id
                for n, spec in enumerate(body.get("needs") or [], start=1)]
    project = None
    if body.get("project"):
        spec = body["project"]
        project = links.add_optional_project(user, spec["unit_id"], spec["title"],
                                             spec.get("goals") or whistle.summary, whistle.community_id)
    audit.record("whistle.close", actor=user, target=whistle,
                 detail={"need_ids": need_ids, "project_id": project.id if project else None})
    db.session.commit()
    signals.whistle_closed.send(current_app._get_current_object(), whistle_id=whistle.id,
                                community_id=whistle.community_id,
                                reported_unit_ids=[r.unit_id for r in whistle.reports], need_ids=need_ids,
                                project_id=project.id if project else None)
    return whistle, need_ids, project


def cancel_whistle(user, whistle_id, reason):
    """Withdraw an open whistle (raised by mistake, settled before anyone
    came); its event is cancelled too unless it has ended."""
    whistle = _locked_visible(user, whistle_id)
    policy.require(whistle_policy.may_manage(user, whistle))
    if whistle.status != "open":
        raise rules.not_open(whistle)
    whistle.status, whistle.closed_at, whistle.closed_by_id = "cancelled", utcnow(), user.id
    whistle.summary = reason
    audit.record("whistle.cancel", actor=user, target=whistle, detail={"reason": reason})
    db.session.commit()
    if whistle.event_id is not None:
        try:
            events.cancel_event(user, whistle.event_id, f"哨令已取消：{reason}"[:200])
        except APIError as exc:  # ended or cancelled already: nothing to withdraw
            db.session.rollback()
            log.info("whistle %s: its event %s stays (%s)", whistle.id, whistle.event_id, exc.code)
    return whistle
