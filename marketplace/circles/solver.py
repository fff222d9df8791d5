"""Choosing exchange circles: disjoint two-way swaps (A <-> B) and circles of three
(A -> B -> C -> A) of greatest total match quality.

Pure (no Flask, no database). The cycle formulation of kidney exchange: every 2-cycle and
3-cycle of the candidate graph is one yes/no choice worth the points of its edges
(programmes.assignment.points: 10,000 per unit of probability); each member is in at most
one chosen cycle; CP-SAT maximises the total. A member with a direct swap keeps it whenever
the swap is worth more than any circle it would have to give way to: nothing else is
needed for that, the swap is one of the choices.

The graph is pruned first, and optimality is proven on the pruned graph:
- each member keeps their best MAX_EDGES_PER_MEMBER edges out and in (an edge stays when
  it is among the best of both its teacher and its learner), which bounds the number of
  3-cycles by about members x MAX_EDGES_PER_MEMBER squared;
- a member without an edge in or out is in no cycle, and leaves with their edges (again,
  until none is left).
Declined circles (member sets) are never chosen again, in either direction.

The search starts from the greedy choice (most points first). Where each member sits in
under one listed cycle on average (bench-circles at 10,000 members) the relaxation is tight
and the proof takes a fraction of a second. Where members sit in several overlapping cycles
(the same texts among 200-5,000 members) a third of the relaxation's cycles are fractional,
it is a few percent weak, and no proof comes in minutes (HiGHS does not prove 2,000 members
in 60 s either; equal points are not the cause: a tie-breaking perturbation changes nothing).
So a cap not proven within ATTEMPT_S is cut by a fifth and the graph solved again, until one
is proven: the circles are optimal on the graph of `Circles.max_edges`, which trades members
in circles at 200-2,000 members for the proof. `Circles.bound` and `gap` say how far off an
unproven last attempt can be.
"""

import time
from dataclasses import dataclass, field

import numpy as np

from ..programmes.assignment import points
from .graph import tie_breaker

# Best edges kept per member, each way, before cycles are listed. bench-circles at 10,000
# members: 30 lists ~4,400 cycles, proven in 1-2 s on one worker (25: ~2,600 cycles and a
# quarter fewer members in circles; 35: ~6,800 cycles, not proven in 10 s).
MAX_EDGES_PER_MEMBER = 30
TIME_LIMIT_S = 10.0  # the whole solve's budget; past it the best circles found are returned, unproven
# Where the cap leaves members in several overlapping cycles (the same texts among 200-5,000
# members), the relaxation is a few percent weak and no proof comes in minutes: each cap but
# the last gets ATTEMPT_S, then the graph is pruned again under a cap CAP_STEP times smaller.
ATTEMPT_S = 1.5
CAP_STEP = 0.8  # 30, 24, 19, 15, 12, 9
MIN_EDGES_PER_MEMBER = 8
CIRCLE_SIZES = (2, 3)


@dataclass
class Circles:
    """The chosen circles and how they were found.

    `circles`: tuples of member ids in teaching order (each teaches the next, the last
    teaches the first), the smallest member position first; `edges`: for each circle, the
    positions of its edges in the arrays given to the solver, in the same order;
    `points`: each circle's points. `proven_optimal` is CP-SAT's proof on the pruned graph;
    `bound` its upper bound on the total (the total itself once proven). `solve_s` is the
    whole solve (pruning, listing, model, search), `search_s` CP-SAT's search alone.
    """

    circles: list
    edges: list
    points: list
    total: int
    proven_optimal: bool
    status: str
    solve_s: float
    bound: int = 0
    search_s: float = 0.0
    cycles: dict = field(default_factory=dict)  # circle size -> cycles listed
    members_kept: int = 0  # members left after pruning
    edges_kept: int = 0
    max_edges: int | None = None  # the cap of the pruned graph solved (None: no cap)

    @property
    def gap(self):
        """How far the total may be from the optimum, as a share of the bound (0 when proven)."""
        return (self.bound - self.total) / self.bound if self.bound else 0.0

    @property
    def members_in_circles(self):
        """How many members the chosen circles hold."""
        return sum(len(circle) for circle in self.circles)

    def count(self, size):
        """How many chosen circles have `size` members."""
        return sum(len(circle) == size for circle in self.circles)

    def summary(self):
        """The figures without the circles, as a plain dict."""
        return {"total": self.total, "members_in_circles": self.members_in_circles,
                "circles_2": self.count(2), "circles_3": self.count(3), "proven_optimal": self.proven_optimal,
                "status": self.status, "bound": self.bound, "gap": round(self.gap, 5),
                "solve_s": round(self.solve_s, 4), "search_s": round(self.search_s, 4),
                "cycles_enumerated": sum(self.cycles.values()), "members_kept": self.members_kept,
                "edges_kept": self.edges_kept, "max_edges": self.max_edges}


