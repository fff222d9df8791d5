"""Reusable selects on exchanges and meetings."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from .models import (
    AgendaItem, Cohort, CohortSeat, Evaluation, Exchange, Meeting, MeetingFeedback, MeetingNote, ProposalRevision,
    Teaching,
)


def exchanges_of(user, statuses=None):
    """The member's exchanges, most recently changed first."""
    query = db.select(Exchange).where(involving(user))
    if statuses:
        query = query.where(Exchange.status.in_(statuses))
    return query.order_by(Exchange.updated_at.desc(), Exchange.id.desc())


def meetings_of(user, statuses=("planned", "held", "cancelled")):
    """Every meeting of the member's exchanges, in time order."""
    return (
        db.select(Meeting).join(Exchange)
        .where(involving(user), Meeting.status.in_(statuses))
        .order_by(Meeting.starts_at)
    )


def upcoming_meetings_of(user, now):
    """The member's planned meetings from now on, soonest first."""
    return meetings_of(user, ("planned",)).where(Meeting.starts_at >= now)


def open_proposals_of(user, now):
    """Proposals still waiting for an answer (not yet overdue), most recently changed first."""
    return exchanges_of(user, ("proposed",)).where(sa.or_(Exchange.expires_at.is_(None), Exchange.expires_at >= now))


def closed_exchanges_of(user, now):
    """Exchanges that are over, overdue proposals included, most recently changed first."""
    overdue = sa.and_(Exchange.status == "proposed", Exchange.expires_at < now)
    return (db.select(Exchange).where(involving(user), sa.or_(Exchange.status.not_in(("active", "proposed")), overdue))
            .order_by(Exchange.updated_at.desc(), Exchange.id.desc()))


def proposals_awaiting(user, now):
    """Open proposals whose next answer is the member's."""
    return open_proposals_of(user, now).where(Exchange.awaiting_id == user.id)


def exchanges_in_section(user, section, now):
    """The member's exchanges of a dashboard section, most recently changed first: active,
    pending (open proposals), closed (over, overdue proposals included), to_answer (open
    proposals waiting for their answer); every one of them for "" (the API's list)."""
    if section == "active":
        return exchanges_of(user, ("active",))
    if section == "pending":
        return open_proposals_of(user, now)
    if section == "closed":
        return closed_exchanges_of(user, now)
    if section == "to_answer":
        return proposals_awaiting(user, now)
    return exchanges_of(user)


def evaluations_due(user):
    """Completed exchanges whose end-of-exchange questionnaire the member has not filled in."""
    answered = sa.select(Evaluation.id).where(Evaluation.exchange_id == Exchange.id, Evaluation.author_id == user.id)
    return exchanges_of(user, ("completed",)).where(~answered.exists())


def agendas_due(user, now, within):
    """Planned meetings starting in (now, now + within] where the member learns and has not
    added an agenda topic yet, soonest first."""
    learns = sa.or_(
        sa.and_(Exchange.kind == "group", Exchange.proposer_id != user.id),  # seated in the cohort
        sa.select(Teaching.id).where(Teaching.exchange_id == Exchange.id, Teaching.learner_id == user.id).exists(),
    )
    added = sa.select(AgendaItem.id).where(AgendaItem.meeting_id == Meeting.id, AgendaItem.author_id == user.id)
    return (meetings_of(user, ("planned",))
            .where(Meeting.starts_at > now, Meeting.starts_at <= now + within, learns, ~added.exists()))


def feedback_due(user):
    """Held meetings the member has not rated yet, most recent first."""
    rated = sa.select(MeetingFeedback.id).where(MeetingFeedback.meeting_id == Meeting.id,
                                                MeetingFeedback.author_id == user.id)
    return (meetings_of(user, ("held",)).where(~rated.exists())
            .order_by(None).order_by(Meeting.starts_at.desc(), Meeting.id.desc()))


def load_summaries(exchange_ids):
    """Exchanges by id with what a list of them shows (topics, members, cohort seats),
    loaded in a fixed number of statements whatever their number."""
    if not exchange_ids:
        return {}
    rows = db.session.scalars(
        db.select(Exchange).where(Exchange.id.in_(list(exchange_ids)))
        .options(selectinload(Exchange.teachings).joinedload(Teaching.teacher), joinedload(Exchange.proposer),
                 joinedload(Exchange.partner),
                 joinedload(Exchange.cohort).selectinload(Cohort.seats).joinedload(CohortSeat.member))
    ).unique()
    return {exchange.id: exchange for exchange in rows}


def load_exchange_page(exchange):
    """Load, in a fixed number of statements, everything the exchange page reads: members,
    teachings, objectives, revisions and their authors, cohort seats, and every meeting with
    its agenda, notes and feedback (a page of N meetings costs what a page of one does).

    Reloads the exchange's relationships (populate_existing): call it on a clean session."""
    return db.session.scalars(
        db.select(Exchange).where(Exchange.id == exchange.id)
        .options(
            joinedload(Exchange.proposer), joinedload(Exchange.partner),
            selectinload(Exchange.teachings).options(joinedload(Teaching.teacher), joinedload(Teaching.learner)),
            selectinload(Exchange.objectives),
            selectinload(Exchange.revisions).joinedload(ProposalRevision.author),
            joinedload(Exchange.cohort).selectinload(Cohort.seats).joinedload(CohortSeat.member),
            selectinload(Exchange.meetings).options(
                selectinload(Meeting.agenda).joinedload(AgendaItem.author),
                selectinload(Meeting.notes).joinedload(MeetingNote.author),
                selectinload(Meeting.feedback),
            ),
        )
        .execution_options(populate_existing=True)
    ).unique().one()


def meetings_between(start, end, user=None):
    """Planned meetings of active exchanges starting in [start, end) (of one member, if given)."""
    query = (
        db.select(Meeting).join(Exchange)
        .where(Exchange.status == "active", Meeting.status == "planned",
               Meeting.starts_at >= start, Meeting.starts_at < end)
    )
    return query if user is None else query.where(involving(user))


def meetings_awaiting_feedback(user=None):
    """(meeting, participant) for held meetings the participant has not rated yet."""
    query = db.select(Meeting).join(Exchange).where(Meeting.status == "held")
    if user is not None:
        query = query.where(involving(user))
    pairs = []
    for meeting in db.session.scalars(query):
        rated = {f.author_id for f in meeting.feedback}
        pairs.extend((meeting, p) for p in meeting.exchange.participants
                     if p.id not in rated and (user is None or p.id == user.id))
    return pairs


def involving(user, former=False):
    """Exchanges the member takes part in: cohorts where they hold a seat (or ever held one,
    with `former`) and circles where they teach included. The one definition every list of
    "my exchanges" uses."""
    seats = sa.select(Cohort.exchange_id).join(CohortSeat).where(CohortSeat.member_id == user.id)
    if not former:
        seats = seats.where(CohortSeat.status == "seated")
    circles = sa.select(Teaching.exchange_id).where(Teaching.teacher_id == user.id)
    return sa.or_(Exchange.proposer_id == user.id, Exchange.partner_id == user.id, Exchange.id.in_(seats),
                  sa.and_(Exchange.kind == "circle", Exchange.id.in_(circles)))
