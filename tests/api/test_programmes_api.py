"""/api/v1/programmes: the programme pages' actions for members and managers, on the
authorization matrix's world (its programme is run by the manager: see the docstring of
tests/test_authorization_matrix.py). Effects are checked through the domain's services; every
refusal leaves the database as it was."""

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jsonschema
import pytest
import sqlalchemy as sa
from werkzeug.exceptions import HTTPException

from marketplace.accounts import access_tokens
from marketplace.accounts.models import User, utcnow
from marketplace.exchange import feedback, meetings
from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from marketplace.notifications.models import Notification, OutgoingMail
from marketplace.programmes import enrolment, services
from marketplace.programmes.models import MAX_INVITATIONS, MIN_ANSWERS_SHOWN, Participant, Programme, ProgrammePair
# The matrix first: it reads the rows module, which reads the matrix's Case.
from tests.test_authorization_matrix import (  # isort: skip
    PRIVATE_ANSWERS, PRIVATE_NOTES, SHARED_NOTES, TEST_CONFIG, fill, snapshot,
)
from tests.test_authorization_matrix import database_url, world, world_template  # noqa: F401 (fixtures)
from tests.api.conftest import links
from tests.api.matrix_rows_programmes import APPLICATION, PROGRAMME

PER_PAGE = 2


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG, "PROGRAMME_PARTICIPANTS_PER_PAGE": PER_PAGE}


class Api:
    """api(who, method, url, json=None) -> the response, signed in by who's read-write token: a
    role of the world, or a member the test made. The URL is filled in with the world's values.
    Every answer is one the OpenAPI document names for the operation, with the body it describes."""

    def __init__(self, client, world):
        self.client, self.world, self.secrets = client, world, dict(world.api_secrets)
        self.document = None

    def secret(self, who):
        """who's token (a member's is made on first use, before the request)."""
        if isinstance(who, User):
            if who.id not in self.secrets:
                self.secrets[who.id] = access_tokens.create_token(who, "test", "write")[1]
                db.session.commit()
            who = who.id
        return self.secrets[who]

    def __call__(self, who, method, url, json=None):
        secret = who if isinstance(who, str) and who.startswith("psl_") else self.secret(who)
        url = url.format(**self.world.values("manager"))
        response = self.client.open(url, method=method, json=json, headers={"Authorization": f"Bearer {secret}"})
        db.session.expire_all()  # the test reads what the request wrote
        self.conforms(method, url, response)
        return response

    def conforms(self, method, url, response):
        """The status is one the document gives the operation (not only its default), and the body
        is the schema it gives that status."""
        if self.document is None:
            self.document = self.client.get("/api/v1/openapi.json").get_json()
        adapter = self.client.application.url_map.bind("localhost")
        try:
            rule, _ = adapter.match(urlsplit(url).path, method=method, return_rule=True)
        except HTTPException:  # no such route: the router's 404 or 405, no operation's
            return
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        answers = self.document["paths"][path][method.lower()]["responses"]
        assert str(response.status_code) in answers, (method, path, response.status_code)
        answer = answers[str(response.status_code)]
        if "$ref" in answer:  # a problem: "#/components/responses/NOT_FOUND"...
            answer = self.document["components"]["responses"][answer["$ref"].rpartition("/")[2]]
        if "content" not in answer:
            assert response.get_data() == b"" and response.status_code == 204
            return
        (media_type, described), = answer["content"].items()
        assert response.mimetype == media_type
        schema = described["schema"]
        jsonschema.validate(response.get_json(), {**schema, "components": self.document["components"]},
                            cls=jsonschema.Draft202012Validator)


@pytest.fixture
def api(client, world):
    return Api(client, world)


def programme_of(world):
    return db.session.get(Programme, world.values("manager")["programme"])


def problem(response, status):
    """The response is a problem of this status; returns the pointers of its field errors."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return [error.get("pointer") or error.get("name") for error in response.get_json().get("errors", [])]


def refused(api, who, method, url, json, status):
    """The request is refused with this status and changes nothing; returns the problem's pointers."""
    secret = api.secret(who)
    before = snapshot()
    pointers = problem(api(secret, method, url, json), status)
    assert snapshot() == before
    return pointers


# --- Members -------------------------------------------------------------------------------

