"""/api/v1 operations of meetings: the same services as the meeting pages (meeting_views.py).

A meeting is shown as the exchange page shows it to the member who asks (pages.exchange_context):
its time in UTC, on their clocks and on the others', the agenda, the shared notes and only
their own private notes, only their own feedback. A start sent in a body is ISO 8601: with an
offset it is that instant, without one a wall-clock time in the member's zone, refused as the
page refuses it (meeting_schemas.MeetingTime, meetings._when).
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..accounts.models import utcnow
from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.problems import refused_values
from ..api.schemas import PageArgs
from ..extensions import db
from ..i18n import to_local, zone_name
from ..security import public_host
from . import feedback, meetings, services
from .calendar import MIMETYPE, calendar_response, meetings_calendar
from .meeting_schemas import (
    AgendaArgs, AgendaItemSchema, EvaluationArgs, EvaluationSchema, FeedbackArgs, FeedbackSchema, MeetingSchema,
    MeetingsPageSchema, MoveMeetingArgs, NewMeetingArgs, NoteArgs, NoteSchema,
)
from .models import AgendaItem, Meeting, MeetingNote
from .pages import meeting_row, other_zones
from .queries import load_summaries, upcoming_meetings_of

MEETINGS_PER_PAGE = 20

bp = ApiBlueprint("meetings_api", __name__, url_prefix="/api/v1",
                  description="The meetings of my exchanges: planning, agenda, notes, feedback, the end-of-exchange "
                              "questionnaire and calendars.")


@bp.get("/meetings")
@api_login_required
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, MeetingsPageSchema, headers=PAGED)
@bp.errors(400, 401)
def my_meetings(page):
    """My agenda: my planned meetings from now on, across all my exchanges (as the dashboard's "Next
    meetings", without its limit), soonest first (ties by id)."""
    now = utcnow()
    query = upcoming_meetings_of(current_user, now).order_by(Meeting.id)
    found, total = _page(query, page)
    load_summaries({meeting.exchange_id for meeting in found})  # meeting.exchange then needs no query
    return paged(page, total, MEETINGS_PER_PAGE, meetings=_shown(found, current_user, now))


@bp.get("/exchanges/<int:exchange_id>/meetings")
@api_login_required
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, MeetingsPageSchema, headers=PAGED)
@bp.errors(400, 401, 404)
def exchange_meetings(exchange_id, page):
    """The exchange's meetings as its page shows them to me, in time order (ties by id)."""
    exchange = services.get_exchange(current_user, exchange_id)
    query = db.select(Meeting).where(Meeting.exchange_id == exchange.id).order_by(Meeting.starts_at, Meeting.id)
    found, total = _page(query, page)
    return paged(page, total, MEETINGS_PER_PAGE, {"exchange_id": exchange.id}, meetings=_shown(found, current_user))


@bp.post("/exchanges/<int:exchange_id>/meetings")
@api_login_required
@bp.arguments(NewMeetingArgs)
@bp.response(201, MeetingSchema, headers=CREATED)
@bp.errors(400, 401, 403, 404, 409, 422)
def schedule(new, exchange_id):
    """Plan a meeting (both members of a one-to-one exchange; the mentor of a cohort); the others
    are told. Its `night_for` names those in whose night it falls (the page warns of them)."""
    exchange = services.get_exchange(current_user, exchange_id)
    with refused_values():
        meeting = meetings.schedule_meeting(exchange, current_user, new["starts_at"], new["minutes"], new["place"])
    db.session.commit()
    location = url_for(".meeting", exchange_id=exchange.id, meeting_id=meeting.id)
    return _shown_one(meeting), {"Location": location}


@bp.get("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>")
@api_login_required
@bp.response(200, MeetingSchema)
@bp.errors(401, 404)
def meeting(exchange_id, meeting_id):
    """One meeting of the exchange, as its page shows it to me."""
    return _shown_one(meetings.get_meeting(services.get_exchange(current_user, exchange_id), meeting_id))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/reschedule")
@api_login_required
@bp.arguments(MoveMeetingArgs)
@bp.response(200, MeetingSchema)
@bp.errors(400, 401, 403, 404, 409, 422)
def reschedule(move, exchange_id, meeting_id):
    """Move a planned meeting (the mentor, for a cohort); the others are told and their calendars
    updated."""
    exchange = services.get_exchange(current_user, exchange_id)
    with refused_values():
        moved = meetings.reschedule_meeting(exchange, current_user, meeting_id, move["starts_at"], move["minutes"],
                                            move["place"])
    db.session.commit()
    return _shown_one(moved)


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/cancel")
@api_login_required
@bp.response(200, MeetingSchema)
@bp.errors(401, 403, 404, 409)
def cancel(exchange_id, meeting_id):
    """Cancel a planned meeting (the mentor, for a cohort); calendars see it cancelled."""
    exchange = services.get_exchange(current_user, exchange_id)
    cancelled = meetings.cancel_meeting(exchange, current_user, meeting_id)
    db.session.commit()
    return _shown_one(cancelled)


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/hold")
@api_login_required
@bp.response(200, MeetingSchema)
@bp.errors(401, 403, 404, 409)
def hold(exchange_id, meeting_id):
    """Mark a planned meeting held once it has started (the mentor, for a cohort)."""
    exchange = services.get_exchange(current_user, exchange_id)
    held = meetings.hold_meeting(exchange, current_user, meeting_id)
    db.session.commit()
    return _shown_one(held)


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/agenda")
@api_login_required
@bp.arguments(AgendaArgs)
@bp.response(201, AgendaItemSchema)
@bp.errors(400, 401, 403, 404, 409, 422)
def agenda(topic, exchange_id, meeting_id):
    """A learner adds a topic to a planned meeting's agenda."""
    exchange = services.get_exchange(current_user, exchange_id)
    item = meetings.add_agenda_topic(exchange, current_user, meeting_id, topic["text"])
    db.session.commit()
    return item


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/notes")
@api_login_required
@bp.arguments(NoteArgs)
@bp.response(201, NoteSchema)
@bp.errors(400, 401, 403, 404, 409, 422)
def note(new, exchange_id, meeting_id):
    """Add a note to a meeting that was not cancelled: shared with the participants, or private."""
    exchange = services.get_exchange(current_user, exchange_id)
    written = meetings.add_note(exchange, current_user, meeting_id, new["text"], new["private"])
    db.session.commit()
    return written


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/feedback")
@api_login_required
@bp.arguments(FeedbackArgs)
@bp.response(201, FeedbackSchema)
@bp.errors(400, 401, 403, 404, 409, 422)
def rate(given, exchange_id, meeting_id):
    """Rate a held meeting from 1 to 5, once; the comment is read back by me only."""
    exchange = services.get_exchange(current_user, exchange_id)
    rating = feedback.give_meeting_feedback(exchange, current_user, meeting_id, given["rating"], given["comment"])
    db.session.commit()
    return rating


