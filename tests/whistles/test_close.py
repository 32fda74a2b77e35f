"""Closing with a summary (needs, a project), cancelling, and the
transitions that are refused."""
from app import signals
from app.extensions import db
from app.localtime import local_date
from app.models import Event, Need, NeedStep, UnitProject, Whistle, utcnow
from tests.factories import auth_headers
from tests.whistles.conftest import raise_whistle, report


def post(client, user, path, body):
    return client.post(path, json=body, headers=auth_headers(user))


def test_close_with_a_summary_that_becomes_needs_and_a_project(app, client, alliance):
    school = alliance.units[0]
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    report(client, alliance.contacts[school.id][0], whistle["id"], school)
    sent = []

    def receive(sender, **kwargs):
        sent.append(kwargs)

    signals.whistle_closed.connect(receive, sender=app)
    try:
        response = post(client, alliance.staff, f"/api/v1/whistles/{whistle['id']}/close", {
            "summary": "积水已排净，车库需加装挡水板",
            "needs": [{"title": "车库加装挡水板", "kind": "goods", "urgency": "high", "wanted_by": "2027-01-10"},
                      {"title": "排水沟清淤", "kind": "volunteers"}],
            "project": {"unit_id": school.id, "title": "防汛应急志愿服务"},
        })
    finally:
        signals.whistle_closed.disconnect(receive, sender=app)
    assert response.status_code == 200, response.get_json()
    closed = response.get_json()
    assert closed["status"] == "closed" and closed["summary"] == "积水已排净，车库需加装挡水板"
    assert [n["title"] for n in closed["needs"]] == ["车库加装挡水板", "排水沟清淤"], "each need its own row"
    needs = [db.session.get(Need, n["id"]) for n in closed["needs"]]
    assert [(n.source, n.source_ref) for n in needs] == [("whistle", f"whistle:{whistle['id']}/1"),
                                                         ("whistle", f"whistle:{whistle['id']}/2")]
    first = needs[0]
    assert (first.community_id, first.status, first.urgency, str(first.wanted_by)) == (
        alliance.community.id, "open", "high", "2027-01-10")
    assert first.raised_by_id == alliance.staff.id and first.place == "智格社区 3 号楼"
    raised = db.session.execute(db.select(NeedStep).filter_by(need_id=first.id)).scalars().all()
    assert [(s.action, s.actor_id) for s in raised] == [("raise", alliance.staff.id)], "its timeline starts"
    project = db.session.get(UnitProject, closed["project"]["id"])
    assert (project.unit_id, project.kind, project.status) == (school.id, "optional", "planned")
    (kwargs,) = sent
    assert kwargs["whistle_id"] == whistle["id"] and kwargs["reported_unit_ids"] == [school.id]
    assert kwargs["project_id"] == project.id and kwargs["need_ids"] == [n.id for n in needs]


def test_a_units_sixth_optional_project_is_refused_and_nothing_closes(client, alliance):
    school = alliance.units[0]
    year = local_date(utcnow()).year
    for n in range(5):
        db.session.add(UnitProject(unit_id=school.id, year=year, kind="optional", title=f"项目{n}"))
    db.session.commit()
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    response = post(client, alliance.staff, f"/api/v1/whistles/{whistle['id']}/close",
                    {"summary": "已处理", "project": {"unit_id": school.id, "title": "第六个项目"}})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "optional_limit_reached"
    db.session.expire_all()
    assert db.session.get(Whistle, whistle["id"]).status == "open"


def test_illegal_transitions_are_409(client, alliance):
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    base = f"/api/v1/whistles/{whistle['id']}"
    assert post(client, alliance.staff, f"{base}/close", {"summary": "已处理完毕"}).status_code == 200
    for action, body in (("close", {"summary": "再次关闭"}), ("cancel", {"reason": "不需要了"})):
        response = post(client, alliance.staff, f"{base}/{action}", body)
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["error"] == {"code": "whistle_not_open", "message": "该哨令已结束，不能再操作",
                                                "details": {"status": "closed"}}


def test_cancel_withdraws_the_whistle_and_its_event(client, alliance):
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    response = post(client, alliance.staff, f"/api/v1/whistles/{whistle['id']}/cancel", {"reason": "误报，已自行处理"})
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    db.session.expire_all()
    assert db.session.get(Event, whistle["event_id"]).status == "cancelled"
    again = post(client, alliance.staff, f"/api/v1/whistles/{whistle['id']}/close", {"summary": "已处理"})
    assert again.status_code == 409 and again.get_json()["error"]["details"]["status"] == "cancelled"


def test_who_may_close_or_cancel(client, alliance):
    whistle = raise_whistle(client, alliance.staff, alliance.community)
    base = f"/api/v1/whistles/{whistle['id']}"
    contact = alliance.contacts[alliance.units[0].id][0]
    assert post(client, contact, f"{base}/close", {"summary": "已处理"}).status_code == 403
    assert post(client, alliance.other_staff, f"{base}/close", {"summary": "已处理"}).status_code == 404
    assert post(client, alliance.resident, f"{base}/cancel", {"reason": "不需要了"}).status_code == 404
    assert post(client, alliance.admin, f"{base}/close", {"summary": "联盟办已协调完毕"}).status_code == 200
