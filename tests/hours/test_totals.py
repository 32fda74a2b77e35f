"""The running hour totals always equal the ledger's sums: after approvals,
corrections, rejections and settles, under racing organisers, and as the
leaderboards, "my hours" and the operator's check show them."""
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import text

from app.extensions import db
from app.hours.ledger import correct
from app.hours.records import approve, record_hours_from_checkins, reject, settle
from app.hours.totals_rebuild import check_totals, rebuild_totals
from app.localtime import local
from app.models import HoursLedgerEntry, ServiceRecord, User
from app.models.hours_totals import HoursScopeTotal, HoursUserTotal
from tests.factories import (
    auth_headers,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_organiser,
    make_team,
    make_user,
    make_volunteer,
)
from tests.support.concurrency import race


def _ledger_by_user():
    return dict(db.session.execute(
        db.select(HoursLedgerEntry.user_id, db.func.sum(HoursLedgerEntry.minutes)).group_by(HoursLedgerEntry.user_id)
    ).all())


def _totals_by_user():
    return dict(db.session.execute(
        db.select(HoursUserTotal.user_id, db.func.sum(HoursUserTotal.minutes)).group_by(HoursUserTotal.user_id)
    ).all())


def _ledger_board(column, year=None):
    """{scope id: (minutes, distinct volunteers)} summed here, in Python, from every ledger row."""
    minutes, people = defaultdict(int), defaultdict(set)
    for entry in db.session.execute(db.select(HoursLedgerEntry)).scalars():
        scope = getattr(entry, column)
        if scope is None or (year is not None and local(entry.served_at).year != year):
            continue
        minutes[scope] += entry.minutes
        people[scope].add(entry.user_id)
    return {scope: (minutes[scope], len(people[scope])) for scope in minutes}


def _squads_and_hours():
    """Two communities, three squads, volunteers with hours this year and years ago."""
    north, south = make_community("铭和社区"), make_community("柠檬社区")
    brigade = make_team(level="brigade", parent=make_team(level="corps"))
    squads = [make_team("铭和一中队", parent=brigade, community=north),
              make_team("铭和二中队", parent=brigade, community=north),
              make_team("柠檬中队", parent=brigade, community=south)]
    admin = make_user(role="admin")
    plan = {0: [(3, 2), (2, 400)], 1: [(6, 3), (1.5, 800)], 2: [(1, 4), (1, 5), (1, 6)]}
    records = []
    for index, amounts in plan.items():
        squad = squads[index]
        for hours, days_ago in amounts:
            volunteer = make_volunteer(team=squad, community=squad.community)
            records.append(make_hours(volunteer, hours=hours, approver=admin, community=squad.community,
                                      days_ago=days_ago))
    return admin, squads, records


def test_totals_follow_approvals_corrections_rejections_and_settles(ctx):
    community = make_community()
    organiser = make_organiser(community)
    volunteers = [make_volunteer(community=community) for _ in range(3)]
    approved = make_hours(volunteers[0], hours=3, community=community, approver=organiser)
    make_hours(volunteers[0], hours=2, community=community, approver=organiser, days_ago=40)
    correct(organiser, approved, 1.5, "签退时间核实有误")
    correct(organiser, approved, 0, "未实际到岗")
    refused = make_hours(volunteers[1], hours=4, community=community, approve=False)
    reject(organiser, refused, "未在岗")
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(days=2),
                       duration=timedelta(hours=4))
    make_checkin(event, volunteers[2], "in", at=event.starts_at)
    (missing,) = record_hours_from_checkins(event.id, volunteers[2].id)
    settle(organiser, missing, "负责人确认离开时间", ended_at=event.starts_at + timedelta(hours=2, minutes=20))
    approve(organiser, [db.session.get(ServiceRecord, missing.id)])

    assert _totals_by_user() == _ledger_by_user() == {volunteers[0].id: 120, volunteers[2].id: 135}
    # A total corrected to nothing stays a row of zero, as its group in a SUM would.
    months = {(t.year, t.month): (t.minutes, t.records) for t in db.session.execute(
        db.select(HoursUserTotal).where(HoursUserTotal.user_id == volunteers[0].id)).scalars()}
    served = local(approved.started_at)
    assert months[(served.year, served.month)] == (0, 1)
    assert check_totals().count == 0


def test_my_hours_and_the_leaderboards_equal_sums_over_the_ledger(client, ctx):
    admin, squads, records = _squads_and_hours()
    correct(admin, records[0], 5, "补录遗漏时段")
    headers = auth_headers(admin)
    this_year = local(records[0].started_at).year
    for by, column in (("squad", "team_id"), ("community", "community_id")):
        for year in (None, this_year, this_year - 1):
            query = {"by": by, **({"year": year} if year else {})}
            rows = client.get("/api/v1/hours/leaderboard", query_string=query, headers=headers).get_json()["rows"]
            expected = _ledger_board(column, year)
            assert {r["id"]: (r["minutes"], r["volunteers"]) for r in rows} == expected
            assert [r["minutes"] for r in rows] == sorted((m for m, _ in expected.values()), reverse=True)

    volunteer = db.session.get(User, records[0].user_id)
    body = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()
    assert body["total_minutes"] == _ledger_by_user()[volunteer.id] == 300
    team = client.get(f"/api/v1/hours/teams/{squads[0].id}", headers=headers).get_json()
    assert team["total_minutes"] == _ledger_board("team_id")[squads[0].id][0]


