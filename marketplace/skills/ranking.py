"""Ranking on top of the vector index: need-to-offer similarity, reciprocity, relation labels.

Works on ids and vectors only, so the same code serves the pages, the API and the benchmark.
"""

from dataclasses import dataclass

import numpy as np

SENIORITY_RANK = {"junior": 0, "mid": 1, "senior": 2, "executive": 3}
RELATIONS = ("classic", "reverse", "peer")
OPPOSITE = {"offer": "learn", "learn": "offer"}

# A reciprocal match (they also need something I offer) outranks a one-way match of equal
# similarity; the bonus grows with how well the return direction matches.
RECIPROCITY_BONUS = 0.1


@dataclass(frozen=True)
class Candidate:
    skill_id: int  # their skill that answered
    owner_id: int
    similarity: float
    # The best return direction (their skill id, index of my skill, similarity), if any.
    reciprocal: tuple | None
    score: float


def relation(teacher_seniority, learner_seniority):
    """classic: the teacher is more senior; reverse: the teacher is more junior; else peer."""
    teacher = SENIORITY_RANK.get(teacher_seniority, 1)
    learner = SENIORITY_RANK.get(learner_seniority, 1)
    if teacher > learner:
        return "classic"
    if teacher < learner:
        return "reverse"
    return "peer"


def rank_candidates(engine, query_vectors, target, me_id, my_return_vectors, *, k, pool,
                    min_similarity, keep=None):
    """Rank other members' skills for each of my query vectors.

    Args:
        engine: holds the indexes (`search`, `fetch`, `skills`, `by_owner`).
        query_vectors: my skills' vectors (needs when target is "offer").
        target: the direction searched ("offer" finds teachers, "learn" finds learners).
        me_id: never suggested to myself.
        my_return_vectors: my skills of the other direction, for reciprocity.
        k: results kept per query; pool: candidates read from the index per query.
        min_similarity: below this cosine a pair is not a match.
        keep: optional predicate (skill_id, owner_id) -> bool applied to candidates.

    Returns:
        One list of Candidate per query row, best first.
    """
    if len(query_vectors) == 0:
        return []
    ids, scores = engine.search(target, query_vectors, pool)
    found = []
    for row, (row_ids, row_scores) in enumerate(zip(ids, scores)):
        for skill_id, similarity in zip(row_ids.tolist(), row_scores.tolist()):
            if skill_id < 0 or similarity < min_similarity:
                break
            info = engine.skills.get(skill_id)
            if info is None or info.owner_id == me_id:
                continue
            if keep is None or keep(skill_id, info.owner_id):
                found.append((row, skill_id, info.owner_id, similarity))
    returns = best_returns(engine, {owner for _, _, owner, _ in found}, OPPOSITE[target],
                           my_return_vectors, min_similarity)
    ranked = [[] for _ in range(len(query_vectors))]
    for row, skill_id, owner_id, similarity in found:
        back = returns.get(owner_id)
        score = similarity + (RECIPROCITY_BONUS * back[2] if back else 0.0)
        ranked[row].append(Candidate(skill_id, owner_id, similarity, back, score))
    return [sorted(items, key=lambda c: (-c.score, c.skill_id))[:k] for items in ranked]


def best_returns(engine, owner_ids, direction, my_vectors, min_similarity):
    """For each owner, their skill of `direction` that best matches one of my vectors:
    owner -> (their skill id, index of my vector, similarity), when above the threshold."""
    if not owner_ids or my_vectors is None or len(my_vectors) == 0:
        return {}
    their_ids, owners = [], []
    for owner_id in owner_ids:
        skills = engine.by_owner.get(owner_id, {}).get(direction, ())
        their_ids.extend(skills)
        owners.extend([owner_id] * len(skills))
    if not their_ids:
        return {}
    similarity = engine.calibrate(engine.fetch(direction, their_ids) @ np.asarray(my_vectors, dtype=np.float32).T)
    best_mine = similarity.argmax(axis=1)
    best = similarity[np.arange(len(their_ids)), best_mine]
    result = {}
    for skill_id, owner_id, mine, value in zip(their_ids, owners, best_mine.tolist(), best.tolist()):
        if value >= min_similarity and (owner_id not in result or value > result[owner_id][2]):
            result[owner_id] = (skill_id, mine, value)
    return result
