"""Contests, their teams and judges, and the judges' score entries. Plain
functions of (actor, ids, values): no Flask request here.

Exactly once: two judges entering the same (round, team, question) race to
insert revision 0 with ``INSERT ... ON CONFLICT DO NOTHING`` on the unique
(round, team, question, revision); the database lets one in, and the other is
told 409 ``score_already_recorded`` with the entry that stands. A correction
inserts the next revision the same way, so two racing corrections of one
entry also leave exactly one. Entries and the close take the contest's row
(entries share it on PostgreSQL, the close takes it alone), so no entry lands
after the close and the results never change once closed.
"""
from sqlalchemy.exc import IntegrityError

from app import audit
from app.auth import policy
from app.errors import invalid
from app.extensions import db
from app.hall import rules
from app.hall.errors import hall_error
from app.models import (
    Community,
    HallContest,
    ContestJudge,
    ContestRound,
    ContestTeam,
    MemberUnit,
    ScoreEntry,
    User,
    utcnow,
)
from app.models.base import insert_unless_exists, lock_row
from app.paging import total


# -- reading ---------------------------------------------------------------------------------------------

def get_contest(contest_id):
    contest = db.session.get(HallContest, contest_id)
    if contest is None:
        raise hall_error("contest_not_found")
    return contest


def visible(user, contest_id):
    contest = get_contest(contest_id)
    policy.require(policy.hall.may_read_results(user, contest))
    return contest


def managed(user, contest_id):
    contest = get_contest(contest_id)
    policy.require(policy.hall.may_manage(user, contest))
    return contest


def list_contests(user, args):
    """{items, total, limit, offset}: newest contest day first; ``judging``
    keeps the contests ``user`` judges."""
    query = db.select(HallContest)
    if args.get("judging"):
        query = query.where(policy.hall.judging_clause(user))
    if args.get("status"):
        query = query.where(HallContest.status == args["status"])
    rows = db.session.execute(query.order_by(HallContest.held_on.desc(), HallContest.id.desc())
                              .limit(args["limit"]).offset(args["offset"])).scalars().all()
    return {"items": rows, "total": total(query), "limit": args["limit"], "offset": args["offset"]}


def entries_of(contest_id):
    return db.session.execute(db.select(ScoreEntry).where(ScoreEntry.contest_id == contest_id)
                              .order_by(ScoreEntry.id)).scalars().all()


def standings_of(contest, entries=None):
    entries = entries_of(contest.id) if entries is None else entries
    return rules.standings([t.id for t in contest.teams], [r.id for r in contest.rounds], entries)


# -- making a contest ------------------------------------------------------------------------------------

def create_contest(actor, body):
    policy.require(policy.hall.may_create(actor), "forbidden")
    contest = HallContest(title=body["title"], held_on=body["held_on"], place=body.get("place"), status="open",
                      award_places=body.get("award_places", 3), created_by_id=actor.id)
    db.session.add(contest)
    for position, spec in enumerate(body["rounds"], start=1):
        kind = spec["kind"]
        tiers = list(spec.get("risk_tiers") or rules.DEFAULT_RISK_TIERS) if kind == "risk" else []
        db.session.add(ContestRound(
            contest=contest, position=position, name=spec.get("name") or _round_name(position, kind), kind=kind,
            points_correct=spec.get("points_correct", 10),
            penalty_wrong=spec.get("penalty_wrong", 10 if kind == "buzz" else 0) if kind == "buzz" else 0,
            risk_tiers=tiers, question_count=spec.get("question_count", 10)))
    names = [team["name"] for team in body.get("teams", ())]
    if len(set(names)) != len(names):
        raise invalid("teams", "队伍名称不能重复")
    for spec in body.get("teams", ()):
        _add_team(contest, spec)
    db.session.flush()
    for spec in body.get("judges", ()):
        _appoint(actor, contest, spec["user_id"], spec.get("head", False))
    if sum(1 for spec in body.get("judges", ()) if spec.get("head")) > 1:
        raise invalid("judges", "裁判长只能有一位")
    audit.record("hall.contest_created", actor=actor, target=contest,
                 detail={"title": contest.title, "teams": len(names), "rounds": len(body["rounds"])})
    db.session.commit()
    return contest


