"""Pairing a programme's mentees with its mentors: optimal, greedy and stable, side by side.

Pure (no Flask, no database). Every method reads the same `Instance` and is judged in the
same unit, integer points (`points`), so "the optimal total is at least the greedy one"
holds exactly, not up to rounding.

- Each mentee has at most one mentor, each mentor at most `capacity` mentees; a mentee with
  no eligible mentor, or whose eligible mentors are full, stays unmatched.
- Locked pairs (kept by the manager) are placed first, whatever they cost: they take a seat
  of their mentor and count in every total with their own points. The methods then pair the
  other mentees on the seats left ("the open part").
- Ties are broken by position, which `Instance.build` and `Instance.from_matrix` make the
  order of ids: the same programme always gives the same pairs.
- A blocking pair is an eligible pair of the open part, not in the assignment, whose mentee
  would rather have this mentor (strictly more points than their pair, or unmatched) and
  whose mentor would rather have this mentee (a free seat, or strictly more points than
  their worst open-part mentee). Locked pairs never block and are never blocked.
"""

import time
from dataclasses import dataclass
from functools import cached_property
from heapq import heappush, heapreplace

import numpy as np

# The eligibility rules are defined in rules.py and are part of this module's API: services
# and forms read the programme's matching from here.
from .rules import (
    CROSS_DEPARTMENT_BONUS, DEPARTMENT_RULES, LANGUAGE_RULES, SAME_TIMEZONE_BONUS, TIMEZONE_RULES, Profile, Rules,
    eligible_pairs, rule_bonuses,
)

__all__ = [
    "POINTS", "METHODS", "UNMATCHED_REASONS", "VACANCY_REASONS", "InstanceError", "points", "Instance", "Assignment",
    "assess", "blocking_pairs", "optimal", "greedy", "stable", "SOLVERS", "compare", "unmatched_reasons", "vacancies",
    "CROSS_DEPARTMENT_BONUS", "DEPARTMENT_RULES", "LANGUAGE_RULES", "SAME_TIMEZONE_BONUS", "TIMEZONE_RULES",
    "Profile", "Rules", "eligible_pairs", "rule_bonuses",
]

POINTS = 10_000  # points per unit of score: a pair of quality 0.8312 is worth 8,312 points
METHODS = ("optimal", "greedy", "stable")
# Why a mentee is unmatched: no mentor passes the rules and the skills threshold; every
# eligible mentor is full; or an eligible mentor still has room (only after a hand edit:
# the three methods never leave such a pair apart).
UNMATCHED_REASONS = ("no_eligible_mentor", "mentors_full", "mentor_available")
# Why a mentor has seats left: no eligible mentee at all; every eligible mentee has a better
# pair elsewhere; or an eligible mentee is still unmatched (only after a hand edit).
VACANCY_REASONS = ("no_eligible_mentee", "capacity_left", "mentee_available")


class InstanceError(ValueError):
    """The programme cannot be solved as given (unknown ids, contradictory or too many locks)."""


def points(score):
    """A score (or an array of scores) as integer points, rounded half to even."""
    if np.ndim(score) == 0:
        return int(round(float(score) * POINTS))
    return np.rint(np.asarray(score, dtype=np.float64) * POINTS).astype(np.int64)