def find_circles(members, edges, declined=(), time_limit=TIME_LIMIT_S, threads=1,
                 max_edges=MAX_EDGES_PER_MEMBER):
    """The disjoint swaps and circles of three of greatest total points.

    Args:
        members: member ids; the edges name them by position.
        edges: (teacher positions, learner positions, probabilities), parallel arrays
            (graph.CandidateGraph.edges); of two edges between the same pair, the better counts.
        declined: member sets (frozensets of ids) never to propose again.
        time_limit: seconds the whole solve may take. threads: CP-SAT's workers.
        max_edges: edges kept per member each way, the first cap tried (None: no cap, one
            attempt); `Circles.max_edges` is the cap of the graph solved.

    Returns:
        Circles.
    """
    return _solve(members, edges, declined, time_limit, threads, max_edges, CIRCLE_SIZES)


def swaps_only(members, edges, declined=(), time_limit=TIME_LIMIT_S, threads=1, max_edges=None):
    """The disjoint two-way swaps of greatest total points (what pairwise swaps alone can do,
    on the whole graph by default). Arguments and result as `find_circles`."""
    return _solve(members, edges, declined, time_limit, threads, max_edges, (2,))


def _solve(members, edges, declined, time_limit, threads, max_edges, sizes):
    """Prune, list the cycles of the given sizes, drop the declined ones, choose; with a cap,
    retry under smaller caps (`_caps`) until one is proven or the time is up."""
    started = time.perf_counter()
    n = len(members)
    teacher, learner, weight = (np.asarray(a) for a in edges)
    teacher, learner = teacher.astype(np.int64), learner.astype(np.int64)
    worth = points(weight) if len(weight) else np.zeros(0, dtype=np.int64)
    banned = _declined_keys(declined, members)
    caps = _caps(max_edges)
    for attempt, cap in enumerate(caps):
        left = time_limit - (time.perf_counter() - started)
        last = attempt == len(caps) - 1 or left <= ATTEMPT_S
        result = _attempt(members, teacher, learner, worth, banned, cap, sizes, max(left, 0.05) if last else ATTEMPT_S,
                          threads)
        if result.proven_optimal or last:
            result.solve_s = time.perf_counter() - started
            return result


def _caps(max_edges):
    """The caps tried in turn: `max_edges`, then about a fifth fewer each time, down to
    MIN_EDGES_PER_MEMBER (no cap: one attempt)."""
    if max_edges is None:
        return [None]
    caps = [max_edges]
    while caps[-1] * CAP_STEP > MIN_EDGES_PER_MEMBER:
        caps.append(int(caps[-1] * CAP_STEP))
    return caps


