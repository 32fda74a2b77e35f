"""Development servers only: the sign-in page "scans" as a demo person through the emulator."""
import pytest

from app import create_app
from config import ConfigError, load_settings
from tests.factories import make_community, make_user


@pytest.fixture()
def dev(app_env):
    return create_app(env={**app_env, "CONSOLE_DEMO_SIGNIN": "1"}).test_client()


def test_off_unless_asked_and_refused_in_production(client):
    assert client.get("/api/v1/auth/console/demo/people").status_code == 404
    assert load_settings({"APP_ENV": "development"})["CONSOLE_DEMO_SIGNIN"] is True
    with pytest.raises(ConfigError, match="CONSOLE_DEMO_SIGNIN"):
        load_settings({"APP_ENV": "production", "CONSOLE_DEMO_SIGNIN": "1"})


def test_a_demo_organiser_signs_the_console_in_through_the_emulator(dev, ctx):
    organiser = make_user(openid="demo-organiser-minghe", name="铭和社区王书记", organises=(make_community(),))
    make_user(openid="demo-resident", name="陈阿姨")
    make_user(openid="someone-real")
    people = dev.get("/api/v1/auth/console/demo/people").get_json()
    assert [(p["name"], p["role_label"]) for p in people] == [("铭和社区王书记", "组织者"), ("陈阿姨", "居民")]

    nonce = dev.post("/api/v1/auth/console/nonce", json={}).get_json()["nonce"]
    confirmed = dev.post("/api/v1/auth/console/demo/confirm", json={"nonce": nonce, "user_id": organiser.id})
    assert confirmed.status_code == 200, confirmed.get_json()
    signed_in = dev.post("/api/v1/auth/console/poll", json={"nonce": nonce}).get_json()
    assert signed_in["status"] == "confirmed" and signed_in["user"]["id"] == organiser.id


def test_a_demo_resident_is_refused_like_a_real_one(dev, ctx):
    resident = make_user(openid="demo-resident", name="陈阿姨")
    nonce = dev.post("/api/v1/auth/console/nonce", json={}).get_json()["nonce"]
    refused = dev.post("/api/v1/auth/console/demo/confirm", json={"nonce": nonce, "user_id": resident.id})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "console_not_staff"


def test_not_in_the_api_document(dev):
    paths = dev.get("/api/v1/openapi.json").get_json()["paths"]
    assert not [p for p in paths if "/demo" in p]


def test_a_malformed_request_is_a_chinese_validation_error(dev, ctx):
    answer = dev.post("/api/v1/auth/console/demo/confirm", json={"nonce": "x" * 22, "user_id": "1"})
    assert answer.status_code == 422 and answer.get_json()["error"]["details"]["json"]["user_id"]


def test_only_demo_people(dev, ctx):
    someone = make_user(openid="someone-real", role="admin")
    nonce = dev.post("/api/v1/auth/console/nonce", json={}).get_json()["nonce"]
    answer = dev.post("/api/v1/auth/console/demo/confirm", json={"nonce": nonce, "user_id": someone.id})
    assert answer.status_code == 404