def test_the_programmes_page_for_a_member_and_for_a_manager(api, world):
    seated = api("seated", "GET", "/api/v1/programmes").get_json()
    assert seated["is_manager"] is False and seated["managed"] == [] and seated["mine"] == []
    assert [p["id"] for p in seated["open_to_me"]] == [world.values("seated")["programme"]]
    owner = api("owner", "GET", "/api/v1/programmes").get_json()
    assert [(m["programme"]["name"], m["role"], m["status"]) for m in owner["mine"]] == [
        ("Executives mentor juniors", "mentee", "answered")]
    assert owner["open_to_me"] == []  # in it already
    manager = api("manager", "GET", "/api/v1/programmes").get_json()
    assert manager["is_manager"] is True and manager["mine"] == [] and manager["open_to_me"] == []
    # The page's count: everyone but the removed (owner, other, two waiting pairs, the invitee).
    assert [(p["name"], p["participants"]) for p in manager["managed"]] == [("Executives mentor juniors", 7)]


def test_a_programme_reads_as_its_page_shows_it(api, world):
    seated = api("seated", "GET", "/api/v1/programmes/{programme}").get_json()
    assert seated["can_apply"] is True and seated["my_place"] is None and seated["managed_by_me"] is False
    assert seated["settings"] is None and seated["participants"] is None and seated["answered"] is None
    assert seated["manager"] == "Manager" and seated["objectives"] == [
        "Every junior leads a meeting", "Every executive learns a new tool"]
    owner = api("owner", "GET", "/api/v1/programmes/{programme}").get_json()
    assert owner["my_place"] == {"role": "mentee", "status": "answered"} and owner["can_apply"] is False
    managed = api("manager", "GET", "/api/v1/programmes/{programme}").get_json()
    assert managed["managed_by_me"] is True and managed["can_apply"] is False
    assert managed["settings"]["seniorities"] == ["junior", "executive"] and managed["settings"]["kind"] == "classic"
    assert (managed["participants"], managed["answered"]) == (7, 6)
    # Not eligible (a mid-level member, a senior mentor): the programme does not exist for them.
    for role in ("stranger", "mentor"):
        problem(api(role, "GET", "/api/v1/programmes/{programme}"), 404)


def test_applying_creates_my_place_and_answering_it_is_my_application(api, world):
    response = api("seated", "POST", "/api/v1/programmes/{programme}/apply", {"role": "mentee"})
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/v1/programmes/{programme}/application".format(
        **world.values("seated"))
    body = response.get_json()
    # Before answering, the application suggests the member's offers and needs.
    assert (body["status"], body["source"], body["role"]) == ("invited", "application", "mentee")
    assert body["brings"] == ["Accounting basics"] and body["seeks"] == ["Learning seated things"]
    assert body["answered_at"] is None and body["editable"] is True and body["most_mentees"] == 2
    assert api("seated", "GET", response.headers["Location"]).get_json() == body
    # Applying twice is a conflict; answering is the application's PUT.
    refused(api, "seated", "POST", "/api/v1/programmes/{programme}/apply", {"role": "mentee"}, 409)
    answered = api("seated", "PUT", response.headers["Location"], APPLICATION)
    assert answered.status_code == 200, answered.get_json()
    seated = db.session.scalar(sa.select(User).filter_by(email="seated@example.org"))
    participant = services.participant_of(programme_of(world), seated)
    assert (participant.status, participant.seeks, participant.availability) == (
        "answered", ["Negotiation with suppliers"], "Tuesday mornings")
    assert answered.get_json()["answered_at"].endswith("+00:00")


@pytest.mark.parametrize("role,body,status", [
    ("stranger", {"role": "mentee"}, 404),  # not eligible: the programme does not exist for them
    ("manager", {"role": "mentee"}, 404),  # a senior: not eligible either
    ("seated", {"role": "boss"}, 422),
    ("seated", {"role": "mentee\x00"}, 422),
    ("seated", {}, 422),
    ("seated", {"role": "mentee", "extra": 1}, 422),
])
def test_applying_is_refused_as_on_the_page(api, role, body, status):
    refused(api, role, "POST", "/api/v1/programmes/{programme}/apply", body, status)


def test_patching_my_application_keeps_the_other_answers(api, world):
    response = api("owner", "PATCH", "/api/v1/programmes/{programme}/application", {"availability": "  Fridays  "})
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["availability"], response.get_json()["seeks"]) == (
        "Fridays", ["Negotiation with suppliers"])
    owner = db.session.scalar(sa.select(User).filter_by(email="owner@example.org"))
    participant = services.participant_of(programme_of(world), owner)
    assert (participant.availability, participant.objectives, participant.seeks) == (
        "Fridays", "Grow", ["Negotiation with suppliers"])


