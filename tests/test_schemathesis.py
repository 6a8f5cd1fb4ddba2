"""Schemathesis generates requests from the OpenAPI document, valid ones and deliberately
wrong ones, and sends them to the app: no answer may be a server error or break the
document (status, media type, schema).

Bounded (a few dozen examples an operation, derandomised) so it runs in seconds.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services.interchange import openapi
from tests.accounts import add_account
from tests.conftest import build_app, make_token
from tests.helpers import bearer

OPERATIONS = [
    (path, method.upper()) for path, operations in openapi.paths().items() for method in operations
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# `make fuzz` raises this for a longer run (FUZZ_EXAMPLES=500).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 30))


@pytest.fixture
def api_app(tmp_path, seeded_template):
    # Schemathesis sends requests to "localhost", so no SERVER_NAME that would refuse them.
    app = build_app(tmp_path, seeded_template, SERVER_NAME=None)
    add_account(app, "editor")
    return app


@pytest.mark.slow
@pytest.mark.parametrize("path, method", OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_generated_requests_get_documented_answers(api_app, path, method):
    token = make_token(api_app, "editor", "write")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    operation = schema[path][method]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(operation.as_strategy(mode) for mode in GenerationMode))
    def check(case):
        # The WSGI transport does not decode gzip or brotli: ask for plain bodies.
        headers = {**bearer(token), "Accept-Encoding": "identity"}
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    check()
