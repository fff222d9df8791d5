"""schemathesis against the live app (a real HTTP server on a free port), on the authorization
matrix's world (exchanges at every stage, meetings, a cohort, a programme, circles): every
operation of the OpenAPI document, at least EXAMPLES generated requests each, valid and
invalid ones; no server error, every answer as the document says.

Random ids name nothing, so the requests take turns: as generated (with the owner's token),
then with every id in the path replaced by one the world holds, sent with the owner's token,
then the same with the programme manager's (whose operations those are). The writes change the
world as the run goes (an exchange cancelled stays cancelled): later requests meet 409s too.

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
from tests.servers import serving
from tests.test_authorization_matrix import TEST_CONFIG
from tests.test_authorization_matrix import database_url, world, world_template  # noqa: F401 (fixtures)

EXAMPLES = 50
CHECKS = [not_a_server_error, response_schema_conformance]
# The world's value for each path parameter (World.values() names), as its owner sees them.
KNOWN_IDS = {"exchange_id": "exchange", "meeting_id": "meeting", "objective_id": "objective", "cohort_id": "cohort",
             "notification_id": "owner_notification", "programme_id": "programme", "pair_id": "pair",
             "participant_id": "participant", "skill_id": "owner_skill", "token_id": "owner_api_token",
             "circle_id": "circle", "member_id": "seated_member"}
TURNS = ("generated", "owner", "manager")


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


@pytest.fixture
def live_server(app_config, world):
    """The app on a free port, on a copy of the world's database."""
    with serving(create_app({**app_config, "TESTING": False})) as base:
        yield base


@pytest.fixture
def http():
    session = requests.Session()
    yield session
    session.close()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_the_document(live_server, world, http, mode):
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 70
    wanted = re.compile(os.environ.get("API_OPERATIONS", ""))
    operations = [op for op in operations if wanted.search(op.label)]
    values = world.values("owner")
    tokens = {"generated": world.api_secrets["owner"], "owner": world.api_secrets["owner"],
              "manager": world.api_secrets["manager"]}
    sent, statuses = Counter(), Counter()
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            turn = TURNS[sent[operation.label] % len(TURNS)]
            if turn != "generated":
                for name in case.path_parameters or {}:
                    case.path_parameters[name] = values[KNOWN_IDS[name]]
            response = case.call(session=http, headers={"Authorization": f"Bearer {tokens[turn]}"}, timeout=30)
            case.validate_response(response, checks=CHECKS)
            sent[operation.label] += 1
            statuses[response.status_code] += 1

        check()
    print(f"\nschemathesis ({mode}): {len(sent)} operations, {sum(sent.values())} requests; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert len(sent) == len(operations)
    assert all(count >= EXAMPLES for count in sent.values()), sent
    assert statuses[200] + statuses[201] + statuses[204] > 0
