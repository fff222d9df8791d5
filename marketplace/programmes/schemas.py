"""The programmes API's request and response schemas (marshmallow): what the programme pages
read from their forms and show, in JSON. Every limit and list of choices is the domain's own
constant (models.py, services.py, enrolment.py, rules.py, exchange.services)."""

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..accounts.models import SENIORITIES, SPOKEN_LANGUAGES
from ..api.schemas import Id, Instant, PageNumber, PageSchema, Probability, Text
from ..circles.models import CIRCLE_STATUSES
from ..exchange.feedback import QUESTIONS
from ..exchange.models import CHANNELS, FREQUENCIES, OBJECTIVE_STATUSES, STATUSES
from ..exchange.services import GROUND_RULES_LENGTH, MAX_OBJECTIVES, MEETING_MINUTES, OBJECTIVE_LENGTH, \
    PLANNED_MEETINGS
from ..skills.ranking import RELATIONS
from .assignment import METHODS, UNMATCHED_REASONS, VACANCY_REASONS
from .enrolment import AVAILABILITY_LENGTH, EMAIL_LENGTH, invitation_address
from .followup import AT_RISK_REASONS
from .models import (
    APPLICATION_TEXT_LENGTH, MAX_APPLICATION_SKILLS, MAX_AVOIDED, MAX_INVITATIONS, MENTOR_CAPACITY, NAME_LENGTH,
    PAIR_STATES, PARTICIPANT_ROLES, PARTICIPANT_SOURCES, PARTICIPANT_STATUSES, PROGRAMME_KINDS, PROGRAMME_STATUSES,
    SKILL_TEXT_LENGTH, TEXT_LENGTH, Programme,
)
from .pairing import NO_SKILL_OVERLAP
from .rules import DEPARTMENT_RULES, LANGUAGE_RULES, TIMEZONE_RULES
from .services import DATE_RANGE, DEPARTMENT_LENGTH, MAX_DEPARTMENTS

# The matching page's methods: the manager's current pairs (after changes), then the three computed.
MATCHING_METHODS = ("current", *METHODS)
UNMATCHED = (*UNMATCHED_REASONS, NO_SKILL_OVERLAP, *VACANCY_REASONS)
SCALE_QUESTIONS = tuple(question["key"] for question in QUESTIONS if question["kind"] == "scale")


def _strict_boolean(**kwargs):
    """true or false, nothing else (no "yes", no 1)."""
    return fields.Boolean(truthy={True}, falsy={False}, **kwargs)


def _one_of(values, **kwargs):
    return fields.String(validate=validate.OneOf(values), **kwargs)


def _model_default(name):
    """A programme's default value of a setting, from its column (what a new programme starts with)."""
    return Programme.__table__.c[name].default.arg


class Address(Text):
    """An e-mail address, stored as the invitations store it (enrolment.invitation_address)."""

    def __init__(self, **kwargs):
        super().__init__(EMAIL_LENGTH, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        address = invitation_address(super()._deserialize(value, attr, data, **kwargs))
        if address is None:
            raise ma.ValidationError(_("This is not an e-mail address."))
        return address


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
        "kind": _one_of(PROGRAMME_KINDS, **default(_model_default("kind"))),
        "enrolment_closes_on": a_date("The last day members may apply (ISO date), at the latest the start."),
        "starts_on": a_date("The first day of the programme (ISO date)."),
        "ends_on": a_date("The last day of the programme (ISO date), after the start."),
        "open_to_applications": _strict_boolean(metadata={
            "description": "Members may apply (else by invitation only)."},
            **default(_model_default("open_to_applications"))),
        "frequency": _one_of(FREQUENCIES, **default(_model_default("frequency"))),
        "planned_meetings": fields.Integer(strict=True, validate=validate.Range(*PLANNED_MEETINGS),
                                           **default(_model_default("planned_meetings"))),
        "meeting_minutes": fields.Integer(strict=True, validate=validate.Range(*MEETING_MINUTES),
                                          **default(_model_default("meeting_minutes"))),
        "channel": _one_of(CHANNELS, **default(_model_default("channel"))),
        "ground_rules": Text(GROUND_RULES_LENGTH, multiline=True, **default("")),
        "departments": fields.List(Text(DEPARTMENT_LENGTH), validate=validate.Length(max=MAX_DEPARTMENTS),
                                   metadata={"description": "Departments admitted (none: all)."}, **default(list)),
        "seniorities": fields.List(_one_of(SENIORITIES), metadata={"description": "Seniorities admitted (none: all)."},
                                   **default(list)),
        "languages": fields.List(_one_of(SPOKEN_LANGUAGES), metadata={
            "description": "Languages admitted, one at least spoken (none: all)."}, **default(list)),
        "mentor_capacity": fields.Integer(strict=True, validate=validate.Range(*MENTOR_CAPACITY), metadata={
            "description": "Mentees per mentor, at most."}, **default(_model_default("mentor_capacity"))),
        "language_rule": _one_of(LANGUAGE_RULES, **default(_model_default("language_rule"))),
        "department_rule": _one_of(DEPARTMENT_RULES, **default(_model_default("department_rule"))),
        "timezone_rule": _one_of(TIMEZONE_RULES, **default(_model_default("timezone_rule"))),
    }


