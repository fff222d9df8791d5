"""The life of a circle: found and proposed, accepted or declined by each member, formed into
an exchange, dissolved or expired. Every function checks who acts and refuses illegal moves.

A run (`find-circles`, nightly; or a programme manager's, within their programme) reads the
candidate graph from the vector index (graph.py), chooses the circles (solver.py) and
proposes them. Left out of a run: members already in a proposed circle (each member is in
at most one), pairs already in an open exchange together, and every member set once
dissolved or expired (never proposed again). When everyone has accepted, a circle of two
becomes a two-way swap and a circle of three a "circle" exchange: three teachings, shared
meetings, agenda, notes, feedback, calendar.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User, utcnow
from ..errors import Conflict, NotFound
from ..exchange.models import Exchange, Teaching
from ..exchange.services import make_objectives
from ..extensions import db
from ..notifications.services import notify
from ..programmes.assignment import points
from ..programmes.models import ForbiddenPair
from ..skills.engine import get_engine
from ..skills.models import Skill
from .graph import candidate_edges
from .models import ANSWER_TIME, REMEMBERED_STATUSES, TOPIC_LENGTH, Circle, CircleMember
from .solver import TIME_LIMIT_S, find_circles, swaps_only


class CircleError(Conflict):
    """A circle cannot make this move in its current state (HTTP 409)."""


@dataclass
class CircleRun:
    """What one run proposed, and how the solver found it."""

    proposed: list = field(default_factory=list)  # the new Circle rows
    members_considered: int = 0
    edges: int = 0
    solver: dict = field(default_factory=dict)  # solver.Circles.summary()

    def summary(self):
        """The run's figures as a plain dict (the command prints it as JSON)."""
        return {"circles_proposed": len(self.proposed),
                "members_in_circles": sum(len(c.members) for c in self.proposed),
                "circles_2": sum(len(c.members) == 2 for c in self.proposed),
                "circles_3": sum(len(c.members) == 3 for c in self.proposed),
                "members_considered": self.members_considered, "edges": self.edges, **{
                    key: self.solver[key] for key in ("proven_optimal", "solve_s", "max_edges") if key in self.solver}}


def run_circles(programme=None, now=None, time_limit=TIME_LIMIT_S, threads=1, snapshot=None):
    """Expire overdue circles, then find and propose new ones (within a programme, if given).

    Reads the index snapshot (no model runs: every skill already has its vector); each new
    circle's members are told. Returns a CircleRun."""
    now = now or utcnow()
    expire_circles(now)
    graph = candidate_graph(programme, snapshot)
    found = find_circles(graph.members, graph.edges, declined=remembered_sets(), time_limit=time_limit,
                         threads=threads)
    run = CircleRun(members_considered=len(graph.members), edges=len(graph), solver=found.summary())
    skills = _skills_by_id({int(graph.need_id[e]) for es in found.edges for e in es}
                           | {int(graph.offer_id[e]) for es in found.edges for e in es})
    for circle_edges in found.edges:
        circle = _propose(graph, circle_edges, skills, programme, now)
        if circle is not None:
            run.proposed.append(circle)
    return run


def candidate_graph(programme=None, snapshot=None, busy_included=False):
    """The graph a run solves: every member (or the programme's answered participants) but
    those deleted or already in a proposed circle (kept with `busy_included`), without pairs
    already in an open exchange (or kept apart by the programme)."""
    snapshot = snapshot if snapshot is not None else get_engine().snapshot()
    members = _programme_members(programme) if programme is not None else None
    return candidate_edges(snapshot, members, exclude_pairs=_open_pairs() | _programme_avoided(programme),
                           inactive=_busy_or_gone(members, busy_included))


def measure_coverage(programme=None, time_limit=TIME_LIMIT_S, threads=1, snapshot=None):
    """What circles can cover in the population, written nowhere: members in circles of two
    and three against members in two-way swaps alone, on the same graph (members already in
    a proposed circle counted as free). Returns a dict of figures."""
    graph = candidate_graph(programme, snapshot, busy_included=True)
    declined = remembered_sets()
    with_circles = find_circles(graph.members, graph.edges, declined, time_limit=time_limit, threads=threads)
    swaps = swaps_only(graph.members, graph.edges, declined, time_limit=time_limit, threads=threads)
    gain = with_circles.members_in_circles / swaps.members_in_circles - 1 if swaps.members_in_circles else None
    return {"members": len(graph.members), "edges": len(graph),
            "members_in_circles": with_circles.members_in_circles, "members_in_swaps_only": swaps.members_in_circles,
            "more_members": None if gain is None else round(gain, 4), "circles_2": with_circles.count(2),
            "circles_3": with_circles.count(3), "proven_optimal": with_circles.proven_optimal and swaps.proven_optimal}


