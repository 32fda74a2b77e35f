"""Party branches (党组织): the office creates and edits them; everyone
signed in lists them to choose one when declaring membership."""
from sqlalchemy import func, select

from app import audit
from app.auth import policy
from app.errors import invalid
from app.extensions import db
from app.models import Community, MemberUnit, PartyBranch, PartyMembership
from app.party.errors import fail


def get(branch_id):
    branch = db.session.get(PartyBranch, branch_id)
    if branch is None:
        raise fail("branch_not_found")
    return branch


def _check_home(values):
    """A community branch belongs to a community, a unit branch to a member unit."""
    kind = values["kind"]
    if values.get("community_id") is not None and db.session.get(Community, values["community_id"]) is None:
        raise invalid("community_id", "社区不存在")
    if values.get("member_unit_id") is not None and db.session.get(MemberUnit, values["member_unit_id"]) is None:
        raise invalid("member_unit_id", "共建单位不存在")
    if kind == "community" and values.get("community_id") is None:
        raise invalid("community_id", "社区党组织须选择所属社区")
    if kind == "unit" and values.get("member_unit_id") is None:
        raise invalid("member_unit_id", "单位党组织须选择所属共建单位")


def _name_free(name, branch_id=None):
    taken = db.session.execute(select(PartyBranch.id).where(PartyBranch.name == name)).scalar()
    if taken is not None and taken != branch_id:
        raise fail("branch_name_taken")


def create(actor, body):
    _check_home(body)
    _name_free(body["name"])
    branch = PartyBranch(name=body["name"], kind=body["kind"], community_id=body.get("community_id"),
                         member_unit_id=body.get("member_unit_id"))
    db.session.add(branch)
    db.session.flush()
    audit.record("party.branch_create", actor=actor, target=branch, detail={"name": branch.name})
    db.session.commit()
    return branch


def update(actor, branch_id, body):
    branch = get(branch_id)
    values = {"kind": branch.kind, "community_id": branch.community_id, "member_unit_id": branch.member_unit_id,
              "name": branch.name, **body}
    _check_home(values)
    _name_free(values["name"], branch.id)
    for key in ("name", "kind", "community_id", "member_unit_id"):
        setattr(branch, key, values[key])
    audit.record("party.branch_update", actor=actor, target=branch, detail={k: body[k] for k in body})
    db.session.commit()
    return branch


def listing(user, args):
    query = select(PartyBranch)
    if args.get("organised"):
        query = query.where(policy.party.reviewed_branches_clause(user, PartyBranch.id))
    for key, column in (("kind", PartyBranch.kind), ("community_id", PartyBranch.community_id),
                        ("member_unit_id", PartyBranch.member_unit_id)):
        if args.get(key) is not None:
            query = query.where(column == args[key])
    if args.get("q"):
        query = query.where(PartyBranch.name.contains(args["q"], autoescape=True))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(PartyBranch.kind, PartyBranch.name, PartyBranch.id)
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    return rows, total


def counts(branch_ids):
    """{branch_id: {status: n}} for the branches an organiser sees."""
    if not branch_ids:
        return {}
    found = {}
    for branch_id, status, n in db.session.execute(
            select(PartyMembership.branch_id, PartyMembership.status, func.count())
            .where(PartyMembership.branch_id.in_(branch_ids))
            .group_by(PartyMembership.branch_id, PartyMembership.status)):
        found.setdefault(branch_id, {})[status] = n
    return found
