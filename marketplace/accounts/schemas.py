"""The API's schemas of my profile and of members: the profile as the profile page shows it to
its owner, the changes the profile form takes (same fields, same limits), a member's public
profile as the member page shows it, and the member directory's query string.

Every list of values and every limit comes from the accounts models and services, which check
them again: the schema refuses early, field by field (422), and documents them.
"""

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..api.schemas import SEARCH_LENGTH, Instant, MemberSchema, PageNumber, Probability, SearchText, SkillSchema, Text
from ..skills.calibration import BANDS
from ..skills.ranking import RELATIONS
from .models import LOCALES, SENIORITIES, SPOKEN_LANGUAGES
from .services import PROFILE_LENGTHS, time_zones


def not_blank(field):
    """The field, refusing a text that is blank once trimmed (an optional field that, when
    sent, must say something)."""
    field.validators.append(validate.Length(min=1, error=_("This field is required.")))
    field.metadata["minLength"] = 1
    return field


class MembersArgs(ma.Schema):
    """Query string of GET /api/v1/members: a search, or without one the member directory."""

    q = SearchText(metadata={
        "description": f"What to search for: names, offers' words and meaning (the first {SEARCH_LENGTH} "
                       f"characters are read). Without it, the member directory by name.", "minLength": 1})
    page = PageNumber()


class ProfileFieldsSchema(ma.Schema):
    """What a member tells others about themselves."""

    display_name = fields.String(required=True)
    job_title = fields.String(required=True)
    seniority = fields.String(required=True, validate=validate.OneOf(SENIORITIES))
    department = fields.String(required=True)
    languages = fields.List(fields.String(validate=validate.OneOf(SPOKEN_LANGUAGES)), required=True,
                            metadata={"description": "Languages spoken (ISO 639-1)."})
    bio = fields.String(required=True)
    availability = fields.String(required=True)
    offers = fields.List(fields.Nested(SkillSchema), required=True, metadata={"description": "What they can teach."})
    needs = fields.List(fields.Nested(SkillSchema), required=True, metadata={"description": "What they want to learn."})


class ProfileSchema(ProfileFieldsSchema):
    """My profile, as my profile page shows it to me, with my settings (the ETag covers all of it)."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    timezone = fields.String(required=True)
    locale = fields.String(required=True, validate=validate.OneOf(LOCALES),
                           metadata={"description": "The interface language (pages, e-mails, API messages)."})
    member_since = Instant(attribute="created_at", required=True)


class ProfileChangesSchema(ma.Schema):
    """Changes to my profile: any of the profile form's fields, with its limits (an absent
    field keeps its value; my e-mail and role are not changed here)."""

    display_name = not_blank(Text(PROFILE_LENGTHS["display_name"]))
    job_title = Text(PROFILE_LENGTHS["job_title"])
    seniority = fields.String(validate=validate.OneOf(SENIORITIES))
    department = Text(PROFILE_LENGTHS["department"])
    languages = fields.List(fields.String(validate=validate.OneOf(SPOKEN_LANGUAGES)),
                            validate=validate.Length(max=len(SPOKEN_LANGUAGES)),
                            metadata={"description": "Languages I speak (ISO 639-1); the list replaces the old one."})
    timezone = fields.String(validate=validate.OneOf(time_zones()),
                             metadata={"description": "An IANA time zone, as Europe/Paris."})
    locale = fields.String(validate=validate.OneOf(LOCALES), metadata={"description": "The interface language."})
    bio = Text(PROFILE_LENGTHS["bio"], multiline=True)
    availability = Text(PROFILE_LENGTHS["availability"])


class ReasonSchema(ma.Schema):
    """Why two members match: a need of one that an offer of the other meets."""

    need = fields.Nested(SkillSchema, required=True)
    offer = fields.Nested(SkillSchema, required=True)
    learner_id = fields.Integer(attribute="learner.id", required=True, metadata={"description": "Whose need it is."})
    teacher_id = fields.Integer(attribute="teacher.id", required=True, metadata={"description": "Whose offer it is."})
    similarity = Probability(required=True)
    percent = fields.Integer(required=True)
    band = fields.String(required=True, validate=validate.OneOf(BANDS))
    relation = fields.String(required=True, validate=validate.OneOf(RELATIONS))


class PublicProfileSchema(MemberSchema, ProfileFieldsSchema):
    """A member's profile as the member page shows it (never their e-mail)."""


class MemberPageSchema(ma.Schema):
    """A member's page: their profile, and why we match (my needs their offers meet, and
    theirs mine, best first)."""

    member = fields.Nested(PublicProfileSchema, required=True)
    why = fields.List(fields.Nested(ReasonSchema), required=True)


class CalendarFeedSchema(ma.Schema):
    """My calendar feed's new secret address."""

    feed_url = fields.String(required=True, metadata={
        "description": "The .ics feed of my meetings, to subscribe to in a calendar; the address is the key."})
