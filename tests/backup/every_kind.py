"""A database with every kind of row: the authorisation table's world (every
object kind an operation touches), the demo (a year of history in every
area), the few kinds neither leaves behind, and photos in the object store."""
from datetime import timedelta

from app.auth import tokens
from app.cli.demo import seed_demo
from app.extensions import db
from app.localtime import local_date
from app.models import (
    Event, ExportJob, HouseholdPairing, HouseholdReminder, OfflineScan, PracticeAnswer, Question, SubscriptionAnswer, User,
    utcnow,
)
from app.screen import links as screen_links
from tests.factories import make_quota
from tests.files.conftest import image_bytes, uploaded
from tests.platform.test_authorisation_table import build_world

# The world and the demo both name communities, units and teams after real
# ones; the world's are renamed so the demo can add its own beside them.
RENAMED = ("UPDATE communities SET name = name || '（授权表）', code = code || '-authz'",
           "UPDATE member_units SET name = name || '（授权表）'",
           "UPDATE teams SET name = name || '（授权表）'")


def build_every_kind(client):
    world = build_world()
    for statement in RENAMED:
        db.session.execute(db.text(statement))
    db.session.commit()
    seed_demo()
    _add_what_neither_has(world)
    for color in ((200, 60, 40), (20, 160, 90)):
        uploaded(client, world.people["volunteer"], image_bytes(color=color))
    return world


def _add_what_neither_has(world):
    volunteer, admin = world.people["volunteer"], world.people["admin"]
    tokens.issue(volunteer, 3600)  # a login (auth_sessions)
    screen_links.create(admin, "街道大厅大屏")
    make_quota(volunteer, "tmpl-volunteer-call", remaining=2)
    pairing = db.session.execute(db.select(HouseholdPairing).limit(1)).scalar_one()
    event = db.session.execute(db.select(Event).order_by(Event.id).limit(1)).scalar_one()
    question = db.session.execute(db.select(Question).order_by(Question.id).limit(1)).scalar_one()
    organiser = db.session.execute(db.select(User).filter_by(openid="demo-organiser-minghe")).scalar_one()
    db.session.add_all([
        SubscriptionAnswer(user_id=volunteer.id, template_id="tmpl-volunteer-call", answer="accept",
                           request_id="backup-test-1"),
        HouseholdReminder(pairing_id=pairing.id, household_id=pairing.household_id,
                          party_member_id=pairing.party_member_id, basis_on=local_date(utcnow()) - timedelta(days=40)),
        OfflineScan(nonce="backup-test-nonce", event_id=event.id, recorded_by_id=organiser.id,
                    content_digest="0" * 64, scanned_at=utcnow() - timedelta(minutes=5), outcome="checked_in",
                    message="已签到", user_id=volunteer.id),
        PracticeAnswer(user_id=volunteer.id, day=local_date(utcnow()), question_id=question.id, chosen=["A"],
                       is_correct=True),
        ExportJob(requester_id=admin.id, kind="hours", params={"from": "2026-01-01", "to": "2026-12-31"},
                  file_key="exports/backup-test.xlsx"),
    ])
    db.session.commit()
