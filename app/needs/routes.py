"""/api/v1/needs (需求清单), their duties, and /api/v1/units/{id}/duties (履职清单)."""
from flask_smorest import Blueprint
from sqlalchemy import func, select

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError, invalid
from app.extensions import db
from app.models import Duty, MemberUnit, Need, User, utcnow
from app.needs import duties, photos, service, suggestions, timeline, views
from app.needs.schemas import (
    NeedClaimSchema,
    DispatchSchema,
    DutyDoneSchema,
    DutyListArgs,
    DutyPageSchema,
    DutySchema,
    NeedCreateSchema,
    NeedListArgs,
    NeedPageSchema,
    NeedSchema,
    StepNoteSchema,
    DutyProgressSchema,
    DutyRatingSchema,
    StepReasonSchema,
    NeedStepSchema,
    SuggestionArgs,
    DispatchSuggestionSchema,
)

blp = Blueprint("needs", __name__, url_prefix="/api/v1",
                description="Needs (需求清单) turned into duties (履职清单): 点单 → 派单 → 接单 → 履职 → 评单")
CONFLICTS = "409: the need or duty is not in a state this step starts from (see docs/alliance-needs.md)"


def _visible_need(need_id, user):
    """The need, or 404 when ``user`` may not know it exists."""
    need = db.session.get(Need, need_id)
    if need is None or not policy.needs.may_see(user, need):
        raise APIError("need_not_found")
    return need


def _visible_duty(duty_id, user):
    """The duty, for its unit and whoever sees its need; 404 for the rest."""
    duty = db.session.get(Duty, duty_id)
    if duty is None or not (policy.needs.may_act_for(user, duty) or policy.needs.may_see(user, duty.need)):
        raise APIError("duty_not_found")
    return duty


def _fresh_need_view(need_id, user):
    db.session.expire_all()
    return views.need_view(db.session.get(Need, need_id), user)


# -- 需求清单 -------------------------------------------------------------------

@blp.route("/needs", methods=["POST"])
@login_required
@blp.arguments(NeedCreateSchema)
@blp.response(201, NeedSchema)
def raise_need(body):
    """我要点单: raise a need. A resident raises it in their community (the
    contact defaults to their name and bound phone); community staff may
    raise it for a resident of theirs (``for_user_id``) or for the community."""
    user = current_user()
    community_id = body.get("community_id") or user.community_id
    if community_id is None:
        raise invalid("community_id", "请选择需求所在的社区")
    staff = policy.needs.may_raise_for(user, community_id)
    raiser = user
    if body.get("for_user_id") is not None:
        policy.require(staff)
        raiser = db.session.get(User, body["for_user_id"])
        if raiser is None or raiser.community_id != community_id:
            raise invalid("for_user_id", "该居民不在所选社区")
    need = service.raise_need(
        "community" if staff else "resident", None, title=body["title"], kind=body["kind"], community_id=community_id,
        description=body.get("description"), service=body.get("service"), urgency=body["urgency"],
        place=body.get("place"), latitude=body.get("latitude"), longitude=body.get("longitude"),
        wanted_by=body.get("wanted_by"), raised_by=raiser,
        is_public=body["is_public"], contact_name=body.get("contact_name") or raiser.name,
        contact_phone=body.get("contact_phone") or raiser.phone,
        photo_ids=photos.attach(user, body["photo_ids"], photos.NEED_PURPOSE), actor=user)
    db.session.commit()
    return views.need_view(need, user)


