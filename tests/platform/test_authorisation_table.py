"""Every operation of the API, called as every persona on a world of real rows,
answers as tests/platform/authorisation_table.py says; the table covers the
OpenAPI document exactly; docs/authorisation.md is the table.

Each (operation, persona) case builds its world afresh on the clean slate
(tests/conftest.py empties every table per test), so one case's changes
(a cancelled event, a closed account) never reach another."""
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from unittest import mock

import pytest
from openpyxl import load_workbook

from app.auth import console_login, roles
from app.checkin import projector
from app.extensions import api, db
from app.hours import certificates
from app.hours.records import approve, record_hours_from_checkins
from app.models import Duty, Notice, RoleGrant, Roundtable, RoundtableResolution, Whistle, utcnow
from app.needs.service import raise_need
from app.screen import links as screen_links
from app.subscriptions import templates
from app.volunteers.consent import CONSENT_VERSION
from tests.factories import (
    auth_headers,
    checkin_token,
    event_body,
    grant,
    make_checkin,
    make_community,
    make_event,
    make_hours,
    make_id_number,
    make_member_unit,
    make_organiser,
    make_profile,
    make_registration,
    make_team,
    make_user,
    make_volunteer,
)
from tests.platform.authorisation_table import OWN_PERSONAS, OWN_TABLE, PERSONAS, TABLE, markdown
from tests.platform.front_door_builders import FRONT_DOOR_BUILDERS
from tests.platform.unit_builders import UNIT_BUILDERS
from tests.platform.export_builders import EXPORT_BUILDERS
from tests.platform.party_builders import PARTY_BUILDERS
from tests.platform.lecture_builders import LECTURE_BUILDERS, add_lectures
from tests.platform.patrol_builders import PATROL_BUILDERS, add_patrols
from tests.platform.hall_builders import HALL_BUILDERS
from tests.platform.quiz_builders import QUIZ_BUILDERS
from tests.platform.grid_builders import GRID_BUILDERS, add_a_work_order, mediation_of_a
from tests.platform.household_builders import HOUSEHOLD_BUILDERS, households_of_a

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "post", "put", "patch", "delete")
CALL_VALUES = {"thing1": "市民公益日：清理楼道小广告", "date2": "2026年12月13日", "thing3": "铭和社区党群服务中心",
               "name4": "王书记", "phone_number5": "0571-86000000"}


