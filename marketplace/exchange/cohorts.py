"""Cohorts: one mentor, a fixed number of seats, a waitlist served in order.

Every seat change first bumps the cohort row (`lock_version`): on PostgreSQL that UPDATE
takes the row lock, on SQLite the database write lock, so concurrent joins and leaves
are serialised and the count read after it is exact: never more seated than seats.
"""

import numpy as np
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..accounts.models import utcnow
from ..errors import NotFound
from ..extensions import db
from ..notifications.services import notify
from .models import Cohort, CohortSeat, Exchange, Teaching
from .services import ExchangeError, check_framework, make_objectives

CAPACITY = (2, 50)
TITLE_LENGTH = (2, 120)
DESCRIPTION_LENGTH = 2000
LANGUAGES = ("fr", "en")  # what a cohort's sessions are held in
COHORTS_PER_PAGE = 50  # open cohorts on the cohorts page, and per page of the API's list


def open_cohort(mentor, offer, title, capacity, language="fr", description="", objectives=(), **framework):
    """Open a cohort on one of the mentor's offers; its workspace is a group exchange."""
    if offer is None or offer.owner_id != mentor.id or offer.direction != "offer":
        raise ExchangeError(_("A cohort is opened on one of your own offers."), 400)
    title = " ".join((title or "").split())
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        raise ExchangeError(_("A title has between 2 and 120 characters."), 400)
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not CAPACITY[0] <= capacity <= CAPACITY[1]:
        raise ExchangeError(_("A cohort has between 2 and 50 seats."), 400)
    if language not in LANGUAGES:
        raise ExchangeError(_("A cohort meets in French or in English."), 400)
    exchange = Exchange(kind="group", status="active", proposer=mentor, partner_id=None, accepted_at=utcnow(),
                        teachings=[Teaching(teacher=mentor, learner_id=None, skill_id=offer.id, topic=title)],
                        **check_framework(framework))
    exchange.objectives = make_objectives(objectives)
    cohort = Cohort(exchange=exchange, mentor=mentor, skill_id=offer.id, title=title, capacity=capacity,
                    language=language, description=(description or "").strip()[:DESCRIPTION_LENGTH])
    db.session.add(cohort)
    db.session.flush()
    return cohort


