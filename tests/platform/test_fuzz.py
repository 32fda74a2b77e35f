"""A schemathesis pass over the OpenAPI document: whatever a client sends,
no operation answers 500, and every error has the project's shape.

The operations are driven one by one through Hypothesis (schemathesis's
pytest plugin does not load under pytest 9)."""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.factories import auth_headers, make_community, make_user

# FUZZ_EXAMPLES=300 ./scripts/test tests/platform/test_fuzz.py for a deeper pass by hand
EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "30"))


@pytest.fixture()
def admin_headers(ctx):
    make_community()
    # An admin reaches past authentication into every operation's own checks.
    return auth_headers(make_user(role="admin"))


def test_no_operation_answers_500(app, admin_headers):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):
            response = case.call(headers=admin_headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
            if response.status_code >= 400:
                error = response.json()["error"]
                assert error["code"] and error["message"]

        fuzz()
