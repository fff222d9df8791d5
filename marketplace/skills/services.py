"""Rules for adding, changing and removing skills."""

import unicodedata

from flask import current_app
from flask_babel import gettext as _

from ..accounts.services import lock_member
from ..errors import DomainError, NotFound
from ..extensions import db
from . import embeddings, lexical
from .engine import get_engine
from .models import DESCRIPTION_LENGTH, DIRECTIONS, FORMATS, TITLE_LENGTH, Skill


LEVELS = (1, 5)  # a skill's level, lowest and highest (the skill form's and the API's)


class SkillError(DomainError):
    """A skill operation broke a rule."""


class DuplicateSkill(SkillError):
    """The member already has this skill in this direction, word for word."""

    status_code = 409

    def __init__(self, existing):
        if existing.direction == "offer":
            message = _("You already offer “%(title)s”.", title=existing.title)
        else:
            message = _("You already want to learn “%(title)s”.", title=existing.title)
        super().__init__(message)
        self.existing = existing


class SimilarSkill(SkillError):
    """The member already has a skill in this direction that means nearly the same; saved
    only when they confirm (allow_similar=True)."""

    status_code = 409

    def __init__(self, existing, similarity):
        if existing.direction == "offer":
            message = _("You already offer “%(title)s”, which looks like the same skill.",
                        title=existing.title)
        else:
            message = _("You already want to learn “%(title)s”, which looks like the same thing.",
                        title=existing.title)
        super().__init__(message)
        self.existing = existing
        self.similarity = similarity


def add_skill(owner, direction, title, description="", level=3, formats=("one_to_one",), reindex=True,
              allow_similar=False):
    """Give a member a new offer or need after checking every value.

    Raises DuplicateSkill when the member already has the same title in this direction (case,
    spacing and accents aside), and SimilarSkill when one of theirs means nearly the same,
    unless allow_similar. reindex=False leaves embedding to one later `reindex_skills` call
    over a whole batch.
    """
    if direction not in DIRECTIONS:
        raise SkillError(_("A skill is either offered or to learn."))
    values = _validated(title=title, description=description, level=level, formats=formats)
    _check_not_duplicate(owner, direction, values["title"], allow_similar)
    prepared = _prepare([(direction, values["title"], values["description"])]) if reindex else None
    lock_member(owner)
    skill = Skill(owner=owner, direction=direction, **values)
    db.session.add(skill)
    db.session.flush()
    if reindex:
        _reindex([skill], prepared)
    return skill


def update_skill(skill, actor, allow_similar=False, precondition=None, **changes):
    """Change one of the actor's own skills; a new title meets the same duplicate rules
    as `add_skill`, against the actor's other skills.

    Args:
        precondition: called with the skill as it stands once no one else may change it (under
            the member's lock), before anything is written: the API's If-Match check.
    """
    _check_owner(skill, actor)
    values = _validated(**changes)
    if "title" in values and normalised_title(values["title"]) != normalised_title(skill.title):
        _check_not_duplicate(actor, skill.direction, values["title"], allow_similar, ignore=skill)
    prepared = _prepare([(skill.direction, values.get("title", skill.title),
                          values.get("description", skill.description))])
    skill = _locked(skill, actor)
    if precondition is not None:
        precondition(skill)
    for name, value in values.items():
        setattr(skill, name, value)
    db.session.flush()
    _reindex([skill], prepared)
    return skill


def delete_skill(skill, actor):
    """Remove one of the actor's own skills; a circle waiting on it no longer holds and dissolves."""
    from ..circles.services import skill_removed  # circles read skills: imported here, not at the top

    skill = _locked(skill, actor)
    skill_removed(skill)
    skill_id = skill.id
    db.session.delete(skill)
    db.session.flush()
    embeddings.record_change([skill_id])
    get_engine().write_shared([], [], removed_ids=[skill_id])


def reindex_skills(skills):
    """Embed skills whose vector is missing or stale, and tell every process."""
    _reindex(skills)


