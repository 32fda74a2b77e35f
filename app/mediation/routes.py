"""/api/v1/mediation: 钱塘阿姨 mediation squads, cases, sessions, outcome,
the agreement PDF, follow-ups and statistics. Every read of a case's
personal data is audited (app/mediation/reads.py)."""
from io import BytesIO

from flask import send_file
from flask_smorest import Blueprint
from sqlalchemy import select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.auth.policy import mediation as mediation_policy
from app.errors import APIError
from app.extensions import db
from app.mediation import cases, reads, squads, stats
from app.mediation.agreement import render_agreement
from app.mediation.errors import refuse
from app.mediation.schemas import (
    AssignSchema,
    CaseCreateSchema,
    CaseListArgs,
    CasePageSchema,
    CaseSchema,
    FollowUpCreateSchema,
    OutcomeSchema,
    SessionCreateSchema,
    SessionSchema,
    SquadSchema,
    SquadSetSchema,
    StatsArgs,
    StatsSchema,
)
from app.models import Community, MediationCase
from app.paging import total

blp = Blueprint("mediation", __name__, url_prefix="/api/v1",
                description="钱塘阿姨 mediation: squads, cases (encrypted, every read audited), statistics")
HIDDEN = "404 case_not_found: not the case's mediators or the community's mediation lead"


def _case_detail(case_id):
    user = current_user()
    db.session.expire_all()
    return reads.case_detail(user, reads.readable_case(user, case_id))


@blp.route("/mediation/communities/<int:community_id>/squad", methods=["PUT"])
@login_required
@blp.arguments(SquadSetSchema)
@blp.response(200, SquadSchema)
def set_squad(body, community_id):
    """Designate the community's 钱塘阿姨 squad: its current members are the
    mediators a lead may assign. The community's staff and the office."""
    user = current_user()
    if db.session.get(Community, community_id) is None:
        raise APIError("not_found", "社区不存在")
    policy.require(mediation_policy.may_set_squad(user, community_id))
    cases.set_squad(user, community_id, body["team_id"])
    return squads.squad_view(community_id)


@blp.route("/mediation/communities/<int:community_id>/squad", methods=["GET"])
@login_required
@blp.response(200, SquadSchema)
@blp.alt_response(404, schema="Error", description="squad_not_set")
def get_squad(community_id):
    """The community's mediation squad and its mediators (names only): for
    the staff, the office, the lead and the mediators themselves."""
    user = current_user()
    policy.require(mediation_policy.may_see_squad(user, community_id))
    return squads.squad_view(community_id)


@blp.route("/mediation/cases", methods=["POST"])
@login_required
@blp.arguments(CaseCreateSchema)
@blp.response(201, CaseSchema)
def open_case(body):
    """Register a dispute: the community's mediation lead or one of its
    mediators (who is then assigned to it)."""
    user = current_user()
    policy.require(mediation_policy.may_open_case(user, body["community_id"]),
                   message="只有本社区的调解负责人或钱塘阿姨调解员可以登记调解案件")
    case = cases.open_case(user, body)
    return _case_detail(case.id), 201


@blp.route("/mediation/cases", methods=["GET"])
@login_required
@blp.arguments(CaseListArgs, location="query")
@blp.response(200, CasePageSchema)
def list_cases(args):
    """My cases, newest first: those I am assigned to (a mediator), my
    community's (the lead). Rows carry the parties' names: each is audited."""
    user = current_user()
    query = select(MediationCase).where(mediation_policy.readable_cases_clause(user))
    for key in ("status", "community_id"):
        if args.get(key) is not None:
            query = query.where(getattr(MediationCase, key) == args[key])
    count = total(query)
    page = db.session.execute(query.order_by(MediationCase.id.desc()).limit(args["limit"])
                              .offset(args["offset"])).scalars().all()
    return {"items": reads.case_rows(user, page), "total": count, "limit": args["limit"], "offset": args["offset"]}


@blp.route("/mediation/cases/<int:case_id>", methods=["GET"])
@login_required
@blp.response(200, CaseSchema)
@blp.alt_response(404, schema="Error", description=HIDDEN)
def get_case(case_id):
    """One case in full (parties, outcome, follow-ups). Audited."""
    return _case_detail(case_id)


