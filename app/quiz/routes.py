"""/api/v1/quiz: the question bank, contests and attempts, leaderboards,
results and certificates, 每日一练 and my wrong answers (docs/quiz.md)."""
from io import BytesIO

from flask import send_file
from flask_smorest import Blueprint
from sqlalchemy import func

from app.auth import policy
from app.auth.permissions import current_user, login_required
from app.errors import APIError
from app.extensions import db
from app.models import Contest, Question, utcnow
from app.quiz import attempts, bank, contests, leaderboard, practice, results, views
from app.quiz.schemas import (
    QuizAnswerSchema, QuizAttemptSchema, QuizCertificateArgs, QuizContestChangeSchema, QuizContestCreateSchema, QuizContestListArgs,
    QuizContestPageSchema, QuizContestSchema, QuizDailySchema, QuizLeaderboardArgs, QuizLeaderboardSchema, PracticeAnswerSchema,
    PracticeResultSchema, QuestionChangeSchema, QuestionCreateSchema, QuestionListArgs, QuestionPageSchema,
    QuestionSchema, QuizResultArgs, QuizResultPageSchema, QuizStartSchema, WrongListArgs, WrongPageSchema,
)

blp = Blueprint("quiz", __name__, url_prefix="/api/v1",
                description="百年党史知多少: question bank, online contests, leaderboards, 每日一练")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _manager():
    user = current_user()
    policy.require(policy.quiz.may_manage(user), "forbidden")
    return user


def _contest_view(contest, user, now=None):
    view = views.contest_view(contest, user, now, may_enter=policy.quiz.may_enter(user, contest))
    view["may_manage"] = policy.quiz.may_manage(user)
    view["may_read_results"] = policy.quiz.may_read_results(user)
    return view


# -- the bank -------------------------------------------------------------------------

@blp.route("/quiz/questions", methods=["GET"])
@login_required
@blp.arguments(QuestionListArgs, location="query")
@blp.response(200, QuestionPageSchema)
def list_questions(args):
    """The bank with its keys (lecture office and admins), and how many active
    questions each topic has per difficulty (for a contest's quotas)."""
    _manager()
    query = db.select(Question)
    for key in ("topic", "difficulty", "kind"):
        if args.get(key):
            query = query.where(getattr(Question, key) == args[key])
    if args.get("q"):
        query = query.where(Question.stem.contains(args["q"], autoescape=True))
    total = db.session.execute(db.select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by(Question.id).limit(args["limit"]).offset(args["offset"])).scalars()
    topics = {}
    for topic, difficulty, count in db.session.execute(
            db.select(Question.topic, Question.difficulty, func.count()).where(Question.is_active.is_(True))
            .group_by(Question.topic, Question.difficulty)):
        topics.setdefault(topic, {})[difficulty] = count
    return {"items": [bank.full_view(q) for q in rows], "total": total, "limit": args["limit"],
            "offset": args["offset"], "topics": topics}


@blp.route("/quiz/questions", methods=["POST"])
@login_required
@blp.arguments(QuestionCreateSchema)
@blp.response(201, QuestionSchema)
def create_question(body):
    """Add a question to the bank."""
    _manager()
    return bank.full_view(bank.create(body))


@blp.route("/quiz/questions/<int:question_id>", methods=["PATCH"])
@login_required
@blp.arguments(QuestionChangeSchema)
@blp.response(200, QuestionSchema)
@blp.alt_response(404, schema="Error", description="question_not_found")
def change_question(body, question_id):
    """Change a question, or take it out of future draws (``is_active: false``)."""
    _manager()
    return bank.full_view(bank.update(question_id, body))


# -- contests -------------------------------------------------------------------------

