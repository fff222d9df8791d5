"""A non-participant gets 404 on every exchange URL and sees nothing; private notes stay private."""

from datetime import datetime

import pytest

from marketplace.exchange import meetings
from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from tests.exchange.conftest import NOW


@pytest.fixture
def busy_exchange(pair, make_exchange):
    exchange = make_exchange()
    meeting = meetings.schedule_meeting(exchange, pair["marc"], datetime(2026, 11, 25, 10, 0), now=NOW)
    meetings.add_agenda_topic(exchange, pair["marc"], meeting.id, "AGENDA-TOPIC", now=NOW)
    meetings.add_note(exchange, pair["lea"], meeting.id, "SHARED-NOTE", now=NOW)
    meetings.add_note(exchange, pair["lea"], meeting.id, "LEA-PRIVATE-NOTE", private=True, now=NOW)
    db.session.commit()
    return exchange, meeting


def routes(exchange_id, meeting_id):
    e, m = exchange_id, meeting_id
    return [
        ("get", f"/exchanges/{e}", {}), ("get", f"/exchanges/{e}/calendar.ics", {}),
        ("get", f"/exchanges/{e}/counter", {}), ("post", f"/exchanges/{e}/counter", {"objectives": "x"}),
        ("post", f"/exchanges/{e}/accept", {}), ("post", f"/exchanges/{e}/decline", {}),
        ("post", f"/exchanges/{e}/withdraw", {}), ("post", f"/exchanges/{e}/complete", {}),
        ("post", f"/exchanges/{e}/cancel", {}), ("post", f"/exchanges/{e}/objectives/1", {"status": "done"}),
        ("post", f"/exchanges/{e}/meetings", {"starts_at": "2026-12-01T10:00", "minutes": "30"}),
        ("post", f"/exchanges/{e}/meetings/{m}/reschedule", {"starts_at": "2026-12-01T10:00", "minutes": "30"}),
        ("post", f"/exchanges/{e}/meetings/{m}/cancel", {}), ("post", f"/exchanges/{e}/meetings/{m}/hold", {}),
        ("post", f"/exchanges/{e}/meetings/{m}/agenda", {"text": "x"}),
        ("post", f"/exchanges/{e}/meetings/{m}/notes", {"text": "x"}),
        ("post", f"/exchanges/{e}/meetings/{m}/feedback", {"rating": "5"}),
        ("post", f"/exchanges/{e}/evaluation", {}),
    ]


def test_stranger_gets_404_everywhere_and_nothing_changes(client, auth, pair, busy_exchange):
    exchange, meeting = busy_exchange
    auth.login("stranger@example.org")
    for method, url, data in routes(exchange.id, meeting.id):
        response = getattr(client, method)(url, data=data)
        assert response.status_code == 404, (method, url, response.status_code)
        body = response.get_data(as_text=True)
        assert "AGENDA-TOPIC" not in body and "SHARED-NOTE" not in body and "PRIVATE" not in body
    db.session.expire_all()
    fresh = db.session.get(Exchange, exchange.id)
    assert fresh.status == "active" and len(fresh.meetings) == 1
    assert len(fresh.meetings[0].notes) == 2 and len(fresh.meetings[0].agenda) == 1


def test_anonymous_visitors_are_sent_to_login(client, busy_exchange):
    exchange, meeting = busy_exchange
    for method, url, data in routes(exchange.id, meeting.id):
        response = getattr(client, method)(url, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_private_notes_never_reach_the_other_participant(client, auth, pair, busy_exchange):
    exchange, meeting = busy_exchange
    auth.login("marc@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert "SHARED-NOTE" in page and "AGENDA-TOPIC" in page
    assert "LEA-PRIVATE-NOTE" not in page
    assert b"LEA-PRIVATE-NOTE" not in client.get(f"/exchanges/{exchange.id}/calendar.ics").data
    assert b"LEA-PRIVATE-NOTE" not in client.get(f"/calendar/{pair['marc'].calendar_token}.ics").data
    assert b"LEA-PRIVATE-NOTE" not in client.get("/dashboard").data
    assert b"LEA-PRIVATE-NOTE" not in client.get("/notifications").data
    auth.logout()
    auth.login("lea@example.org")
    assert "LEA-PRIVATE-NOTE" in client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)


def test_unknown_exchange_and_meeting_ids_are_404(client, auth, busy_exchange):
    exchange, _ = busy_exchange
    auth.login("lea@example.org")
    assert client.get("/exchanges/999999").status_code == 404
    assert client.post(f"/exchanges/{exchange.id}/meetings/999999/cancel").status_code == 404
    assert client.post(f"/exchanges/{exchange.id}/objectives/999999", data={"status": "done"}).status_code == 404
