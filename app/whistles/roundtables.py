"""圆桌会: a community's (or the subdistrict's) meeting with its units.

Planned → held. The agenda draws on the community's open needs and open
whistles (``candidates``) or items written in; minutes are recorded; once
held, resolutions are added, each with an owner (a unit or a person) and a
due date, and each may raise a need (source 'roundtable') or become an
optional project of its owning unit.
"""
from app import audit
from app.auth import policy
from app.auth.policy import whistles as roundtable_policy
from app.errors import APIError, invalid
from app.extensions import db
from app.models import (
    Community,
    MemberUnit,
    Need,
    Roundtable,
    RoundtableItem,
    RoundtableResolution,
    User,
    Whistle,
)
from app.whistles import links, locks
from app.whistles.service import page_of

# A need still waiting for, or being handled by, a unit.
OPEN_NEED_STATUSES = ("open", "claimed", "dispatched", "in_progress")


def _not_found():
    return APIError("not_found", "圆桌会不存在")


def get_visible(user, roundtable_id):
    roundtable = db.session.get(Roundtable, roundtable_id)
    if roundtable is None or not roundtable_policy.may_read_roundtable(user, roundtable):
        raise _not_found()
    return roundtable


def _locked_to_run(user, roundtable_id):
    roundtable = locks.lock(Roundtable, roundtable_id)
    if roundtable is None or not roundtable_policy.may_read_roundtable(user, roundtable):
        raise _not_found()
    policy.require(roundtable_policy.may_run(user, roundtable))
    return roundtable


def list_roundtables(user, args):
    return page_of(Roundtable, roundtable_policy.roundtable_clause(user), args,
                   [Roundtable.held_at.desc(), Roundtable.id.desc()])


def schedule(user, body):
    community_id = body.get("community_id")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise invalid("community_id", "社区不存在")
    policy.require(roundtable_policy.may_schedule(user, community_id),
                   message=None if community_id else "街道层面的圆桌会只能由街道联盟办召集")
    roundtable = Roundtable(title=body["title"], held_at=body["held_at"], place=body.get("place"),
                            community_id=community_id, status="planned", created_by_id=user.id)
    db.session.add(roundtable)
    db.session.flush()
    for spec in body.get("items") or []:
        _add_item(roundtable, spec)
    audit.record("roundtable.schedule", actor=user, target=roundtable,
                 detail={"community_id": community_id, "items": len(roundtable.items)})
    db.session.commit()
    return roundtable


def update(user, roundtable_id, changes):
    roundtable = _locked_to_run(user, roundtable_id)
    for name in ("title", "held_at", "place", "minutes"):
        if name in changes:
            setattr(roundtable, name, changes[name])
    audit.record("roundtable.update", actor=user, target=roundtable, detail={"fields": sorted(changes)})
    db.session.commit()
    return roundtable


def add_item(user, roundtable_id, spec):
    roundtable = _locked_to_run(user, roundtable_id)
    item = _add_item(roundtable, spec)
    audit.record("roundtable.item", actor=user, target=roundtable,
                 detail={"need_id": item.need_id, "whistle_id": item.whistle_id})
    db.session.commit()
    return roundtable


def _in_reach(roundtable, community_id):
    """A community roundtable takes its own community's matters; a subdistrict one any community's."""
    return roundtable.community_id is None or roundtable.community_id == community_id


def _add_item(roundtable, spec):
    need_id, whistle_id = spec.get("need_id"), spec.get("whistle_id")
    if need_id and whistle_id:
        raise invalid("need_id", "一个议题只能来自一条需求或一次吹哨")
    title = spec.get("title")
    if need_id:
        need = db.session.get(Need, need_id)
        if need is None or not _in_reach(roundtable, need.community_id) or need.status not in OPEN_NEED_STATUSES:
            raise invalid("need_id", "只能选择本社区尚未办结的需求")
        title = title or need.title
    elif whistle_id:
        whistle = db.session.get(Whistle, whistle_id)
        if whistle is None or not _in_reach(roundtable, whistle.community_id) or whistle.status != "open":
            raise invalid("whistle_id", "只能选择本社区进行中的吹哨")
        title = title or whistle.title
    if not title:
        raise invalid("title", "请填写议题，或选择一条需求或一次吹哨")
    item = RoundtableItem(roundtable_id=roundtable.id, position=len(roundtable.items) + 1, title=title[:64],
                          note=spec.get("note"), need_id=need_id, whistle_id=whistle_id)
    roundtable.items.append(item)
    db.session.flush()
    return item


