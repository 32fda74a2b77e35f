"""GET /events?group=true: a welfare day once, its community activities
nested under it, the viewer's community first."""
from datetime import timedelta

from app.extensions import db
from tests.factories import auth_headers, make_community, make_event, make_member_unit, make_user


def _welfare_day(communities, starts_in=timedelta(days=3)):
    day = make_event(kind="welfare_day", starts_in=starts_in, duration=timedelta(hours=8), title="市民公益日")
    activities = []
    for i, community in enumerate(communities):
        activities.append(make_event(kind="welfare_day", community=community, parent_id=day.id,
                                     starts_in=starts_in + timedelta(minutes=i), title=f"{community.name}·公益活动"))
    return day, activities


def test_grouped_lists_the_day_once_with_activities_mine_first(client, ctx):
    communities = [make_community(f"社区{i}") for i in range(7)]
    day, activities = _welfare_day(communities)
    lecture = make_event(kind="lecture", starts_in=timedelta(days=4))
    me = make_user(community=communities[4])
    db.session.commit()

    flat = client.get("/api/v1/events").get_json()
    assert flat["total"] == 9, "without group the list stays as it was"
    assert "activities" not in flat["items"][0]

    grouped = client.get("/api/v1/events?group=true", headers=auth_headers(me)).get_json()
    assert grouped["total"] == 2
    assert [e["id"] for e in grouped["items"]] == [day.id, lecture.id]
    nested = grouped["items"][0]["activities"]
    assert len(nested) == 7
    assert nested[0]["id"] == activities[4].id and nested[0]["in_my_community"] is True
    assert [a["id"] for a in nested[1:]] == [a.id for i, a in enumerate(activities) if i != 4]
    assert "activities" not in grouped["items"][1]

    anonymous = client.get("/api/v1/events?group=true").get_json()
    assert [a["id"] for a in anonymous["items"][0]["activities"]] == [a.id for a in activities]


def test_grouped_with_a_community_keeps_its_events_and_welfare_days_there(client, ctx):
    here, there = make_community("铭和社区"), make_community("柠檬社区")
    day, (theirs, ours) = _welfare_day([there, here])
    unit_lecture = make_event(kind="lecture", member_unit=make_member_unit(community=here), starts_in=timedelta(days=5))
    make_event(kind="lecture", community=there, starts_in=timedelta(days=6))
    grouped = client.get(f"/api/v1/events?group=true&community={here.id}").get_json()
    assert [e["id"] for e in grouped["items"]] == [day.id, unit_lecture.id]
    assert [a["id"] for a in grouped["items"][0]["activities"]] == [ours.id, theirs.id]
    assert grouped["items"][0]["activities"][0]["host_community_id"] == here.id

    # A welfare day's own activities by parent_id are unaffected by group.
    children = client.get(f"/api/v1/events?group=true&parent_id={day.id}").get_json()
    assert children["total"] == 2


def test_the_detail_lists_my_communitys_activity_first(client, ctx):
    communities = [make_community(f"社区{i}") for i in range(3)]
    day, activities = _welfare_day(communities)
    me = make_user(community=communities[2])
    db.session.commit()
    detail = client.get(f"/api/v1/events/{day.id}", headers=auth_headers(me)).get_json()
    assert [a["id"] for a in detail["activities"]] == [activities[2].id, activities[0].id, activities[1].id]
    assert detail["activities"][0]["in_my_community"] is True
