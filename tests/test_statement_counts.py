"""A page runs the same number of SQL statements whatever the member's history: what grows
(exchanges, meetings, notes, notifications, cohorts) is loaded in batches, never row by row."""

from datetime import timedelta

import pytest

from marketplace.accounts.models import utcnow
from marketplace.exchange import cohorts, feedback, meetings, pages, services
from marketplace.extensions import db
from marketplace.i18n import to_local
from marketplace.notifications import services as notification_services
from marketplace.notifications.services import send_reminders
from tests.conftest import statements_sent

FRAMEWORK = {"frequency": "weekly", "planned_meetings": 6, "meeting_minutes": 60, "channel": "video"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MATCHING_ENCODER": "hashing"}


def statements(client, url):
    """The statements one signed-in GET of the page runs; a first GET does the once-per-process
    work (the matching index loads), which is not what is measured."""
    assert client.get(url).status_code == 200
    with statements_sent() as sent:
        assert client.get(url).status_code == 200
    return len(sent)


def local(member, moment):
    """That day at noon as the member types it (noon never falls in a daylight-saving gap)."""
    return to_local(moment, member.timezone).replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)


def meeting_set(exchange, runner, learner, others, now):
    """A held meeting (rated by the others, not by the learner), one soon without agenda,
    one later with an agenda, shared and private notes by several authors."""
    held = meetings.schedule_meeting(exchange, runner, local(runner, now - timedelta(days=2)), now=now)
    meetings.hold_meeting(exchange, runner, held.id, now=now)
    for person in others:
        feedback.give_meeting_feedback(exchange, person, held.id, 4, "Good", now=now)
        meetings.add_note(exchange, person, held.id, f"Shared by {person.display_name}", now=now)
        meetings.add_note(exchange, person, held.id, "Theirs only", private=True, now=now)
    meetings.add_note(exchange, learner, held.id, "Mine only", private=True, now=now)
    meetings.schedule_meeting(exchange, runner, local(runner, now + timedelta(days=3)), now=now)
    later = meetings.schedule_meeting(exchange, runner, local(runner, now + timedelta(days=20)), now=now)
    meetings.add_agenda_topic(exchange, learner, later.id, "Where to start", now=now)


def build_history(me, make_user, make_skill, rounds, meeting_sets, cohort_size):
    """Each round: an active exchange where I learn (with meetings), a proposal waiting for my
    answer, a completed exchange (questionnaire due), a cohort where I hold a seat.

    Returns (the first active one-to-one exchange, the first cohort's exchange)."""
    now = utcnow()
    first = first_cohort = None
    my_offer = make_skill(me, "offer", "Excel pivot tables")
    for i in range(rounds):
        teacher = make_user(display_name=f"Teacher {i}", timezone="America/Montreal")
        offer = make_skill(teacher, "offer", f"Negotiation {i}")
        exchange = services.propose_exchange(me, teacher, their_offer=offer, objectives=["Learn", "Practise"],
                                             now=now, **FRAMEWORK)
        services.accept_exchange(exchange, teacher, now=now)
        for _ in range(meeting_sets):
            meeting_set(exchange, teacher, me, [teacher], now)
        first = first or exchange

        asker = make_user(display_name=f"Asker {i}")
        services.propose_exchange(asker, me, their_offer=my_offer, objectives=["Pivot"], now=now, **FRAMEWORK)

        done_with = make_user(display_name=f"Former {i}", timezone="Asia/Tokyo")
        done = services.propose_exchange(me, done_with, my_offer=my_offer, objectives=["Pivot"], now=now,
                                         **FRAMEWORK)
        services.accept_exchange(done, done_with, now=now)
        meeting_set(done, me, done_with, [me], now)
        services.complete_exchange(done, done_with, now=now)
        feedback.submit_evaluation(done, done_with, {"trust": 5, "listening": 5, "usefulness": 5,
                                                     "objectives": 4, "recommend": 5, "comments": ""})

        mentor = make_user(display_name=f"Mentor {i}", timezone="Asia/Kolkata")
        cohort = cohorts.open_cohort(mentor, make_skill(mentor, "offer", f"Prompting {i}"), f"Cohort {i}",
                                     cohort_size + 1, objectives=["Prompt"], **FRAMEWORK)
        cohorts.join_cohort(cohort, me)
        peers = [make_user(display_name=f"Peer {i}.{j}") for j in range(cohort_size - 1)]
        for peer in peers:
            cohorts.join_cohort(cohort, peer)
        for _ in range(meeting_sets):
            meeting_set(cohort.exchange, mentor, me, [mentor, *peers], now)
        db.session.commit()
        first_cohort = first_cohort or cohort.exchange
    send_reminders(user=me)
    db.session.commit()
    return first, first_cohort


def measure(client, auth, me, first, first_cohort):
    """Statements per page for this member's history."""
    auth.login(me.email)
    return {
        "dashboard": statements(client, "/dashboard"),
        "notifications": statements(client, "/notifications"),
        "exchange": statements(client, f"/exchanges/{first.id}"),
        "cohort exchange": statements(client, f"/exchanges/{first_cohort.id}"),
    }


