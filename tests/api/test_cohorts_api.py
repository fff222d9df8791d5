"""/api/v1/cohorts: the cohort pages' services, answered as the pages show them to each member;
refusals with the page's status, changing nothing; hostile input refused field by field."""

from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from marketplace.accounts import access_tokens
from marketplace.exchange import cohorts
from marketplace.exchange.models import Cohort
from marketplace.exchange.services import ExchangeError
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from tests.api.conftest import links
from tests.api.test_problems import assert_problem
from tests.conftest import statements_sent

FRAMEWORK = {"frequency": "weekly", "planned_meetings": 4, "meeting_minutes": 60, "channel": "video",
             "place": "https://meet.example/speak", "ground_rules": "On time."}
BODY = {"title": "Speak up", "capacity": 2, "language": "en", "objectives": ["Speak for five minutes"],
        "description": "Short talks, kind feedback.", **FRAMEWORK}


@pytest.fixture
def people(make_user, make_skill):
    """Yanis mentors public speaking; Léa and Marc want to learn it; Eve and Noor are around."""
    found = {name: make_user(email=f"{name.lower()}@example.org", display_name=name)
             for name in ("Yanis", "Lea", "Marc", "Eve", "Noor")}
    found["offer"] = make_skill(found["Yanis"], "offer", "Public speaking")
    for name in ("Lea", "Marc"):
        make_skill(found[name], "learn", "Public speaking")
    return found


@pytest.fixture
def cohort(people):
    """Yanis's cohort of two seats."""
    opened = cohorts.open_cohort(people["Yanis"], people["offer"], "Speak up", 2, language="en",
                                 objectives=["Speak for five minutes"], **FRAMEWORK)
    db.session.commit()
    return opened


@pytest.fixture
def call(client, people):
    """call(member, method, url, **kw) -> the response to a request with the member's token."""
    secrets = {member.id: access_tokens.create_token(member, "test", "write")[1]
               for name, member in people.items() if name != "offer"}
    db.session.commit()

    def send(member, method, url, **kwargs):
        return client.open(url, method=method, headers={"Authorization": f"Bearer {secrets[member.id]}"}, **kwargs)

    return send


def snapshot():
    """Every row of every table (read apart from the test's session, whose objects stay usable)."""
    with db.engine.connect() as connection:
        return {table.name: connection.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
                for table in db.metadata.sorted_tables}


