"""The one gate for request bodies (app/request_body.py): size, content type,
presence, JSON depth and NUL characters are judged before any handler,
with the project's error shape, and never as a 500."""
import json

import pytest

from app.request_body import json_depth_exceeds
from tests.factories import auth_headers, make_community, make_event, make_organiser, make_user

DEEP = "[" * 100_000


def _error(response):
    return response.status_code, response.get_json()["error"]["code"]


@pytest.mark.parametrize("method, url", [
    ("PATCH", "/api/v1/me"), ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/checkins"),
    ("POST", "/api/v1/events"), ("POST", "/api/v1/notices/preview"), ("GET", "/api/v1/events"),
])
def test_deeply_nested_json_is_a_400_not_a_500(client, method, url):
    # Before authentication: no token at all.
    response = client.open(url, method=method, data=DEEP, content_type="application/json")
    assert _error(response) == (400, "json_too_deep")
    assert "嵌套" in response.get_json()["error"]["message"]


def test_the_depth_limit_is_a_setting_of_32_by_default(client, app):
    limit = app.config["JSON_MAX_DEPTH"]
    assert limit == 32
    headers = auth_headers(make_user())
    too_deep = {"name": json.loads("[" * limit + "]" * limit)}
    assert _error(client.patch("/api/v1/me", json=too_deep, headers=headers)) == (400, "json_too_deep")
    # one level less reaches the schema, which judges it
    fits = {"name": json.loads("[" * (limit - 1) + "]" * (limit - 1))}
    assert _error(client.patch("/api/v1/me", json=fits, headers=headers)) == (422, "validation_failed")


def test_depth_is_measured_without_recursion():
    nested = []
    for _ in range(50_000):
        nested = [nested]
    assert json_depth_exceeds(nested, 32)
    assert not json_depth_exceeds({"a": [1, {"b": [2]}]}, 4)
    assert json_depth_exceeds({"a": [1, {"b": [2]}]}, 3)
    assert not json_depth_exceeds("text", 1)


def test_invalid_json_is_a_400(client):
    response = client.patch("/api/v1/me", data="{name: 1", content_type="application/json",
                            headers=auth_headers(make_user()))
    assert _error(response) == (400, "json_invalid")


def test_a_body_over_max_content_length_is_a_413(client, app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    big = json.dumps({"name": "张" * (600 * 1024)})  # ~1.8 MB in UTF-8
    response = client.patch("/api/v1/me", data=big, content_type="application/json")
    assert _error(response) == (413, "payload_too_large")
    assert response.get_json()["error"]["message"] == "提交的内容过大"
    # also on an endpoint that takes no body, and in any content type
    response = client.post("/api/v1/auth/logout", data=b"x" * (1024 * 1024 + 1), content_type="text/plain")
    assert _error(response) == (413, "payload_too_large")


@pytest.mark.parametrize("content_type, data", [
    ("text/plain", '{"name": "改名"}'),
    ("application/x-www-form-urlencoded", "name=%E6%94%B9%E5%90%8D"),
    ("application/xml", "<me><name>改名</name></me>"),
    ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n改名\r\n--x--\r\n'),
])
def test_a_body_that_is_not_json_is_a_415(client, content_type, data):
    user = make_user(name="原名")
    headers = auth_headers(user)
    response = client.patch("/api/v1/me", data=data, content_type=content_type, headers=headers)
    assert _error(response) == (415, "unsupported_media_type")
    assert response.get_json()["error"]["message"] == "请以 JSON 格式提交"
    assert client.get("/api/v1/me", headers=headers).get_json()["name"] == "原名"


def test_every_endpoint_that_takes_json_refuses_other_bodies(client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community)
    for url in ("/api/v1/events", f"/api/v1/events/{event.id}/checkins", f"/api/v1/events/{event.id}/projector-link",
                "/api/v1/checkins", "/api/v1/hours/records/approve", "/api/v1/teams"):
        response = client.post(url, data="purpose=checkin", content_type="application/x-www-form-urlencoded",
                               headers=auth_headers(organiser))
        assert _error(response) == (415, "unsupported_media_type"), url


def test_a_required_body_cannot_be_missing(client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community)
    headers = auth_headers(make_user())
    for response in (client.patch("/api/v1/me", headers=headers),
                     client.patch("/api/v1/me", data="  ", content_type="application/json", headers=headers),
                     client.post(f"/api/v1/events/{event.id}/projector-link", headers=auth_headers(organiser)),
                     client.post("/api/v1/checkins", headers=headers)):
        assert _error(response) == (422, "body_required")
        assert response.get_json()["error"]["message"] == "请提交请求内容"
    # An empty object is a body: nothing to change is fine.
    assert client.patch("/api/v1/me", json={}, headers=headers).status_code == 200


def test_endpoints_without_a_body_ignore_the_content_type(client):
    headers = auth_headers(make_user())
    assert client.get("/api/v1/me", headers={**headers, "Content-Type": "text/plain"}).status_code == 200
    assert client.post("/api/v1/auth/logout", data="bye", content_type="text/plain", headers=headers).status_code in (200, 204)


def test_nul_characters_are_still_refused_everywhere(client):
    headers = auth_headers(make_user())
    response = client.patch("/api/v1/me", json={"name": "a\x00b"}, headers=headers)
    assert (response.status_code, response.get_json()["error"]["details"]) == (422, {"json": {"name": ["内容包含无效字符"]}})
    response = client.get("/api/v1/events?kind=a%00", headers=headers)
    assert response.get_json()["error"]["details"] == {"query": {"kind.0": ["内容包含无效字符"]}}
