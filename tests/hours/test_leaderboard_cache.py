"""The hours leaderboard is computed once per scope and shared for a short while;
an approval of hours shows on it at once."""
import pytest

from app.hours import ledger
from tests.factories import auth_headers, make_community, make_hours, make_organiser, make_team, make_user, make_volunteer


@pytest.fixture()
def cached(app, monkeypatch):
    monkeypatch.setitem(app.config, "LEADERBOARD_CACHE_SECONDS", 30)


def board(client, user):
    rows = client.get("/api/v1/hours/leaderboard?by=community", headers=auth_headers(user)).get_json()["rows"]
    return [(r["name"], r["hours"]) for r in rows]


def test_organisers_of_one_scope_share_a_board_until_hours_are_approved(client, ctx, cached):
    north, south = make_community("铭和社区"), make_community("柠檬社区")
    squad = make_team("铭和一中队", community=north)
    admin = make_user(role="admin")
    first = make_hours(make_volunteer(team=squad, community=north), hours=3, approver=admin)
    make_hours(make_volunteer(community=south), hours=1, community=south, approver=admin)
    organiser, colleague = make_organiser(north), make_organiser(north)

    assert board(client, organiser) == [("铭和社区", 3.0)]
    assert board(client, admin) == [("铭和社区", 3.0), ("柠檬社区", 1.0)]  # the office's scope: its own board

    # A correction adds no approval: within the TTL the shared board is the one computed.
    ledger.correct(admin, first, 5, "签退时间登记错误")
    assert board(client, colleague) == [("铭和社区", 3.0)]

    # An approval drops every cached board: the next read counts it (and the correction).
    make_hours(make_volunteer(team=squad, community=north), hours=2, approver=admin)
    assert board(client, colleague) == [("铭和社区", 7.0)]
    assert board(client, admin) == [("铭和社区", 7.0), ("柠檬社区", 1.0)]


def test_without_the_cache_every_read_is_computed(client, ctx, app):
    north = make_community("铭和社区")
    admin = make_user(role="admin")
    first = make_hours(make_volunteer(community=north), hours=3, community=north, approver=admin)
    assert app.config["LEADERBOARD_CACHE_SECONDS"] == 0  # testing's default
    assert board(client, admin) == [("铭和社区", 3.0)]
    ledger.correct(admin, first, 5, "签退时间登记错误")
    assert board(client, admin) == [("铭和社区", 5.0)]
