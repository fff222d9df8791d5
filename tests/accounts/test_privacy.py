"""Export my data, delete my account: what leaves with the member, what the others keep."""

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace.accounts import privacy
from marketplace.accounts.models import User, utcnow
from marketplace.exchange import cohorts, feedback, meetings, services
from marketplace.exchange.models import CohortSeat, Exchange, MeetingFeedback, MeetingNote
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.skills import matching
from marketplace.skills.engine import get_engine
from tests.conftest import PASSWORD


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MATCHING_ENCODER": "hashing"}


@pytest.fixture
def world(make_user, make_skill):
    """Léa, about to leave, with an active exchange with Marc (a held meeting, notes of both,
    her feedback), pending proposals both ways, a cohort she runs and a seat in Marc's."""
    now = utcnow()
    people = {name: make_user(email=f"{name}@example.org", display_name=name.capitalize(), timezone="UTC")
              for name in ("lea", "marc", "zoe", "ana", "bob")}
    lea, marc, zoe, ana, bob = (people[n] for n in ("lea", "marc", "zoe", "ana", "bob"))
    tiktok = make_skill(lea, "offer", "TikTok pour les marques")
    make_skill(lea, "learn", "Negotiation with suppliers")
    negotiation = make_skill(marc, "offer", "Negotiation with suppliers")
    canva = make_skill(zoe, "offer", "Canva for presentations")
    bob_excel = make_skill(bob, "offer", "Excel pivot tables")

    exchange = services.propose_exchange(marc, lea, their_offer=tiktok, objectives=["Publish a first video"])
    services.accept_exchange(exchange, lea)
    meeting = meetings.schedule_meeting(exchange, marc, (now - timedelta(hours=2)).replace(microsecond=0))
    meetings.add_agenda_topic(exchange, marc, meeting.id, "How does the feed choose videos?")
    meetings.hold_meeting(exchange, marc, meeting.id)
    for author, private in ((lea, True), (lea, False), (marc, True), (marc, False)):
        meetings.add_note(exchange, author, meeting.id, f"{author.display_name} {'private' if private else 'shared'} note",
                          private=private)
    feedback.give_meeting_feedback(exchange, lea, meeting.id, 5, "Lea's comment on Marc")
    feedback.give_meeting_feedback(exchange, marc, meeting.id, 4, "Marc's comment")

    outgoing = services.propose_exchange(lea, zoe, their_offer=canva, objectives=["Slides"], message="Hello Zoé")
    incoming = services.propose_exchange(bob, lea, my_offer=bob_excel, objectives=["Pivots"])
    led = cohorts.open_cohort(lea, tiktok, "TikTok cohort", 3, objectives=["Post daily"])
    cohorts.join_cohort(led, ana)
    seat_cohort = cohorts.open_cohort(marc, negotiation, "Negotiation cohort", 2, objectives=["Negotiate"])
    for member in (lea, ana, bob):
        cohorts.join_cohort(seat_cohort, member)
    db.session.commit()
    return {**people, "exchange": exchange, "meeting": meeting, "outgoing": outgoing, "incoming": incoming,
            "led": led, "seat_cohort": seat_cohort, "tiktok": tiktok}