ANSWERS = "/api/v1/programmes/{programme}/application"


@pytest.mark.parametrize("change,pointer", [
    ({"role": "mentor", "brings": []}, "#/brings"),  # a mentor brings a skill
    ({"role": "mentor", "brings": ["Budgets"], "capacity": 3}, "#/capacity"),  # the programme allows 2
    ({"capacity": 0}, "#/capacity"),
    ({"capacity": 2**63}, "#/capacity"),
    ({"capacity": "2"}, "#/capacity"),
    ({"seeks": [f"Skill {n}" for n in range(9)]}, "#/seeks"),
    ({"seeks": ["x" * 121]}, "#/seeks/0"),
    ({"avoid": [f"p{n}@example.org" for n in range(11)]}, "#/avoid"),
    ({"avoid": ["My own manager"]}, "#/avoid"),
    ({"objectives": ""}, "#/objectives"),
    ({"objectives": "   "}, "#/objectives"),
    ({"objectives": "a\x00b"}, "#/objectives"),
    ({"objectives": "x" * 100_000}, "#/objectives"),
    ({"availability": "x" * 201}, "#/availability"),
    ({"availability": "\u202egnp.exe"}, "#/availability"),
    ({"role": "captain"}, "#/role"),
])
def test_an_application_refuses_what_the_page_refuses(api, change, pointer):
    """The whole application (PUT) and a change (PATCH, its other answers kept): the schema's
    refusals and the service's (a blank objective in a PATCH is the service's)."""
    assert refused(api, "owner", "PUT", ANSWERS, {**APPLICATION, **change}, 422) == [pointer]
    assert refused(api, "owner", "PATCH", ANSWERS, change, 422) == [pointer]


def test_an_invited_role_is_the_managers_to_change(api, world):
    """mentee-a was invited as a mentee (by the world, as an application): set it to an invitation."""
    mentee = db.session.get(Participant, world.values("manager")["participant"])
    mentee.source = "invitation"
    db.session.commit()
    member = db.session.get(User, mentee.user_id)
    assert refused(api, member, "PATCH", ANSWERS, {"role": "mentor", "brings": ["Budgets"]}, 422) == ["#/role"]


def test_my_application_is_mine_only_and_closes_when_the_pairs_are_published(api, world):
    for role in ("seated", "stranger", "manager"):
        refused(api, role, "PUT", ANSWERS, APPLICATION, 404)
        problem(api(role, "GET", ANSWERS), 404)
    programme_of(world).status = "running"
    db.session.commit()
    refused(api, "owner", "PUT", ANSWERS, APPLICATION, 409)
    assert api("owner", "GET", ANSWERS).get_json()["editable"] is False


def test_an_address_invited_before_its_account_answers_with_its_token(api, world, make_user):
    """The invitation link is the page's (a browser from the e-mail): a member who signed up at
    the invited address finds the programme and answers it, which links the invitation to them."""
    invitee = make_user(email="invitee@example.org", seniority="mid")  # not eligible: invited all the same
    mine = api(invitee, "GET", "/api/v1/programmes").get_json()["mine"]
    assert [(m["programme"]["id"], m["status"]) for m in mine] == [(programme_of(world).id, "invited")]
    assert api(invitee, "GET", "/api/v1/programmes/{programme}").get_json()["my_place"]["status"] == "invited"
    suggested = api(invitee, "GET", ANSWERS)
    assert suggested.status_code == 200 and suggested.get_json()["status"] == "invited"
    assert api(invitee, "PUT", ANSWERS, APPLICATION).status_code == 200
    participant = db.session.scalar(sa.select(Participant).filter_by(email="invitee@example.org"))
    assert (participant.user_id, participant.status, participant.invitation_hash) == (invitee.id, "answered", None)


# --- Managers: programmes ------------------------------------------------------------------

def created(world):
    return db.session.scalar(sa.select(Programme).filter_by(name="Juniors mentor executives"))


