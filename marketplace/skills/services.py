"""Rules for adding, changing and removing skills."""

from flask_babel import gettext as _

from ..errors import DomainError, NotFound
from ..extensions import db
from . import embeddings
from .engine import get_engine
from .models import DESCRIPTION_LENGTH, DIRECTIONS, FORMATS, TITLE_LENGTH, Skill


class SkillError(DomainError):
    """A skill operation broke a rule."""


def add_skill(owner, direction, title, description="", level=3, formats=("one_to_one",), reindex=True):
    """Give a member a new offer or need after checking every value.

    reindex=False leaves embedding to one later `reindex_skills` call over a whole batch.
    """
    if direction not in DIRECTIONS:
        raise SkillError(_("A skill is either offered or to learn."))
    skill = Skill(owner=owner, direction=direction)
    _apply(skill, title=title, description=description, level=level, formats=formats)
    db.session.add(skill)
    db.session.flush()
    if reindex:
        _reindex([skill])
    return skill


def update_skill(skill, actor, **changes):
    """Change one of the actor's own skills."""
    _check_owner(skill, actor)
    _apply(skill, **changes)
    db.session.flush()
    _reindex([skill])
    return skill


def delete_skill(skill, actor):
    """Remove one of the actor's own skills."""
    _check_owner(skill, actor)
    skill_id = skill.id
    db.session.delete(skill)
    db.session.flush()
    embeddings.record_change([skill_id])
    get_engine().publish([], removed_ids=[skill_id])


def reindex_skills(skills):
    """Embed skills whose vector is missing or stale, and tell every process."""
    _reindex(skills)


def own_skill(actor, skill_id):
    """The actor's skill with this id; anyone else's is reported as not found."""
    skill = db.session.get(Skill, skill_id)
    if skill is None or skill.owner_id != actor.id:
        raise NotFound(_("This skill does not exist."))
    return skill


def _reindex(skills):
    """Store the skills' vectors (identical texts are never re-encoded) and bump the index
    version in the same transaction, so other processes patch their index."""
    engine = get_engine()
    embeddings.store_vectors(engine.encoder, skills)
    embeddings.record_change([skill.id for skill in skills])
    engine.publish(skills)


def _check_owner(skill, actor):
    if skill.owner_id != actor.id:
        raise NotFound(_("This skill does not exist."))


def _apply(skill, title=None, description=None, level=None, formats=None):
    """Validate everything first, then assign, so a refused change alters nothing."""
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
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise SkillError(_("The level is a number from 1 to 5."))
        values["level"] = level
    if formats is not None:
        formats = list(dict.fromkeys(formats))
        if not formats or any(value not in FORMATS for value in formats):
            raise SkillError(_("Choose one-to-one, group, or both."))
        values["formats"] = formats
    for name, value in values.items():
        setattr(skill, name, value)
