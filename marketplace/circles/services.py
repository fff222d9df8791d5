"""The life of a circle once proposed (runs.py finds and proposes them): each member
accepts or declines, the circle forms into an exchange, dissolves or expires. Every function
checks who acts and refuses illegal moves.

When everyone has accepted, a circle of two becomes a two-way swap and a circle of three a
"circle" exchange: three teachings, shared meetings, agenda, notes, feedback, calendar. One
decline dissolves it; a dissolved or expired circle's member set is never proposed again.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import utcnow
from ..errors import Conflict, NotFound
from ..exchange.models import Exchange, Teaching
from ..exchange.services import make_objectives
from ..extensions import db
from ..notifications.services import notify
from ..skills.models import Skill
from .models import REMEMBERED_STATUSES, Circle, CircleMember


class CircleError(Conflict):
    """A circle cannot make this move in its current state (HTTP 409)."""


def remembered_sets():
    """Member sets of every dissolved or expired circle: never proposed again."""
    rows = db.session.execute(sa.select(CircleMember.circle_id, CircleMember.member_id).join(Circle)
                              .where(Circle.status.in_(REMEMBERED_STATUSES)))
    sets = {}
    for circle_id, member_id in rows:
        sets.setdefault(circle_id, set()).add(member_id)
    return [frozenset(s) for s in sets.values()]


def circles_of(member):
    """Every circle the member was proposed, for their data export: their own answer and what
    they teach and learn (never the others' answers)."""
    rows = db.session.scalars(sa.select(Circle).join(CircleMember).where(CircleMember.member_id == member.id)
                              .order_by(Circle.id)).all()
    exported = []
    for circle in rows:
        mine = circle.member_of(member)
        taught, teacher = circle.next_of(mine), circle.previous_of(mine)
        exported.append({
            "circle_id": circle.id, "status": circle.status, "exchange_id": circle.exchange_id,
            "my_answer": mine.answer, "answered_at": mine.answered_at and mine.answered_at.isoformat(),
            "created_at": circle.created_at.isoformat(),
            "i_teach": {"to": taught.member.public_name, "offer": mine.offer_title, "their_need": mine.need_title},
            "i_learn": {"from": teacher.member.public_name, "offer": teacher.offer_title,
                        "my_need": teacher.need_title},
        })
    return exported


CIRCLES_PER_PAGE = 20  # a member's circles per page of the API's list


def member_circles(member):
    """Every circle the member was proposed (or is proposed), newest first."""
    return (sa.select(Circle).join(CircleMember).where(CircleMember.member_id == member.id)
            .order_by(Circle.id.desc()))


def member_circles_page(member, page):
    """One page of `member_circles` (CIRCLES_PER_PAGE a page): (circles, total)."""
    query = member_circles(member)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.offset((page - 1) * CIRCLES_PER_PAGE).limit(CIRCLES_PER_PAGE)).all()
    return rows, total


def get_circle(actor, circle_id):
    """The circle if the actor is one of its members; anyone else is told it does not exist."""
    circle = db.session.get(Circle, circle_id)
    if circle is None or circle.member_of(actor) is None:
        raise NotFound(_("This circle does not exist."))
    return circle


def proposed_circle_of(member):
    """The member's circle waiting for answers, or None (each member is in at most one)."""
    return db.session.scalar(sa.select(Circle).join(CircleMember)
                             .where(CircleMember.member_id == member.id, Circle.status == "proposed")
                             .order_by(Circle.id.desc()).limit(1))


def shown_status(circle, now=None):
    """The status a reader sees: a proposal past its answer time reads "expired" before the
    next run records it."""
    if circle.status == "proposed" and circle.expires_at <= (now or utcnow()):
        return "expired"
    return circle.status


def _lock(circle):
    """Serialise the answers of one circle: a no-op UPDATE takes its row lock until the
    transaction ends (SQLite's write lock); what is read after it is current."""
    db.session.execute(sa.update(Circle).where(Circle.id == circle.id).values(lock_version=Circle.lock_version + 1))
    db.session.refresh(circle)
    db.session.expire(circle, ["members"])


def _open_place(circle, actor, now):
    """Lock the circle and return the actor's place, if the circle still waits for answers."""
    place = circle.member_of(actor)
    if place is None:
        raise NotFound(_("This circle does not exist."))
    _lock(circle)
    if shown_status(circle, now) == "expired":
        _expire(circle, now)
    if circle.status != "proposed":
        raise CircleError(_("This circle is no longer waiting for answers."))
    return circle.member_of(actor)


