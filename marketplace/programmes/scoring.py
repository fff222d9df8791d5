"""How well each mentor answers each mentee, scored by the product's matching engine.

A pair's relevance is the best calibrated probability (skills.calibration) over the texts
the mentee seeks and the texts the mentor brings, computed as the matches page does: needs
encoded as queries, offers as passages, in the index's space, cosines turned into
probabilities by the recipe's curve. Below the recipe's display threshold a pair is no edge
("no skill overlap"), exactly where the matches page would not show it.

A return match (the mentor seeks what the mentee brings) adds RETURN_BONUS times its
probability when it reaches the threshold. On the matches page the same bonus
(skills.ranking.RECIPROCITY_BONUS) only orders pairs showing the same percentage; in a
programme's total it is a trade: a two-way pair may beat a one-way pair up to 0.1 better.

Needs an app context (the engine, and its snapshot for the projection and the curve), or a
snapshot passed in.
"""

from dataclasses import dataclass

import numpy as np

from ..skills.embeddings import prepare_vectors, store_text_vectors, text_hash
from ..skills.engine import get_engine
from ..skills.ranking import RECIPROCITY_BONUS
from .assignment import Instance
from .rules import eligible_pairs, rule_bonuses

RETURN_BONUS = RECIPROCITY_BONUS
# Sought skills are encoded as needs are (queries), brought skills as offers are (passages).
DIRECTION_OF = {"query": "learn", "passage": "offer"}
BLOCK_CELLS = 4_000_000  # cosines held at once while scoring (16 MB of float32)


@dataclass(frozen=True, eq=False)
class PairScores:
    """Every (mentee, mentor) pair's relevance, and which texts gave it (no Python object per pair).

    Arrays are [mentees, mentors]. `probabilities`: the best calibrated probability of a
    text the mentee seeks against a text the mentor brings; `seek_index`: that text's
    position in the mentee's seek list, `bring_index` in the mentor's bring list (-1 when
    either list is empty). The `return_*` arrays are the other direction (the mentor seeks,
    the mentee brings: positions in those lists), or None when it was not asked for.
    """

    probabilities: np.ndarray
    seek_index: np.ndarray
    bring_index: np.ndarray
    threshold: float
    return_probabilities: np.ndarray | None = None
    return_seek_index: np.ndarray | None = None
    return_bring_index: np.ndarray | None = None

    @property
    def relevant(self):
        """Pairs whose skills overlap: probability at the display threshold or above."""
        return self.probabilities >= self.threshold

    @property
    def return_relevant(self):
        """Pairs whose return direction reaches the threshold (all False without one)."""
        if self.return_probabilities is None:
            return np.zeros(self.probabilities.shape, dtype=bool)
        return self.return_probabilities >= self.threshold

    @property
    def scores(self):
        """Every pair's match quality (float32): its probability, plus RETURN_BONUS times the
        return probability where that reaches the threshold."""
        if self.return_probabilities is None:
            return self.probabilities
        back = np.where(self.return_relevant, self.return_probabilities, np.float32(0))
        return self.probabilities + np.float32(RETURN_BONUS) * back


def pair_scores(seek_texts, bring_texts, return_seeks=None, return_brings=None, snapshot=None):
    """Score every pair of a programme.

    Args:
        seek_texts: per mentee, the texts they seek.
        bring_texts: per mentor, the texts they bring.
        return_seeks, return_brings: per mentor the texts they seek, per mentee the texts
            they bring, for the return direction (both or neither).
        snapshot: the engine's index snapshot (default: the current one, from the database).

    Returns:
        PairScores.
    """
    engine = get_engine()
    snapshot = snapshot if snapshot is not None else engine.snapshot()
    threshold = float(snapshot.calibration.threshold)
    queries = _Encoded(engine, snapshot, "query", [seek_texts, return_seeks or []])
    passages = _Encoded(engine, snapshot, "passage", [bring_texts, return_brings or []])
    forward = _best_pairs(queries, seek_texts, passages, bring_texts, snapshot)
    if return_seeks is None:
        return PairScores(*forward, threshold)
    back = _best_pairs(queries, return_seeks, passages, return_brings, snapshot)
    return PairScores(*forward, threshold, *(array.T for array in back))


def _texts(direction, texts):
    return [(direction, text, "") for text in texts]


