"""An organiser approves hours; the volunteer who allowed it hears so in WeChat, once."""
import time
from datetime import timedelta

from tests.factories import auth_headers, make_community, make_event, make_hours, make_organiser, make_volunteer
from tests.notices.conftest import accept


def test_approving_hours_sends_hours_credited_once(client, ctx, wechat_control, notice_worker):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(kind="volunteer_activity", community=community, starts_in=-timedelta(hours=5),
                       duration=timedelta(hours=4), title="柠檬社区敬老院志愿服务")
    allowed, silent = make_volunteer(community=community), make_volunteer(community=community)
    accept(client, wechat_control, allowed, template="hours_credited")
    records = [make_hours(person, event=event, hours=2, approve=False) for person in (allowed, silent)]

    response = client.post("/api/v1/hours/records/approve", json={"event_id": event.id},
                           headers=auth_headers(organiser))
    assert response.status_code == 200, response.get_json()
    assert sorted(response.get_json()["approved"]) == sorted(record.id for record in records)

    (message,) = _wait_for_inbox(wechat_control, allowed)
    assert message["values"]["thing1"] == "柠檬社区敬老院志愿服务"
    assert message["values"]["number2"] == "2"
    assert wechat_control.messages(openid=silent.openid)["messages"] == []


def _wait_for_inbox(wechat_control, user, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = wechat_control.messages(openid=user.openid)["messages"]
        if messages:
            return messages
        time.sleep(0.1)
    raise AssertionError("no hours_credited message arrived")
