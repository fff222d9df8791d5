"""Meetings across time zones, private notes, calendar files."""

from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from marketplace.exchange import meetings
from marketplace.exchange.meetings import to_local, to_utc, visible_notes
from marketplace.extensions import db
from tests.exchange.conftest import NOW


def test_meeting_time_is_entered_in_my_zone_and_shown_in_theirs(pair, make_exchange):
    exchange = make_exchange()
    # Marc (Montreal, UTC-5 in November) books 10:00 his time.
    meeting = meetings.schedule_meeting(exchange, pair["marc"], datetime(2026, 12, 3, 10, 0), now=NOW)
    assert meeting.starts_at == datetime(2026, 12, 3, 15, 0)
    assert to_local(meeting.starts_at, pair["lea"].timezone).hour == 16  # Paris, UTC+1
    assert to_local(meeting.starts_at, "America/Montreal").hour == 10


def test_daylight_saving_is_respected():
    assert to_utc(datetime(2026, 7, 1, 10, 0), "Europe/Paris") == datetime(2026, 7, 1, 8, 0)
    assert to_utc(datetime(2026, 12, 1, 10, 0), "Europe/Paris") == datetime(2026, 12, 1, 9, 0)


def test_reschedule_and_cancel_bump_the_sequence(pair, make_exchange):
    exchange = make_exchange()
    meeting = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 12, 3, 10, 0), now=NOW)
    meetings.reschedule_meeting(exchange, pair["marc"], meeting.id, datetime(2026, 12, 4, 9, 0), 30, now=NOW)
    assert meeting.starts_at == datetime(2026, 12, 4, 14, 0) and meeting.minutes == 30 and meeting.sequence == 1
    meetings.cancel_meeting(exchange, pair["lea"], meeting.id, now=NOW)
    assert meeting.status == "cancelled" and meeting.sequence == 2


def test_private_notes_are_only_seen_by_their_author(pair, make_exchange):
    exchange = make_exchange()
    meeting = meetings.schedule_meeting(exchange, pair["lea"], datetime(2026, 12, 3, 10, 0), now=NOW)
    meetings.add_note(exchange, pair["lea"], meeting.id, "Notes partagées", now=NOW)
    meetings.add_note(exchange, pair["lea"], meeting.id, "Marc semble pressé", private=True, now=NOW)
    assert [n.text for n in visible_notes(meeting, pair["lea"])] == ["Notes partagées", "Marc semble pressé"]
    assert [n.text for n in visible_notes(meeting, pair["marc"])] == ["Notes partagées"]


def test_exchange_calendar_parses_back_with_utc_times(client, auth, pair, make_exchange):
    exchange = make_exchange()
    kept = meetings.schedule_meeting(exchange, pair["marc"], datetime(2026, 12, 3, 10, 0), now=NOW)
    dropped = meetings.schedule_meeting(exchange, pair["marc"], datetime(2026, 12, 10, 10, 0), now=NOW)
    meetings.add_agenda_topic(exchange, pair["marc"], kept.id, "Le fil Pour toi", now=NOW)
    meetings.add_note(exchange, pair["lea"], kept.id, "SECRET-PRIVATE-NOTE", private=True, now=NOW)
    meetings.cancel_meeting(exchange, pair["lea"], dropped.id, now=NOW)
    db.session.commit()
    auth.login("lea@example.org")
    response = client.get(f"/exchanges/{exchange.id}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert b"SECRET-PRIVATE-NOTE" not in response.data
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    first = by_uid[f"meeting-{kept.id}@passerelle"]  # never the Host header (security.public_host)
    assert first.decoded("DTSTART") == datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc)
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=60)
    assert str(first["STATUS"]) == "CONFIRMED" and "Le fil Pour toi" in str(first["DESCRIPTION"])
    assert str(by_uid[f"meeting-{dropped.id}@passerelle"]["STATUS"]) == "CANCELLED"


def test_personal_feed_has_every_meeting_and_rotates(client, auth, pair, make_exchange, make_skill):
    exchange = make_exchange()
    meetings.schedule_meeting(exchange, pair["marc"], datetime(2026, 12, 3, 10, 0), now=NOW)
    db.session.commit()
    token = pair["lea"].calendar_token
    feed = client.get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    assert len(Calendar.from_ical(feed.data).walk("VEVENT")) == 1
    assert client.get(f"/calendar/{pair['stranger'].calendar_token}.ics").data.count(b"BEGIN:VEVENT") == 0
    auth.login("lea@example.org")
    assert client.post("/calendar/rotate").status_code == 302
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    db.session.refresh(pair["lea"])
    assert client.get(f"/calendar/{pair['lea'].calendar_token}.ics").status_code == 200


@pytest.mark.parametrize("token", ["x", "0" * 43, "../etc/passwd"])
def test_unknown_feed_tokens_are_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404