def test_statements_do_not_grow_with_history(client, auth, make_user, make_skill):
    small_member = make_user(display_name="Small", timezone="Europe/Paris")
    # 4 exchanges (one a cohort of 2 seats), 3 meetings each, 12 notifications.
    small = measure(client, auth, small_member, *build_history(small_member, make_user, make_skill, 1, 1, 2))
    auth.logout()
    large_member = make_user(display_name="Large", timezone="Europe/Paris")
    # 12 exchanges (three cohorts of 5 seats), 9 meetings each, 84 notifications.
    large = measure(client, auth, large_member, *build_history(large_member, make_user, make_skill, 3, 3, 5))
    grown = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert not grown, f"statements grew with history (small, large): {grown}"


TOPICS = ["Excel pivot tables", "Power BI dashboards", "Negotiation with suppliers"]


def build_matches(me, make_user, make_skill, topics, people, cohort_count):
    """I learn each topic and offer its advanced version; each person the reverse; cohorts on topics."""
    for topic in topics:
        make_skill(me, "learn", topic, allow_similar=True)
        make_skill(me, "offer", f"{topic} advanced", allow_similar=True)
    for i in range(people):
        other = make_user(display_name=f"Colleague {i}")
        for topic in topics:
            make_skill(other, "offer", topic, allow_similar=True)
            make_skill(other, "learn", f"{topic} advanced", allow_similar=True)
    for i in range(cohort_count):
        mentor = make_user(display_name=f"Mentor {i}")
        cohorts.open_cohort(mentor, make_skill(mentor, "offer", topics[i % len(topics)]), f"Cohort {i}", 5,
                            objectives=["Practise"], **FRAMEWORK)
    db.session.commit()


def test_matches_statements_do_not_grow_with_skills_matched(client, auth, make_user, make_skill):
    counts = {}
    # Large: more cards than a page holds, so the cohorts' mentors are not among the people shown.
    for name, topics, people, cohort_count in (("small", TOPICS[:1], 2, 1), ("large", TOPICS, 21, 3)):
        me = make_user(display_name=name)
        build_matches(me, make_user, make_skill, topics, people, cohort_count)
        auth.login(me.email)
        counts[name] = {view: statements(client, f"/matches?view={view}") for view in ("learn", "offer")}
        auth.logout()
    assert counts["large"]["learn"] <= counts["small"]["learn"], counts
    assert counts["large"]["offer"] <= counts["small"]["offer"], counts


# The lists that grew with history are now bounded, with a way to the rest.

def test_dashboard_sections_are_paged(client, auth, make_user, make_skill, monkeypatch):
    monkeypatch.setattr(pages, "EXCHANGES_PER_PAGE", 2)
    me = make_user(display_name="Me")
    for i in range(3):
        other = make_user(display_name=f"Withdrawn {i}")
        offer = make_skill(other, "offer", f"Topic number {i}")
        proposal = services.propose_exchange(me, other, their_offer=offer, objectives=["One"], **FRAMEWORK)
        services.withdraw_exchange(proposal, me)
        db.session.commit()
    auth.login(me.email)
    first = client.get("/dashboard").get_data(as_text=True)
    assert "Topic number 2" in first and "Topic number 1" in first and "Topic number 0" not in first
    assert 'href="/dashboard?closed=2"' in first
    second = client.get("/dashboard?closed=2").get_data(as_text=True)
    assert "Topic number 0" in second and "Topic number 1" not in second
    assert '<a href="/dashboard">← Previous</a>' in second  # back to the first page
    assert client.get("/dashboard?closed=0").status_code == 400


def test_dashboard_says_more_waits(client, auth, make_user, make_skill, monkeypatch):
    me = make_user(display_name="Me")
    offer = make_skill(me, "offer", "Excel pivot tables")
    for i in range(2):
        services.propose_exchange(make_user(), me, their_offer=offer, objectives=["One"], **FRAMEWORK)
    db.session.commit()
    auth.login(me.email)
    assert "More waits after these" not in client.get("/dashboard").get_data(as_text=True)
    monkeypatch.setattr(pages, "WAITING_LIMIT", 1)
    page = client.get("/dashboard").get_data(as_text=True)
    assert page.count("Answer Member") == 1 and "More waits after these" in page


def test_notifications_are_paged(client, auth, make_user, make_skill, monkeypatch):
    monkeypatch.setattr(notification_services, "NOTIFICATIONS_PER_PAGE", 2)
    me = make_user(display_name="Me")
    offer = make_skill(me, "offer", "Excel pivot tables")
    for i in range(3):
        services.propose_exchange(make_user(display_name=f"Asker {i}"), me, their_offer=offer,
                                  objectives=["One"], **FRAMEWORK)
        db.session.commit()
    auth.login(me.email)
    first = client.get("/notifications").get_data(as_text=True)
    assert "Asker 2" in first and "Asker 1" in first and "Asker 0" not in first
    assert 'href="/notifications?page=2"' in first
    second = client.get("/notifications?page=2").get_data(as_text=True)
    assert "Asker 0" in second and "Asker 1" not in second
    assert '<a href="/notifications">← Previous</a>' in second