def candidates(user, roundtable_id):
    """Open needs and open whistles the agenda may draw on, newest first."""
    roundtable = get_visible(user, roundtable_id)
    policy.require(roundtable_policy.may_run(user, roundtable))
    needs = db.select(Need).where(Need.status.in_(OPEN_NEED_STATUSES))
    whistles = db.select(Whistle).where(Whistle.status == "open")
    if roundtable.community_id is not None:
        needs = needs.where(Need.community_id == roundtable.community_id)
        whistles = whistles.where(Whistle.community_id == roundtable.community_id)
    taken_needs = {i.need_id for i in roundtable.items if i.need_id}
    taken_whistles = {i.whistle_id for i in roundtable.items if i.whistle_id}
    found = [{"kind": "whistle", "id": w.id, "title": w.title, "community_id": w.community_id,
              "status": w.status, "created_at": w.created_at, "on_agenda": w.id in taken_whistles}
             for w in db.session.execute(whistles.order_by(Whistle.id.desc()).limit(100)).scalars()]
    found += [{"kind": "need", "id": n.id, "title": n.title, "community_id": n.community_id,
               "status": n.status, "created_at": n.created_at, "on_agenda": n.id in taken_needs}
              for n in db.session.execute(needs.order_by(Need.id.desc()).limit(100)).scalars()]
    return found


def mark_held(user, roundtable_id, minutes=None):
    roundtable = _locked_to_run(user, roundtable_id)
    if roundtable.status != "planned":
        raise APIError("roundtable_already_held", "该圆桌会已标记为召开", status=409)
    roundtable.status = "held"
    if minutes:
        roundtable.minutes = minutes
    audit.record("roundtable.held", actor=user, target=roundtable)
    db.session.commit()
    return roundtable


def add_resolution(user, roundtable_id, body):
    roundtable = _locked_to_run(user, roundtable_id)
    if roundtable.status != "held":
        raise APIError("roundtable_not_held", "圆桌会召开后才能记录决议", status=409)
    unit_id, owner_user_id = body.get("owner_unit_id"), body.get("owner_user_id")
    if unit_id is None and owner_user_id is None:
        raise invalid("owner_unit_id", "请指定决议的负责单位或负责人")
    if unit_id is not None and db.session.get(MemberUnit, unit_id) is None:
        raise invalid("owner_unit_id", "共建单位不存在")
    if owner_user_id is not None and db.session.get(User, owner_user_id) is None:
        raise invalid("owner_user_id", "负责人不存在")
    resolution = RoundtableResolution(roundtable_id=roundtable.id, text=body["text"], owner_unit_id=unit_id,
                                      owner_user_id=owner_user_id, due_on=body.get("due_on"))
    if body.get("need") and roundtable.community_id is None:
        raise invalid("need", "街道层面的圆桌会请在具体社区的需求清单中登记需求")
    if body.get("project_title") and unit_id is None:
        raise invalid("project_title", "转为项目需指定负责单位")
    roundtable.resolutions.append(resolution)
    db.session.flush()  # the resolution's id names its need (one need per resolution)
    if body.get("need"):
        spec = dict(body["need"])
        spec.setdefault("wanted_by", body.get("due_on"))
        resolution.need_id = links.raise_need(user, spec, community_id=roundtable.community_id,
                                              source="roundtable",
                                              source_ref=links.resolution_need_ref(roundtable.id, resolution.id)).id
    if body.get("project_title"):
        resolution.project_id = links.add_optional_project(
            user, unit_id, body["project_title"], body["text"], roundtable.community_id,
            year=links.due_year(body.get("due_on"))).id
    db.session.flush()
    audit.record("roundtable.resolution", actor=user, target=roundtable,
                 detail={"resolution_id": resolution.id, "need_id": resolution.need_id,
                         "project_id": resolution.project_id})
    db.session.commit()
    return roundtable
