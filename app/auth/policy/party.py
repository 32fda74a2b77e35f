"""Party branches, memberships, 在职党员报到 and learning records.

Party membership is personal data. Who sees a membership (and the learning
record that goes with it):
* the member themself;
* the organisers of its branch (branch_organiser grants) and the office.
Nobody else learns it exists (404), community staff included: running a
community's events does not make someone a party branch's organiser.

The one exception the issue asks for: a member who reports (报到) to a
community shows that community's staff who they are, which branch and unit,
the posts chosen and what they did there. Reporting is the member's own act
of telling that community.

Who acts:
* branches: the office creates and edits them; everyone signed in lists them
  (names only) to choose one when declaring;
* memberships: the person declares and edits their own; the branch's
  organisers (or the office) confirm, reject and mark as left; nobody
  reviews their own;
* service posts: the community's staff (organisers over the community) and
  the office define them; everyone signed in reads a community's posts;
* reports: a confirmed in-service member reports for themself; the
  community's staff list who reported.
"""
from sqlalchemy import true

from app.auth.policy.scope import branch_ids_organised, is_admin, organises_branch, staffs_community


def may_manage_branches(user):
    return is_admin(user)


def may_review_branch(user, branch_id):
    """List the branch's members, confirm, reject, mark as left, read their
    learning records and export them."""
    return organises_branch(user, branch_id)


def may_see_membership(user, membership):
    return user is not None and (membership.user_id == user.id or organises_branch(user, membership.branch_id))


def may_review(user, membership):
    return membership.user_id != user.id and organises_branch(user, membership.branch_id)


def reviewed_branches_clause(user, column):
    """The SQL twin of ``may_review_branch`` for lists of branches or members."""
    if is_admin(user):
        return true()
    return column.in_(sorted(branch_ids_organised(user)) or [-1])


def may_manage_posts(user, community_id):
    return staffs_community(user, community_id)


def may_read_reports(user, community_id):
    """Who reported to the community and what they did there."""
    return staffs_community(user, community_id)
