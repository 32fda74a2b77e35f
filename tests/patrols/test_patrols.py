"""A patrol walked from start to end: checkpoints by code and by place, the
track, the end, and the service record it earns; who sees it."""
from datetime import timedelta

from app.extensions import db
from app.models import Event, Patrol, ServiceRecord, TrackPoint, utcnow
from app.patrols import codes, personal, service
from tests.factories import auth_headers, make_community, make_organiser, make_user, make_volunteer
from tests.grids.conftest import grid_grant, make_grid, square
from tests.support.concurrency import race


def started(client, world, headers=None):
    response = client.post("/api/v1/patrols", json={"route_id": world.route.id},
                           headers=headers or auth_headers(world.patroller))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_patrol_from_start_to_end_counts_as_volunteer_service(client, world):
    me = auth_headers(world.patroller)
    patrol = started(client, world)
    assert patrol["status_label"] == "巡防中" and patrol["checkpoints_total"] == 3
    assert patrol["report_page"] == f"/reports/pages/new/new?source=patrol&source_ref={patrol['id']}"
    url = f"/api/v1/patrols/{patrol['id']}"
    assert client.get("/api/v1/patrols/current", headers=me).get_json()["id"] == patrol["id"]

    first, second, third = world.route.checkpoints
    by_code = client.post(f"{url}/checkpoints", json={"code": codes.code_for(first.id)}, headers=me).get_json()
    assert by_code["newly_passed"] and by_code["patrol"]["checkpoints_passed"] == 1
    again = client.post(f"{url}/checkpoints", json={"code": codes.code_for(first.id)}, headers=me).get_json()
    assert not again["newly_passed"] and again["patrol"]["checkpoints_passed"] == 1  # counted once

    forged = client.post(f"{url}/checkpoints", json={"code": codes.code_for(first.id)[:-2] + "xx"}, headers=me)
    assert forged.get_json()["error"]["code"] == "checkpoint_code_invalid"
    far = client.post(f"{url}/checkpoints", json={"checkpoint_id": second.id, "latitude": 30.3000,
                                                  "longitude": 120.3000}, headers=me)
    assert far.status_code == 409
    assert far.get_json()["error"]["message"].startswith("离巡防点「小区南门」还有约 144 米，请走到 50 米以内")
    near = client.post(f"{url}/checkpoints", json={"checkpoint_id": second.id, "latitude": 30.3002,
                                                   "longitude": 120.3015}, headers=me).get_json()
    assert near["patrol"]["checkpoints_passed"] == 2
    assert [c["method"] for c in near["patrol"]["checkpoints"]] == ["code", "location", None]

    start = utcnow()
    points = [{"latitude": 30.3, "longitude": 120.3 + 0.0005 * i,
               "recorded_at": (start + timedelta(seconds=20 * i)).isoformat()} for i in range(4)]
    points.append({"latitude": 30.4, "longitude": 120.4, "recorded_at": (start + timedelta(seconds=70)).isoformat()})
    sent = client.post(f"{url}/track", json={"points": points}, headers=me).get_json()
    assert sent["accepted"] == 5 and sent["counted"] == 4 and 140 < sent["distance_m"] < 150
    assert client.post(f"{url}/track", json={"points": [{"latitude": 30.3, "longitude": 120.3}] * 101},
                       headers=me).status_code == 422  # batches are bounded

    # End it an hour and ten minutes after it started: 1 h 10 min of service awaiting approval.
    row = db.session.get(Patrol, patrol["id"])
    service.end(world.patroller, row, now=row.started_at + timedelta(minutes=70))
    ended = client.get(url, headers=me).get_json()
    assert ended["status"] == "ended" and ended["duration_minutes"] == 70
    assert ended["service_minutes"] == 60 and ended["service_status"] == "pending"  # rounded to the quarter hour
    record = db.session.get(ServiceRecord, ended["service_record_id"])
    assert record.event.kind == "patrol" and record.event.host_community_id == world.community.id
    assert client.post(f"{url}/end", json={}, headers=me).get_json()["error"]["code"] == "patrol_not_open"
    assert client.post(f"{url}/checkpoints", json={"code": codes.code_for(third.id)},
                       headers=me).get_json()["error"]["code"] == "patrol_not_open"
    # The service event carries the record but is never listed with the activities.
    assert all(e["kind"] != "patrol" for e in client.get("/api/v1/events").get_json()["items"])
    mine = client.get("/api/v1/patrols", headers=me).get_json()
    assert mine["total"] == 1 and mine["items"][0]["distance_m"] == ended["distance_m"]


def test_racing_starts_leave_one_open_patrol(app, client, world):
    headers = auth_headers(world.patroller)

    def start(_):
        return app.test_client().post("/api/v1/patrols", json={"route_id": world.route.id}, headers=headers)

    answers = race(app, start, 6)
    assert sorted(a.status_code for a in answers) == [201] + [409] * 5
    winner = next(a for a in answers if a.status_code == 201).get_json()["id"]
    assert all(a.get_json()["error"]["details"]["patrol_id"] == winner for a in answers if a.status_code == 409)
    db.session.expire_all()
    assert db.session.execute(db.select(db.func.count()).where(Patrol.status == "open")).scalar_one() == 1


