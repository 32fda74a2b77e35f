"""Rows for five years of activity: events, registrations, check-ins, service
records, the hours ledger, notices and their deliveries.

Every pass walks the calendar in id order and asks ``world.participants(i)``
for event i's people, so the service record ids the ledger points to, and the
registrants a reminder goes to, come out the same in every pass."""
import json

import numpy as np

from app.events.welfare import DEFAULT_THEMES, plan_key
from app.scale.copy_load import TableLoad
from app.scale.people import community_name, staff
from app.scale.world import (
    APPROVED, DAY, KINDS, LECTURE, MISSING_CHECKOUT, PARTY, RECORD_STATUSES, REJECTED, WELFARE, shift)

ACTIVITY_TITLES = ("社区环境清洁", "关爱独居老人", "垃圾分类宣传", "文明交通劝导", "图书馆志愿服务",
                   "义诊进社区", "家电义务维修", "儿童课业辅导", "防诈骗宣传", "河道巡护")
RESIDENT_METHODS = ("qr",) * 80 + ("poster",) * 12 + ("resident_code",) * 5 + ("manual",) * 3
TEMPLATE = ("activity_reminder", "tmpl-activity-reminder")


def _title(world, i):
    kind = world.kind[i]
    if kind == WELFARE:
        year, month, c = world.plan_keys[i]
        where = f"·{community_name(c)}" if c else ""
        return f"{year}年{month}月市民公益日{where}"[:64]
    if kind == LECTURE:
        return f"聚沙讲堂第{i + 1}期"
    if kind == PARTY:
        return "主题党日：重温入党誓词"
    return ACTIVITY_TITLES[i % len(ACTIVITY_TITLES)]


def reviewers(world):
    """The organiser who reviews a community's records (the admin for the subdistrict's)."""
    by_community = {scope: user for user, role, kind, scope in staff(world) if kind == "community"}
    return [by_community.get(c, 1) for c in range(world.size.communities + 1)]


def _past_credit_events(world):
    return [i for i in range(len(world.kind)) if world.past[i] and world.credits_hours[i]]