def body_of(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


# --- Reading ----------------------------------------------------------------------------------

def test_open_cohorts_are_the_pages_list_newest_first_page_by_page(people, call, monkeypatch):
    monkeypatch.setattr(cohorts, "COHORTS_PER_PAGE", 2)
    opened = [cohorts.open_cohort(people["Yanis"], people["offer"], f"Cohort {n}", 3, objectives=["Talk"])
              for n in range(5)]
    cohorts.set_enrolment(opened[1], people["Yanis"], False)  # closed: not listed
    db.session.commit()
    bodies, url = [], "/api/v1/cohorts"
    while url:
        response = call(people["Eve"], "GET", url)
        bodies.append(body_of(response))
        url = links(response).get("next")
    assert [b["page"] for b in bodies] == [1, 2] and all(b["total"] == 4 and b["pages"] == 2 for b in bodies)
    shown = [c["id"] for b in bodies for c in b["cohorts"]]
    assert shown == [c.id for c in db.session.scalars(cohorts.open_cohorts())] == [opened[n].id for n in (4, 3, 2, 0)]
    first = bodies[0]["cohorts"][0]
    assert set(first) == {"id", "title", "mentor", "offer", "language", "capacity", "seats_taken", "seats_left",
                          "waitlisted", "enrolment_open", "created_at"}
    assert first["mentor"]["display_name"] == "Yanis" and "email" not in first["mentor"]
    assert first["offer"] == {"id": people["offer"].id, "title": "Public speaking"}
    assert (first["seats_taken"], first["seats_left"], first["waitlisted"]) == (0, 3, 0)
    assert parse_qs(urlsplit(links(call(people["Eve"], "GET", "/api/v1/cohorts"))["last"]).query) == {"page": ["2"]}


def test_listing_costs_the_same_whatever_the_number_of_seats(people, call, make_user):
    for n in range(3):
        cohorts.open_cohort(people["Yanis"], people["offer"], f"Cohort {n}", 10, objectives=["Talk"])
    db.session.commit()
    call(people["Eve"], "GET", "/api/v1/cohorts")
    with statements_sent() as few:
        call(people["Eve"], "GET", "/api/v1/cohorts")
    for cohort in db.session.scalars(sa.select(Cohort)).all():
        for n in range(4):
            cohorts.join_cohort(cohort, make_user())
    db.session.commit()
    call(people["Eve"], "GET", "/api/v1/cohorts")  # the test's own session reloads Eve
    with statements_sent() as many:
        body = body_of(call(people["Eve"], "GET", "/api/v1/cohorts"))
    assert [c["seats_taken"] for c in body["cohorts"]] == [4, 4, 4]
    assert len(many) == len(few)


def test_suggestions_are_the_pages_for_my_needs(people, cohort, call):
    body = body_of(call(people["Lea"], "GET", "/api/v1/cohorts/suggested"))
    (suggestion,) = body["suggestions"]
    (expected,) = cohorts.cohorts_for(people["Lea"])
    assert suggestion["cohort"]["id"] == cohort.id == expected[0].id
    assert suggestion["need"]["title"] == "Public speaking" and suggestion["need"]["id"] == expected[1].id
    assert suggestion["percent"] == round(100 * expected[2]) and suggestion["band"]
    # Not to its mentor, nor to whoever it removed, nor to someone who needs nothing it teaches.
    cohorts.join_cohort(cohort, people["Lea"])
    cohorts.remove_participant(cohort, people["Yanis"], people["Lea"].id)
    db.session.commit()
    for member in ("Yanis", "Lea", "Eve"):
        assert body_of(call(people[member], "GET", "/api/v1/cohorts/suggested")) == {"suggestions": []}, member


def test_a_cohort_reads_as_its_page_shows_it_to_each(people, cohort, call):
    for name in ("Lea", "Marc", "Eve"):  # two seats: Eve waits
        cohorts.join_cohort(cohort, people[name])
    db.session.commit()
    url = f"/api/v1/cohorts/{cohort.id}"
    seen = {name: body_of(call(people[name], "GET", url)) for name in ("Yanis", "Lea", "Eve", "Noor")}
    for body in seen.values():
        assert (body["title"], body["capacity"], body["language"], body["status"]) == ("Speak up", 2, "en", "active")
        assert (body["seats_taken"], body["seats_left"], body["waitlisted"], body["enrolment_open"]) == (2, 0, 1, True)
        assert body["objectives"] == ["Speak for five minutes"]
        assert body["framework"]["frequency"] == "weekly" and body["framework"]["ground_rules"] == "On time."
        assert "@example.org" not in str(body)
    mentor, seated, waiting, stranger = (seen[n] for n in ("Yanis", "Lea", "Eve", "Noor"))
    assert (mentor["i_run_it"], mentor["my_seat"], mentor["exchange_id"]) == (True, None, cohort.exchange_id)
    assert [m["display_name"] for m in mentor["participants"]["seated"]] == ["Lea", "Marc"]
    assert [m["display_name"] for m in mentor["participants"]["waitlist"]] == ["Eve"]
    assert (seated["my_seat"], seated["exchange_id"], seated["participants"]) == ("seated", cohort.exchange_id, None)
    assert (waiting["my_seat"], waiting["exchange_id"], waiting["participants"]) == ("waitlisted", None, None)
    assert (stranger["my_seat"], stranger["exchange_id"], stranger["i_run_it"]) == (None, None, False)
    # The room or link is for those in the cohort's space.
    assert mentor["framework"]["place"] == seated["framework"]["place"] == "https://meet.example/speak"
    assert waiting["framework"]["place"] is stranger["framework"]["place"] is None


# --- Opening a cohort -------------------------------------------------------------------------

def test_opening_a_cohort_is_the_forms_service(people, call):
    response = call(people["Yanis"], "POST", "/api/v1/cohorts", json={"offer": people["offer"].id, **BODY,
                                                                        "start_date": "2027-01-04"})
    body = body_of(response, 201)
    cohort = db.session.get(Cohort, body["id"])
    assert response.headers["Location"] == f"/api/v1/cohorts/{cohort.id}"
    assert (cohort.mentor_id, cohort.skill_id, cohort.title, cohort.capacity, cohort.language) == (
        people["Yanis"].id, people["offer"].id, "Speak up", 2, "en")
    exchange = cohort.exchange
    assert (exchange.kind, exchange.status, exchange.place, str(exchange.start_date)) == (
        "group", "active", "https://meet.example/speak", "2027-01-04")
    assert body["i_run_it"] and body["participants"] == {"seated": [], "waitlist": []}
    # The form's defaults where the body says nothing.
    minimal = body_of(call(people["Yanis"], "POST", "/api/v1/cohorts", json={
        "offer": people["offer"].id, "title": "Again", "language": "fr", "objectives": ["One"]}), 201)
    assert minimal["capacity"] == 8 and minimal["framework"] == {
        "frequency": "fortnightly", "planned_meetings": 6, "meeting_minutes": 45, "channel": "video", "place": "",
        "ground_rules": "", "start_date": None}


@pytest.mark.parametrize("field,value", [
    ("title", "a\x00b"), ("title", "x" * 100_000), ("title", "\u202egnp.exe"), ("title", "   "), ("title", 12),
    ("description", "x" * 2001), ("description", "a\x00b"), ("description", "x" * 100_000),
    ("capacity", 1), ("capacity", 51), ("capacity", "5"), ("capacity", True), ("capacity", 2**63),
    ("language", "de"), ("language", ""), ("language", None),
    ("objectives", []), ("objectives", ["One"] * 6), ("objectives", ["x" * 201]), ("objectives", ["a\x00b"]),
    ("objectives", "Learn"), ("objectives", [""]),
    ("frequency", "daily"), ("channel", "carrier pigeon"), ("planned_meetings", 0), ("planned_meetings", 53),
    ("meeting_minutes", 14), ("meeting_minutes", 241), ("place", "x" * 301), ("place", "a\r\nBcc: x"),
    ("ground_rules", "x" * 2001), ("start_date", "2027-02-30"), ("start_date", "soon"),
    ("offer", 2**63), ("offer", 0), ("offer", "1"), ("offer", None), ("unknown", "x")])
def test_a_bad_field_is_422_with_its_pointer_and_changes_nothing(people, call, field, value):
    before = snapshot()
    response = call(people["Yanis"], "POST", "/api/v1/cohorts", json={"offer": people["offer"].id, **BODY,
                                                                        field: value})
    body = assert_problem(response, 422, "Unprocessable Content")
    assert [(e["in"], e["pointer"].split("/")[1]) for e in body["errors"]] == [("json", field)]
    assert snapshot() == before


@pytest.mark.parametrize("change", [
    {"offer": "someone else's"}, {"offer": "one of my needs"}, {"offer": "no such skill"},
    {"title": " a "}])  # one character once trimmed: the service's rule
def test_what_the_service_refuses_is_422_as_on_the_form(people, call, change, make_skill):
    offers = {"someone else's": make_skill(people["Eve"], "offer", "Knitting").id,
              "one of my needs": make_skill(people["Yanis"], "learn", "Knitting").id, "no such skill": 2**31 - 1}
    before = snapshot()
    body = {"offer": people["offer"].id, **BODY, **change}
    if "offer" in change:
        body["offer"] = offers[change["offer"]]
    assert_problem(call(people["Yanis"], "POST", "/api/v1/cohorts", json=body), 422, "Unprocessable Content")
    assert snapshot() == before


def test_the_cohort_language_is_the_services_rule(people):
    """Moved from the form's choices into open_cohort, so that every caller keeps to it."""
    with pytest.raises(ExchangeError):
        cohorts.open_cohort(people["Yanis"], people["offer"], "Speak up", 2, language="xx", objectives=["Talk"])


def test_a_body_that_is_not_json_is_refused(people, call):
    for data, content_type in (("title=Speak", "application/x-www-form-urlencoded"), ("{", "application/json"),
                               ("[]", "application/json")):
        before = snapshot()
        response = call(people["Yanis"], "POST", "/api/v1/cohorts", data=data, content_type=content_type)
        assert 400 <= response.status_code < 500 and response.mimetype == "application/problem+json"
        assert snapshot() == before


# --- Seats ------------------------------------------------------------------------------------

def test_join_then_the_waitlist_then_leave_promotes_the_first_waiting(people, cohort, call):
    url = f"/api/v1/cohorts/{cohort.id}"
    assert body_of(call(people["Lea"], "POST", url + "/join"))["my_seat"] == "seated"
    assert body_of(call(people["Marc"], "POST", url + "/join"))["my_seat"] == "seated"
    full = body_of(call(people["Eve"], "POST", url + "/join"))
    assert (full["my_seat"], full["seats_left"], full["waitlisted"]) == ("waitlisted", 0, 1)
    left = body_of(call(people["Lea"], "POST", url + "/leave"))
    assert (left["my_seat"], left["seats_taken"], left["waitlisted"]) == ("left", 2, 0)
    assert body_of(call(people["Eve"], "GET", url))["my_seat"] == "seated"
    assert db.session.scalar(sa.select(Notification).filter_by(user_id=people["Eve"].id, kind="cohort_seat"))
    # Leaving again, or never having joined: 409, nothing changes.
    for name in ("Lea", "Noor"):
        before = snapshot()
        assert_problem(call(people[name], "POST", url + "/leave"), 409, "Conflict")
        assert snapshot() == before


def test_who_may_not_join_is_told_why(people, cohort, call):
    url = f"/api/v1/cohorts/{cohort.id}"
    call(people["Lea"], "POST", url + "/join")
    call(people["Yanis"], "POST", url + f"/participants/{people['Lea'].id}/remove")
    cases = [("Yanis", 409, "You run this cohort."), ("Lea", 403, "The mentor removed you from this cohort.")]
    call(people["Marc"], "POST", url + "/join")
    cases.append(("Marc", 409, "You are already in this cohort."))
    for name, status, detail in cases:
        before = snapshot()
        response = call(people[name], "POST", url + "/join")
        assert response.status_code == status and response.get_json()["detail"] == detail
        assert snapshot() == before


def test_the_mentor_removes_and_the_first_waiting_gets_the_seat(people, cohort, call):
    url = f"/api/v1/cohorts/{cohort.id}"
    for name in ("Lea", "Marc", "Eve"):
        call(people[name], "POST", url + "/join")
    body = body_of(call(people["Yanis"], "POST", url + f"/participants/{people['Lea'].id}/remove"))
    assert [m["display_name"] for m in body["participants"]["seated"]] == ["Marc", "Eve"]
    assert body_of(call(people["Lea"], "GET", url))["my_seat"] == "removed"
    # Not the mentor, or not in the cohort (any more): the participant is not there.
    for member, target in (("Marc", "Eve"), ("Yanis", "Lea"), ("Yanis", "Noor"), ("Yanis", "Yanis")):
        before = snapshot()
        assert_problem(call(people[member], "POST", url + f"/participants/{people[target].id}/remove"), 404,
                       "Not Found")
        assert snapshot() == before


def test_the_mentor_closes_and_reopens_enrolment(people, cohort, call):
    url = f"/api/v1/cohorts/{cohort.id}"
    closed = body_of(call(people["Yanis"], "PUT", url + "/enrolment", json={"open": False}))
    assert closed["enrolment_open"] is False
    assert body_of(call(people["Yanis"], "PUT", url + "/enrolment", json={"open": False}))["enrolment_open"] is False
    assert body_of(call(people["Lea"], "GET", "/api/v1/cohorts"))["cohorts"] == []
    before = snapshot()
    assert call(people["Lea"], "POST", url + "/join").get_json()["detail"] == "Enrolment in this cohort is closed."
    assert snapshot() == before
    assert body_of(call(people["Yanis"], "PUT", url + "/enrolment", json={"open": True}))["enrolment_open"] is True
    assert body_of(call(people["Lea"], "POST", url + "/join"))["my_seat"] == "seated"
    # Anyone else: the cohort's controls do not exist for them.
    before = snapshot()
    assert_problem(call(people["Lea"], "PUT", url + "/enrolment", json={"open": False}), 404, "Not Found")
    assert snapshot() == before


@pytest.mark.parametrize("body", [{}, {"open": "false"}, {"open": 0}, {"open": None}, {"open": "yes"},
                                  {"open": False, "state": "close"}, {"open": [True]}])
def test_enrolment_takes_a_boolean_only(people, cohort, call, body):
    before = snapshot()
    response = call(people["Yanis"], "PUT", f"/api/v1/cohorts/{cohort.id}/enrolment", json=body)
    assert_problem(response, 422, "Unprocessable Content")
    assert snapshot() == before


@pytest.mark.parametrize("huge", [2**31 - 1, 2**31, 2**63, "1" * 5000])
def test_paths_naming_ids_too_big_are_404(people, cohort, call, huge):
    before = snapshot()
    for method, url in (("GET", f"/api/v1/cohorts/{huge}"), ("POST", f"/api/v1/cohorts/{huge}/join"),
                        ("POST", f"/api/v1/cohorts/{huge}/leave"),
                        ("POST", f"/api/v1/cohorts/{huge}/participants/{people['Lea'].id}/remove"),
                        ("POST", f"/api/v1/cohorts/{cohort.id}/participants/{huge}/remove"),
                        ("PUT", f"/api/v1/cohorts/{huge}/enrolment")):
        kwargs = {"json": {"open": False}} if method == "PUT" else {}
        assert_problem(call(people["Yanis"], method, url, **kwargs), 404, "Not Found")
    assert snapshot() == before


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page=%00", "page=" + "9" * 5000, "page=2147483648"])
def test_a_bad_page_is_400(people, call, query):
    body = assert_problem(call(people["Eve"], "GET", "/api/v1/cohorts?" + query), 400, "Bad Request")
    assert [e["name"] for e in body["errors"]] == ["page"]
