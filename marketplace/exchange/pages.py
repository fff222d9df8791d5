"""What the exchange pages show a given member: computed here, not in templates."""

from datetime import timedelta

from flask import url_for

from ..extensions import db
from .feedback import evaluation_of
from .forms import (
    ActionForm, AgendaForm, FeedbackForm, MeetingForm, NoteForm, ObjectiveForm, ReasonForm, evaluation_form,
)
from .meetings import to_local, visible_notes
from .queries import exchanges_of, upcoming_meetings_of


def exchange_context(exchange, viewer):
    """Everything the exchange page shows this participant (never the other's private notes)."""
    learns = exchange.is_learner(viewer)
    meeting_rows = []
    for meeting in exchange.meetings:
        meeting_rows.append({
            "meeting": meeting,
            "local_start": to_local(meeting.starts_at, viewer.timezone),
            "notes": visible_notes(meeting, viewer),
            "my_feedback": next((f for f in meeting.feedback if f.author_id == viewer.id), None),
        })
    meeting_form = MeetingForm(formdata=None, minutes=exchange.meeting_minutes, place=exchange.place)
    evaluation = evaluation_of(exchange, viewer) if exchange.status == "completed" else None
    return {
        "exchange": exchange,
        "viewer": viewer,
        "other": exchange.other(viewer),
        "role": exchange.role_of(viewer),
        "can_run": not exchange.is_group or viewer.id == exchange.proposer_id,
        "learns": learns,
        "meetings": meeting_rows,
        "held_count": sum(1 for m in exchange.meetings if m.status == "held"),
        "waiting_on_me": exchange.status == "proposed" and exchange.awaiting_id == viewer.id,
        "action_form": ActionForm(formdata=None),
        "reason_form": ReasonForm(formdata=None),
        "objective_form": ObjectiveForm(formdata=None),
        "meeting_form": meeting_form,
        "agenda_form": AgendaForm(formdata=None),
        "note_form": NoteForm(formdata=None),
        "feedback_form": FeedbackForm(formdata=None),
        "evaluation_form": evaluation_form() if exchange.status == "completed" and evaluation is None else None,
        "evaluation_done": evaluation is not None,
        "calendar_url": url_for("meetings.exchange_calendar", exchange_id=exchange.id),
    }


def dashboard_context(member, now):
    """The member's home: active exchanges, next meetings, and what waits on them."""
    exchanges = db.session.scalars(exchanges_of(member)).all()
    upcoming = db.session.scalars(upcoming_meetings_of(member, now).limit(5)).all()
    todo = []
    for exchange in exchanges:
        if exchange.status == "proposed" and exchange.awaiting_id == member.id:
            todo.append(("answer", exchange, None))
        if exchange.status == "completed" and evaluation_of(exchange, member) is None:
            todo.append(("evaluate", exchange, None))
        for meeting in exchange.meetings:
            learner = exchange.is_learner(member)
            if (meeting.status == "planned" and learner and meeting.starts_at <= now + timedelta(days=7)
                    and not any(item.author_id == member.id for item in meeting.agenda)):
                todo.append(("agenda", exchange, meeting))
            if meeting.status == "held" and not any(f.author_id == member.id for f in meeting.feedback):
                todo.append(("feedback", exchange, meeting))
    return {
        "member": member,
        "active": [e for e in exchanges if e.status == "active"],
        "pending": [e for e in exchanges if e.status == "proposed"],
        "closed": [e for e in exchanges if e.status not in ("active", "proposed")][:10],
        "upcoming": [(m, to_local(m.starts_at, member.timezone)) for m in upcoming],
        "todo": todo,
        "feed_url": url_for("meetings.feed", token=member.calendar_token, _external=True),
        "rotate_form": ActionForm(formdata=None),
    }