def test_a_manager_creates_a_programme(api, world):
    body = fill(PROGRAMME, world.values("manager"), typed=True)
    response = api("manager", "POST", "/api/v1/programmes", body)
    assert response.status_code == 201, response.get_json()
    programme = created(world)
    assert response.headers["Location"] == f"/api/v1/programmes/{programme.id}"
    shown = response.get_json()
    assert shown["id"] == programme.id and shown["settings"]["objectives"] == ["Learn", "Share"]
    assert (programme.objectives, programme.kind, programme.departments, programme.status) == (
        "Learn\nShare", "reverse", ["Operations"], "enrolment")
    assert services.get_managed_programme(db.session.get(User, programme.manager_id), programme.id) is programme
    # What is left out takes a new programme's values.
    least = {name: body[name] for name in ("name", "objectives", "enrolment_closes_on", "starts_on", "ends_on")}
    response = api("manager", "POST", "/api/v1/programmes", {**least, "name": "Smallest"})
    settings = response.get_json()["settings"]
    assert (settings["kind"], settings["frequency"], settings["mentor_capacity"], settings["open_to_applications"],
            settings["departments"]) == ("classic", "fortnightly", 2, True, [])


def test_only_a_manager_creates_and_grants(api, world):
    body = fill(PROGRAMME, world.values("owner"), typed=True)
    for role in ("owner", "other", "mentor"):
        refused(api, role, "POST", "/api/v1/programmes", body, 404)
        refused(api, role, "POST", "/api/v1/programmes/managers", {"email": "filler@example.org"}, 404)


PROGRAMME_DATES = [
    ({"starts_on": "{ends}", "ends_on": "{starts}"}, "#/ends_on"),
    ({"enrolment_closes_on": "{ends}", "starts_on": "{ends}"}, "#/ends_on"),
    ({"enrolment_closes_on": "{ends}"}, "#/enrolment_closes_on"),
    ({"ends_on": "9999-12-31"}, "#/ends_on"),
    ({"enrolment_closes_on": "0001-01-01", "starts_on": "0001-01-02"}, "#/enrolment_closes_on #/starts_on"),
    ({"ends_on": "10000-01-01"}, "#/ends_on"),
    ({"ends_on": "2027-02-30"}, "#/ends_on"),
    ({"ends_on": "2027-06-30T10:00:00"}, "#/ends_on"),
]
PROGRAMME_VALUES = [
    ({"name": "x"}, "#/name"),  # the service's rule: at least two characters
    ({"name": "x" * 121}, "#/name"),
    ({"name": "a\x00b"}, "#/name"),
    ({"name": "Line\nbreak"}, "#/name"),
    ({"description": "x" * 100_000}, "#/description"),
    ({"objectives": []}, "#/objectives"),
    ({"objectives": [f"Objective {n}" for n in range(6)]}, "#/objectives"),
    ({"objectives": ["two\nlines"]}, "#/objectives/0"),
    ({"objectives": "Learn"}, "#/objectives"),
    ({"kind": "boss"}, "#/kind"),
    ({"frequency": "daily"}, "#/frequency"),
    ({"planned_meetings": 53}, "#/planned_meetings"),
    ({"meeting_minutes": 2**63}, "#/meeting_minutes"),
    ({"mentor_capacity": 11}, "#/mentor_capacity"),
    ({"mentor_capacity": True}, "#/mentor_capacity"),
    ({"open_to_applications": "yes"}, "#/open_to_applications"),
    ({"seniorities": ["boss"]}, "#/seniorities/0"),
    ({"languages": ["xx"]}, "#/languages/0"),
    ({"departments": [f"D{n}" for n in range(51)]}, "#/departments"),
    ({"departments": ["x" * 81]}, "#/departments/0"),
    ({"ground_rules": "x" * 2001}, "#/ground_rules"),
    ({"timezone_rule": "required"}, "#/timezone_rule"),
    ({"surprise": 1}, "#/surprise"),
]


@pytest.mark.parametrize("change,pointer", PROGRAMME_DATES + PROGRAMME_VALUES)
def test_a_programme_refuses_what_its_page_refuses(api, world, change, pointer):
    values = world.values("manager")
    body = fill({**PROGRAMME, **change}, values, typed=True)
    assert sorted(refused(api, "manager", "POST", "/api/v1/programmes", body, 422)) == pointer.split()
    edit = {**body, "kind": "classic"} if "kind" not in change else body
    assert sorted(refused(api, "manager", "PUT", "/api/v1/programmes/{programme}", edit, 422)) == pointer.split()