@blp.route("/quiz/contests", methods=["GET"])
@login_required
@blp.arguments(QuizContestListArgs, location="query")
@blp.response(200, QuizContestPageSchema)
def list_contests(args):
    """Every contest, running ones first, then upcoming, then closed (newest first);
    ``may_enter`` says whether I may take part."""
    user, now = current_user(), utcnow()
    query = db.select(Contest)
    if args.get("state") == "upcoming":
        query = query.where(Contest.starts_at > now)
    elif args.get("state") == "running":
        query = query.where(Contest.starts_at <= now, Contest.ends_at > now)
    elif args.get("state") == "closed":
        query = query.where(Contest.ends_at <= now)
    total = db.session.execute(db.select(func.count()).select_from(query.subquery())).scalar_one()
    rows = db.session.execute(query.order_by((Contest.ends_at <= now), Contest.starts_at.desc(), Contest.id.desc())
                              .limit(args["limit"]).offset(args["offset"])).scalars()
    return {"items": [_contest_view(c, user, now) for c in rows], "total": total, "limit": args["limit"],
            "offset": args["offset"]}


@blp.route("/quiz/contests", methods=["POST"])
@login_required
@blp.arguments(QuizContestCreateSchema)
@blp.response(201, QuizContestSchema)
def create_contest(body):
    """Create a contest (lecture office and admins)."""
    user = _manager()
    return _contest_view(contests.create(user, body), user)


@blp.route("/quiz/contests/<int:contest_id>", methods=["GET"])
@login_required
@blp.response(200, QuizContestSchema)
@blp.alt_response(404, schema="Error", description="contest_not_found")
def get_contest(contest_id):
    """A contest, with my attempts and the number of my next one."""
    return _contest_view(contests.get(contest_id), current_user())


@blp.route("/quiz/contests/<int:contest_id>", methods=["PATCH"])
@login_required
@blp.arguments(QuizContestChangeSchema)
@blp.response(200, QuizContestSchema)
@blp.alt_response(409, schema="Error", description="contest_started: the draw rules are fixed once it starts")
def change_contest(body, contest_id):
    """Change a contest: the leaderboard's mode, the end and the texts any time;
    the draw, the time per question and who may enter only before it starts."""
    user = _manager()
    return _contest_view(contests.update(contest_id, body), user)


# -- attempts -------------------------------------------------------------------------

@blp.route("/quiz/contests/<int:contest_id>/attempts", methods=["POST"])
@login_required
@blp.arguments(QuizStartSchema)
@blp.response(201, QuizAttemptSchema)
@blp.alt_response(409, schema="Error",
                  description="attempt_taken (a second device or a replay) / attempt_running / attempts_used_up / "
                              "contest_not_open / contest_closed")
@blp.alt_response(403, schema="Error", description="contest_not_for_you")
def start_attempt(body, contest_id):
    """开始答题: the server draws the questions by the contest's quotas and
    shuffles them and their options; answers with the first question (no key)."""
    now = utcnow()
    attempt = attempts.start(current_user(), contest_id, body["number"], now)
    return views.attempt_view(attempt, now)


@blp.route("/quiz/attempts/<int:attempt_id>", methods=["GET"])
@login_required
@blp.response(200, QuizAttemptSchema)
@blp.alt_response(404, schema="Error", description="attempt_not_found: not mine")
def get_attempt(attempt_id):
    """My attempt: running, the current question (no key) and its answer-by
    time; finished, the score and every question with its key and explanation."""
    return views.attempt_view(attempts.own_attempt(attempt_id, current_user()))


@blp.route("/quiz/attempts/<int:attempt_id>/answers", methods=["POST"])
@login_required
@blp.arguments(QuizAnswerSchema)
@blp.response(200, QuizAttemptSchema)
@blp.alt_response(409, schema="Error", description="answer_taken (answered already, e.g. on another device) / "
                                                   "attempt_finished")
def answer_question(body, attempt_id):
    """Answer question ``position``: timed by the server (later than
    ``answer_by`` is wrong); answers with the next question, or the result
    after the last. Whether it was right is only said when the attempt ends."""
    now = utcnow()
    attempt = attempts.answer(current_user(), attempt_id, body["position"], body["choice"], now)
    return views.attempt_view(attempt, now)


@blp.route("/quiz/attempts/<int:attempt_id>/finish", methods=["POST"])
@login_required
@blp.response(200, QuizAttemptSchema)
def finish_attempt(attempt_id):
    """交卷: end my attempt now (questions not answered are wrong); the result."""
    now = utcnow()
    attempt = attempts.own_attempt(attempt_id, current_user())
    return views.attempt_view(attempts.finish(attempt.id, now), now)


# -- leaderboards, results, certificates ------------------------------------------

