"""Hostile and clumsy input on every form and query string: never a server error.

Every POST route of the URL map is listed in FORMS with who submits it and a valid body; the
form class is discovered by submitting that body, and each of its fields then receives each
value of BAD_VALUES while the other fields stay valid. Refusals are a 4xx with a message next
to the field (pages with a form) or in the flash (buttons on the exchange page), and leave the
database as it was. GET routes that read the query string are listed in QUERIES and receive
the same values in each argument.

Cases the code does not handle yet are listed in PENDING with who fixes them; they fail
strictly as soon as they pass (remove them then).
"""

import inspect
import re
from dataclasses import dataclass

import pytest
from wtforms import (
    BooleanField, Form, DateField, DateTimeLocalField, IntegerField, RadioField, SelectField, SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import PASSWORD
from tests.test_authorization_matrix import (
    COHORT, COUNTER, EVALUATION, MEETING, NEW_PASSWORD, PROFILE, PROPOSAL, SKILL, TEST_CONFIG, sign_in, snapshot,
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
    "passwords.sign_out_everywhere": Target("owner", "/signout-everywhere", {}),
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
    "api.matches": Target("owner", "/api/v1/matches", {
        "view": "learn", "language": "en", "department": "other", "relation": "classic", "format": "one_to_one",
        "page": "1"}),
    "api.members": Target("owner", "/api/v1/members", {"q": "speak", "page": "1"}),
    "exchange.dashboard": Target("owner", "/dashboard", {"active": "1", "pending": "1", "closed": "1"}),
    "notifications.index": Target("owner", "/notifications", {"page": "1"}),
}
# What each query argument does with a value it cannot use.
QUERY_REFUSALS = {"page": 400, "member": 404, "active": 400, "pending": 400, "closed": 400}

# (endpoint, field, value label): why it fails today and who fixes it.
PENDING = {}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


def _app_and_posted_endpoints():
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "MATCHING_ENCODER": "hashing"})
    return app, {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


def test_every_post_route_and_every_query_string_is_covered():
    app, posted = _app_and_posted_endpoints()
    assert sorted(posted - set(FORMS)) == [], "POST routes missing from FORMS"
    assert sorted(set(FORMS) - posted) == [], "FORMS rows for routes that no longer exist"
    reading = {endpoint for endpoint, view in app.view_functions.items()
               if re.search(r"request\.args|_arg\(", inspect.getsource(view))}
    assert sorted(reading ^ set(QUERIES)) == [], "GET routes reading the query string vs QUERIES"


def field_kind(field):
    """What a bound field holds: text, multiline, boolean, integer, date, datetime or a choice."""
    for cls, kind in ((BooleanField, "boolean"), (DateTimeLocalField, "datetime"), (DateField, "date"),
                      (IntegerField, "integer"), (RadioField, "radio"), (SelectMultipleField, "multiselect"),
                      (SelectField, "select"), (TextAreaField, "multiline")):
        if isinstance(field, cls):
            return kind
    return "text"


def must_refuse(field, kind, label, value):
    """True when the value can never be valid for this field."""
    required = any(isinstance(v, (DataRequired, InputRequired)) for v in field.validators)
    max_length = min([v.max for v in field.validators if isinstance(v, Length) and v.max >= 0], default=None)
    if label == "list for a scalar" or kind == "boolean":
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
            response = client.get(target.url, query_string=args)
            status = response.status_code
            response.close()
            if status >= 500:
                problems.append(f"{name} = {label}: server error {status}")
            elif status >= 400 and snapshot() != before:
                problems.append(f"{name} = {label}: refused with {status} but the database changed")
            elif name in QUERY_REFUSALS and label not in ("list for a scalar",) and status != QUERY_REFUSALS[name]:
                problems.append(f"{name} = {label}: {status}, not {QUERY_REFUSALS[name]}")
    assert problems == [], "\n".join(problems)
