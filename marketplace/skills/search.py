"""Member search: by name, by words and by meaning, merged into one list.

Three rankings of members: names and job titles that contain the text; offers whose words
match (`lexical.py`, stemmed in French and English, glossary-expanded); offers that mean
what the text says (the vector index, above the display threshold). Reciprocal rank fusion
merges them: a member's score is the sum of 1 / (RRF_K + rank) over the rankings they
appear in, so agreeing rankings reinforce each other and no score scale has to match.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from ..accounts.models import User
from ..extensions import db
from . import lexical
from .engine import get_engine
from .matching import search_offers, skills_by_id

RRF_K = 60  # the usual constant: rank 1 scores 1/61, rank 10 1/70
SEARCH_DEPTH = 200  # members read from each ranking


@dataclass
class SearchHit:
    """A member found, the offer that explains it (if any) and how they were found."""

    member: User
    offer: object = None  # Skill
    similarity: float | None = None  # probability, when found by meaning
    by_name: bool = False
    by_words: bool = False
    by_meaning: bool = False
    score: float = 0.0


def search_members(text, viewer_id=None):
    """Every member the text finds, best first (see the module docstring); the viewer and
    deleted members left out."""
    text = " ".join(text.split())[:200]
    if not text:
        return []
    hits = {}

    def add(rank, member, how, offer=None, similarity=None):
        hit = hits.setdefault(member.id, SearchHit(member))
        hit.score += 1.0 / (RRF_K + rank)
        setattr(hit, how, True)
        if offer is not None and (hit.offer is None or (similarity or 0) > (hit.similarity or 0)):
            hit.offer, hit.similarity = offer, similarity if similarity is not None else hit.similarity

    for rank, member in enumerate(_by_name(text, viewer_id), start=1):
        add(rank, member, "by_name")
    for rank, (member, offer) in enumerate(_by_words(text, viewer_id), start=1):
        add(rank, member, "by_words", offer)
    for rank, (member, offer, similarity) in enumerate(
            search_offers(text, exclude_member_id=viewer_id, limit=SEARCH_DEPTH), start=1):
        if member.deleted_at is None:
            add(rank, member, "by_meaning", offer, similarity)
    return sorted(hits.values(), key=lambda hit: (-hit.score, hit.member.display_name.casefold(), hit.member.id))


def _by_name(text, viewer_id):
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (
        sa.select(User)
        .where(User.deleted_at.is_(None), User.id != (viewer_id or 0),
               sa.or_(User.display_name.ilike(pattern, escape="\\"), User.job_title.ilike(pattern, escape="\\")))
        .order_by(User.display_name, User.id)
        .limit(SEARCH_DEPTH)
    )
    return db.session.scalars(query).all()


def _by_words(text, viewer_id):
    """(member, their best offer by words), in the lexical index's order."""
    ids = lexical.search_skills(text, get_engine().glossary, "offer", limit=SEARCH_DEPTH * 3)
    skills = skills_by_id(ids)
    seen, result = set(), []
    for skill_id in ids:
        skill = skills.get(skill_id)
        if skill is None or skill.owner_id == viewer_id or skill.owner.deleted_at is not None:
            continue
        if skill.owner_id not in seen:
            seen.add(skill.owner_id)
            result.append((skill.owner, skill))
    return result[:SEARCH_DEPTH]


def search_page(text, viewer_id, page):
    """One page of `search_members`: (hits, total, pages)."""
    per_page = current_app.config["MEMBERS_PER_PAGE"]
    hits = search_members(text, viewer_id)
    first = (page - 1) * per_page
    return hits[first:first + per_page], len(hits), max(1, -(-len(hits) // per_page))