class ProgrammeInputSchema(ma.Schema.from_dict(_programme_fields(True))):
    """A programme's settings, all of them (POST, PUT): those left out take a new programme's values."""


class ProgrammeChangeSchema(ma.Schema.from_dict(_programme_fields(False))):
    """Some of a programme's settings (PATCH): the others stay as they are."""


class ProgrammeApplySchema(ma.Schema):
    """Applying to an open programme."""

    role = _one_of(PARTICIPANT_ROLES, required=True, metadata={"description": "I join as mentor, mentee or either."})


def _application_fields(full):
    """The application as a body reads it: all of it (PUT), or some of it (PATCH)."""

    def required():
        return {"required": True} if full else {}

    def default(value):
        return {"load_default": value} if full else {}

    return {
        "role": _one_of(PARTICIPANT_ROLES, **required()),
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


class GrantManagerSchema(ma.Schema):
    """The member to make a programme manager."""

    email = Address(required=True, metadata={"description": "The member's e-mail address."})


class ProgrammeInvitationSchema(ma.Schema):
    """One person to invite, with the role they are invited as."""

    email = Address(required=True)
    role = _one_of(PARTICIPANT_ROLES, load_default="either")


class ProgrammeInvitationsSchema(ma.Schema):
    """People to invite (an address given twice is invited once, with the last role given)."""

    invitations = fields.List(fields.Nested(ProgrammeInvitationSchema), required=True,
                              validate=validate.Length(1, MAX_INVITATIONS))


class PairSwapSchema(ma.Schema):
    """Two unpublished pairs whose mentees are swapped."""

    first = Id(required=True)
    second = Id(required=True)


class ProgrammeParticipantsArgs(ma.Schema):
    """Query string of a programme's participants."""

    page = PageNumber()


# --- Answers -------------------------------------------------------------------------------

class ProgrammeSummarySchema(ma.Schema):
    """A programme in a list."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = _one_of(PROGRAMME_KINDS, required=True)
    status = _one_of(PROGRAMME_STATUSES, required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)


class ManagedProgrammeSchema(ProgrammeSummarySchema):
    """A programme I run, with how many take part (the removed aside)."""

    participants = fields.Integer(required=True)


class ProgrammeParticipationSchema(ma.Schema):
    """A programme I take part in, and my place in it."""

    programme = fields.Nested(ProgrammeSummarySchema, required=True)
    role = _one_of(PARTICIPANT_ROLES, required=True)
    status = _one_of(PARTICIPANT_STATUSES, required=True)


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
    kind = _one_of(PROGRAMME_KINDS, required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    open_to_applications = fields.Boolean(required=True)
    frequency = _one_of(FREQUENCIES, required=True)
    planned_meetings = fields.Integer(required=True)
    meeting_minutes = fields.Integer(required=True)
    channel = _one_of(CHANNELS, required=True)
    ground_rules = fields.String(required=True)
    departments = fields.List(fields.String(), required=True)
    seniorities = fields.List(_one_of(SENIORITIES), required=True)
    languages = fields.List(_one_of(SPOKEN_LANGUAGES), required=True)
    mentor_capacity = fields.Integer(required=True)
    language_rule = _one_of(LANGUAGE_RULES, required=True)
    department_rule = _one_of(DEPARTMENT_RULES, required=True)
    timezone_rule = _one_of(TIMEZONE_RULES, required=True)


class ProgrammePlaceSchema(ma.Schema):
    """My place in a programme."""

    role = _one_of(PARTICIPANT_ROLES, required=True)
    status = _one_of(PARTICIPANT_STATUSES, required=True)


class ProgrammeSchema(ma.Schema):
    """A programme as its page shows it to me; its manager also reads its settings and how
    many have answered."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = _one_of(PROGRAMME_KINDS, required=True)
    status = _one_of(PROGRAMME_STATUSES, required=True)
    manager = fields.String(required=True, allow_none=True, metadata={"description": "Who runs it (their name)."})
    description = fields.String(required=True)
    objectives = fields.List(fields.String(), required=True)
    enrolment_closes_on = fields.Date(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    frequency = _one_of(FREQUENCIES, required=True)
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
    status = _one_of(PARTICIPANT_STATUSES, required=True, metadata={
        "description": "invited: not answered yet (the answers are my profile's suggestions)."})
    source = _one_of(PARTICIPANT_SOURCES, required=True)
    role = _one_of(PARTICIPANT_ROLES, required=True)
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


class ProgrammeParticipantSchema(ma.Schema):
    """A participant as the manager's page lists them: statuses only, never their answers."""

    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "Their name, or the invited address until they "
                                                                 "sign up."})
    job_title = fields.String(required=True, allow_none=True)
    role = _one_of(PARTICIPANT_ROLES, required=True)
    status = _one_of(PARTICIPANT_STATUSES, required=True)
    source = _one_of(PARTICIPANT_SOURCES, required=True)
    reminded_at = Instant(required=True, allow_none=True)