@bp.get("/exchanges/<int:exchange_id>/evaluation")
@api_login_required
@bp.response(200, EvaluationSchema)
@bp.errors(401, 404)
def evaluation(exchange_id):
    """The end-of-exchange questionnaire: its questions, whether it waits for my answers, and my
    own answers once given (as the exchange page reads them back to me)."""
    return _questionnaire(services.get_exchange(current_user, exchange_id), current_user)


@bp.post("/exchanges/<int:exchange_id>/evaluation")
@api_login_required
@bp.arguments(EvaluationArgs)
@bp.response(201, EvaluationSchema, headers=CREATED)
@bp.errors(400, 401, 403, 404, 409, 422)
def evaluate(answers, exchange_id):
    """Answer the end-of-exchange questionnaire of a completed exchange, once."""
    exchange = services.get_exchange(current_user, exchange_id)
    feedback.submit_evaluation(exchange, current_user, answers)
    db.session.commit()
    return _questionnaire(exchange, current_user), {"Location": url_for(".evaluation", exchange_id=exchange.id)}


@bp.get("/exchanges/<int:exchange_id>/calendar.ics")
@api_login_required
@bp.response(200, {"type": "string"}, content_type=MIMETYPE,
             description="An iCalendar file (RFC 5545): one event per meeting, cancelled ones marked so.")
@bp.errors(401, 404)
def exchange_calendar(exchange_id):
    """The exchange's meetings as an .ics file, as the exchange page's download."""
    exchange = services.get_exchange(current_user, exchange_id)
    body = meetings_calendar(exchange.meetings, "Passerelle", host=public_host())
    return calendar_response(body, f"passerelle-exchange-{exchange.id}.ics")


def _page(query, page):
    """A page of a select of meetings, with what they show: (meetings, how many in all)."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    # What a shown meeting reads besides itself, loaded with the page in a fixed number of statements.
    shown_with = (selectinload(Meeting.agenda).joinedload(AgendaItem.author),
                  selectinload(Meeting.notes).joinedload(MeetingNote.author), selectinload(Meeting.feedback))
    found = db.session.scalars(query.options(*shown_with).offset((page - 1) * MEETINGS_PER_PAGE)
                               .limit(MEETINGS_PER_PAGE)).all()
    return found, total


def _shown_one(meeting):
    return _shown([meeting], current_user)[0]


def _shown(found, viewer, now=None):
    """Meetings as the exchange page shows them to the viewer (pages.exchange_context)."""
    now = now or utcnow()
    zones, rows = {}, []
    for meeting in found:
        exchange = meeting.exchange
        if exchange.id not in zones:
            zones[exchange.id] = other_zones(exchange, viewer)
        row = meeting_row(meeting, viewer, zones[exchange.id])
        mine = row["local_start"]
        rows.append({
            "id": meeting.id, "status": meeting.status, "minutes": meeting.minutes, "place": meeting.place,
            "exchange": {"id": exchange.id, "kind": exchange.kind, "status": services.shown_status(exchange, now),
                         "topics": exchange.topics},
            "starts_at": meeting.starts_at, "ends_at": _ends_at(meeting),
            "timezone": zone_name(mine), "starts_at_local": mine,
            "elsewhere": [{"timezone": zone, "members": names, "starts_at_local": to_local(meeting.starts_at, zone),
                           "night": night} for zone, names, night in row["elsewhere"]],
            "night_for": [person.public_name for person in meetings.night_for(exchange, viewer, meeting)],
            "agenda": meeting.agenda, "notes": row["notes"], "my_feedback": row["my_feedback"],
        })
    return rows


def _ends_at(meeting):
    try:
        return meeting.starts_at + timedelta(minutes=meeting.minutes)
    except OverflowError:  # stored at the very end of time: never let one row break a list
        return meeting.starts_at


def _questionnaire(exchange, viewer):
    """The questionnaire with the viewer's own answers (feedback.answers_of), nobody else's."""
    mine = feedback.evaluation_of(exchange, viewer)
    answers = [value for _label, value in feedback.answers_of(mine)] or [None] * len(feedback.QUESTIONS)
    return {
        "exchange": exchange.id, "due": exchange.status == "completed" and mine is None,
        "answered_at": mine.created_at if mine else None,
        "questions": [{"key": question["key"], "kind": question["kind"], "label": str(question["label"]),
                       "score": answer if question["kind"] == "scale" else None,
                       "text": answer if question["kind"] == "text" else None}
                      for question, answer in zip(feedback.QUESTIONS, answers)],
    }