@dataclass(frozen=True, eq=False)
class Instance:
    """A programme to solve: ids in tie-breaking order, capacities, eligible pairs and locks.

    Edges are parallel arrays sorted by (mentee, mentor), one per eligible pair (forbidden
    pairs already removed): `edge_mentee` and `edge_mentor` are positions in `mentees` and
    `mentors`, `edge_points` their points. `locked` holds (mentee id, mentor id, points).
    """

    mentees: tuple
    mentors: tuple
    capacity: np.ndarray
    edge_mentee: np.ndarray
    edge_mentor: np.ndarray
    edge_points: np.ndarray
    locked: tuple = ()

    @classmethod
    def build(cls, mentees, capacities, scores, locked=(), forbidden=(), locked_scores=None):
        """From {(mentee id, mentor id): score} over the eligible pairs.

        Args:
            mentees: mentee ids; capacities: {mentor id: seats}.
            scores: the eligible pairs' match quality (rules.rule_bonuses included).
            locked: (mentee id, mentor id) pairs forced in every method, eligible or not.
            forbidden: (mentee id, mentor id) pairs removed (unknown ids are ignored).
            locked_scores: {pair: score} of locked pairs; a locked pair missing there
                counts with its score in `scores`, else 0.

        Raises:
            InstanceError: an unknown id in `scores` or `locked`, a mentee locked twice or
                to a forbidden mentor, or more locks on a mentor than their capacity.
        """
        mentees, mentors = tuple(sorted(mentees)), tuple(sorted(capacities))
        mentee_at, mentor_at = _positions(mentees), _positions(mentors)
        banned = set(map(tuple, forbidden))
        try:
            rows = [(mentee_at[e], mentor_at[m], s) for (e, m), s in scores.items() if (e, m) not in banned]
        except KeyError as error:
            raise InstanceError(f"a scored pair names an unknown participant: {error}") from None
        e, m, s = (np.asarray(column) for column in zip(*rows)) if rows else (np.zeros(0, int),) * 3
        locked_scores = locked_scores or {}
        locks = [(a, b, locked_scores.get((a, b), scores.get((a, b), 0.0))) for a, b in locked]
        return cls._assemble(mentees, mentors, capacities, e, m, points(s), locks, banned)

    @classmethod
    def from_matrix(cls, mentees, mentors, capacities, scores, eligible, locked=(), forbidden=(),
                    locked_scores=None):
        """From a score matrix [len(mentees), len(mentors)] and its boolean eligibility mask
        (columns in the order of `mentors`); a locked pair missing from `locked_scores`
        counts with its matrix score, eligible or not. See `build` for the rest."""
        mentee_order, mentor_order = _order(mentees), _order(mentors)
        scores = np.asarray(scores)[np.ix_(mentee_order, mentor_order)]
        eligible = np.array(eligible, dtype=bool)[np.ix_(mentee_order, mentor_order)]
        mentees = tuple(mentees[i] for i in mentee_order)
        mentors = tuple(mentors[j] for j in mentor_order)
        mentee_at, mentor_at = _positions(mentees), _positions(mentors)
        banned = set(map(tuple, forbidden))
        for e, m in banned:
            if e in mentee_at and m in mentor_at:
                eligible[mentee_at[e], mentor_at[m]] = False
        e, m = np.nonzero(eligible)
        locks = []
        for a, b in locked:
            if a not in mentee_at or b not in mentor_at:
                raise InstanceError(f"locked pair ({a!r}, {b!r}) names an unknown participant")
            locks.append((a, b, (locked_scores or {}).get((a, b), float(scores[mentee_at[a], mentor_at[b]]))))
        return cls._assemble(mentees, mentors, capacities, e, m, points(scores[e, m]), locks, banned)

    @classmethod
    def _assemble(cls, mentees, mentors, capacities, e, m, pts, locks, banned):
        if len(set(mentees)) != len(mentees):
            raise InstanceError("a mentee is listed twice")
        capacity = np.array([capacities[b] for b in mentors], dtype=np.int64)
        if (capacity < 0).any() or (pts < 0).any():
            raise InstanceError("capacities and scores cannot be negative")
        order = np.lexsort((m, e))
        mentee_at, mentor_at = _positions(mentees), _positions(mentors)
        seen, load = set(), np.zeros(len(mentors), dtype=np.int64)
        for a, b, _ in locks:
            if a not in mentee_at or b not in mentor_at:
                raise InstanceError(f"locked pair ({a!r}, {b!r}) names an unknown participant")
            if a in seen or (a, b) in banned:
                raise InstanceError(f"mentee {a!r} is locked twice, or to a forbidden mentor")
            seen.add(a)
            load[mentor_at[b]] += 1
        if (load > capacity).any():
            raise InstanceError("more pairs are locked to a mentor than their capacity")
        return cls(mentees, mentors, capacity, np.asarray(e, dtype=np.int64)[order],
                   np.asarray(m, dtype=np.int64)[order], np.asarray(pts, dtype=np.int64)[order],
                   tuple((a, b, points(s)) for a, b, s in locks))

    @cached_property
    def open_part(self):
        """What the methods solve once the locks are placed: (positions of the edges between a
        mentee without a lock and a mentor with a seat left, seats left per mentor, which
        mentees are locked)."""
        mentee_at, mentor_at = _positions(self.mentees), _positions(self.mentors)
        is_locked = np.zeros(len(self.mentees), dtype=bool)
        seats = self.capacity.copy()
        for a, b, _ in self.locked:
            is_locked[mentee_at[a]] = True
            seats[mentor_at[b]] -= 1
        edges = np.flatnonzero(~is_locked[self.edge_mentee] & (seats[self.edge_mentor] > 0))
        return edges, seats, is_locked

    def points_of(self, mentee_positions, mentor_positions):
        """Points of pairs given by positions: their edge's, a locked pair's own, else 0."""
        mentee_positions = np.asarray(mentee_positions, dtype=np.int64)
        mentor_positions = np.asarray(mentor_positions, dtype=np.int64)
        width = len(self.mentors)
        keys = self.edge_mentee * width + self.edge_mentor
        wanted = mentee_positions * width + mentor_positions
        found = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
        result = np.where(keys[found] == wanted, self.edge_points[found], 0) if len(keys) else np.zeros_like(wanted)
        mentee_at, mentor_at = _positions(self.mentees), _positions(self.mentors)
        locks = {mentee_at[a] * width + mentor_at[b]: p for a, b, p in self.locked}
        for k, key in enumerate(wanted.tolist()):
            if key in locks:
                result[k] = locks[key]
        return result