def _propose(graph, circle_edges, skills, programme, now):
    """One Circle from the solver's edges (each teacher -> learner, in teaching order), or None
    when a skill changed owner or disappeared since the index was read."""
    places = []
    for position, edge in enumerate(circle_edges):
        teacher = graph.members[int(graph.teacher[edge])]
        learner = graph.members[int(graph.learner[edge])]
        offer, need = skills.get(int(graph.offer_id[edge])), skills.get(int(graph.need_id[edge]))
        if offer is None or need is None or offer.owner_id != teacher or need.owner_id != learner:
            return None
        places.append(CircleMember(member_id=teacher, position=position, offer_id=offer.id, need_id=need.id,
                                   offer_title=offer.title[:TOPIC_LENGTH], need_title=need.title[:TOPIC_LENGTH],
                                   probability=float(graph.weight[edge])))
    circle = Circle(status="proposed", points=int(sum(points(p.probability) for p in places)),
                    programme_id=programme.id if programme is not None else None, created_at=now,
                    expires_at=now + ANSWER_TIME, members=places)
    db.session.add(circle)
    db.session.flush()
    for place in circle.members:
        notify(place.member, "circle_proposed", f"circle_proposed:{circle.id}", circle=circle)
    return circle


def _skills_by_id(ids):
    return {s.id: s for s in db.session.scalars(sa.select(Skill).where(Skill.id.in_(sorted(ids))))} if ids else {}


def _programme_members(programme):
    """User ids of the programme's answered participants."""
    return sorted({p.user_id for p in programme.participants if p.status == "answered" and p.user_id is not None})


def _programme_avoided(programme):
    """Pairs of user ids the programme keeps apart: forbidden pairs and people asked to avoid."""
    if programme is None:
        return set()
    by_email = {p.email.casefold(): p.user_id for p in programme.participants if p.user_id is not None}
    by_participant = {p.id: p.user_id for p in programme.participants}
    pairs = {(p.user_id, by_email[email.casefold()]) for p in programme.participants if p.user_id is not None
             for email in p.avoid if email.casefold() in by_email}
    forbidden = db.session.execute(sa.select(ForbiddenPair.mentor_id, ForbiddenPair.mentee_id)
                                   .where(ForbiddenPair.programme_id == programme.id))
    pairs |= {(by_participant.get(mentor), by_participant.get(mentee)) for mentor, mentee in forbidden}
    return {pair for pair in pairs if None not in pair}


def _open_pairs():
    """(teacher, learner) pairs already in an open exchange together: they need no circle."""
    open_ = sa.select(Exchange.id).where(Exchange.status.in_(("proposed", "active")))
    pairs = set(db.session.execute(sa.select(Teaching.teacher_id, Teaching.learner_id)
                                   .where(Teaching.exchange_id.in_(open_), Teaching.learner_id.is_not(None))))
    pairs |= set(db.session.execute(sa.select(Exchange.proposer_id, Exchange.partner_id)
                                    .where(Exchange.id.in_(open_), Exchange.partner_id.is_not(None))))
    return pairs


def _busy_or_gone(members, busy_included=False):
    """Members left out of a run: in a proposed circle already (unless `busy_included`), or
    whose account is deleted."""
    busy = sa.select(CircleMember.member_id).join(Circle).where(Circle.status == "proposed")
    gone = sa.select(User.id).where(User.deleted_at.is_not(None))
    if members is not None:
        busy, gone = busy.where(CircleMember.member_id.in_(members)), gone.where(User.id.in_(members))
    return set(db.session.scalars(gone)) | (set() if busy_included else set(db.session.scalars(busy)))


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
    its answer time is recorded expired instead)."""
    now = now or utcnow()
    circle = proposed_circle_of(member)
    while circle is not None:
        if shown_status(circle, now) == "expired":
            _expire(circle, now)
        else:
            decline_circle(circle, member, now)
        circle = proposed_circle_of(member)


def expire_circles(now=None):
    """Close every circle not fully answered in time, telling its members; returns how many."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(Circle).where(Circle.status == "proposed", Circle.expires_at <= now)).all()
    for circle in due:
        _expire(circle, now)
    return len(due)


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
    exchange = Exchange(kind="swap" if len(places) == 2 else "circle", status="active",
                        proposer_id=places[0].member_id, partner_id=places[1].member_id if len(places) == 2 else None,
                        accepted_at=now, programme_id=circle.programme_id, teachings=teachings,
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