def get_cohort(cohort_id):
    """The cohort with this id; NotFound otherwise."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound(_("This cohort does not exist."))
    return cohort


def join_cohort(cohort, member):
    """Take a seat if one is free, else the end of the waitlist. Returns the seat."""
    _lock(cohort)
    if member.id == cohort.mentor_id:
        raise ExchangeError(_("You run this cohort."))
    if not cohort.enrolment_open or cohort.exchange.status != "active":
        raise ExchangeError(_("Enrolment in this cohort is closed."))
    seat = _seat(cohort, member.id)
    if seat is not None and seat.status in ("seated", "waitlisted"):
        raise ExchangeError(_("You are already in this cohort."))
    if seat is not None and seat.status == "removed":
        raise ExchangeError(_("The mentor removed you from this cohort."), 403)
    seated = _count_seated(cohort)
    if seat is None:
        seat = CohortSeat(cohort_id=cohort.id, member_id=member.id)
        db.session.add(seat)
    seat.queued_at = utcnow()
    seat.status = "seated" if seated < cohort.capacity else "waitlisted"
    seat.seated_at = seat.queued_at if seat.status == "seated" else None
    db.session.flush()
    kind = "cohort_joined" if seat.status == "seated" else "cohort_waitlisted"
    notify(cohort.mentor, kind, f"{kind}:{seat.id}:{seat.queued_at.isoformat()}", actor=member,
           exchange=cohort.exchange)
    return seat


def leave_cohort(cohort, member):
    """Give up a seat (or a waitlist place); the first on the waitlist gets the seat."""
    _lock(cohort)
    seat = _seat(cohort, member.id)
    if seat is None or seat.status not in ("seated", "waitlisted"):
        raise ExchangeError(_("You are not in this cohort."))
    _free(cohort, seat, "left")
    notify(cohort.mentor, "cohort_left", f"cohort_left:{seat.id}:{utcnow().isoformat()}", actor=member,
           exchange=cohort.exchange)


def remove_participant(cohort, mentor, member_id):
    """The mentor removes a member; a freed seat goes to the first on the waitlist."""
    _lock(cohort)
    if mentor.id != cohort.mentor_id:
        raise NotFound(_("This cohort does not exist."))
    seat = _seat(cohort, member_id)
    if seat is None or seat.status not in ("seated", "waitlisted"):
        raise NotFound(_("This member is not in the cohort."))
    _free(cohort, seat, "removed")
    notify(seat.member, "cohort_removed", f"cohort_removed:{seat.id}:{utcnow().isoformat()}", actor=mentor,
           exchange=cohort.exchange)


def set_enrolment(cohort, mentor, open_):
    """The mentor opens or closes enrolment."""
    if mentor.id != cohort.mentor_id:
        raise NotFound(_("This cohort does not exist."))
    cohort.enrolment_open = bool(open_)
    db.session.flush()


def _free(cohort, seat, status):
    was_seated = seat.status == "seated"
    seat.status, seat.seated_at = status, None
    db.session.flush()
    if not was_seated:
        return
    first = db.session.scalars(
        sa.select(CohortSeat).where(CohortSeat.cohort_id == cohort.id, CohortSeat.status == "waitlisted")
        .order_by(CohortSeat.queued_at, CohortSeat.id).limit(1)
    ).first()
    if first is not None and _count_seated(cohort) < cohort.capacity:
        first.status, first.seated_at = "seated", utcnow()
        db.session.flush()
        notify(first.member, "cohort_seat", f"cohort_seat:{cohort.id}:{first.id}:{first.seated_at.isoformat()}",
               actor=cohort.mentor, exchange=cohort.exchange)


def _lock(cohort):
    """Serialise seat changes of this cohort (see the module docstring)."""
    db.session.execute(sa.update(Cohort).where(Cohort.id == cohort.id)
                       .values(lock_version=Cohort.lock_version + 1))
    db.session.expire(cohort)


def _seat(cohort, member_id):
    return db.session.scalar(sa.select(CohortSeat).filter_by(cohort_id=cohort.id, member_id=member_id))


def _count_seated(cohort):
    return db.session.scalar(
        sa.select(sa.func.count(CohortSeat.id)).where(CohortSeat.cohort_id == cohort.id, CohortSeat.status == "seated")
    )


def open_cohorts():
    """Open cohorts, newest first."""
    return (sa.select(Cohort).join(Exchange)
            .where(Cohort.enrolment_open.is_(True), Exchange.status == "active")
            .order_by(Cohort.created_at.desc(), Cohort.id.desc()))


def open_cohorts_page(page):
    """One page of `open_cohorts` (COHORTS_PER_PAGE a page), with their seats (a list shows
    the seats left of each, in one statement whatever their number)."""
    return db.session.scalars(open_cohorts().options(selectinload(Cohort.seats))
                              .offset((page - 1) * COHORTS_PER_PAGE).limit(COHORTS_PER_PAGE)).all()


def count_open_cohorts():
    """How many cohorts `open_cohorts` lists."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(open_cohorts().order_by(None).subquery()))


def cohorts_for(member, limit=10):
    """Open cohorts whose offer matches one of the member's needs: [(cohort, need, similarity)],
    scored by the same engine and threshold as people (each need against each open cohort's
    offer: there are few), without the pairs the member marked not relevant; best first."""
    from ..skills.engine import current_index
    from ..skills.matching import dismissed_pairs

    removed = set(db.session.scalars(sa.select(CohortSeat.cohort_id).where(
        CohortSeat.member_id == member.id, CohortSeat.status == "removed")))
    index = current_index()
    by_skill = {c.skill_id: c for c in db.session.scalars(open_cohorts())
                if c.skill_id in index.skills and c.id not in removed and c.mentor_id != member.id}
    needs = [s for s in member.needs if s.id in index.skills]
    if not by_skill or not needs:
        return []
    offers = list(by_skill)
    similarity = index.relevance(index.fetch("learn", [s.id for s in needs]) @ index.fetch("offer", offers).T)
    dismissed = dismissed_pairs(member)
    threshold = index.calibration.threshold
    best = {}
    for row, col in zip(*np.nonzero(similarity >= threshold)):
        need, cohort, value = needs[row], by_skill[offers[col]], float(similarity[row, col])
        if (need.id, cohort.skill_id) in dismissed:
            continue
        if cohort.id not in best or value > best[cohort.id][2]:
            best[cohort.id] = (cohort, need, value)
    return sorted(best.values(), key=lambda item: (-item[2], item[0].id))[:limit]
