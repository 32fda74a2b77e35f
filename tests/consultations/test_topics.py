"""议事 in 新沙社区: staff open a topic with a vote, residents comment (WeChat
checks the text) and vote once (changing it until the close), staff hide a
comment and resolve the topic with who does what; other communities see nothing."""
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import ConsultationVote, utcnow
from tests.factories import auth_headers, make_community, make_member_unit, make_organiser, make_user
from tests.support.concurrency import race


@pytest.fixture()
def xinsha(ctx, wechat_control):
    a, b = make_community("新沙社区"), make_community("七格社区")
    staff = make_organiser(a, name="新沙社区黄书记")
    residents = [make_user(community=a, name=f"新沙居民{i}") for i in range(3)]
    for person in residents + [staff]:
        wechat_control.login_code(openid=person.openid)  # msgSecCheck wants a recent visit
    return a, b, staff, residents


def _open(client, a, staff, **extra):
    body = {"community_id": a.id, "title": "长廊下加装休息座椅", "description": "居民提出在党建文化长廊加装座椅，请大家议一议。",
            "place": "党建文化长廊", "options": ["同意加装", "不同意", "换个位置"],
            "vote_closes_at": (utcnow() + timedelta(days=3)).isoformat(), **extra}
    answer = client.post("/api/v1/consultations", json=body, headers=auth_headers(staff))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_topic_from_opening_to_resolution(client, xinsha, wechat_control):
    a, b, staff, residents = xinsha
    topic = _open(client, a, staff)
    url = f"/api/v1/consultations/{topic['id']}"
    assert topic["status_label"] == "投票中" and topic["options"][0]["votes"] is None  # results after the close

    said = client.post(f"{url}/comments", json={"body": "支持，老人可以歇歇脚"}, headers=auth_headers(residents[0]))
    assert said.status_code == 201
    risky = client.post(f"{url}/comments", json={"body": "加我微信赌博"}, headers=auth_headers(residents[1]))
    assert risky.status_code == 422 and risky.get_json()["error"]["code"] == "comment_risky"
    rude = client.post(f"{url}/comments", json={"body": "这个提议太离谱了"}, headers=auth_headers(residents[1])).get_json()
    hidden = client.post(f"{url}/comments/{rude['id']}/hide", json={"reason": "与议题无关"}, headers=auth_headers(staff))
    assert hidden.get_json()["hidden"] is True
    seen = client.get(f"{url}/comments", headers=auth_headers(residents[2])).get_json()
    assert [(c["body"], c["hidden_reason"]) for c in seen["items"]] == [("支持，老人可以歇歇脚", None), (None, "与议题无关")]
    assert client.post(f"{url}/comments/{rude['id']}/hide", json={"reason": "无关内容"},
                       headers=auth_headers(residents[0])).status_code == 403

    options = [o["id"] for o in topic["options"]]
    for person, choice in ((residents[0], 0), (residents[1], 0), (residents[2], 1), (residents[2], 0)):
        assert client.post(f"{url}/vote", json={"option_id": options[choice]}, headers=auth_headers(person)).status_code == 200
    unit = make_member_unit("下沙中学")
    resolved = client.post(f"{url}/resolve", headers=auth_headers(staff), json={
        "decision": "同意在长廊加装 4 张休息座椅。", "actions": [
            {"what": "采购并安装座椅", "assignee_kind": "unit", "assignee_unit_id": unit.id,
             "due_on": str((utcnow() + timedelta(days=30)).date())},
            {"what": "安装后组织验收", "assignee_kind": "person", "assignee_user_id": staff.id},
            {"what": "日常维护", "assignee_kind": "text", "assignee_text": "物业服务中心"}]})
    assert resolved.status_code == 200, resolved.get_json()
    seen = client.get(url, headers=auth_headers(residents[2])).get_json()
    assert seen["status_label"] == "已形成决议" and seen["votes_total"] == 3 and seen["my_vote"] == options[0]
    assert [o["votes"] for o in seen["options"]] == [3, 0, 0]
    assert [x["assignee"] for x in seen["actions"]] == ["下沙中学", "新沙社区黄书记", "物业服务中心"]
    late = client.post(f"{url}/vote", json={"option_id": options[1]}, headers=auth_headers(residents[0]))
    assert late.get_json()["error"]["code"] == "topic_resolved"


def test_only_the_community_reads_and_takes_part(client, xinsha):
    a, b, staff, residents = xinsha
    topic = _open(client, a, staff, options=[], vote_closes_at=None)
    url = f"/api/v1/consultations/{topic['id']}"
    outsider, other_staff = make_user(community=b), make_organiser(b)
    for person in (outsider, other_staff):
        assert client.get(url, headers=auth_headers(person)).status_code == 404
        assert client.get("/api/v1/consultations", headers=auth_headers(person)).get_json()["total"] == 0
    assert client.post("/api/v1/consultations", json={"community_id": a.id, "title": "议题", "description": "说明说明"},
                       headers=auth_headers(residents[0])).status_code == 403
    no_vote = client.post(f"{url}/vote", json={"option_id": 1}, headers=auth_headers(residents[0]))
    assert no_vote.get_json()["error"]["code"] == "topic_has_no_vote"


def test_racing_votes_of_one_person_leave_one_row(app, client, xinsha):
    a, b, staff, residents = xinsha
    topic = _open(client, a, staff, results_live=True)
    options = [o["id"] for o in topic["options"]]
    headers = auth_headers(residents[0])
    answers = race(app, lambda i: app.test_client().post(f"/api/v1/consultations/{topic['id']}/vote",
                                                         json={"option_id": options[i % 3]}, headers=headers), 6)
    assert all(r.status_code == 200 for r in answers), [r.get_json() for r in answers]
    rows = db.session.execute(db.select(ConsultationVote).where(ConsultationVote.topic_id == topic["id"])).scalars()
    assert len(list(rows)) == 1
    live = client.get(f"/api/v1/consultations/{topic['id']}", headers=auth_headers(residents[1])).get_json()
    assert live["votes_total"] == 1 and live["my_vote"] is None


def test_a_closed_account_loses_its_comments_text(client, xinsha):
    a, b, staff, residents = xinsha
    topic = _open(client, a, staff)
    url = f"/api/v1/consultations/{topic['id']}"
    client.post(f"{url}/comments", json={"body": "我家就在长廊边"}, headers=auth_headers(residents[0]))
    mine = client.get("/api/v1/me/data", headers=auth_headers(residents[0])).get_json()["areas"]["consultations"]
    assert mine["comments"][0]["body"] == "我家就在长廊边"
    client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(residents[0]))
    (comment,) = client.get(f"{url}/comments", headers=auth_headers(staff)).get_json()["items"]
    assert comment["body"] is None and comment["author"]["name"] == "已注销用户"


def test_two_staff_resolving_at_once_leave_one_resolution(app, client, xinsha):
    a, b, staff, residents = xinsha
    second = make_organiser(a)
    topic = _open(client, a, staff)
    people = [auth_headers(staff), auth_headers(second)]
    answers = race(app, lambda i: app.test_client().post(
        f"/api/v1/consultations/{topic['id']}/resolve", headers=people[i],
        json={"decision": f"决议{i}", "actions": [{"what": "落实", "assignee_kind": "text", "assignee_text": f"负责方{i}"}]}), 2)
    assert sorted(r.status_code for r in answers) == [200, 409]
    seen = client.get(f"/api/v1/consultations/{topic['id']}", headers=auth_headers(residents[0])).get_json()
    assert len(seen["actions"]) == 1 and seen["decision"][-1] == seen["actions"][0]["assignee"][-1]