def _attempt(members, teacher, learner, worth, banned, cap, sizes, time_limit, threads):
    """One solve under one cap. The cap prunes the circles of three only: every swap of the
    whole graph stays a choice (they are few), so a cap never loses a swap."""
    n = len(members)
    kept = prune(teacher, learner, worth, n, None)
    t, l, w = teacher[kept], learner[kept], worth[kept]
    capped = np.arange(len(kept)) if cap is None else \
        np.searchsorted(t * n + l, _keys(prune(teacher, learner, worth, n, cap), teacher, learner, n))
    listed = {size: LISTERS[size](t, l, n) if size == 2 else capped[LISTERS[size](t[capped], l[capped], n)]
              for size in sizes}
    cycles = {size: cycle[~np.isin(_set_keys(t[cycle], n), banned)] for size, cycle in listed.items()}
    chosen, proven, status, bound, search_s = _choose(cycles, t, w, n, time_limit, threads)
    ids = list(members)
    found = sorted((t[cycle].tolist(), kept[cycle].tolist(), int(w[cycle].sum())) for cycle in chosen)
    total = sum(p for _, _, p in found)
    return Circles([tuple(ids[a] for a in at) for at, _, _ in found], [tuple(e) for _, e, _ in found],
                   [p for _, _, p in found], total, proven, status, 0.0,
                   total if proven else bound, search_s, {size: len(cycle) for size, cycle in cycles.items()},
                   len(np.union1d(t[capped], l[capped])), len(capped), cap)


def _keys(edges, teacher, learner, n):
    return teacher[edges] * n + learner[edges]


def prune(teacher, learner, worth, n, max_edges=MAX_EDGES_PER_MEMBER):
    """Positions of the edges a solve keeps, in (teacher, learner) order: no self-edge, one
    edge per (teacher, learner) (the best), each among the `max_edges` best of its teacher and
    of its learner (equal edges in the order of `graph.tie_breaker`, so that a cap among many
    equal edges keeps a spread of them), then none touching a member without an edge in or out."""
    order = np.lexsort((-worth, learner, teacher))
    order = order[teacher[order] != learner[order]]
    order = order[_runs(teacher[order], learner[order])]
    if max_edges is not None:
        spread = tie_breaker(teacher[order], learner[order])
        order = order[(_rank(teacher[order], -worth[order], spread) < max_edges)
                      & (_rank(learner[order], -worth[order], spread) < max_edges)]
    while len(order):
        t, l = teacher[order], learner[order]
        alive = (np.bincount(t, minlength=n) > 0) & (np.bincount(l, minlength=n) > 0)
        stays = alive[t] & alive[l]
        if stays.all():
            break
        order = order[stays]
    return order


def _rank(group, *keys):
    """Each row's rank within its group, ordered by the keys (first key first)."""
    order = np.lexsort(tuple(reversed(keys)) + (group,))
    ranks = np.empty(len(group), dtype=np.int64)
    sorted_group = group[order]
    ranks[order] = np.arange(len(group)) - np.searchsorted(sorted_group, sorted_group)
    return ranks


def _runs(first_key, second_key):
    """The first row of each run of equal keys in sorted rows."""
    new = np.ones(len(first_key), dtype=bool)
    new[1:] = (first_key[1:] != first_key[:-1]) | (second_key[1:] != second_key[:-1])
    return np.flatnonzero(new)


def _edge_lookup(t, l, n):
    """A function (teachers, learners) -> edge positions, -1 where there is no such edge
    (edges sorted by teacher then learner, as `prune` leaves them)."""
    keys = t * n + l

    def find(a, b):
        wanted = a * n + b
        if len(keys) == 0:
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return np.where(keys[at] == wanted, at, -1)

    return find


def two_cycles(t, l, n):
    """Every swap a <-> b (a < b) as rows (edge a -> b, edge b -> a): [swaps, 2] edge positions."""
    back = _edge_lookup(t, l, n)(l, t)
    first = np.flatnonzero((back >= 0) & (t < l))
    return np.stack([first, back[first]], axis=1)


def three_cycles(t, l, n):
    """Every circle a -> b -> c -> a with a the smallest position (each direction of a triple
    once) as rows of edge positions: [circles, 3]."""
    starts = np.searchsorted(t, np.arange(n + 1))
    first = np.flatnonzero(t < l)  # a -> b with a < b
    counts = (starts[l[first] + 1] - starts[l[first]])
    offsets = np.cumsum(counts) - counts
    second = np.repeat(starts[l[first]] - offsets, counts) + np.arange(counts.sum())
    first = np.repeat(first, counts)
    a, c = t[first], l[second]
    closing = a < c
    first, second, a, c = first[closing], second[closing], a[closing], c[closing]
    third = _edge_lookup(t, l, n)(c, a)
    found = third >= 0
    return np.stack([first[found], second[found], third[found]], axis=1)


