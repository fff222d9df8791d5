"""Authorization-matrix rows of the API's programmes operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles).

Each operation answers as the programme's page answers the same member: its manager's
operations are a 404 for everyone else; the programme is read by its manager, its
participants (owner, other) and the members it admits (juniors, executives). Where the page
redirects after success the API says 200 (201 for what it creates, 204 for a forbidden pair,
which is gone); a state the page refuses is a 409 (the page's apply form says 422 next to the
role for those already in: the API says 409, the service's conflict).
"""

from tests.test_authorization_matrix import Case

#   anonymous, owner, other, stranger, mentor, seated, waitlisted, removed, manager
SIGNED_IN = (401,) + (200,) * 8
MANAGER_SEES = (401, 404, 404, 404, 404, 404, 404, 404, 200)
MANAGER_CREATES = (401, 404, 404, 404, 404, 404, 404, 404, 201)
MANAGER_FORBIDS = (401, 404, 404, 404, 404, 404, 404, 404, 204)
MANAGER_REFUSED = (401, 404, 404, 404, 404, 404, 404, 404, 409)  # allowed, but not in this state
ELIGIBLE_SEE = (401, 200, 200, 404, 404, 200, 200, 200, 200)
APPLICANTS = (401, 200, 200, 404, 404, 404, 404, 404, 404)  # the two who answered it
# Juniors may apply (seated, waitlisted, removed); the owner and the other are in already; the
# stranger, the mentor and the manager may not read the programme.
APPLY = (401, 409, 409, 404, 404, 201, 201, 201, 404)

PROGRAMME = {"name": "Juniors mentor executives", "description": "Reverse mentoring.", "objectives": ["Learn", "Share"],
             "kind": "reverse", "enrolment_closes_on": "{closes}", "starts_on": "{starts}", "ends_on": "{ends}",
             "open_to_applications": True, "frequency": "fortnightly", "planned_meetings": 6, "meeting_minutes": 45,
             "channel": "video", "ground_rules": "Be kind.", "departments": ["Operations"],
             "seniorities": ["junior", "executive"], "languages": ["fr"], "mentor_capacity": 2,
             "language_rule": "required", "department_rule": "preferred", "timezone_rule": "any"}
# The programme's own settings, saved again (its kind cannot change once a pair is published).
PROGRAMME_EDIT = {**PROGRAMME, "kind": "classic"}
APPLICATION = {"role": "mentee", "objectives": "Negotiate my first contract", "brings": [],
               "seeks": ["Negotiation with suppliers"], "availability": "Tuesday mornings", "avoid": [],
               "capacity": None}
INVITATIONS = {"invitations": [{"email": "invited-later@example.org", "role": "mentee"},
                               {"email": "stranger@example.org", "role": "mentor"}]}
PROGRAMME_URL = "/api/v1/programmes/{programme}"

ROWS = {
    ("programmes_api.programmes", "GET"): Case("/api/v1/programmes", SIGNED_IN),
    ("programme_managers_api.create", "POST"): Case("/api/v1/programmes", MANAGER_CREATES, json=PROGRAMME),
    ("programme_managers_api.grant_manager", "POST"): Case("/api/v1/programmes/managers", MANAGER_SEES,
                                                           json={"email": "filler@example.org"}),
    ("programmes_api.programme", "GET"): Case(PROGRAMME_URL, ELIGIBLE_SEE),
    ("programme_managers_api.replace", "PUT"): Case(PROGRAMME_URL, MANAGER_SEES, json=PROGRAMME_EDIT),
    ("programme_managers_api.change", "PATCH"): (
        Case(PROGRAMME_URL, MANAGER_SEES, json={"ground_rules": "On time.", "open_to_applications": False},
             label="settings"),
        Case(PROGRAMME_URL, MANAGER_REFUSED, json={"kind": "peer"}, label="kind of a published programme")),
    ("programmes_api.apply", "POST"): Case(PROGRAMME_URL + "/apply", APPLY, json={"role": "mentee"}),
    ("programmes_api.application", "GET"): Case(PROGRAMME_URL + "/application", APPLICANTS),
    ("programmes_api.answer", "PUT"): Case(PROGRAMME_URL + "/application", APPLICANTS, json=APPLICATION),
    ("programmes_api.change_answers", "PATCH"): Case(PROGRAMME_URL + "/application", APPLICANTS,
                                                     json={"availability": "Thursday afternoons"}),
    ("programme_managers_api.participants", "GET"): Case(PROGRAMME_URL + "/participants?page=1", MANAGER_SEES),
    ("programme_managers_api.invite", "POST"): Case(PROGRAMME_URL + "/invitations", MANAGER_SEES, json=INVITATIONS),
    ("programme_managers_api.remind", "POST"): Case(PROGRAMME_URL + "/remind", MANAGER_SEES),
    ("programme_managers_api.remove", "POST"): Case(PROGRAMME_URL + "/participants/{participant}/remove", MANAGER_SEES),
    ("programme_managers_api.matching", "GET"): Case(PROGRAMME_URL + "/matching", MANAGER_SEES),
    ("programme_managers_api.run_matching", "POST"): Case(PROGRAMME_URL + "/matching/run", MANAGER_SEES),
    ("programme_managers_api.lock_pair", "POST"): (
        Case(PROGRAMME_URL + "/pairs/{pair}/lock", MANAGER_SEES, label="proposed pair"),
        Case(PROGRAMME_URL + "/pairs/{published_pair}/lock", MANAGER_REFUSED, label="published pair")),
    ("programme_managers_api.unlock_pair", "POST"): (
        Case(PROGRAMME_URL + "/pairs/{locked_pair}/unlock", MANAGER_SEES, label="locked pair"),
        Case(PROGRAMME_URL + "/pairs/{published_pair}/unlock", MANAGER_REFUSED, label="published pair")),
    ("programme_managers_api.forbid_pair", "POST"): (
        Case(PROGRAMME_URL + "/pairs/{pair}/forbid", MANAGER_FORBIDS, label="proposed pair"),
        Case(PROGRAMME_URL + "/pairs/{published_pair}/forbid", MANAGER_REFUSED, label="published pair")),
    ("programme_managers_api.swap", "POST"): (
        Case(PROGRAMME_URL + "/swap", MANAGER_SEES, json={"first": "{pair}", "second": "{locked_pair}"},
             label="waiting pairs"),
        Case(PROGRAMME_URL + "/swap", MANAGER_REFUSED, json={"first": "{pair}", "second": "{published_pair}"},
             label="a published pair")),
    ("programme_managers_api.publish", "POST"): Case(PROGRAMME_URL + "/publish", MANAGER_SEES),
    ("programme_managers_api.dashboard", "GET"): Case(PROGRAMME_URL + "/dashboard", MANAGER_SEES),
    ("programme_managers_api.remind_pair", "POST"): (
        Case(PROGRAMME_URL + "/pairs/{published_pair}/remind", MANAGER_SEES, label="published pair"),
        Case(PROGRAMME_URL + "/pairs/{pair}/remind", MANAGER_REFUSED, label="unpublished pair")),
}
