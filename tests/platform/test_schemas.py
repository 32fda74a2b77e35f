"""One set of schema fields for every area (app/schemas.py): strict row ids,
one rule for free text, and validation messages in Chinese."""
import pytest
from marshmallow import ValidationError, fields, validate

from app.checkin.routes import SCAN_REQUEST
from app.extensions import db
from app.models import CheckIn, RoleGrant, User
from app.schemas import Id, Opaque, QueryId, Schema, Text, Url, is_chinese
from tests.factories import (auth_headers, make_community, make_event, make_hours, make_organiser, make_team,
                             make_user, make_volunteer)

NOT_IDS = (34.9, 34.0, True, "34", "", None, [34], {"id": 34})


# -- the fields themselves -------------------------------------------------------------------

class _Ids(Schema):
    one = Id()
    many = fields.List(Id())


class _QueryIds(Schema):
    one = QueryId()


@pytest.mark.parametrize("value", NOT_IDS + (0, -1, 2**31))
def test_an_id_is_a_whole_number_and_nothing_else(value):
    with pytest.raises(ValidationError) as refused:
        _Ids().load({"one": value})
    assert all(is_chinese(m) for m in refused.value.messages["one"])
    with pytest.raises(ValidationError):
        _Ids().load({"many": [1, value]})


def test_ids_that_are_whole_numbers_pass():
    assert _Ids().load({"one": 34, "many": [1, 2**31 - 1]}) == {"one": 34, "many": [1, 2**31 - 1]}


@pytest.mark.parametrize("value", ["34.9", "34.0", "+3", " 3", "3 ", "0x1f", "true", "", "0"])
def test_a_query_id_is_plain_digits(value):
    with pytest.raises(ValidationError):
        _QueryIds().load({"one": value})
    assert _QueryIds().load({"one": "34"}) == {"one": 34}


class _Texts(Schema):
    name = Text(validate=validate.Length(min=1, max=8))


@pytest.mark.parametrize("value", ["张\x00三", "张\x07三", "\x1b[31m红", "a\x7fb", "a\x0bb", "x\x0cy"])
def test_text_refuses_control_characters(value):
    with pytest.raises(ValidationError) as refused:
        _Texts().load({"name": value})
    assert refused.value.messages == {"name": ["不能包含控制字符"]}


def test_text_is_trimmed_before_its_length_is_judged():
    assert _Texts().load({"name": "  张三\n"}) == {"name": "张三"}
    assert _Texts().load({"name": "多行\n文字\t可以"}) == {"name": "多行\n文字\t可以"}
    with pytest.raises(ValidationError) as refused:
        _Texts().load({"name": "   "})
    assert refused.value.messages == {"name": ["长度须在 1 到 8 之间"]}


# -- every schema an endpoint reads uses them ---------------------------------------------

def _input_schemas(app):
    schemas = {"checkin.scan": SCAN_REQUEST}
    for endpoint, view in app.view_functions.items():
        for parameter in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
            if isinstance(parameter, dict) and parameter.get("in") in ("json", "query"):
                schema = parameter["schema"]
                schemas[f"{endpoint} ({parameter['in']})"] = schema() if isinstance(schema, type) else schema
    return schemas


def _walk(name, field, problems, where):
    label = f"{where}.{name}"
    for key, message in field.error_messages.items():
        if not is_chinese(message):
            problems.append(f"{label}: message {key!r} is English: {message!r}")
    for validator in field.validators:
        # Length and Range use their message_* only when no error= was given.
        own = ("error",) if getattr(validator, "error", None) else ("message_min", "message_max", "message_all",
                                                                      "message_equal")
        for attr in own:
            message = getattr(validator, attr, None)
            if message is not None and not is_chinese(message):
                problems.append(f"{label}: {type(validator).__name__}.{attr} is English: {message!r}")
    if isinstance(field, fields.String) and not isinstance(field, (Text, Url, Opaque)):
        problems.append(f"{label}: a plain String (use app.schemas.Text or Url, or Opaque for codes)")
    looks_like_id = name == "id" or name.endswith("_id") or name.endswith("_ids")
    if isinstance(field, fields.Integer) and looks_like_id and not isinstance(field, Id):
        problems.append(f"{label}: an id that is not app.schemas.Id")
    if isinstance(field, fields.Float) and looks_like_id:
        problems.append(f"{label}: an id that is a Float")
    for inner in (getattr(field, "inner", None), getattr(field, "key_field", None), getattr(field, "value_field", None)):
        if isinstance(inner, fields.Field):
            _walk(name, inner, problems, where)
    if isinstance(field, fields.Nested):
        _walk_schema(field.schema, problems, label)


def _walk_schema(schema, problems, where):
    if not isinstance(schema, Schema):
        problems.append(f"{where}: {type(schema).__name__} is not based on app.schemas.Schema")
    for key, message in schema.error_messages.items():
        if not is_chinese(message):
            problems.append(f"{where}: schema message {key!r} is English")
    for name, field in schema.load_fields.items():
        _walk(name, field, problems, where)


def test_every_input_schema_uses_the_shared_fields(app):
    schemas = _input_schemas(app)
    assert len(schemas) >= 40
    problems = []
    for where, schema in sorted(schemas.items()):
        _walk_schema(schema, problems, where)
    assert problems == [], "\n".join(problems)


# -- through the API ------------------------------------------------------------------------

def _english_details(details, path="details"):
    """Every detail string that has no Chinese in it (field names are keys, not messages)."""
    if isinstance(details, dict):
        return [hit for key, value in details.items() for hit in _english_details(value, f"{path}.{key}")]
    if isinstance(details, list):
        return [hit for value in details for hit in _english_details(value, path)]
    if isinstance(details, str) and not is_chinese(details):
        return [f"{path}: {details!r}"]
    return []