def test_the_screen_hours_equal_the_years_ledger(client, ctx):
    from app.screen import figures
    from app.screen.panels import period

    _, squads, records = _squads_and_hours()
    at = period()
    expected = [e for e in db.session.execute(db.select(HoursLedgerEntry)).scalars()
                if local(e.served_at).year == at.year_start.year]
    shown = figures.hours_this_year(at)
    assert (shown["minutes"], shown["volunteers"]) == (sum(e.minutes for e in expected),
                                                       len({e.user_id for e in expected}))
    by_squad = Counter()
    for e in expected:
        by_squad[e.team_id] += e.minutes
    assert [(s["id"], s["minutes"]) for s in figures.top_squads(at)] == sorted(
        by_squad.items(), key=lambda item: (-item[1], item[0]))


def test_the_check_passes_then_reports_a_tampered_total_and_repairs_it(app, ctx):
    _, squads, records = _squads_and_hours()
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["jusha", "check-hours-totals"])
    assert ok.exit_code == 0, ok.output
    assert "every total equals" in ok.output

    victim = records[0].user_id
    db.session.execute(text("UPDATE hours_user_totals SET minutes = minutes + 60 WHERE user_id = :u"), {"u": victim})
    db.session.execute(text("DELETE FROM hours_scope_totals WHERE scope_kind = 'team' AND scope_id = :t"),
                       {"t": squads[2].id})
    db.session.commit()
    bad = runner.invoke(args=["jusha", "check-hours-totals"])
    assert bad.exit_code == 1
    assert f"hours_user_totals ({victim}," in bad.output
    assert f"hours_scope_totals (team,0,{squads[2].id}): stored no row, ledger 180/3/3" in bad.output

    repaired = runner.invoke(args=["jusha", "check-hours-totals", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert runner.invoke(args=["jusha", "check-hours-totals"]).exit_code == 0
    db.session.expire_all()
    assert _totals_by_user() == _ledger_by_user()


def test_rebuild_after_a_bulk_load_that_bypassed_the_orm(ctx):
    """The scale seeder COPYs ledger rows in; rebuild_totals() makes the totals agree."""
    _, squads, records = _squads_and_hours()
    entry = db.session.execute(db.select(HoursLedgerEntry).limit(1)).scalar_one()
    db.session.execute(HoursLedgerEntry.__table__.insert().values(
        user_id=entry.user_id, service_record_id=entry.service_record_id, event_id=entry.event_id,
        kind="correction", minutes=-30, reason="批量导入", team_id=entry.team_id,
        community_id=entry.community_id, served_at=entry.served_at, created_at=entry.created_at))
    db.session.commit()
    assert check_totals().count > 0
    rebuild_totals()
    assert check_totals().count == 0
    assert _totals_by_user() == _ledger_by_user()
    district = db.session.execute(db.select(HoursScopeTotal).where(
        HoursScopeTotal.scope_kind == "district", HoursScopeTotal.year == 0)).scalar_one()
    assert (district.minutes, district.volunteers, district.records) == (
        sum(_ledger_by_user().values()), len(records), len(records))


@pytest.mark.postgres_only
def test_racing_approvals_and_corrections_keep_totals_exact(app, ctx):
    """Eight organisers at once, round after round: overlapping bulk
    approvals across two squads and corrections of the same people's other
    records, all adding to the same squad, community and district rows. No
    increment is lost, nobody deadlocks."""
    community = make_community()
    squads = [make_team(community=community) for _ in range(2)]
    organiser_ids = [make_organiser(community).id for _ in range(8)]
    volunteers = [make_volunteer(team=squads[i % 2], community=community) for i in range(8)]
    done = [make_hours(v, hours=2, community=community, approver=db.session.get(User, organiser_ids[0])).id
            for v in volunteers]
    for round_ in range(3):
        waiting = [make_hours(v, hours=1 + round_, community=community, approve=False, days_ago=3 + round_).id
                   for v in volunteers]

        def work(i, waiting=waiting, round_=round_):
            actor = db.session.get(User, organiser_ids[i])
            if i < 4:  # two press "approve all", two approve a half each: every record is contested
                chosen = waiting if i < 2 else waiting[i % 2::2]
                return approve(actor, [db.session.get(ServiceRecord, r) for r in chosen])
            return correct(actor, db.session.get(ServiceRecord, done[i]), 3 + round_, "核实后更正")

        outcomes = race(app, work, 8)
        assert not [o for o in outcomes if isinstance(o, Exception)]
        db.session.expire_all()
        assert check_totals().count == 0
    assert _totals_by_user() == _ledger_by_user()


def test_migration_0026_backfills_the_totals_from_an_existing_ledger(app, ctx):
    """Run the migration again over a ledger with rows in it (squads, corrections, other years)."""
    from flask_migrate import downgrade, upgrade

    from app import MIGRATIONS_DIR

    admin, _, records = _squads_and_hours()
    correct(admin, records[1], 0.5, "核实后更正")
    expected = _ledger_by_user()
    db.session.remove()
    downgrade(directory=MIGRATIONS_DIR, revision="0024")
    upgrade(directory=MIGRATIONS_DIR)
    db.session.remove()
    assert check_totals().count == 0
    assert _totals_by_user() == expected
