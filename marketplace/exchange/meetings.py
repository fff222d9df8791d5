"""Meetings of an active exchange: schedule, reschedule, cancel, hold; agenda and notes."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..accounts.models import utcnow
from ..errors import NotFound
from ..extensions import db
from ..i18n import to_local
from ..notifications.services import notify
from .models import AgendaItem, Meeting, MeetingNote
from .services import ExchangeError, check_active, check_participant, check_runs_it

# Meetings are planned from a year ago (catching up on one held) to three years ahead.
MEETING_WINDOW = (timedelta(days=365), timedelta(days=3 * 365))
MEETING_MINUTES = (15, 240)
# Local hours (start inclusive, end exclusive) we call someone's night.
NIGHT_HOURS = (22, 7)


class NonexistentLocalTime(ValueError):
    """The wall-clock time falls in a daylight-saving gap of the zone (it never happens)."""


def to_utc(local, zone):
    """A naive wall-clock time in a member's time zone, as naive UTC for storage.

    Raises:
        NonexistentLocalTime: the clocks jump over this time in the zone (spring forward).
    """
    aware = local.replace(tzinfo=ZoneInfo(zone))
    utc = aware.astimezone(timezone.utc)
    if utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentLocalTime(local)
    return utc.replace(tzinfo=None)


def is_night(moment, zone):
    """True when a stored UTC time falls in the night of someone living in the zone."""
    hour = to_local(moment, zone).hour
    start, end = NIGHT_HOURS
    return hour >= start or hour < end


def schedule_meeting(exchange, actor, local_start, minutes=None, place=None, now=None):
    """Plan a meeting; the time is read in the actor's own time zone."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    meeting = Meeting(exchange=exchange, created_by_id=actor.id, **_when(actor, local_start, minutes, exchange, now))
    meeting.place = (place if place is not None else exchange.place or "").strip()[:300]
    db.session.add(meeting)
    db.session.flush()
    for person in exchange.others(actor):
        notify(person, "meeting_scheduled", f"scheduled:{meeting.id}", actor=actor, exchange=exchange, meeting=meeting)
    return meeting


def reschedule_meeting(exchange, actor, meeting_id, local_start, minutes=None, place=None, now=None):
    """Move a planned meeting (the mentor, for a cohort); calendars see a new SEQUENCE."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    meeting = _planned(exchange, meeting_id)
    for name, value in _when(actor, local_start, minutes, exchange, now).items():
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
    """Cancel a planned meeting (the mentor, for a cohort); calendars mark it cancelled."""
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
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
    check_runs_it(exchange, actor)
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


def _when(actor, local_start, minutes, exchange, now):
    if not isinstance(local_start, datetime):
        raise ExchangeError(_("Give the date and time of the meeting."), 400)
    minutes = exchange.meeting_minutes if minutes is None else minutes
    low, high = MEETING_MINUTES
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise ExchangeError(_("A meeting lasts between 15 and 240 minutes."), 400)
    try:
        starts_at = to_utc(local_start, actor.timezone)
    except NonexistentLocalTime:
        raise ExchangeError(_("This time does not exist in your time zone: the clocks change that night. "
                              "Choose another time."), 400) from None
    except (OverflowError, ValueError):
        raise ExchangeError(_("Give the date and time of the meeting."), 400) from None
    before, after = MEETING_WINDOW
    if not now - before <= starts_at <= now + after:
        raise ExchangeError(_("A meeting is planned between one year ago and three years from now."), 400)
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
