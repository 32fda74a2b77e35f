"""The contest's scoring and ranking rules, as plain functions (no Flask, no
database), so docs/hall.md, the scoreboard, the XLSX and the certificates all
say the same thing.

Scoring, per entry (one team's answer to one question of a round):

* 必答题 (required): correct earns ``points_correct``; wrong earns 0;
  ``points`` records a judge's partial marks, 0..``points_correct``.
* 抢答题 (buzz): correct earns ``points_correct``; wrong costs ``penalty_wrong``.
* 风险题 (risk): the team picks a tier from ``risk_tiers`` (10/20/30); correct
  earns the tier, wrong costs the tier.
* void (a head judge's correction only): the entry counts 0.

Ranking (``rank``): higher total first. Ties are broken by the later rounds:
the higher score in the last round, then in the one before, and so on (the
风险题 round, played last, decides first), then by fewer wrong answers. Teams
still equal share the rank, and the next rank is skipped (1, 2, 2, 4).
"""
from dataclasses import dataclass, field

DEFAULT_RISK_TIERS = (10, 20, 30)
AWARD_NAMES = {1: "一等奖", 2: "二等奖", 3: "三等奖"}
TIE_RULE = ("总分高者名次在前；总分相同时依次比较最后一轮、倒数第二轮……的得分，再比较答错题数（少者在前）；"
            "仍相同则名次并列，下一名次顺延。")


class EntryRefused(ValueError):
    """An entry the round's rule does not allow: (field, Chinese message)."""

    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


def entry_points(round_, outcome, tier=None, points=None):
    """The signed points one entry adds under ``round_``'s rule (any object
    with kind, points_correct, penalty_wrong, risk_tiers)."""
    if outcome == "void":
        return 0
    if round_.kind == "risk":
        tiers = tuple(round_.risk_tiers or DEFAULT_RISK_TIERS)
        if tier not in tiers:
            raise EntryRefused("tier", f"风险题请选择分值：{'/'.join(str(t) for t in tiers)} 分")
        if outcome == "points":
            raise EntryRefused("outcome", "风险题只能判定答对或答错")
        return tier if outcome == "correct" else -tier
    if tier is not None:
        raise EntryRefused("tier", "只有风险题需要选择分值")
    if outcome == "points":
        if round_.kind != "required":
            raise EntryRefused("outcome", "只有必答题可以直接给分")
        if points is None or not 0 <= points <= round_.points_correct:
            raise EntryRefused("points", f"得分须在 0 到 {round_.points_correct} 分之间")
        return points
    if outcome == "correct":
        return round_.points_correct
    return -round_.penalty_wrong if round_.kind == "buzz" else 0


def question_refused(round_, question_no):
    """A Chinese reason when ``question_no`` is outside the round, else None."""
    if not 1 <= question_no <= round_.question_count:
        return f"题号须在 1 到 {round_.question_count} 之间"
    return None


@dataclass
class Standing:
    team_id: int
    total: int = 0
    by_round: dict = field(default_factory=dict)  # round id -> points
    wrong: int = 0
    answered: int = 0
    rank: int = 0


def current_entries(entries):
    """The latest revision of each (round, team, question): what counts."""
    latest = {}
    for entry in entries:
        key = (entry.round_id, entry.team_id, entry.question_no)
        if key not in latest or entry.revision > latest[key].revision:
            latest[key] = entry
    return list(latest.values())


def standings(team_ids, round_ids, entries):
    """Every team's Standing, ranked (see the module's rule), in rank order
    (ties in seat order). ``entries`` is the whole log; superseded entries
    are left out here."""
    table = {team_id: Standing(team_id, by_round={round_id: 0 for round_id in round_ids}) for team_id in team_ids}
    for entry in current_entries(entries):
        standing = table.get(entry.team_id)
        if standing is None or entry.round_id not in standing.by_round:
            continue
        standing.by_round[entry.round_id] += entry.points
        standing.total += entry.points
        if entry.outcome != "void":
            standing.answered += 1
            standing.wrong += entry.outcome == "wrong"
    seat = {team_id: index for index, team_id in enumerate(team_ids)}

    def merit(s):
        return (-s.total, *(-s.by_round[r] for r in reversed(round_ids)), s.wrong)

    ordered = sorted(table.values(), key=lambda s: (merit(s), seat[s.team_id]))
    for index, standing in enumerate(ordered):
        if index and merit(standing) == merit(ordered[index - 1]):
            standing.rank = ordered[index - 1].rank
        else:
            standing.rank = index + 1
    return ordered


def award_name(rank):
    return AWARD_NAMES.get(rank, f"第{rank}名")
