"""Hostile and clumsy input on every form and query string: never a server error.

Every POST route of the URL map is listed in FORMS with who submits it and a valid body; the
form class is discovered by submitting that body, and each of its fields then receives each
value of BAD_VALUES while the other fields stay valid. Refusals are a 4xx with a message next
to the field (pages with a form) or in the flash (buttons on the exchange page), and leave the
database as it was. GET routes that read the query string are listed in QUERIES and receive
the same values in each argument.

Values that only a route's own rules refuse (programme dates in the wrong order, a list of
invitations too long, a pair that cannot be swapped...) are listed in ROUTE_VALUES with the
answer expected, each sent to a new world; paths naming ids too big for the database are a 404.

Cases the code does not handle yet are listed in PENDING with who fixes them; they fail
strictly as soon as they pass (remove them then).
"""

import inspect
import io
import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from wtforms import (
    BooleanField, Form, DateField, DateTimeLocalField, FileField, IntegerField, RadioField, SelectField,
    SelectMultipleField, TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import PASSWORD
from marketplace.programmes.models import INVITATION_FILE_BYTES, MAX_INVITATIONS, Participant
from tests.test_authorization_matrix import (
    APPLICATION, COHORT, COUNTER, EVALUATION, INVITATION_SIGNUP, INVITATIONS, MEETING, NEW_PASSWORD, PROFILE,
    PROGRAMME, PROGRAMME_EDIT, PROPOSAL, SKILL, TEST_CONFIG, sign_in, snapshot,
)
from tests.test_authorization_matrix import database_url, world, world_template  # noqa: F401 (fixtures)

# (label, value). A list is sent as repeated values of the field.
BAD_VALUES = [
    ("empty", ""),
    ("100k characters", "x" * 100_000),
    ("NUL", "a\x00b"),
    ("C0 and C1 controls", "a\x01\x1b[2J\x7f\x9b"),
    ("CR LF", "a\r\nBcc: all@example.org"),
    ("emoji", "Café 🎉👩‍💻"),
    ("RTL override", "\u202egnp.exe\u202c"),
    ("year 1", "0001-01-01T10:00"),
    ("year 9999", "9999-12-31T23:59"),
    ("date in year 1", "0001-01-01"),
    ("date in year 9999", "9999-12-31"),
    ("DST gap in Paris", "2026-03-29T02:30"),
    ("no such time zone", "Mars/Olympus_Mons"),
    ("huge id", str(2**63)),
    ("5,000 digits", "1" * 5000),  # int() refuses strings past 4,300 digits
    ("text for a number", "twelve"),
    ("list for a scalar", ["{valid}", "second"]),
]
TEXT_KINDS = ("text", "multiline")
CHOICE_KINDS = ("select", "multiselect", "radio")


@dataclass(frozen=True)
class Target:
    """Who submits the form, where, and a valid body (filled in with World.values)."""

    role: str
    url: str
    data: dict
    page: bool = True  # the form is shown again with its errors (else: the exchange page's flash)
    may_record: tuple = ()  # tables a refusal may still write to


FORMS = {
    "accounts.signup": Target("anonymous", "/signup", {
        "display_name": "Newcomer", "email": "newcomer@example.org", "seniority": "mid",
        "timezone": "Europe/Paris"}),
    # A failed sign-in is counted (to slow down guessing), refused or not.
    "accounts.login": Target("anonymous", "/login", {"email": "owner@example.org", "password": PASSWORD},
                             may_record=("login_throttles",)),
    "accounts.logout": Target("owner", "/logout", {}),
    "accounts.confirm_signup": Target("anonymous", "/signup/confirm/{signup_token}", NEW_PASSWORD),
    "passwords.change": Target("owner", "/password", {"current": PASSWORD, **NEW_PASSWORD}),
    "passwords.request_reset": Target("anonymous", "/password/reset", {"email": "owner@example.org"}),
    "passwords.reset": Target("anonymous", "/password/reset/{reset_token}", NEW_PASSWORD),
    "passwords.sign_out_everywhere": Target("owner", "/signout-everywhere", {"tokens": "y"}),
    "tokens.index": Target("owner", "/profile/tokens", {"name": "Intranet bot", "scope": "read"}),
    "tokens.revoke": Target("owner", "/profile/tokens/{owner_api_token}/revoke", {}),
    "notifications.open_": Target("owner", "/notifications/{owner_notification}/open", {}),
    "accounts.switch_language": Target("owner", "/language", {"locale": "fr", "next": "/members"}, page=False),
    "accounts.edit_profile": Target("owner", "/profile/edit", PROFILE),
    "skills.new_skill": Target("owner", "/skills/new/learn", SKILL),
    "skills.edit_skill": Target("owner", "/skills/{owner_skill}/edit", SKILL),
    "skills.delete_skill": Target("owner", "/skills/{owner_skill}/delete", {}),
    "skills.dismiss_match": Target("owner", "/matches/dismiss", {"mine": "{owner_need}", "theirs": "{mentor_offer}"},
                                   page=False),
    "notifications.mark_read": Target("owner", "/notifications/read", {}),
    "exchange.propose": Target("owner", "/exchanges/new?member={mentor}", PROPOSAL),
    "exchange.accept": Target("other", "/exchanges/{proposal}/accept", {}),
    "exchange.decline": Target("other", "/exchanges/{proposal}/decline", {"reason": "No time"}, page=False),
    "exchange.withdraw": Target("owner", "/exchanges/{proposal}/withdraw", {}),
    "exchange.counter": Target("other", "/exchanges/{proposal}/counter", COUNTER),
    "exchange.complete": Target("owner", "/exchanges/{exchange}/complete", {}),
    "exchange.cancel": Target("owner", "/exchanges/{exchange}/cancel", {"reason": "Moving on"}, page=False),
    "exchange.objective": Target("owner", "/exchanges/{exchange}/objectives/{objective}", {"status": "done"},
                                 page=False),
    "meetings.schedule": Target("owner", "/exchanges/{exchange}/meetings", MEETING, page=False),
    "meetings.reschedule": Target("owner", "/exchanges/{exchange}/meetings/{meeting}/reschedule", MEETING,
                                  page=False),
    "meetings.cancel": Target("owner", "/exchanges/{exchange}/meetings/{meeting}/cancel", {}),
    "meetings.hold": Target("owner", "/exchanges/{exchange}/meetings/{meeting}/hold", {}),
    "meetings.agenda": Target("owner", "/exchanges/{exchange}/meetings/{meeting}/agenda", {"text": "A question"},
                              page=False),
    "meetings.note": Target("owner", "/exchanges/{exchange}/meetings/{meeting}/notes",
                            {"text": "A note", "private": "y"}, page=False),
    "meetings.rate": Target("owner", "/exchanges/{exchange}/meetings/{held}/feedback",
                            {"rating": "4", "comment": "Good"}, page=False),
    "meetings.evaluate": Target("owner", "/exchanges/{completed}/evaluation", EVALUATION, page=False),
    "meetings.rotate_feed": Target("owner", "/calendar/rotate", {}),
    "cohorts.new": Target("mentor", "/cohorts/new", COHORT),
    "cohorts.join": Target("stranger", "/cohorts/{cohort}/join", {}),
    "cohorts.leave": Target("seated", "/cohorts/{cohort}/leave", {}),
    "cohorts.remove": Target("mentor", "/cohorts/{cohort}/participants/{seated_member}/remove", {}),
    "cohorts.enrolment": Target("mentor", "/cohorts/{cohort}/enrolment/close", {}),
    "privacy.export": Target("owner", "/profile/export", {}),
    "privacy.delete": Target("owner", "/profile/delete", {"password": PASSWORD}),
    "programmes.new": Target("manager", "/programmes/new", PROGRAMME),
    "programmes.edit": Target("manager", "/programmes/{programme}/edit", PROGRAMME_EDIT),
    "programmes.grant_manager": Target("manager", "/programmes/managers", {"email": "filler@example.org"}),
    "programmes.invite": Target("manager", "/programmes/{programme}/invitations", INVITATIONS),
    "programmes.remind": Target("manager", "/programmes/{programme}/remind", {}),
    "programmes.remove": Target("manager", "/programmes/{programme}/participants/{participant}/remove", {}),
    "programmes.apply": Target("seated", "/programmes/{programme}/apply", {"role": "mentee"}),
    "programmes.application": Target("owner", "/programmes/{programme}/application", APPLICATION),
    "programmes.invitation": Target("anonymous", "/programmes/invitations/{invitation}", INVITATION_SIGNUP),
    "programmes.run_matching": Target("manager", "/programmes/{programme}/matching/run", {}),
    "programmes.pair_action": Target("manager", "/programmes/{programme}/pairs/{pair}/lock", {}),
    "programmes.swap": Target("manager", "/programmes/{programme}/swap", {"first": "{pair}", "second": "{locked_pair}"}),
    "programmes.publish": Target("manager", "/programmes/{programme}/publish", {}),
    "programmes.remind_pair": Target("manager", "/programmes/{programme}/pairs/{published_pair}/remind", {}),
    "circles.accept": Target("owner", "/circles/{circle}/accept", {}),
    "circles.decline": Target("owner", "/circles/{circle}/decline", {}),
    "circles.run_in_programme": Target("manager", "/programmes/{programme}/circles", {}),
}

# GET routes reading the query string: who asks, the path, and valid arguments.
QUERIES = {
    "accounts.login": Target("anonymous", "/login", {"next": "/members"}),
    "accounts.members": Target("owner", "/members", {"q": "speak", "page": "1"}),
    "exchange.propose": Target("owner", "/exchanges/new", {
        "member": "{mentor}", "their_offer": "{mentor_offer}", "my_offer": "0"}),
    "skills.matches": Target("owner", "/matches", {
        "view": "offer", "language": "fr", "department": "same", "relation": "peer", "format": "group",
        "page": "1"}),
    "skills_api.matches": Target("owner", "/api/v1/matches", {
        "view": "learn", "language": "en", "department": "other", "relation": "classic", "format": "one_to_one",
        "page": "1"}),
    "accounts_api.members": Target("owner", "/api/v1/members", {"q": "speak", "page": "1"}),
    "skills_api.skills": Target("owner", "/api/v1/skills", {"direction": "offer", "page": "1"}),
    "circles_api.index": Target("owner", "/api/v1/circles", {"page": "1"}),
    "cohorts_api.index": Target("owner", "/api/v1/cohorts", {"page": "1"}),
    "meetings_api.my_meetings": Target("owner", "/api/v1/meetings", {"page": "1"}),
    "meetings_api.exchange_meetings": Target("owner", "/api/v1/exchanges/{exchange}/meetings", {"page": "1"}),
    "programme_managers_api.participants": Target("manager", "/api/v1/programmes/{programme}/participants",
                                                  {"page": "1"}),
    "exchanges_api.exchanges": Target("owner", "/api/v1/exchanges", {"section": "active", "page": "1"}),
    "notifications_api.notifications": Target("owner", "/api/v1/notifications", {"page": "1"}),
    "exchange.dashboard": Target("owner", "/dashboard", {"active": "1", "pending": "1", "closed": "1"}),
    "notifications.index": Target("owner", "/notifications", {"page": "1"}),
}
# What each query argument does with a value it cannot use.
QUERY_REFUSALS = {"page": 400, "member": 404, "active": 400, "pending": 400, "closed": 400}


@dataclass(frozen=True)
class RouteValue:
    """A value only the route's own rules refuse: the fields it replaces in the target's valid
    body (bytes are uploaded as a file), the status expected, and the field the message is
    shown next to (the programme's services' refusals are shown next to its first field)."""

    field: str
    label: str
    data: dict
    status: int
    message_at: str = ""
    files: dict | None = None


PROGRAMME_DATES = [
    RouteValue("ends_on", "ends before it starts", {"starts_on": "{ends}", "ends_on": "{starts}"}, 422, "name"),
    RouteValue("ends_on", "ends the day it starts", {"enrolment_closes_on": "{ends}", "starts_on": "{ends}"}, 422,
               "name"),
    RouteValue("enrolment_closes_on", "enrolment closes after the start", {"enrolment_closes_on": "{ends}"}, 422,
               "name"),
    RouteValue("ends_on", "ends in year 9999", {"ends_on": "9999-12-31"}, 422, "name"),
    RouteValue("enrolment_closes_on", "dates in year 1",
               {"enrolment_closes_on": "0001-01-01", "starts_on": "0001-01-02"}, 422, "name"),
    RouteValue("departments", "51 departments", {"departments": ", ".join(f"D{n}" for n in range(51))}, 422, "name"),
    RouteValue("departments", "a department of 81 characters", {"departments": "x" * 81}, 422, "name"),
]
LATIN_1_CSV = "josé.martin@example.org;mentoré\nmarc@example.org;mentor\n".encode("latin-1")
ROUTE_VALUES = {
    "programmes.new": PROGRAMME_DATES,
    "programmes.edit": PROGRAMME_DATES,
    "programmes.invite": [
        RouteValue("pasted", "NUL bytes in the list", {"pasted": "lea@example.org,mentee\x00\nmarc\x00@example.org"},
                   422),
        RouteValue("pasted", f"{MAX_INVITATIONS + 1} lines",
                   {"pasted": "\n".join(f"person{n}@example.org,mentee" for n in range(MAX_INVITATIONS + 1))}, 413),
        RouteValue("pasted", "a line of 150,000 characters", {"pasted": "lea@example.org," + "x" * 150_000}, 400),
        RouteValue("pasted", "nothing to read", {"pasted": "email,role\n\n"}, 400),
        RouteValue("upload", "a file over 512 KB", {"pasted": ""}, 413,
                   files={"upload": b"lea@example.org,mentee\n" * (INVITATION_FILE_BYTES // 23 + 1)}),
        RouteValue("upload", "a file of one 200,000-character line", {"pasted": ""}, 400,
                   files={"upload": b"x" * 200_000}),
        # A binary file: no line holds an e-mail address; the form says so, line by line, and nobody is invited.
        RouteValue("upload", "a binary file", {"pasted": ""}, 400, "pasted", files={"upload": bytes(range(256)) * 64}),
        # Not UTF-8: read as Latin-1 (see the test of its accents below).
        RouteValue("upload", "a file in Latin-1", {"pasted": ""}, 302, files={"upload": LATIN_1_CSV}),
    ],
    "programmes.swap": [
        RouteValue("second", "the same pair twice", {"second": "{pair}"}, 400),
        RouteValue("first", "a published pair", {"first": "{published_pair}"}, 422),
        RouteValue("first", "a pair id of 2**31", {"first": str(2**31)}, 422),
        RouteValue("second", "a pair id of 2**63", {"second": str(2**63)}, 422),
    ],
    "programmes.grant_manager": [
        RouteValue("email", "not an e-mail", {"email": "not-an-email"}, 422),
        RouteValue("email", "nobody's e-mail", {"email": "nobody@example.org"}, 404),
    ],
    "programmes.application": [
        RouteValue("capacity", "more mentees than the programme allows",
                   {"role": "mentor", "brings": "Budgets", "capacity": "3"}, 422, "objectives"),
        RouteValue("brings", "a mentor bringing nothing", {"role": "mentor", "brings": ""}, 422, "objectives"),
        RouteValue("seeks", "9 skills sought", {"seeks": "\n".join(f"Skill {n}" for n in range(9))}, 422, "objectives"),
        RouteValue("seeks", "a skill of 121 characters", {"seeks": "x" * 121}, 422, "objectives"),
        RouteValue("avoid", "11 people to avoid", {"avoid": "\n".join(f"p{n}@example.org" for n in range(11))}, 422,
                   "objectives"),
        RouteValue("avoid", "a name for an e-mail", {"avoid": "My own manager"}, 422, "objectives"),
    ],
    "programmes.invitation": [
        RouteValue("confirm", "passwords that differ", {"confirm": "Another quiet lantern 42"}, 422),
        RouteValue("password", "a weak password", {"password": "password", "confirm": "password"}, 422, "password"),
    ],
}

# (endpoint, field, value label): why it fails today and who fixes it.
PENDING = {}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


def _app_and_posted_endpoints():
    """The app, and its POST routes with a form (the API's, under /api/, are in tests/api/)."""
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "MATCHING_ENCODER": "hashing"})
    return app, {rule.endpoint for rule in app.url_map.iter_rules()
                 if "POST" in rule.methods and not rule.rule.startswith("/api/")}


def test_every_post_route_and_every_query_string_is_covered():
    app, posted = _app_and_posted_endpoints()
    assert sorted(posted - set(FORMS)) == [], "POST routes missing from FORMS"
    assert sorted(set(FORMS) - posted) == [], "FORMS rows for routes that no longer exist"
    reading = {endpoint for endpoint, view in app.view_functions.items()
               if re.search(r"request\.args|_arg\(|location=\"query\"", inspect.getsource(view))}
    assert sorted(reading ^ set(QUERIES)) == [], "GET routes reading the query string vs QUERIES"


def field_kind(field):
    """What a bound field holds: text, multiline, boolean, integer, date, datetime, file or a choice."""
    for cls, kind in ((BooleanField, "boolean"), (DateTimeLocalField, "datetime"), (DateField, "date"),
                      (IntegerField, "integer"), (RadioField, "radio"), (SelectMultipleField, "multiselect"),
                      (SelectField, "select"), (TextAreaField, "multiline"), (FileField, "file")):
        if isinstance(field, cls):
            return kind
    return "text"


def must_refuse(field, kind, label, value):
    """True when the value can never be valid for this field."""
    required = any(isinstance(v, (DataRequired, InputRequired)) for v in field.validators)
    max_length = min([v.max for v in field.validators if isinstance(v, Length) and v.max >= 0], default=None)
    if label == "list for a scalar" or kind in ("boolean", "file"):  # a text sent for a file is no file
        return False
    if label == "empty":
        return required
    if kind in TEXT_KINDS:
        if label in ("NUL", "C0 and C1 controls") or (label in ("CR LF", "RTL override") and kind == "text"):
            return True
        return max_length is not None and len(value) > max_length
    if kind == "datetime":  # a meeting: between a year ago and three years ahead
        return label not in ("DST gap in Paris",)
    if kind == "date":
        return label not in ("date in year 1", "date in year 9999")
    return True  # numbers and choices: none of the values is one of them


def discover_form(client, monkeypatch, target, values):
    """The form class a POST route binds to the request (None: it reads no form), found by
    submitting the valid body and recording every form built on the request's data."""
    seen = []
    original = Form.__init__

    def recording(self, formdata=None, *args, **kwargs):
        if formdata is not None:
            seen.append(type(self))
        original(self, formdata, *args, **kwargs)

    monkeypatch.setattr(Form, "__init__", recording)
    response = client.post(target.url.format(**values), data=fill(target.data, values))
    monkeypatch.setattr(Form, "__init__", original)
    assert response.status_code < 400, (target.url, response.status_code, response.get_data(as_text=True)[:3000])
    return seen[0] if seen else None


def fill(data, values):
    return {k: [x.format(**values) for x in v] if isinstance(v, list) else v.format(**values)
            for k, v in data.items()}


def field_has_message(body, name):
    """The field is wrapped in the `has-error` block that the _forms.html macro renders."""
    blocks = re.findall(r'<div class="field has-error">(.*?)(?=<div class="field|</form>)', body, re.S)
    return any(f'name="{name}"' in block for block in blocks)


def _check(response, before, expect_refusal, target, name):
    """The problems with one answer, as a list of strings (empty: fine)."""
    status, body = response.status_code, response.get_data(as_text=True)
    response.close()
    if status >= 500:
        return [f"server error {status}"]
    problems = []
    # The language switch always goes back where it came from; a refused choice changes nothing.
    redirects_anyway = target.url == "/language"
    if expect_refusal and not 400 <= status < 500 and not redirects_anyway:
        problems.append(f"accepted with {status}")
    if (status >= 400 or expect_refusal) and _without(snapshot(), target.may_record) != _without(
            before, target.may_record):
        problems.append(f"refused with {status} but the database changed")
    if expect_refusal and 400 <= status < 500:
        if target.page and status == 422 and not field_has_message(body, name):
            problems.append("no message next to the field")
        elif target.page and 'class="error"' not in body and "flash-error" not in body:
            problems.append("no error message on the page")
        elif not target.page and "flash-error" not in body:
            problems.append("no error message in the flash")
    return problems


def _without(rows, tables):
    return {name: table for name, table in rows.items() if name not in tables}


@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_a_form_refuses_bad_values_without_a_server_error(
        app, client, world, databases, database_url, world_template, monkeypatch, endpoint):
    target = FORMS[endpoint]
    sign_in(client, world, target.role)
    form_class = discover_form(client, monkeypatch, target, world.values(target.role))
    fields = _fields(app, form_class)
    assert bool(fields) == bool(target.data), f"{endpoint} reads {sorted(fields)}"
    if not fields:
        return  # a button: nothing to fill in
    # Start again from a new world (the valid submission changed it); refusals first, as
    # they must change nothing, then the values that may be saved.
    client.post("/logout")
    values = _rebuild(databases, database_url, world_template, client, target).values(target.role)
    cases = [(name, kind, field, label, value) for name, (kind, field) in fields.items()
             for label, value in BAD_VALUES]
    cases.sort(key=lambda case: not must_refuse(case[2], case[1], case[3], case[4]))
    problems, pending_failed = [], set()
    for name, kind, field, label, value in cases:
        valid = fill(target.data, values)
        data = {**valid, name: [v.replace("{valid}", str(valid.get(name, ""))) for v in value]
                if isinstance(value, list) else value}
        before = snapshot()
        response = client.post(target.url.format(**values), data=data)
        found = _check(response, before, must_refuse(field, kind, label, value), target, name)
        key = (endpoint, name, label)
        if key in PENDING:
            if found:
                pending_failed.add(key)
            else:
                problems.append(f"{name} = {label}: passes now, remove it from PENDING")
        elif found:
            problems.append(f"{name} = {label} ({kind}): {'; '.join(found)}")
    assert problems == [], "\n".join(problems)
    if pending_failed:
        pytest.xfail("; ".join(f"{k[1]} = {k[2]}: {PENDING[k]}" for k in sorted(pending_failed)))


def _fields(app, form_class):
    """Name -> (kind, bound field) of the form's fields, CSRF token aside."""
    if form_class is None:
        return {}
    with app.test_request_context(method="POST"):
        form = form_class()
        return {field.name: (field_kind(field), field) for field in form if field.name != "csrf_token"}


def _rebuild(databases, database_url, world_template, client, target):
    """The world as new (a fresh copy of its template), signed in as the target's role."""
    world, template = world_template
    db.session.remove()
    db.engine.dispose()
    databases.replace(database_url, template)
    sign_in(client, world, target.role)
    return world


@pytest.mark.parametrize("endpoint", sorted(QUERIES))
def test_a_query_string_never_gives_a_server_error(client, world, endpoint):
    target = QUERIES[endpoint]
    sign_in(client, world, target.role)
    values = world.values(target.role)
    valid = fill(target.data, values)
    problems = []
    for name in valid:
        for label, value in BAD_VALUES:
            args = {**valid, name: [v.replace("{valid}", valid[name]) for v in value]
                    if isinstance(value, list) else value}
            before = snapshot()
            response = client.get(target.url.format(**values), query_string=args)
            status = response.status_code
            response.close()
            if status >= 500:
                problems.append(f"{name} = {label}: server error {status}")
            elif status >= 400 and snapshot() != before:
                problems.append(f"{name} = {label}: refused with {status} but the database changed")
            elif name in QUERY_REFUSALS and label not in ("list for a scalar",) and status != QUERY_REFUSALS[name]:
                problems.append(f"{name} = {label}: {status}, not {QUERY_REFUSALS[name]}")
    assert problems == [], "\n".join(problems)


def _route_values():
    for endpoint, values in ROUTE_VALUES.items():
        for value in values:
            key = (endpoint, value.field, value.label)
            marks = [pytest.mark.xfail(strict=True, reason=PENDING[key])] if key in PENDING else []
            yield pytest.param(endpoint, value, marks=marks, id=f"{endpoint}-{value.label.replace(' ', '_')}")


@pytest.mark.parametrize("endpoint,value", list(_route_values()))
def test_a_route_refuses_what_its_own_rules_refuse(client, world, endpoint, value):
    target = FORMS[endpoint]
    sign_in(client, world, target.role)
    values = world.values(target.role)
    data = {**fill(target.data, values), **fill(value.data, values)}
    data.update({name: (io.BytesIO(content), "people.csv") for name, content in (value.files or {}).items()})
    # A server error is an answer here, not an exception (its check says so, and the uploaded
    # file is closed with the request).
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    before = snapshot()
    response = client.post(target.url.format(**values), data=data)
    response.request.environ["wsgi.input"].close()  # the test client spools a big body to a file
    status = response.status_code
    problems = _check(response, before, value.status >= 400, target, value.message_at or value.field)
    assert (status, problems) == (value.status, [])


def test_an_invitation_file_in_latin_1_keeps_its_accents(client, world):
    sign_in(client, world, "manager")
    values = world.values("manager")
    response = client.post(f"/programmes/{values['programme']}/invitations",
                           data={"pasted": "", "upload": (io.BytesIO(LATIN_1_CSV), "people.csv")})
    assert response.status_code == 302
    invited = db.session.execute(sa.select(Participant.email, Participant.role).where(
        Participant.email.in_(["josé.martin@example.org", "marc@example.org"])).order_by(Participant.email)).all()
    assert [tuple(row) for row in invited] == [("josé.martin@example.org", "mentee"), ("marc@example.org", "mentor")]


# Past what the database holds (refused by the path), and the biggest id it holds (no such
# row, looked up in the database).
HUGE_IDS = [2**31 - 1, 2**31, 2**63]


# Every programme and circle route naming an id, with valid values for the ids it does not make huge.
ID_ARGUMENTS = {"programme_id": "{programme}", "participant_id": "{participant}", "pair_id": "{published_pair}",
                "circle_id": "{circle}"}


def _id_paths(app, values, huge, wanted):
    """(method, url) of every rule wanted(rule) names, each of its ids made huge in turn."""
    requests = []
    for rule in app.url_map.iter_rules():
        if not wanted(rule) or "<int:" not in rule.rule:
            continue
        path = re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", rule.rule)
        for name in re.findall(r"<int:(\w+)>", path):
            url = path.replace(f"<int:{name}>", str(huge))
            url = re.sub(r"<int:(\w+)>", lambda m: ID_ARGUMENTS[m.group(1)], url).format(**values)
            requests += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return requests


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_programme_paths_with_ids_too_big_for_the_database_are_404(app, client, world, huge):
    """Its manager asks, so the 404 is the id's, not a refusal of who asks. The programme's
    circle run (a circles route under /programmes/) is one of them."""
    sign_in(client, world, "manager")
    values = world.values("manager")
    requests = _id_paths(app, values, huge,
                         lambda rule: rule.endpoint.startswith("programmes.") or rule.rule.startswith("/programmes/"))
    assert len(requests) >= 20 and ("POST", f"/programmes/{huge}/circles") in requests
    before = snapshot()
    answers = {(method, url): client.open(url, method=method).status_code for method, url in requests}
    assert {key: status for key, status in answers.items() if status != 404} == {}
    assert client.get("/programmes/invitations/" + "x" * 100_000).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_circle_paths_with_ids_too_big_for_the_database_are_404(app, client, world, huge):
    """A member of the world's circle asks, so the 404 is the id's, not a refusal of who asks."""
    sign_in(client, world, "owner")
    values = world.values("owner")
    requests = _id_paths(app, values, huge, lambda rule: rule.rule.startswith("/circles/"))
    assert sorted(requests) == [("GET", f"/circles/{huge}"), ("POST", f"/circles/{huge}/accept"),
                                ("POST", f"/circles/{huge}/decline")]
    before = snapshot()
    answers = {(method, url): client.open(url, method=method).status_code for method, url in requests}
    assert {key: status for key, status in answers.items() if status != 404} == {}
    assert snapshot() == before
