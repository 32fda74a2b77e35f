"""/api/v1/party/... and /api/v1/me/party: branches, memberships, 在职党员报到
and learning records. Handlers parse, ask app.auth.policy.party, call a
service, shape the answer (the 报到 and learning handlers are in
report_routes.py and learning_routes.py, on this blueprint)."""
from flask_smorest import Blueprint

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.party import branches, membership, views
from app.party.errors import fail
from app.party.schemas import (
    PartyBranchCreateSchema,
    PartyBranchFieldsSchema,
    PartyBranchListArgs,
    PartyBranchPageSchema,
    PartyBranchSchema,
    PartyDeclareSchema,
    PartyMemberListArgs,
    PartyMemberPageSchema,
    PartyMembershipSchema,
    MyPartySchema,
    PartyReasonSchema,
)

blp = Blueprint("party", __name__, url_prefix="/api/v1",
                description="Party members (党员): branches, membership, 在职党员报到, learning records")


def _reviewable_branch(branch_id):
    user = current_user()
    branch = branches.get(branch_id)
    policy.require(policy.party.may_review_branch(user, branch.id), message="您不是该党组织的管理员")
    return user, branch


def _visible_membership(membership_id, user):
    """The membership, or 404 when ``user`` may not know it exists."""
    found = membership.get(membership_id)
    if not policy.party.may_see_membership(user, found):
        raise fail("membership_not_found")
    return found


# -- branches -----------------------------------------------------------------------------------------

@blp.route("/party/branches", methods=["GET"])
@login_required
@blp.arguments(PartyBranchListArgs, location="query")
@blp.response(200, PartyBranchPageSchema)
def list_branches(args):
    """Branches to choose from when declaring membership (names only);
    ``organised=true``: the branches I organise, with their member counts."""
    user = current_user()
    rows, total = branches.listing(user, args)
    counts = branches.counts([b.id for b in rows if policy.party.may_review_branch(user, b.id)])
    return {"items": [views.branch_view(b, user, counts) for b in rows], "total": total, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/party/branches", methods=["POST"])
@login_required
@blp.arguments(PartyBranchCreateSchema)
@blp.response(201, PartyBranchSchema)
@blp.alt_response(409, schema="Error", description="branch_name_taken")
def create_branch(body):
    """The office adds a branch (社区党组织 of a community, 单位党组织 of a member unit)."""
    user = current_user()
    policy.require(policy.party.may_manage_branches(user))
    return views.branch_view(branches.create(user, body), user)


@blp.route("/party/branches/<int:branch_id>", methods=["PATCH"])
@login_required
@blp.arguments(PartyBranchFieldsSchema)
@blp.response(200, PartyBranchSchema)
@blp.alt_response(409, schema="Error", description="branch_name_taken")
def update_branch(body, branch_id):
    """The office renames a branch or changes what it belongs to."""
    user = current_user()
    policy.require(policy.party.may_manage_branches(user))
    return views.branch_view(branches.update(user, branch_id, body), user)


@blp.route("/party/branches/<int:branch_id>/members", methods=["GET"])
@login_required
@blp.arguments(PartyMemberListArgs, location="query")
@blp.response(200, PartyMemberPageSchema)
@blp.alt_response(403, schema="Error", description="out_of_scope: not this branch's organiser")
def list_members(args, branch_id):
    """The branch's members and declarations (its organisers and the office only)."""
    _, branch = _reviewable_branch(branch_id)
    rows, total = membership.members(branch.id, args)
    return {"items": [views.membership_view(m) for m in rows], "total": total, "limit": args["limit"],
            "offset": args["offset"]}


# -- my membership ------------------------------------------------------------------------------------

@blp.route("/me/party", methods=["GET"])
@login_required
@blp.response(200, MyPartySchema)
def my_party():
    """My membership (null when not declared), my active 报到 and whether I may report."""
    user = current_user()
    return views.my_party(user, membership.of_user(user.id))


@blp.route("/me/party", methods=["PUT"])
@login_required
@blp.arguments(PartyDeclareSchema)
@blp.response(200, MyPartySchema)
def declare_membership(body):
    """Declare my membership or change it: it waits for the branch's organisers
    to confirm (again, after a change); the same facts again change nothing."""
    user = current_user()
    return views.my_party(user, membership.declare(user, body))


@blp.route("/me/party", methods=["DELETE"])
@login_required
@blp.response(204)
@blp.alt_response(409, schema="Error", description="membership_not_withdrawable: confirmed")
def withdraw_membership():
    """Take back a declaration that is not confirmed (pending, rejected, left)."""
    membership.withdraw(current_user())


# -- reviewing memberships ----------------------------------------------------------------------------

@blp.route("/party/memberships/<int:membership_id>", methods=["GET"])
@login_required
@blp.response(200, PartyMembershipSchema)
def get_membership(membership_id):
    """One membership: for the member, the branch's organisers and the office."""
    return views.membership_view(_visible_membership(membership_id, current_user()))


def _review(membership_id, action, reason=None):
    user = current_user()
    found = _visible_membership(membership_id, user)
    if found.user_id == user.id:
        raise fail("own_membership")
    policy.require(policy.party.may_review(user, found))
    return views.membership_view(membership.review(user, found.id, action, reason))


@blp.route("/party/memberships/<int:membership_id>/confirm", methods=["POST"])
@login_required
@blp.response(200, PartyMembershipSchema)
@blp.alt_response(409, schema="Error", description="membership_not_pending")
def confirm_membership(membership_id):
    """The branch's organiser confirms a declaration."""
    return _review(membership_id, "confirm")


@blp.route("/party/memberships/<int:membership_id>/reject", methods=["POST"])
@login_required
@blp.arguments(PartyReasonSchema)
@blp.response(200, PartyMembershipSchema)
@blp.alt_response(409, schema="Error", description="membership_not_pending")
def reject_membership(body, membership_id):
    """The branch's organiser rejects a declaration, saying why (the person sees it)."""
    return _review(membership_id, "reject", body["reason"])


@blp.route("/party/memberships/<int:membership_id>/leave", methods=["POST"])
@login_required
@blp.arguments(PartyReasonSchema)
@blp.response(200, PartyMembershipSchema)
@blp.alt_response(409, schema="Error", description="membership_not_confirmed")
def leave_membership(body, membership_id):
    """转出: a confirmed member leaves the branch (kept as history); their 报到 ends."""
    return _review(membership_id, "leave", body["reason"])


from app.party import learning_routes, report_routes  # noqa: E402,F401  (their handlers join this blueprint)
