"""/metrics: what Prometheus sees move when residents scan, when WeChat
refuses a call, when Redis goes away; and who may read it at all."""
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from app import jobs
from app.redis_breaker import RedisBreaker
from tests.checkin.conftest import scan
from tests.factories import checkin_token, make_community, make_event, make_user

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}  # not in METRICS_ALLOW_NETWORKS


def scrape(client, **kwargs):
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def samples(text):
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(text, metric, **labels):
    return samples(text).get((metric, tuple(sorted(labels.items()))), 0.0)


def test_checkins_are_counted_by_method_and_answer(client):
    community = make_community()
    resident = make_user(community=community)
    open_event = make_event(community=community)
    not_yet = make_event(community=community, starts_in=timedelta(hours=3))
    before = scrape(client)

    assert scan(client, resident, token=checkin_token(open_event))[0] == 201
    assert scan(client, resident, token=checkin_token(open_event))[0] == 200
    assert scan(client, resident, token=checkin_token(not_yet))[1]["error"]["code"] == "event_not_open"
    assert scan(client, resident, token="not-a-token")[0] == 400

    after = scrape(client)
    for answer, moved in (("ok", 1), ("already", 1), ("event_not_open", 1), ("token_invalid", 1)):
        assert value(after, "jusha_checkins_total", method="qr", answer=answer) \
            - value(before, "jusha_checkins_total", method="qr", answer=answer) == moved, answer


def test_wechat_calls_are_counted_by_api_and_errcode(client, wechat_control):
    code = wechat_control.login_code(openid="o-metrics")
    wechat_control.fault("busy", count=1, path="/sns/jscode2session")  # WeChat answers errcode -1 once
    before = scrape(client)

    assert client.post("/api/v1/auth/login", json={"code": code}).status_code >= 400
    assert client.post("/api/v1/auth/login", json={"code": wechat_control.login_code(openid="o-metrics")}) \
        .status_code == 200

    after = scrape(client)
    moved = {errcode: value(after, "jusha_wechat_calls_total", api="sns/jscode2session", errcode=errcode)
             - value(before, "jusha_wechat_calls_total", api="sns/jscode2session", errcode=errcode)
             for errcode in ("-1", "0")}
    assert moved == {"-1": 1, "0": 1}
    assert "access_token=" not in after


def test_requests_are_labelled_by_endpoint_never_by_path(client):
    capability = "c2lnbmVkLXByb2plY3Rvci1saW5r.secret"
    client.get(f"/projector/{capability}")
    client.get("/healthz")
    text = scrape(client)
    assert capability not in text
    assert value(text, "flask_http_request_duration_seconds_count", method="GET", endpoint="health.healthz",
                 status="200") >= 1
    assert 'endpoint="health.metrics"' not in text  # the scrapes themselves are not counted


def test_the_breaker_state_is_a_gauge_by_name(client):
    breaker = RedisBreaker(5, name="redis-metrics-test")
    assert value(scrape(client), "jusha_redis_breaker_state", name="redis-metrics-test") == 0
    breaker.failed()
    assert value(scrape(client), "jusha_redis_breaker_state", name="redis-metrics-test") == 2
    breaker.answered()
    assert value(scrape(client), "jusha_redis_breaker_state", name="redis-metrics-test") == 0


def test_queue_depth_is_read_from_the_queue_when_scraped(app, client):
    broker = jobs.broker_of(app)
    actor = broker.get_actor(sorted(broker.actors)[0])
    before = value(scrape(client), "jusha_queue_messages", queue=jobs.QUEUE_NAME, state="waiting")
    try:
        actor.send_with_options(args=(), delay=None)
        actor.send_with_options(args=(), delay=None)
        text = scrape(client)
    finally:
        broker.flush_all()
    assert value(text, "jusha_queue_messages", queue=jobs.QUEUE_NAME, state="waiting") == before + 2
    assert value(text, "jusha_queue_depth_up") == 1


def test_not_found_from_outside_the_allowed_networks(client):
    response = client.get("/metrics", environ_base=ELSEWHERE)
    assert response.status_code == 404
    assert response.get_json()["error"] == {"code": "not_found", "message": "请求的内容不存在"}


def test_a_request_through_a_proxy_is_not_a_direct_one(client):
    """nginx on the same machine connects from 127.0.0.1 for every client: what came
    through it (it adds X-Forwarded-For) is not the operator's own connection."""
    response = client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
    assert response.status_code == 404


def test_the_token_opens_it_from_anywhere(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-scrape-token")
    assert client.get("/metrics", environ_base=ELSEWHERE,
                      headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", environ_base=ELSEWHERE).status_code == 404
    text = scrape(client, environ_base=ELSEWHERE, headers={"Authorization": "Bearer s3cret-scrape-token",
                                                           "X-Forwarded-For": "198.51.100.1"})
    assert "jusha_checkins_total" in text or "flask_http_request" in text


def test_an_allowed_network_from_the_settings(app, client, monkeypatch):
    from config import load_settings

    networks = load_settings({"METRICS_ALLOW_NETWORKS": "10.0.0.0/8, 203.0.113.0/24"})["METRICS_ALLOW_NETWORKS"]
    monkeypatch.setitem(app.config, "METRICS_ALLOW_NETWORKS", networks)
    assert client.get("/metrics", environ_base=ELSEWHERE).status_code == 200
    assert client.get("/metrics").status_code == 404  # 127.0.0.1 is no longer in the list


def test_a_bad_network_is_refused_at_start():
    from config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="METRICS_ALLOW_NETWORKS"):
        load_settings({"METRICS_ALLOW_NETWORKS": "localhost"})