def test_a_manager_changes_the_settings(api, world):
    response = api("manager", "PATCH", "/api/v1/programmes/{programme}", {"open_to_applications": False})
    assert response.status_code == 200 and response.get_json()["settings"]["open_to_applications"] is False
    programme = programme_of(world)
    assert (programme.open_to_applications, programme.objective_list(), programme.seniorities) == (
        False, ["Every junior leads a meeting", "Every executive learns a new tool"], ["junior", "executive"])
    # Now by invitation only: an eligible member no longer reads it, a participant still does.
    problem(api("seated", "GET", "/api/v1/programmes/{programme}"), 404)
    assert api("owner", "GET", "/api/v1/programmes/{programme}").status_code == 200
    body = fill({**PROGRAMME, "kind": "classic", "name": "Renamed"}, world.values("manager"), typed=True)
    assert api("manager", "PUT", "/api/v1/programmes/{programme}", body).get_json()["name"] == "Renamed"
    assert programme_of(world).languages == ["fr"]
    # Its pairs are published: its kind cannot change.
    refused(api, "manager", "PATCH", "/api/v1/programmes/{programme}", {"kind": "peer"}, 409)
    refused(api, "manager", "PATCH", "/api/v1/programmes/{programme}", {"starts_on": "{ends}".format(
        **world.values("manager"))}, 422)
    for role in ("owner", "other", "stranger"):
        refused(api, role, "PATCH", "/api/v1/programmes/{programme}", {"name": "Mine now"}, 404)


def test_a_manager_grants_the_role(api, world):
    response = api("manager", "POST", "/api/v1/programmes/managers", {"email": "  Filler@Example.org "})
    assert response.status_code == 200 and response.get_json()["display_name"] == "Filler"
    assert "email" not in response.get_json()
    assert services.is_manager(db.session.scalar(sa.select(User).filter_by(email="filler@example.org")))
    refused(api, "manager", "POST", "/api/v1/programmes/managers", {"email": "nobody@example.org"}, 404)
    for email in ("not-an-email", "", "a\x00@example.org", "x" * 250 + "@example.org"):
        assert refused(api, "manager", "POST", "/api/v1/programmes/managers", {"email": email}, 422) == ["#/email"]


# --- Managers: enrolment -------------------------------------------------------------------

def test_the_participants_page_by_page_statuses_only(api, world):
    pages, url = [], "/api/v1/programmes/{programme}/participants"
    while url:
        response = api("manager", "GET", url)
        assert response.status_code == 200
        # Their answers (objectives, skills) are the matching's, not the list's.
        assert not {"Grow", "Budgets", "Negotiation with suppliers"} & set(re.findall(
            r'"([^"]*)"', response.get_data(as_text=True)))
        pages.append(response.get_json())
        url = links(response).get("next")
    assert [(page["page"], page["pages"], page["total"]) for page in pages] == [(1, 4, 7), (2, 4, 7), (3, 4, 7),
                                                                                 (4, 4, 7)]
    everyone = [p for page in pages for p in page["participants"]]
    assert [p["id"] for p in everyone] == sorted(p["id"] for p in everyone)
    assert [(p["name"], p["role"], p["status"]) for p in everyone][:2] == [
        ("Owner", "mentee", "answered"), ("Other", "mentor", "answered")]
    assert everyone[-1] == {"id": everyone[-1]["id"], "name": "invitee@example.org", "job_title": None,
                            "role": "mentee", "status": "invited", "source": "invitation", "reminded_at": None}
    assert all(set(p) == {"id", "name", "job_title", "role", "status", "source", "reminded_at"} for p in everyone)
    problem(api("manager", "GET", "/api/v1/programmes/{programme}/participants?page=0"), 400)
    past = api("manager", "GET", "/api/v1/programmes/{programme}/participants?page=9").get_json()
    assert past["participants"] == [] and past["total"] == 7


def test_a_manager_invites_a_json_list(api, world):
    invitations = [{"email": " Lea@Example.org ", "role": "mentor"}, {"email": "owner@example.org"},
                   {"email": "lea@example.org", "role": "mentee"}]
    response = api("manager", "POST", "/api/v1/programmes/{programme}/invitations", {"invitations": invitations})
    assert response.status_code == 200 and response.get_json() == {"invited": 1, "already": 1}
    invited = db.session.scalar(sa.select(Participant).filter_by(email="lea@example.org"))
    assert (invited.role, invited.status, invited.source, invited.user_id) == ("mentee", "invited", "invitation", None)
    mail = db.session.scalar(sa.select(OutgoingMail).where(OutgoingMail.recipient == "lea@example.org"))
    assert "/programmes/invitations/" in mail.body


