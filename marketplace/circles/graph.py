"""Who can teach whom: the candidate graph of exchange circles, read from the vector index.

An edge A -> B means A can teach B something B wants: one of A's offers is among the best
teachers' offers the index returns for one of B's needs, with a calibrated probability at
the display threshold or above (the percentage the matches page would show). Its weight is
the best such probability over B's needs and A's offers, and the edge remembers which need
and offer gave it (the circle's explanation).

Sparse at any size: each need keeps its `k` best teachers. When more teachers than that are
equally close (the same words, so the same vector), the ones kept are spread by a hash of
(need, teacher) instead of always the same few, so that every equally good teacher has a
chance to be in a circle.

Works on an IndexSnapshot (skills.engine) only: no database, no Flask.
"""

from dataclasses import dataclass

import numpy as np

TEACHERS_PER_NEED = 20  # k: edges kept per need, so a member has at most 20 x needs in-edges
CANDIDATE_POOL = 200  # offers read from the index per need before the filters (self, ties, others)
SEARCH_BATCH = 512  # distinct need vectors searched at once (512 x 30,000 offers: 60 MB of cosines)


@dataclass(frozen=True, eq=False)
class CandidateGraph:
    """Directed edges teacher -> learner between members, as parallel arrays.

    `members` holds member ids; `teacher` and `learner` are positions in it (int32), sorted
    by (teacher, learner), one edge per pair. `weight` is the edge's probability (float32),
    `need_id` the learner's need and `offer_id` the teacher's offer that gave it.
    """

    members: tuple
    teacher: np.ndarray
    learner: np.ndarray
    weight: np.ndarray
    need_id: np.ndarray
    offer_id: np.ndarray
    threshold: float

    def __len__(self):
        return len(self.teacher)

    def only(self, keep):
        """The same graph with only the edges where the boolean array `keep` is true."""
        return CandidateGraph(self.members, self.teacher[keep], self.learner[keep], self.weight[keep],
                              self.need_id[keep], self.offer_id[keep], self.threshold)

    @property
    def edges(self):
        """(teacher positions, learner positions, probabilities): what solver.find_circles reads."""
        return self.teacher, self.learner, self.weight


def candidate_edges(snapshot, members=None, k=TEACHERS_PER_NEED, exclude_pairs=(), inactive=(),
                    pool=CANDIDATE_POOL, dismissed=()):
    """The candidate graph of `members` from the snapshot's index.

    Args:
        snapshot: an IndexSnapshot (`by_owner`, `fetch`, `search`, `calibration.threshold`).
        members: member ids to consider (default: every owner of a skill in the snapshot);
            both ends of an edge are among them.
        k: teachers kept per need, the best first.
        exclude_pairs: (member id, member id) pairs with no edge either way (already in an
            open exchange together).
        inactive: member ids left out altogether.
        pool: offers read from the index per need; a few members among many (a programme)
            need a larger pool, since offers of others are read and dropped.
        dismissed: (need id, offer id) pairs marked "not relevant": they give no edge (another
            pair of the same two members still can).

    Returns:
        CandidateGraph.
    """
    left_out = set(inactive)
    chosen = snapshot.by_owner if members is None else members
    member_ids = np.array(sorted({m for m in chosen if m not in left_out}), dtype=np.int64)
    offer_ids, offer_owner = _skills_of(snapshot, member_ids, "offer")
    need_ids, need_owner = _skills_of(snapshot, member_ids, "learn")
    threshold = float(snapshot.calibration.threshold)
    excluded = _pair_keys(exclude_pairs, member_ids)
    dismissed_pairs = np.asarray(list(dismissed), dtype=np.int64).reshape(-1, 2)
    dismissed_keys = np.unique(_skill_pair_key(dismissed_pairs[:, 0], dismissed_pairs[:, 1]))
    found = [_empty_rows()]
    if len(need_ids) and len(offer_ids):
        # Needs worded alike share one vector: each distinct vector is searched once.
        vectors, shared = _distinct_rows(snapshot.fetch("learn", need_ids))
        by_vector = np.argsort(shared, kind="stable")
        bounds = np.searchsorted(shared[by_vector], np.arange(len(vectors) + 1))
        for start in range(0, len(vectors), SEARCH_BATCH):
            stop = min(start + SEARCH_BATCH, len(vectors))
            ids, probabilities = snapshot.search("offer", vectors[start:stop], max(k, pool))
            needs = by_vector[bounds[start]:bounds[stop]]
            rows = _answers(ids, probabilities, shared[needs] - start, needs, threshold, offer_ids, offer_owner)
            if len(dismissed_keys):
                kept = ~np.isin(_skill_pair_key(need_ids[rows[0]], rows[2]), dismissed_keys)
                rows = tuple(column[kept] for column in rows)
            found.append(_best_teachers(*rows, need_ids, need_owner, member_ids, excluded, k))
    teacher, learner, weight, need, offer = (np.concatenate(column) for column in zip(*found))
    # One edge per (teacher, learner): the best need-offer pair (ties: lowest need, then offer).
    order = np.lexsort((offer, need, -weight, learner, teacher))
    teacher, learner, weight, need, offer = (a[order] for a in (teacher, learner, weight, need, offer))
    first = _group_starts(teacher, learner)
    return CandidateGraph(tuple(member_ids.tolist()), teacher[first].astype(np.int32),
                          learner[first].astype(np.int32), weight[first].astype(np.float32),
                          need[first], offer[first], threshold)


