"""Raising a whistle: who may, what is checked, its event, and the call to
every contact of every addressed unit, exactly once."""
from datetime import timedelta

from app.extensions import db
from app.models import Event, Notice, NoticeDelivery, Whistle, utcnow
from app.subscriptions import templates
from app.whistles.notify import catch_up, notify_units, send_whistle_call
from tests.factories import auth_headers, make_quota
from tests.notices.conftest import accept, inbox, wait_for_notice
from tests.whistles.conftest import raise_whistle, whistle_body


def deliveries(whistle_id):
    db.session.expire_all()
    notice = db.session.execute(db.select(Notice).filter_by(source_key=f"whistle:{whistle_id}")).scalar_one()
    return notice, db.session.execute(db.select(NoticeDelivery).filter_by(notice_id=notice.id)).scalars().all()


def test_staff_raise_to_the_whole_alliance_with_an_event_to_check_in_at(client, alliance):
    shown = raise_whistle(client, alliance.staff, alliance.community)
    assert shown["status"] == "open" and shown["to_all_units"] is True
    assert {u["name"] for u in shown["units"]} == {"下沙中学", "钱塘区人民医院", "下沙供电所"}, "active units only"
    assert shown["can_manage"] is True and shown["reports"] == []
    event = db.session.get(Event, shown["event_id"])
    whistle = db.session.get(Whistle, shown["id"])
    assert event.kind == "volunteer_activity" and event.credits_hours
    assert event.host_community_id == alliance.community.id
    assert event.title == "吹哨：暴雨后小区积水清理" and event.venue == "智格社区 3 号楼"
    assert event.ends_at == whistle.needed_by + timedelta(hours=4)
    assert event.starts_at <= utcnow() <= event.checkin_closes_at, "arrivals can check in from now on"


def test_to_chosen_units_only(client, alliance):
    school, hospital, _ = alliance.units
    shown = raise_whistle(client, alliance.admin, alliance.community, to_all_units=False,
                          unit_ids=[hospital.id, school.id])
    assert sorted(u["id"] for u in shown["units"]) == sorted([hospital.id, school.id])


def test_what_is_refused_and_why_in_chinese(client, alliance):
    headers = auth_headers(alliance.staff)
    cases = [
        ({"needed_by": (utcnow() + timedelta(minutes=20)).isoformat()}, "needed_by", "1 小时"),
        ({"needed_by": (utcnow() + timedelta(days=4)).isoformat()}, "needed_by", "72 小时"),
        ({"to_all_units": False, "unit_ids": []}, "unit_ids", "请选择共建单位"),
        ({"to_all_units": False, "unit_ids": [alliance.left_unit.id]}, "unit_ids", "已暂停或退出联盟"),
        ({"to_all_units": False, "unit_ids": [99999]}, "unit_ids", "不存在"),
        ({"unit_ids": [alliance.units[0].id]}, "unit_ids", "全体共建单位"),
        ({"latitude": None}, "latitude", "纬度和经度"),
        ({"title": ""}, "title", "标题"),
        ({"place": "   "}, "place", "地点"),
    ]
    for changes, field, words in cases:
        response = client.post("/api/v1/whistles", json=whistle_body(alliance.community, **changes), headers=headers)
        assert response.status_code == 422, (changes, response.get_json())
        message = str(response.get_json()["error"]["details"]["json"][field])
        assert words in message, (changes, message)
    assert db.session.execute(db.select(db.func.count(Whistle.id))).scalar_one() == 0
    assert db.session.execute(db.select(db.func.count(Event.id))).scalar_one() == 0, "no event without its whistle"


def test_only_the_communitys_staff_or_the_office_may_raise(client, alliance):
    for person in (alliance.other_staff, alliance.resident, alliance.contacts[alliance.units[0].id][0]):
        response = client.post("/api/v1/whistles", json=whistle_body(alliance.community), headers=auth_headers(person))
        assert response.status_code == 403, response.get_json()
    assert client.post("/api/v1/whistles", json=whistle_body(alliance.community)).status_code == 401


def test_each_contact_is_called_once_however_often_the_job_runs(client, alliance):
    school, hospital, power = alliance.units
    template = templates.get("whistle_call")
    for person in alliance.contacts[school.id] + alliance.contacts[hospital.id]:
        make_quota(person, template.id)
    shown = raise_whistle(client, alliance.staff, alliance.community)
    for _ in range(3):  # the job, retried or redelivered
        notify_units(shown["id"])
    assert catch_up(None) == {"sent": 0}, "the call exists: nothing to catch up"
    notice, rows = deliveries(shown["id"])
    everyone = [p.id for ids in alliance.contacts.values() for p in ids]
    assert sorted(r.user_id for r in rows) == sorted(everyone), "one row per contact"
    by_user = {r.user_id: r.state for r in rows}
    assert by_user[alliance.contacts[power.id][0].id] == "skipped", "never allowed the template"
    assert notice.kind == "whistle_call" and notice.community_id == alliance.community.id
    assert notice.page == f"pages/whistle/report?id={shown['id']}"


def test_the_catch_up_sends_a_call_the_queue_never_took(client, alliance, monkeypatch):
    from app.whistles import service

    monkeypatch.setattr(service.notify_units, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("queue down")))
    shown = raise_whistle(client, alliance.staff, alliance.community)
    assert db.session.execute(db.select(Notice).filter_by(source_key=f"whistle:{shown['id']}")).first() is None
    assert catch_up(None) == {"sent": 1}
    _, rows = deliveries(shown["id"])
    assert len(rows) == 4
    assert catch_up(None) == {"sent": 0}


def test_the_message_arrives_at_once_once_per_contact(client, ctx, wechat_control, notice_worker, alliance):
    school = alliance.units[0]
    people = alliance.contacts[school.id]
    for person in people:
        accept(client, wechat_control, person, template="whistle_call", times=2)
    shown = raise_whistle(client, alliance.staff, alliance.community, to_all_units=False, unit_ids=[school.id])
    notice, _ = deliveries_when_made(shown["id"])
    first = wait_for_notice(client, alliance.staff, notice.id)
    assert first["counts"]["sent"] == len(people), (first["counts"], first.get("failed_codes"))
    send_whistle_call(shown["id"])  # a late duplicate of the job
    wait_for_notice(client, alliance.staff, notice.id)
    for person in people:
        (message,) = inbox(wechat_control, person, template="whistle_call")
        assert message["values"]["thing1"] == "暴雨后小区积水清理"
        assert message["values"]["thing2"] == "智格社区"
        assert message["page"] == f"pages/whistle/report?id={shown['id']}"


def deliveries_when_made(whistle_id, timeout=20):
    import time

    deadline = time.monotonic() + timeout
    while True:
        db.session.expire_all()
        if db.session.execute(db.select(Notice).filter_by(source_key=f"whistle:{whistle_id}")).first():
            return deliveries(whistle_id)
        assert time.monotonic() < deadline, "the call was never made"
        time.sleep(0.1)
