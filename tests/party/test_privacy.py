"""Party data in see-my-data, and gone with the account."""
from app.extensions import db
from app.models import PartyMembership, PartyReport, ServicePost
from tests.party.conftest import make_membership


def test_see_my_data_shows_it_and_closing_the_account_deletes_it(client, world):
    make_membership(world.member, world.branch, in_service=True, unit=world.unit)
    post = ServicePost(community_id=world.a.id, name="楼道长")
    db.session.add(post)
    db.session.commit()
    assert client.put("/api/v1/me/party/report", json={"post_ids": [post.id]},
                      headers=world.headers("member")).status_code == 200
    data = client.get("/api/v1/me/data", headers=world.headers("member")).get_json()["areas"]["party"]
    assert data["membership"]["branch"]["name"] == "铭和社区党总支"
    assert [r["posts"][0]["name"] for r in data["reports"]] == ["楼道长"]

    closed = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=world.headers("member"))
    assert closed.status_code == 204, closed.get_json()
    db.session.expire_all()
    assert db.session.execute(db.select(PartyMembership).filter_by(user_id=world.member.id)).first() is None
    assert db.session.execute(db.select(PartyReport).filter_by(user_id=world.member.id)).first() is None
    assert db.session.get(ServicePost, post.id) is not None
