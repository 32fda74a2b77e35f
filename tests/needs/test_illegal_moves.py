"""Every move from every status it does not start from is a 409 with the
move's stable code and a Chinese message, and changes nothing."""
import pytest

from app.extensions import db
from app.models import DUTY_STATUSES, Duty, utcnow
from app.needs import rules
from tests.needs.conftest import fresh, post, raised, steps

# action -> (path, body, who acts: "contact" | "staff" | "raiser")
CALLS = {
    "accept": ("accept", {}, "contact"),
    "decline": ("decline", {"reason": "人手不足"}, "contact"),
    "progress": ("progress", {"note": "正在办理"}, "contact"),
    "done": ("done", {"note": "已经办好"}, "contact"),
    "confirm": ("confirm", {}, "staff"),
    "refuse": ("refuse", {"reason": "已另行安排"}, "staff"),
    "withdraw": ("withdraw", {"reason": "派错单位"}, "staff"),
    "rate": ("rating", {"rating": 4}, "raiser"),
    "reopen": ("reopen", {"reason": "问题没有解决"}, "raiser"),
}
CASES = [(action, status) for action in CALLS for status in DUTY_STATUSES
         if status not in rules.DUTY_MOVES[action].sources]


def test_every_move_but_auto_close_has_an_endpoint():
    assert set(CALLS) == set(rules.DUTY_MOVES) - {"auto_close"}


@pytest.mark.parametrize(("action", "status"), CASES, ids=[f"{a} from {s}" for a, s in CASES])
def test_an_illegal_move_is_a_409(client, world, action, status):
    need = raised(world)
    duty = Duty(need_id=need.id, unit_id=world.units[0].id, status=status, done_at=utcnow())
    db.session.add(duty)
    db.session.commit()
    before = len(steps(need.id))
    path, body, who = CALLS[action]
    actor = {"contact": world.contacts[0], "staff": world.staff, "raiser": world.resident}[who]
    answer = post(client, actor, f"/duties/{duty.id}/{path}", body)
    assert answer.status_code == 409, answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == rules.DUTY_MOVES[action].refusal
    assert not error["message"].isascii()
    assert fresh(Duty, duty.id).status == status and len(steps(need.id)) == before


@pytest.mark.parametrize("status", ["claimed", "in_progress", "done", "closed", "cancelled"])
def test_only_an_open_public_need_is_claimed(client, world, status):
    need = raised(world)
    need.status = status
    db.session.commit()
    answer = post(client, world.contacts[0], f"/needs/{need.id}/claim", {"unit_id": world.units[0].id})
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "need_not_open"


def test_a_private_need_dispatched_to_a_unit_is_not_claimed(client, world):
    need = raised(world, is_public=False)
    post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    answer = post(client, world.contacts[0], f"/needs/{need.id}/claim", {"unit_id": world.units[0].id})
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "need_not_public"


@pytest.mark.parametrize("status", ["claimed", "done", "closed", "cancelled"])
def test_dispatch_refused_when_the_need_is_not_dispatchable(client, world, status):
    need = raised(world)
    need.status = status
    db.session.commit()
    answer = post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "need_not_dispatchable"


def test_dispatch_twice_to_a_unit_holding_it_and_to_a_suspended_unit(client, world):
    need = raised(world)
    post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    again = post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[0].id]})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "duty_exists"
    world.units[1].status = "suspended"
    db.session.commit()
    suspended = post(client, world.staff, f"/needs/{need.id}/dispatch", {"unit_ids": [world.units[1].id]})
    assert suspended.status_code == 409 and suspended.get_json()["error"]["code"] == "unit_not_active"


def test_deadlines_must_make_sense(client, world):
    need = raised(world)
    past = post(client, world.staff, f"/needs/{need.id}/dispatch",
                {"unit_ids": [world.units[0].id], "accept_by": "2020-01-01T09:00:00+08:00"})
    assert past.status_code == 422 and "accept_by" in past.get_json()["error"]["details"]["json"]


@pytest.mark.parametrize("status", ["in_progress", "done", "closed", "cancelled"])
def test_cancel_refused_once_a_unit_accepted(client, world, status):
    need = raised(world)
    need.status = status
    db.session.commit()
    answer = post(client, world.resident, f"/needs/{need.id}/cancel", {"reason": "不需要了"})
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "need_not_cancellable"


def test_the_timeline_cannot_be_edited(world):
    import pytest as _pytest

    from app.models import TimelineIsAppendOnly

    need = raised(world)
    step = steps(need.id)[0]
    step.note = "改写历史"
    with _pytest.raises(TimelineIsAppendOnly):
        db.session.commit()
    db.session.rollback()
