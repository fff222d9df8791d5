"""The API's schemas of a programme (marshmallow): the programmes page, a programme as its page
shows it and its settings as its manager writes them, applying and my application, in JSON.
The rest of a manager's bodies (enrolment, matching, follow-up) are in manager_schemas.py.
Every limit and list of choices is the domain's own constant (models.py, services.py,
enrolment.py, rules.py, exchange.services)."""

import marshmallow as ma
from marshmallow import fields, validate

from ..accounts.models import SENIORITIES, SPOKEN_LANGUAGES
from ..api.schemas import Instant, JsonBoolean, Text
from ..exchange.models import CHANNELS, FREQUENCIES
from ..exchange.services import GROUND_RULES_LENGTH, MAX_OBJECTIVES, MEETING_MINUTES, OBJECTIVE_LENGTH, \
    PLANNED_MEETINGS
from .enrolment import AVAILABILITY_LENGTH, EMAIL_LENGTH
from .models import (
    APPLICATION_TEXT_LENGTH, MAX_APPLICATION_SKILLS, MAX_AVOIDED, MENTOR_CAPACITY, NAME_LENGTH, PARTICIPANT_ROLES,
    PARTICIPANT_SOURCES, PARTICIPANT_STATUSES, PROGRAMME_KINDS, PROGRAMME_STATUSES, SKILL_TEXT_LENGTH, TEXT_LENGTH,
    Programme,
)
from .rules import DEPARTMENT_RULES, LANGUAGE_RULES, TIMEZONE_RULES
from .services import DATE_RANGE, DEPARTMENT_LENGTH, MAX_DEPARTMENTS


def one_of(values, **kwargs):
    """A string among values (shared with manager_schemas.py)."""
    return fields.String(validate=validate.OneOf(values), **kwargs)


def _model_default(name):
    """A programme's default value of a setting, from its column (what a new programme starts with)."""
    return Programme.__table__.c[name].default.arg


# --- Requests ------------------------------------------------------------------------------

def _programme_fields(full):
    """A programme's settings as a body reads them. full (POST, PUT): the required ones are
    required and the others start as a new programme's; else (PATCH) every one is optional."""

    def required():
        return {"required": True} if full else {}

    def default(value):
        return {"load_default": value} if full else {}

    def a_date(what):
        return fields.Date(validate=validate.Range(*DATE_RANGE), metadata={"description": what}, **required())

    return {
        "name": Text(NAME_LENGTH, **required()),
        "description": Text(TEXT_LENGTH, multiline=True, **default("")),
        "objectives": fields.List(Text(OBJECTIVE_LENGTH, required=True), validate=validate.Length(1, MAX_OBJECTIVES),
                                  metadata={"description": "The programme's objectives, one per item."},
                                  **required()),
        "kind": one_of(PROGRAMME_KINDS, **default(_model_default("kind"))),
        "enrolment_closes_on": a_date("The last day members may apply (ISO date), at the latest the start."),
        "starts_on": a_date("The first day of the programme (ISO date)."),
        "ends_on": a_date("The last day of the programme (ISO date), after the start."),
        "open_to_applications": JsonBoolean(metadata={
            "description": "Members may apply (else by invitation only)."},
            **default(_model_default("open_to_applications"))),
        "frequency": one_of(FREQUENCIES, **default(_model_default("frequency"))),
        "planned_meetings": fields.Integer(strict=True, validate=validate.Range(*PLANNED_MEETINGS),
                                           **default(_model_default("planned_meetings"))),
        "meeting_minutes": fields.Integer(strict=True, validate=validate.Range(*MEETING_MINUTES),
                                          **default(_model_default("meeting_minutes"))),
        "channel": one_of(CHANNELS, **default(_model_default("channel"))),
        "ground_rules": Text(GROUND_RULES_LENGTH, multiline=True, **default("")),
        "departments": fields.List(Text(DEPARTMENT_LENGTH), validate=validate.Length(max=MAX_DEPARTMENTS),
                                   metadata={"description": "Departments admitted (none: all)."}, **default(list)),
        "seniorities": fields.List(one_of(SENIORITIES), metadata={"description": "Seniorities admitted (none: all)."},
                                   **default(list)),
        "languages": fields.List(one_of(SPOKEN_LANGUAGES), metadata={
            "description": "Languages admitted, one at least spoken (none: all)."}, **default(list)),
        "mentor_capacity": fields.Integer(strict=True, validate=validate.Range(*MENTOR_CAPACITY), metadata={
            "description": "Mentees per mentor, at most."}, **default(_model_default("mentor_capacity"))),
        "language_rule": one_of(LANGUAGE_RULES, **default(_model_default("language_rule"))),
        "department_rule": one_of(DEPARTMENT_RULES, **default(_model_default("department_rule"))),
        "timezone_rule": one_of(TIMEZONE_RULES, **default(_model_default("timezone_rule"))),
    }