LISTERS = {2: two_cycles, 3: three_cycles}


def _set_keys(members, n):
    """One integer per member set (rows of positions, any order)."""
    ordered = np.sort(members, axis=1)
    keys = np.zeros(len(ordered), dtype=np.int64)
    for column in range(ordered.shape[1]):
        keys = keys * n + ordered[:, column]
    return keys + ordered.shape[1] * n ** 3  # sets of different sizes never share a key


def _declined_keys(declined, members):
    at = {m: k for k, m in enumerate(members)}
    keys = [_set_keys(np.array([sorted(at[m] for m in group)]), len(members))[0]
            for group in map(frozenset, declined) if len(group) in CIRCLE_SIZES and group <= at.keys()]
    return np.asarray(keys, dtype=np.int64)


def _choose(cycles, t, w, n, time_limit, threads):
    """CP-SAT: one boolean per cycle, at most one cycle per member, maximise the points,
    starting from the greedy choice (kept if CP-SAT finds nothing better in time).
    Returns (chosen cycles as arrays of edge positions, proven optimal, status name, upper
    bound in points, search seconds)."""
    from ortools.sat.python import cp_model

    rows = [cycle for size in sorted(cycles) for cycle in cycles[size]]
    if not rows:
        return [], True, "OPTIMAL", 0, 0.0
    worth = [int(w[cycle].sum()) for cycle in rows]
    model = cp_model.CpModel()
    choice = [model.new_bool_var("") for _ in rows]
    for group in _cycles_by_member(rows, t, n):
        if len(group) > 1:
            model.add_at_most_one([choice[k] for k in group])
    model.maximize(cp_model.LinearExpr.weighted_sum(choice, worth))
    greedy = _greedy(rows, worth, t)
    for var, picked in zip(choice, greedy):
        model.add_hint(var, picked)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(threads)
    # The at-most-one rows in the LP relaxation: on one worker the default level leaves
    # them out, and a graph of equal edges then is not proven in minutes instead of 0.5 s.
    solver.parameters.linearization_level = 2
    status = solver.solve(model)
    bound = int(round(solver.best_objective_bound))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        picked = [cycle for cycle, chosen in zip(rows, greedy) if chosen]
        # Stopped before its first solution, CP-SAT may report no bound: every cycle's points is one.
        if bound < sum(w for w, chosen in zip(worth, greedy) if chosen):
            bound = sum(worth)
        return picked, False, solver.status_name(status), bound, solver.wall_time
    picked = [cycle for cycle, var in zip(rows, choice) if solver.boolean_value(var)]
    return picked, status == cp_model.OPTIMAL, solver.status_name(status), bound, solver.wall_time


def _cycles_by_member(rows, t, n):
    """For each member in a cycle, the positions of their cycles in `rows`."""
    holders = np.concatenate([t[cycle] for cycle in rows])
    cycle_of = np.repeat(np.arange(len(rows)), [len(cycle) for cycle in rows])
    order = np.argsort(holders, kind="stable")
    bounds = np.flatnonzero(np.diff(holders[order], prepend=-1, append=n + 1)).tolist()
    return [cycle_of[order[start:stop]].tolist() for start, stop in zip(bounds[:-1], bounds[1:])]


def _greedy(rows, worth, t):
    """The cycles a first-come rule takes: the most points first, when all its members are free."""
    taken, picked = set(), [False] * len(rows)
    for k in sorted(range(len(rows)), key=lambda k: -worth[k]):
        members = t[rows[k]].tolist()
        if taken.isdisjoint(members):
            taken.update(members)
            picked[k] = True
    return picked