def test_a_patrol_left_open_is_closed_at_its_last_sign_of_life(client, world):
    patrol = db.session.get(Patrol, started(client, world)["id"])
    begun = patrol.started_at
    service.add_track(patrol, [{"latitude": 30.3, "longitude": 120.3, "recorded_at": begun + timedelta(minutes=45)}],
                      now=begun + timedelta(minutes=46))
    assert service.close_stale(now=begun + timedelta(hours=5)) == []
    assert service.close_stale(now=begun + timedelta(hours=7)) == [patrol.id]
    db.session.expire_all()
    patrol = db.session.get(Patrol, patrol.id)
    assert patrol.status == "auto_closed" and patrol.ended_at == begun + timedelta(minutes=45)
    record = db.session.execute(db.select(ServiceRecord).where(ServiceRecord.event_id == patrol.service_event_id)
                                ).scalar_one()
    assert record.minutes == 45 and record.user_id == world.patroller.id
    assert service.close_stale(now=begun + timedelta(hours=8)) == []  # once
    assert db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one() == 1
    # A new patrol may start now.
    assert client.post("/api/v1/patrols", json={"route_id": world.route.id},
                       headers=auth_headers(world.patroller)).status_code == 201


def test_who_may_start_see_and_walk_a_patrol(client, world):
    patrol = started(client, world)
    url = f"/api/v1/patrols/{patrol['id']}"
    other_squad_volunteer = make_volunteer(community=world.community)
    start = client.post("/api/v1/patrols", json={"route_id": world.route.id}, headers=auth_headers(world.resident))
    assert start.get_json()["error"]["code"] == "not_a_patroller"
    assert client.get(url, headers=auth_headers(other_squad_volunteer)).status_code == 404

    own_grid_worker = grid_grant(make_user(), world.grid)
    other_grid = make_grid(world.community, "第二网格", square(120.40, 30.40))
    other_grid_worker = grid_grant(make_user(), other_grid)
    assert client.get(url, headers=auth_headers(own_grid_worker)).status_code == 200
    assert client.get(url, headers=auth_headers(other_grid_worker)).status_code == 404
    overseen = client.get("/api/v1/patrols?scope=overseen", headers=auth_headers(own_grid_worker)).get_json()
    assert [p["id"] for p in overseen["items"]] == [patrol["id"]]
    assert client.get("/api/v1/patrols?scope=overseen", headers=auth_headers(other_grid_worker)).get_json()["total"] == 0
    # Staff see it and may close it; they do not walk it.
    staff = auth_headers(world.staff)
    assert client.post(f"{url}/track", json={"points": [{"latitude": 30.3, "longitude": 120.3,
                                                         "recorded_at": utcnow().isoformat()}]},
                       headers=staff).status_code == 403
    assert client.get(url, headers=auth_headers(make_organiser(make_community()))).status_code == 404
    assert client.post(f"{url}/end", json={}, headers=staff).get_json()["status"] == "ended"


def test_staff_set_up_teams_and_routes_and_print_posters(client, world):
    staff = auth_headers(world.staff)
    from tests.factories import make_team

    squad = make_team("七格二中队", community=world.community)
    team = client.post("/api/v1/patrols/teams", json={"team_id": squad.id, "community_id": world.community.id},
                       headers=staff)
    assert team.status_code == 201
    assert client.post("/api/v1/patrols/teams", json={"team_id": squad.id, "community_id": world.community.id},
                       headers=staff).get_json()["error"]["code"] == "patrol_team_exists"
    route = client.post("/api/v1/patrols/routes", json={
        "patrol_team_id": team.get_json()["id"], "name": "西线",
        "checkpoints": [{"name": "西门", "latitude": 30.30, "longitude": 120.29},
                        {"name": "菜场", "latitude": 30.301, "longitude": 120.29, "radius_m": 80}]}, headers=staff)
    assert route.status_code == 201
    assert [c["radius_m"] for c in route.get_json()["checkpoints"]] == [50, 80]
    checkpoint_id = route.get_json()["checkpoints"][0]["id"]
    png = client.get(f"/api/v1/patrols/checkpoints/{checkpoint_id}/poster", headers=staff)
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    pdf = client.get(f"/api/v1/patrols/checkpoints/{checkpoint_id}/poster?format=pdf", headers=staff)
    assert pdf.data.startswith(b"%PDF")
    assert client.get(f"/api/v1/patrols/checkpoints/{checkpoint_id}/poster",
                      headers=auth_headers(world.patroller)).status_code == 404  # not their team's
    stopped = client.patch(f"/api/v1/patrols/routes/{world.route.id}", json={"is_active": False}, headers=staff)
    assert stopped.get_json()["is_active"] is False
    refused = client.post("/api/v1/patrols", json={"route_id": world.route.id}, headers=auth_headers(world.patroller))
    assert refused.get_json()["error"]["code"] == "route_inactive"


def test_closing_the_account_erases_the_track_and_see_my_data_shows_patrols(client, world):
    patrol = db.session.get(Patrol, started(client, world)["id"])
    service.add_track(patrol, [{"latitude": 30.3, "longitude": 120.3, "recorded_at": utcnow()}])
    data = client.get("/api/v1/me/data", headers=auth_headers(world.patroller)).get_json()
    assert data["areas"]["patrols"][0]["route"] == "东线"
    personal.erase_locations_of(None, world.patroller.id)
    assert db.session.execute(db.select(db.func.count()).select_from(TrackPoint)).scalar_one() == 0