@dataclass
class Assignment:
    """The pairs of one method and how good they are (totals in points, locked pairs included).

    `pairs`: mentee id -> mentor id; `pair_points`: mentee id -> that pair's points;
    `worst_pair`: the lowest points of a pair (None without pairs); `solve_s`: seconds spent
    finding the pairs (optimal: the min-cost-flow solve only); `proven_optimal`: the
    solver's proof (optimal method only, else None).
    """

    method: str
    pairs: dict
    pair_points: dict
    total: int
    matched: int
    worst_pair: int | None
    blocking_pairs: int
    solve_s: float | None = None
    proven_optimal: bool | None = None

    def summary(self):
        """The figures without the pairs, as a plain dict."""
        return {"method": self.method, "total": self.total, "matched": self.matched, "worst_pair": self.worst_pair,
                "blocking_pairs": self.blocking_pairs, "solve_s": self.solve_s, "proven_optimal": self.proven_optimal}

    def as_json(self):
        """The figures and the pairs as a plain dict (pairs as [mentee, mentor, points]
        lists, so ids keep their type)."""
        return {**self.summary(), "pairs": [[e, m, self.pair_points[e]] for e, m in self.pairs.items()]}

    @classmethod
    def from_json(cls, data):
        """The Assignment `as_json` described."""
        fields = {k: v for k, v in data.items() if k != "pairs"}
        return cls(pairs={e: m for e, m, _ in data["pairs"]}, pair_points={e: p for e, _, p in data["pairs"]},
                   **fields)


def assess(instance, pairs, method="manual", solve_s=None, proven_optimal=None):
    """An Assignment for these pairs (mentee id -> mentor id, locked pairs included): totals,
    worst pair and blocking pairs; for a hand-edited assignment too.

    Raises:
        InstanceError: an unknown id, or a mentor given more mentees than their capacity.
    """
    mentee_at, mentor_at = _positions(instance.mentees), _positions(instance.mentors)
    try:
        e = np.array(sorted(mentee_at[a] for a in pairs), dtype=np.int64)
        m = np.array([mentor_at[pairs[instance.mentees[i]]] for i in e.tolist()], dtype=np.int64)
    except KeyError as error:
        raise InstanceError(f"a pair names an unknown participant: {error}") from None
    if (np.bincount(m, minlength=len(instance.mentors)) > instance.capacity).any():
        raise InstanceError("a mentor has more mentees than their capacity")
    pts = instance.points_of(e, m)
    mentor_of = np.full(len(instance.mentees), -1, dtype=np.int64)
    points_now = np.full(len(instance.mentees), -1, dtype=np.int64)
    mentor_of[e], points_now[e] = m, pts
    ordered = {instance.mentees[i]: instance.mentors[j] for i, j in zip(e.tolist(), m.tolist())}
    return Assignment(method, ordered, {instance.mentees[i]: int(p) for i, p in zip(e.tolist(), pts.tolist())},
                      int(pts.sum()), len(e), int(pts.min()) if len(e) else None,
                      _blocking(instance, mentor_of, points_now), solve_s, proven_optimal)


