"""Finding circles and proposing them: the nightly run over every member (`find-circles`),
and a programme manager's run among a programme's participants.

A run reads the candidate graph from the vector index (graph.py) and chooses the circles
(solver.py) without writing anything; then it takes the run lock, records overdue circles as
expired and proposes the chosen ones, skipping any member another run has meanwhile put in a
circle. Left out of the graph: deleted accounts, members already in a proposed circle (each
member is in at most one), pairs already in an open exchange together, need-offer pairs a
member marked "not relevant", member sets once dissolved or expired, and in a programme
every pair its rules (kind, language, department, avoid lists, forbidden pairs) refuse.
"""

from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User, utcnow
from ..exchange.models import TOPIC_LENGTH, Exchange, Teaching
from ..extensions import db
from ..notifications.services import notify
from ..programmes import rules
from ..programmes.assignment import points
from ..programmes.models import ForbiddenPair
from ..programmes.pairing import programme_profiles, programme_rules
from ..programmes.services import ProgrammeError, check_manages, lock_programme
from ..skills.engine import get_engine
from ..skills.models import MatchDismissal, Skill
from .graph import candidate_edges
from .models import ANSWER_TIME, Circle, CircleMember
from .services import expire_circles, remembered_sets
from .solver import TIME_LIMIT_S, find_circles, swaps_only

# Runs propose one after the other: a PostgreSQL advisory lock (this key) held until commit.
# On SQLite the run's first write takes the database's write lock, which serves the same end.
RUN_LOCK_KEY = 0x63697263  # "circ"


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
    """Find circles (among a programme's participants, if given) and propose them; each new
    circle's members are told. Reads only the index (no model runs) until the solve is done.
    Returns a CircleRun."""
    now = now or utcnow()
    graph = candidate_graph(programme, snapshot)
    found = find_circles(graph.members, graph.edges, declined=remembered_sets(), time_limit=time_limit,
                         threads=threads)
    run = CircleRun(members_considered=len(graph.members), edges=len(graph), solver=found.summary())
    _take_run_lock()
    expire_circles(now)
    busy = _busy_or_gone(None)
    skills = _skills_by_id({int(graph.need_id[e]) for es in found.edges for e in es}
                           | {int(graph.offer_id[e]) for es in found.edges for e in es})
    for circle_edges in found.edges:
        circle = _propose(graph, circle_edges, skills, busy, programme, now)
        if circle is not None:
            busy |= {place.member_id for place in circle.members}
            run.proposed.append(circle)
    return run


def run_programme_circles(programme, manager, now=None, time_limit=TIME_LIMIT_S):
    """The programme's manager finds circles among its participants (not once it is closed)."""
    check_manages(programme, manager)
    lock_programme(programme)
    if programme.status == "closed":
        raise ProgrammeError(_("This programme is closed."))
    return run_circles(programme, now=now, time_limit=time_limit)


def candidate_graph(programme=None, snapshot=None, busy_included=False):
    """The graph a run solves: every member (or the programme's answered participants) but
    those deleted or already in a proposed circle (kept with `busy_included`), without pairs
    already in an open exchange, dismissed need-offer pairs, and what the programme refuses."""
    snapshot = snapshot if snapshot is not None else get_engine().snapshot()
    participants = _answered(programme) if programme is not None else None
    members = sorted({p.user_id for p in participants}) if participants is not None else None
    graph = candidate_edges(snapshot, members, exclude_pairs=_open_pairs(),
                            inactive=_busy_or_gone(members, busy_included), dismissed=_dismissed_pairs())
    if programme is not None:
        graph = graph.only(_allowed_by(programme, participants, graph))
    return graph


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


def _take_run_lock():
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": RUN_LOCK_KEY})
    else:  # a write that changes nothing still takes SQLite's write lock until commit
        db.session.execute(sa.update(Circle).where(sa.false()).values(lock_version=Circle.lock_version))


def _propose(graph, circle_edges, skills, busy, programme, now):
    """One Circle from the solver's edges (each teacher -> learner, in teaching order), or None
    when a member was put in a circle meanwhile or a skill changed since the index was read."""
    places = []
    for position, edge in enumerate(circle_edges):
        teacher = graph.members[int(graph.teacher[edge])]
        learner = graph.members[int(graph.learner[edge])]
        offer, need = skills.get(int(graph.offer_id[edge])), skills.get(int(graph.need_id[edge]))
        if teacher in busy or offer is None or need is None or offer.owner_id != teacher or need.owner_id != learner:
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


def _answered(programme):
    """The programme's participants who answered, with an account, and who both teach and learn
    in it (role "either"): in a circle everyone does both."""
    return [p for p in programme.participants
            if p.status == "answered" and p.user_id is not None and p.role == "either"]


def _allowed_by(programme, participants, graph):
    """Which edges teacher -> learner the programme's hard rules allow (the teacher as mentor,
    the learner as mentee), its forbidden pairs and everyone's avoid list included."""
    if not len(graph):
        return np.zeros(0, dtype=bool)
    profiles = programme_profiles(participants, programme.participants)
    allowed = rules.eligible_pairs(profiles, profiles, programme_rules(programme))  # [mentee, mentor]
    forbidden = db.session.execute(sa.select(ForbiddenPair.mentor_id, ForbiddenPair.mentee_id)
                                   .where(ForbiddenPair.programme_id == programme.id))
    at = {p.id: i for i, p in enumerate(participants)}
    for mentor, mentee in forbidden:
        if mentor in at and mentee in at:
            allowed[at[mentee], at[mentor]] = False
    # A member answered once per programme: their user id finds their row.
    row_of = {p.user_id: i for i, p in enumerate(participants)}
    rows = np.array([row_of[m] for m in graph.members], dtype=np.int64)
    return allowed[rows[graph.learner], rows[graph.teacher]]


def _open_pairs():
    """(teacher, learner) pairs already in an open exchange together: they need no circle."""
    open_ = sa.select(Exchange.id).where(Exchange.status.in_(("proposed", "active")))
    pairs = set(db.session.execute(sa.select(Teaching.teacher_id, Teaching.learner_id)
                                   .where(Teaching.exchange_id.in_(open_), Teaching.learner_id.is_not(None))))
    pairs |= set(db.session.execute(sa.select(Exchange.proposer_id, Exchange.partner_id)
                                    .where(Exchange.id.in_(open_), Exchange.partner_id.is_not(None))))
    return pairs


def _dismissed_pairs():
    """(need id, offer id) pairs a member marked "not relevant"."""
    return set(db.session.execute(sa.select(MatchDismissal.need_id, MatchDismissal.offer_id)))


def _busy_or_gone(members, busy_included=False):
    """Members left out of a run: in a proposed circle already (unless `busy_included`), or
    whose account is deleted."""
    busy = sa.select(CircleMember.member_id).join(Circle).where(Circle.status == "proposed")
    gone = sa.select(User.id).where(User.deleted_at.is_not(None))
    if members is not None:
        busy, gone = busy.where(CircleMember.member_id.in_(members)), gone.where(User.id.in_(members))
    return set(db.session.scalars(gone)) | (set() if busy_included else set(db.session.scalars(busy)))
