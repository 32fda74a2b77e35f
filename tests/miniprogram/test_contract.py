"""The mini-program's calls against the backend's OpenAPI document.

Every entry of miniprogram/utils/endpoints.js (read with ``node -e``) must be
an operation of /api/v1/openapi.json with the same method and path; every
field it sends must be a query parameter or request-body property of that
operation (and every required one must be sent); every response field the
pages read must be in the response schema. An entry whose backend area (its
blueprint) is not registered in this build is skipped, so the test is strict
exactly where the backend exists.
"""
import shutil

import pytest

from tests.miniprogram import openapi
from tests.miniprogram.node import node_json

ENDPOINTS = node_json("require('./utils/endpoints')") if shutil.which("node") else {}


@pytest.fixture(scope="module")
def spec(app):
    with app.test_client() as client:
        response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture(scope="module")
def ops(spec):
    return openapi.operations(spec)


def operation_for(app, ops, name):
    endpoint = ENDPOINTS[name]
    if endpoint["area"] not in app.blueprints:
        pytest.skip(f"the {endpoint['area']!r} area is not in this build")
    key = (endpoint["method"], openapi.normalise(endpoint["path"]))
    assert key in ops, (
        f"{name}: {endpoint['method']} {endpoint['path']} is not in the OpenAPI document; the "
        f"{endpoint['area']!r} area has: "
        + ", ".join(sorted(f"{m} {p}" for (m, p) in ops if p.startswith(openapi.normalise(endpoint['path']).rsplit('/', 1)[0])))
    )
    return endpoint, ops[key]


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_the_call_exists_with_its_method(app, ops, name):
    operation_for(app, ops, name)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_query_fields_are_parameters(app, spec, ops, name):
    endpoint, (_, operation, path_level) = operation_for(app, ops, name)
    params = openapi.query_parameters(spec, operation, path_level)
    sent = endpoint.get("query", [])
    unknown = [field for field in sent if field not in params]
    assert not unknown, f"{name}: query {unknown} not among {sorted(params)}"
    missing = [p for p, d in params.items() if d.get("required") and p not in sent]
    assert not missing, f"{name}: required query parameters {missing} are never sent"


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_body_fields_are_request_properties(app, spec, ops, name):
    endpoint, (_, operation, _) = operation_for(app, ops, name)
    sent = endpoint.get("body", [])
    schema = openapi.json_request_schema(operation)
    if schema is None:
        assert not sent, f"{name}: sends {sent} but the operation takes no JSON body"
        return
    problems = [f"{field}: {p}" for field in sent if (p := openapi.field_problem(spec, schema, field))]
    assert not problems, f"{name}: " + "; ".join(problems)
    top_level = {field.split(".")[0].replace("[]", "") for field in sent}
    required = openapi.resolve(spec, schema).get("required", [])
    missing = [field for field in required if field not in top_level]
    assert not missing, f"{name}: the backend requires {missing}, which the mini-program never sends"


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_response_fields_the_pages_read_exist(app, spec, ops, name):
    endpoint, (_, operation, _) = operation_for(app, ops, name)
    if endpoint.get("binary"):
        assert openapi.binary_content_types(spec, operation), f"{name}: expected a file answer (PNG, PDF, ...)"
        return
    reads = endpoint.get("reads", [])
    if not reads:
        return
    schema = openapi.json_response_schema(spec, operation)
    assert schema is not None, f"{name}: reads {reads} but the operation documents no JSON answer"
    problems = [f"{field}: {p}" for field in reads if (p := openapi.field_problem(spec, schema, field))]
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_calls_made_without_a_token_are_public(app, ops, name):
    endpoint, (_, operation, _) = operation_for(app, ops, name)
    if endpoint.get("auth") is False:
        assert not openapi.needs_login_only(operation), f"{name}: sent without a token but the backend requires one"


def test_every_area_the_mini_program_names_is_a_known_blueprint_name():
    areas = {e["area"] for e in ENDPOINTS.values()}
    known = {"auth", "users", "events", "checkin", "attendance", "volunteers", "teams", "hours", "certificates",
             "subscriptions", "notices"}
    assert areas <= known, areas - known
