"""Composing a notice: field limits, the page, the content check, scope, the preview."""
import pytest

from app.extensions import db
from app.models import AuditLog, Notice
from tests.factories import (
    auth_headers,
    make_checkin,
    make_community,
    make_event,
    make_member_unit,
    make_organiser,
    make_quota,
    make_registration,
    make_team,
    make_user,
    make_volunteer,
)
from tests.notices.conftest import call_body, known_to_wechat, template_id


@pytest.fixture()
def minghe(ctx, wechat_control):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    squad = make_team("铭和社区党员中队", community=community)
    return community, organiser, squad


def preview(client, organiser, body):
    return client.post("/api/v1/notices/preview", json=body, headers=auth_headers(organiser))


def test_preview_counts_recipients_with_and_without_quota(client, minghe):
    community, organiser, squad = minghe
    allowed = [make_volunteer(team=squad, community=community) for _ in range(2)]
    make_volunteer(team=squad, community=community)
    make_volunteer(team=squad, community=community, status="pending")  # not yet a volunteer: not addressed
    for volunteer in allowed:
        make_quota(volunteer, template_id())

    response = preview(client, organiser, call_body({"kind": "team", "team_id": squad.id}))
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert (result["recipients"], result["with_quota"], result["will_skip"]) == (3, 2, 1)
    assert result["skip_reasons"] == {"no_subscription": 1}
    assert result["audience"]["label"] == "铭和社区党员中队志愿者"
    assert result["content_check"] == "pass"
    assert [f["label"] for f in result["fields"]] == ["活动主题", "活动日期", "集合地点", "联系人", "联系电话"]
    assert db.session.execute(db.select(Notice)).first() is None  # a preview queues nothing


def test_a_team_subtree_reaches_volunteers_of_the_squads_under_it(client, minghe):
    community, organiser, squad = minghe
    brigade = make_team("社区服务大队", level="brigade", community=community)
    under = make_team("楼道中队", parent=brigade, community=community)
    make_volunteer(team=under, community=community)
    make_volunteer(team=brigade, community=community)
    make_volunteer(team=squad, community=community)  # a sibling, not under the brigade
    result = preview(client, organiser, call_body({"kind": "team", "team_id": brigade.id})).get_json()
    assert result["recipients"] == 2
    assert result["audience"]["label"] == "社区服务大队及下属队伍志愿者"


def test_event_registrants_and_attendees(client, minghe):
    community, organiser, _ = minghe
    event = make_event(community=community)
    came, registered_only = make_user(community=community), make_user(community=community)
    make_registration(event, came)
    make_registration(event, registered_only)
    make_registration(event, make_user(), status="cancelled")
    make_checkin(event, came)
    registrants = preview(client, organiser, call_body({"kind": "event_registrants", "event_id": event.id}))
    attendees = preview(client, organiser, call_body({"kind": "event_attendees", "event_id": event.id}))
    assert registrants.get_json()["recipients"] == 2
    assert attendees.get_json()["recipients"] == 1


