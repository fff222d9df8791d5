"""Meetings of an active exchange: schedule, reschedule, cancel, hold; agenda and notes."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..accounts.models import utcnow
from ..errors import NotFound
from ..extensions import db
from ..notifications.services import notify
from .models import AgendaItem, Meeting, MeetingNote
from .services import ExchangeError, check_active, check_participant


def to_utc(local, zone):
    """A naive wall-clock time in a member's time zone, as naive UTC for storage."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc).replace(tzinfo=None)


def to_local(moment, zone):
    """A stored naive UTC time as an aware datetime in the given zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))


def schedule_meeting(exchange, actor, local_start, minutes=None, place=None, now=None):
    """Plan a meeting; the time is read in the actor's own time zone."""
    check_active(exchange, actor, now)
    meeting = Meeting(exchange=exchange, created_by_id=actor.id, **_when(actor, local_start, minutes, exchange))
    meeting.place = (place if place is not None else exchange.place or "").strip()[:300]
    db.session.add(meeting)
    db.session.flush()
    for person in exchange.others(actor):
        notify(person, "meeting_scheduled", f"scheduled:{meeting.id}", actor=actor, exchange=exchange, meeting=meeting)
    return meeting


def reschedule_meeting(exchange, actor, meeting_id, local_start, minutes=None, place=None, now=None):
    check_active(exchange, actor, now)
    meeting = _planned(exchange, meeting_id)
    for name, value in _when(actor, local_start, minutes, exchange).items():
        setattr(meeting, name, value)
    if place is not None:
        meeting.place = place.strip()[:300]
    meeting.sequence += 1
    db.session.flush()
    for person in exchange.others(actor):
        notify(person, "meeting_rescheduled", f"rescheduled:{meeting.id}:{meeting.sequence}",
               actor=actor, exchange=exchange, meeting=meeting)
    return meeting


def cancel_meeting(exchange, actor, meeting_id, now=None):
    check_active(exchange, actor, now)
    meeting = _planned(exchange, meeting_id)
    meeting.status = "cancelled"
    meeting.sequence += 1
    db.session.flush()
    for person in exchange.others(actor):
        notify(person, "meeting_cancelled", f"cancelled-meeting:{meeting.id}",
               actor=actor, exchange=exchange, meeting=meeting)
    return meeting


def hold_meeting(exchange, actor, meeting_id, now=None):
    """Mark a meeting held, once its start time has passed."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    meeting = _planned(exchange, meeting_id)
    if meeting.starts_at > now:
        raise ExchangeError(_("A meeting can be marked held once it has started."))
    meeting.status = "held"
    db.session.flush()
    return meeting


def add_agenda_topic(exchange, actor, meeting_id, text, now=None):
    """Before a meeting, a learner adds a topic they want to cover."""
    check_active(exchange, actor, now)
    meeting = _planned(exchange, meeting_id)
    if not exchange.is_learner(actor):
        raise ExchangeError(_("The learner prepares the agenda."), 403)
    text = " ".join((text or "").split())
    if not 1 <= len(text) <= 300:
        raise ExchangeError(_("An agenda topic has between 1 and 300 characters."), 400)
    item = AgendaItem(meeting_id=meeting.id, author_id=actor.id, text=text)
    db.session.add(item)
    db.session.flush()
    return item


def add_note(exchange, actor, meeting_id, text, private=False, now=None):
    """Shared notes are for both participants; private notes for their author only."""
    check_participant(exchange, actor, now)
    meeting = _meeting(exchange, meeting_id)
    if meeting.status == "cancelled":
        raise ExchangeError(_("This meeting was cancelled."))
    text = (text or "").strip()
    if not 1 <= len(text) <= 5000:
        raise ExchangeError(_("A note has between 1 and 5,000 characters."), 400)
    note = MeetingNote(meeting_id=meeting.id, author_id=actor.id, text=text, private=bool(private))
    db.session.add(note)
    db.session.flush()
    return note


def visible_notes(meeting, viewer):
    """Shared notes, and the viewer's own private notes: nobody else's."""
    return [n for n in meeting.notes if not n.private or n.author_id == viewer.id]


def _when(actor, local_start, minutes, exchange):
    if not isinstance(local_start, datetime):
        raise ExchangeError(_("Give the date and time of the meeting."), 400)
    minutes = exchange.meeting_minutes if minutes is None else minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 15 <= minutes <= 240:
        raise ExchangeError(_("A meeting lasts between 15 and 240 minutes."), 400)
    try:
        starts_at = to_utc(local_start, actor.timezone)
    except (OverflowError, ValueError):
        raise ExchangeError(_("Give the date and time of the meeting."), 400) from None
    return {"starts_at": starts_at, "minutes": minutes}


def _meeting(exchange, meeting_id):
    meeting = next((m for m in exchange.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise NotFound(_("This meeting does not exist."))
    return meeting


def _planned(exchange, meeting_id):
    meeting = _meeting(exchange, meeting_id)
    if meeting.status != "planned":
        raise ExchangeError(_("Only a planned meeting can change."))
    return meeting