def test_export_has_my_notes_and_the_shared_ones_but_never_the_others_private_notes(client, auth, world):
    auth.login("lea@example.org")
    response = client.post("/profile/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == "lea@example.org" and "password_hash" not in data["profile"]
    assert {s["title"] for s in data["skills"]} == {"TikTok pour les marques", "Negotiation with suppliers"}
    exchange = next(e for e in data["exchanges"] if e["id"] == world["exchange"].id)
    assert exchange["framework"]["frequency"] and exchange["objectives"][0]["title"] == "Publish a first video"
    notes = {n["text"]: n for n in exchange["meetings"][0]["notes"]}
    assert set(notes) == {"Lea private note", "Lea shared note", "Marc shared note"}
    assert notes["Lea private note"]["private"] and notes["Lea private note"]["by_me"]
    assert "Marc private note" not in response.get_data(as_text=True)
    assert exchange["meetings"][0]["my_feedback"]["comment"] == "Lea's comment on Marc"
    assert "Marc's comment" not in response.get_data(as_text=True)
    assert {s["cohort"]: s["status"] for s in data["cohort_seats"]} == {"Negotiation cohort": "seated"}
    assert [c["title"] for c in data["cohorts_mentored"]] == ["TikTok cohort"]
    assert any("Bob" in n["text"] for n in data["notifications"])  # Bob's proposal


def test_export_is_a_post_for_the_signed_in_member_only(client, world):
    assert client.get("/profile/export").status_code == 405
    response = client.post("/profile/export")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_profile_page_offers_both_actions(client, auth, world):
    auth.login("lea@example.org")
    page = client.get("/profile").get_data(as_text=True)
    assert 'action="/profile/export"' in page and 'href="/profile/delete"' in page
    assert client.get("/profile/delete").status_code == 200
    assert client.get("/members/%d" % world["marc"].id).status_code == 200
    assert 'action="/profile/export"' not in client.get("/members/%d" % world["marc"].id).get_data(as_text=True)


def test_a_wrong_password_deletes_nothing(client, auth, world):
    auth.login("lea@example.org")
    response = client.post("/profile/delete", data={"password": "not my password"})
    assert response.status_code == 403
    assert "Wrong password" in response.get_data(as_text=True)
    db.session.expire_all()
    lea = db.session.get(User, world["lea"].id)
    assert lea.deleted_at is None and lea.email == "lea@example.org" and len(lea.skills) == 2
    assert db.session.get(Exchange, world["exchange"].id).status == "active"
    assert client.get("/dashboard").status_code == 200
    with pytest.raises(privacy.AccountError):
        privacy.delete_account(lea, "")


def test_deletion_erases_the_member_and_leaves_the_others_their_history(app, client, auth, world):
    marc_client = app.test_client()
    marc_client.post("/login", data={"email": "marc@example.org", "password": PASSWORD})
    other_device = app.test_client()
    other_device.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    assert other_device.get("/dashboard").status_code == 200
    old_token, lea_id = world["lea"].calendar_token, world["lea"].id
    skill_ids = [s.id for s in world["lea"].skills]
    assert set(skill_ids) <= set(get_engine().snapshot().skills)
    assert lea_id in _found_by_meaning("TikTok pour les marques", world["marc"])
    assert ">Lea<" in marc_client.get("/members?q=Lea").get_data(as_text=True)
    assert _names_lea(marc_client.get("/api/v1/matches?view=offer").get_data(as_text=True))

    auth.login("lea@example.org")
    response = client.post("/profile/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302  # signed out here...
    assert other_device.get("/dashboard").status_code == 302  # ...and on every other device
    assert auth.login("lea@example.org").status_code != 302  # and cannot sign in again
    assert client.get(f"/calendar/{old_token}.ics").status_code == 404

    db.session.expire_all()
    lea = db.session.get(User, lea_id)
    assert lea.deleted_at is not None and lea.email == f"deleted-{lea_id}@invalid"
    assert lea.display_name == "Former member" and not (lea.bio or lea.job_title or lea.department)
    assert lea.languages == [] and lea.skills == []
    # Gone from the index at once, from the directory, the text search and search by meaning.
    assert not set(skill_ids) & set(get_engine().snapshot().skills)
    assert lea_id not in _found_by_meaning("TikTok pour les marques", world["marc"])
    directory = marc_client.get("/members").get_data(as_text=True)
    assert "/members/%d\"" % lea_id not in directory and "Former member" not in directory
    searched = marc_client.get("/members?q=Lea").get_data(as_text=True)
    assert ">Lea<" not in searched and f"/members/{lea_id}" not in searched
    assert marc_client.get(f"/members/{lea_id}").status_code == 404
    assert marc_client.get(f"/exchanges/new?member={lea_id}").status_code == 404
    assert not _names_lea(marc_client.get("/api/v1/matches?view=offer").get_data(as_text=True))

    # Marc keeps the exchange, cancelled, with a former member; her notes are gone, his stay.
    page = marc_client.get(f"/exchanges/{world['exchange'].id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Former member" in text and not _names_lea(text)
    assert "Marc shared note" in text and "Lea shared note" not in text
    assert db.session.get(Exchange, world["exchange"].id).status == "cancelled"
    assert db.session.scalars(sa.select(MeetingNote.text).where(MeetingNote.author_id == lea_id)).all() == []
    lea_feedback = db.session.scalar(sa.select(MeetingFeedback).filter_by(author_id=lea_id))
    assert lea_feedback.rating == 5 and lea_feedback.comment == ""
    # Proposals both ways are closed, her cohort is cancelled and closed, her seat went to Bob.
    assert db.session.get(Exchange, world["outgoing"].id).status == "withdrawn"
    assert db.session.get(Exchange, world["outgoing"].id).message == ""
    assert db.session.get(Exchange, world["incoming"].id).status == "declined"
    led = cohorts.get_cohort(world["led"].id)
    assert led.exchange.status == "cancelled" and not led.enrolment_open
    seats = {s.member_id: s.status for s in db.session.scalars(sa.select(CohortSeat).filter_by(
        cohort_id=world["seat_cohort"].id))}
    assert seats == {lea_id: "left", world["ana"].id: "seated", world["bob"].id: "seated"}
    # The others were told; she has no notifications left.
    kinds = set(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id != lea_id)))
    assert {"exchange_cancelled", "proposal_withdrawn", "proposal_declined", "cohort_seat"} <= kinds
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.user_id == lea_id)) == 0
    notifications = marc_client.get("/notifications").get_data(as_text=True)
    assert "Former member" in notifications and not _names_lea(notifications)


