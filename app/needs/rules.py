"""The state machines of 点单 → 派单 → 接单 → 履职 → 评单, as data.

A duty moves by one of ``DUTY_MOVES``; a need's status follows from its
duties (``need_status``), except that only its raiser (or the community)
cancels it. docs/alliance-needs.md prints these tables.
"""
from dataclasses import dataclass
from datetime import timedelta

from app.models import DUTY_ENDED

REOPEN_WINDOW = timedelta(days=7)  # the raiser may reopen a done duty this long after it was done
AUTO_CLOSE_AFTER = timedelta(days=7)  # an unrated done duty closes itself after this
ESCALATION_LEVELS = ("unit", "community", "office")  # who each day's reminder goes to

# A need may be dispatched (more units added) while no unit holds it as a claim
# and it is not finished.
DISPATCHABLE = ("open", "dispatched", "in_progress")
# Cancelled by its raiser (or the community) while no unit has accepted it.
CANCELLABLE = ("open", "claimed", "dispatched")
CLAIMABLE = ("open",)


@dataclass(frozen=True)
class Move:
    action: str
    sources: tuple  # duty statuses it leaves from
    target: str  # the duty status it arrives at
    refusal: str  # the 409 code when the duty is in none of ``sources``


DUTY_MOVES = {m.action: m for m in (
    Move("accept", ("offered",), "accepted", "duty_not_offered"),  # 接单
    Move("decline", ("offered",), "declined", "duty_not_offered"),  # 拒单, with a reason
    Move("confirm", ("claimed",), "accepted", "duty_not_claimed"),  # the community confirms a 抢单
    Move("refuse", ("claimed",), "withdrawn", "duty_not_claimed"),  # ... or refuses it
    Move("withdraw", ("offered", "accepted"), "withdrawn", "duty_not_withdrawable"),  # dispatch taken back
    Move("progress", ("accepted",), "accepted", "duty_not_accepted"),  # a step of 履职 with photos
    Move("done", ("accepted",), "done", "duty_not_accepted"),  # 履职 ends, with evidence
    Move("rate", ("done",), "closed", "duty_not_done"),  # 评单
    Move("reopen", ("done", "closed"), "accepted", "duty_not_done"),  # within REOPEN_WINDOW of done
    Move("auto_close", ("done",), "closed", "duty_not_done"),  # 7 days unrated
)}

ACTION_LABELS = {
    "raise": "提出需求", "cancel": "取消需求", "dispatch": "派单", "claim": "抢单", "confirm": "确认抢单",
    "refuse": "不同意抢单", "withdraw": "撤回派单", "accept": "接单", "decline": "拒单", "progress": "履职进展",
    "done": "办结", "rate": "评价", "reopen": "重新办理", "auto_close": "超时自动关闭", "remind": "催办提醒",
    "need_status": "需求状态变更",
}
NEED_STATUS_LABELS = {
    "open": "待认领", "claimed": "待确认抢单", "dispatched": "已派单", "in_progress": "办理中", "done": "已办结",
    "closed": "已关闭", "cancelled": "已取消",
}
DUTY_STATUS_LABELS = {
    "offered": "待接单", "claimed": "待社区确认", "accepted": "履职中", "done": "已办结", "closed": "已评价",
    "declined": "已拒单", "withdrawn": "已撤回",
}


def is_live(duty_status):
    return duty_status not in DUTY_ENDED


def need_status(current, duty_statuses):
    """A need's status from its duties'. A cancelled need stays cancelled.

    No live duty: open. Every live duty closed: closed; every live duty done
    or closed: done. Any accepted, or some done while others still run:
    in_progress. Else offered ones: dispatched; else a claim: claimed."""
    if current == "cancelled":
        return current
    live = [s for s in duty_statuses if is_live(s)]
    if not live:
        return "open"
    if all(s == "closed" for s in live):
        return "closed"
    if all(s in ("done", "closed") for s in live):
        return "done"
    if any(s in ("accepted", "done", "closed") for s in live):
        return "in_progress"
    if "offered" in live:
        return "dispatched"
    return "claimed"


def in_reopen_window(done_at, now):
    return done_at is not None and now - done_at <= REOPEN_WINDOW
