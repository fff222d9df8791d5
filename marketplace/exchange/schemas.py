"""The API's schemas of exchanges: an exchange as its page shows it to the participant who
asks, my exchanges as the dashboard lists them, and the bodies of proposals, answers and
objectives (the forms' fields, with the services' limits).

Every limit and list of values comes from services.py and models.py, which check them again:
the schema refuses early, field by field (422), and documents them.
"""

import marshmallow as ma
from marshmallow import fields, validate

from ..api.schemas import Id, Instant, MemberSchema, PageNumber, PageSchema, Text
from .models import CHANNELS, FREQUENCIES, KINDS, OBJECTIVE_STATUSES, STATUSES
from .pages import SECTIONS
from .services import (
    GROUND_RULES_LENGTH, MAX_OBJECTIVES, MEETING_MINUTES, MESSAGE_LENGTH, MOVES, OBJECTIVE_LENGTH, PLACE_LENGTH,
    PLANNED_MEETINGS, REASON_LENGTH,
)

ROLES = ("mentor", "mentee", "both")  # Exchange.role_of
# The dashboard's sections, and the proposals among them that wait for my answer.
LIST_SECTIONS = (*SECTIONS, "to_answer")


# Requests.


class ExchangesArgs(ma.Schema):
    """Query string of GET /api/v1/exchanges."""

    section = fields.String(load_default="", validate=validate.OneOf(("", *LIST_SECTIONS)), metadata={
        "description": "active: exchanges under way; pending: proposals still open, made by me or to me; "
                       "closed: exchanges that are over, overdue proposals included; to_answer: open "
                       "proposals waiting for my answer. Empty: all of them."})
    page = PageNumber()


class ExchangeFrameworkArgs(ma.Schema):
    """The framework's terms in a body; each one left out takes the service's default (a
    proposal) or stays as proposed (a counter-proposal)."""

    frequency = fields.String(validate=validate.OneOf(FREQUENCIES))
    planned_meetings = fields.Integer(strict=True, validate=validate.Range(*PLANNED_MEETINGS))
    meeting_minutes = fields.Integer(strict=True, validate=validate.Range(*MEETING_MINUTES),
                                     metadata={"description": "The length of a meeting."})
    channel = fields.String(validate=validate.OneOf(CHANNELS))
    place = Text(PLACE_LENGTH, metadata={"description": "A room or a video link."})
    ground_rules = Text(GROUND_RULES_LENGTH, multiline=True)
    start_date = fields.Date(allow_none=True)


def _objectives(**kwargs):
    return fields.List(Text(OBJECTIVE_LENGTH, required=True), validate=validate.Length(1, MAX_OBJECTIVES),
                       metadata={"description": f"Between 1 and {MAX_OBJECTIVES} intermediate objectives."},
                       **kwargs)


class ProposalArgs(ExchangeFrameworkArgs):
    """A proposal: the other member, what they teach me, what I teach them, or both (a two-way
    swap), the objectives, a message and the framework (as the propose page)."""

    member = Id(required=True, metadata={"description": "The member I propose the exchange to."})
    their_offer = Id(allow_none=True, load_default=None,
                     metadata={"description": "One of their offers: what they teach me."})
    my_offer = Id(allow_none=True, load_default=None,
                  metadata={"description": "One of my offers: what I teach them (with their_offer: a two-way swap)."})
    objectives = _objectives(required=True)
    message = Text(MESSAGE_LENGTH, multiline=True, load_default="")


class CounterProposalArgs(ExchangeFrameworkArgs):
    """Other terms for a proposal that waits for my answer: what is left out stays as proposed."""

    objectives = _objectives()
    message = Text(MESSAGE_LENGTH, multiline=True, load_default="")


class ClosingReasonArgs(ma.Schema):
    """Why (optional, shown to the other side)."""

    reason = Text(REASON_LENGTH, multiline=True, load_default="")


class ObjectiveStatusArgs(ma.Schema):
    """An objective's progress."""

    status = fields.String(required=True, validate=validate.OneOf(OBJECTIVE_STATUSES))


# Answers.


class ExchangeMemberSchema(MemberSchema):
    """A member taking part, as other members see them (never an e-mail address); a deleted
    account reads "Former member", with its profile erased."""

    display_name = fields.String(attribute="public_name", required=True)
    former = fields.Function(lambda member: member.deleted_at is not None, required=True,
                             metadata={"type": "boolean", "description": "The member deleted their account."})


