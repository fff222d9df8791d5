"""What the exchange pages show a given member: computed here, not in templates."""

from datetime import timedelta, timezone

from flask import url_for

from ..accounts.models import utcnow
from ..extensions import db
from ..i18n import clock, to_local
from ..security import external_url
from .feedback import answers_of, evaluation_of
from .forms import (
    ActionForm, AgendaForm, FeedbackForm, MeetingForm, NoteForm, ObjectiveForm, ReasonForm, evaluation_form,
)
from .history import proposal_history
from .meetings import NIGHT_HOURS, is_night, visible_notes
from .queries import exchanges_of, upcoming_meetings_of
from .services import can_withdraw, shown_status


def exchange_context(exchange, viewer, now=None):
    """Everything the exchange page shows this participant (never the other's private notes)."""
    learns = exchange.is_learner(viewer)
    zones = other_zones(exchange, viewer)
    meeting_rows = []
    for meeting in exchange.meetings:
        meeting_rows.append({
            "meeting": meeting,
            "local_start": to_local(meeting.starts_at, viewer.timezone),
            # The same moment for the others, zone by zone, flagged when it falls in their night.
            "elsewhere": [(zone, names, is_night(meeting.starts_at, zone)) for zone, names in zones],
            "notes": visible_notes(meeting, viewer),
            "my_feedback": next((f for f in meeting.feedback if f.author_id == viewer.id), None),
        })
    meeting_form = MeetingForm(formdata=None, minutes=exchange.meeting_minutes, place=exchange.place)
    evaluation = evaluation_of(exchange, viewer) if exchange.status == "completed" else None
    status = shown_status(exchange, now)
    return {
        "exchange": exchange,
        "status": status,
        "viewer": viewer,
        "other": exchange.other(viewer),
        "role": exchange.role_of(viewer),
        "can_run": exchange.is_run_by(viewer),
        "learns": learns,
        "meetings": meeting_rows,
        "held_count": sum(1 for m in exchange.meetings if m.status == "held"),
        "waiting_on_me": status == "proposed" and exchange.awaiting_id == viewer.id,
        "can_withdraw": status == "proposed" and can_withdraw(exchange, viewer),
        "action_form": ActionForm(formdata=None),
        "reason_form": ReasonForm(formdata=None),
        "objective_form": ObjectiveForm(formdata=None),
        "meeting_form": meeting_form,
        "agenda_form": AgendaForm(formdata=None),
        "note_form": NoteForm(formdata=None),
        "feedback_form": FeedbackForm(formdata=None),
        "evaluation_form": evaluation_form() if exchange.status == "completed" and evaluation is None else None,
        "evaluation_done": evaluation is not None,
        "my_answers": answers_of(evaluation),
        "zone_hints": zone_hints(zones, viewer, now or utcnow()),
        "history": proposal_history(exchange),
        "calendar_url": url_for("meetings.exchange_calendar", exchange_id=exchange.id),
    }


def other_zones(exchange, viewer):
    """The other participants' time zones that differ from the viewer's: [(zone, names)]."""
    by_zone = {}
    for person in exchange.others(viewer):
        if person.timezone != viewer.timezone and person.deleted_at is None:
            by_zone.setdefault(person.timezone, []).append(person.display_name)
    return sorted(by_zone.items())


def zone_hints(zones, viewer, now):
    """For the scheduling form: each other zone's time now, and its waking day in my time."""
    hints = []
    start_hour, end_hour = NIGHT_HOURS[1], NIGHT_HOURS[0]
    for zone, names in zones:
        there = to_local(now, zone)
        day = [there.replace(hour=hour, minute=0, second=0, microsecond=0) for hour in (start_hour, end_hour)]
        mine = [to_local(moment.astimezone(timezone.utc).replace(tzinfo=None), viewer.timezone) for moment in day]
        hints.append({"zone": zone, "names": names, "now": clock(there),
                      "day_start": clock(mine[0]), "day_end": clock(mine[1])})
    return hints


def dashboard_context(member, now):
    """The member's home: active exchanges, next meetings, and what waits on them."""
    exchanges = db.session.scalars(exchanges_of(member)).all()
    upcoming = db.session.scalars(upcoming_meetings_of(member, now).limit(5)).all()
    todo = []
    status = {exchange.id: shown_status(exchange, now) for exchange in exchanges}
    for exchange in exchanges:
        if status[exchange.id] == "proposed" and exchange.awaiting_id == member.id:
            todo.append(("answer", exchange, None))
        if exchange.status == "completed" and evaluation_of(exchange, member) is None:
            todo.append(("evaluate", exchange, None))
        for meeting in exchange.meetings:
            learner = exchange.is_learner(member)
            if (meeting.status == "planned" and learner and now < meeting.starts_at <= now + timedelta(days=7)
                    and not any(item.author_id == member.id for item in meeting.agenda)):
                todo.append(("agenda", exchange, meeting))
            if meeting.status == "held" and not any(f.author_id == member.id for f in meeting.feedback):
                todo.append(("feedback", exchange, meeting))
    return {
        "member": member,
        "active": [e for e in exchanges if e.status == "active"],
        "statuses": status,
        "pending": [e for e in exchanges if status[e.id] == "proposed"],
        "closed": [e for e in exchanges if status[e.id] not in ("active", "proposed")][:10],
        "upcoming": upcoming,
        "todo": todo,
        "feed_url": external_url("meetings.feed", token=member.calendar_token),
        "rotate_form": ActionForm(formdata=None),
    }
