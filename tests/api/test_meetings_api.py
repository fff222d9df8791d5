"""/api/v1 meetings: planning, agenda, notes, feedback, the questionnaire and calendars, through
the same services as the exchange page, each answer as the page shows it to the member asking.

Léa (Paris) learns negotiation from Marc (Montréal) in an active one-to-one exchange; Eve
(Tokyo) has no part in it. Each calls with their own token.
"""

import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from marketplace.accounts import access_tokens
from marketplace.accounts.models import User, utcnow
from marketplace.exchange import cohorts, feedback, meeting_api, services
from marketplace.exchange.models import AgendaItem, Exchange, Meeting, MeetingFeedback, MeetingNote
from marketplace.exchange.queries import upcoming_meetings_of
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from tests.api.conftest import links
from tests.conftest import PASSWORD, statements_sent
from tests.test_authorization_matrix import snapshot

FRAMEWORK = {"frequency": "weekly", "planned_meetings": 4, "meeting_minutes": 60, "channel": "video",
             "place": "https://meet.example/lea-marc", "ground_rules": "On time."}
PROBLEM = "application/problem+json"
ANSWERS = {"trust": 5, "listening": 4, "usefulness": 5, "objectives": 3, "recommend": 4, "comments": "LEA-ANSWER"}


class Member:
    """A member calling the API with their own token."""

    def __init__(self, client, user, scope="write"):
        self.client, self.id, self.timezone = client, user.id, user.timezone
        _, secret = access_tokens.create_token(user, f"{user.display_name}'s script", scope)
        db.session.commit()
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, url, **kwargs):
        return self.client.get(url, headers=self.headers, **kwargs)

    def post(self, url, json=None, **kwargs):
        return self.client.post(url, json=json, headers=self.headers, **kwargs)

    @property
    def user(self):
        return db.session.get(User, self.id)


@pytest.fixture
def world(client, make_user, make_skill):
    """Léa, Marc and Eve with their tokens (and Léa's read-only one), and Léa and Marc's
    active exchange (Marc teaches Léa)."""
    lea = make_user(email="lea@example.org", display_name="Léa", seniority="junior", timezone="Europe/Paris")
    marc = make_user(email="marc@example.org", display_name="Marc", seniority="executive",
                     timezone="America/Montreal")
    eve = make_user(email="eve@example.org", display_name="Eve", timezone="Asia/Tokyo")
    offer = make_skill(marc, "offer", "Negotiation with suppliers")
    exchange = services.propose_exchange(lea, marc, their_offer=offer, objectives=["Negotiate a contract"],
                                         **FRAMEWORK)
    services.accept_exchange(exchange, marc)
    db.session.commit()
    world = {name: Member(client, user) for name, user in (("lea", lea), ("marc", marc), ("eve", eve))}
    world["reader"] = Member(client, lea, "read")
    world["exchange"] = exchange.id
    return world


def local(zone, days, hour=10, minute=0):
    """A wall-clock time in the zone, days from today (negative: in the past)."""
    day = datetime.now(ZoneInfo(zone)) + timedelta(days=days)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0, tzinfo=None)


def clock_change(zone, twice):
    """The next wall-clock time, at least two days ahead, that the zone's clocks skip
    (twice=False) or go through twice (twice=True)."""
    zone_info = ZoneInfo(zone)
    start = local(zone, 2, hour=0, minute=30)
    for hours in range(24 * 400):
        moment = start + timedelta(hours=hours)
        earlier, later = moment.replace(tzinfo=zone_info), moment.replace(tzinfo=zone_info, fold=1)
        if earlier.utcoffset() != later.utcoffset():
            exists = earlier.astimezone(timezone.utc).astimezone(zone_info).replace(tzinfo=None) == moment
            if exists == twice:
                return moment
    raise AssertionError("no clock change within 400 days")


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M")