@pytest.mark.parametrize("invitations,pointer", [
    ([{"email": "not-an-email", "role": "mentee"}], "#/invitations/0/email"),
    ([{"email": "lea@example.org", "role": "boss"}], "#/invitations/0/role"),
    ([{"email": "lea@example.org\x00", "role": "mentee"}], "#/invitations/0/email"),
    ([{"email": "lea@example.org,mentee\nmarc@example.org"}], "#/invitations/0/email"),
    ([{"email": "x" * 100_000}], "#/invitations/0/email"),
    ([], "#/invitations"),
    ("lea@example.org,mentee", "#/invitations"),
    ([{"email": f"person{n}@example.org"} for n in range(MAX_INVITATIONS + 1)], "#/invitations"),
])
def test_invitations_are_refused_as_a_whole(api, invitations, pointer):
    url = "/api/v1/programmes/{programme}/invitations"
    assert refused(api, "manager", "POST", url, {"invitations": invitations}, 422) == [pointer]


def test_invitations_reminders_and_removals_are_the_managers_during_enrolment(api, world):
    for role in ("owner", "other", "stranger", "seated"):
        refused(api, role, "POST", "/api/v1/programmes/{programme}/invitations",
                {"invitations": [{"email": "lea@example.org"}]}, 404)
        refused(api, role, "POST", "/api/v1/programmes/{programme}/remind", None, 404)
        refused(api, role, "POST", "/api/v1/programmes/{programme}/participants/{participant}/remove", None, 404)
    response = api("manager", "POST", "/api/v1/programmes/{programme}/remind")
    assert response.status_code == 200 and response.get_json() == {"reminded": 1}  # the invited address
    invitee = db.session.scalar(sa.select(Participant).filter_by(email="invitee@example.org"))
    assert invitee.reminded_at is not None
    removed = api("manager", "POST", "/api/v1/programmes/{programme}/participants/{participant}/remove")
    assert removed.status_code == 200 and removed.get_json()["status"] == "removed"
    assert db.session.get(Participant, world.values("manager")["participant"]).status == "removed"
    refused(api, "manager", "POST", f"/api/v1/programmes/{{programme}}/participants/{2**31 - 1}/remove", None, 404)
    programme_of(world).status = "running"
    db.session.commit()
    refused(api, "manager", "POST", "/api/v1/programmes/{programme}/remind", None, 409)
    refused(api, "manager", "POST", "/api/v1/programmes/{programme}/invitations",
            {"invitations": [{"email": "lea@example.org"}]}, 409)


# --- Managers: matching and publishing -----------------------------------------------------

def test_the_matching_page_and_the_managers_changes(api, world):
    values = world.values("manager")
    view = api("manager", "GET", "/api/v1/programmes/{programme}/matching").get_json()
    assert [(p["id"], p["state"], p["published"]) for p in view["pairs"]] == [
        (values["pair"], "proposed", False), (values["locked_pair"], "locked", False),
        (values["published_pair"], "proposed", True)]
    assert view["pairs"][0]["explanation"] == {"seek": "Budgets", "bring": "Budgets", "percent": 80,
                                               "relation": "classic", "return": None}
    assert view["methods"] == {} and view["unmatched"] == [] and view["matched_at"] is None
    assert view["circles"] == {"by_status": {"proposed": 1, "formed": 0, "dissolved": 1, "expired": 0},
                               "members_waiting": 3}
    locked = api("manager", "POST", "/api/v1/programmes/{programme}/pairs/{pair}/lock")
    assert locked.status_code == 200 and locked.get_json()["state"] == "locked"
    assert db.session.get(ProgrammePair, values["pair"]).state == "locked"
    released = api("manager", "POST", "/api/v1/programmes/{programme}/pairs/{locked_pair}/unlock")
    assert released.get_json()["state"] == "proposed"
    swapped = api("manager", "POST", "/api/v1/programmes/{programme}/swap",
                  {"first": values["pair"], "second": values["locked_pair"]})
    assert swapped.status_code == 200, swapped.get_json()
    pairs = swapped.get_json()["pairs"]
    assert [p["state"] for p in pairs] == ["locked", "locked"]
    assert {(p["mentor"]["name"], p["mentee"]["name"]) for p in pairs} == {("Mentor A", "Mentee B"),
                                                                          ("Mentor B", "Mentee A")}
    forbidden = api("manager", "POST", f"/api/v1/programmes/{{programme}}/pairs/{pairs[0]['id']}/forbid")
    assert forbidden.status_code == 204 and forbidden.get_data() == b""
    assert db.session.get(ProgrammePair, pairs[0]["id"]) is None