def accept_circle(circle, actor, now=None):
    """The actor accepts; when everyone has, the circle becomes an active exchange (returned)."""
    now = now or utcnow()
    place = _open_place(circle, actor, now)
    if place.answer == "accepted":
        raise CircleError(_("You have already accepted this circle."))
    place.answer, place.answered_at = "accepted", now
    db.session.flush()
    if all(p.answer == "accepted" for p in circle.members):
        return _form(circle, now)
    return None


def decline_circle(circle, actor, now=None):
    """The actor declines (even after accepting): the circle dissolves, its members are free
    for the next run, each is told, and the same members are never proposed together again."""
    now = now or utcnow()
    place = _open_place(circle, actor, now)
    place.answer, place.answered_at = "declined", now
    _close(circle, "dissolved", now)
    for other in circle.members:
        if other.member_id != actor.id:
            notify(other.member, "circle_dissolved", f"circle_dissolved:{circle.id}", circle=circle)
    return circle


def leave_circles(member, now=None):
    """A departing member declines every circle that still waits for them (one already past
    its answer time is recorded expired instead), and the titles of their skills are erased
    from every circle that never formed."""
    now = now or utcnow()
    circle = proposed_circle_of(member)
    while circle is not None:
        _withdraw(circle, member, now)
        circle = proposed_circle_of(member)
    places = db.session.scalars(sa.select(CircleMember).join(Circle).where(
        CircleMember.member_id == member.id, Circle.status != "formed")).all()
    for place in places:
        place.offer_title = ""
        place.circle.previous_of(place).need_title = ""
    db.session.flush()


def skill_removed(skill, now=None):
    """A skill in a waiting circle was deleted: its owner no longer offers (or needs) it, so
    the circle no longer holds and dissolves as if they had declined."""
    now = now or utcnow()
    circles = db.session.scalars(sa.select(Circle).join(CircleMember).where(
        Circle.status == "proposed", sa.or_(CircleMember.offer_id == skill.id, CircleMember.need_id == skill.id))
        .distinct()).all()
    for circle in circles:
        _withdraw(circle, skill.owner, now)


def _withdraw(circle, member, now):
    """The member leaves a waiting circle: declined, or expired if its time has passed."""
    if shown_status(circle, now) == "expired":
        _lock(circle)
        if circle.status == "proposed":
            _expire(circle, now)
    else:
        decline_circle(circle, member, now)


def expire_circles(now=None):
    """Close every circle not fully answered in time, telling its members; returns how many."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(Circle).where(Circle.status == "proposed", Circle.expires_at <= now)).all()
    expired = 0
    for circle in due:
        _lock(circle)  # the last answer may have formed it meanwhile
        if circle.status == "proposed":
            _expire(circle, now)
            expired += 1
    return expired


def _expire(circle, now):
    _close(circle, "expired", now)
    for place in circle.members:
        notify(place.member, "circle_expired", f"circle_expired:{circle.id}", circle=circle)


def _close(circle, status, now):
    circle.status, circle.closed_at = status, now
    db.session.flush()


def _form(circle, now):
    """Everyone accepted: a two-way swap for two members, a circle exchange for three, active
    now, each learner's need an objective; everyone is told."""
    places = circle.members
    teachings = [Teaching(teacher_id=p.member_id, learner_id=circle.next_of(p).member_id, skill_id=_still_offered(p),
                          topic=p.offer_title) for p in places]
    # A programme's circle takes its framework, but is not one of its pairs: the programme's
    # follow-up counts the pairs it published (the manager sees circles as counts).
    exchange = Exchange(kind="swap" if len(places) == 2 else "circle", status="active",
                        proposer_id=places[0].member_id, partner_id=places[1].member_id if len(places) == 2 else None,
                        accepted_at=now, teachings=teachings,
                        **(circle.programme.framework() if circle.programme is not None else {}))
    exchange.objectives = make_objectives(dict.fromkeys(p.need_title for p in places))
    db.session.add(exchange)
    db.session.flush()
    circle.exchange_id = exchange.id
    _close(circle, "formed", now)
    for place in places:
        notify(place.member, "circle_formed", f"circle_formed:{circle.id}", exchange=exchange, circle=circle)
    return exchange


def _still_offered(place):
    """The offer's id if it is still the member's offer (else the topic alone is kept)."""
    skill = db.session.get(Skill, place.offer_id) if place.offer_id else None
    return skill.id if skill is not None and skill.owner_id == place.member_id else None