def _vectors(engine, direction, texts):
    prepared = prepare_vectors(engine.encoder, _texts(direction, texts), engine.glossary)
    return np.stack([np.frombuffer(prepared[text_hash(direction, text, "")], dtype=np.float32) for text in texts])


def remember_texts(brings=(), seeks=()):
    """Encode the texts of applications that have no stored vector yet, then store them (the
    model runs before the caller's first write; matching then only reads vectors)."""
    engine = get_engine()
    prepared = prepare_vectors(engine.encoder, _texts("offer", brings) + _texts("learn", seeks), engine.glossary)
    store_text_vectors(engine.encoder, prepared, engine.glossary)


def programme_instance(mentees, mentors, capacities, scores, rules, locked=(), forbidden=()):
    """The Instance to solve: pairs eligible by the rules with overlapping skills, worth their
    quality plus the rules' bonuses.

    Args:
        mentees, mentors: rules.Profile sequences, in the order of the PairScores' rows and columns.
        capacities: {mentor id: seats}; scores: PairScores; rules: rules.Rules.
        locked, forbidden: (mentee id, mentor id) pairs, as in Instance.build.
    """
    eligible = scores.relevant & eligible_pairs(mentees, mentors, rules)
    quality = scores.scores + rule_bonuses(mentees, mentors, rules)
    return Instance.from_matrix([p.id for p in mentees], [p.id for p in mentors], capacities, quality, eligible,
                                locked, forbidden)


class _Encoded:
    """The distinct texts of one kind ("query" or "passage"), in index space: vectors stored
    for identical texts (text_vectors, skill_vectors) are read, the others encoded."""

    def __init__(self, engine, snapshot, kind, groups):
        distinct = list(dict.fromkeys(text for lists in groups for texts in lists for text in texts))
        self.row_of = {text: k for k, text in enumerate(distinct)}
        self.vectors = snapshot.to_index_space(_vectors(engine, DIRECTION_OF[kind], distinct)) if distinct else None

    def slots(self, lists):
        """Per owner, the rows of their texts, padded with -1: [owners, widest list]."""
        slots = np.full((len(lists), max((len(texts) for texts in lists), default=0) or 1), -1, dtype=np.int64)
        for owner, texts in enumerate(lists):
            slots[owner, :len(texts)] = [self.row_of[text] for text in texts]
        return slots


def _best_pairs(queries, query_lists, passages, passage_lists, snapshot):
    """For each (query owner, passage owner): the best probability over their texts, and the
    positions of the two texts that gave it, in blocks of query owners."""
    shape = (len(query_lists), len(passage_lists))
    relevance = np.zeros(shape, dtype=np.float32)
    query_choice = np.full(shape, -1, dtype=np.int16)
    passage_choice = np.full(shape, -1, dtype=np.int16)
    if queries.vectors is None or passages.vectors is None:
        return relevance, query_choice, passage_choice
    query_slots, passage_slots = queries.slots(query_lists), passages.slots(passage_lists)
    width_q, width_p = query_slots.shape[1], passage_slots.shape[1]
    step = max(1, BLOCK_CELLS // (width_q * shape[1] * width_p + len(passages.vectors) * width_q))
    passage_missing = passage_slots < 0
    for start in range(0, shape[0], step):
        slots = query_slots[start:start + step]
        rows = np.unique(slots[slots >= 0])
        if len(rows) == 0:
            continue
        cosines = queries.vectors[rows] @ passages.vectors.T  # each distinct query text of the block, once
        local = np.searchsorted(rows, np.maximum(slots, 0))
        block = cosines[local[:, :, None, None], np.maximum(passage_slots, 0)[None, None, :, :]]
        block[(slots < 0)[:, :, None, None] | passage_missing[None, None, :, :]] = -np.inf
        block = block.transpose(0, 2, 1, 3).reshape(len(slots), shape[1], width_q * width_p)
        best = block.argmax(axis=2)
        top = np.take_along_axis(block, best[:, :, None], axis=2)[:, :, 0]
        found = np.isfinite(top)
        relevance[start:start + step] = np.where(found, snapshot.relevance(np.where(found, top, 0.0)), 0.0)
        query_choice[start:start + step] = np.where(found, best // width_p, -1)
        passage_choice[start:start + step] = np.where(found, best % width_p, -1)
    return relevance, query_choice, passage_choice