def plan(member, exchange_id, starts_at, **body):
    """Schedule through the API; returns the meeting's JSON (asserting a 201)."""
    response = member.post(f"/api/v1/exchanges/{exchange_id}/meetings", json={"starts_at": starts_at, **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def assert_problem(response, status, pointer=None):
    """A problem of that status (pointing at the body's field, if given); returns its body."""
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["detail"]
    if pointer is not None:
        assert [error["pointer"] for error in body["errors"]] == [pointer], body
    return body


def stored(meeting_id):
    db.session.expire_all()
    return db.session.get(Meeting, meeting_id)


# The walkthrough: schedule a meeting, then download the calendar.


def test_schedule_a_meeting_then_download_the_calendar(world):
    lea, marc, exchange = world["lea"], world["marc"], world["exchange"]
    when = local("Europe/Paris", 10, hour=16)
    response = lea.post(f"/api/v1/exchanges/{exchange}/meetings",
                        json={"starts_at": iso(when), "minutes": 30, "place": "Room 4"})
    assert response.status_code == 201, response.get_json()
    shown = response.get_json()
    assert response.headers["Location"] == f"/api/v1/exchanges/{exchange}/meetings/{shown['id']}"
    instant = when.replace(tzinfo=ZoneInfo("Europe/Paris")).astimezone(timezone.utc)
    assert datetime.fromisoformat(shown["starts_at"]) == instant and shown["starts_at"].endswith("+00:00")
    assert datetime.fromisoformat(shown["ends_at"]) == instant + timedelta(minutes=30)
    assert shown["timezone"] == "Europe/Paris" and shown["starts_at_local"].startswith(iso(when))
    assert (shown["status"], shown["minutes"], shown["place"]) == ("planned", 30, "Room 4")
    assert shown["exchange"] == {"id": exchange, "kind": "classic", "status": "active",
                                 "topics": "Negotiation with suppliers"}
    # As on the page: the time for Marc in his zone, and nothing in anyone's night at 16:00 Paris.
    [montreal] = shown["elsewhere"]
    assert montreal["timezone"] == "America/Montreal" and montreal["members"] == ["Marc"]
    assert datetime.fromisoformat(montreal["starts_at_local"]) == instant and not montreal["night"]
    assert shown["night_for"] == [] and shown["agenda"] == [] and shown["notes"] == [] and shown["my_feedback"] is None
    # The same meeting the service stored, and Marc is told.
    meeting = stored(shown["id"])
    assert meeting.starts_at == instant.replace(tzinfo=None) and meeting.created_by_id == lea.id
    assert db.session.scalar(sa.select(Notification.kind).filter_by(user_id=marc.id, meeting_id=meeting.id)) == \
        "meeting_scheduled"
    # Marc reads it on his clocks.
    for_marc = marc.get(response.headers["Location"]).get_json()
    assert for_marc["timezone"] == "America/Montreal" and datetime.fromisoformat(for_marc["starts_at_local"]) == instant
    assert [row["members"] for row in for_marc["elsewhere"]] == [["Léa"]]

    calendar = lea.get(f"/api/v1/exchanges/{exchange}/calendar.ics")
    assert calendar.status_code == 200 and calendar.mimetype == "text/calendar"
    assert calendar.headers["Content-Disposition"] == f'attachment; filename="passerelle-exchange-{exchange}.ics"'
    assert calendar.headers["Cache-Control"] == "private, no-store"
    [event] = Calendar.from_ical(calendar.data).walk("VEVENT")
    assert event.decoded("DTSTART") == instant and event.decoded("DTEND") == instant + timedelta(minutes=30)
    assert str(event["LOCATION"]) == "Room 4" and str(event["STATUS"]) == "CONFIRMED"
    # The page's download is the same file.
    assert calendar.data == _page_calendar(lea.client, exchange)


def _page_calendar(client, exchange_id):
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    data = client.get(f"/exchanges/{exchange_id}/calendar.ics").data
    client.post("/logout")
    return data


def test_a_time_with_an_offset_is_that_instant(world):
    lea, exchange = world["lea"], world["exchange"]
    when = local("Asia/Kolkata", 20, hour=9, minute=15)
    shown = plan(lea, exchange, iso(when) + "+05:30")
    assert datetime.fromisoformat(shown["starts_at"]) == when.replace(tzinfo=ZoneInfo("Asia/Kolkata"))
    utc = local("UTC", 21, hour=12)
    shown = plan(lea, exchange, utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert stored(shown["id"]).starts_at == utc
    # Without minutes or a place, the framework's.
    assert (shown["minutes"], shown["place"]) == (60, "https://meet.example/lea-marc")


def test_a_time_the_clocks_go_through_twice_needs_an_offset(world):
    lea, exchange = world["lea"], world["exchange"]
    twice = clock_change("Europe/Paris", twice=True)
    before = snapshot()
    refused = lea.post(f"/api/v1/exchanges/{exchange}/meetings", json={"starts_at": iso(twice)})
    assert "twice" in assert_problem(refused, 422, "#/starts_at")["detail"]
    assert snapshot() == before
    first = plan(lea, exchange, iso(twice) + "+02:00")
    second = plan(lea, exchange, iso(twice) + "+01:00")
    assert stored(second["id"]).starts_at - stored(first["id"]).starts_at == timedelta(hours=1)
    assert first["starts_at_local"].endswith("+02:00") and second["starts_at_local"].endswith("+01:00")


def test_the_page_refuses_the_same_ambiguous_time(world, auth, client):
    """One rule for both: the page's form goes through the same service."""
    twice = clock_change("Europe/Paris", twice=True)
    auth.login("lea@example.org")
    response = client.post(f"/exchanges/{world['exchange']}/meetings",
                           data={"starts_at": iso(twice), "minutes": "30", "place": ""})
    assert response.status_code == 400 and "twice" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


@pytest.mark.parametrize("label,value", [
    ("skipped by the clocks", None),
    ("skipped in Paris on 2026-03-29", "2026-03-29T02:30"),
    ("twice in Paris on 2026-10-25", "2026-10-25T02:30"),
    ("year 9999", "9999-12-31T23:59"),
    ("year 9999 with an offset", "9999-12-31T23:59-12:00"),
    ("year 1", "0001-01-01T00:00"),
    ("year 1 with an offset", "0001-01-01T00:00+14:00"),
    ("more than a year ago", "LONG-AGO"),
    ("more than three years ahead", "FAR-AHEAD"),
    ("a date alone", "2026-12-01"),
    ("words", "next tuesday"),
    ("NUL", "2026-12-01T10:00\x00"),
    ("100k characters", "2026-12-01T10:00" + "0" * 100_000),
    ("a number", 20261201),
    ("null", "NULL"),
    ("25 o'clock", "2026-12-01T25:00"),
])
def test_a_start_the_page_would_refuse_is_422_at_the_field(world, label, value):
    lea, exchange = world["lea"], world["exchange"]
    value = {None: iso(clock_change("Europe/Paris", twice=False)), "LONG-AGO": iso(local("Europe/Paris", -370)),
             "FAR-AHEAD": iso(local("Europe/Paris", 3 * 365 + 5)), "NULL": None}.get(value, value)
    before = snapshot()
    for url in (f"/api/v1/exchanges/{exchange}/meetings", None):
        if url is None:  # a planned meeting moved there
            meeting = plan(lea, exchange, iso(local("Europe/Paris", 5)))
            before = snapshot()
            url = f"/api/v1/exchanges/{exchange}/meetings/{meeting['id']}/reschedule"
        assert_problem(lea.post(url, json={"starts_at": value}), 422, "#/starts_at")
        assert snapshot() == before, label


def test_a_meeting_in_someone_s_night_is_planned_and_flagged(world):
    lea, exchange = world["lea"], world["exchange"]
    shown = plan(lea, exchange, iso(local("Europe/Paris", 10, hour=9)))  # 03:00 or 04:00 in Montréal
    assert shown["night_for"] == ["Marc"] and shown["elsewhere"][0]["night"] is True


@pytest.mark.parametrize("body,pointer", [
    ({"minutes": 14}, "#/minutes"), ({"minutes": 241}, "#/minutes"), ({"minutes": "30"}, "#/minutes"),
    ({"minutes": True}, "#/minutes"), ({"place": "x" * 301}, "#/place"), ({"place": "Room\x004"}, "#/place"),
    ({"place": "\u202egnp.exe"}, "#/place"), ({"extra": 1}, "#/extra"),
])
def test_a_bad_length_or_place_is_422_at_the_field(world, body, pointer):
    before = snapshot()
    response = world["lea"].post(f"/api/v1/exchanges/{world['exchange']}/meetings",
                                 json={"starts_at": iso(local("Europe/Paris", 5)), **body})
    assert_problem(response, 422, pointer)
    assert snapshot() == before


def test_move_cancel_and_hold(world):
    lea, marc, exchange = world["lea"], world["marc"], world["exchange"]
    future = plan(lea, exchange, iso(local("Europe/Paris", 5)), minutes=45, place="Room 4")
    url = f"/api/v1/exchanges/{exchange}/meetings/{future['id']}"
    later = local("America/Montreal", 6, hour=11)
    moved = marc.post(url + "/reschedule", json={"starts_at": iso(later)})
    assert moved.status_code == 200, moved.get_json()
    # Read in Marc's zone; without minutes or a place the meeting keeps its own.
    assert moved.get_json()["starts_at_local"].startswith(iso(later))
    assert (moved.get_json()["minutes"], moved.get_json()["place"]) == (45, "Room 4")
    assert stored(future["id"]).sequence == 1
    assert db.session.scalar(sa.select(Notification.kind).filter_by(user_id=lea.id, meeting_id=future["id"])) == \
        "meeting_rescheduled"
    # Not started: it cannot be marked held yet.
    assert "started" in assert_problem(lea.post(url + "/hold"), 409)["detail"]
    cancelled = lea.post(url + "/cancel")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert stored(future["id"]).status == "cancelled"
    for action in ("/cancel", "/hold"):
        assert_problem(lea.post(url + action), 409)
    assert_problem(lea.post(url + "/reschedule", json={"starts_at": iso(later)}), 409)

    past = plan(lea, exchange, iso(local("Europe/Paris", -2)))
    held = marc.post(f"/api/v1/exchanges/{exchange}/meetings/{past['id']}/hold")
    assert held.status_code == 200 and held.get_json()["status"] == "held" == stored(past["id"]).status


def test_agenda_notes_and_feedback_as_the_page_shows_them(world):
    lea, marc, exchange = world["lea"], world["marc"], world["exchange"]
    meeting = plan(lea, exchange, iso(local("Europe/Paris", -1)))
    url = f"/api/v1/exchanges/{exchange}/meetings/{meeting['id']}"
    # The learner prepares the agenda; Marc only teaches in this exchange.
    added = lea.post(url + "/agenda", json={"text": "  Anchoring   in price talks "})
    assert added.status_code == 201
    assert added.get_json()["text"] == "Anchoring in price talks" and added.get_json()["author"]["name"] == "Léa"
    assert_problem(marc.post(url + "/agenda", json={"text": "Mine"}), 403)
    shared = marc.post(url + "/notes", json={"text": "MARC-SHARED\nsecond line"})
    assert shared.status_code == 201 and shared.get_json()["private"] is False
    private = lea.post(url + "/notes", json={"text": "LEA-PRIVATE", "private": True})
    assert private.status_code == 201 and private.get_json()["private"] is True
    assert [n.text for n in stored(meeting["id"]).notes] == ["MARC-SHARED\nsecond line", "LEA-PRIVATE"]
    # Feedback comes once the meeting is held, once each.
    assert_problem(lea.post(url + "/feedback", json={"rating": 4}), 409)
    assert marc.post(url + "/hold").status_code == 200
    rated = lea.post(url + "/feedback", json={"rating": 2, "comment": "LEA-COMMENT"})
    assert rated.status_code == 201 and rated.get_json()["rating"] == 2
    assert marc.post(url + "/feedback", json={"rating": 5, "comment": "MARC-COMMENT"}).status_code == 201
    assert_problem(lea.post(url + "/feedback", json={"rating": 3}), 409)
    assert sorted(f.rating for f in stored(meeting["id"]).feedback) == [2, 5]

    for member, mine, theirs in ((lea, "LEA", "MARC"), (marc, "MARC", "LEA")):
        for response in (member.get(url), member.get(f"/api/v1/exchanges/{exchange}/meetings")):
            body = response.get_data(as_text=True)
            assert response.status_code == 200 and f"{mine}-COMMENT" in body and f"{theirs}-COMMENT" not in body
            assert ("LEA-PRIVATE" in body) == (member is lea) and "MARC-SHARED" in body
    shown = lea.get(url).get_json()
    assert [item["text"] for item in shown["agenda"]] == ["Anchoring in price talks"]
    assert [(n["text"], n["private"]) for n in shown["notes"]] == [("MARC-SHARED\nsecond line", False),
                                                                   ("LEA-PRIVATE", True)]
    assert shown["my_feedback"]["comment"] == "LEA-COMMENT"


@pytest.mark.parametrize("path,body,pointer", [
    ("agenda", {"text": ""}, "#/text"), ("agenda", {"text": "   "}, "#/text"),
    ("agenda", {"text": "x" * 301}, "#/text"),
    ("agenda", {"text": "a\x00b"}, "#/text"), ("agenda", {"text": "two\nlines"}, "#/text"),
    ("agenda", {"text": "\u202egnp.exe"}, "#/text"), ("agenda", {}, "#/text"),
    ("notes", {"text": "a\x00b"}, "#/text"), ("notes", {"text": "x" * 100_000}, "#/text"),
    ("notes", {"text": "a\x1b[2J"}, "#/text"), ("notes", {"text": "Note", "private": "yes"}, "#/private"),
    ("notes", {"text": 12}, "#/text"), ("notes", {"text": ["a"]}, "#/text"),
    ("feedback", {"rating": 0}, "#/rating"), ("feedback", {"rating": 6}, "#/rating"),
    ("feedback", {"rating": "4"}, "#/rating"), ("feedback", {"rating": 4.5}, "#/rating"),
    ("feedback", {"rating": 2**63}, "#/rating"), ("feedback", {"rating": 4, "comment": "x" * 2001}, "#/comment"),
    ("feedback", {"rating": 4, "comment": "a\x00b"}, "#/comment"),
])
def test_a_bad_body_is_422_at_the_field_and_changes_nothing(world, path, body, pointer):
    lea, exchange = world["lea"], world["exchange"]
    meeting = plan(lea, exchange, iso(local("Europe/Paris", -1)))
    url = f"/api/v1/exchanges/{exchange}/meetings/{meeting['id']}"
    if path == "feedback":
        assert lea.post(url + "/hold").status_code == 200
    before = snapshot()
    assert_problem(lea.post(f"{url}/{path}", json=body), 422, pointer)
    assert snapshot() == before


def test_the_questionnaire(world):
    lea, marc, exchange = world["lea"], world["marc"], world["exchange"]
    url = f"/api/v1/exchanges/{exchange}/evaluation"
    assert lea.get(url).get_json()["due"] is False
    assert "completed" in assert_problem(lea.post(url, json=ANSWERS), 409)["detail"]
    services.complete_exchange(db.session.get(Exchange, exchange), lea.user)
    db.session.commit()
    before = lea.get(url).get_json()
    assert before["due"] is True and before["answered_at"] is None
    assert [(q["key"], q["kind"], q["score"], q["text"]) for q in before["questions"]] == [
        (q["key"], q["kind"], None, None) for q in feedback.QUESTIONS]
    answered = lea.post(url, json=ANSWERS)
    assert answered.status_code == 201 and answered.headers["Location"] == url
    mine = {q["key"]: q["score"] if q["kind"] == "scale" else q["text"] for q in answered.get_json()["questions"]}
    assert mine == ANSWERS and answered.get_json()["due"] is False
    assert feedback.evaluation_of(db.session.get(Exchange, exchange), lea.user) is not None
    assert_problem(lea.post(url, json=ANSWERS), 409)
    # Marc still has his to fill in, and never reads Léa's answers.
    theirs = marc.get(url)
    assert theirs.get_json()["due"] is True and "LEA-ANSWER" not in theirs.get_data(as_text=True)
    assert lea.get(url).get_json()["questions"] == answered.get_json()["questions"]


@pytest.mark.parametrize("change,pointer", [
    ({"trust": 6}, "#/trust"), ({"trust": 0}, "#/trust"), ({"trust": "5"}, "#/trust"), ({"trust": True}, "#/trust"),
    ({"trust": None}, "#/trust"), ({"comments": "a\x00b"}, "#/comments"), ({"comments": "x" * 4001}, "#/comments"),
    ({"extra": "x"}, "#/extra"), ({"listening": 2**31}, "#/listening"),
])
def test_a_bad_questionnaire_is_422_at_the_field(world, change, pointer):
    lea, exchange = world["lea"], world["exchange"]
    services.complete_exchange(db.session.get(Exchange, exchange), lea.user)
    db.session.commit()
    before = snapshot()
    assert_problem(lea.post(f"/api/v1/exchanges/{exchange}/evaluation", json={**ANSWERS, **change}), 422, pointer)
    assert snapshot() == before


def test_a_missing_answer_is_422(world):
    lea, exchange = world["lea"], world["exchange"]
    services.complete_exchange(db.session.get(Exchange, exchange), lea.user)
    db.session.commit()
    partial = {key: value for key, value in ANSWERS.items() if key != "recommend"}
    assert_problem(lea.post(f"/api/v1/exchanges/{exchange}/evaluation", json=partial), 422, "#/recommend")
    # The written answer is optional, as on the page.
    written = {key: value for key, value in ANSWERS.items() if key != "comments"}
    assert lea.post(f"/api/v1/exchanges/{exchange}/evaluation", json=written).status_code == 201


def test_my_agenda_lists_my_upcoming_meetings_across_exchanges(world, make_skill, monkeypatch):
    monkeypatch.setattr(meeting_api, "MEETINGS_PER_PAGE", 2)
    lea, marc, eve, exchange = world["lea"], world["marc"], world["eve"], world["exchange"]
    # A second exchange for Léa, with Eve teaching her.
    offer = make_skill(eve.user, "offer", "Bonsai care")
    second = services.propose_exchange(lea.user, eve.user, their_offer=offer, objectives=["Prune"], **FRAMEWORK)
    services.accept_exchange(second, eve.user)
    db.session.commit()
    second = second.id
    soon = local("UTC", 3, hour=12)
    stamp = soon.strftime("%Y-%m-%dT%H:%MZ")
    first = plan(lea, exchange, stamp)
    tie = plan(eve, second, stamp)  # the same time: ties by id
    later = plan(marc, exchange, iso(local("America/Montreal", 8)))
    plan(lea, exchange, iso(local("Europe/Paris", -1)))  # past: not upcoming
    dropped = plan(lea, second, iso(local("Europe/Paris", 4)))
    assert lea.post(f"/api/v1/exchanges/{second}/meetings/{dropped['id']}/cancel").status_code == 200

    pages, url = [], "/api/v1/meetings"
    while url:
        response = lea.get(url)
        assert response.status_code == 200, response.get_json()
        pages.append(response.get_json())
        url = links(response).get("next")
    assert [page["page"] for page in pages] == [1, 2] and all(page["total"] == 3 for page in pages)
    shown = [meeting["id"] for page in pages for meeting in page["meetings"]]
    assert shown == [first["id"], tie["id"], later["id"]]
    assert shown == [m.id for m in db.session.scalars(upcoming_meetings_of(lea.user, utcnow()))]
    assert pages[1]["meetings"][0]["exchange"]["id"] == exchange and pages[0]["meetings"][1]["exchange"]["id"] == second
    assert parse_qs(urlsplit(links(lea.get("/api/v1/meetings"))["next"]).query) == {"page": ["2"]}
    # Marc only sees his exchange's; Eve hers.
    assert [m["id"] for m in marc.get("/api/v1/meetings").get_json()["meetings"]] == [first["id"], later["id"]]
    assert [m["id"] for m in eve.get("/api/v1/meetings").get_json()["meetings"]] == [tie["id"]]


def test_an_exchange_s_meetings_in_time_order_page_by_page(world, monkeypatch):
    monkeypatch.setattr(meeting_api, "MEETINGS_PER_PAGE", 2)
    lea, exchange = world["lea"], world["exchange"]
    ids = [plan(lea, exchange, iso(local("Europe/Paris", days)))["id"] for days in (9, -3, 4, 4, 1)]
    url, pages = f"/api/v1/exchanges/{exchange}/meetings", []
    while url:
        response = lea.get(url)
        pages.append(response.get_json())
        url = links(response).get("next")
    assert [len(page["meetings"]) for page in pages] == [2, 2, 1]
    assert [m["id"] for page in pages for m in page["meetings"]] == [ids[1], ids[4], ids[2], ids[3], ids[0]]
    assert_problem(lea.get(f"/api/v1/exchanges/{exchange}/meetings?page=0"), 400)


def test_a_cohort_s_meetings_are_run_by_its_mentor(client, world, make_user, make_skill):
    mentor = make_user(email="mentor@example.org", display_name="Mentor")
    offer = make_skill(mentor, "offer", "Public speaking")
    cohort = cohorts.open_cohort(mentor, offer, "Speak up", 5, language="en", objectives=["Speak"], **FRAMEWORK)
    cohorts.join_cohort(cohort, world["eve"].user)
    db.session.commit()
    group, mentor, seated = cohort.exchange_id, Member(client, mentor), world["eve"]
    when = iso(local("Europe/Paris", 6))
    assert_problem(seated.post(f"/api/v1/exchanges/{group}/meetings", json={"starts_at": when}), 403)
    meeting = plan(mentor, group, when)
    url = f"/api/v1/exchanges/{group}/meetings/{meeting['id']}"
    assert seated.post(url + "/agenda", json={"text": "Stage fright"}).status_code == 201
    assert_problem(mentor.post(url + "/agenda", json={"text": "Mine"}), 403)
    assert_problem(seated.post(url + "/cancel"), 403)
    # Eve reads the time in Tokyo; the mentor and Eve are each other's "elsewhere".
    assert seated.get(url).get_json()["timezone"] == "Asia/Tokyo"
    assert seated.get(url).get_json()["elsewhere"][0]["members"] == ["Mentor"]
    # The group's meeting is not one of Léa's exchange's, whatever the id.
    elsewhere = f"/api/v1/exchanges/{world['exchange']}/meetings/{meeting['id']}"
    assert_problem(world["lea"].get(elsewhere), 404)
    assert_problem(world["lea"].post(elsewhere + "/notes", json={"text": "Hello"}), 404)


def test_strangers_huge_ids_and_other_exchanges_meetings_are_404(world):
    lea, eve, exchange = world["lea"], world["eve"], world["exchange"]
    meeting = plan(lea, exchange, iso(local("Europe/Paris", -1)))
    base = f"/api/v1/exchanges/{exchange}"
    url = f"{base}/meetings/{meeting['id']}"
    before = snapshot()
    for response in (eve.get(f"{base}/meetings"), eve.get(url), eve.get(f"{base}/calendar.ics"),
                     eve.get(f"{base}/evaluation"), eve.post(url + "/notes", json={"text": "Hello"}),
                     eve.post(url + "/hold"), eve.post(f"{base}/meetings", json={"starts_at": iso(local("UTC", 3))}),
                     eve.post(f"{base}/evaluation", json=ANSWERS)):
        assert_problem(response, 404)
    for huge in (2**31, 2**63, 10**30):
        for path in (f"/api/v1/exchanges/{huge}/meetings", f"/api/v1/exchanges/{huge}/calendar.ics",
                     f"{base}/meetings/{huge}", f"/api/v1/exchanges/{huge}/evaluation"):
            assert_problem(lea.get(path), 404)
        for path in (f"{base}/meetings/{huge}/notes", f"{base}/meetings/{huge}/cancel",
                     f"/api/v1/exchanges/{huge}/meetings/1/agenda"):
            assert_problem(lea.post(path, json={"text": "x"}), 404)
    # A meeting id the exchange does not have.
    assert_problem(lea.get(f"{base}/meetings/{meeting['id'] + 1000}"), 404)
    assert snapshot() == before


@pytest.mark.parametrize("path", ["/api/v1/exchanges/{huge}/meetings", "/api/v1/exchanges/{huge}/evaluation"])
def test_a_huge_id_on_a_path_also_read_is_404_on_a_write(world, path):
    for huge in (2**31, 2**63):
        assert_problem(world["lea"].post(path.format(huge=huge), json=ANSWERS), 404)


def test_reading_writes_nothing_and_a_read_only_token_cannot_write(world):
    lea, reader, exchange = world["lea"], world["reader"], world["exchange"]
    meeting = plan(lea, exchange, iso(local("Europe/Paris", 2)))
    base = f"/api/v1/exchanges/{exchange}"
    url = f"{base}/meetings/{meeting['id']}"
    before = snapshot()
    for path in ("/api/v1/meetings", f"{base}/meetings", url, f"{base}/evaluation", f"{base}/calendar.ics"):
        assert reader.get(path).status_code == 200, path
    for path, body in ((f"{base}/meetings", {"starts_at": iso(local("UTC", 3))}), (url + "/cancel", None),
                       (url + "/notes", {"text": "Hi"}), (url + "/agenda", {"text": "Hi"})):
        assert_problem(reader.post(path, json=body), 403)
    assert snapshot() == before


def test_signed_out_is_401(client, world):
    for path in ("/api/v1/meetings", f"/api/v1/exchanges/{world['exchange']}/calendar.ics"):
        assert_problem(client.get(path), 401)


def test_statements_do_not_grow_with_the_meetings_shown(world):
    """A page of meetings costs a fixed number of statements (agenda, notes and feedback loaded with it)."""
    lea, exchange = world["lea"], world["exchange"]

    def cost():
        with statements_sent() as sent:
            assert lea.get(f"/api/v1/exchanges/{exchange}/meetings").status_code == 200
            assert lea.get("/api/v1/meetings").status_code == 200
        return len(sent)

    first = plan(lea, exchange, iso(local("Europe/Paris", 3)))
    lea.post(f"/api/v1/exchanges/{exchange}/meetings/{first['id']}/notes", json={"text": "One"})
    one = cost()
    for days in range(4, 12):
        shown = plan(lea, exchange, iso(local("Europe/Paris", days)))
        url = f"/api/v1/exchanges/{exchange}/meetings/{shown['id']}"
        lea.post(url + "/notes", json={"text": "A note"})
        lea.post(url + "/agenda", json={"text": "A topic"})
    assert cost() == one


def test_the_created_answers_are_the_stored_rows(world):
    """The API's 201 answers are the rows the services stored: agenda items, notes and feedback."""
    lea, exchange = world["lea"], world["exchange"]
    meeting = plan(lea, exchange, iso(local("Europe/Paris", -1)))
    url = f"/api/v1/exchanges/{exchange}/meetings/{meeting['id']}"
    item = lea.post(url + "/agenda", json={"text": "Topic"}).get_json()
    note = lea.post(url + "/notes", json={"text": "Note"}).get_json()
    lea.post(url + "/hold")
    rating = lea.post(url + "/feedback", json={"rating": 5}).get_json()
    db.session.expire_all()
    assert db.session.get(AgendaItem, item["id"]).text == "Topic"
    assert db.session.get(MeetingNote, note["id"]).author_id == lea.id
    assert db.session.get(MeetingFeedback, rating["id"]).rating == 5


@pytest.fixture
def live_server(app_config, world):
    """The app on a free port, on the test's database (with the world in it)."""
    from marketplace import create_app
    from tests.servers import serving

    with serving(create_app({**app_config, "TESTING": False})) as base:
        yield base


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schemathesis_on_a_real_exchange(live_server, world, mode):
    """tests/api/test_schemathesis.py's run, with the paths naming Léa's exchange and its
    meetings (a completed exchange for the questionnaire): answers of every kind, 200 and 201
    included, each as the document says, and no server error."""
    import itertools

    import requests
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    from tests.api.test_schemathesis import CHECKS

    lea, exchange = world["lea"], world["exchange"]
    meeting_ids = itertools.cycle([plan(lea, exchange, iso(local("Europe/Paris", days)))["id"]
                                   for days in (-2, -1, 3, 9)])
    completed = services.propose_exchange(world["eve"].user, lea.user, their_offer=None,
                                          my_offer=_offer(world["eve"].user), objectives=["Finish"], **FRAMEWORK)
    services.accept_exchange(completed, lea.user)
    services.complete_exchange(completed, lea.user)
    db.session.commit()
    completed = completed.id
    session = requests.Session()
    session.headers.update(lea.headers)
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    mine = [op for op in operations if re.search(r"^/api/v1/(meetings|exchanges/\{exchange_id\}/(meetings|evaluation|"
                                                 r"calendar))", op.path)]
    assert len(mine) == 13
    statuses = Counter()
    for operation in mine:

        @settings(max_examples=30, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
        def check(case):
            if "exchange_id" in (case.path_parameters or {}):
                case.path_parameters["exchange_id"] = completed if "evaluation" in case.path else exchange
            if "meeting_id" in (case.path_parameters or {}):
                case.path_parameters["meeting_id"] = next(meeting_ids)
            response = case.call(session=session, timeout=30)
            case.validate_response(response, checks=CHECKS)
            statuses[response.status_code] += 1

        check()
    session.close()
    print(f"\nmeetings on a real exchange ({mode}): {dict(statuses)}")
    assert statuses[500] == 0 and (mode == "negative" or {200, 201} <= set(statuses))


def _offer(member):
    from marketplace.skills import services as skill_services

    offer = skill_services.add_skill(member, "offer", "Bonsai care")
    db.session.commit()
    return offer
