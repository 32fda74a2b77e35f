"""Who sees which whistle: the community's staff and the office all of
theirs, a unit's contacts those addressed to their unit, residents none."""
from tests.factories import auth_headers
from tests.whistles.conftest import raise_whistle


def listed(client, user, **query):
    response = client.get("/api/v1/whistles", query_string=query, headers=auth_headers(user))
    assert response.status_code == 200, response.get_json()
    return [w["id"] for w in response.get_json()["items"]]


def test_lists_and_details_agree(client, alliance):
    school, hospital, power = alliance.units
    to_school = raise_whistle(client, alliance.staff, alliance.community, to_all_units=False, unit_ids=[school.id])
    to_all = raise_whistle(client, alliance.staff, alliance.community)
    elsewhere = raise_whistle(client, alliance.other_staff, alliance.other_community, to_all_units=False,
                              unit_ids=[hospital.id])
    everyone = [elsewhere["id"], to_all["id"], to_school["id"]]
    seen = {
        "staff": (alliance.staff, [to_all["id"], to_school["id"]]),
        "other_staff": (alliance.other_staff, [elsewhere["id"]]),
        "admin": (alliance.admin, everyone),
        "school": (alliance.contacts[school.id][0], [to_all["id"], to_school["id"]]),
        "hospital": (alliance.contacts[hospital.id][0], [elsewhere["id"], to_all["id"]]),
        "power": (alliance.contacts[power.id][0], [to_all["id"]]),
        "resident": (alliance.resident, []),
    }
    for name, (user, expected) in seen.items():
        assert listed(client, user) == expected, name
        for whistle_id in everyone:
            status = client.get(f"/api/v1/whistles/{whistle_id}", headers=auth_headers(user)).status_code
            assert status == (200 if whistle_id in expected else 404), (name, whistle_id)
            roll = client.get(f"/api/v1/whistles/{whistle_id}/roll-call", headers=auth_headers(user)).status_code
            assert roll == status, (name, whistle_id)
    assert listed(client, alliance.admin, community_id=alliance.other_community.id) == [elsewhere["id"]]
    assert listed(client, alliance.admin, status="closed") == []
    assert client.get("/api/v1/whistles").status_code == 401