@blp.route("/mediation/cases/<int:case_id>/mediators", methods=["POST"])
@login_required
@blp.arguments(AssignSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(422, schema="Error", description="not_a_mediator")
def assign_mediator(body, case_id):
    """The lead assigns a mediator of the squad (again: nothing changes)."""
    user = current_user()
    policy.require(mediation_policy.may_manage_case(user, reads.readable_case(user, case_id)))
    cases.assign(user, case_id, body["user_id"])
    return _case_detail(case_id)


@blp.route("/mediation/cases/<int:case_id>/mediators/<int:user_id>", methods=["DELETE"])
@login_required
@blp.response(200, CaseSchema)
def unassign_mediator(case_id, user_id):
    """The lead takes a mediator off the case: they no longer read it."""
    user = current_user()
    policy.require(mediation_policy.may_manage_case(user, reads.readable_case(user, case_id)))
    cases.unassign(user, case_id, user_id)
    return _case_detail(case_id)


@blp.route("/mediation/cases/<int:case_id>/sessions", methods=["POST"])
@login_required
@blp.arguments(SessionCreateSchema)
@blp.response(201, SessionSchema)
@blp.alt_response(409, schema="Error", description="case_has_outcome / case_without_mediator / case_closed")
def log_session(body, case_id):
    """Log a mediation session with its notes (encrypted): the case is in mediation."""
    user = current_user()
    policy.require(mediation_policy.may_work_case(user, reads.readable_case(user, case_id)))
    session = cases.log_session(user, case_id, body)
    return {"id": session.id, "held_at": session.held_at, "place": session.place, "notes": session.notes,
            "logged_by": {"id": user.id, "name": user.name}}, 201


@blp.route("/mediation/cases/<int:case_id>/sessions", methods=["GET"])
@login_required
@blp.response(200, SessionSchema(many=True))
@blp.alt_response(404, schema="Error", description=HIDDEN)
def list_sessions(case_id):
    """The case's sessions with their notes, oldest first. Audited."""
    user = current_user()
    return reads.case_sessions(user, reads.readable_case(user, case_id))


@blp.route("/mediation/cases/<int:case_id>/outcome", methods=["POST"])
@login_required
@blp.arguments(OutcomeSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(409, schema="Error", description="case_has_outcome / case_without_mediator / case_closed")
def record_outcome(body, case_id):
    """The outcome: settled (with the terms, printed on the agreement),
    referred on (to whom) or not settled."""
    user = current_user()
    policy.require(mediation_policy.may_work_case(user, reads.readable_case(user, case_id)))
    cases.record_outcome(user, case_id, body)
    return _case_detail(case_id)


@blp.route("/mediation/cases/<int:case_id>/agreement.pdf", methods=["GET"])
@login_required
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf",
              description="人民调解协议书, to print and sign by both parties and the mediators")
@blp.alt_response(409, schema="Error", description="agreement_not_available: the case was not settled")
def agreement_pdf(case_id):
    """The agreement of a settled case as a PDF. Audited."""
    user = current_user()
    case = reads.readable_case(user, case_id)
    if case.outcome != "settled":
        raise refuse("agreement_not_available")
    reads.audit_reads(user, [case], "agreement")
    pdf = render_agreement(case, reads.mediator_names(case), case.community.name)
    return send_file(BytesIO(pdf), mimetype="application/pdf", as_attachment=False,
                     download_name=f"调解协议书_{case.id}.pdf")


@blp.route("/mediation/cases/<int:case_id>/follow-ups", methods=["POST"])
@login_required
@blp.arguments(FollowUpCreateSchema)
@blp.response(201, CaseSchema)
@blp.alt_response(409, schema="Error", description="case_without_outcome / case_closed")
def log_follow_up(body, case_id):
    """A follow-up visit (回访) after the outcome."""
    user = current_user()
    policy.require(mediation_policy.may_work_case(user, reads.readable_case(user, case_id)))
    cases.log_follow_up(user, case_id, body)
    return _case_detail(case_id), 201


@blp.route("/mediation/cases/<int:case_id>/close", methods=["POST"])
@login_required
@blp.response(200, CaseSchema)
@blp.alt_response(409, schema="Error", description="case_without_outcome / case_needs_follow_up / case_closed")
def close_case(case_id):
    """The lead closes a case after its outcome and at least one follow-up."""
    user = current_user()
    policy.require(mediation_policy.may_manage_case(user, reads.readable_case(user, case_id)))
    cases.close(user, case_id)
    return _case_detail(case_id)


@blp.route("/mediation/stats", methods=["GET"])
@login_required
@blp.arguments(StatsArgs, location="query")
@blp.response(200, StatsSchema)
def mediation_stats(args):
    """A year's cases of a community counted by kind, outcome and status: no
    personal data. The community's staff, the office and the lead."""
    user = current_user()
    if db.session.get(Community, args["community_id"]) is None:
        raise APIError("not_found", "社区不存在")
    policy.require(mediation_policy.may_see_stats(user, args["community_id"]))
    return stats.year_stats(args["community_id"], args["year"])
