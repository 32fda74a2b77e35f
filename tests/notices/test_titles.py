"""Lists and reports name a notice's template by its Chinese title, not its key."""
from datetime import timedelta

from app.extensions import db
from app.models import utcnow
from tests.factories import auth_headers, make_community, make_organiser, make_team, make_volunteer
from tests.notices.conftest import known_to_wechat, send_notice


def test_list_report_and_detail_carry_the_templates_chinese_title(client, ctx, wechat_control):
    community = make_community("铭和社区")
    organiser = make_organiser(community)
    known_to_wechat(wechat_control, organiser)
    team = make_team("铭和社区党员中队", community=community)
    make_volunteer(team=team, community=community)
    # Scheduled for later: nothing is sent, so no worker is needed.
    notice = send_notice(client, organiser, {"kind": "team", "team_id": team.id},
                         send_at=(utcnow() + timedelta(hours=5)).isoformat())
    assert notice["template_name"] == "volunteer_call"
    assert notice["template_title"] == "志愿活动招募通知"
    headers = auth_headers(organiser)
    listed = client.get("/api/v1/notices", headers=headers).get_json()
    assert [(n["template_name"], n["template_title"]) for n in listed] == [("volunteer_call", "志愿活动招募通知")]
    report = client.get(f"/api/v1/notices/{notice['id']}/report", headers=headers).get_json()
    assert report["template_title"] == "志愿活动招募通知"


def test_a_template_no_longer_configured_falls_back_to_its_stored_name(client, ctx, wechat_control):
    from app.models import Notice
    from app.notices.service import template_title
    notice = Notice(kind="manual", template_name="retired_template", template_id="gone", data={}, audience={})
    assert template_title(notice) == "retired_template"
    db.session.rollback()
