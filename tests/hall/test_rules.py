"""The ranking rule as docs/hall.md states it: total, then the last round,
the one before..., then fewer wrong answers; still equal teams share a rank
and the next rank is skipped. Pure functions, no database."""
from types import SimpleNamespace as Row

from app.hall import rules


def E(team, round_id, points, outcome="correct", question=1, revision=0):
    return Row(team_id=team, round_id=round_id, points=points, outcome=outcome, question_no=question,
               revision=revision)


def test_ties_fall_to_the_later_rounds_then_fewer_wrong_answers_then_share_a_rank():
    entries = [
        E(1, 10, 30), E(1, 20, 20),                      # 50, last round 20
        E(2, 10, 20), E(2, 20, 30),                      # 50, last round 30: above team 1
        E(3, 10, 30), E(3, 20, 10),                      # 40 with a wrong answer worth 0 ...
        E(3, 10, 0, "wrong", question=2),
        E(4, 10, 30), E(4, 20, 10),                      # 40, same rounds as team 3, no wrong: above it
        E(5, 10, 30), E(5, 20, 10),                      # exactly team 4: they share rank 3
        E(6, 10, 10), E(6, 10, -10, "wrong", question=3),  # corrected below: the wrong becomes void
        E(6, 10, 0, "void", question=3, revision=1),
    ]
    ranked = rules.standings([1, 2, 3, 4, 5, 6], [10, 20], entries)
    assert [(s.team_id, s.rank, s.total) for s in ranked] == [
        (2, 1, 50), (1, 2, 50), (4, 3, 40), (5, 3, 40), (3, 5, 40), (6, 6, 10)]
    assert ranked[-1].wrong == 0 and ranked[-1].answered == 1
    assert rules.award_name(1) == "一等奖" and rules.award_name(4) == "第4名"


def test_each_kind_of_round_scores_by_its_rule():
    required = Row(kind="required", points_correct=10, penalty_wrong=0, risk_tiers=[])
    buzz = Row(kind="buzz", points_correct=10, penalty_wrong=5, risk_tiers=[])
    risk = Row(kind="risk", points_correct=10, penalty_wrong=0, risk_tiers=[10, 20, 30])
    assert [rules.entry_points(required, o, points=p) for o, p in (("correct", None), ("wrong", None),
                                                                   ("points", 7))] == [10, 0, 7]
    assert [rules.entry_points(buzz, o) for o in ("correct", "wrong", "void")] == [10, -5, 0]
    assert [rules.entry_points(risk, o, tier=20) for o in ("correct", "wrong")] == [20, -20]
    for round_, outcome, kwargs, field in ((risk, "correct", {}, "tier"), (buzz, "points", {"points": 3}, "outcome"),
                                           (required, "points", {"points": 11}, "points"),
                                           (buzz, "correct", {"tier": 10}, "tier")):
        try:
            rules.entry_points(round_, outcome, **kwargs)
        except rules.EntryRefused as refused:
            assert refused.field == field
        else:
            raise AssertionError((round_.kind, outcome, kwargs))