def test_too_long_text_is_refused_with_a_clear_message(client, minghe):
    _, organiser, squad = minghe
    body = call_body({"kind": "team", "team_id": squad.id})
    body["values"]["thing1"] = "下沙街道市民公益日：铭和社区清理楼道小广告志愿活动招募"
    response = preview(client, organiser, body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "field_invalid"
    assert error["message"] == "「活动主题」最多 20 个字（现在 27 个字）"
    assert set(error["details"]["fields"]) == {"thing1"}


def test_the_shorten_rule_is_visible_in_the_preview(client, minghe):
    _, organiser, squad = minghe
    body = call_body({"kind": "team", "team_id": squad.id}, shorten=True)
    long_text = "下沙街道市民公益日：铭和社区清理楼道小广告志愿活动招募"
    body["values"]["thing1"] = long_text
    result = preview(client, organiser, body).get_json()
    assert result["values"]["thing1"] == long_text[:19] + "…"
    assert len(result["values"]["thing1"]) == 20
    assert result["shortened"] == [{"key": "thing1", "label": "活动主题", "original": long_text,
                                    "value": long_text[:19] + "…"}]


@pytest.mark.parametrize("key, value, expected", [
    ("date2", "12月13日", "「活动日期」日期格式应为"),
    ("date2", "2026年2月30日", "「活动日期」日期格式应为"),
    ("phone_number5", "请拨打0571-86000000", "「联系电话」只能填写数字和符号"),
    ("name4", "王书记和李主任和张阿姨", "「联系人」最多 10 个字"),
    ("thing3", "", "「集合地点」不能为空"),
])
def test_field_types_are_checked_before_anything_is_queued(client, minghe, key, value, expected):
    _, organiser, squad = minghe
    body = call_body({"kind": "team", "team_id": squad.id})
    body["values"][key] = value
    response = client.post("/api/v1/notices", json=body, headers=auth_headers(organiser))
    assert response.status_code == 422
    assert response.get_json()["error"]["message"].startswith(expected)
    assert db.session.execute(db.select(Notice)).first() is None


def test_missing_and_unknown_fields_and_pages_are_refused(client, minghe):
    _, organiser, squad = minghe
    body = call_body({"kind": "team", "team_id": squad.id})
    del body["values"]["name4"]
    body["values"]["thing9"] = "多余"
    problems = preview(client, organiser, body).get_json()["error"]["details"]["fields"]
    assert set(problems) == {"name4", "thing9"}
    bad_page = preview(client, organiser, call_body({"kind": "team", "team_id": squad.id}, page="pages/nowhere"))
    assert bad_page.status_code == 422
    assert bad_page.get_json()["error"]["code"] == "page_invalid"
    unknown = preview(client, organiser, call_body({"kind": "team", "team_id": squad.id}, template_id="nope"))
    assert unknown.get_json()["error"]["code"] == "unknown_template"


def test_risky_text_fails_the_content_check(client, minghe, wechat_control):
    _, organiser, squad = minghe
    body = call_body({"kind": "team", "team_id": squad.id})
    body["values"]["thing3"] = "代开发票请联系"
    response = client.post("/api/v1/notices", json=body, headers=auth_headers(organiser))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "content_risky"
    assert "广告" in error["message"]
    assert db.session.execute(db.select(Notice)).first() is None


def test_content_check_needs_a_recent_visit(client, minghe, wechat_control):
    _, organiser, squad = minghe
    wechat_control.advance_clock(2 * 3600 + 60)  # the organiser last opened the mini-program 2 hours ago
    response = preview(client, organiser, call_body({"kind": "team", "team_id": squad.id}))
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "content_check_visit_expired"


def test_organisers_cannot_address_anyone_outside_their_scope(client, minghe, wechat_control):
    community, organiser, squad = minghe
    other = make_community("柠檬社区")
    other_squad = make_team("柠檬社区文明中队", community=other)
    outsider = make_volunteer(team=other_squad, community=other)
    insider = make_volunteer(team=squad, community=community)
    corps = make_team("下沙街道志愿服务总队", level="corps")
    mixed = make_team("跨社区大队", level="brigade", community=community)
    make_team("柠檬分队", parent=mixed, community=other)
    foreign_event = make_event(community=other)
    subdistrict_event = make_event()
    forbidden = [
        {"kind": "community", "community_id": other.id},
        {"kind": "team", "team_id": other_squad.id},
        {"kind": "team", "team_id": corps.id},
        {"kind": "team", "team_id": mixed.id},
        {"kind": "event_registrants", "event_id": foreign_event.id},
        {"kind": "event_attendees", "event_id": subdistrict_event.id},
        {"kind": "users", "user_ids": [insider.id, outsider.id]},
    ]
    for audience in forbidden:
        for path in ("/api/v1/notices/preview", "/api/v1/notices"):
            response = client.post(path, json=call_body(audience), headers=auth_headers(organiser))
            assert response.status_code == 403, (audience, response.get_json())
            assert response.get_json()["error"]["code"] == "out_of_scope"
    users = client.post("/api/v1/notices/preview", json=call_body({"kind": "users", "user_ids": [insider.id,
                                                                                                  outsider.id]}),
                        headers=auth_headers(organiser)).get_json()
    assert users["error"]["details"] == {"user_ids": [outsider.id]}
    assert db.session.execute(db.select(Notice)).first() is None
    assert wechat_control.stats()["messages_delivered"] == 0


def test_member_unit_organisers_address_their_units_teams(client, ctx, wechat_control):
    unit = make_member_unit("下沙中学")
    organiser = make_organiser(unit)
    known_to_wechat(wechat_control, organiser)
    team = make_team("下沙中学青年中队")
    team.member_unit_id = unit.id
    db.session.commit()
    make_volunteer(team=team)
    response = preview(client, organiser, call_body({"kind": "team", "team_id": team.id}))
    assert response.status_code == 200
    assert response.get_json()["recipients"] == 1


def test_admins_address_anyone_and_residents_no_one(client, ctx, wechat_control):
    admin = make_user(role="admin")
    known_to_wechat(wechat_control, admin)
    corps = make_team("下沙街道志愿服务总队", level="corps")
    make_volunteer(team=make_team(parent=corps, community=make_community()))
    assert preview(client, admin, call_body({"kind": "team", "team_id": corps.id})).get_json()["recipients"] == 1
    resident = make_user()
    assert preview(client, resident, call_body({"kind": "team", "team_id": corps.id})).status_code == 403


def test_creating_a_notice_is_audited_and_an_empty_audience_refused(client, minghe):
    community, organiser, squad = minghe
    empty = client.post("/api/v1/notices", json=call_body({"kind": "team", "team_id": squad.id}),
                        headers=auth_headers(organiser))
    assert empty.status_code == 422
    assert empty.get_json()["error"]["code"] == "audience_empty"
    make_volunteer(team=squad, community=community)
    created = client.post("/api/v1/notices", json=call_body({"kind": "team", "team_id": squad.id}),
                          headers=auth_headers(organiser))
    assert created.status_code == 201
    audit = db.session.execute(db.select(AuditLog).filter_by(action="notice.create")).scalar_one()
    assert audit.actor_id == organiser.id and audit.detail["recipients"] == 1


def test_audience_shape_is_checked(client, minghe):
    _, organiser, squad = minghe
    for audience in ({"kind": "team"}, {"kind": "team", "team_id": squad.id, "event_id": 3}, {"kind": "grid"}):
        response = preview(client, organiser, call_body(audience))
        assert response.status_code == 422, audience