def own_skill(actor, skill_id):
    """The actor's skill with this id; anyone else's is reported as not found."""
    skill = db.session.get(Skill, skill_id)
    if skill is None or skill.owner_id != actor.id:
        raise NotFound(_("This skill does not exist."))
    return skill


def _prepare(texts):
    """The vectors of (direction, title, description) texts, encoded before the caller's
    transaction writes (see embeddings.prepare_vectors)."""
    engine = get_engine()
    return embeddings.prepare_vectors(engine.encoder, texts, engine.glossary)


def _reindex(skills, prepared=None):
    """Store the skills' vectors (identical texts are never re-encoded) and words, and bump
    the index version in the same transaction; every process, this one included, patches
    its index from the committed rows at its next read."""
    engine = get_engine()
    vectors = embeddings.store_vectors(engine.encoder, skills, engine.glossary, prepared)
    lexical.store_terms(skills, engine.glossary)
    embeddings.record_change([skill.id for skill in skills])
    engine.write_shared(skills, vectors)


def _locked(skill, actor):
    """The skill as it stands under its owner's lock (accounts.services.lock_member); gone, or
    someone else's, it does not exist."""
    _check_owner(skill, actor)
    lock_member(actor)
    current = db.session.get(Skill, skill.id, populate_existing=True)
    if current is None:
        raise NotFound(_("This skill does not exist."))
    _check_owner(current, actor)
    return current


def _check_owner(skill, actor):
    if skill.owner_id != actor.id:
        raise NotFound(_("This skill does not exist."))


def normalised_title(title):
    """A title as compared for exact duplicates: case, spacing and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", " ".join(str(title).split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _check_not_duplicate(owner, direction, title, allow_similar, ignore=None):
    """Refuse a title the member already has in this direction; hold back one that the
    matching engine finds nearly the same (MATCHING_DUPLICATE_SIMILARITY) unless confirmed."""
    mine = [s for s in owner.skills if s.direction == direction and s is not ignore]
    key = normalised_title(title)
    for existing in mine:
        if normalised_title(existing.title) == key:
            raise DuplicateSkill(existing)
    if allow_similar or not mine:
        return
    existing, similarity = _closest_title(title, mine, direction)
    if similarity >= current_app.config["MATCHING_DUPLICATE_SIMILARITY"]:
        raise SimilarSkill(existing, similarity)


def _closest_title(title, skills, direction):
    """The skill whose title means most nearly the same as `title`, and the engine's
    rescaled similarity (0 unrelated, 1 identical). Titles alone: a description says
    more about a skill, not which skill it is."""
    engine = get_engine()
    # Without the glossary: "Excel macros" and "Excel pivot tables" share Excel's description,
    # which says what the tool is, not which skill on it.
    vectors = engine.titles([title] + [s.title for s in skills], embeddings.kind_of(direction))
    scores = engine.rescale(vectors[1:] @ vectors[0])
    best = int(scores.argmax())
    return skills[best], float(scores[best])


def _validated(title=None, description=None, level=None, formats=None):
    """The given values checked and tidied, all before any is assigned, so a refused
    change alters nothing."""
    values = {}
    if title is not None:
        title = " ".join(str(title).split())
        if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
            raise SkillError(_("A title has between 2 and 120 characters."))
        values["title"] = title
    if description is not None:
        description = str(description).strip()
        if len(description) > DESCRIPTION_LENGTH:
            raise SkillError(_("A description has at most 1,000 characters."))
        values["description"] = description
    if level is not None:
        if isinstance(level, bool) or not isinstance(level, int) or not LEVELS[0] <= level <= LEVELS[1]:
            raise SkillError(_("The level is a number from 1 to 5."))
        values["level"] = level
    if formats is not None:
        formats = list(dict.fromkeys(formats))
        if not formats or any(value not in FORMATS for value in formats):
            raise SkillError(_("Choose one-to-one, group, or both."))
        values["formats"] = formats
    return values