def test_floats_booleans_and_strings_never_name_a_row(client):
    community = make_community()
    admin = make_user(role="admin")
    organiser = make_organiser(community)
    resident = make_user(community=community)
    event = make_event(community=community)
    record = make_hours(make_volunteer(community=community), community=community, approve=False)
    squad = make_team(community=community)
    cases = [
        (client.patch, "/api/v1/me", resident, lambda v: {"community_id": v}),
        (client.post, "/api/v1/admin/grants", admin, lambda v: {"user_id": v, "role": "organiser",
                                                               "scope_kind": "community", "scope_id": community.id}),
        (client.post, f"/api/v1/events/{event.id}/checkins", organiser, lambda v: {"user_id": v}),
        (client.post, "/api/v1/hours/records/approve", organiser, lambda v: {"record_ids": [v]}),
        (client.post, "/api/v1/notices/preview", admin, lambda v: {
            "template_id": "event_reminder", "values": {}, "audience": {"kind": "users", "user_ids": [v]}}),
        (client.post, "/api/v1/teams", admin, lambda v: {"name": "新中队", "level": "squad", "parent_id": squad.parent_id,
                                                         "community_id": v}),
    ]
    for send, url, who, body in cases:
        for value in (float(resident.id) + 0.9, float(resident.id), True, str(resident.id)):
            response = send(url, json=body(value), headers=auth_headers(who))
            assert response.status_code == 422, (url, value, response.get_json())
            assert response.get_json()["error"]["code"] == "validation_failed"
            assert _english_details(response.get_json()["error"]["details"]) == []
    assert db.session.execute(db.select(RoleGrant).where(RoleGrant.user_id == resident.id)).first() is None
    assert db.session.execute(db.select(CheckIn).where(CheckIn.user_id == resident.id)).first() is None
    assert db.session.get(User, resident.id).community_id == community.id


def test_control_characters_are_never_stored(client):
    community = make_community()
    organiser = make_organiser(community)
    event = make_event(community=community, starts_in=__import__("datetime").timedelta(minutes=5))
    user = make_user(name="原名")
    headers = auth_headers(user)
    for bad in ("张\x07三", "\x1b[2J", "名\x00字", "a\x7f"):
        response = client.patch("/api/v1/me", json={"name": bad}, headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["details"]["json"]["name"]
    checkins = f"/api/v1/events/{event.id}/checkins"
    for body in ({"phone": "13700001234", "name": "赵\x08奶奶"}, {"user_id": user.id, "note": "备注\x1b"}):
        response = client.post(checkins, json=body, headers=auth_headers(organiser))
        assert response.status_code == 422, response.get_json()
    assert db.session.get(User, user.id).name == "原名"
    assert db.session.execute(db.select(User).where(User.phone == "13700001234")).first() is None

    response = client.patch("/api/v1/me", json={"name": "  新名字 "}, headers=headers)
    assert (response.status_code, response.get_json()["name"]) == (200, "新名字")


def test_validation_details_are_chinese_on_every_area(client):
    community = make_community()
    admin = make_user(role="admin")
    organiser = make_organiser(community)
    resident = make_user(community=community)
    event = make_event(community=community)
    bad = [
        (client.patch, "/api/v1/me", resident, {"name": "x" * 40, "community_id": "a", "extra": 1}),
        (client.post, "/api/v1/auth/login", None, {"code": ""}),
        (client.post, "/api/v1/checkins", resident, {"token": "t", "scene": "s"}),
        (client.post, "/api/v1/checkins", resident, {"event_id": 1}),
        (client.post, f"/api/v1/events/{event.id}/checkins", organiser, {"phone": "12", "direction": "sideways"}),
        (client.post, f"/api/v1/events/{event.id}/checkins", organiser, {"user_id": 1, "name": "王"}),
        (client.post, "/api/v1/events", organiser, {"kind": "party", "title": "", "starts_at": "tomorrow"}),
        (client.post, "/api/v1/teams", admin, {"name": "", "level": "platoon"}),
        (client.post, "/api/v1/me/volunteer", resident, {"real_name": "", "skills": ["x" * 40] * 21}),
        (client.post, "/api/v1/hours/records/approve", organiser, {"record_ids": []}),
        (client.post, "/api/v1/hours/records/1/corrections", organiser, {"hours": 99, "reason": 5}),
        (client.post, "/api/v1/notices/preview", admin, {"template_id": "", "values": {"k": 1}, "audience": {"kind": "x"}}),
        (client.post, "/api/v1/subscriptions", resident, {"results": {"t": "maybe"}, "request_id": "1"}),
        (client.post, "/api/v1/me/close-account", resident, {"confirm": False}),
        (client.post, "/api/v1/admin/grants", admin, {"user_id": 0, "role": "mayor"}),
        (client.get, "/api/v1/events?limit=0&community=1.5", resident, None),
        (client.get, "/api/v1/volunteers?team_id=x&limit=1000", admin, None),
        (client.get, "/api/v1/hours/leaderboard?by=street", organiser, None),
    ]
    for send, url, who, body in bad:
        headers = auth_headers(who) if who else {}
        response = send(url, json=body, headers=headers) if body is not None else send(url, headers=headers)
        assert response.status_code == 422, (url, response.status_code, response.get_json())
        error = response.get_json()["error"]
        assert is_chinese(error["message"])
        assert error.get("details"), url
        assert _english_details(error["details"]) == [], url