def activity_tables(world):
    when = world.when
    review_by = reviewers(world)
    n_events = len(world.kind)

    def events():
        for i in range(n_events):
            start, end = when(world.starts[i]), when(world.ends[i])
            kind = int(world.kind[i])
            c, u = int(world.community[i]) or None, int(world.unit[i]) or None
            key = None
            theme = None
            if kind == WELFARE:
                year, month, wc = world.plan_keys[i]
                key, theme = plan_key(year, month, wc), DEFAULT_THEMES[month]
            created = shift(start, -int(7 + i % 20) * DAY)
            yield (i + 1, KINDS[kind], _title(world, i), "published", int(world.parent[i]) or None, theme,
                   "特邀讲师" if kind == LECTURE else None, c, u, f"活动场地{i % 97 + 1}", start, end,
                   int(world.capacity[i]) or None, bool(world.registration_required[i]), shift(start, -1800), end,
                   start, shift(end, 3600), bool(world.credits_hours[i]), f"s{i + 1}", key,
                   review_by[c or 0], created, created)

    def registrations():
        n = 0
        for i in np.flatnonzero(world.registration_required):
            p = world.participants(int(i))
            start = world.starts[i]
            for group, status in ((p.volunteers, "registered"), (p.residents, "registered"),
                                  (p.no_shows, "registered"), (p.cancelled, "cancelled")):
                for k, user in enumerate(group):
                    n += 1
                    at = when(start - (1 + (n % 9)) * DAY + k)
                    yield (n, int(i) + 1, int(user), status, at if status == "cancelled" else None, at, at)

    def checkins():
        n = 0
        for i in np.flatnonzero(world.past):
            p = world.participants(int(i))
            start, end, event_id = world.starts[i], world.ends[i], int(i) + 1
            nv = len(p.volunteers)
            for k, user in enumerate(p.volunteers):
                n += 1
                yield (n, event_id, int(user), "in", "qr", when(start - p.in_early[k]))
                if p.record_status[k] != MISSING_CHECKOUT:
                    n += 1
                    yield (n, event_id, int(user), "out", "qr", when(end + p.out_late[k]))
            for k, user in enumerate(p.residents):
                n += 1
                yield (n, event_id, int(user), "in", RESIDENT_METHODS[int(user) % 100],
                       when(start - p.in_early[nv + k]))

    def service_records():
        n = 0
        for i in _past_credit_events(world):
            p = world.participants(i)
            start, end, reviewer = world.starts[i], world.ends[i], review_by[int(world.community[i])]
            for k, user in enumerate(p.volunteers):
                n += 1
                status = int(p.record_status[k])
                checkin_at = when(start - p.in_early[k])
                missing = status == MISSING_CHECKOUT
                raw = 0 if missing else int(end - start) // 60
                reviewed = status in (APPROVED, REJECTED)
                reviewed_at = when(end + 2 * DAY) if reviewed else None
                yield (n, i + 1, int(user), checkin_at, None if missing else when(end + p.out_late[k]),
                       when(start), None if missing else when(end), raw, raw // 15 * 15, RECORD_STATUSES[status],
                       reviewer if reviewed else None, reviewed_at,
                       "未按要求完成服务" if status == REJECTED else None, when(end), reviewed_at or when(end))

    def ledger():
        n, record = 0, 0
        for i in _past_credit_events(world):
            p = world.participants(i)
            start, end, reviewer = world.starts[i], world.ends[i], review_by[int(world.community[i])]
            for k, user in enumerate(p.volunteers):
                record += 1
                if p.record_status[k] != APPROVED:
                    continue
                user = int(user)
                team, community = int(world.user_team[user]) or None, int(world.user_community[user])
                minutes = int(end - start) // 60 // 15 * 15
                n += 1
                yield (n, user, record, i + 1, "approval", minutes, None, team, community, when(start), reviewer,
                       when(end + 2 * DAY))
                if p.correction[k]:
                    n += 1
                    yield (n, user, record, i + 1, "correction", int(p.correction[k]), "组织者核对签到记录后更正",
                           team, community, when(start), reviewer, when(end + 9 * DAY))

    expected_registrations = int(((world.n_residents * 1.15 + world.n_volunteers)
                                  * world.registration_required).sum())
    expected_checkins = int((world.n_residents + 2 * world.n_volunteers)[world.past].sum())
    expected_records = int(world.n_volunteers[world.past].sum())
    return [
        TableLoad("events", ("id", "kind", "title", "status", "parent_id", "theme", "speaker", "host_community_id",
                             "host_member_unit_id", "venue", "starts_at", "ends_at", "capacity",
                             "registration_required", "checkin_opens_at", "checkin_closes_at", "checkout_opens_at",
                             "checkout_closes_at", "credits_hours", "scene", "plan_key", "created_by_id",
                             "created_at", "updated_at"), events, n_events, "events"),
        TableLoad("registrations", ("id", "event_id", "user_id", "status", "cancelled_at", "created_at",
                                    "updated_at"), registrations, expected_registrations, "registrations"),
        TableLoad("checkins", ("id", "event_id", "user_id", "direction", "method", "scanned_at"), checkins,
                  expected_checkins, "check-ins"),
        TableLoad("service_records", ("id", "event_id", "user_id", "checkin_at", "checkout_at", "started_at",
                                      "ended_at", "raw_minutes", "minutes", "status", "reviewed_by_id",
                                      "reviewed_at", "review_reason", "created_at", "updated_at"),
                  service_records, expected_records, "service records"),
        TableLoad("hours_ledger", ("id", "user_id", "service_record_id", "event_id", "kind", "minutes", "reason",
                                   "team_id", "community_id", "served_at", "created_by_id", "created_at"),
                  ledger, int(expected_records * 0.98), "hours ledger"),
    ]
