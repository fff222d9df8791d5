"""A member's rights over their data: export everything about them, delete their account.

Deletion keeps the row (the other side of an exchange keeps its history, shown with a
"Former member") and erases everything personal: the profile, the skills (out of the
index at once), notifications, and every piece of free text the member wrote in exchanges
(private and shared notes, agenda topics, feedback comments, questionnaire comments, the
messages of their proposals, the descriptions of their cohorts). Structure stays: the
exchange, its framework and objectives, meetings, ratings and scores.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..circles.services import circles_of, leave_circles
from ..exchange import cohorts as cohort_services
from ..programmes import enrolment as programme_enrolment
from ..exchange import services as exchange_services
from ..exchange.feedback import QUESTIONS
from ..exchange.meetings import visible_notes
from ..exchange.queries import involving
from ..exchange.models import (
    AgendaItem, Cohort, CohortSeat, Evaluation, EvaluationAnswer, Exchange, MeetingFeedback, MeetingNote,
    ProposalRevision,
)
from ..extensions import db
from ..notifications.models import Notification
from ..notifications.services import describe
from ..skills.services import delete_skill
from . import access_tokens
from .models import LoginThrottle, utcnow
from .passwords import verify_password
from .services import AccountError, end_sessions, lock_member, rotate_calendar_token

EXPORT_FORMAT = "passerelle-member-export"
EXPORT_VERSION = 1
# Stored in place of the name: pages show User.public_name, which translates it.
FORMER_MEMBER = "Former member"
# Not an argon2 hash: verify_password() is always False for it.
UNUSABLE_PASSWORD = "!deleted"
PROFILE_FIELDS = ("display_name", "email", "job_title", "seniority", "department", "languages",
                  "timezone", "locale", "bio", "availability", "role")
FRAMEWORK_FIELDS = ("frequency", "planned_meetings", "meeting_minutes", "channel", "place", "ground_rules")


def export_member_data(member):
    """Everything stored about the member, as plain JSON-ready values.

    Exchange pages' rule applies: the member gets what they can see (shared notes of both
    sides, their own private notes), never another member's private notes. In exchanges they
    no longer take part in (a cohort they left), only what they wrote themselves.
    """
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _when(utcnow()),
        "profile": {"id": member.id, **{name: getattr(member, name) for name in PROFILE_FIELDS},
                    "created_at": _when(member.created_at)},
        "skills": [{"id": s.id, "direction": s.direction, "title": s.title, "description": s.description,
                    "level": s.level, "formats": list(s.formats), "created_at": _when(s.created_at),
                    "updated_at": _when(s.updated_at)} for s in member.skills],
        "exchanges": [_exchange(exchange, member) for exchange in db.session.scalars(_exchanges_touching(member))],
        "cohort_seats": [{"cohort_id": seat.cohort_id, "cohort": seat.cohort.title,
                          "mentor": seat.cohort.mentor.public_name, "status": seat.status,
                          "queued_at": _when(seat.queued_at), "seated_at": _when(seat.seated_at)}
                         for seat in db.session.scalars(sa.select(CohortSeat).filter_by(member_id=member.id)
                                                        .order_by(CohortSeat.id))],
        "cohorts_mentored": [{"cohort_id": c.id, "exchange_id": c.exchange_id, "title": c.title,
                              "description": c.description, "capacity": c.capacity, "language": c.language,
                              "enrolment_open": c.enrolment_open, "created_at": _when(c.created_at)}
                             for c in db.session.scalars(sa.select(Cohort).filter_by(mentor_id=member.id)
                                                         .order_by(Cohort.id))],
        "programmes": programme_enrolment.participations_of(member),
        "circles": circles_of(member),
        "notifications": [{"kind": n.kind, "text": describe(n, timezone=member.timezone),
                           "exchange_id": n.exchange_id, "created_at": _when(n.created_at),
                           "read_at": _when(n.read_at)}
                          for n in db.session.scalars(sa.select(Notification).filter_by(user_id=member.id)
                                                      .order_by(Notification.id))],
    }


def _exchanges_touching(member):
    """Exchanges the member proposed, was proposed, runs, or ever held a seat in."""
    return sa.select(Exchange).where(involving(member, former=True)).order_by(Exchange.created_at, Exchange.id)


def _exchange(exchange, member):
    takes_part = exchange.has_participant(member)
    evaluation = db.session.scalar(sa.select(Evaluation).filter_by(exchange_id=exchange.id, author_id=member.id))
    return {
        "id": exchange.id, "kind": exchange.kind, "status": exchange.status,
        "my_role": exchange.role_of(member) if takes_part else "former participant",
        "with": [p.public_name for p in exchange.others(member)] if takes_part else [],
        "message": exchange.message, "closing_reason": exchange.closing_reason,
        "framework": {**{name: getattr(exchange, name) for name in FRAMEWORK_FIELDS},
                      "start_date": exchange.start_date.isoformat() if exchange.start_date else None},
        "teachings": [{"teacher": t.teacher.public_name, "learner": t.learner.public_name if t.learner else None,
                       "topic": t.topic} for t in exchange.teachings],
        "proposal_history": [{"by_me": r.author_id == member.id,
                              "author": r.author.public_name if r.author else None,
                              "message": r.message, "terms": r.terms, "created_at": _when(r.created_at)}
                             for r in exchange.revisions] if takes_part else [],
        "objectives": [{"title": o.title, "status": o.status, "started_at": _when(o.started_at),
                        "done_at": _when(o.done_at)} for o in exchange.objectives],
        "meetings": [_meeting(meeting, member, takes_part) for meeting in exchange.meetings],
        "my_evaluation": None if evaluation is None else {
            "created_at": _when(evaluation.created_at),
            "answers": {a.question: a.score if a.score is not None else a.text for a in evaluation.answers}},
        "created_at": _when(exchange.created_at), "accepted_at": _when(exchange.accepted_at),
        "closed_at": _when(exchange.closed_at),
    }


def _meeting(meeting, member, takes_part):
    notes = visible_notes(meeting, member) if takes_part else [n for n in meeting.notes if n.author_id == member.id]
    agenda = [i for i in meeting.agenda if takes_part or i.author_id == member.id]
    feedback = next((f for f in meeting.feedback if f.author_id == member.id), None)
    return {
        "id": meeting.id, "starts_at_utc": _when(meeting.starts_at), "minutes": meeting.minutes,
        "place": meeting.place, "status": meeting.status,
        "agenda": [{"text": i.text, "by_me": i.author_id == member.id} for i in agenda],
        "notes": [{"text": n.text, "private": n.private, "by_me": n.author_id == member.id,
                   "author": n.author.public_name, "created_at": _when(n.created_at)} for n in notes],
        "my_feedback": None if feedback is None else {
            "rating": feedback.rating, "comment": feedback.comment, "created_at": _when(feedback.created_at)},
    }


def _when(moment):
    return moment.isoformat() if moment is not None else None


def delete_account(member, password, now=None):
    """Erase the member's personal data after checking their password; the account is closed
    for good (sessions, sign-in, calendar feed) and the others keep their exchange history.

    Raises:
        AccountError (403): the password is wrong; nothing changed.
    """
    if member.deleted_at is not None:
        raise AccountError(_("This account is already deleted."), 409)
    if not verify_password(member.password_hash, password or ""):
        raise AccountError(_("Wrong password: your account was not deleted."), 403)
    now = now or utcnow()
    lock_member(member)  # first, as every change of a member's profile and skills (see lock_member)
    _close_exchanges(member, now)
    _leave_cohorts(member)
    programme_enrolment.leave_programmes(member)
    leave_circles(member, now)
    access_tokens.revoke_all(member, now)
    _erase_contributions(member)
    for skill in list(member.skills):
        delete_skill(skill, member)
    db.session.expire(member, ["skills"])
    db.session.execute(sa.delete(Notification).where(Notification.user_id == member.id))
    db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.email == member.email))
    _erase_profile(member, now)
    db.session.flush()
    return member


def _close_exchanges(member, now):
    """Pending proposals withdrawn or declined, active exchanges and run cohorts cancelled:
    the exchange services notify the other side."""
    exchange_services.expire_proposals(now=now, user=member)
    mine = db.session.scalars(
        sa.select(Exchange).where(sa.or_(Exchange.proposer_id == member.id, Exchange.partner_id == member.id,
                                         sa.and_(Exchange.kind == "circle", involving(member))),
                                  Exchange.status.in_(("proposed", "active")))
        .order_by(Exchange.id)).all()
    for exchange in mine:
        if exchange.status == "active":
            exchange_services.cancel_exchange(exchange, member, now=now)
        elif exchange.awaiting_id == member.id:
            exchange_services.decline_exchange(exchange, member, now=now)
        elif exchange_services.can_withdraw(exchange, member):
            exchange_services.withdraw_exchange(exchange, member, now=now)
        else:  # their counter-proposal waits for the proposer
            exchange_services.withdraw_on_departure(exchange, member, now=now)
    for cohort in db.session.scalars(sa.select(Cohort).filter_by(mentor_id=member.id, enrolment_open=True)):
        cohort_services.set_enrolment(cohort, member, False)


def _leave_cohorts(member):
    """Seats and waitlist places in other mentors' cohorts go to the next in line."""
    seats = db.session.scalars(
        sa.select(CohortSeat).where(CohortSeat.member_id == member.id,
                                    CohortSeat.status.in_(("seated", "waitlisted")))).all()
    for seat in seats:
        cohort_services.leave_cohort(seat.cohort, member)


