"""Reusable selects on exchanges and meetings."""

import sqlalchemy as sa

from ..extensions import db
from .models import Cohort, CohortSeat, Exchange, Meeting


def exchanges_of(user, statuses=None):
    """The member's exchanges, most recently changed first."""
    query = db.select(Exchange).where(_involves(user))
    if statuses:
        query = query.where(Exchange.status.in_(statuses))
    return query.order_by(Exchange.updated_at.desc(), Exchange.id.desc())


def meetings_of(user, statuses=("planned", "held", "cancelled")):
    """Every meeting of the member's exchanges, in time order."""
    return (
        db.select(Meeting).join(Exchange)
        .where(_involves(user), Meeting.status.in_(statuses))
        .order_by(Meeting.starts_at)
    )


def upcoming_meetings_of(user, now):
    return meetings_of(user, ("planned",)).where(Meeting.starts_at >= now)


def meetings_between(start, end, user=None):
    """Planned meetings of active exchanges starting in [start, end) (of one member, if given)."""
    query = (
        db.select(Meeting).join(Exchange)
        .where(Exchange.status == "active", Meeting.status == "planned",
               Meeting.starts_at >= start, Meeting.starts_at < end)
    )
    return query if user is None else query.where(_involves(user))


def meetings_awaiting_feedback(user=None):
    """(meeting, participant) for held meetings the participant has not rated yet."""
    query = db.select(Meeting).join(Exchange).where(Meeting.status == "held")
    if user is not None:
        query = query.where(_involves(user))
    pairs = []
    for meeting in db.session.scalars(query):
        rated = {f.author_id for f in meeting.feedback}
        pairs.extend((meeting, p) for p in meeting.exchange.participants
                     if p.id not in rated and (user is None or p.id == user.id))
    return pairs


def _involves(user):
    """Exchanges the member takes part in, cohorts where they hold a seat included."""
    seated = (sa.select(Cohort.exchange_id).join(CohortSeat)
              .where(CohortSeat.member_id == user.id, CohortSeat.status == "seated"))
    return sa.or_(Exchange.proposer_id == user.id, Exchange.partner_id == user.id, Exchange.id.in_(seated))
