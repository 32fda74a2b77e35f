"""The work order's state machine as data, and its words.

A move leaves from one of its ``sources`` statuses (at one of its
``levels``) and arrives at ``target``; anything else is 409 with its
``refusal`` code. docs/reports.md prints this table.
"""
from dataclasses import dataclass
from datetime import timedelta

REOPEN_WINDOW = timedelta(days=7)  # the reporter may reopen a closed order this long after it was closed
PHOTO_LIMIT = 9

CATEGORIES = {
    "environment": "环境卫生", "facilities": "设施损坏", "safety": "安全隐患", "parking": "乱停乱放",
    "greenery": "绿化养护", "noise": "噪音扰民", "neighbours": "邻里纠纷", "other": "其他",
}
LEVEL_LABELS = {"grid": "网格", "community": "社区", "office": "街道"}
NEXT_LEVEL = {"grid": "community", "community": "office"}
STATUS_LABELS = {"submitted": "待受理", "accepted": "已受理", "in_progress": "处理中", "closed": "已办结",
                 "rejected": "不予受理"}
REJECT_LABELS = {"not_a_problem": "经核实不是问题", "duplicate": "重复上报"}
SOURCE_LABELS = {"resident": "随手拍", "patrol": "巡查发现", "household_visit": "走访发现"}
OPEN = ("submitted", "accepted", "in_progress")
ALLIANCE_LEVELS = ("community", "office")


@dataclass(frozen=True)
class Move:
    action: str
    sources: tuple
    target: str
    refusal: str
    levels: tuple = ("grid", "community", "office")


MOVES = {m.action: m for m in (
    Move("accept", ("submitted",), "accepted", "work_order_taken"),  # 受理: exactly one of racing workers
    Move("progress", ("accepted", "in_progress"), "in_progress", "work_order_not_accepted"),
    Move("close", ("accepted", "in_progress"), "closed", "work_order_not_accepted"),  # 办结, with evidence
    Move("escalate", OPEN, "submitted", "work_order_not_open", ("grid", "community")),  # 上报 one level up
    Move("reject", OPEN, "rejected", "work_order_not_open"),  # 不予受理: not a problem / duplicate
    Move("whistle", OPEN, "in_progress", "work_order_not_open", ALLIANCE_LEVELS),  # 吹哨 for the alliance
    Move("need", OPEN, "in_progress", "work_order_not_open", ALLIANCE_LEVELS),  # 派单 as a need
    Move("rate", ("closed",), "closed", "work_order_not_closed"),  # 评价, once
    Move("reopen", ("closed", "rejected"), "submitted", "work_order_not_finished"),  # within REOPEN_WINDOW
)}
# Moves taken by the people of the order's current level (the rest are the reporter's).
LEVEL_MOVES = ("accept", "progress", "close", "escalate", "reject", "whistle", "need")

ACTION_LABELS = {
    "submit": "提交随手拍", "accept": "受理", "progress": "处理进展", "close": "办结", "escalate": "上报上级",
    "deadline_escalate": "超时自动上报", "overdue": "超过办理时限", "reject": "不予受理", "whistle": "吹哨联盟",
    "need": "转为联盟需求", "rate": "评价", "reopen": "重新办理",
}


def in_reopen_window(closed_at, now):
    return closed_at is not None and now - closed_at <= REOPEN_WINDOW