class ExchangeSummarySchema(ma.Schema):
    """An exchange in my list, as the dashboard shows it."""

    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES), metadata={
        "description": "An overdue proposal reads expired before the scheduler records it."})
    topics = fields.String(required=True, metadata={"description": "What is taught, on one line."})
    role = fields.String(required=True, validate=validate.OneOf(ROLES), metadata={"description": "My role."})
    others = fields.List(fields.Nested(ExchangeMemberSchema), required=True,
                         metadata={"description": "The other participants."})
    cohort = fields.Integer(required=True, allow_none=True, metadata={"description": "A group exchange's cohort."})
    waiting_on_me = fields.Boolean(required=True, metadata={"description": "An open proposal waits for my answer."})
    created_at = Instant(required=True)
    updated_at = Instant(required=True)
    expires_at = Instant(required=True, allow_none=True, metadata={
        "description": "Until when a proposal waits for its answer."})


class ExchangesPageSchema(PageSchema):
    """A page of my exchanges, most recently changed first (ties by id, newest first)."""

    section = fields.String(required=True, validate=validate.OneOf(("", *LIST_SECTIONS)))
    exchanges = fields.List(fields.Nested(ExchangeSummarySchema), required=True)


class ExchangeTeachingSchema(ma.Schema):
    """Who teaches whom what."""

    teacher = fields.Nested(ExchangeMemberSchema, required=True)
    learner = fields.Nested(ExchangeMemberSchema, required=True, allow_none=True,
                            metadata={"description": "Null in a cohort: the mentor teaches every seated member."})
    topic = fields.String(required=True, metadata={"description": "The topic as agreed."})
    offer = fields.Integer(attribute="skill_id", required=True, allow_none=True,
                           metadata={"description": "The teacher's offer (null once deleted)."})


class ExchangeObjectiveSchema(ma.Schema):
    """An intermediate objective and its progress."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(OBJECTIVE_STATUSES))
    started_at = Instant(required=True, allow_none=True)
    done_at = Instant(required=True, allow_none=True)


class ExchangeFrameworkSchema(ma.Schema):
    """How the participants meet."""

    frequency = fields.String(required=True, validate=validate.OneOf(FREQUENCIES))
    planned_meetings = fields.Integer(required=True)
    meeting_minutes = fields.Integer(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    place = fields.String(required=True)
    ground_rules = fields.String(required=True)
    start_date = fields.Date(required=True, allow_none=True)


class ProposalTermsSchema(ExchangeFrameworkSchema):
    """The terms of one version of a proposal."""

    objectives = fields.List(fields.String(), required=True)
    start_date = fields.String(required=True, allow_none=True, metadata={"format": "date"})


class ProposalRevisionSchema(ma.Schema):
    """One version of a proposal: the first one, then each counter-proposal."""

    author = fields.Nested(ExchangeMemberSchema, required=True, allow_none=True)
    created_at = Instant(required=True)
    message = fields.String(required=True)
    terms = fields.Nested(ProposalTermsSchema, required=True)


class ExchangeSchema(ExchangeSummarySchema):
    """An exchange as its page shows it to me."""

    proposer = fields.Nested(ExchangeMemberSchema, required=True)
    participants = fields.List(fields.Nested(ExchangeMemberSchema), required=True, metadata={
        "description": "Both members; a cohort's mentor and seated members; a circle's members in teaching order."})
    waiting_for = fields.Nested(ExchangeMemberSchema, required=True, allow_none=True,
                                metadata={"description": "Whose answer an open proposal waits for."})
    teachings = fields.List(fields.Nested(ExchangeTeachingSchema), required=True)
    objectives = fields.List(fields.Nested(ExchangeObjectiveSchema), required=True)
    framework = fields.Nested(ExchangeFrameworkSchema, required=True)
    held_meetings = fields.Integer(required=True)
    message = fields.String(required=True, metadata={
        "description": "The proposer's message (a counter-proposal's is in history)."})
    history = fields.List(fields.Nested(ProposalRevisionSchema), required=True, metadata={
        "description": "Each version of the proposal, oldest first."})
    closing_reason = fields.String(required=True)
    accepted_at = Instant(required=True, allow_none=True)
    closed_at = Instant(required=True, allow_none=True)
    may = fields.List(fields.String(validate=validate.OneOf(MOVES)), required=True, metadata={
        "description": "What I may do to the exchange now, by the checks the moves make (as its page offers). "
                       "accept, decline, counter: a proposal waiting for my answer; withdraw: my proposal "
                       "waiting for theirs; complete, cancel, update_objectives: an active exchange I run."})
