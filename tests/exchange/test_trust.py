"""Holes found when the product was attacked: who runs a cohort's meetings, impossible
dates, meetings of closed exchanges, duplicate proposals, counter-proposal history,
cohort notices, and what a member notices on the pages."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from marketplace.accounts.models import utcnow
from marketplace.exchange import cohorts, feedback, meetings, services
from marketplace.exchange.models import Exchange, Meeting, ProposalRevision
from marketplace.exchange.services import DuplicateProposal, ExchangeError
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from tests.exchange.conftest import FRAMEWORK, NOW


@pytest.fixture
def app_config(app_config):
    # The model is not the subject here: a deterministic encoder keeps these tests fast.
    return {**app_config, "MATCHING_ENCODER": "hashing"}


def notifications_of(user, kind=None):
    query = sa.select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return db.session.scalars(query).all()


def meeting_rows():
    db.session.expire_all()
    return [(m.id, m.starts_at, m.status, m.sequence, m.place) for m in db.session.scalars(sa.select(Meeting))]


# --- 1. Only the mentor runs a cohort's meetings ------------------------------------------

@pytest.fixture
def group(make_user, make_skill):
    mentor = make_user(email="yanis@example.org", display_name="Yanis")
    seated = make_user(email="ines@example.org", display_name="Inès")
    offer = make_skill(mentor, "offer", "Prompting AI assistants")
    cohort = cohorts.open_cohort(mentor, offer, "Prompting pour tous", 3, objectives=["Écrire un bon prompt"])
    db.session.flush()
    cohorts.join_cohort(cohort, seated)
    meeting = meetings.schedule_meeting(cohort.exchange, mentor, datetime(2026, 12, 3, 10, 0), now=NOW)
    db.session.commit()
    return {"mentor": mentor, "seated": seated, "cohort": cohort, "exchange": cohort.exchange, "meeting": meeting}


@pytest.mark.parametrize("action", ["schedule", "reschedule", "cancel", "hold"])
def test_a_seated_participant_cannot_run_the_cohorts_meetings(group, action):
    exchange, seated, meeting = group["exchange"], group["seated"], group["meeting"]
    calls = {
        "schedule": lambda: meetings.schedule_meeting(exchange, seated, datetime(2026, 12, 5, 10, 0), now=NOW),
        "reschedule": lambda: meetings.reschedule_meeting(exchange, seated, meeting.id, datetime(2026, 12, 5, 4, 0),
                                                          now=NOW),
        "cancel": lambda: meetings.cancel_meeting(exchange, seated, meeting.id, now=NOW),
        "hold": lambda: meetings.hold_meeting(exchange, seated, meeting.id, now=NOW + timedelta(days=30)),
    }
    with pytest.raises(ExchangeError) as refused:
        calls[action]()
    assert refused.value.status_code == 403


@pytest.mark.parametrize("path,data", [
    ("meetings", {"starts_at": "2026-12-05T10:00", "minutes": "30", "place": "Chez moi"}),
    ("meetings/{m}/reschedule", {"starts_at": "2026-12-05T04:00", "minutes": "30", "place": "Chez moi"}),
    ("meetings/{m}/cancel", {}),
    ("meetings/{m}/hold", {}),
])
def test_the_pages_refuse_it_too_and_nothing_changes(client, auth, group, path, data):
    exchange, meeting = group["exchange"], group["meeting"]
    before = meeting_rows()
    auth.login("ines@example.org")
    response = client.post(f"/exchanges/{exchange.id}/{path.format(m=meeting.id)}", data=data)
    assert response.status_code == 403
    assert meeting_rows() == before
    assert notifications_of(group["mentor"], "meeting_cancelled") == []


def test_participants_do_not_see_the_meeting_controls_and_the_mentor_does(client, auth, group):
    exchange = group["exchange"]
    controls = ["Schedule a meeting", "Mark as held", "Cancel the meeting", "Reschedule"]
    auth.login("ines@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert not [word for word in controls if word in page]
    assert "A topic I want to cover" in page  # participants still prepare the agenda
    auth.logout()
    auth.login("yanis@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert all(word in page for word in controls)


# --- 2. Impossible dates ------------------------------------------------------------------

@pytest.mark.parametrize("local", [datetime(9999, 12, 31, 23, 0), datetime(1, 1, 1, 0, 0),
                                   NOW + timedelta(days=4 * 365), NOW - timedelta(days=400)])
def test_meetings_outside_the_window_are_refused(pair, make_exchange, local):
    exchange = make_exchange()
    with pytest.raises(ExchangeError) as refused:
        meetings.schedule_meeting(exchange, pair["lea"], local, now=NOW)
    assert refused.value.status_code == 400


def test_a_time_skipped_by_the_clocks_is_refused(pair, make_exchange):
    exchange = make_exchange()
    # Paris springs forward at 02:00 on 29 March 2026: 02:30 never happens.
    with pytest.raises(ExchangeError, match="does not exist"):
        meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 3, 29, 2, 30), now=datetime(2026, 3, 1))


def test_a_stored_meeting_at_the_end_of_time_never_breaks_a_page(client, auth, pair, make_exchange):
    exchange = make_exchange()
    pair["lea"].timezone = "Asia/Tokyo"  # east of UTC: 9999-12-31 23:30 UTC overflows there
    db.session.add(Meeting(exchange_id=exchange.id, starts_at=datetime(9999, 12, 31, 23, 30), minutes=60,
                           created_by_id=pair["marc"].id))
    db.session.flush()
    db.session.add(Notification(user_id=pair["lea"].id, kind="meeting_scheduled", key="end-of-time",
                                actor_id=pair["marc"].id, exchange_id=exchange.id,
                                meeting_id=db.session.scalar(sa.select(Meeting.id))))
    db.session.commit()
    auth.login("lea@example.org")
    for url in ["/dashboard", f"/exchanges/{exchange.id}", "/notifications", f"/exchanges/{exchange.id}/calendar.ics",
                f"/calendar/{pair['lea'].calendar_token}.ics", f"/calendar/{pair['marc'].calendar_token}.ics"]:
        assert client.get(url).status_code == 200, url


# --- 5. Closing an exchange cancels the meetings still to come ----------------------------

@pytest.mark.parametrize("close", ["complete", "cancel"])
def test_closing_an_exchange_cancels_its_future_meetings(client, auth, pair, make_exchange, close):
    exchange = make_exchange(now=NOW - timedelta(days=20))
    past = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 11, 20, 10, 0), now=NOW)
    future = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 12, 20, 10, 0), now=NOW)
    getattr(services, f"{close}_exchange")(exchange, pair["marc"], now=NOW)
    db.session.commit()
    assert future.status == "cancelled" and future.sequence == 1
    assert past.status == "planned" and past.sequence == 0
    auth.login("lea@example.org")
    feed = client.get(f"/calendar/{pair['lea'].calendar_token}.ics").data
    events = {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(feed).walk("VEVENT")}
    cancelled = events[f"meeting-{future.id}"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert "Cancel the meeting" not in client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)


# --- 6. One open proposal per pair and skills ---------------------------------------------

def test_a_second_identical_proposal_is_refused_with_a_link_to_the_first(client, auth, pair, make_exchange):
    first = make_exchange(accept=False)
    with pytest.raises(DuplicateProposal) as refused:
        services.propose_exchange(pair["marc"], pair["lea"], their_offer=pair["tiktok"], objectives=["x"], now=NOW)
    assert refused.value.existing.id == first.id
    db.session.rollback()
    auth.login("marc@example.org")
    response = client.post(f"/exchanges/new?member={pair['lea'].id}",
                           data={"their_offer": pair["tiktok"].id, "my_offer": 0, "objectives": "Encore",
                                 "frequency": "weekly", "planned_meetings": "4", "meeting_minutes": "45",
                                 "channel": "video"})
    assert response.status_code == 409
    assert f'href="/exchanges/{first.id}"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 1
    assert len(notifications_of(pair["lea"], "proposal_received")) == 1


def test_the_same_teaching_proposed_back_is_a_duplicate_but_other_skills_are_not(pair, make_exchange):
    make_exchange(accept=False)  # Marc asks Léa for TikTok
    with pytest.raises(DuplicateProposal):  # Léa offers Marc TikTok: the same teaching
        services.propose_exchange(pair["lea"], pair["marc"], my_offer=pair["tiktok"], objectives=["x"], now=NOW)
    swap = services.propose_exchange(pair["marc"], pair["lea"], their_offer=pair["tiktok"],
                                     my_offer=pair["negotiation"], objectives=["x"], now=NOW)
    assert swap.kind == "swap"


# --- 7. A counter-proposal keeps the history ----------------------------------------------

def test_a_counter_proposal_keeps_the_original_and_shows_what_changed(client, auth, pair, make_exchange):
    exchange = make_exchange(accept=False)
    services.counter_propose(exchange, pair["lea"], objectives=["Comprendre l'algorithme", "Tourner un Reel"],
                             message="Plutôt tous les mois ?", now=NOW + timedelta(hours=2),
                             **{**FRAMEWORK, "frequency": "monthly"})
    db.session.commit()
    revisions = db.session.scalars(sa.select(ProposalRevision).order_by(ProposalRevision.id)).all()
    assert [(r.author_id, r.message) for r in revisions] == [(pair["marc"].id, "Bonjour Léa !"),
                                                            (pair["lea"].id, "Plutôt tous les mois ?")]
    auth.login("marc@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "Bonjour Léa !" in page and "Plutôt tous les mois ?" in page
    assert "History of the proposal" in page
    assert "Weekly" in page and "Monthly" in page and "Publier une première vidéo" in page and "Tourner un Reel" in page


def test_only_the_actions_a_member_can_take_are_offered(client, auth, pair, make_exchange):
    exchange = make_exchange(accept=False)
    services.counter_propose(exchange, pair["lea"], objectives=["Autre"], now=NOW, **FRAMEWORK)
    db.session.commit()
    # Léa countered: she waits for Marc, and it is not her proposal to withdraw.
    auth.login("lea@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "Withdraw my proposal" not in page and "Suggest changes" not in page
    assert client.post(f"/exchanges/{exchange.id}/withdraw").status_code == 409
    assert client.get(f"/exchanges/{exchange.id}/counter").status_code == 409
    db.session.expire_all()
    assert db.session.get(Exchange, exchange.id).status == "proposed"
    auth.logout()
    # Marc, whose answer it waits for, can accept, decline or counter, not withdraw.
    auth.login("marc@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "Accept" in page and "Suggest changes" in page and "Withdraw my proposal" not in page
    assert client.get(f"/exchanges/{exchange.id}/counter").status_code == 200


def test_the_proposer_cannot_open_the_counter_form_while_waiting(client, auth, make_exchange):
    exchange = make_exchange(accept=False)
    auth.login("marc@example.org")
    assert client.get(f"/exchanges/{exchange.id}/counter").status_code == 409
    assert "Withdraw my proposal" in client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)


# --- 8. Cohort notices --------------------------------------------------------------------

def test_the_mentor_is_told_of_joins_waitlist_and_leaves(group, make_user):
    cohort, mentor = group["cohort"], group["mentor"]
    others = [make_user(display_name=f"Learner {i}") for i in range(3)]
    for person in others:
        cohorts.join_cohort(cohort, person)
    cohorts.leave_cohort(cohort, others[0])
    db.session.commit()
    kinds = sorted(n.kind for n in notifications_of(mentor) if n.kind.startswith("cohort_"))
    # Inès and two learners seated, the third waitlisted, then one left.
    assert kinds == ["cohort_joined"] * 3 + ["cohort_left", "cohort_waitlisted"]


def test_a_removed_member_is_told_and_no_longer_offered_to_join(client, auth, group):
    cohort, seated = group["cohort"], group["seated"]
    cohorts.remove_participant(cohort, group["mentor"], seated.id)
    db.session.commit()
    assert len(notifications_of(seated, "cohort_removed")) == 1
    auth.login("ines@example.org")
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "removed you" in page and ">Join<" not in page and "Join the waitlist" not in page


def test_the_cohort_tag_follows_each_readers_language(client, auth, group, make_user):
    cohort = group["cohort"]
    make_user(email="fr@example.org", locale="fr")
    auth.login("fr@example.org")
    assert "Cohorte" in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    auth.logout()
    auth.login("yanis@example.org")
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Group cohort" in page and "Cohorte" not in page


# --- What a member notices ----------------------------------------------------------------

def test_times_carry_their_zone_and_the_other_members_night_is_flagged(client, auth, pair, make_exchange):
    exchange = make_exchange()
    auth.login("lea@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "America/Montreal" in page  # the scheduling form says where Marc lives
    # Léa (Paris) books 10:00: 04:00 in Montréal.
    response = client.post(f"/exchanges/{exchange.id}/meetings",
                           data={"starts_at": "2026-12-03T10:00", "minutes": "45", "place": ""},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "during the night for Marc" in page
    assert "(Europe/Paris)" in page and "For Marc:" in page and "(America/Montreal)" in page


def test_the_dashboard_never_asks_for_the_agenda_of_a_past_meeting(client, auth, pair, make_exchange):
    exchange = make_exchange(now=utcnow() - timedelta(days=10))
    now = utcnow()
    meetings.schedule_meeting(exchange, pair["marc"], now - timedelta(days=2), now=now)
    db.session.commit()
    auth.login("marc@example.org")  # Marc learns TikTok: he prepares the agenda
    assert "Prepare the agenda" not in client.get("/dashboard").get_data(as_text=True)
    meetings.schedule_meeting(exchange, pair["marc"], now + timedelta(days=2), now=now)
    db.session.commit()
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Prepare the agenda" in page and "(America/Montreal)" in page


def test_following_a_notification_marks_it_read(client, auth, pair, make_exchange):
    exchange = make_exchange(accept=False)
    notification = notifications_of(pair["lea"], "proposal_received")[0]
    auth.login("lea@example.org")
    assert client.get("/notifications").status_code == 200
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).read_at is None  # reading the list changes nothing
    response = client.post(f"/notifications/{notification.id}/open")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/exchanges/{exchange.id}")
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).read_at is not None
    auth.logout()
    auth.login("stranger@example.org")
    assert client.post(f"/notifications/{notification.id}/open").status_code == 404


def test_each_member_reads_back_their_own_evaluation(client, auth, pair, make_exchange):
    exchange = make_exchange()
    services.complete_exchange(exchange, pair["lea"], now=NOW)
    feedback.submit_evaluation(exchange, pair["lea"], {"trust": 5, "listening": 4, "usefulness": 3, "objectives": 2,
                                                       "recommend": 5, "comments": "MY-OWN-COMMENT"})
    db.session.commit()
    auth.login("lea@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "MY-OWN-COMMENT" in page and "I felt listened to." in page
    auth.logout()
    auth.login("marc@example.org")
    assert "MY-OWN-COMMENT" not in client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)


def test_completing_asks_for_confirmation_first(client, auth, make_exchange):
    exchange = make_exchange()
    auth.login("lea@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert 'id="complete-exchange"' in page and "Yes, mark it completed" in page


# --- Reading a page changes nothing -------------------------------------------------------

def snapshot():
    db.session.expire_all()
    return {table.name: sorted(map(tuple, db.session.execute(sa.select(table)).all()), key=repr)
            for table in db.metadata.sorted_tables}


def test_get_pages_write_nothing_and_send_nothing(client, auth, pair, make_exchange, caplog):
    exchange = make_exchange(accept=False, now=utcnow() - timedelta(days=20))  # overdue
    active = services.propose_exchange(pair["lea"], pair["marc"], my_offer=pair["tiktok"], objectives=["x"],
                                       now=utcnow())
    services.accept_exchange(active, pair["marc"])
    meetings.schedule_meeting(active, pair["lea"], utcnow() + timedelta(hours=3), now=utcnow())  # reminder due
    db.session.commit()
    auth.login("lea@example.org")
    before = snapshot()
    caplog.set_level("INFO")
    caplog.clear()
    pages = ["/dashboard", "/notifications", f"/exchanges/{exchange.id}", f"/exchanges/{exchange.id}/counter",
             f"/exchanges/{active.id}"]
    answers = [client.get(url) for url in pages]
    assert [a.status_code for a in answers] == [200, 200, 200, 409, 200]
    assert "Expired" in answers[2].get_data(as_text=True) and "Accept" not in answers[2].get_data(as_text=True)
    assert snapshot() == before
    assert not [r for r in caplog.records if "email to" in r.getMessage()]
