"""How contests, teams, judges and entries are shown (JSON-ready dicts for
the schemas in app/hall/schemas.py)."""
from app.auth import policy
from app.hall import rules
from app.models import ROUND_KIND_LABELS


def represents(team):
    """The member unit's or community's name the team speaks for."""
    if team.member_unit is not None:
        return team.member_unit.name
    return team.community.name if team.community is not None else None


def present_entry(entry):
    return {"id": entry.id, "round_id": entry.round_id, "team_id": entry.team_id, "question_no": entry.question_no,
            "revision": entry.revision, "outcome": entry.outcome, "tier": entry.tier, "points": entry.points,
            "judge_id": entry.judge_id, "supersedes_id": entry.supersedes_id, "reason": entry.reason,
            "entered_at": entry.entered_at}


def present_round(round_):
    return {"id": round_.id, "position": round_.position, "name": round_.name, "kind": round_.kind,
            "kind_label": ROUND_KIND_LABELS[round_.kind], "points_correct": round_.points_correct,
            "penalty_wrong": round_.penalty_wrong, "risk_tiers": list(round_.risk_tiers or ()),
            "question_count": round_.question_count}


def present_team(team):
    return {"id": team.id, "position": team.position, "name": team.name, "community_id": team.community_id,
            "member_unit_id": team.member_unit_id, "represents": represents(team), "members": list(team.members)}


def present_contest(contest, user, detail=False):
    judge = policy.hall.judge_of(user, contest)
    shown = {"id": contest.id, "title": contest.title, "held_on": contest.held_on, "place": contest.place,
             "status": contest.status, "award_places": contest.award_places, "closed_at": contest.closed_at,
             "team_count": len(contest.teams), "round_count": len(contest.rounds),
             "my_role": {"judge": judge is not None, "head_judge": bool(judge and judge.head),
                         "manager": policy.hall.may_manage(user, contest)}}
    if detail:
        shown["rounds"] = [present_round(r) for r in contest.rounds]
        shown["teams"] = [present_team(t) for t in contest.teams]
        shown["judges"] = [{"user_id": j.user_id, "name": j.user.name, "head": j.head} for j in contest.judges]
    return shown


def present_results(contest, standings):
    """The public results: each team's rank, total and points per round."""
    teams = {team.id: team for team in contest.teams}
    return {
        "contest_id": contest.id, "status": contest.status, "final": contest.status == "closed",
        "rounds": [present_round(r) for r in contest.rounds],
        "rows": [{"team": present_team(teams[s.team_id]), "rank": s.rank, "total": s.total, "wrong": s.wrong,
                  "answered": s.answered,
                  "by_round": [{"round_id": r.id, "points": s.by_round[r.id]} for r in contest.rounds],
                  "award": rules.award_name(s.rank) if contest.status == "closed" and s.rank <= contest.award_places
                  else None} for s in standings],
        "tie_rule": rules.TIE_RULE,
    }
