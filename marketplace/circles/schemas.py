"""The API's schemas of exchange circles: a circle as its page and cards show it to one of its
members (pages.circle_context), and the figures of a programme manager's run."""

import marshmallow as ma
from marshmallow import fields, validate

from ..api.schemas import Instant, MemberSchema, PageSchema
from ..skills.calibration import BANDS
from .models import CIRCLE_STATUSES


class TeachingSchema(ma.Schema):
    """One edge of the circle: who teaches whom what, and how close the match is."""

    teacher = fields.Nested(MemberSchema, required=True)
    learner = fields.Nested(MemberSchema, required=True)
    offer = fields.String(required=True, metadata={"description": "What the teacher offers (as found)."})
    need = fields.String(required=True, metadata={"description": "What the learner asked to learn (as found)."})
    percent = fields.Integer(required=True)
    band = fields.String(required=True, allow_none=True, validate=validate.OneOf(BANDS))
    teacher_is_me = fields.Boolean(required=True)
    learner_is_me = fields.Boolean(required=True)


class AnswerSchema(ma.Schema):
    """A member's answer while the circle waits: accepted, or not yet (never who declined)."""

    member = fields.Nested(MemberSchema, required=True)
    accepted = fields.Boolean(required=True)
    is_me = fields.Boolean(required=True)


class CircleSchema(ma.Schema):
    """A circle as its page shows it to me."""

    id = fields.Function(lambda c: c["circle"].id, required=True, metadata={"type": "integer"})
    status = fields.String(required=True, validate=validate.OneOf(CIRCLE_STATUSES), metadata={
        "description": "proposed: waiting for answers; formed: everyone accepted (exchange_id is its space); "
                       "dissolved: someone declined; expired: not every answer came in time."})
    size = fields.Integer(required=True)
    kind = fields.Function(lambda c: "swap" if c["size"] == 2 else "circle", required=True,
                           metadata={"type": "string", "enum": ["swap", "circle"]})
    teachings = fields.List(fields.Nested(TeachingSchema), required=True,
                            metadata={"description": "In teaching order: each teaches the next, the last the first."})
    i_teach = fields.Nested(TeachingSchema, required=True)
    i_learn = fields.Nested(TeachingSchema, required=True)
    answers = fields.List(fields.Nested(AnswerSchema), required=True,
                          metadata={"description": "Who has accepted, while the circle waits; empty after."})
    waiting_on_me = fields.Boolean(required=True)
    accepted_by_me = fields.Boolean(required=True)
    created_at = Instant(attribute="circle.created_at", required=True)
    answer_by = Instant(attribute="circle.expires_at", required=True,
                        metadata={"description": "The deadline for answers."})
    closed_at = Instant(attribute="circle.closed_at", required=True, allow_none=True)
    exchange_id = fields.Integer(attribute="circle.exchange_id", required=True, allow_none=True)


class CirclesPageSchema(PageSchema):
    """A page of my circles, newest first, and the one waiting for my answer."""

    waiting = fields.Nested(CircleSchema, required=True, allow_none=True, metadata={
        "description": "The circle proposed to me and still open, as the dashboard and the matches page show "
                       "it; null when none waits (on every page of the list)."})
    circles = fields.List(fields.Nested(CircleSchema), required=True)


class CircleRunSchema(ma.Schema):
    """What a programme's circle run proposed: counts only (the manager never sees who)."""

    circles_proposed = fields.Integer(required=True)
    members_in_circles = fields.Integer(required=True)
    circles_2 = fields.Integer(required=True)
    circles_3 = fields.Integer(required=True)
    members_considered = fields.Integer(required=True)
    edges = fields.Integer(required=True)
    proven_optimal = fields.Boolean()
    solve_s = fields.Float()
    max_edges = fields.Integer()
