"""The ledger is append-only and every total is its sum."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.extensions import db
from app.models import AuditLog, HoursLedgerEntry, LedgerIsAppendOnly
from tests.factories import (
    auth_headers,
    make_community,
    make_hours,
    make_organiser,
    make_team,
    make_volunteer,
)


def _ledger_sum(user_id):
    return db.session.execute(
        db.select(db.func.coalesce(db.func.sum(HoursLedgerEntry.minutes), 0)).where(HoursLedgerEntry.user_id == user_id)
    ).scalar_one()


def test_totals_equal_the_sum_of_entries_after_approvals_and_corrections(client, ctx):
    community = make_community()
    squad = make_team(community=community)
    volunteer = make_volunteer(team=squad, community=community)
    organiser = make_organiser(community)
    headers = auth_headers(organiser)
    records = [make_hours(volunteer, hours=h, community=community, approver=organiser, days_ago=d)
               for h, d in ((2, 3), (1.5, 2), (3.25, 1))]

    lowered = client.post(f"/api/v1/hours/records/{records[0].id}/corrections",
                          json={"hours": 1.75, "reason": "提前离场 15 分钟，负责人核实"}, headers=headers)
    assert lowered.status_code == 201
    assert (lowered.get_json()["kind"], lowered.get_json()["minutes"]) == ("correction", -15)
    raised = client.post(f"/api/v1/hours/records/{records[1].id}/corrections",
                         json={"hours": 2.5, "reason": "补录活动前布置场地 1 小时"}, headers=headers)
    assert raised.get_json()["minutes"] == 60
    back = client.post(f"/api/v1/hours/records/{records[0].id}/corrections",
                       json={"hours": 2, "reason": "复核后恢复原时长"}, headers=headers)
    assert back.get_json()["minutes"] == 15

    mine = client.get("/api/v1/me/hours", headers=auth_headers(volunteer)).get_json()
    expected = (2 + 2.5 + 3.25) * 60
    assert mine["total_minutes"] == expected == _ledger_sum(volunteer.id)
    assert sum(r["minutes"] for r in mine["records"]) == expected
    assert sum(m["minutes"] for m in mine["by_month"]) == expected
    assert [r["hours"] for r in sorted(mine["records"], key=lambda r: r["id"])] == [2.0, 2.5, 3.25]

    trail = client.get(f"/api/v1/hours/records/{records[0].id}/ledger", headers=auth_headers(volunteer)).get_json()
    assert [(e["kind"], e["minutes"], e["reason"]) for e in trail] == [
        ("approval", 120, None), ("correction", -15, "提前离场 15 分钟，负责人核实"),
        ("correction", 15, "复核后恢复原时长")]
    assert all(e["created_by_id"] == organiser.id for e in trail)
    audits = db.session.execute(db.select(AuditLog).where(AuditLog.action == "hours.correct")).scalars().all()
    assert len(audits) == 3


def test_corrections_need_a_reason_quarter_hours_and_an_approved_record(client, ctx):
    community = make_community()
    volunteer = make_volunteer(community=community)
    organiser = make_organiser(community)
    headers = auth_headers(organiser)
    record = make_hours(volunteer, hours=2, community=community, approver=organiser)
    pending = make_hours(volunteer, hours=1, community=community, approve=False)

    def post(record_id, body):
        return client.post(f"/api/v1/hours/records/{record_id}/corrections", json=body, headers=headers)

    assert post(record.id, {"hours": 1.5}).status_code == 422
    assert post(record.id, {"hours": 1.5, "reason": "  "}).get_json()["error"]["code"] == "reason_required"
    assert post(record.id, {"hours": 1.4, "reason": "x"}).get_json()["error"]["code"] == "hours_invalid"
    assert post(record.id, {"hours": 2, "reason": "x"}).get_json()["error"]["code"] == "correction_unchanged"
    assert post(pending.id, {"hours": 2, "reason": "x"}).get_json()["error"]["code"] == "record_not_approved"
    assert _ledger_sum(volunteer.id) == 120


def test_a_ledger_entry_cannot_be_updated_or_deleted(ctx):
    volunteer = make_volunteer()
    make_hours(volunteer, hours=2)
    entry = db.session.execute(db.select(HoursLedgerEntry)).scalar_one()

    entry.minutes = 600
    with pytest.raises(LedgerIsAppendOnly):
        db.session.commit()
    db.session.rollback()

    db.session.delete(entry)
    with pytest.raises(LedgerIsAppendOnly):
        db.session.commit()
    db.session.rollback()

    with pytest.raises(LedgerIsAppendOnly):
        db.session.execute(db.update(HoursLedgerEntry).values(minutes=0))
    db.session.rollback()
    with pytest.raises(LedgerIsAppendOnly):
        db.session.execute(db.delete(HoursLedgerEntry))
    db.session.rollback()

    db.session.expire_all()
    assert _ledger_sum(volunteer.id) == 120


@pytest.mark.postgres_only
def test_postgresql_itself_refuses_changes_to_the_ledger(ctx):
    """Raw SQL bypasses the ORM; the trigger from migration 0005 still refuses."""
    volunteer = make_volunteer()
    make_hours(volunteer, hours=2)
    for statement in ("UPDATE hours_ledger SET minutes = 6000", "DELETE FROM hours_ledger"):
        with pytest.raises(DBAPIError) as excinfo:
            db.session.execute(text(statement))
        assert "append-only" in str(excinfo.value)
        db.session.rollback()
    assert _ledger_sum(volunteer.id) == 120


def test_organisers_correct_only_records_of_their_own_events(client, ctx):
    mine, theirs = make_community(), make_community()
    volunteer = make_volunteer(community=mine)
    record = make_hours(volunteer, hours=2, community=theirs)
    response = client.post(f"/api/v1/hours/records/{record.id}/corrections", json={"hours": 5, "reason": "x"},
                           headers=auth_headers(make_organiser(mine)))
    assert response.status_code == 403
    assert _ledger_sum(volunteer.id) == 120


def test_racing_corrections_to_the_same_figure_apply_once(app, ctx):
    """Four organisers correct a record to the same figure at the same moment,
    round after round: one correction each round, the others are told nothing
    changes, and the total is the figure."""
    from app.hours.ledger import correct
    from app.models import ServiceRecord, User
    from tests.support.concurrency import race

    community = make_community()
    volunteer = make_volunteer(community=community)
    organiser_ids = [make_organiser(community).id for _ in range(4)]
    record_id = make_hours(volunteer, hours=3, community=community).id

    for target in (2, 3, 2, 3, 2, 3):
        def work(i, target=target):
            return correct(db.session.get(User, organiser_ids[i]), db.session.get(ServiceRecord, record_id),
                           target, "负责人核实签退时间")

        outcomes = race(app, work, 4)
        assert not [o for o in outcomes if isinstance(o, Exception) and o.code != "correction_unchanged"]
        assert len([o for o in outcomes if not isinstance(o, Exception)]) == 1
        assert _ledger_sum(volunteer.id) == target * 60
