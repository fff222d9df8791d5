"""Match services: suggestions for a member, who could learn from them, why two members
match, and search by meaning. Turns the engine's ids back into rows in rank order."""

from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from .embeddings import embed_pairs
from .engine import get_engine
from .models import Skill
from .ranking import OPPOSITE, rank_candidates, relation


@dataclass(frozen=True)
class MatchFilters:
    language: str | None = None
    department: str | None = None  # "same" or "other"
    relation: str | None = None  # "classic", "reverse" or "peer"
    format: str | None = None  # "one_to_one" or "group"

    @property
    def active(self):
        return any((self.language, self.department, self.relation, self.format))


@dataclass
class Reciprocity:
    theirs: Skill  # what they also want to learn (or teach, in the reverse view)
    mine: Skill
    similarity: float

    @property
    def percent(self):
        return as_percent(self.similarity)


@dataclass
class Suggestion:
    mine: Skill
    theirs: Skill
    member: User
    similarity: float
    relation: str
    reciprocal: Reciprocity | None
    shared_languages: list[str]

    @property
    def percent(self):
        return as_percent(self.similarity)


@dataclass
class SkillMatches:
    skill: Skill
    suggestions: list[Suggestion] = field(default_factory=list)


def as_percent(similarity):
    """A calibrated similarity (0 unrelated, 1 identical) as a closeness a person can read.

    The square root spreads the useful range: a clear cross-lingual match scores about
    0.3, which reads 55 %, a paraphrase 0.6 (77 %), the same phrase 1 (100 %).
    """
    return int(round(100 * min(max(similarity, 0.0), 1.0) ** 0.5))


def suggestions_for(member, filters=MatchFilters(), direction="learn", k=None):
    """For each of the member's needs (or offers, direction="offer"), the best matching
    skills of other members, reciprocal matches first at equal similarity."""
    engine = get_engine()
    engine.refresh()
    config = current_app.config
    k = k or config["MATCHING_TOP_K"]
    mine = [s for s in member.skills if s.direction == direction and s.id in engine.skills]
    returns = [s for s in member.skills if s.direction == OPPOSITE[direction] and s.id in engine.skills]
    ranked = rank_candidates(
        engine, engine.fetch(direction, [s.id for s in mine]), OPPOSITE[direction], member.id,
        engine.fetch(OPPOSITE[direction], [s.id for s in returns]),
        k=config["MATCHING_POOL"], pool=config["MATCHING_POOL"],
        min_similarity=config["MATCHING_MIN_SIMILARITY"],
    )
    skills = _skills_by_id({c.skill_id for row in ranked for c in row}
                           | {c.reciprocal[0] for row in ranked for c in row if c.reciprocal})
    result = []
    for skill, candidates in zip(mine, ranked):
        matches = SkillMatches(skill)
        shown = set()  # one card per member and need: their best matching skill
        for candidate in candidates:
            if candidate.owner_id in shown:
                continue
            suggestion = _suggestion(member, skill, candidate, skills, returns, direction)
            if _passes(suggestion, member, filters):
                matches.suggestions.append(suggestion)
                shown.add(candidate.owner_id)
            if len(matches.suggestions) == k:
                break
        result.append(matches)
    return result


def match_between(member, other):
    """Why two members match: my needs against their offers and theirs against mine."""
    engine = get_engine()
    engine.refresh()
    threshold = current_app.config["MATCHING_MIN_SIMILARITY"]
    pairs = []
    for learner, teacher in ((member, other), (other, member)):
        needs = [s for s in learner.needs if s.id in engine.skills]
        offers = [s for s in teacher.offers if s.id in engine.skills]
        if not needs or not offers:
            continue
        similarity = engine.calibrate(
            engine.fetch("learn", [s.id for s in needs]) @ engine.fetch("offer", [s.id for s in offers]).T
        )
        for i, j in zip(*np.nonzero(similarity >= threshold)):
            pairs.append({
                "need": needs[i], "offer": offers[j], "learner": learner, "teacher": teacher,
                "similarity": float(similarity[i, j]), "percent": as_percent(float(similarity[i, j])),
                "relation": relation(teacher.seniority, learner.seniority),
            })
    return sorted(pairs, key=lambda p: -p["similarity"])


def search_offers(text, exclude_member_id=None, limit=50):
    """Members whose offers mean what the text says: [(member, best offer, similarity)]."""
    engine = get_engine()
    engine.refresh()
    config = current_app.config
    vector = engine.to_index_space(
        embed_pairs(engine.encoder, [(" ".join(text.split())[:200], "")], "query")
    )
    ids, scores = engine.search("offer", vector, config["MATCHING_POOL"])
    best = {}
    for skill_id, similarity in zip(ids[0].tolist(), scores[0].tolist()):
        if skill_id < 0 or similarity < config["MATCHING_SEARCH_MIN_SIMILARITY"]:
            break
        owner = engine.skills[skill_id].owner_id
        if owner != exclude_member_id and owner not in best:
            best[owner] = (skill_id, similarity)
    top = list(best.items())[:limit]
    skills = _skills_by_id([skill_id for _, (skill_id, _) in top])
    return [(skills[s].owner, skills[s], sim) for _, (s, sim) in top if s in skills]


def _suggestion(member, skill, candidate, skills, returns, direction):
    theirs = skills[candidate.skill_id]
    other = theirs.owner
    teacher, learner = (other, member) if direction == "learn" else (member, other)
    reciprocal = None
    if candidate.reciprocal:
        their_skill, my_index, similarity = candidate.reciprocal
        reciprocal = Reciprocity(skills[their_skill], returns[my_index], similarity)
    return Suggestion(
        mine=skill, theirs=theirs, member=other, similarity=candidate.similarity,
        relation=relation(teacher.seniority, learner.seniority), reciprocal=reciprocal,
        shared_languages=[code for code in member.languages if code in (other.languages or [])],
    )


def _passes(suggestion, member, filters):
    other = suggestion.member
    if filters.language and filters.language not in (other.languages or []):
        return False
    if filters.department == "same" and other.department != member.department:
        return False
    if filters.department == "other" and other.department == member.department:
        return False
    if filters.relation and suggestion.relation != filters.relation:
        return False
    if filters.format and filters.format not in (suggestion.theirs.formats or []):
        return False
    return True


def _skills_by_id(skill_ids):
    if not skill_ids:
        return {}
    rows = db.session.scalars(
        sa.select(Skill).where(Skill.id.in_(list(skill_ids))).options(selectinload(Skill.owner))
    )
    return {skill.id: skill for skill in rows}
