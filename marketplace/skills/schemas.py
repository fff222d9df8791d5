"""The API's schemas of my offers and needs, and of "not relevant" on a match.

A skill's fields and limits are the skill form's, from the constants skills/services.py
checks again: the schema refuses early, field by field (422), and documents them. The
skill itself is answered as the shared SkillSchema (api/schemas.py), the matches too.
"""

import marshmallow as ma
from marshmallow import fields, validate

from ..api.schemas import Id, PageNumber, PageSchema, SkillSchema, Text
from .models import DESCRIPTION_LENGTH, DIRECTIONS, FORMATS, TITLE_LENGTH
from .services import LEVELS


def _title(**kwargs):
    """A skill's title: TITLE_LENGTH characters once trimmed."""
    title = Text(TITLE_LENGTH[1], metadata={"minLength": TITLE_LENGTH[0]}, **kwargs)
    title.validators.append(validate.Length(min=TITLE_LENGTH[0]))
    return title


def _level(**kwargs):
    return fields.Integer(strict=True, validate=validate.Range(*LEVELS), metadata={
        "description": "Proficiency for an offer, current level for a need."}, **kwargs)


def _formats(**kwargs):
    return fields.List(fields.String(validate=validate.OneOf(FORMATS)),
                       validate=validate.Length(min=1, max=len(FORMATS)), **kwargs)


ALLOW_SIMILAR = {"description": "Save it even though one of my skills of this direction means nearly the same "
                                "(otherwise that is a 409 naming it, as the form's \"add it anyway\")."}


class SkillsArgs(ma.Schema):
    """Query string of GET /api/v1/skills."""

    direction = fields.String(load_default="", validate=validate.OneOf(("", *DIRECTIONS)), metadata={
        "description": "offer: what I can teach; learn: what I want to learn; empty: both."})
    page = PageNumber()


class SkillsPageSchema(PageSchema):
    """A page of my offers and needs, oldest first (by id)."""

    skills = fields.List(fields.Nested(SkillSchema), required=True)


class NewSkillSchema(ma.Schema):
    """An offer or a need to add, as the skill form takes it."""

    direction = fields.String(required=True, validate=validate.OneOf(DIRECTIONS), metadata={
        "description": "offer: I can teach it; learn: I want to learn it."})
    title = _title(required=True)
    description = Text(DESCRIPTION_LENGTH, multiline=True, load_default="")
    level = _level(load_default=3)
    formats = _formats(load_default=["one_to_one"])
    allow_similar = fields.Boolean(load_default=False, metadata=ALLOW_SIMILAR)


class SkillChangesSchema(ma.Schema):
    """Changes to one of my skills (only the fields sent; its direction stays)."""

    title = _title()
    description = Text(DESCRIPTION_LENGTH, multiline=True)
    level = _level()
    formats = _formats()
    allow_similar = fields.Boolean(load_default=False, metadata=ALLOW_SIMILAR)


class DismissSchema(ma.Schema):
    """"Not relevant" on a match: one of my skills and one of theirs (a need and an offer)."""

    my_skill = Id(required=True)
    their_skill = Id(required=True)


class DismissalSchema(ma.Schema):
    """The pair now left out of my matches: the need and the offer."""

    need = fields.Nested(SkillSchema, required=True)
    offer = fields.Nested(SkillSchema, required=True)
