"""Cohorts: seats, waitlist order, promotion, the mentor's controls, the shared workspace."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace.errors import NotFound
from marketplace.exchange import cohorts, feedback, meetings
from marketplace.exchange.services import ExchangeError
from marketplace.extensions import db
from marketplace.notifications.models import Notification


@pytest.fixture
def mentor(make_user):
    return make_user(email="yanis@example.org", display_name="Yanis", seniority="junior")


@pytest.fixture
def cohort(mentor, make_skill):
    offer = make_skill(mentor, "offer", "Prompting AI assistants", description="ChatGPT, Claude and Copilot at work")
    cohort = cohorts.open_cohort(mentor, offer, "Prompting pour tous", 3, objectives=["Écrire un bon prompt"],
                                 frequency="weekly", planned_meetings=4, meeting_minutes=60, channel="video")
    db.session.commit()
    return cohort


def members(make_user, count):
    return [make_user(display_name=f"Learner {i}") for i in range(count)]


def statuses(cohort):
    db.session.expire_all()
    return [(s.member.display_name, s.status) for s in cohort.seats]


def test_seats_then_waitlist_then_promotion_in_order(cohort, make_user):
    people = members(make_user, 5)
    for person in people:
        cohorts.join_cohort(cohort, person)
    db.session.commit()
    assert [s for _, s in statuses(cohort)] == ["seated"] * 3 + ["waitlisted"] * 2
    assert cohort.seats_left == 0

    cohorts.leave_cohort(cohort, people[1])
    db.session.commit()
    seated = [s.member.display_name for s in cohort.seated]
    assert seated == ["Learner 0", "Learner 2", "Learner 3"]
    assert [s.member.display_name for s in cohort.waitlist] == ["Learner 4"]
    note = db.session.scalar(sa.select(Notification).filter_by(user_id=people[3].id, kind="cohort_seat"))
    assert note is not None


def test_mentor_removes_and_closes_enrolment(cohort, mentor, make_user):
    people = members(make_user, 4)
    for person in people:
        cohorts.join_cohort(cohort, person)
    cohorts.remove_participant(cohort, mentor, people[0].id)
    assert people[3].id in [s.member_id for s in cohort.seated]
    with pytest.raises(ExchangeError):
        cohorts.join_cohort(cohort, people[0])  # removed members cannot come back alone
    with pytest.raises(NotFound):
        cohorts.remove_participant(cohort, people[1], people[2].id)  # not the mentor
    cohorts.set_enrolment(cohort, mentor, False)
    with pytest.raises(ExchangeError):
        cohorts.join_cohort(cohort, make_user())


def test_rules_of_joining(cohort, mentor, make_user):
    with pytest.raises(ExchangeError):
        cohorts.join_cohort(cohort, mentor)
    person = make_user()
    cohorts.join_cohort(cohort, person)
    with pytest.raises(ExchangeError):
        cohorts.join_cohort(cohort, person)
    cohorts.leave_cohort(cohort, person)
    assert cohorts.join_cohort(cohort, person).status == "seated"  # may come back


@pytest.mark.parametrize("capacity", [1, 51, "8", True])
def test_capacity_is_checked(mentor, make_skill, capacity):
    offer = make_skill(mentor, "offer", "Excel")
    with pytest.raises(ExchangeError):
        cohorts.open_cohort(mentor, offer, "Excel", capacity, objectives=["x"])


@pytest.mark.real_model
def test_cohort_is_found_by_matching_for_a_french_need(cohort, make_user, make_skill):
    marc = make_user(display_name="Marc", seniority="executive")
    # Above the display threshold (76 %): the calibrated recipe shows only confident matches.
    make_skill(marc, "learn", "Le prompting des assistants d'IA au travail")
    found = cohorts.cohorts_for(marc)
    assert [c.title for c, _, _ in found] == ["Prompting pour tous"]


def test_workspace_reuses_the_exchange_machinery(cohort, mentor, make_user):
    people = members(make_user, 2)
    for person in people:
        cohorts.join_cohort(cohort, person)
    exchange = cohort.exchange
    assert exchange.has_participant(people[0]) and exchange.role_of(people[0]) == "mentee"
    meeting = meetings.schedule_meeting(exchange, mentor, datetime.now() - timedelta(hours=1))
    meetings.add_agenda_topic(exchange, people[0], meeting.id, "Prompts pour Excel")
    meetings.add_agenda_topic(exchange, people[1], meeting.id, "Résumer un compte rendu")
    with pytest.raises(ExchangeError):
        meetings.add_agenda_topic(exchange, mentor, meeting.id, "x")  # the learners prepare it
    meetings.hold_meeting(exchange, mentor, meeting.id)
    feedback.give_meeting_feedback(exchange, people[0], meeting.id, 5)
    assert len(meeting.agenda) == 2
    outsider = make_user()
    with pytest.raises(NotFound):
        meetings.add_note(exchange, outsider, meeting.id, "hello")
    scheduled = db.session.scalars(sa.select(Notification.user_id).filter_by(kind="meeting_scheduled")).all()
    assert sorted(scheduled) == sorted(p.id for p in people)


def test_cohort_pages(client, auth, cohort, mentor, make_user):
    people = members(make_user, 4)
    for person in people[:3]:
        cohorts.join_cohort(cohort, person)
    db.session.commit()
    auth.login(people[3].email)
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Join the waitlist" in page and "0 seats left" in page
    assert client.post(f"/cohorts/{cohort.id}/join").status_code == 302
    assert "You are on the waitlist" in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert client.post(f"/cohorts/{cohort.id}/join").status_code == 409
    assert client.post(f"/cohorts/{cohort.id}/participants/{people[0].id}/remove").status_code == 404
    assert client.get(f"/exchanges/{cohort.exchange_id}").status_code == 404  # not seated yet
    auth.logout()
    auth.login(mentor.email)
    assert client.post(f"/cohorts/{cohort.id}/participants/{people[0].id}/remove").status_code == 302
    auth.logout()
    auth.login(people[3].email)
    assert "You have a seat" in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert client.get(f"/exchanges/{cohort.exchange_id}").status_code == 200
    assert "Prompting pour tous" in client.get("/cohorts").get_data(as_text=True)


def test_open_a_cohort_through_the_page(client, auth, mentor, make_skill):
    offer = make_skill(mentor, "offer", "Canva for slides")
    auth.login(mentor.email)
    response = client.post("/cohorts/new", data={
        "offer": offer.id, "title": "Canva en 4 séances", "capacity": "6", "language": "fr",
        "objectives": "Un deck propre", "frequency": "weekly", "planned_meetings": "4",
        "meeting_minutes": "60", "channel": "video"})
    assert response.status_code == 302
    response = client.post("/cohorts/new", data={"offer": offer.id, "title": "x", "capacity": "99",
                                                 "objectives": "a", "frequency": "weekly",
                                                 "planned_meetings": "4", "meeting_minutes": "60", "channel": "video"})
    assert response.status_code == 422