def _round_name(position, kind):
    from app.models import ROUND_KIND_LABELS

    return f"第{'一二三四五六七八九十'[position - 1] if position <= 10 else position}轮 {ROUND_KIND_LABELS[kind]}"


def _add_team(contest, spec):
    community_id, unit_id = spec.get("community_id"), spec.get("member_unit_id")
    if (community_id is None) == (unit_id is None):
        raise invalid("community_id", "请选择队伍代表的共建单位或社区（二选一）")
    if community_id is not None and db.session.get(Community, community_id) is None:
        raise invalid("community_id", "社区不存在")
    if unit_id is not None and db.session.get(MemberUnit, unit_id) is None:
        raise invalid("member_unit_id", "共建单位不存在")
    team = ContestTeam(contest=contest, position=len(contest.teams) + 1, name=spec["name"],
                       community_id=community_id, member_unit_id=unit_id, members=list(spec.get("members", ())))
    db.session.add(team)
    return team


def add_team(actor, contest_id, body):
    contest = managed(actor, contest_id)
    _require_open(contest)
    if any(team.name == body["name"] for team in contest.teams):
        raise hall_error("team_name_taken")
    team = _add_team(contest, body)
    try:
        db.session.flush()
    except IntegrityError:  # the same name (or seat) added at the same moment
        db.session.rollback()
        raise hall_error("team_name_taken") from None
    audit.record("hall.team_added", actor=actor, target=contest, detail={"team_id": team.id, "name": team.name})
    db.session.commit()
    return team


def _appoint(actor, contest, user_id, head):
    person = db.session.get(User, user_id)
    if person is None or not person.is_active:
        raise invalid("user_id", "该用户不存在或已注销")
    if any(judge.user_id == user_id for judge in contest.judges):
        raise hall_error("judge_exists")
    if head and any(judge.head for judge in contest.judges):
        raise hall_error("head_judge_exists")
    judge = ContestJudge(contest_id=contest.id, user_id=user_id, head=bool(head), appointed_by_id=actor.id)
    contest.judges.append(judge)
    try:
        db.session.flush()
    except IntegrityError:  # appointed at the same moment by someone else: the unique indexes decide
        db.session.rollback()
        raise hall_error("head_judge_exists" if head else "judge_exists") from None
    audit.record("hall.judge_appointed", actor=actor, target=contest, detail={"user_id": user_id, "head": head})
    return judge


def appoint_judge(actor, contest_id, body):
    contest = managed(actor, contest_id)
    _require_open(contest)
    judge = _appoint(actor, contest, body["user_id"], body.get("head", False))
    db.session.commit()
    return judge


def _require_open(contest):
    if contest.status != "open":
        raise hall_error("contest_closed")


# -- scores ----------------------------------------------------------------------------------------------

def _hold_contest(contest_id):
    """The contest row, held until the commit: shared by entries (they do not
    wait for each other here; the unique key decides between them), exclusive
    for the close. SQLite has no shared locks: lock_row serialises writers."""
    if db.session.get_bind().dialect.name == "postgresql":
        contest = db.session.execute(db.select(HallContest).where(HallContest.id == contest_id)
                                     .with_for_update(read=True)
                                     .execution_options(populate_existing=True)).scalar_one_or_none()
    else:
        contest = lock_row(HallContest, contest_id)
    if contest is None:
        raise hall_error("contest_not_found")
    return contest


def _part(model, contest, row_id, code):
    row = db.session.get(model, row_id)
    if row is None or row.contest_id != contest.id:
        raise hall_error(code)
    return row


def _points(round_, outcome, tier, points):
    try:
        return rules.entry_points(round_, outcome, tier, points)
    except rules.EntryRefused as refused:
        raise invalid(refused.field, refused.message) from None


