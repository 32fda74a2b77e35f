"""Rows for notices and their deliveries: a few to every volunteer (the
corps), more to one brigade, and a reminder to each recent event's
registrants, until the size's number of deliveries is reached."""
import json

import numpy as np

from app.scale.activity import TEMPLATE
from app.scale.copy_load import TableLoad
from app.scale.world import DAY


def registrants(world, i):
    p = world.participants(i)
    return np.concatenate([p.volunteers, p.residents, p.no_shows])


def notice_plan(world):
    """[(audience spec, event index or None, send_at seconds, recipients())]."""
    total = world.size.notice_deliveries
    volunteers = world.approved_volunteers
    plan = []
    corps = max(1, round(0.2 * total / len(volunteers)))
    for k in range(corps):
        at = world.start + (k + 1) * (world.anchor - world.start) // (corps + 1)
        plan.append(({"kind": "team", "team_id": 1, "label": "全体志愿者"}, None, at, lambda: volunteers))
    brigade_size = max(1, len(volunteers) // 5)
    per_brigade = max(1, round(0.4 * total / brigade_size / 5))
    for b in range(2, 7):
        members = world.brigade_volunteers(b)
        for k in range(per_brigade):
            at = world.start + (k + 1) * (world.anchor - world.start) // (per_brigade + 1) + b * 3600
            plan.append(({"kind": "team", "team_id": b, "label": f"第{b - 1}志愿服务大队"}, None, at,
                         lambda members=members: members))
    left = total - corps * len(volunteers) - per_brigade * sum(len(world.brigade_volunteers(b)) for b in range(2, 7))
    reminded = []
    for i in np.flatnonzero(world.past & world.registration_required)[::-1]:
        if left <= 0:
            break
        left -= len(registrants(world, int(i)))
        reminded.append(int(i))
    extra = 0
    while left > len(volunteers) // 2:  # too few registrants (the small size): more notices to everyone
        left -= len(volunteers)
        extra += 1
        at = world.start + extra * (world.anchor - world.start) // (extra + corps + 1) + 1800
        plan.append(({"kind": "team", "team_id": 1, "label": "全体志愿者"}, None, at, lambda: volunteers))
    for i in sorted(reminded):
        plan.append(({"kind": "event_registrants", "event_id": i + 1, "label": "活动报名者"}, i,
                     int(world.starts[i]) - DAY, lambda i=i: registrants(world, i)))
    plan.sort(key=lambda item: item[2])
    return plan


def delivery_state(user_id, sent_at):
    """Most reach the phone; some never subscribed; a few are refused by WeChat."""
    bucket = user_id % 100
    if bucket < 88:
        return ("sent", None, 1, None, None, user_id * 1000 + 7, sent_at)
    if bucket < 97:
        return ("skipped", "no_subscription", 0, None, None, None, None)
    return ("failed", None, 1, 43101, "user refuse to accept the msg", None, None)


def notice_tables(world):
    when = world.when
    plan = notice_plan(world)

    def notices():
        for n, (audience, event, at, _) in enumerate(plan, start=1):
            sent = when(at)
            is_reminder = event is not None
            data = {"thing1": {"value": "活动提醒" if is_reminder else "志愿服务通知"}}
            yield (n, "event_reminder" if is_reminder else "manual", TEMPLATE[0], TEMPLATE[1], json.dumps(data),
                   f"pages/events/detail?id={event + 1}" if is_reminder else None,
                   json.dumps(audience, ensure_ascii=False),
                   int(world.community[event]) or None if is_reminder else None, event + 1 if is_reminder else None,
                   "done", sent, sent, when(at + 600), f"reminder:event:{event + 1}" if is_reminder else None,
                   1, sent, when(at + 600))

    def deliveries():
        n = 0
        for notice_id, (_, _, at, recipients) in enumerate(plan, start=1):
            sent, done = when(at + 60), when(at + 600)
            for user in recipients():
                n += 1
                user = int(user)
                yield (n, notice_id, user, TEMPLATE[1], *delivery_state(user, sent), when(at), done)

    return [
        TableLoad("notices", ("id", "kind", "template_name", "template_id", "data", "page", "audience",
                              "community_id", "event_id", "status", "send_at", "started_at", "finished_at",
                              "source_key", "created_by_id", "created_at", "updated_at"),
                  notices, len(plan), "notices"),
        TableLoad("notice_deliveries", ("id", "notice_id", "user_id", "template_id", "state", "reason", "attempts",
                                        "errcode", "error", "msgid", "sent_at", "created_at", "updated_at"),
                  deliveries, world.size.notice_deliveries, "notice deliveries"),
    ]