def test_running_the_matching_and_publishing(api, world):
    values = world.values("manager")
    run = api("manager", "POST", "/api/v1/programmes/{programme}/matching/run")
    assert run.status_code == 200, run.get_json()
    view = run.get_json()
    assert set(view["methods"]) >= {"optimal", "greedy", "stable"} and view["matched_at"].endswith("+00:00")
    assert {p["id"] for p in view["pairs"]} >= {values["locked_pair"], values["published_pair"]}
    assert view == api("manager", "GET", "/api/v1/programmes/{programme}/matching").get_json()
    published = api("manager", "POST", "/api/v1/programmes/{programme}/publish")
    assert published.status_code == 200, published.get_json()
    body = published.get_json()
    assert body["exchanges_created"] >= 1 and body["programme"]["status"] == "running"
    programme = programme_of(world)
    assert programme.status == "running"
    assert all(pair.exchange_id is not None for pair in programme.pairs)
    refused(api, "manager", "POST", "/api/v1/programmes/{programme}/publish", None, 409)  # nothing left


@pytest.mark.parametrize("body,status,pointers", [
    ({"first": "{pair}", "second": "{pair}"}, 422, ["#/second"]),  # the same pair twice
    ({"first": "{pair}", "second": "{published_pair}"}, 409, []),
    ({"first": "{pair}", "second": 2**31}, 422, ["#/second"]),
    ({"first": 2**63, "second": "{pair}"}, 422, ["#/first"]),
    ({"first": "{pair}", "second": 2**31 - 1}, 404, []),
    ({"first": "{pair}", "second": "3"}, 422, ["#/second"]),
    ({"first": "{pair}", "second": 1.5}, 422, ["#/second"]),
    ({"first": "{pair}"}, 422, ["#/second"]),
])
def test_a_swap_is_refused_as_on_the_page(api, world, body, status, pointers):
    body = fill(body, world.values("manager"), typed=True)
    assert refused(api, "manager", "POST", "/api/v1/programmes/{programme}/swap", body, status) == pointers


def test_pairs_of_another_programme_do_not_exist_here(api, world, make_user):
    other_manager = make_user(email="hr2@example.org", seniority="senior")
    services.grant_manager(other_manager.email)
    settings = {**fill(PROGRAMME, world.values("manager"), typed=True), "objectives": "Learn"}
    for day in ("enrolment_closes_on", "starts_on", "ends_on"):
        settings[day] = datetime.fromisoformat(settings[day]).date()
    theirs = services.create_programme(other_manager, **settings).id
    db.session.commit()
    url = f"/api/v1/programmes/{theirs}/pairs/{{pair}}/lock"
    refused(api, other_manager, "POST", url, None, 404)  # the world's pair, not of their programme
    refused(api, "manager", "POST", url, None, 404)
    problem(api("manager", "GET", f"/api/v1/programmes/{theirs}/matching"), 404)


# --- Managers: follow-up -------------------------------------------------------------------

def test_the_dashboard_shows_statuses_and_aggregates_only(api, world):
    response = api("manager", "GET", "/api/v1/programmes/{programme}/dashboard")
    assert response.status_code == 200
    text, body = response.get_data(as_text=True), response.get_json()
    for marker in (*PRIVATE_NOTES, *PRIVATE_ANSWERS, *SHARED_NOTES):
        assert marker not in text
    assert body["participants"] == {"invited": 1, "answered": 6, "removed": 0}
    assert (body["paired"], body["unpaired"]) == (6, 0)
    assert body["exchange_statuses"] == {"active": 1} and body["min_answers_shown"] == MIN_ANSWERS_SHOWN
    # Two ratings and two questionnaires: too few to show a mean.
    assert body["meeting_ratings"] == {"mean": None, "count": 2}
    assert {(q["question"], q["mean"], q["count"]) for q in body["questionnaire"]} == {
        (key, None, 2) for key in ("trust", "listening", "usefulness", "objectives", "recommend")}
    published = next(p for p in body["pairs"] if p["pair_id"] == world.values("manager")["published_pair"])
    assert (published["exchange_status"], published["meetings_held"], published["objectives_total"]) == ("active", 2, 2)
    assert "low_ratings" in published["at_risk"] and body["at_risk"] == [published]
    assert all(set(week) == {"monday", "planned", "held"} for week in body["weeks"])


