"""Authorization-matrix rows of the API's exchanges operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles).

Each row answers as the page of the same name (exchange.*) does for the same member: 200
where the page redirects after a move, 201 for a new proposal, 401 without a token."""

from tests.test_authorization_matrix import FRAMEWORK, Case

#   anonymous, owner, other, stranger, mentor, seated, waitlisted, removed, manager
SIGNED_IN = (401,) + (200,) * 8
PARTICIPANTS_READ = (401, 200, 200, 404, 200, 200, 404, 404, 404)
RUNS_IT = (401, 200, 200, 404, 200, 403, 404, 404, 404)  # one-to-one: both; cohort: the mentor only
ANSWERS_PROPOSAL = (401, 409, 200, 404, 409, 409, 404, 404, 404)  # the proposal waits for the other
PROPOSAL = {"member": "{mentor}", "their_offer": "{mentor_offer}", "objectives": ["Learn to speak"], **FRAMEWORK}
COUNTER = {"objectives": ["Another objective"], "frequency": "monthly", "planned_meetings": 3,
           "meeting_minutes": 45, "channel": "video", "message": "What about this?"}

ROWS = {
    ("exchanges_api.exchanges", "GET"): Case("/api/v1/exchanges?section=active&page=1", SIGNED_IN),
    ("exchanges_api.exchange", "GET"): Case("/api/v1/exchanges/{exchange}", PARTICIPANTS_READ),
    # Anyone may propose to the mentor, except the mentor (the page's 404 for oneself).
    ("exchanges_api.propose", "POST"): Case("/api/v1/exchanges", (401, 201, 201, 201, 404, 201, 201, 201, 201),
                                            json=PROPOSAL),
    ("exchanges_api.accept", "POST"): Case("/api/v1/exchanges/{proposal}/accept", ANSWERS_PROPOSAL),
    ("exchanges_api.decline", "POST"): Case("/api/v1/exchanges/{proposal}/decline", ANSWERS_PROPOSAL,
                                            json={"reason": "No time"}),
    ("exchanges_api.withdraw", "POST"): Case("/api/v1/exchanges/{proposal}/withdraw",
                                             (401, 200, 409, 404, 409, 409, 404, 404, 404)),
    ("exchanges_api.counter", "POST"): Case("/api/v1/exchanges/{proposal}/counter", ANSWERS_PROPOSAL, json=COUNTER),
    ("exchanges_api.complete", "POST"): Case("/api/v1/exchanges/{exchange}/complete", RUNS_IT),
    ("exchanges_api.cancel", "POST"): Case("/api/v1/exchanges/{exchange}/cancel", RUNS_IT,
                                           json={"reason": "Moving on"}),
    ("exchanges_api.objective", "PATCH"): Case("/api/v1/exchanges/{exchange}/objectives/{objective}", RUNS_IT,
                                               json={"status": "done"}),
}
