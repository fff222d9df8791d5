"""The API's schemas of cohorts: a cohort as the cohort pages show it to the member who asks,
and the body that opens one (the cohort form's fields and limits).

Every limit comes from cohorts.py and the exchange services, which check them again: the
schema refuses early, field by field (422), and documents the limits.
"""

import marshmallow as ma
from marshmallow import fields, validate

from ..api.schemas import Id, Instant, JsonBoolean, MemberSchema, PageSchema, Probability, Text
from ..skills.calibration import BANDS
from .cohorts import CAPACITY, DESCRIPTION_LENGTH, LANGUAGES, TITLE_LENGTH
from .models import CHANNELS, FREQUENCIES, SEAT_STATUSES, STATUSES
from .schemas import ExchangeFrameworkArgs
from .services import MAX_OBJECTIVES, OBJECTIVE_LENGTH


class OfferRefSchema(ma.Schema):
    """The mentor's offer a cohort teaches."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)


class FrameworkSchema(ma.Schema):
    """How a cohort meets. The place (a room or a video link) is for those in the cohort's
    space only (its mentor and seated members): null for everyone else."""

    frequency = fields.String(required=True, validate=validate.OneOf(FREQUENCIES))
    planned_meetings = fields.Integer(required=True)
    meeting_minutes = fields.Integer(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    place = fields.String(required=True, allow_none=True)
    ground_rules = fields.String(required=True)
    start_date = fields.Date(required=True, allow_none=True)


class CohortSummarySchema(ma.Schema):
    """A cohort in a list, as the cohorts page shows it."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    mentor = fields.Nested(MemberSchema, required=True)
    offer = fields.Nested(OfferRefSchema, attribute="skill", required=True, allow_none=True)
    language = fields.String(required=True)
    capacity = fields.Integer(required=True)
    seats_taken = fields.Function(lambda c: len(c.seated), required=True, metadata={"type": "integer"})
    seats_left = fields.Integer(required=True)
    waitlisted = fields.Function(lambda c: len(c.waitlist), required=True, metadata={"type": "integer"})
    enrolment_open = fields.Boolean(required=True)
    created_at = Instant(required=True)


class ParticipantsSchema(ma.Schema):
    """Who holds a seat and who waits, in order (for the cohort's mentor only)."""

    seated = fields.List(fields.Nested(MemberSchema), required=True)
    waitlist = fields.List(fields.Nested(MemberSchema), required=True)


class CohortSchema(CohortSummarySchema):
    """A cohort as its page shows it to me: my seat, and the participants if I run it."""

    description = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES), metadata={
        "description": "The status of the cohort's group exchange: members join while it is active."})
    objectives = fields.List(fields.String(), required=True)
    framework = fields.Nested(FrameworkSchema, required=True)
    i_run_it = fields.Boolean(required=True)
    my_seat = fields.String(required=True, allow_none=True, validate=validate.OneOf(SEAT_STATUSES), metadata={
        "description": "My seat: seated, waitlisted, left or removed; null when I never joined (or run it)."})
    exchange_id = fields.Integer(required=True, allow_none=True, metadata={
        "description": "The cohort's space (its group exchange), for its mentor and seated members; else null."})
    participants = fields.Nested(ParticipantsSchema, required=True, allow_none=True, metadata={
        "description": "For the cohort's mentor; null for everyone else."})


class CohortsPageSchema(PageSchema):
    """A page of the open cohorts, newest first."""

    cohorts = fields.List(fields.Nested(CohortSummarySchema), required=True)


class SuggestionSchema(ma.Schema):
    """An open cohort whose offer matches one of my needs."""

    cohort = fields.Nested(CohortSummarySchema, required=True)
    need = fields.Nested(OfferRefSchema, required=True, metadata={"description": "My need it answers."})
    similarity = Probability(required=True)
    percent = fields.Integer(required=True)
    band = fields.String(required=True, allow_none=True, validate=validate.OneOf(BANDS))


class SuggestionsSchema(ma.Schema):
    """The open cohorts for what I want to learn, best first (as on the cohorts page)."""

    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)


class NewCohortSchema(ExchangeFrameworkArgs):
    """Body of POST /api/v1/cohorts: the cohort form's fields and limits (a framework term left
    out takes the service's default, as a proposal's does)."""

    offer = Id(required=True, metadata={"description": "One of my offers (its id)."})
    title = Text(TITLE_LENGTH[1], required=True, metadata={"minLength": TITLE_LENGTH[0]})
    description = Text(DESCRIPTION_LENGTH, multiline=True, load_default="",
                       metadata={"description": "What participants will learn."})
    capacity = fields.Integer(strict=True, load_default=8, validate=validate.Range(*CAPACITY),
                              metadata={"description": "Seats; members who join once they are taken wait in line."})
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    objectives = fields.List(Text(OBJECTIVE_LENGTH, required=True), required=True,
                             validate=validate.Length(1, MAX_OBJECTIVES),
                             metadata={"description": f"Between 1 and {MAX_OBJECTIVES} objectives."})


class EnrolmentSchema(ma.Schema):
    """Body of PUT /api/v1/cohorts/{cohort_id}/enrolment."""

    open_ = JsonBoolean(data_key="open", required=True,
                        metadata={"description": "true: members may join; false: enrolment is closed."})