class ProgrammeInputSchema(ma.Schema.from_dict(_programme_fields(True))):
    """A programme's settings, all of them (POST, PUT): those left out take a new programme's values."""


class ProgrammeChangeSchema(ma.Schema.from_dict(_programme_fields(False))):
    """Some of a programme's settings (PATCH): the others stay as they are."""


class ProgrammeApplySchema(ma.Schema):
    """Applying to an open programme."""

    role = one_of(PARTICIPANT_ROLES, required=True, metadata={"description": "I join as mentor, mentee or either."})


def _application_fields(full):
    """The application as a body reads it: all of it (PUT), or some of it (PATCH)."""

    def required():
        return {"required": True} if full else {}

    def default(value):
        return {"load_default": value} if full else {}

    return {
        "role": one_of(PARTICIPANT_ROLES, **required()),
        "objectives": Text(APPLICATION_TEXT_LENGTH, multiline=True, **required(), metadata={
            "description": "What I expect from the programme."}),
        "brings": fields.List(Text(SKILL_TEXT_LENGTH), validate=validate.Length(max=MAX_APPLICATION_SKILLS),
                              metadata={"description": "Skills I bring (a mentor brings one at least)."},
                              **default(list)),
        "seeks": fields.List(Text(SKILL_TEXT_LENGTH), validate=validate.Length(max=MAX_APPLICATION_SKILLS),
                             metadata={"description": "Skills I seek (a mentee seeks one at least)."},
                             **default(list)),
        "availability": Text(AVAILABILITY_LENGTH, **default("")),
        "avoid": fields.List(Text(EMAIL_LENGTH), validate=validate.Length(max=MAX_AVOIDED), metadata={
            "description": "E-mail addresses of people I should not be paired with (never told)."},
            **default(list)),
        "capacity": fields.Integer(strict=True, allow_none=True, validate=validate.Range(*MENTOR_CAPACITY), metadata={
            "description": "As a mentor, how many mentees I take (null: the programme's most)."},
            **default(None)),
    }


class ProgrammeApplicationInputSchema(ma.Schema.from_dict(_application_fields(True))):
    """My whole application (PUT): what is left out is emptied."""


class ProgrammeApplicationChangeSchema(ma.Schema.from_dict(_application_fields(False))):
    """Some of my application (PATCH): the other answers stay as they are."""


# --- Answers -------------------------------------------------------------------------------

