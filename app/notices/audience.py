"""Who a notice goes to, and whether the organiser may address them.

An audience is one of:

* ``{"kind": "community", "community_id"}``: the community's residents
  (their profile's community) and its approved volunteers;
* ``{"kind": "team", "team_id"}``: approved volunteers whose current squad
  (VolunteerProfile.team_id) is the team or any team under it;
* ``{"kind": "event_registrants" | "event_attendees", "event_id"}``: people
  registered for the event, or who checked in at it;
* ``{"kind": "users", "user_ids": [...]}``: chosen people.

Organisers may address only what their scope covers: the community, every
team of the subtree (by its community or member unit), the event's host, or
each chosen person (by their community, their volunteer community or their
squad). Anything else is a 403, before a single row is queued.
"""
from dataclasses import dataclass

from sqlalchemy import or_, select

from app.auth import policy
from app.errors import APIError
from app.extensions import db
from app.models import CheckIn, Community, Event, Registration, Team, User, VolunteerProfile

AUDIENCE_KINDS = ("community", "team", "event_registrants", "event_attendees", "users")


@dataclass
class Audience:
    spec: dict            # the normalised audience, with a Chinese label
    user_ids: object      # a SELECT of user ids ("user_id")
    community_id: int | None = None
    member_unit_id: int | None = None
    event_id: int | None = None


def _active(condition):
    return select(User.id.label("user_id")).where(User.is_active.is_(True), condition)


def resolve(spec, actor):
    """The audience ``spec`` describes, checked against ``actor``'s scope
    (``actor`` None: the system itself, which may address anyone)."""
    kind = spec["kind"]
    if kind == "community":
        return _community(spec["community_id"], actor)
    if kind == "team":
        return _team(spec["team_id"], actor)
    if kind in ("event_registrants", "event_attendees"):
        return _event(kind, spec["event_id"], actor)
    return _users(spec["user_ids"], actor)


def _may(actor, check, *objects):
    """The system itself (no actor) may address anyone."""
    return actor is None or check(actor, *objects)


def _community(community_id, actor):
    community = db.session.get(Community, community_id)
    if community is None:
        raise APIError("not_found", "社区不存在")
    if not _may(actor, policy.notices.may_address_community, community):
        raise APIError("out_of_scope", "您不能向该社区发送通知")
    volunteers = select(VolunteerProfile.user_id).where(
        VolunteerProfile.community_id == community.id, VolunteerProfile.status == "approved")
    ids = _active(or_(User.community_id == community.id, User.id.in_(volunteers)))
    return Audience({"kind": "community", "community_id": community.id, "label": f"{community.name}全体居民和志愿者"},
                    ids, community_id=community.id)


def team_subtree(team_id):
    """The team and every team under it (teams are few; walk them in memory)."""
    rows = db.session.execute(select(Team.id, Team.parent_id)).all()
    children = {}
    for tid, parent in rows:
        children.setdefault(parent, []).append(tid)
    found, frontier = [team_id], [team_id]
    while frontier:
        frontier = [c for t in frontier for c in children.get(t, ()) if c not in found]
        found.extend(frontier)
    return found


def _team(team_id, actor):
    team = db.session.get(Team, team_id)
    if team is None:
        raise APIError("not_found", "队伍不存在")
    subtree = team_subtree(team.id)
    teams = db.session.execute(select(Team).where(Team.id.in_(subtree)).order_by(Team.id)).scalars()
    outside = [t.name for t in teams if not _may(actor, policy.notices.may_address_team, t)]
    if outside:
        raise APIError("out_of_scope", f"您不能向队伍“{outside[0]}”发送通知", details={"teams": outside})
    volunteers = select(VolunteerProfile.user_id).where(
        VolunteerProfile.team_id.in_(subtree), VolunteerProfile.status == "approved")
    label = team.name if len(subtree) == 1 else f"{team.name}及下属队伍"
    return Audience({"kind": "team", "team_id": team.id, "label": f"{label}志愿者"}, _active(User.id.in_(volunteers)),
                    community_id=team.community_id, member_unit_id=team.member_unit_id)


def _event(kind, event_id, actor):
    event = db.session.get(Event, event_id)
    if event is None:
        raise APIError("not_found", "活动不存在")
    if not _may(actor, policy.notices.may_address_event, event):
        raise APIError("out_of_scope", "您不能向该活动的参与者发送通知")
    if kind == "event_registrants":
        ids = select(Registration.user_id).where(Registration.event_id == event.id,
                                                 Registration.status == "registered")
        label = f"活动“{event.title}”的报名者"
    else:
        ids = select(CheckIn.user_id).where(CheckIn.event_id == event.id, CheckIn.direction == "in")
        label = f"活动“{event.title}”的签到者"
    return Audience({"kind": kind, "event_id": event.id, "label": label}, _active(User.id.in_(ids)),
                    community_id=event.host_community_id, member_unit_id=event.host_member_unit_id,
                    event_id=event.id)


def _users(user_ids, actor):
    wanted = sorted(set(user_ids))
    rows = db.session.execute(
        select(User, VolunteerProfile, Team)
        .outerjoin(VolunteerProfile, VolunteerProfile.user_id == User.id)
        .outerjoin(Team, Team.id == VolunteerProfile.team_id)
        .where(User.id.in_(wanted))
    ).all()
    missing = sorted(set(wanted) - {user.id for user, _, _ in rows})
    outside = sorted(user.id for user, profile, team in rows
                     if not _may(actor, policy.notices.may_address_person, user, profile, team))
    if outside or (missing and actor is not None and not policy.is_admin(actor)):
        # To staff of one community, an id out of their reach and an id of
        # nobody look the same: the answer must not tell who exists.
        raise APIError("out_of_scope", "所选的人中有不存在或不在您管理范围内的",
                       details={"user_ids": sorted(outside + missing)})
    if missing:
        raise APIError("not_found", "部分用户不存在", details={"user_ids": missing})
    return Audience({"kind": "users", "user_ids": wanted, "label": f"选定的 {len(wanted)} 人"},
                    _active(User.id.in_(wanted)))
