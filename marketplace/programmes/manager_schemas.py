"""The API's schemas of a programme's manager (marshmallow): what the manager's pages read from
their forms and show, in JSON — invitations, participants, the matching page and the follow-up
(a programme's settings are in schemas.py). Every limit and list of choices is the domain's own
constant (models.py, enrolment.py, assignment.py, followup.py, exchange.feedback)."""

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..api.schemas import Id, Instant, PageSchema, Probability, Text
from ..circles.models import CIRCLE_STATUSES
from ..exchange.feedback import QUESTIONS
from ..exchange.models import OBJECTIVE_STATUSES, STATUSES
from ..skills.ranking import RELATIONS
from .assignment import METHODS, UNMATCHED_REASONS, VACANCY_REASONS
from .enrolment import EMAIL_LENGTH, invitation_address
from .followup import AT_RISK_REASONS
from .models import MAX_INVITATIONS, PAIR_STATES, PARTICIPANT_ROLES, PARTICIPANT_SOURCES, PARTICIPANT_STATUSES
from .pairing import NO_SKILL_OVERLAP
from .schemas import ProgrammeSchema, one_of

# The matching page's methods: the manager's current pairs (after changes), then the three computed.
MATCHING_METHODS = ("current", *METHODS)
UNMATCHED = (*UNMATCHED_REASONS, NO_SKILL_OVERLAP, *VACANCY_REASONS)
SCALE_QUESTIONS = tuple(question["key"] for question in QUESTIONS if question["kind"] == "scale")


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

class GrantManagerSchema(ma.Schema):
    """The member to make a programme manager."""

    email = Address(required=True, metadata={"description": "The member's e-mail address."})


class ProgrammeInvitationSchema(ma.Schema):
    """One person to invite, with the role they are invited as."""

    email = Address(required=True)
    role = one_of(PARTICIPANT_ROLES, load_default="either")


class ProgrammeInvitationsSchema(ma.Schema):
    """People to invite (an address given twice is invited once, with the last role given)."""

    invitations = fields.List(fields.Nested(ProgrammeInvitationSchema), required=True,
                              validate=validate.Length(1, MAX_INVITATIONS))


class PairSwapSchema(ma.Schema):
    """Two unpublished pairs whose mentees are swapped."""

    first = Id(required=True)
    second = Id(required=True)


# --- Answers -------------------------------------------------------------------------------

class ProgrammeParticipantSchema(ma.Schema):
    """A participant as the manager's page lists them: statuses only, never their answers."""

    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "Their name, or the invited address until they "
                                                                 "sign up."})
    job_title = fields.String(required=True, allow_none=True)
    role = one_of(PARTICIPANT_ROLES, required=True)
    status = one_of(PARTICIPANT_STATUSES, required=True)
    source = one_of(PARTICIPANT_SOURCES, required=True)
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
    relation = one_of(RELATIONS, required=True, allow_none=True)
    return_ = fields.Nested(PairReturnSchema, data_key="return", attribute="return", required=True, allow_none=True)


class ProgrammePairSchema(ma.Schema):
    """A pair of the matching page."""

    id = fields.Integer(required=True)
    mentor = fields.Nested(ProgrammePairSideSchema, required=True)
    mentee = fields.Nested(ProgrammePairSideSchema, required=True)
    state = one_of(PAIR_STATES, required=True, metadata={"description": "locked: kept through re-runs."})
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
    role = one_of(PARTICIPANT_ROLES, required=True)
    reason = one_of(UNMATCHED, required=True)


class ProgrammeCircleCountsSchema(ma.Schema):
    """The programme's exchange circles: counts only."""

    by_status = fields.Dict(keys=one_of(CIRCLE_STATUSES), values=fields.Integer(), required=True)
    members_waiting = fields.Integer(required=True)


class ProgrammeMatchingSchema(ma.Schema):
    """The matching page: the pairs, the methods side by side, the unmatched, the circles' counts."""

    pairs = fields.List(fields.Nested(ProgrammePairSchema), required=True, metadata={
        "description": "Unpublished first, best first, then by id."})
    methods = fields.Dict(keys=one_of(MATCHING_METHODS), values=fields.Nested(MatchingMethodSchema), required=True)
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

    question = one_of(SCALE_QUESTIONS, required=True)


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
    exchange_status = one_of(STATUSES, required=True, allow_none=True, metadata={
        "description": "null until the pair is published."})
    meetings_held = fields.Integer(required=True)
    meetings_planned = fields.Integer(required=True)
    meetings_agreed = fields.Integer(required=True)
    objectives_done = fields.Integer(required=True)
    objectives_total = fields.Integer(required=True)
    at_risk = fields.List(one_of(AT_RISK_REASONS), required=True, metadata={"description": "Why it is at risk."})


class ProgrammeDashboardSchema(ma.Schema):
    """The follow-up: statuses and aggregates only (no note, comment, agenda, rating or answer
    of anyone; a mean from min_answers_shown answers, to one decimal, as on the page)."""

    participants = fields.Dict(keys=one_of(PARTICIPANT_STATUSES), values=fields.Integer(), required=True)
    paired = fields.Integer(required=True, metadata={"description": "Answered and paired."})
    unpaired = fields.Integer(required=True, metadata={"description": "Answered, not paired."})
    exchange_statuses = fields.Dict(keys=one_of(STATUSES), values=fields.Integer(), required=True)
    weeks = fields.List(fields.Nested(MeetingWeekSchema), required=True)
    objectives = fields.Dict(keys=one_of(OBJECTIVE_STATUSES), values=fields.Integer(), required=True)
    min_answers_shown = fields.Integer(required=True)
    meeting_ratings = fields.Nested(SatisfactionAggregateSchema, required=True)
    questionnaire = fields.List(fields.Nested(QuestionnaireAggregateSchema), required=True)
    at_risk = fields.List(fields.Nested(ProgrammePairProgressSchema), required=True, metadata={
        "description": "The pairs at risk, most reasons first."})
    pairs = fields.List(fields.Nested(ProgrammePairProgressSchema), required=True)