class ProgrammeSummarySchema(ma.Schema):
    """A programme in a list."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = one_of(PROGRAMME_KINDS, required=True)
    status = one_of(PROGRAMME_STATUSES, required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)


class ManagedProgrammeSchema(ProgrammeSummarySchema):
    """A programme I run, with how many take part (the removed aside)."""

    participants = fields.Integer(required=True)


class ProgrammeParticipationSchema(ma.Schema):
    """A programme I take part in, and my place in it."""

    programme = fields.Nested(ProgrammeSummarySchema, required=True)
    role = one_of(PARTICIPANT_ROLES, required=True)
    status = one_of(PARTICIPANT_STATUSES, required=True)


class ProgrammesSchema(ma.Schema):
    """The programmes page: those I run (managers), those I take part in, those I may apply to."""

    is_manager = fields.Boolean(required=True)
    managed = fields.List(fields.Nested(ManagedProgrammeSchema), required=True, metadata={
        "description": "Programmes I run, newest first (empty unless I am a programme manager)."})
    mine = fields.List(fields.Nested(ProgrammeParticipationSchema), required=True, metadata={
        "description": "Programmes I take part in, latest first."})
    open_to_me = fields.List(fields.Nested(ProgrammeSummarySchema), required=True, metadata={
        "description": "Programmes open to my application, closing soonest first."})


class ProgrammeSettingsSchema(ma.Schema):
    """A programme's settings, as its manager sets them."""

    name = fields.String(required=True)
    description = fields.String(required=True)
    objectives = fields.Function(lambda programme: programme.objective_list(), required=True,
                                 metadata={"type": "array", "items": {"type": "string"}})
    kind = one_of(PROGRAMME_KINDS, required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    open_to_applications = fields.Boolean(required=True)
    frequency = one_of(FREQUENCIES, required=True)
    planned_meetings = fields.Integer(required=True)
    meeting_minutes = fields.Integer(required=True)
    channel = one_of(CHANNELS, required=True)
    ground_rules = fields.String(required=True)
    departments = fields.List(fields.String(), required=True)
    seniorities = fields.List(one_of(SENIORITIES), required=True)
    languages = fields.List(one_of(SPOKEN_LANGUAGES), required=True)
    mentor_capacity = fields.Integer(required=True)
    language_rule = one_of(LANGUAGE_RULES, required=True)
    department_rule = one_of(DEPARTMENT_RULES, required=True)
    timezone_rule = one_of(TIMEZONE_RULES, required=True)


class ProgrammePlaceSchema(ma.Schema):
    """My place in a programme."""

    role = one_of(PARTICIPANT_ROLES, required=True)
    status = one_of(PARTICIPANT_STATUSES, required=True)


class ProgrammeSchema(ma.Schema):
    """A programme as its page shows it to me; its manager also reads its settings and how
    many have answered."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = one_of(PROGRAMME_KINDS, required=True)
    status = one_of(PROGRAMME_STATUSES, required=True)
    manager = fields.String(required=True, allow_none=True, metadata={"description": "Who runs it (their name)."})
    description = fields.String(required=True)
    objectives = fields.List(fields.String(), required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    frequency = one_of(FREQUENCIES, required=True)
    planned_meetings = fields.Integer(required=True)
    meeting_minutes = fields.Integer(required=True)
    ground_rules = fields.String(required=True)
    my_place = fields.Nested(ProgrammePlaceSchema, required=True, allow_none=True, metadata={
        "description": "My role and status in it (null: I take no part)."})
    can_apply = fields.Boolean(required=True, metadata={"description": "Whether I may apply now."})
    managed_by_me = fields.Boolean(required=True)
    settings = fields.Nested(ProgrammeSettingsSchema, required=True, allow_none=True, metadata={
        "description": "Its settings: for its manager only (null for everyone else)."})
    participants = fields.Integer(required=True, allow_none=True, metadata={
        "description": "How many take part, the removed aside: for its manager only."})
    answered = fields.Integer(required=True, allow_none=True, metadata={
        "description": "How many of them answered the application: for its manager only."})


class ProgrammeApplicationSchema(ma.Schema):
    """My application: what I answered, or (before I answer) what my profile suggests."""

    programme_id = fields.Integer(required=True)
    status = one_of(PARTICIPANT_STATUSES, required=True, metadata={
        "description": "invited: not answered yet (the answers are my profile's suggestions)."})
    source = one_of(PARTICIPANT_SOURCES, required=True)
    role = one_of(PARTICIPANT_ROLES, required=True)
    objectives = fields.String(required=True)
    brings = fields.List(fields.String(), required=True)
    seeks = fields.List(fields.String(), required=True)
    availability = fields.String(required=True)
    avoid = fields.List(fields.String(), required=True)
    capacity = fields.Integer(required=True, allow_none=True)
    most_mentees = fields.Integer(required=True, metadata={"description": "The programme's most mentees per mentor."})
    answered_at = Instant(required=True, allow_none=True)
    editable = fields.Boolean(required=True, metadata={
        "description": "Whether it may still change (until the pairs are published)."})