def test_a_mean_is_shown_from_five_answers_to_one_decimal(api, world):
    exchange = db.session.get(Exchange, world.values("owner")["exchange"])
    owner, other = (db.session.scalar(sa.select(User).filter_by(email=f"{role}@example.org"))
                    for role in ("owner", "other"))
    for days, ratings in ((4, (5, 4)), (5, (5, 5))):
        start = datetime.now().replace(microsecond=0) - timedelta(days=days)
        meeting = meetings.schedule_meeting(exchange, owner, start)
        meetings.hold_meeting(exchange, owner, meeting.id)
        for person, rating in zip((owner, other), ratings):
            feedback.give_meeting_feedback(exchange, person, meeting.id, rating, "")
    db.session.commit()
    body = api("manager", "GET", "/api/v1/programmes/{programme}/dashboard").get_json()
    # 2, 1, 5, 4, 5, 5: a mean of 3.666..., shown as the page shows it.
    assert body["meeting_ratings"] == {"mean": 3.7, "count": 6}


def test_a_pair_is_reminded_once_a_day(api, world):
    first = api("manager", "POST", "/api/v1/programmes/{programme}/pairs/{published_pair}/remind")
    assert first.status_code == 200 and first.get_json() == {"reminded": True}
    told = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "programme_checkin")).all()
    assert len(told) == 2
    assert api("manager", "POST", "/api/v1/programmes/{programme}/pairs/{published_pair}/remind").get_json() == {
        "reminded": False}
    refused(api, "manager", "POST", "/api/v1/programmes/{programme}/pairs/{pair}/remind", None, 409)


# --- Every operation ---------------------------------------------------------------------

def operations(app):
    """(method, path template) of every operation of the programmes API (members' and managers')."""
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint.startswith(
        ("programmes_api.", "programme_managers_api.")) for method in rule.methods - {"HEAD", "OPTIONS"})


@pytest.mark.parametrize("huge", [2**31, 2**63, int("9" * 40)])
def test_ids_too_big_for_the_database_are_404(app, api, world, huge):
    """Its manager asks, so the 404 is the id's, not a refusal of who asks."""
    requests = []
    for method, path in operations(app):
        for name in ("programme_id", "participant_id", "pair_id"):
            if f"<int:{name}>" in path:
                url = path.replace(f"<int:{name}>", str(huge)).replace("<int:programme_id>", "{programme}")
                requests.append((method, url.replace("<int:participant_id>", "{participant}").replace(
                    "<int:pair_id>", "{pair}")))
    assert len(requests) >= 20
    before = snapshot()
    answers = {(method, url): api("manager", method, url, {} if method != "GET" else None).status_code
               for method, url in requests}
    assert {key: status for key, status in answers.items() if status != 404} == {}
    assert snapshot() == before


def test_reading_writes_nothing(app, api, world):
    reads = [path for method, path in operations(app) if method == "GET"]
    assert len(reads) == 6
    before = snapshot()
    for role in ("manager", "owner", "seated", "stranger"):
        for path in reads:
            api(role, "GET", path.replace("<int:programme_id>", "{programme}")).close()
    assert snapshot() == before


def test_every_write_of_a_read_only_token_is_403(app, client, world):
    _, secret = access_tokens.create_token(db.session.scalar(sa.select(User).filter_by(email="manager@example.org")),
                                           "reader", "read")
    db.session.commit()
    before = snapshot()
    for method, path in operations(app):
        url = path.replace("<int:programme_id>", "{programme}").replace("<int:participant_id>", "{participant}") \
            .replace("<int:pair_id>", "{pair}").format(**world.values("manager"))
        status = client.open(url, method=method, json={}, headers={"Authorization": f"Bearer {secret}"}).status_code
        assert (status == 403) == (method != "GET"), (method, url, status)
    assert snapshot() == before


def test_service_refusals_name_their_field(app):
    """The API points at the field a service refused (ProgrammeError.field)."""
    with pytest.raises(services.ProgrammeError) as refused_value:
        services.check_programme({"name": "A programme", "objectives": "Learn", "kind": "classic",
                                  "language_rule": "any", "department_rule": "any", "timezone_rule": "any",
                                  "enrolment_closes_on": utcnow().date(), "starts_on": utcnow().date(),
                                  "ends_on": utcnow().date()})
    assert (refused_value.value.field, refused_value.value.status_code) == ("ends_on", 400)
    assert enrolment.invitation_address("Léa@Example.ORG") == "léa@example.org"
    assert enrolment.invitation_address("not an address") is None