class ProgrammeParticipantsPageSchema(PageSchema):
    """A page of a programme's participants, in the order they came."""

    participants = fields.List(fields.Nested(ProgrammeParticipantSchema), required=True)


class ProgrammeInvitedSchema(ma.Schema):
    """What the invitations did."""

    invited = fields.Integer(required=True)
    already = fields.Integer(required=True, metadata={"description": "Addresses already in the programme."})


class ProgrammeRemindedSchema(ma.Schema):
    """How many were reminded."""

    reminded = fields.Integer(required=True)


class ProgrammePairSideSchema(ma.Schema):
    """One side of a pair."""

    participant_id = fields.Integer(required=True)
    name = fields.String(required=True)


class PairReturnSchema(ma.Schema):
    """The other direction of a two-way pair: what the mentee brings for the mentor's need."""

    seek = fields.String(required=True)
    bring = fields.String(required=True)
    percent = fields.Integer(required=True, allow_none=True)


class PairExplanationSchema(ma.Schema):
    """Why a pair: the sought skill that met a brought one, and how well."""

    seek = fields.String(required=True, allow_none=True)
    bring = fields.String(required=True, allow_none=True)
    percent = fields.Integer(required=True, allow_none=True)
    relation = _one_of(RELATIONS, required=True, allow_none=True)
    return_ = fields.Nested(PairReturnSchema, data_key="return", attribute="return", required=True, allow_none=True)


class ProgrammePairSchema(ma.Schema):
    """A pair of the matching page."""

    id = fields.Integer(required=True)
    mentor = fields.Nested(ProgrammePairSideSchema, required=True)
    mentee = fields.Nested(ProgrammePairSideSchema, required=True)
    state = _one_of(PAIR_STATES, required=True, metadata={"description": "locked: kept through re-runs."})
    published = fields.Boolean(required=True)
    explanation = fields.Nested(PairExplanationSchema, required=True)


class MatchingMethodSchema(ma.Schema):
    """A way of pairing, as the matching page compares them."""

    total = Probability(required=True)
    matched = fields.Integer(required=True)
    worst_pair = Probability(required=True, allow_none=True)
    blocking_pairs = fields.Integer(required=True, allow_none=True)


class UnmatchedParticipantSchema(ma.Schema):
    """A participant the matching left apart, and why."""

    participant_id = fields.Integer(required=True)
    name = fields.String(required=True)
    role = _one_of(PARTICIPANT_ROLES, required=True)
    reason = _one_of(UNMATCHED, required=True)


