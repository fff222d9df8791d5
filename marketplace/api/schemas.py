"""The API's request and response schemas (marshmallow), declared once: they validate the
arguments, shape the answers and are the OpenAPI document (api/openapi.py).

Every list of values and every limit comes from the domain's own constants.
"""

from datetime import timezone

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..accounts.models import SENIORITIES, SPOKEN_LANGUAGES
from ..skills.calibration import BANDS
from ..skills.matching import DEPARTMENT_FILTERS
from ..skills.models import DIRECTIONS, FORMATS
from ..skills.ranking import RELATIONS
from ..web import BIDI_CONTROLS, MAX_ID, MULTILINE_CONTROLS, NoControlCharacters, bounded_int, has_controls, \
    without_controls

SEARCH_LENGTH = 200  # what a search keeps of its text (as the members page does)
FOUND_BY = ("name", "words", "meaning")


class PageNumber(fields.Integer):
    """A page number: ASCII digits spelling 1 to MAX_ID, as on the pages (web.page_arg)."""

    def __init__(self, **kwargs):
        super().__init__(load_default=1, validate=validate.Range(1, MAX_ID), **kwargs,
                         metadata={"description": "Page of the list, from 1."})

    def _deserialize(self, value, attr, data, **kwargs):
        number = bounded_int(value) if isinstance(value, str) else None
        if number is None:
            raise self.make_error("invalid")
        return number


class PageArgs(ma.Schema):
    """The query string of a list that has nothing but pages."""

    page = PageNumber()


class SearchText(fields.String):
    """Free text from the query string: control characters dropped, cut to SEARCH_LENGTH,
    trimmed; refused when nothing is left."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = without_controls(super()._deserialize(value, attr, data, **kwargs))[:SEARCH_LENGTH].strip()
        if not text:
            raise ma.ValidationError(_("Say what to search for with ?q=."))
        return text


class Text(fields.String):
    """Text of a request body, guarded as the pages' form fields are (web.MarketplaceForm):
    no control characters, and on one line no bidirectional overrides either; trimmed; at
    most max_length characters; required ones may not be blank.

    Args:
        max_length: the limit, from the constant the form and the model use.
        multiline: True for text areas (keeps tabs and line breaks, and bidi controls).
    """

    def __init__(self, max_length=None, multiline=False, **kwargs):
        self.multiline = multiline
        checks = [validate.Length(max=max_length)] if max_length else []
        if kwargs.get("required"):
            checks.append(validate.Length(min=1, error=_("This field is required.")))
        metadata = {**kwargs.pop("metadata", {}), **({"maxLength": max_length} if max_length else {})}
        super().__init__(validate=checks, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        keep = MULTILINE_CONTROLS if self.multiline else ""
        if has_controls(text, keep) or (not self.multiline and not BIDI_CONTROLS.isdisjoint(text)):
            raise ma.ValidationError(str(NoControlCharacters.message))
        return text.strip()


class JsonBoolean(fields.Boolean):
    """true or false, and nothing that reads like them ("yes", 1, "false")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class Instant(fields.DateTime):
    """A moment in an answer: the database's naive UTC time, as ISO 8601 with "+00:00"."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class Id(fields.Integer):
    """An id in a body: a whole number from 1 to MAX_ID (a bigger one names nothing)."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, validate=validate.Range(1, MAX_ID), **kwargs)


def _any_of(values):
    """A filter that is one of values, or empty for any."""
    return fields.String(load_default="", validate=validate.OneOf(("", *values)))


class MatchesArgs(ma.Schema):
    """Query string of GET /api/v1/matches: the matches page's filters."""

    view = fields.String(load_default="learn", validate=validate.OneOf(DIRECTIONS[::-1]), metadata={
        "description": "learn: who can teach me; offer: who could learn from me."})
    language = _any_of(SPOKEN_LANGUAGES)
    department = _any_of(DEPARTMENT_FILTERS)
    relation = _any_of(RELATIONS)
    format = _any_of(FORMATS)
    page = PageNumber()


class MemberSchema(ma.Schema):
    """A member as other members see them (never an e-mail address)."""

    id = fields.Integer(required=True)
    display_name = fields.String(required=True)
    job_title = fields.String(required=True)
    seniority = fields.String(required=True, validate=validate.OneOf(SENIORITIES))
    department = fields.String(required=True)


class SkillSchema(ma.Schema):
    """An offer or a need."""

    id = fields.Integer(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(DIRECTIONS))
    title = fields.String(required=True)
    description = fields.String(required=True)
    level = fields.Integer(required=True)
    formats = fields.List(fields.String(validate=validate.OneOf(FORMATS)), required=True)


class Probability(fields.Float):
    """A probability, rounded to four places."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else round(value, 4)


class PairSchema(ma.Schema):
    """One of my skills and one of theirs that match."""

    my_skill = fields.Nested(SkillSchema, attribute="mine", required=True)
    their_skill = fields.Nested(SkillSchema, attribute="theirs", required=True)
    similarity = Probability(required=True)
    percent = fields.Integer(required=True)
    band = fields.String(required=True, validate=validate.OneOf(BANDS))


class MatchSchema(ma.Schema):
    """A person's card: every matching pair, and the pairs the other way (a two-way swap)."""

    member = fields.Nested(MemberSchema, required=True)
    similarity = Probability(required=True)
    percent = fields.Integer(required=True)
    band = fields.String(required=True, validate=validate.OneOf(BANDS))
    relation = fields.String(required=True, validate=validate.OneOf(RELATIONS))
    two_way = fields.Function(lambda card: bool(card.returns), required=True,
                              metadata={"type": "boolean"})
    pairs = fields.List(fields.Nested(PairSchema), required=True)
    returns = fields.List(fields.Nested(PairSchema), required=True)
    more_pairs = fields.Integer(required=True)
    more_returns = fields.Integer(required=True)
    shared_languages = fields.List(fields.String(), required=True)


class PageSchema(ma.Schema):
    """Where a page sits in its list; the Link header names the pages around it."""

    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    total = fields.Integer(required=True)
    has_more = fields.Boolean(required=True)


class MatchesPageSchema(PageSchema):
    """A page of my matches."""

    view = fields.String(required=True, validate=validate.OneOf(DIRECTIONS))
    matches = fields.List(fields.Nested(MatchSchema), required=True)


class MemberHitSchema(ma.Schema):
    """A member a search found, the offer that explains it and how they were found."""

    member = fields.Nested(MemberSchema, required=True)
    offer = fields.Nested(SkillSchema, required=True, allow_none=True)
    similarity = Probability(required=True, allow_none=True)
    found_by = fields.Function(
        lambda hit: [how for how, found in zip(FOUND_BY, (hit.by_name, hit.by_words, hit.by_meaning)) if found],
        required=True, metadata={"type": "array", "items": {"type": "string", "enum": list(FOUND_BY)}})


class MembersPageSchema(PageSchema):
    """A page of the members a search found."""

    q = fields.String(required=True)
    members = fields.List(fields.Nested(MemberHitSchema), required=True)


class FieldErrorSchema(ma.Schema):
    """A refused argument: a query or path argument by name, a place in a body by pointer."""

    in_ = fields.String(data_key="in", required=True)
    name = fields.String()
    pointer = fields.String()
    detail = fields.String(required=True)


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem (application/problem+json)."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True)
    errors = fields.List(fields.Nested(FieldErrorSchema))
