"""A user reads and edits their own profile, and nothing more."""
from tests.factories import auth_headers, make_community, make_user


def test_me_shows_my_profile(client):
    community = make_community(name="铭和社区")
    user = make_user(name="陈阿姨", community=community)
    body = client.get("/api/v1/me", headers=auth_headers(user)).get_json()
    assert body["name"] == "陈阿姨"
    assert body["community"]["name"] == "铭和社区"
    assert body["role"] == "resident"


def test_i_can_change_my_name_and_community(client):
    community = make_community()
    user = make_user()
    response = client.patch("/api/v1/me", json={"name": "新名字", "community_id": community.id},
                            headers=auth_headers(user))
    assert response.status_code == 200
    assert response.get_json()["name"] == "新名字"
    assert client.get("/api/v1/me", headers=auth_headers(user)).get_json()["community"]["id"] == community.id


def test_i_cannot_make_myself_an_admin(client):
    user = make_user()
    headers = auth_headers(user)
    response = client.patch("/api/v1/me", json={"role": "admin"}, headers=headers)
    assert response.status_code == 422
    assert client.get("/api/v1/me", headers=headers).get_json()["role"] == "resident"


def test_an_unknown_community_is_refused(client):
    response = client.patch("/api/v1/me", json={"community_id": 999999}, headers=auth_headers(make_user()))
    assert response.status_code == 404


def test_my_token_only_ever_shows_me(client):
    me, other = make_user(name="我"), make_user(name="别人")
    assert client.get("/api/v1/me", headers=auth_headers(me)).get_json()["id"] == me.id
    client.patch("/api/v1/me", json={"name": "改名"}, headers=auth_headers(me))
    assert client.get("/api/v1/me", headers=auth_headers(other)).get_json()["name"] == "别人"