def _skills_of(snapshot, member_ids, direction):
    """Skill ids of one direction owned by the members, sorted, and their owners' positions."""
    ids, owners = [], []
    for position, member in enumerate(member_ids.tolist()):
        skills = snapshot.by_owner.get(member, {}).get(direction, ())
        ids.extend(skills)
        owners.extend([position] * len(skills))
    ids, owners = np.asarray(ids, dtype=np.int64), np.asarray(owners, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    return ids[order], owners[order]


def _distinct_rows(matrix):
    """(the distinct rows in order of first appearance, each row's position among them)."""
    first = {}
    shared = np.fromiter((first.setdefault(row.tobytes(), len(first)) for row in matrix), dtype=np.int64,
                         count=len(matrix))
    _, at = np.unique(shared, return_index=True)
    return matrix[at], shared


def _pair_keys(pairs, member_ids):
    """Sorted keys teacher * n + learner of the pairs, both ways; pairs naming others are ignored."""
    n = len(member_ids)
    known = {m: p for p, m in enumerate(member_ids.tolist())}
    keys = [key for a, b in pairs if a in known and b in known
            for key in (known[a] * n + known[b], known[b] * n + known[a])]
    return np.unique(np.asarray(keys, dtype=np.int64))


def _skill_pair_key(need_id, offer_id):
    """One int64 per (need id, offer id): ids are database INTEGERs (under 2**31)."""
    return (np.asarray(need_id, dtype=np.int64) << 31) | np.asarray(offer_id, dtype=np.int64)


def _empty_rows():
    empty = np.zeros(0, dtype=np.int64)
    return empty, empty, np.zeros(0, dtype=np.float32), empty, empty


def _answers(ids, probabilities, vector_of_need, needs, threshold, offer_ids, offer_owner):
    """Every (need, offer) of a batch that reaches the threshold and belongs to a member:
    (need positions, teacher positions, offer ids, probabilities)."""
    ok = (ids >= 0) & (probabilities >= threshold)
    at = np.minimum(np.searchsorted(offer_ids, ids), len(offer_ids) - 1)
    ok &= offer_ids[at] == ids
    vector_rows, columns = np.nonzero(ok)  # by vector row, then rank
    starts = np.searchsorted(vector_rows, np.arange(len(ids) + 1))
    counts = (starts[1:] - starts[:-1])[vector_of_need]
    # Each need takes its vector's answers: entries starts[v] ... starts[v + 1] - 1.
    first = np.repeat(starts[:-1][vector_of_need] - np.cumsum(counts) + counts, counts)
    entries = first + np.arange(counts.sum())
    rows, columns = vector_rows[entries], columns[entries]
    return (np.repeat(needs, counts), offer_owner[at[rows, columns]], ids[rows, columns],
            probabilities[rows, columns].astype(np.float32))


def _best_teachers(need, teacher, offer, probability, need_ids, need_owner, member_ids, excluded, k):
    """Per need, its `k` best teachers other than the learner and outside the excluded pairs:
    (teacher positions, learner positions, probabilities, need ids, offer ids).

    Rows come grouped by need, each need's best first (the index's order). Sorting 200 rows
    per need is most of the graph's time, so each sort is one argsort of one int64 key."""
    learner = need_owner[need]
    keep = teacher != learner
    if len(excluded):
        keys = teacher * len(member_ids) + learner
        keep &= excluded[np.minimum(np.searchsorted(excluded, keys), len(excluded) - 1)] != keys
    rows = np.flatnonzero(keep)
    # A teacher counts once per need, with their best offer (the first of their rows: the
    # sort is stable and each need's rows are best first).
    pair = need[rows] * len(member_ids) + teacher[rows]
    order = np.argsort(pair, kind="stable")
    rows = rows[order[_group_starts(pair[order])]]
    # Then per need: probability, best first, ties spread by a hash of (need, teacher).
    spread_bits = np.uint64(max(32 - int(len(need_ids)).bit_length(), 1))  # 63 bits in all
    inverted = np.uint64(0x7FFFFFFF) - probability[rows].view(np.int32).astype(np.uint64)  # float32 >= 0: monotone
    spread = tie_breaker(need_ids[need[rows]], member_ids[teacher[rows]]) >> np.uint64(64) - spread_bits
    key = (need[rows].astype(np.uint64) << np.uint64(31) | inverted) << spread_bits | spread
    order = np.argsort(key)
    rows = rows[order]
    by_need = need[rows]
    kept = rows[np.arange(len(rows)) - np.searchsorted(by_need, by_need) < k]
    return teacher[kept], learner[kept], probability[kept], need_ids[need[kept]], offer[kept]


def _group_starts(*keys):
    """Positions of the first row of each run of equal keys in sorted rows."""
    new = np.zeros(len(keys[0]), dtype=bool)
    new[:1] = True
    for key in keys:
        new[1:] |= key[1:] != key[:-1]
    return np.flatnonzero(new)


def tie_breaker(first, second):
    """A deterministic pseudo-random uint64 per pair of integer arrays (splitmix64's finaliser):
    equally good candidates are taken in this order, so ties spread over them."""
    x = np.asarray(first).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.asarray(second).astype(np.uint64)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))