def blocking_pairs(instance, assignment):
    """How many blocking pairs (see the module's docstring) an assignment has."""
    return assess(instance, assignment.pairs).blocking_pairs


def _blocking(instance, mentor_of, points_now):
    edges, seats, is_locked = instance.open_part
    e, m, p = instance.edge_mentee[edges], instance.edge_mentor[edges], instance.edge_points[edges]
    held = np.flatnonzero(~is_locked & (mentor_of >= 0))
    worst = np.full(len(instance.mentors), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(worst, mentor_of[held], points_now[held])
    worst[np.bincount(mentor_of[held], minlength=len(instance.mentors)) < seats] = -1  # a free seat
    return int(np.count_nonzero((p > points_now[e]) & (p > worst[m])))


def optimal(instance):
    """The pairs of maximum total points (then the most pairs), by min-cost flow:
    source -> mentee (1) -> mentor (cost -points) -> sink (seats), and source -> sink for
    the mentees left unmatched."""
    from ortools.graph.python import min_cost_flow

    edges, seats, _ = instance.open_part
    e, m, p = instance.edge_mentee[edges], instance.edge_mentor[edges], instance.edge_points[edges]
    n_e, n_m = len(instance.mentees), len(instance.mentors)
    takers = np.unique(e)
    source, sink = n_e + n_m, n_e + n_m + 1
    # Points first, pairs second: one point outweighs one more pair (scale > pairs possible).
    scale = len(takers) + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(np.full(len(takers), source), takers, np.ones(len(takers), np.int64),
                                              np.zeros(len(takers), np.int64))
    arcs = flow.add_arcs_with_capacity_and_unit_cost(e, n_e + m, np.ones(len(e), np.int64), -(p * scale + 1))
    flow.add_arcs_with_capacity_and_unit_cost(n_e + np.arange(n_m), np.full(n_m, sink), seats, np.zeros(n_m, np.int64))
    flow.add_arc_with_capacity_and_unit_cost(source, sink, len(takers), 0)
    flow.set_node_supply(source, len(takers))
    flow.set_node_supply(sink, -len(takers))
    started = time.perf_counter()
    status = flow.solve()
    solve_s = time.perf_counter() - started
    if status not in (flow.OPTIMAL, flow.FEASIBLE):
        raise RuntimeError(f"min-cost flow failed: {status}")
    chosen = edges[flow.flows(arcs) > 0] if len(e) else edges
    return _result(instance, "optimal", chosen, solve_s, status == flow.OPTIMAL)


def greedy(instance):
    """The pairs a first-come rule makes: the best-scored pair first (ties by mentee then
    mentor position), kept when its mentee is unmatched and its mentor has a seat."""
    started = time.perf_counter()
    edges, seats, _ = instance.open_part
    e, m = instance.edge_mentee[edges], instance.edge_mentor[edges]
    order = np.lexsort((m, e, -instance.edge_points[edges]))
    seats, taken, chosen = seats.tolist(), set(), []
    for k, a, b in zip(order.tolist(), e[order].tolist(), m[order].tolist()):
        if seats[b] > 0 and a not in taken:
            seats[b] -= 1
            taken.add(a)
            chosen.append(k)
    return _result(instance, "greedy", edges[np.array(chosen, dtype=np.int64)], time.perf_counter() - started)


def stable(instance):
    """The mentee-optimal stable pairs: mentees propose in order of points (deferred
    acceptance with capacities); mentors keep their best proposals by points, ties to the
    lower mentee position."""
    started = time.perf_counter()
    edges, seats, _ = instance.open_part
    e, m, p = instance.edge_mentee[edges], instance.edge_mentor[edges], instance.edge_points[edges]
    order = np.lexsort((m, -p, e))  # each mentee's mentors, best first
    e_sorted = e[order]
    n_e = len(instance.mentees)
    starts = np.searchsorted(e_sorted, np.arange(n_e + 1)).tolist()
    mentor_list, points_list, edge_list = m[order].tolist(), p[order].tolist(), order.tolist()
    seats, held = seats.tolist(), [[] for _ in instance.mentors]  # min-heaps of (priority, mentee, edge)
    next_choice = starts[:-1]
    waiting = list(range(n_e - 1, -1, -1))
    while waiting:
        a = waiting.pop()
        while next_choice[a] < starts[a + 1]:
            k = next_choice[a]
            next_choice[a] += 1
            b = mentor_list[k]
            proposal = (points_list[k] * n_e + (n_e - 1 - a), a, edge_list[k])
            if len(held[b]) < seats[b]:
                heappush(held[b], proposal)
                break
            if held[b][0] < proposal:  # open mentors have a seat, so a full heap is not empty
                waiting.append(heapreplace(held[b], proposal)[1])
                break
    chosen = np.array(sorted(k for heap in held for _, _, k in heap), dtype=np.int64)
    return _result(instance, "stable", edges[chosen], time.perf_counter() - started)


SOLVERS = {"optimal": optimal, "greedy": greedy, "stable": stable}


def compare(instance):
    """The three methods on one programme: {method: Assignment}, in METHODS order."""
    return {method: SOLVERS[method](instance) for method in METHODS}


def unmatched_reasons(instance, assignment):
    """Why each unmatched mentee is unmatched: {mentee id: one of UNMATCHED_REASONS}."""
    room = _room(instance, assignment) > 0
    has_edge = np.bincount(instance.edge_mentee, minlength=len(instance.mentees)) > 0
    has_room = np.bincount(instance.edge_mentee, weights=room[instance.edge_mentor],
                           minlength=len(instance.mentees)) > 0
    return {a: UNMATCHED_REASONS[0] if not has_edge[i] else UNMATCHED_REASONS[2] if has_room[i] else
            UNMATCHED_REASONS[1] for i, a in enumerate(instance.mentees) if a not in assignment.pairs}


def vacancies(instance, assignment):
    """Mentors with seats left: {mentor id: (seats left, one of VACANCY_REASONS)}."""
    room = _room(instance, assignment)
    unmatched = np.array([a not in assignment.pairs for a in instance.mentees], dtype=bool)
    has_edge = np.bincount(instance.edge_mentor, minlength=len(instance.mentors)) > 0
    waiting = np.bincount(instance.edge_mentor, weights=unmatched[instance.edge_mentee],
                          minlength=len(instance.mentors)) > 0
    return {b: (int(room[j]), VACANCY_REASONS[0] if not has_edge[j] else VACANCY_REASONS[2] if waiting[j] else
                VACANCY_REASONS[1]) for j, b in enumerate(instance.mentors) if room[j] > 0}


def _room(instance, assignment):
    """Seats left per mentor position."""
    mentor_at = _positions(instance.mentors)
    taken = np.bincount(np.array([mentor_at[b] for b in assignment.pairs.values()], dtype=np.int64),
                        minlength=len(instance.mentors))
    return instance.capacity - taken


def _result(instance, method, chosen, solve_s, proven_optimal=None):
    """The Assignment of the chosen open-part edges plus the locked pairs."""
    pairs = {a: b for a, b, _ in instance.locked}
    pairs.update(zip((instance.mentees[i] for i in instance.edge_mentee[chosen].tolist()),
                     (instance.mentors[j] for j in instance.edge_mentor[chosen].tolist())))
    return assess(instance, pairs, method, solve_s, proven_optimal)


def _positions(ids):
    return {value: k for k, value in enumerate(ids)}


def _order(ids):
    """Positions of ids in sorted order."""
    return sorted(range(len(ids)), key=lambda k: ids[k])