class ProgrammeCircleCountsSchema(ma.Schema):
    """The programme's exchange circles: counts only."""

    by_status = fields.Dict(keys=_one_of(CIRCLE_STATUSES), values=fields.Integer(), required=True)
    members_waiting = fields.Integer(required=True)


class ProgrammeMatchingSchema(ma.Schema):
    """The matching page: the pairs, the methods side by side, the unmatched, the circles' counts."""

    pairs = fields.List(fields.Nested(ProgrammePairSchema), required=True, metadata={
        "description": "Unpublished first, best first, then by id."})
    methods = fields.Dict(keys=_one_of(MATCHING_METHODS), values=fields.Nested(MatchingMethodSchema), required=True)
    unmatched = fields.List(fields.Nested(UnmatchedParticipantSchema), required=True)
    matched_at = Instant(required=True, allow_none=True)
    circles = fields.Nested(ProgrammeCircleCountsSchema, required=True)


class SwappedPairsSchema(ma.Schema):
    """The two new pairs of a swap (both locked)."""

    pairs = fields.List(fields.Nested(ProgrammePairSchema), required=True)


class ProgrammePublishedSchema(ma.Schema):
    """What publishing did: the exchanges created, and the programme now running."""

    exchanges_created = fields.Integer(required=True)
    programme = fields.Nested(ProgrammeSchema, required=True)


class PairRemindedSchema(ma.Schema):
    """The manager's reminder to a pair."""

    reminded = fields.Boolean(required=True, metadata={
        "description": "false: both were already reminded today (one reminder a day)."})


class SatisfactionAggregateSchema(ma.Schema):
    """A mean out of 5 and how many answers it is drawn from: null below min_answers_shown."""

    mean = fields.Float(required=True, allow_none=True)
    count = fields.Integer(required=True)


class QuestionnaireAggregateSchema(SatisfactionAggregateSchema):
    """A question of the end-of-exchange questionnaire, aggregated."""

    question = _one_of(SCALE_QUESTIONS, required=True)


class MeetingWeekSchema(ma.Schema):
    """Meetings in the ISO week starting on monday."""

    monday = fields.Date(required=True)
    planned = fields.Integer(required=True, metadata={"description": "Planned or held (not cancelled)."})
    held = fields.Integer(required=True)


class ProgrammePairProgressSchema(ma.Schema):
    """Where a pair stands: statuses and counts only."""

    pair_id = fields.Integer(required=True)
    mentor = fields.String(required=True)
    mentee = fields.String(required=True)
    exchange_status = _one_of(STATUSES, required=True, allow_none=True, metadata={
        "description": "null until the pair is published."})
    meetings_held = fields.Integer(required=True)
    meetings_planned = fields.Integer(required=True)
    meetings_agreed = fields.Integer(required=True)
    objectives_done = fields.Integer(required=True)
    objectives_total = fields.Integer(required=True)
    at_risk = fields.List(_one_of(AT_RISK_REASONS), required=True, metadata={"description": "Why it is at risk."})


class ProgrammeDashboardSchema(ma.Schema):
    """The follow-up: statuses and aggregates only (no note, comment, agenda, rating or answer
    of anyone; a mean from min_answers_shown answers, to one decimal, as on the page)."""

    participants = fields.Dict(keys=_one_of(PARTICIPANT_STATUSES), values=fields.Integer(), required=True)
    paired = fields.Integer(required=True, metadata={"description": "Answered and paired."})
    unpaired = fields.Integer(required=True, metadata={"description": "Answered, not paired."})
    exchange_statuses = fields.Dict(keys=_one_of(STATUSES), values=fields.Integer(), required=True)
    weeks = fields.List(fields.Nested(MeetingWeekSchema), required=True)
    objectives = fields.Dict(keys=_one_of(OBJECTIVE_STATUSES), values=fields.Integer(), required=True)
    min_answers_shown = fields.Integer(required=True)
    meeting_ratings = fields.Nested(SatisfactionAggregateSchema, required=True)
    questionnaire = fields.List(fields.Nested(QuestionnaireAggregateSchema), required=True)
    at_risk = fields.List(fields.Nested(ProgrammePairProgressSchema), required=True, metadata={
        "description": "The pairs at risk, most reasons first."})
    pairs = fields.List(fields.Nested(ProgrammePairProgressSchema), required=True)
