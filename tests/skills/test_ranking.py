"""Ranking rules on hand-made vectors: reciprocity, relation labels, no self-match."""

import numpy as np
import pytest

from marketplace.skills.calibration import fallback
from marketplace.skills.engine import IndexSnapshot
from marketplace.skills.ranking import rank_candidates, relation

def unit(*values):
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def index():
    # Hand-made vectors: scores are plain cosines.
    return IndexSnapshot.empty(4, fallback("hand-made", baseline=0.0))


def test_reciprocal_match_ranks_above_one_way_match_of_equal_similarity(index):
    # Member 1 needs "a" and offers "c". Members 2 and 3 both offer "a" equally well;
    # only member 3 also needs "c".
    index.load("learn", [11], [1], [unit(1, 0, 0, 0)])
    index.load("offer", [12], [1], [unit(0, 0, 1, 0)])
    index.load("offer", [21, 31], [2, 3], [unit(1, 0.2, 0, 0), unit(1, 0.2, 0, 0)])
    index.load("learn", [32, 22], [3, 2], [unit(0, 0, 1, 0.1), unit(0, 1, 0, 0)])
    (ranked,) = rank_candidates(index, index.fetch("learn", [11]), "offer", 1,
                                index.fetch("offer", [12]), k=5, pool=10, min_similarity=0.3)
    assert [c.owner_id for c in ranked] == [3, 2]
    assert ranked[0].similarity == pytest.approx(ranked[1].similarity)
    assert ranked[0].reciprocal[0] == 32 and ranked[1].reciprocal is None


def test_similarity_still_wins_over_a_weak_reciprocal(index):
    index.load("offer", [21, 31], [2, 3], [unit(1, 0, 0, 0), unit(1, 1, 0, 0)])
    index.load("learn", [32], [3], [unit(0, 0, 1, 0)])
    (ranked,) = rank_candidates(index, [unit(1, 0, 0, 0)], "offer", 1, [unit(0, 0, 1, 0)],
                                k=5, pool=10, min_similarity=0.3)
    assert [c.owner_id for c in ranked] == [2, 3]


def test_never_suggests_the_member_to_themselves(index):
    index.load("offer", [1, 2], [7, 8], [unit(1, 0, 0, 0), unit(1, 0.5, 0, 0)])
    (ranked,) = rank_candidates(index, [unit(1, 0, 0, 0)], "offer", 7, np.zeros((0, 4), np.float32),
                                k=5, pool=10, min_similarity=0.0)
    assert [c.owner_id for c in ranked] == [8]


def test_threshold_and_k(index):
    index.load("offer", [1, 2, 3], [2, 3, 4], [unit(1, 0, 0, 0), unit(1, 1, 0, 0), unit(0, 1, 0, 0)])
    (ranked,) = rank_candidates(index, [unit(1, 0, 0, 0)], "offer", 9, np.zeros((0, 4), np.float32),
                                k=1, pool=10, min_similarity=0.5)
    assert [c.skill_id for c in ranked] == [1]
    (ranked,) = rank_candidates(index, [unit(1, 0, 0, 0)], "offer", 9, np.zeros((0, 4), np.float32),
                                k=5, pool=10, min_similarity=0.5)
    assert [c.skill_id for c in ranked] == [1, 2]


@pytest.mark.parametrize("teacher,learner,expected", [
    ("junior", "executive", "reverse"), ("mid", "senior", "reverse"),
    ("executive", "junior", "classic"), ("senior", "mid", "classic"),
    ("senior", "senior", "peer"), ("junior", "junior", "peer"),
])
def test_relation_labels(teacher, learner, expected):
    assert relation(teacher, learner) == expected
