"""iCalendar (RFC 5545) files: one per exchange, and a personal feed of every meeting."""

from datetime import timedelta, timezone

from flask import Response
from icalendar import Calendar, Event

PRODUCT_ID = "-//Passerelle//Skills exchange//EN"
MIMETYPE = "text/calendar"


def meetings_calendar(meetings, name, host="passerelle"):
    """A VCALENDAR with one VEVENT per meeting; cancelled meetings say so."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, host))
    return calendar.to_ical()


def calendar_response(body, filename):
    """A calendar file to download: private (it names who meets whom), never cached."""
    response = Response(body, mimetype=MIMETYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _event(meeting, host):
    exchange = meeting.exchange
    start = meeting.starts_at.replace(tzinfo=timezone.utc)
    try:
        end = start + timedelta(minutes=meeting.minutes)
    except OverflowError:  # stored at the very end of time: never let one row break a feed
        end = start
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", meeting.created_at.replace(tzinfo=timezone.utc))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("sequence", meeting.sequence)
    topics = " / ".join(t.topic for t in exchange.teachings)
    names = " & ".join(p.public_name for p in exchange.participants)
    event.add("summary", f"Passerelle: {topics}")
    event.add("description", f"{names}\n" + "\n".join(f"- {item.text}" for item in meeting.agenda))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("status", {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}[meeting.status])
    return event
