"""``flask jusha seed-scale --size small``: the promised shapes, valid keys,
and an app that keeps working on the seeded database."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.events.service import create_event
from app.extensions import db
from app.models import CheckIn, Event, HoursLedgerEntry, RoleGrant, ServiceRecord, User, VolunteerProfile, utcnow
from app.scale.sizes import SIZES

pytestmark = pytest.mark.postgres_only
SMALL = SIZES["small"]


def count(table):
    return db.session.execute(db.text(f'SELECT count(*) FROM "{table}"')).scalar_one()


def test_the_small_district_has_the_promised_sizes(scale_ctx):
    assert count("users") == SMALL.residents
    assert count("volunteer_profiles") == SMALL.volunteers
    assert count("communities") == SMALL.communities
    assert count("member_units") == SMALL.member_units
    assert count("events") == SMALL.events
    assert count("checkins") == pytest.approx(SMALL.checkins, rel=0.1)
    assert count("service_records") == pytest.approx(SMALL.service_records, rel=0.1)
    assert count("hours_ledger") == pytest.approx(SMALL.service_records, rel=0.1)
    assert count("notice_deliveries") == pytest.approx(SMALL.notice_deliveries, rel=0.15)
    assert count("registrations") > count("checkins") / 10
    assert scale_ctx.config["SCALE_COUNTS"]["checkins"] == count("checkins")


def test_five_years_with_a_welfare_day_every_month_in_every_community(scale_ctx):
    days = db.session.execute(select(Event.host_community_id, func.count()).where(
        Event.kind == "welfare_day", Event.host_community_id.is_not(None)).group_by(Event.host_community_id)).all()
    assert len(days) == SMALL.communities
    assert all(60 <= n <= 63 for _, n in days)
    first, last = db.session.execute(select(func.min(Event.starts_at), func.max(Event.starts_at))).one()
    assert timedelta(days=5 * 365) < last - first < timedelta(days=5 * 365 + 70)


def test_a_few_volunteers_serve_very_often_and_most_now_and_then(scale_ctx):
    per_volunteer = sorted(db.session.execute(
        select(func.count()).select_from(HoursLedgerEntry).group_by(HoursLedgerEntry.user_id)).scalars(), reverse=True)
    top = per_volunteer[: max(1, len(per_volunteer) // 100)]
    assert sum(top) > 0.08 * sum(per_volunteer)
    assert per_volunteer[len(per_volunteer) // 2] * 5 < per_volunteer[0]


def test_welfare_days_are_big_and_lectures_small(scale_ctx):
    sizes = dict(db.session.execute(
        select(Event.kind, func.max(func.coalesce(
            select(func.count()).where(CheckIn.event_id == Event.id).scalar_subquery(), 0)))
        .group_by(Event.kind)).all())
    assert sizes["welfare_day"] > 3 * sizes["lecture"]


def test_every_foreign_key_points_at_a_row(scale_ctx):
    broken = []
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            column, target = key.parent, key.column
            orphans = db.session.execute(db.text(
                f'SELECT count(*) FROM "{table.name}" child WHERE child."{column.name}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM "{target.table.name}" parent WHERE parent."{target.name}" = child."{column.name}")'
            )).scalar_one()
            if orphans:
                broken.append(f"{table.name}.{column.name}: {orphans}")
    assert broken == []


def test_the_ledger_holds_one_approval_per_approved_record(scale_ctx):
    approved = db.session.execute(select(func.count()).where(ServiceRecord.status == "approved")).scalar_one()
    approvals = db.session.execute(select(func.count()).where(HoursLedgerEntry.kind == "approval")).scalar_one()
    assert approvals == approved
    negative = db.session.execute(select(func.count()).select_from(
        select(HoursLedgerEntry.service_record_id).group_by(HoursLedgerEntry.service_record_id)
        .having(func.sum(HoursLedgerEntry.minutes) < 0).subquery())).scalar_one()
    assert negative == 0


def test_the_app_creates_rows_after_seeding(scale_ctx):
    """Every sequence was advanced past the generated ids."""
    organiser = db.session.execute(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role == "organiser", RoleGrant.scope_kind == "community")).scalars().first()
    community_id = db.session.execute(select(RoleGrant.scope_id).where(
        RoleGrant.user_id == organiser.id, RoleGrant.scope_kind == "community")).scalar_one()
    starts = utcnow() + timedelta(days=3)
    event = create_event(organiser, {"kind": "volunteer_activity", "title": "规模数据之后的新活动",
                                     "host_community_id": community_id, "starts_at": starts,
                                     "ends_at": starts + timedelta(hours=2)})
    assert event.id == SMALL.events + 1
    volunteer = db.session.execute(select(VolunteerProfile.user_id).limit(1)).scalar_one()
    db.session.add(CheckIn(event_id=event.id, user_id=volunteer, direction="in", method="manual"))
    db.session.commit()
    db.session.execute(db.delete(CheckIn).where(CheckIn.event_id == event.id))
    db.session.execute(db.delete(Event).where(Event.id == event.id))
    db.session.commit()


def test_a_database_with_users_is_not_seeded_again(scale_app):
    result = scale_app.test_cli_runner().invoke(args=["jusha", "seed-scale", "--size", "small"])
    assert result.exit_code == 2
    assert "已有用户" in result.output