def test_a_deleted_member_shows_as_former_member_in_the_calendar(app, client, auth, world):
    marc = world["marc"]
    auth.login("lea@example.org")
    client.post("/profile/delete", data={"password": PASSWORD})
    body = client.get(f"/calendar/{marc.calendar_token}.ics").get_data(as_text=True)
    assert "Former member" in body and not _names_lea(body)


def test_a_counter_proposal_waiting_for_the_proposer_is_withdrawn_too(world):
    zoe, lea = world["zoe"], world["lea"]
    exchange = services.propose_exchange(zoe, lea, their_offer=world["tiktok"], objectives=["Videos"])
    services.counter_propose(exchange, lea, objectives=["Short videos"])
    db.session.commit()
    privacy.delete_account(lea, PASSWORD)
    db.session.commit()
    assert exchange.status == "withdrawn"


def _names_lea(text):
    return re.search(r"\bLea\b", text) is not None


def _found_by_meaning(text, viewer):
    return [member.id for member, _, _ in matching.search_offers(text, exclude_member_id=viewer.id)]


def test_password_guesses_on_the_deletion_page_are_limited(client, auth, world):
    auth.login("lea@example.org")
    statuses = [client.post("/profile/delete", data={"password": f"guess {n}"}).status_code for n in range(11)]
    assert statuses[:10] == [403] * 10 and statuses[10] == 429
    assert db.session.get(User, world["lea"].id).deleted_at is None


def test_the_cohort_of_a_deleted_mentor_stays_readable_for_its_members(app, client, auth, world):
    auth.login("lea@example.org")
    client.post("/profile/delete", data={"password": PASSWORD})
    ana = app.test_client()
    ana.post("/login", data={"email": "ana@example.org", "password": PASSWORD})
    for path in (f"/cohorts/{world['led'].id}", f"/exchanges/{world['led'].exchange_id}"):
        page = ana.get(path)
        assert page.status_code == 200, path
        assert "Former member" in page.get_data(as_text=True) and not _names_lea(page.get_data(as_text=True))
    assert "TikTok cohort" not in ana.get("/cohorts").get_data(as_text=True)  # no longer open


def test_questionnaire_answers_are_exported_then_their_text_erased(world):
    lea, zoe = world["lea"], world["zoe"]
    exchange = services.propose_exchange(zoe, lea, their_offer=world["tiktok"], objectives=["Reels"])
    services.accept_exchange(exchange, lea)
    services.complete_exchange(exchange, zoe)
    answers = {"trust": 5, "listening": 4, "usefulness": 5, "objectives": 3, "recommend": 5,
               "comments": "Zoé was great"}
    feedback.submit_evaluation(exchange, lea, answers)
    db.session.commit()
    exported = next(e for e in privacy.export_member_data(lea)["exchanges"] if e["id"] == exchange.id)
    assert exported["my_evaluation"]["answers"] == answers
    privacy.delete_account(lea, PASSWORD)
    db.session.commit()
    evaluation = feedback.evaluation_of(exchange, lea)
    kept = {a.question: a.score if a.score is not None else a.text for a in evaluation.answers}
    assert kept == {**answers, "comments": ""}
    assert db.session.get(Exchange, exchange.id).status == "completed"  # history kept as it was