def enter_score(judge_user, contest_id, body, now=None):
    """Record one answer: (the new entry, None), or raise 409 with what stands."""
    contest = _hold_contest(contest_id)
    if not policy.hall.may_enter(judge_user, contest):
        raise hall_error("not_a_judge")
    _require_open(contest)
    round_ = _part(ContestRound, contest, body["round_id"], "round_not_found")
    team = _part(ContestTeam, contest, body["team_id"], "contest_team_not_found")
    if body["outcome"] == "void":
        raise invalid("outcome", "作废只能由裁判长更正时使用")
    refused = rules.question_refused(round_, body["question_no"])
    if refused:
        raise invalid("question_no", refused)
    points = _points(round_, body["outcome"], body.get("tier"), body.get("points"))
    values = {"contest_id": contest.id, "round_id": round_.id, "team_id": team.id,
              "question_no": body["question_no"], "revision": 0, "outcome": body["outcome"],
              "tier": body.get("tier"), "points": points, "judge_id": judge_user.id, "entered_at": now or utcnow()}
    new_id = db.session.execute(insert_unless_exists(
        ScoreEntry.__table__, values, ("round_id", "team_id", "question_no", "revision"),
        returning=(ScoreEntry.id,))).scalar()
    if new_id is None:
        db.session.rollback()
        standing = _latest(round_.id, team.id, body["question_no"])
        raise hall_error("score_already_recorded", details={"recorded": _brief(standing)})
    db.session.commit()
    return db.session.get(ScoreEntry, new_id)


def _latest(round_id, team_id, question_no):
    return db.session.execute(db.select(ScoreEntry).where(
        ScoreEntry.round_id == round_id, ScoreEntry.team_id == team_id, ScoreEntry.question_no == question_no)
        .order_by(ScoreEntry.revision.desc()).limit(1)).scalar_one()


def _brief(entry):
    from app.hall.views import present_entry

    return present_entry(entry)


def correct_score(head_user, contest_id, entry_id, body, now=None):
    """The head judge replaces an entry: a new revision that supersedes it,
    with the reason, and an audit row. The old entry stays as it was."""
    contest = _hold_contest(contest_id)
    if not policy.hall.may_correct(head_user, contest):
        raise hall_error("not_head_judge")
    _require_open(contest)
    old = _part(ScoreEntry, contest, entry_id, "entry_not_found")
    round_ = db.session.get(ContestRound, old.round_id)
    points = _points(round_, body["outcome"], body.get("tier"), body.get("points"))
    values = {"contest_id": contest.id, "round_id": old.round_id, "team_id": old.team_id,
              "question_no": old.question_no, "revision": old.revision + 1, "outcome": body["outcome"],
              "tier": body.get("tier"), "points": points, "judge_id": head_user.id, "supersedes_id": old.id,
              "reason": body["reason"], "entered_at": now or utcnow()}
    new_id = db.session.execute(insert_unless_exists(
        ScoreEntry.__table__, values, ("round_id", "team_id", "question_no", "revision"),
        returning=(ScoreEntry.id,))).scalar()
    if new_id is None:
        db.session.rollback()
        raise hall_error("entry_superseded",
                         details={"recorded": _brief(_latest(old.round_id, old.team_id, old.question_no))})
    audit.record("hall.entry_corrected", actor=head_user, target=contest, detail={
        "entry_id": old.id, "correction_id": new_id, "team_id": old.team_id, "round_id": old.round_id,
        "question_no": old.question_no, "from": {"outcome": old.outcome, "tier": old.tier, "points": old.points},
        "to": {"outcome": body["outcome"], "tier": body.get("tier"), "points": points}, "reason": body["reason"]})
    db.session.commit()
    return db.session.get(ScoreEntry, new_id)


def close_contest(actor, contest_id, now=None):
    """open → closed: the standings are final from here on (idempotent)."""
    contest = managed(actor, contest_id)
    contest = lock_row(HallContest, contest.id)
    if contest.status == "closed":
        db.session.rollback()
        return get_contest(contest_id)
    contest.status, contest.closed_at, contest.closed_by_id = "closed", now or utcnow(), actor.id
    top = [{"team_id": s.team_id, "rank": s.rank, "total": s.total} for s in standings_of(contest)
           if s.rank <= contest.award_places]
    audit.record("hall.contest_closed", actor=actor, target=contest, detail={"awarded": top})
    db.session.commit()
    return contest
