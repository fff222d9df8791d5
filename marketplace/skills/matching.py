"""Match services: suggestions for a member, who could learn from them, why two members
match, and search by meaning. Turns the engine's ids back into rows in rank order."""

from dataclasses import dataclass, field

import hashlib

import numpy as np
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from .engine import current_index, get_engine
from .models import MatchDismissal, Skill
from .ranking import OPPOSITE, band_rank, rank_candidates, relation, return_pairs, shown_percent


# The department filter: people of my department, or of the others.
DEPARTMENT_FILTERS = ("same", "other")


@dataclass(frozen=True)
class MatchFilters:
    language: str | None = None
    department: str | None = None  # one of DEPARTMENT_FILTERS
    relation: str | None = None  # "classic", "reverse" or "peer"
    format: str | None = None  # "one_to_one" or "group"

    @property
    def active(self):
        return any((self.language, self.department, self.relation, self.format))


@dataclass
class Pair:
    """One of my skills meeting one of theirs: a need and an offer, either way round."""

    mine: Skill
    theirs: Skill
    similarity: float  # probability that the pair is relevant (calibration.py)
    band: str | None

    @property
    def percent(self):
        """The pair's probability as the percentage shown."""
        return shown_percent(self.similarity)

    @property
    def need_offer(self):
        """(need id, offer id), however the pair is seen."""
        return (self.mine.id, self.theirs.id) if self.mine.direction == "learn" else (self.theirs.id, self.mine.id)


@dataclass
class MatchCard:
    """One person on my matches page, with every pair that makes them a match.

    `pairs` go the page's way (they teach me on "learn", they learn from me on "offer");
    `returns` go the other way, and make the card a two-way swap.
    """

    member: User
    pairs: list[Pair]
    returns: list[Pair]
    relation: str
    shared_languages: list[str]
    tiebreak: int = 0
    more_pairs: int = 0  # matching pairs past MATCHING_PAIRS_PER_CARD, counted, not shown
    more_returns: int = 0

    @property
    def best(self):
        """The card's most relevant pair (the one it is ranked by)."""
        return self.pairs[0]

    @property
    def similarity(self):
        """The best pair's probability."""
        return self.best.similarity

    @property
    def percent(self):
        """The best pair's percentage, shown on the card."""
        return self.best.percent

    @property
    def band(self):
        """The best pair's band."""
        return self.best.band

    @property
    def reciprocal(self):
        """The best return pair, or None."""
        return self.returns[0] if self.returns else None

    def order(self):
        """Best band and percentage first; at equal percentage a two-way swap first (the more
        relevant its return, the higher); then an order that differs from viewer to viewer."""
        back = self.returns[0].similarity if self.returns else 0.0
        return band_rank(self.band), -self.percent, -round(back, 4), self.tiebreak, self.member.id


@dataclass
class MatchPage:
    """A page of cards and where it sits in the whole list."""

    cards: list[MatchCard] = field(default_factory=list)
    page: int = 1
    total: int = 0
    has_more: bool = False
    skill_count: int = 0  # how many of my skills of the page's direction were matched


