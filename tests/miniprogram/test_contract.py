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
    response = app.test_client().get("/api/v1/openapi.json")
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
    if key not in ops:
        parent = openapi.normalise(endpoint["path"]).rsplit("/", 1)[0]
        nearby = sorted(f"{m} {p}" for (m, p) in ops if p.startswith(parent))
        pytest.fail(f"{name}: {endpoint['method']} {endpoint['path']} is not in the OpenAPI document "
                    f"(near it: {', '.join(nearby) or 'nothing'})")
    return endpoint, ops[key]


def query_problems(spec, endpoint, operation, path_level):
    params = openapi.query_parameters(spec, operation, path_level)
    sent = endpoint.get("query", [])
    problems = [f"query {field!r} is not a parameter (it has: {', '.join(sorted(params)) or 'none'})"
                for field in sent if field not in params]
    problems += [f"required query parameter {p!r} is never sent"
                 for p, d in params.items() if d.get("required") and p not in sent]
    return problems


def body_problems(spec, endpoint, operation):
    sent = endpoint.get("body", [])
    schema = openapi.json_request_schema(operation)
    if schema is None:
        return [f"sends {sent} but the operation takes no JSON body"] if sent else []
    problems = [f"body {field}: {p}" for field in sent if (p := openapi.field_problem(spec, schema, field))]
    top_level = {field.split(".")[0].replace("[]", "") for field in sent}
    required = openapi.resolve(spec, schema).get("required", [])
    problems += [f"the backend requires body field {field!r}, which is never sent"
                 for field in required if field not in top_level]
    return problems


def response_problems(spec, endpoint, operation):
    if endpoint.get("binary"):
        if not openapi.binary_content_types(spec, operation):
            return ["expects a file answer (PNG, PDF, ...) but no 2xx response documents a file content type"]
        return []
    reads = endpoint.get("reads", [])
    if not reads:
        return []
    schema = openapi.json_response_schema(spec, operation)
    if schema is None:
        return [f"reads {reads} but the operation documents no JSON answer"]
    return [f"reads {field}: {p}" for field in reads if (p := openapi.field_problem(spec, schema, field))]


def login_problems(endpoint, operation):
    if endpoint.get("auth") is False and openapi.needs_login_only(operation):
        return ["is sent without a token but the backend requires one"]
    return []


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_the_call_matches_the_backend(app, spec, ops, name):
    """Method and path exist; query and body fields are the operation's (all
    required ones sent); fields the pages read are in the answer; files are
    files; calls sent without a token are public."""
    endpoint, (_, operation, path_level) = operation_for(app, ops, name)
    problems = (query_problems(spec, endpoint, operation, path_level)
                + body_problems(spec, endpoint, operation)
                + response_problems(spec, endpoint, operation)
                + login_problems(endpoint, operation))
    assert not problems, f"{name} ({endpoint['method']} {endpoint['path']}):\n  " + "\n  ".join(problems)


def test_every_area_the_mini_program_names_is_a_known_blueprint_name():
    areas = {e["area"] for e in ENDPOINTS.values()}
    known = {"auth", "console_auth", "users", "events", "checkin", "attendance", "volunteers", "teams", "hours",
             "certificates", "subscriptions", "notices", "units", "needs", "files", "whistles", "households"}
    assert areas <= known, areas - known
