"""Notifications are created once, counted once per request, and reminders fire in time."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from marketplace.exchange import meetings, services
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.notifications.services import send_reminders, unread_count
from tests.exchange.conftest import NOW


def kinds(user):
    return sorted(db.session.scalars(sa.select(Notification.kind).filter_by(user_id=user.id)))


def test_reminders_are_created_once(pair, make_exchange):
    exchange = make_exchange()
    meeting = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 11, 27, 4, 0), now=NOW)
    db.session.commit()
    before = unread_count(pair["marc"])
    assert send_reminders(now=NOW) == 3  # meeting soon for both, agenda missing for Marc (the learner)
    assert send_reminders(now=NOW) == 0
    assert unread_count(pair["marc"]) == before + 2
    assert kinds(pair["marc"]).count("agenda_missing") == 1
    assert "agenda_missing" not in kinds(pair["lea"])  # Léa teaches: no agenda to prepare

    meetings.hold_meeting(exchange, pair["lea"], meeting.id, now=NOW + timedelta(days=2))
    assert send_reminders(now=NOW + timedelta(days=2)) == 2  # feedback due, for both
    assert send_reminders(now=NOW + timedelta(days=3)) == 0


def test_a_moved_meeting_is_reminded_again(pair, make_exchange):
    exchange = make_exchange()
    meeting = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 11, 27, 4, 0), now=NOW)
    send_reminders(now=NOW)
    meetings.reschedule_meeting(exchange, pair["lea"], meeting.id, datetime(2026, 11, 27, 8, 0), now=NOW)
    assert send_reminders(now=NOW) == 3


def test_every_answer_notifies_the_other_side_once(pair, make_exchange):
    exchange = make_exchange(accept=False)
    services.decline_exchange(exchange, pair["lea"], "Pas le temps ce trimestre", now=NOW)
    assert kinds(pair["marc"]) == ["proposal_declined"]
    assert kinds(pair["lea"]) == ["proposal_received"]


def test_header_shows_the_unread_count_and_the_centre_lists_them(client, auth, pair, make_exchange):
    make_exchange(accept=False)
    auth.login("lea@example.org")
    page = client.get("/profile").get_data(as_text=True)
    assert 'id="unread-count">1<' in page
    centre = client.get("/notifications").get_data(as_text=True)
    assert "Marc proposes an exchange" in centre
    client.post("/notifications/read")
    assert 'id="unread-count"' not in client.get("/profile").get_data(as_text=True)


def test_email_goes_through_the_log_sender(app, pair, make_exchange, caplog):
    caplog.set_level("INFO")
    make_exchange(accept=False)
    assert any("email to lea@example.org" in record.getMessage() for record in caplog.records)
