"""schemathesis against the live app (a real HTTP server on a free port), signed in with a
personal access token: every operation of the OpenAPI document, at least EXAMPLES generated
requests each, valid and invalid ones; no server error, every answer as the document says.

`API_OPERATIONS=<regex>` narrows a run to the operations whose label ("GET /api/v1/skills")
matches, while one is being written; the suite runs them all.
"""

import os
import re
from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from marketplace import create_app
from marketplace.accounts import access_tokens
from marketplace.extensions import db
from tests.servers import serving

EXAMPLES = 50
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def live_server(app_config, market):
    """The app on a free port, on the test's database (with the market in it)."""
    with serving(create_app({**app_config, "TESTING": False})) as base:
        yield base


@pytest.fixture
def signed_in_session(app, market, live_server):
    """An HTTP session sending my read-write token."""
    _, secret = access_tokens.create_token(market.me, "schemathesis", "write")
    db.session.commit()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {secret}"
    yield session
    session.close()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_the_document(live_server, signed_in_session, mode):
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/matches", "/api/v1/members"}
    wanted = re.compile(os.environ.get("API_OPERATIONS", ""))
    operations = [op for op in operations if wanted.search(op.label)]
    sent, statuses = Counter(), Counter()
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            response = case.call(session=signed_in_session, timeout=30)
            case.validate_response(response, checks=CHECKS)
            sent[operation.label] += 1
            statuses[response.status_code] += 1

        check()
    print(f"\nschemathesis ({mode}): {dict(sent)}; statuses {dict(statuses)}")
    assert len(sent) == len(operations)
    assert all(count >= EXAMPLES for count in sent.values()), sent