@blp.route("/quiz/contests/<int:contest_id>/leaderboard", methods=["GET"])
@login_required
@blp.arguments(QuizLeaderboardArgs, location="query")
@blp.response(200, QuizLeaderboardSchema)
@blp.alt_response(409, schema="Error", description="leaderboard_not_published: until the contest closes")
def contest_leaderboard(args, contest_id):
    """Top N and my rank: per person (``community_id``/``unit_id`` narrow it),
    or per community or unit (by their people's average). Shown when the
    contest closes, or at once if the organiser chose ``live``; the
    organisers see it any time."""
    user, contest = current_user(), contests.get(contest_id)
    published = contests.leaderboard_published(contest)
    if not published and not policy.quiz.may_manage(user):
        raise APIError("leaderboard_not_published")
    if args["by"] == "person":
        board = leaderboard.people(contest.id, user.id, args["limit"], args.get("community_id"), args.get("unit_id"))
    else:
        mine = user.community_id if args["by"] == "community" else policy.quiz.home_unit(user)
        board = leaderboard.groups(contest.id, args["by"], mine, args["limit"])
    return dict(board, published=published)


@blp.route("/quiz/contests/<int:contest_id>/results", methods=["GET"])
@login_required
@blp.arguments(QuizResultArgs, location="query")
@blp.response(200, QuizResultPageSchema)
def contest_results(args, contest_id):
    """Every person's best score with full names: the lecture office and
    admins see all, community staff their communities' people."""
    user = current_user()
    policy.require(policy.quiz.may_read_results(user), "forbidden")
    return results.page(contests.get(contest_id), user, args["limit"], args["offset"])


@blp.route("/quiz/contests/<int:contest_id>/results.xlsx", methods=["GET"])
@login_required
@blp.response(200, {"type": "string", "format": "binary"}, content_type=XLSX, description="XLSX, one row per person")
def contest_results_xlsx(contest_id):
    """The results as an XLSX workbook (the same people as ``/results``)."""
    user = current_user()
    policy.require(policy.quiz.may_read_results(user), "forbidden")
    contest = contests.get(contest_id)
    data = results.workbook(contest, user)
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"{contest.title}_成绩.xlsx")


@blp.route("/quiz/contests/<int:contest_id>/certificate.pdf", methods=["GET"])
@login_required
@blp.arguments(QuizCertificateArgs, location="query")
@blp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf",
              description="荣誉证书, A4 landscape")
@blp.alt_response(409, schema="Error", description="contest_not_closed / not_in_top")
def contest_certificate(args, contest_id):
    """The certificate of honour of a top place: mine, or (organisers) anyone's."""
    user = current_user()
    holder_id = args.get("user_id") or user.id
    policy.require(policy.quiz.may_read_certificate(user, holder_id), "forbidden")
    contest = contests.get(contest_id)
    pdf = results.certificate(contest, holder_id)
    return send_file(BytesIO(pdf), mimetype="application/pdf", as_attachment=False,
                     download_name=f"荣誉证书_{contest.id}_{holder_id}.pdf")


# -- 每日一练 and 错题本 -------------------------------------------------------------------

@blp.route("/quiz/daily", methods=["GET"])
@login_required
@blp.response(200, QuizDailySchema)
def daily_practice():
    """每日一练: today's questions for me (the same all day); the key of each only once answered."""
    return practice.daily(current_user())


@blp.route("/quiz/practice/answers", methods=["POST"])
@login_required
@blp.arguments(PracticeAnswerSchema)
@blp.response(200, PracticeResultSchema)
@blp.alt_response(409, schema="Error", description="already_practised / question_not_in_practice")
def practice_answer(body):
    """Answer one of today's questions, or one on my wrong-answer list: checked
    at once, with the explanation; a right answer takes it off the list."""
    return practice.answer(current_user(), body["question_id"], body["choice"])


@blp.route("/quiz/wrong-answers", methods=["GET"])
@login_required
@blp.arguments(WrongListArgs, location="query")
@blp.response(200, WrongPageSchema)
def wrong_answers(args):
    """我的错题本: questions I got wrong, with the key and explanation, newest first."""
    return practice.wrong_answers(current_user(), args["limit"], args["offset"])
