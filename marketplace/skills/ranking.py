"""Ranking on top of the vector index: need-to-offer similarity, reciprocity, relation labels.

Works on ids and vectors only, so the same code serves the pages, the API and the benchmark.
"""

from dataclasses import dataclass

import numpy as np

from .calibration import BANDS

SENIORITY_RANK = {"junior": 0, "mid": 1, "senior": 2, "executive": 3}
RELATIONS = ("classic", "reverse", "peer")
OPPOSITE = {"offer": "learn", "learn": "offer"}

# Reciprocity breaks ties, never relevance: among matches showing the same percentage, a
# two-way swap (they also need something I offer) comes first, the more relevant its return
# direction the higher; it never passes a match with a higher percentage.
RECIPROCITY_BONUS = 0.1


@dataclass(frozen=True)
class Candidate:
    skill_id: int  # their skill that answered
    owner_id: int
    similarity: float  # probability that the pair is relevant (calibration.py)
    # The best return direction (their skill id, index of my skill, similarity), if any.
    reciprocal: tuple | None
    score: float  # similarity plus the reciprocity bonus
    band: str | None = None

    def order(self):
        """Sort key: band, the percentage shown, then reciprocity, then the skill id."""
        return band_rank(self.band), -shown_percent(self.similarity), -self.score, self.skill_id


def shown_percent(probability):
    """The whole percentage a member reads for a probability (the unit ties are judged in)."""
    return int(round(100 * min(max(float(probability), 0.0), 1.0)))


def band_rank(band):
    """0 for the best band, len(BANDS) for none."""
    return BANDS.index(band) if band in BANDS else len(BANDS)


def relation(teacher_seniority, learner_seniority):
    """classic: the teacher is more senior; reverse: the teacher is more junior; else peer."""
    teacher = SENIORITY_RANK.get(teacher_seniority, 1)
    learner = SENIORITY_RANK.get(learner_seniority, 1)
    if teacher > learner:
        return "classic"
    if teacher < learner:
        return "reverse"
    return "peer"


def rank_candidates(index, query_vectors, target, me_id, my_return_vectors, *, k, pool,
                    min_similarity=None, keep=None):
    """Rank other members' skills for each of my query vectors.

    Args:
        index: an IndexSnapshot (`search`, `fetch`, `relevance`, `skills`, `by_owner`).
        query_vectors: my skills' vectors (needs when target is "offer").
        target: the direction searched ("offer" finds teachers, "learn" finds learners).
        me_id: never suggested to myself.
        my_return_vectors: my skills of the other direction, for reciprocity.
        k: results kept per query; pool: candidates read from the index per query.
        min_similarity: below this probability a pair is not a match (default: the
            recipe's display threshold).
        keep: optional predicate (skill_id, owner_id) -> bool applied to candidates.

    Returns:
        One list of Candidate per query row, best first.
    """
    if len(query_vectors) == 0:
        return []
    calibration = index.calibration
    if min_similarity is None:
        min_similarity = calibration.threshold
    ids, scores = index.search(target, query_vectors, pool)
    found = []
    skills = index.skills
    rows, cols = np.nonzero((ids >= 0) & (scores >= min_similarity))  # rows are best first
    for row, skill_id, similarity in zip(rows.tolist(), ids[rows, cols].tolist(), scores[rows, cols].tolist()):
        info = skills.get(skill_id)
        if info is None or info.owner_id == me_id:
            continue
        if keep is None or keep(skill_id, info.owner_id):
            found.append((row, skill_id, info.owner_id, similarity))
    returns = best_returns(index, {owner for _, _, owner, _ in found}, OPPOSITE[target],
                           my_return_vectors, min_similarity)
    ranked = [[] for _ in range(len(query_vectors))]
    for row, skill_id, owner_id, similarity in found:
        back = returns.get(owner_id)
        score = similarity + (RECIPROCITY_BONUS * back[2] if back else 0.0)
        ranked[row].append(Candidate(skill_id, owner_id, similarity, back, score, calibration.band(similarity)))
    return [sorted(items, key=Candidate.order)[:k] for items in ranked]


def best_returns(index, owner_ids, direction, my_vectors, min_similarity):
    """For each owner, their skill of `direction` that best matches one of my vectors:
    owner -> (their skill id, index of my vector, probability), when it reaches min_similarity."""
    return {owner: pairs[0] for owner, pairs in
            return_pairs(index, owner_ids, direction, my_vectors, min_similarity).items()}


def return_pairs(index, owner_ids, direction, my_vectors, min_similarity):
    """Every pair of an owner's skill of `direction` and one of my vectors that reaches
    min_similarity: owner -> [(their skill id, index of my vector, probability)], best first."""
    if not owner_ids or my_vectors is None or len(my_vectors) == 0:
        return {}
    their_ids, owners = [], []
    for owner_id in owner_ids:
        skills = sorted(index.by_owner.get(owner_id, {}).get(direction, ()))
        their_ids.extend(skills)
        owners.extend([owner_id] * len(skills))
    if not their_ids:
        return {}
    similarity = index.relevance(index.fetch(direction, their_ids) @ np.asarray(my_vectors, dtype=np.float32).T)
    result = {}
    for row, col in zip(*np.nonzero(similarity >= min_similarity)):
        result.setdefault(owners[row], []).append((their_ids[row], int(col), float(similarity[row, col])))
    for pairs in result.values():
        pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return result
