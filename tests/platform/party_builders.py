"""Request builders for the party area's rows of the authorisation table.

The party objects of community A's world, made on first use: the member
unit's party branch (下沙中学党支部), whose organiser (branch_organiser) is the
unit_contact persona; the volunteer, a confirmed 在职党员 of it working in the
unit and living in A, reported (报到) to A on A's service post. Community A's
organiser is community staff, not the branch's organiser: party data is not
theirs to see."""
from app.auth import roles
from app.extensions import db
from app.models import PartyBranch, PartyMembership, PartyReport, RoleGrant, ServicePost, utcnow


def party_of(w):
    if getattr(w, "party", None) is None:
        branch = PartyBranch(name="下沙中学党支部", kind="unit", member_unit_id=w.unit.id)
        db.session.add(branch)
        db.session.flush()
        db.session.add(RoleGrant(user_id=w.people["unit_contact"].id, role=roles.BRANCH_ORGANISER,
                                 scope_kind=roles.PARTY_BRANCH, scope_id=branch.id))
        volunteer = w.people["volunteer"]
        # The households world may have made the volunteer a party member already
        # (one membership per person): then it moves to this branch.
        membership = db.session.execute(db.select(PartyMembership).filter_by(user_id=volunteer.id)).scalar_one_or_none()
        if membership is None:
            membership = PartyMembership(user_id=volunteer.id)
        membership.branch_id, membership.status, membership.in_service = branch.id, "confirmed", True
        membership.work_unit_id = w.unit.id
        post = ServicePost(community_id=w.a.id, name="楼道长")
        db.session.add_all([membership, post])
        db.session.flush()
        db.session.add(PartyReport(user_id=volunteer.id, community_id=w.a.id, reported_at=utcnow(), posts=[post]))
        db.session.commit()
        w.party = {"branch_id": branch.id, "membership_id": membership.id, "post_id": post.id, "community_id": w.a.id}
    return w.party


def _path(*names, json=None):
    def build(w, actor, wechat):
        party = party_of(w)
        request = {"path": {name: party[name] for name in names}}
        if json is not None:
            request["json"] = json(w, party) if callable(json) else json
        return request
    return build


PARTY_BUILDERS = {
    "party_world": _path(),
    "party_branch_new": lambda w, actor, wechat: {"json": {"name": "七格社区党委", "kind": "community",
                                                           "community_id": w.a.id}},
    "party_branch": _path("branch_id"),
    "party_branch_change": _path("branch_id", json={"name": "下沙中学党总支"}),
    "party_declare": _path(json=lambda w, party: {"branch_id": party["branch_id"], "in_service": False}),
    "party_membership": _path("membership_id"),
    "party_membership_reason": _path("membership_id", json={"reason": "组织关系转往杭州市区"}),
    "party_community": _path("community_id"),
    "party_post_new": _path("community_id", json={"name": "文明劝导", "capacity": 5}),
    "party_post_change": _path("post_id", json={"description": "负责本楼道的联络"}),
    "party_report": _path(json=lambda w, party: {"post_ids": [party["post_id"]]}),
}
