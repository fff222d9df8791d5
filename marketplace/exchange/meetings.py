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
from .services import MEETING_MINUTES, PLACE_LENGTH, ExchangeError, check_active, check_participant, check_runs_it

# Meetings are planned from a year ago (catching up on one held) to three years ahead.
MEETING_WINDOW = (timedelta(days=365), timedelta(days=3 * 365))
# A meeting's length and place are bounded as the framework's (MEETING_MINUTES, PLACE_LENGTH).
AGENDA_LENGTH = 300  # an agenda topic (AgendaItem.text)
NOTE_LENGTH = 5000  # a note
# Local hours (start inclusive, end exclusive) we call someone's night.
NIGHT_HOURS = (22, 7)


class NonexistentLocalTime(ValueError):
    """The wall-clock time falls in a daylight-saving gap of the zone (it never happens)."""


class MeetingValueError(ExchangeError):
    """A meeting's time or length that the rules refuse (400); `field` names which."""

    def __init__(self, message, field):
        super().__init__(message, 400, field)


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


def is_ambiguous(local, zone):
    """True when a naive wall-clock time happens twice in the zone (the clocks go back that night)."""
    zone = ZoneInfo(zone)
    earlier, later = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    return earlier.utcoffset() != later.utcoffset() and earlier.astimezone(timezone.utc).astimezone(zone).replace(
        tzinfo=None) == local.replace(tzinfo=None)


def is_night(moment, zone):
    """True when a stored UTC time falls in the night of someone living in the zone."""
    hour = to_local(moment, zone).hour
    start, end = NIGHT_HOURS
    return hour >= start or hour < end


def night_for(exchange, actor, meeting):
    """The other participants in whose night the meeting falls (the page warns who planned it)."""
    return [person for person in exchange.others(actor)
            if person.deleted_at is None and is_night(meeting.starts_at, person.timezone)]


def schedule_meeting(exchange, actor, local_start, minutes=None, place=None, now=None):
    """Plan a meeting; a naive time is read in the actor's own time zone, an aware one is that instant."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    meeting = Meeting(exchange=exchange, created_by_id=actor.id, **_when(actor, local_start, minutes, exchange, now))
    meeting.place = (place if place is not None else exchange.place or "").strip()[:PLACE_LENGTH]
    db.session.add(meeting)
    db.session.flush()
    for person in exchange.others(actor):
        notify(person, "meeting_scheduled", f"scheduled:{meeting.id}", actor=actor, exchange=exchange, meeting=meeting)
    return meeting


def reschedule_meeting(exchange, actor, meeting_id, local_start, minutes=None, place=None, now=None):
    """Move a planned meeting (the mentor, for a cohort); calendars see a new SEQUENCE. Without
    minutes the meeting keeps its length, without a place its place."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    meeting = _planned(exchange, meeting_id)
    minutes = meeting.minutes if minutes is None else minutes
    for name, value in _when(actor, local_start, minutes, exchange, now).items():
        setattr(meeting, name, value)
    if place is not None:
        meeting.place = place.strip()[:PLACE_LENGTH]
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
    if not 1 <= len(text) <= AGENDA_LENGTH:
        raise ExchangeError(_("An agenda topic has between 1 and 300 characters."), 400)
    item = AgendaItem(meeting_id=meeting.id, author_id=actor.id, text=text)
    db.session.add(item)
    db.session.flush()
    return item


def add_note(exchange, actor, meeting_id, text, private=False, now=None):
    """Shared notes are for both participants; private notes for their author only."""
    check_participant(exchange, actor, now)
    meeting = get_meeting(exchange, meeting_id)
    if meeting.status == "cancelled":
        raise ExchangeError(_("This meeting was cancelled."))
    text = (text or "").strip()
    if not 1 <= len(text) <= NOTE_LENGTH:
        raise ExchangeError(_("A note has between 1 and 5,000 characters."), 400)
    note = MeetingNote(meeting_id=meeting.id, author_id=actor.id, text=text, private=bool(private))
    db.session.add(note)
    db.session.flush()
    return note


def visible_notes(meeting, viewer):
    """Shared notes, and the viewer's own private notes: nobody else's."""
    return [n for n in meeting.notes if not n.private or n.author_id == viewer.id]


def _when(actor, start, minutes, exchange, now):
    """starts_at (naive UTC) and minutes of a meeting. A naive start is a wall-clock time in the
    actor's zone, refused when the clocks skip it or go through it twice; an aware one is that
    instant. Either must fall in MEETING_WINDOW."""
    if not isinstance(start, datetime):
        raise MeetingValueError(_("Give the date and time of the meeting."), "starts_at")
    minutes = exchange.meeting_minutes if minutes is None else minutes
    low, high = MEETING_MINUTES
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise MeetingValueError(_("A meeting lasts between 15 and 240 minutes."), "minutes")
    try:
        if start.tzinfo is not None:
            starts_at = start.astimezone(timezone.utc).replace(tzinfo=None)
        elif is_ambiguous(start, actor.timezone):
            raise MeetingValueError(_("This time happens twice in your time zone: the clocks go back that night. "
                                      "Choose another time."), "starts_at")
        else:
            starts_at = to_utc(start, actor.timezone)
    except NonexistentLocalTime:
        raise MeetingValueError(_("This time does not exist in your time zone: the clocks change that night. "
                                  "Choose another time."), "starts_at") from None
    except (OverflowError, ValueError):
        raise MeetingValueError(_("Give the date and time of the meeting."), "starts_at") from None
    before, after = MEETING_WINDOW
    if not now - before <= starts_at <= now + after:
        raise MeetingValueError(_("A meeting is planned between one year ago and three years from now."),
                                "starts_at")
    return {"starts_at": starts_at, "minutes": minutes}


def get_meeting(exchange, meeting_id):
    """The exchange's meeting of that id; NotFound when it has none."""
    meeting = next((m for m in exchange.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise NotFound(_("This meeting does not exist."))
    return meeting


def _planned(exchange, meeting_id):
    meeting = get_meeting(exchange, meeting_id)
    if meeting.status != "planned":
        raise ExchangeError(_("Only a planned meeting can change."))
    return meeting