def fair_tiebreak(viewer_id, member_id):
    """A number that orders equally good matches differently for each viewer, so nobody is
    always first because they signed up first; stable from one page load to the next."""
    digest = hashlib.blake2b(f"{viewer_id}:{member_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def suggestions_for(member, filters=MatchFilters(), direction="learn", page=1):
    """My matches as one card per person: who can teach me (direction="learn") or who could
    learn from me ("offer"), every matching pair inside each card, pairs I marked not
    relevant left out, cards ordered by `MatchCard.order`, MATCHING_CARDS_PER_PAGE a page,
    the MATCHING_PAIRS_PER_CARD best pairs each way shown on a card (the others counted).

    Cards are ranked on ids and probabilities; rows are read for the page shown only (and,
    when filters are on, the few columns they test for every candidate).
    """
    index = current_index()
    config = current_app.config
    per_page = config["MATCHING_CARDS_PER_PAGE"]
    mine = [s for s in member.skills if s.direction == direction and s.id in index.skills]
    backs = [s for s in member.skills if s.direction == OPPOSITE[direction] and s.id in index.skills]
    if not mine:
        return MatchPage(page=page)
    calibration = index.calibration
    ranked = rank_candidates(index, index.fetch(direction, [s.id for s in mine]), OPPOSITE[direction],
                             member.id, None, k=config["MATCHING_POOL"], pool=config["MATCHING_POOL"])
    dismissed = dismissed_pairs(member)
    found = {}  # owner -> [_Draft pair (my skill, their skill id, probability)]
    for skill, candidates in zip(mine, ranked):
        for candidate in candidates:
            if _need_offer(skill, candidate.skill_id) not in dismissed:
                found.setdefault(candidate.owner_id, []).append((skill, candidate.skill_id, candidate.similarity))
    returned = return_pairs(index, set(found), direction, index.fetch(OPPOSITE[direction], [s.id for s in backs]),
                            calibration.threshold) if backs else {}
    returned = {owner: [(sid, backs[i], p) for sid, i, p in pairs if _need_offer(backs[i], sid) not in dismissed]
                for owner, pairs in returned.items()}
    if filters.active:
        found = _filtered(member, found, filters, direction)
    order = []
    for owner_id, pairs in found.items():
        pairs.sort(key=lambda pair: (band_rank(calibration.band(pair[2])), -pair[2], pair[1]))
        back = returned.get(owner_id)
        best = pairs[0][2]
        order.append(((band_rank(calibration.band(best)), -shown_percent(best), -round(back[0][2], 4) if back else 0.0,
                       fair_tiebreak(member.id, owner_id), owner_id), owner_id))
    order.sort()
    first = (page - 1) * per_page
    shown = [owner_id for _, owner_id in order[first:first + per_page]]
    per_card = config["MATCHING_PAIRS_PER_CARD"]
    skills = skills_by_id({sid for o in shown for _, sid, _ in found[o][:per_card]}
                          | {sid for o in shown for sid, _, _ in returned.get(o, ())[:per_card]})
    cards = []
    for owner_id in shown:
        pairs = [Pair(m, skills[sid], p, calibration.band(p)) for m, sid, p in found[owner_id][:per_card]
                 if sid in skills]
        back = [Pair(m, skills[sid], p, calibration.band(p)) for sid, m, p in returned.get(owner_id, ())[:per_card]
                if sid in skills]
        if pairs:  # a skill deleted since the index was read leaves its card out
            card = _card(member, pairs, back, direction)
            card.more_pairs = max(len(found[owner_id]) - per_card, 0)
            card.more_returns = max(len(returned.get(owner_id, ())) - per_card, 0)
            cards.append(card)
    cards.sort(key=MatchCard.order)
    return MatchPage(cards, page, len(order), len(order) > first + per_page, len(mine))


def _need_offer(my_skill, their_skill_id):
    """(need id, offer id) of a pair of my skill and one of theirs."""
    return (my_skill.id, their_skill_id) if my_skill.direction == "learn" else (their_skill_id, my_skill.id)


def _filtered(member, found, filters, direction):
    """The candidates that pass the filters, read from the few columns they test."""
    people = {row.id: row for row in db.session.execute(
        sa.select(User.id, User.languages, User.department, User.seniority).where(User.id.in_(list(found))))}
    formats = {}
    if filters.format:
        formats = dict(db.session.execute(sa.select(Skill.id, Skill.formats).where(
            Skill.id.in_([sid for pairs in found.values() for _, sid, _ in pairs]))).all())
    kept = {}
    for owner_id, pairs in found.items():
        other = people.get(owner_id)
        if other is None or not _passes(other, member, filters, direction):
            continue
        pairs = [pair for pair in pairs if not filters.format or filters.format in (formats.get(pair[1]) or [])]
        if pairs:
            kept[owner_id] = pairs
    return kept


def _pair_order(pair):
    return band_rank(pair.band), -pair.similarity, pair.theirs.id


def _card(member, pairs, returns, direction):
    other = pairs[0].theirs.owner
    teacher, learner = (other, member) if direction == "learn" else (member, other)
    return MatchCard(
        member=other, pairs=pairs, returns=sorted(returns, key=_pair_order),
        relation=relation(teacher.seniority, learner.seniority),
        shared_languages=[code for code in member.languages if code in (other.languages or [])],
        tiebreak=fair_tiebreak(member.id, other.id),
    )


def dismissed_pairs(member):
    """The (need id, offer id) pairs the member marked not relevant."""
    return set(db.session.execute(
        sa.select(MatchDismissal.need_id, MatchDismissal.offer_id).where(MatchDismissal.member_id == member.id)
    ).all())


def dismiss_pair(member, mine_id, theirs_id):
    """Record that a pair of my skill and someone else's is not relevant to me; it is not
    suggested again. Idempotent. Either skill unknown, or not mine and theirs: NotFound."""
    mine, theirs = db.session.get(Skill, mine_id), db.session.get(Skill, theirs_id)
    if (mine is None or theirs is None or mine.owner_id != member.id or theirs.owner_id == member.id
            or mine.direction == theirs.direction):
        raise NotFound(_("This match does not exist."))
    need, offer = (mine, theirs) if mine.direction == "learn" else (theirs, mine)
    exists = db.session.scalar(sa.select(MatchDismissal.id).where(
        MatchDismissal.member_id == member.id, MatchDismissal.need_id == need.id,
        MatchDismissal.offer_id == offer.id))
    if exists is None:
        index = current_index()
        similarity = None
        if need.id in index.skills and offer.id in index.skills:
            similarity = float(index.relevance(index.fetch("learn", [need.id]) @ index.fetch("offer", [offer.id]).T)[0, 0])
        db.session.add(MatchDismissal(member_id=member.id, need_id=need.id, offer_id=offer.id,
                                      similarity=similarity, recipe=index.recipe))
        db.session.flush()
    return need, offer


def match_between(member, other):
    """Why two members match: my needs against their offers and theirs against mine."""
    index = current_index()
    calibration = index.calibration
    pairs = []
    for learner, teacher in ((member, other), (other, member)):
        needs = [s for s in learner.needs if s.id in index.skills]
        offers = [s for s in teacher.offers if s.id in index.skills]
        if not needs or not offers:
            continue
        similarity = index.relevance(
            index.fetch("learn", [s.id for s in needs]) @ index.fetch("offer", [s.id for s in offers]).T
        )
        for i, j in zip(*np.nonzero(similarity >= calibration.threshold)):
            pairs.append({
                "need": needs[i], "offer": offers[j], "learner": learner, "teacher": teacher,
                "similarity": float(similarity[i, j]), "percent": shown_percent(float(similarity[i, j])),
                "band": calibration.band(float(similarity[i, j])),
                "relation": relation(teacher.seniority, learner.seniority),
            })
    return sorted(pairs, key=lambda p: -p["similarity"])


def search_offers(text, exclude_member_id=None, limit=50):
    """Members whose offers mean what the text says: [(member, best offer, similarity)]."""
    index = current_index()
    config = current_app.config
    vector = index.to_index_space(get_engine().embed([(" ".join(text.split())[:200], "")], "query"))
    ids, scores = index.search("offer", vector, config["MATCHING_POOL"])
    threshold = index.calibration.threshold
    best = {}
    for skill_id, similarity in zip(ids[0].tolist(), scores[0].tolist()):
        if skill_id < 0 or similarity < threshold:
            break
        owner = index.skills[skill_id].owner_id
        if owner != exclude_member_id and owner not in best:
            best[owner] = (skill_id, similarity)
    top = list(best.items())[:limit]
    skills = skills_by_id([skill_id for _, (skill_id, _) in top])
    return [(skills[s].owner, skills[s], sim) for _, (s, sim) in top if s in skills]


def _passes(other, member, filters, direction):
    """Whether another member (a row with languages, department, seniority) passes the filters."""
    if filters.language and filters.language not in (other.languages or []):
        return False
    if filters.department == "same" and other.department != member.department:
        return False
    if filters.department == "other" and other.department == member.department:
        return False
    if filters.relation:
        teacher, learner = (other, member) if direction == "learn" else (member, other)
        if relation(teacher.seniority, learner.seniority) != filters.relation:
            return False
    return True


def skills_by_id(skill_ids):
    """Skills by id with their owners loaded (ids that no longer exist are left out)."""
    if not skill_ids:
        return {}
    rows = db.session.scalars(
        sa.select(Skill).where(Skill.id.in_(list(skill_ids))).options(joinedload(Skill.owner))
    )
    return {skill.id: skill for skill in rows}