def _erase_contributions(member):
    """Free text the member wrote goes; ratings and scores stay, authored by a former member."""
    fetch = {"synchronize_session": "fetch"}
    db.session.execute(sa.delete(MeetingNote).where(MeetingNote.author_id == member.id), execution_options=fetch)
    db.session.execute(sa.delete(AgendaItem).where(AgendaItem.author_id == member.id), execution_options=fetch)
    db.session.execute(sa.update(MeetingFeedback).where(MeetingFeedback.author_id == member.id)
                       .values(comment=""), execution_options=fetch)
    text_questions = [q["key"] for q in QUESTIONS if q["kind"] == "text"]
    own_evaluations = sa.select(Evaluation.id).where(Evaluation.author_id == member.id)
    db.session.execute(sa.update(EvaluationAnswer)
                       .where(EvaluationAnswer.evaluation_id.in_(own_evaluations),
                              EvaluationAnswer.question.in_(text_questions))
                       .values(text=""), execution_options=fetch)
    db.session.execute(sa.update(Exchange).where(Exchange.proposer_id == member.id).values(message=""),
                       execution_options=fetch)
    db.session.execute(sa.update(ProposalRevision).where(ProposalRevision.author_id == member.id)
                       .values(message=""), execution_options=fetch)
    db.session.execute(sa.update(Cohort).where(Cohort.mentor_id == member.id).values(description=""),
                       execution_options=fetch)


def _erase_profile(member, now):
    member.email = f"deleted-{member.id}@invalid"  # unique, and .invalid never receives mail
    member.display_name = FORMER_MEMBER
    member.job_title = member.department = member.bio = member.availability = ""
    member.languages = []
    member.timezone = "UTC"
    member.password_hash = UNUSABLE_PASSWORD
    rotate_calendar_token(member)
    end_sessions(member)
    member.deleted_at = now

