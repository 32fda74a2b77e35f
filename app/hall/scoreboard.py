"""The hall projector's scoreboard: a signed link that opens a full-screen
page in any browser (no WeChat, no login), and the state that page polls.

As check-in's projector link (app/checkin/projector.py): the link carries
(contest, issuer) signed with SECRET_KEY and a timestamp and works for
SCOREBOARD_LINK_TTL (14 hours: a contest day, with rehearsal). Every poll
checks again that the issuer is active and may still project the contest, so
taking a judge off the contest, or the lecture office grant away, also stops
the links they handed out. The path is ``/hall/projector/<signed>``, so the
app's log redaction of ``/projector/<capability>`` (app/observability.py)
keeps the link out of every log line.

Polling, not a stream: one hall PC asks every 2 seconds for a few hundred
bytes computed from at most a few hundred entries; it works through any
proxy and holds no worker thread, and the page is plain ES5 for old browsers.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.auth import policy
from app.extensions import db
from app.hall import rules, service
from app.hall.errors import hall_error
from app.hall.views import present_entry, represents
from app.models import HallContest, User, utcnow

SALT = "jusha/hall-scoreboard/v1"
SCOREBOARD_LINK_TTL = 14 * 3600
POLL_SECONDS = 2


@dataclass(frozen=True)
class ScoreboardLink:
    signed: str
    expires_at: datetime


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue(contest, issuer):
    signed = _serializer().dumps([contest.id, issuer.id])
    expires = utcnow().timestamp() + SCOREBOARD_LINK_TTL
    return ScoreboardLink(signed, datetime.fromtimestamp(expires, timezone.utc))


def open_link(signed):
    """The contest of a genuine, unexpired link whose issuer may still project it."""
    try:
        contest_id, issuer_id = _serializer().loads(signed, max_age=SCOREBOARD_LINK_TTL)
    except (SignatureExpired, BadSignature, TypeError, ValueError):
        raise hall_error("scoreboard_link_invalid") from None
    contest = db.session.get(HallContest, contest_id) if isinstance(contest_id, int) else None
    issuer = db.session.get(User, issuer_id) if isinstance(issuer_id, int) else None
    if contest is None or issuer is None or not issuer.is_active or not policy.hall.may_project(issuer, contest):
        raise hall_error("scoreboard_link_invalid")
    return contest


def state(contest):
    """Everything the board shows: ranks, totals per round, the last change."""
    entries = service.entries_of(contest.id)
    standings = service.standings_of(contest, entries)
    teams = {team.id: team for team in contest.teams}
    last = entries[-1] if entries else None
    return {
        "contest": {"id": contest.id, "title": contest.title, "held_on": contest.held_on.isoformat(),
                    "place": contest.place, "status": contest.status},
        "rounds": [{"id": r.id, "name": r.name, "kind": r.kind} for r in contest.rounds],
        "rows": [{
            "team_id": s.team_id, "name": teams[s.team_id].name, "represents": represents(teams[s.team_id]),
            "rank": s.rank, "total": s.total, "wrong": s.wrong,
            "by_round": [{"round_id": r.id, "points": s.by_round[r.id]} for r in contest.rounds],
            "award": rules.award_name(s.rank) if contest.status == "closed" and s.rank <= contest.award_places
            else None,
        } for s in standings],
        "last_change": present_entry(last) if last is not None else None,
        "version": f"{last.id if last else 0}.{contest.status}",
        "poll_seconds": POLL_SECONDS,
    }