@blp.route("/needs", methods=["GET"])
@login_required
@blp.arguments(NeedListArgs, location="query")
@blp.response(200, NeedPageSchema)
def list_needs(args):
    """Needs I may see, newest first: my own, my community's (staff), those on
    my unit's 履职清单, and public ones (public ones without personal details)."""
    user = current_user()
    query = select(Need).where(policy.needs.visible_clause(user))
    scope = args["scope"]
    if scope == "mine":
        query = query.where(Need.raised_by_id == user.id)
    elif scope == "public":
        query = query.where(Need.is_public.is_(True))
    elif scope == "community":
        if not policy.is_admin(user):
            query = query.where(Need.community_id.in_(sorted(policy.staffed_community_ids(user)) or [-1]))
    for key, column in (("status", Need.status), ("community_id", Need.community_id), ("kind", Need.kind)):
        if args.get(key) is not None:
            query = query.where(column == args[key])
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = db.session.execute(query.order_by(Need.id.desc()).limit(args["limit"]).offset(args["offset"])).scalars()
    now = utcnow()
    return {"items": [views.need_view(n, user, now) for n in page], "total": total, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/needs/<int:need_id>", methods=["GET"])
@login_required
@blp.response(200, NeedSchema)
@blp.alt_response(404, schema="Error", description="need_not_found: no such need, or not mine to see")
def get_need(need_id):
    """One need: in full for its raiser, its community, units holding it and
    the office; a public need without personal details for everyone else."""
    user = current_user()
    return views.need_view(_visible_need(need_id, user), user)


@blp.route("/needs/<int:need_id>/timeline", methods=["GET"])
@login_required
@blp.response(200, NeedStepSchema(many=True))
def need_timeline(need_id):
    """Every step of the need and its duties, oldest first (who, when, why;
    a public viewer sees what and when only)."""
    user = current_user()
    need = _visible_need(need_id, user)
    return views.timeline_view(need, timeline.steps_of(need.id), user)


@blp.route("/needs/<int:need_id>/cancel", methods=["POST"])
@login_required
@blp.arguments(StepReasonSchema)
@blp.response(200, NeedSchema)
@blp.alt_response(409, schema="Error", description="need_not_cancellable")
def cancel_need(body, need_id):
    """The raiser (or the community) cancels a need no unit has accepted."""
    user = current_user()
    policy.require(policy.needs.may_cancel(user, _visible_need(need_id, user)))
    service.cancel(user, need_id, body["reason"])
    return _fresh_need_view(need_id, user)


# -- 派单 and 抢单 -----------------------------------------------------------------

@blp.route("/needs/<int:need_id>/suggestions", methods=["GET"])
@login_required
@blp.arguments(SuggestionArgs, location="query")
@blp.response(200, DispatchSuggestionSchema(many=True))
def need_suggestions(args, need_id):
    """Units to dispatch to, best first, with the score's parts and the reasons."""
    user = current_user()
    need = _visible_need(need_id, user)
    policy.require(policy.needs.may_manage(user, need))
    return suggestions.suggest(need, args["limit"])


@blp.route("/needs/<int:need_id>/dispatch", methods=["POST"])
@login_required
@blp.arguments(DispatchSchema)
@blp.response(201, DutySchema(many=True))
@blp.alt_response(409, schema="Error", description="need_not_dispatchable / duty_exists / unit_not_active")
def dispatch_need(body, need_id):
    """派单: offer the need to units; each gets a duty to answer by ``accept_by``."""
    user = current_user()
    policy.require(policy.needs.may_manage(user, _visible_need(need_id, user)))
    made = service.dispatch(user, need_id, body["unit_ids"], body.get("accept_by"), body.get("due_by"),
                            body.get("note"))
    return [views.duty_view(d) for d in made]


@blp.route("/needs/<int:need_id>/claim", methods=["POST"])
@login_required
@blp.arguments(NeedClaimSchema)
@blp.response(201, DutySchema)
@blp.alt_response(409, schema="Error", description="need_not_open / need_not_public: another unit was first")
def claim_need(body, need_id):
    """抢单: a unit I speak for claims an open public need; the community confirms."""
    user = current_user()
    _visible_need(need_id, user)
    policy.require(policy.needs.may_claim_for(user, body["unit_id"]))
    return views.duty_view(service.claim(user, need_id, body["unit_id"], body.get("note")))


# -- a duty's steps ---------------------------------------------------------------

def _unit_step(duty_id, action, note=None, photo_ids=(), purpose=None):
    user = current_user()
    duty = _visible_duty(duty_id, user)
    policy.require(policy.needs.may_act_for(user, duty))
    if photo_ids:
        photo_ids = photos.attach(user, photo_ids, purpose)
    return views.duty_view(duties.move(user, duty.id, action, note=note, photo_ids=photo_ids))


def _community_step(duty_id, action, note=None):
    user = current_user()
    duty = _visible_duty(duty_id, user)
    policy.require(policy.needs.may_manage(user, duty.need))
    return views.duty_view(duties.move(user, duty.id, action, note=note))


def _raiser_step(duty_id, action, note=None, rating=None):
    user = current_user()
    duty = _visible_duty(duty_id, user)
    policy.require(policy.needs.may_rate(user, duty.need))
    return views.duty_view(duties.move(user, duty.id, action, note=note, rating=rating))


@blp.route("/duties/<int:duty_id>", methods=["GET"])
@login_required
@blp.response(200, DutySchema)
def get_duty(duty_id):
    """One duty with its need: for its unit, and whoever sees the need."""
    user = current_user()
    duty = _visible_duty(duty_id, user)
    if not (policy.needs.may_act_for(user, duty) or policy.needs.may_see_in_full(user, duty.need)):
        raise APIError("duty_not_found")  # a public need's duties are its community's and units' business
    return views.duty_view(duty, with_need=views.brief_view(duty.need))


@blp.route("/duties/<int:duty_id>/accept", methods=["POST"])
@login_required
@blp.arguments(StepNoteSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_offered")
def accept_duty(body, duty_id):
    """接单: the unit takes the dispatched need on."""
    return _unit_step(duty_id, "accept", body.get("note"))


@blp.route("/duties/<int:duty_id>/decline", methods=["POST"])
@login_required
@blp.arguments(StepReasonSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_offered")
def decline_duty(body, duty_id):
    """拒单, with a reason; with no unit left the need is open again."""
    return _unit_step(duty_id, "decline", body["reason"])


@blp.route("/duties/<int:duty_id>/progress", methods=["POST"])
@login_required
@blp.arguments(DutyProgressSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_accepted")
def duty_progress(body, duty_id):
    """履职 progress: a step in the timeline with a note and photos."""
    return _unit_step(duty_id, "progress", body["note"], body["photo_ids"], photos.EVIDENCE_PURPOSE)


@blp.route("/duties/<int:duty_id>/done", methods=["POST"])
@login_required
@blp.arguments(DutyDoneSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_accepted")
def duty_done(body, duty_id):
    """办结, with evidence; when every live duty is done the need is done."""
    return _unit_step(duty_id, "done", body["note"], body["photo_ids"], photos.EVIDENCE_PURPOSE)


@blp.route("/duties/<int:duty_id>/confirm", methods=["POST"])
@login_required
@blp.arguments(StepNoteSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_claimed")
def confirm_claim(body, duty_id):
    """The community confirms a unit's claim (抢单): the duty is accepted."""
    return _community_step(duty_id, "confirm", body.get("note"))


@blp.route("/duties/<int:duty_id>/refuse", methods=["POST"])
@login_required
@blp.arguments(StepReasonSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_claimed")
def refuse_claim(body, duty_id):
    """The community refuses a claim: the need is open again."""
    return _community_step(duty_id, "refuse", body["reason"])


@blp.route("/duties/<int:duty_id>/withdraw", methods=["POST"])
@login_required
@blp.arguments(StepReasonSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_withdrawable")
def withdraw_duty(body, duty_id):
    """The community takes a dispatch back (offered or accepted, not yet done)."""
    return _community_step(duty_id, "withdraw", body["reason"])


@blp.route("/duties/<int:duty_id>/rating", methods=["POST"])
@login_required
@blp.arguments(DutyRatingSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_done")
def rate_duty(body, duty_id):
    """评单: the raiser gives 1–5 stars and a comment; the duty closes."""
    return _raiser_step(duty_id, "rate", body.get("comment"), body["rating"])


@blp.route("/duties/<int:duty_id>/reopen", methods=["POST"])
@login_required
@blp.arguments(StepReasonSchema)
@blp.response(200, DutySchema)
@blp.alt_response(409, schema="Error", description="duty_not_done / reopen_window_passed")
def reopen_duty(body, duty_id):
    """Not solved after all: within 7 days of done the raiser reopens it (履职中 again)."""
    return _raiser_step(duty_id, "reopen", body["reason"])


# -- 履职清单 -------------------------------------------------------------------

@blp.route("/units/<int:unit_id>/duties", methods=["GET"])
@login_required
@blp.arguments(DutyListArgs, location="query")
@blp.response(200, DutyPageSchema)
def unit_duties(args, unit_id):
    """A unit's 履职清单, newest first: for its contacts and the office."""
    user = current_user()
    if db.session.get(MemberUnit, unit_id) is None:
        raise APIError("unit_not_found")
    policy.require(policy.needs.may_read_duties(user, unit_id))
    page, total = duties.unit_duties(unit_id, args.get("status"), args["overdue"], args["limit"], args["offset"])
    now = utcnow()
    return {"items": [views.duty_view(d, now=now, with_need=views.brief_view(d.need)) for d in page],
            "total": total, "limit": args["limit"], "offset": args["offset"]}
