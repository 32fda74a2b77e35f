"""项目清单: the office's five mandatory projects a year; each unit takes a
mandatory project once and leads at most five optional ones a year, even
when requests race; progress comes from the linked events' records."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from app.extensions import db
from app.hours.records import approve, record_hours_from_checkins
from app.localtime import local
from app.models import UnitProject, utcnow
from tests.factories import auth_headers, make_checkin, make_event, make_team, make_volunteer

YEAR = local(utcnow()).year


def mandatory(client, admin, title, year=YEAR):
    return client.post("/api/v1/projects/mandatory", json={"year": year, "title": title},
                       headers=auth_headers(admin))


def race(app, path, headers, bodies):
    """POST each body at the same moment, each from its own client (as phones would)."""
    barrier = threading.Barrier(len(bodies))

    def send(body):
        client = app.test_client()
        barrier.wait()
        return client.post(path, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(send, bodies))


def project(client, person, unit, **fields):
    body = {"unit_id": unit.id, "year": YEAR, "kind": "optional", "title": "红色研学进社区", **fields}
    body = {key: value for key, value in body.items() if value is not None}  # title=None: left out
    return client.post("/api/v1/projects", json=body, headers=auth_headers(person))


def test_the_office_sets_at_most_five_mandatory_projects_a_year(client, alliance):
    for n in range(5):
        assert mandatory(client, alliance.admin, f"必选项目{n}").status_code == 201
    sixth = mandatory(client, alliance.admin, "第六个")
    assert (sixth.status_code, sixth.get_json()["error"]["code"]) == (409, "mandatory_limit_reached")
    assert mandatory(client, alliance.admin, "明年的", year=YEAR + 1).status_code == 201
    listed = client.get(f"/api/v1/projects/mandatory?year={YEAR}", headers=auth_headers(alliance.resident)).get_json()
    assert [m["title"] for m in listed] == [f"必选项目{n}" for n in range(5)]
    assert mandatory(client, alliance.contact, "联络人设的").status_code == 403


def test_a_unit_takes_a_mandatory_project_once(client, alliance):
    chosen = mandatory(client, alliance.admin, "聚沙讲堂·共享党课").get_json()
    first = project(client, alliance.contact, alliance.unit, kind="mandatory", mandatory_id=chosen["id"], title=None)
    assert first.status_code == 201, first.get_json()
    assert (first.get_json()["title"], first.get_json()["kind_label"]) == ("聚沙讲堂·共享党课", "必选")
    again = project(client, alliance.contact, alliance.unit, kind="mandatory", mandatory_id=chosen["id"])
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "mandatory_already_taken")
    assert project(client, alliance.other_contact, alliance.other_unit, kind="mandatory",
                   mandatory_id=chosen["id"]).status_code == 201
    in_use = client.delete(f"/api/v1/projects/mandatory/{chosen['id']}", headers=auth_headers(alliance.admin))
    assert (in_use.status_code, in_use.get_json()["error"]["code"]) == (409, "mandatory_in_use")
    listed = client.get("/api/v1/projects/mandatory", headers=auth_headers(alliance.resident)).get_json()
    assert listed[0]["units_taking"] == 2


def test_five_optional_projects_a_year_and_a_dropped_one_makes_room(client, alliance):
    made = [project(client, alliance.contact, alliance.unit, title=f"自选{n}") for n in range(5)]
    assert [m.status_code for m in made] == [201] * 5
    sixth = project(client, alliance.contact, alliance.unit, title="自选6")
    assert (sixth.status_code, sixth.get_json()["error"]["code"]) == (409, "optional_limit_reached")
    headers = auth_headers(alliance.contact)
    dropped = client.patch(f"/api/v1/projects/{made[0].get_json()['id']}", json={"status": "dropped"}, headers=headers)
    assert dropped.get_json()["status_label"] == "已终止"
    assert project(client, alliance.contact, alliance.unit, title="自选6").status_code == 201
    revived = client.patch(f"/api/v1/projects/{made[0].get_json()['id']}", json={"status": "active"}, headers=headers)
    assert (revived.status_code, revived.get_json()["error"]["code"]) == (409, "optional_limit_reached")
    assert project(client, alliance.contact, alliance.unit, title="明年", year=YEAR + 1).status_code == 201


def test_racing_requests_never_make_a_sixth_optional_project(app, client, alliance):
    for n in range(3):
        project(client, alliance.contact, alliance.unit, title=f"已有{n}")
    bodies = [{"unit_id": alliance.unit.id, "year": YEAR, "kind": "optional", "title": f"抢{n}"} for n in range(8)]
    answers = race(app, "/api/v1/projects", auth_headers(alliance.contact), bodies)
    codes = sorted(a.status_code for a in answers)
    assert codes == [201, 201] + [409] * 6, [a.get_json() for a in answers]
    db.session.expire_all()
    live = db.session.execute(db.select(db.func.count(UnitProject.id)).filter_by(
        unit_id=alliance.unit.id, year=YEAR, kind="optional")).scalar()
    assert live == 5


def test_racing_offices_never_set_a_sixth_mandatory_project(app, alliance):
    answers = race(app, "/api/v1/projects/mandatory", auth_headers(alliance.admin),
                   [{"year": YEAR, "title": f"项目{n}"} for n in range(8)])
    assert sorted(a.status_code for a in answers) == [201] * 5 + [409] * 3


def test_a_contact_cannot_edit_another_units_project(client, alliance):
    theirs = project(client, alliance.other_contact, alliance.other_unit).get_json()
    headers = auth_headers(alliance.contact)
    assert project(client, alliance.contact, alliance.other_unit).status_code == 403
    path = f"/api/v1/projects/{theirs['id']}"
    assert client.patch(path, json={"goals": "改"}, headers=headers).status_code == 403
    assert client.post(f"{path}/milestones", json={"title": "加一个"}, headers=headers).status_code == 403
    event = make_event(member_unit=alliance.other_unit, starts_in=timedelta(days=1))
    assert client.post(f"{path}/events", json={"event_id": event.id}, headers=headers).status_code == 403
    seen = client.get(path, headers=auth_headers(alliance.resident))
    assert seen.status_code == 200 and seen.get_json()["can_edit"] is False


def test_milestones_and_linked_events_make_the_progress(client, alliance):
    headers = auth_headers(alliance.contact)
    made = project(client, alliance.contact, alliance.unit, community_id=alliance.community.id).get_json()
    path = f"/api/v1/projects/{made['id']}"
    client.post(f"{path}/milestones", json={"title": "制定方案", "due_on": f"{YEAR}-03-31"}, headers=headers)
    with_two = client.post(f"{path}/milestones", json={"title": "年度总结"}, headers=headers).get_json()
    first = with_two["milestones"][0]["id"]
    done = client.post(f"{path}/milestones/{first}/complete", headers=headers).get_json()
    assert done["progress"]["milestones_done"] == 1 and done["progress"]["percent"] == 50
    twice = client.post(f"{path}/milestones/{first}/complete", headers=headers)
    assert twice.get_json()["error"]["code"] == "milestone_already_done"

    # An activity the unit hosted, already over: a squad of the unit served, a resident came.
    squad = make_team("下沙中学志愿中队", member_unit=alliance.unit)
    volunteer = make_volunteer(team=squad, community=alliance.community)
    outsider = make_volunteer(team=make_team("别的中队", community=alliance.community), community=alliance.community)
    started = utcnow() - timedelta(hours=3)
    if local(started).year != YEAR:
        started = utcnow() + timedelta(minutes=1)
    event = make_event(kind="volunteer_activity", member_unit=alliance.unit, starts_in=started - utcnow(),
                       duration=timedelta(hours=2))
    for person in (volunteer, outsider):
        make_checkin(event, person, "in", at=event.starts_at)
        make_checkin(event, person, "out", at=event.starts_at + timedelta(hours=2))
    make_checkin(event, alliance.resident, "in", at=event.starts_at)
    approve(alliance.admin, record_hours_from_checkins(event.id))
    linked = client.post(f"{path}/events", json={"event_id": event.id}, headers=headers)
    assert linked.status_code == 201, linked.get_json()
    progress = linked.get_json()["progress"]
    assert progress["events_linked"] == 1 and progress["attendance"] == 3
    assert progress["unit_volunteer_hours"] == 2.0, "only the unit's own squad's hours count"
    assert progress["events_held"] == (1 if event.ends_at <= utcnow() else 0)
    assert client.post(f"{path}/events", json={"event_id": event.id}, headers=headers).get_json()["error"]["code"] \
        == "event_already_linked"
    unlinked = client.delete(f"{path}/events/{event.id}", headers=headers).get_json()
    assert unlinked["progress"]["events_linked"] == 0 and unlinked["events"] == []


def test_only_the_units_own_or_its_communitys_events_of_the_year_are_linked(client, alliance):
    headers = auth_headers(alliance.contact)
    made = project(client, alliance.contact, alliance.unit).get_json()
    path = f"/api/v1/projects/{made['id']}/events"
    elsewhere = make_event(community=alliance.other_community, starts_in=timedelta(minutes=5))
    refused = client.post(path, json={"event_id": elsewhere.id}, headers=headers)
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "event_not_linkable")
    joint = make_event(community=alliance.community, starts_in=timedelta(minutes=5))
    if local(joint.starts_at).year == YEAR:
        assert client.post(path, json={"event_id": joint.id}, headers=headers).status_code == 201
    next_year = make_event(member_unit=alliance.unit, starts_in=timedelta(days=400))
    assert client.post(path, json={"event_id": next_year.id}, headers=headers).status_code == 409
    assert client.post(path, json={"event_id": elsewhere.id}, headers=auth_headers(alliance.admin)).status_code in (
        201, 409)  # the office links any event of the year


def test_the_project_list_filters_and_is_public(client, alliance):
    project(client, alliance.contact, alliance.unit, title="甲")
    project(client, alliance.other_contact, alliance.other_unit, title="乙")
    headers = auth_headers(alliance.resident)
    everything = client.get(f"/api/v1/projects?year={YEAR}", headers=headers).get_json()
    assert everything["total"] == 2
    mine = client.get(f"/api/v1/projects?unit_id={alliance.unit.id}", headers=headers).get_json()
    assert [p["title"] for p in mine["items"]] == ["甲"]
    assert mine["items"][0]["unit"]["name"] == "下沙中学"
    assert client.get("/api/v1/projects?kind=whatever", headers=headers).status_code == 422