def spec_operations():
    paths = api.spec.to_dict()["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item if method in METHODS}


def test_every_operation_has_a_row_and_every_row_an_operation(app):
    operations = spec_operations()
    missing = sorted(operations - set(TABLE))
    stale = sorted(set(TABLE) - operations)
    assert not missing, f"operations without a row in tests/platform/authorisation_table.py: {missing}"
    assert not stale, f"rows for operations that no longer exist: {stale}"


def test_every_row_names_each_persona_once_and_a_known_request():
    for table, personas in ((TABLE, PERSONAS), (OWN_TABLE, OWN_PERSONAS)):
        for operation, entry in table.items():
            assert set(entry.outcomes) == set(personas), operation
            assert set(entry.outcomes.values()) <= {"allow", "login", "deny", "hide"}, operation
            assert entry.body in BUILDERS, f"{operation}: no request builder {entry.body!r}"
    assert set(OWN_TABLE) <= set(TABLE)


def test_the_published_page_is_the_table():
    page = (ROOT / "docs" / "authorisation.md").read_text(encoding="utf-8")
    assert page == markdown(), ("docs/authorisation.md is out of date: "
                                ".venv/bin/python scripts/authorisation_table.py > docs/authorisation.md")


# --- the world ------------------------------------------------------------------------------------------

@dataclass
class World:
    a: object
    b: object
    unit: object
    brigade: object
    squad: object
    other_squad: object
    people: dict
    applicant: object
    event: object
    record: object
    approved_record: object
    certificate: object
    notice: object
    grant_id: int
    signed: str
    need: object = None
    duty: object = None
    alliance: dict = field(default_factory=dict)
    whistle: object = None
    roundtable: object = None
    mediation: dict = field(default_factory=dict)
    work_order: object = None
    households: dict = field(default_factory=dict)

    def params(self):
        return {"event_id": self.event.id, "user_id": self.people["volunteer"].id, "record_id": self.record.id,
                "team_id": self.squad.id, "notice_id": self.notice.id, "grant_id": self.grant_id,
                "serial": self.certificate.serial, "signed": self.signed, "whistle_id": self.whistle.id,
                "roundtable_id": self.roundtable.id, "community_id": self.a.id, **self.alliance, **self.mediation,
                **self.households}


@contextmanager
def one_transaction():
    """The factories commit after every row; ~30 commits make half a second
    on a busy disk, times ~500 cases. Build in one transaction instead."""
    with mock.patch.object(db.session, "commit", db.session.flush):
        yield
    db.session.commit()


def build_world(operation=None):
    """The world for one case. The parts of the areas that only their own
    operations touch are built for those operations alone (``operation``
    None builds everything): building all of them for each of the ~2,200
    cases was most of this test's time."""
    path = operation.split(" ", 1)[1] if operation else None
    with one_transaction():
        world = _build_world()
        for prefixes, add in AREA_WORLDS:
            if path is None or path.startswith(prefixes):
                add(world)
    return world


def _build_world():
    a, b = make_community("七格社区"), make_community("杭铎社区")
    unit = make_member_unit("下沙中学", community=a)
    brigade = make_team("下沙大队", level="brigade", parent=make_team("下沙总队", level="corps"))
    squad = make_team("七格一中队", parent=brigade, community=a)
    other_squad = make_team("七格二中队", parent=brigade, community=a)
    admin = make_user(role="admin", name="街道管理员")
    organiser_in, organiser_out = make_organiser(a, name="七格组织者"), make_organiser(b, name="杭铎组织者")
    unit_contact = grant(make_user(name="下沙中学联络人"), roles.UNIT_CONTACT, unit)
    people = {
        "anonymous": None,
        "resident": make_user(community=a, name="七格居民"),
        "volunteer": make_volunteer(team=squad, community=a, name="七格志愿者"),
        "organiser_in": organiser_in,
        "organiser_out": organiser_out,
        "unit_contact": unit_contact,
        "admin": admin,
    }
    volunteer = people["volunteer"]
    applicant = make_volunteer(team=squad, community=a, status="pending", name="七格申请人")
    # Started an hour ago, ends in two: check-in is open now.
    event = make_event(kind="volunteer_activity", community=a, starts_in=-timedelta(hours=1),
                       duration=timedelta(hours=3))
    make_registration(event, volunteer)
    make_checkin(event, volunteer, "in", at=event.starts_at)
    make_checkin(event, volunteer, "out", at=event.starts_at + timedelta(minutes=50))
    (record,) = record_hours_from_checkins(event.id, volunteer.id)
    approved_record = make_hours(volunteer, community=a, hours=2, approver=admin)
    certificate = certificates.issue(volunteer, volunteer)
    template = templates.get("volunteer_call")
    notice = Notice(kind="manual", template_name=template.name, template_id=template.id, data=dict(CALL_VALUES),
                    audience={"kind": "community", "community_id": a.id, "label": "七格社区全体居民和志愿者"},
                    community_id=a.id, status="scheduled", send_at=utcnow() + timedelta(days=1),
                    created_by_id=organiser_in.id)
    db.session.add(notice)
    db.session.commit()
    grant_id = db.session.execute(db.select(RoleGrant.id).where(RoleGrant.user_id == organiser_out.id)).scalar_one()
    signed = projector.issue(event.id, "checkin", organiser_in.id).signed
    world = World(a, b, unit, brigade, squad, other_squad, people, applicant, event, record, approved_record,
                  certificate, notice, grant_id, signed)
    _add_a_need(world)
    world.whistle, world.roundtable = _alliance_of_a(a, unit, event, organiser_in)
    return world


def _add_mediation(world):
    world.mediation = mediation_of_a(world.a, world.squad, world.people["volunteer"], world.people["resident"],
                                     world.people["organiser_in"])


AREA_WORLDS = (
    (("/api/v1/lecturers", "/api/v1/courses", "/api/v1/course-", "/api/v1/learning-sessions"), add_lectures),
    (("/api/v1/grids", "/api/v1/patrols"), add_patrols),
    (("/api/v1/mediation", "/api/v1/consultations"), _add_mediation),
    (("/api/v1/households", "/api/v1/me/households", "/api/v1/contact-cards", "/api/v1/me/contact-card",
      "/api/v1/me/household-requests"), households_of_a),
    (("/api/v1/work-orders", "/api/v1/reports"), add_a_work_order),
)


def _add_a_need(world):
    """The resident's private need in community A, offered to the world's unit."""
    need = raise_need("resident", None, title="空调不制冷", kind="professional", service="家电维修",
                      community_id=world.a.id, raised_by=world.people["resident"], contact_phone="13911112222")
    duty = Duty(need_id=need.id, unit_id=world.unit.id, status="offered", dispatched_by_id=world.people["admin"].id,
                accept_by=utcnow() + timedelta(days=1), due_by=utcnow() + timedelta(days=3))
    db.session.add(duty)
    need.status = "dispatched"
    db.session.commit()
    world.need, world.duty = need, duty
    world.alliance.update(need_id=need.id, duty_id=duty.id, unit_id=world.unit.id)


def _alliance_of_a(a, unit, event, organiser):
    """Community A's open whistle to the unit (arrivals check in at the A
    event) and its held roundtable, where the unit owns a resolution."""
    whistle = Whistle(community_id=a.id, title="暴雨后积水清理", place="七格社区 3 号楼", status="open",
                      needed_by=utcnow() + timedelta(hours=3), units=[unit], event_id=event.id,
                      raised_by_id=organiser.id)
    roundtable = Roundtable(community_id=a.id, title="七格社区联盟圆桌会", held_at=utcnow() - timedelta(days=1),
                            status="held", created_by_id=organiser.id)
    roundtable.resolutions.append(RoundtableResolution(text="下沙中学牵头防汛志愿服务", owner_unit_id=unit.id))
    db.session.add_all([whistle, roundtable])
    db.session.commit()
    return whistle, roundtable


# --- a valid request per row ----------------------------------------------------------------------------
# Each builder returns the request's json / query and any path parameters other
# than the world's defaults. Bodies must be valid: a 422 would answer before
# the scope check and hide a leak (the test refuses validation_failed).

def _visited(wechat, actor):
    """msgSecCheck wants its author to have opened the mini-program lately."""
    if actor is not None:
        wechat.login_code(openid=actor.openid)


def _own_registration(w, actor, wechat):
    if actor is not None and actor.id != w.people["volunteer"].id:
        make_registration(w.event, actor)
    return {}


def _notice_to_a(w, actor, wechat):
    _visited(wechat, actor)
    return {"json": {"template_id": templates.get("volunteer_call").id, "values": dict(CALL_VALUES),
                     "audience": {"kind": "community", "community_id": w.a.id}}}


def _own_application(w, actor, wechat):
    """``actor`` applied to squad A themself; the application waits for review."""
    make_profile(actor, team=w.squad, community=w.a, status="pending")
    return {"json": {"decision": "approve"}, "path": {"user_id": actor.id}}


def _own_record(w, actor, checked_out=True, approved_by=None):
    """``actor`` served at the A event themself: their record of it."""
    make_checkin(w.event, actor, "in", at=w.event.starts_at)
    if checked_out:
        make_checkin(w.event, actor, "out", at=w.event.starts_at + timedelta(minutes=50))
    (record,) = record_hours_from_checkins(w.event.id, actor.id)
    if approved_by is not None:
        approve(approved_by, [record])
    return {"record_id": record.id}


def _upload_image(w, actor, wechat):
    from tests.files.conftest import image_bytes

    return {"query": {"purpose": "need_photo"}, "data": {"file": (BytesIO(image_bytes()), "photo.jpg")}}


def _signed_file(w, actor, wechat):
    """A photo the volunteer uploaded, through a URL signed for whoever was given it."""
    from urllib.parse import parse_qs, urlsplit

    from app.files import service
    from tests.files.conftest import image_bytes

    url = service.present(service.store_upload(w.people["volunteer"], image_bytes(), "need_photo"))["url"]
    parts = urlsplit(url)
    return {"path": {"key": parts.path.split("/api/v1/files/", 1)[1]},
            "query": {k: v[0] for k, v in parse_qs(parts.query).items()}}


def _push_signed(**query):
    from flask import current_app

    from app.wechat.push_routes import push_signature

    timestamp, nonce = "1764661234", "424242"
    return {"signature": push_signature(current_app.config["WECHAT_PUSH_TOKEN"], timestamp, nonce),
            "timestamp": timestamp, "nonce": nonce, **query}


def _someone_else(w, actor):
    return w.people["admin"] if actor.id != w.people["admin"].id else w.people["organiser_in"]


BUILDERS = {
    "none": lambda w, actor, wechat: {},
    "empty": lambda w, actor, wechat: {"json": {}},
    "none_json": lambda w, actor, wechat: {"json": {}},
    "login_code": lambda w, actor, wechat: {"json": {"code": wechat.login_code(
        openid=actor.openid if actor else None)}},
    "phone_code": lambda w, actor, wechat: {"json": {"code": wechat.phone_code(
        "13912345678", openid=actor.openid if actor else None)}},
    "rename": lambda w, actor, wechat: {"json": {"name": "新的名字"}},
    "console_nonce": lambda w, actor, wechat: {"json": {"nonce": console_login.new_nonce("127.0.0.1", "")["nonce"]}},
    "confirm": lambda w, actor, wechat: {"json": {"confirm": True}},
    "subscription_answers": lambda w, actor, wechat: {"json": {
        "results": {templates.get("volunteer_call").id: "accept"}}},
    "grant_request": lambda w, actor, wechat: {"json": {
        "user_id": w.people["resident"].id, "role": roles.ORGANISER, "scope_kind": roles.COMMUNITY,
        "scope_id": w.a.id}},
    "event_in_a": lambda w, actor, wechat: {"json": event_body(host_community_id=w.a.id)},
    "event_change": lambda w, actor, wechat: {"json": {"title": "七格社区清扫活动（改期）"}},
    "cancel_reason": lambda w, actor, wechat: {"json": {"reason": "天气原因取消"}},
    "own_registration": _own_registration,
    "scan": lambda w, actor, wechat: {"json": {"token": checkin_token(w.event), "event_id": w.event.id}},
    "manual_checkin": lambda w, actor, wechat: {"json": {"user_id": w.people["resident"].id, "direction": "in"}},
    "qrcode_json": lambda w, actor, wechat: {"query": {"format": "json"}},
    "purpose": lambda w, actor, wechat: {"json": {"purpose": "checkin"}},
    "purpose_query": lambda w, actor, wechat: {"query": {"purpose": "checkin"}},
    "squad_in_a": lambda w, actor, wechat: {"json": {"name": "七格三中队", "level": "squad",
                                                     "parent_id": w.brigade.id, "community_id": w.a.id}},
    "application": lambda w, actor, wechat: {"json": {
        "real_name": "王小明", "phone": "13912345678", "id_number": make_id_number(), "community_id": w.a.id,
        "team_id": w.squad.id, "consent_agreed": True, "consent_version": CONSENT_VERSION}},
    "move": lambda w, actor, wechat: {"json": {"team_id": w.other_squad.id}},
    "review": lambda w, actor, wechat: {"json": {"decision": "approve"}, "path": {"user_id": w.applicant.id}},
    "record_ids": lambda w, actor, wechat: {"json": {"record_ids": [w.record.id]}},
    "bulk_approve": lambda w, actor, wechat: {"json": {"action": "approve", "record_ids": [w.record.id]}},
    "reason": lambda w, actor, wechat: {"json": {"reason": "未按要求到岗"}},
    "settle": lambda w, actor, wechat: {"json": {"reason": "忘记签退", "refuse": True}},
    "correction": lambda w, actor, wechat: {"json": {"hours": 1.5, "reason": "提前离开"},
                                            "path": {"record_id": w.approved_record.id}},
    "by_squad": lambda w, actor, wechat: {"query": {"by": "squad"}},
    "this_year": lambda w, actor, wechat: {"query": {"from": f"{date.today().year}-01-01",
                                                     "to": f"{date.today().year}-12-31"}},
    "notice_to_a": _notice_to_a,
    "need_in_a": lambda w, actor, wechat: {"json": {"title": "楼道灯坏了", "kind": "professional",
                                                    "service": "电路维修", "community_id": w.a.id}},
    "dispatch_unit": lambda w, actor, wechat: {"json": {"unit_ids": [w.unit.id]}},
    "claim_unit": lambda w, actor, wechat: {"json": {"unit_id": w.unit.id}},
    "progress_note": lambda w, actor, wechat: {"json": {"note": "已联系居民，明天上门"}},
    "rating": lambda w, actor, wechat: {"json": {"rating": 5, "comment": "很及时"}},
    "whistle_in_a": lambda w, actor, wechat: {"json": {
        "community_id": w.a.id, "title": "暴雨后积水清理", "place": "七格社区 3 号楼",
        "needed_by": (utcnow() + timedelta(hours=3)).isoformat(), "unit_ids": [w.unit.id]}},
    "report_for_unit": lambda w, actor, wechat: {"json": {"unit_id": w.unit.id, "people_count": 5}},
    "summary": lambda w, actor, wechat: {"json": {"summary": "积水已排净"}},
    "roundtable_in_a": lambda w, actor, wechat: {"json": {
        "community_id": w.a.id, "title": "七格社区联盟圆桌会", "held_at": (utcnow() + timedelta(days=2)).isoformat()}},
    "minutes": lambda w, actor, wechat: {"json": {"minutes": "会议讨论了防汛准备。"}},
    "agenda_item": lambda w, actor, wechat: {"json": {"whistle_id": w.whistle.id}},
    "resolution": lambda w, actor, wechat: {"json": {"text": "下沙中学负责沙袋储备", "owner_unit_id": w.unit.id}},
    "screen_label": lambda w, actor, wechat: {"json": {"label": "街道大厅"}},
    "screen_link": lambda w, actor, wechat: {"path": {"link_id": screen_links.create(w.people["admin"], "大厅")[0].id}},
    # OWN_TABLE: the actor's own application or record
    "review_own": _own_application,
    "own_record": lambda w, actor, wechat: {"path": _own_record(w, actor)},
    "own_record_reject": lambda w, actor, wechat: {"json": {"reason": "未按要求到岗"}, "path": _own_record(w, actor)},
    "own_record_settle": lambda w, actor, wechat: {"json": {"reason": "忘记签退", "refuse": True},
                                                   "path": _own_record(w, actor, checked_out=False)},
    "own_record_correct": lambda w, actor, wechat: {
        "json": {"hours": 0.5, "reason": "提前离开"},
        "path": _own_record(w, actor, approved_by=_someone_else(w, actor))},
    "upload_image": _upload_image,
    "signed_file": _signed_file,
    "push_echo": lambda w, actor, wechat: {"query": _push_signed(echostr="5512345")},
    "push_event": lambda w, actor, wechat: {"query": _push_signed(), "json": {
        "MsgType": "event", "Event": "wxa_media_check", "trace_id": "unknown-trace", "errcode": 0,
        "result": {"suggest": "pass", "label": 100}}},
    **UNIT_BUILDERS,
    **EXPORT_BUILDERS,
    **FRONT_DOOR_BUILDERS,
    **PARTY_BUILDERS,
    **LECTURE_BUILDERS,
    **PATROL_BUILDERS,
    **HALL_BUILDERS,
    **QUIZ_BUILDERS,
    **HOUSEHOLD_BUILDERS,
    **GRID_BUILDERS,
}


# --- classing an answer ---------------------------------------------------------------------------------

def outcome_of(status, path_template):
    """401 login, 403 deny; a 404 on an operation naming an object hides it.
    A 404 about oneself (no object in the path: "you never applied") is an answer."""
    if status == 401:
        return "login"
    if status == 403:
        return "deny"
    if status == 404 and "{" in path_template:
        return "hide"
    return "allow"


# Lists must show exactly what the detail would: the world's object is listed
# to a persona if and only if its detail operation allows that persona.
def _names_in_workbook(response):
    sheet = load_workbook(BytesIO(response.data), read_only=True).active
    return {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}


LISTS = {
    "GET /api/v1/volunteers": (lambda r: {v["user_id"] for v in r.get_json()},
                               lambda w: w.people["volunteer"].id, "GET /api/v1/volunteers/{user_id}"),
    "GET /api/v1/notices": (lambda r: {n["id"] for n in r.get_json()},
                            lambda w: w.notice.id, "GET /api/v1/notices/{notice_id}"),
    "GET /api/v1/whistles": (lambda r: {x["id"] for x in r.get_json()["items"]},
                             lambda w: w.whistle.id, "GET /api/v1/whistles/{whistle_id}"),
    "GET /api/v1/roundtables": (lambda r: {x["id"] for x in r.get_json()["items"]},
                                lambda w: w.roundtable.id, "GET /api/v1/roundtables/{roundtable_id}"),
    "GET /api/v1/hours/leaderboard": (lambda r: {row["id"] for row in r.get_json()["rows"]},
                                      lambda w: w.squad.id, "GET /api/v1/hours/teams/{team_id}"),
    # The volunteer's approved hours were served at an event of community A.
    "GET /api/v1/needs": (lambda r: {n["id"] for n in r.get_json()["items"]}, lambda w: w.need.id,
                          "GET /api/v1/needs/{need_id}"),
    "GET /api/v1/course-orders": (lambda r: {x["id"] for x in r.get_json()["items"]}, lambda w: w.alliance["order_id"],
                                  "GET /api/v1/course-orders/{order_id}"),
    "GET /api/v1/grids": (lambda r: {g["id"] for g in r.get_json()["items"]}, lambda w: w.alliance["grid_id"],
                          "GET /api/v1/grids/{grid_id}"),
    "GET /api/v1/patrols": (lambda r: {p["id"] for p in r.get_json()["items"]}, lambda w: w.alliance["patrol_id"],
                            "GET /api/v1/patrols/{patrol_id}"),
    "GET /api/v1/patrols/teams": (lambda r: {t["id"] for t in r.get_json()}, lambda w: w.alliance["patrol_team_id"],
                                  "GET /api/v1/patrols/teams/{patrol_team_id}"),
    "GET /api/v1/mediation/cases": (lambda r: {x["id"] for x in r.get_json()["items"]},
                                     lambda w: w.mediation["case_id"], "GET /api/v1/mediation/cases/{case_id}"),
    "GET /api/v1/consultations": (lambda r: {x["id"] for x in r.get_json()["items"]},
                                  lambda w: w.mediation["topic_id"], "GET /api/v1/consultations/{topic_id}"),
    "GET /api/v1/work-orders": (lambda r: {o["id"] for o in r.get_json()["items"]}, lambda w: w.work_order.id,
                                "GET /api/v1/work-orders/{work_order_id}"),
    "GET /api/v1/households": (lambda r: {x["id"] for x in r.get_json()["items"]},
                               lambda w: w.households["household_id"], "GET /api/v1/households/{household_id}"),
    "GET /api/v1/hours/export.xlsx": (_names_in_workbook, lambda w: w.people["volunteer"].name,
                                      "GET /api/v1/hours/events/{event_id}/records"),
}

CASES = [(operation, persona) for operation in TABLE for persona in PERSONAS]


# Answers about the request itself, given before any scope check runs.
BODY_REFUSALS = ("validation_failed", "body_required", "unsupported_media_type", "json_invalid", "json_too_deep")


def call(client, wechat_control, world, operation, persona, builder):
    """Send ``operation`` as ``persona`` with the builder's valid request; the
    response and a one-line account of it."""
    actor = world.people[persona]
    request = BUILDERS[builder](world, actor, wechat_control)
    template = operation.split(" ", 1)[1]
    path = template.format(**{**world.params(), **request.get("path", {})})
    headers = auth_headers(actor) if actor is not None else {}
    body = {"data": request["data"], "content_type": "multipart/form-data"} if "data" in request \
        else {"json": request.get("json")}
    response = client.open(path, method=operation.split(" ", 1)[0], query_string=request.get("query"),
                           headers=headers, **body)
    answer = response.get_json(silent=True) if response.is_json else None
    shown = f"{operation} as {persona}: {response.status_code} {str(answer)[:300]}"
    assert response.status_code < 500, shown
    code = answer.get("error", {}).get("code") if isinstance(answer, dict) else None
    assert code not in BODY_REFUSALS, f"the test's request is invalid, so no scope check ran: {shown}"
    return response, outcome_of(response.status_code, template), code, shown


@pytest.mark.parametrize(("operation", "persona"), CASES, ids=[f"{o} as {p}" for o, p in CASES])
def test_the_answer_is_the_tables(client, wechat_control, operation, persona):
    world = build_world(operation)
    entry = TABLE[operation]
    response, outcome, _, shown = call(client, wechat_control, world, operation, persona, entry.body)
    assert outcome == entry.outcomes[persona], shown

    if operation in LISTS and response.status_code == 200:
        listed, wanted, detail = LISTS[operation]
        expected = TABLE[detail].outcomes[persona] == "allow"
        assert (wanted(world) in listed(response)) == expected, f"the list and {detail} disagree: {shown}"


OWN_CASES = [(operation, persona) for operation in OWN_TABLE for persona in OWN_PERSONAS]


@pytest.mark.parametrize(("operation", "persona"), OWN_CASES, ids=[f"{o} as {p}, own" for o, p in OWN_CASES])
def test_nobody_vouches_for_themself(client, wechat_control, operation, persona):
    world = build_world()
    entry = OWN_TABLE[operation]
    _, outcome, code, shown = call(client, wechat_control, world, operation, persona, entry.body)
    assert outcome == entry.outcomes[persona], shown
    if outcome == "deny":  # for being one's own, not for a scope the world did not give
        assert code in ("own_record", "own_application"), shown
