"""The API's schemas of meetings: a meeting as the exchange page shows it to the participant
who asks (its time in UTC and in their zone, the agenda, the shared notes and only their own
private notes, only their own feedback), my upcoming meetings, the questionnaire, and the
bodies of the meeting forms.

Every limit and list of values comes from meetings.py, feedback.py and models.py, whose
services check them again: the schema refuses early, field by field (422), and documents them.
"""

import re
from datetime import datetime

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import fields, validate

from ..api.schemas import Instant, JsonBoolean, PageSchema, Text
from .feedback import ANSWER_LENGTH, COMMENT_LENGTH, QUESTIONS, RATINGS
from .meetings import AGENDA_LENGTH, MEETING_MINUTES, NOTE_LENGTH, PLACE_LENGTH
from .models import KINDS, MEETING_STATUSES, STATUSES

QUESTION_KINDS = ("scale", "text")
# The longest ISO 8601 date and time worth reading ("2026-12-01T10:00:00.000000+05:45" is 32).
TIME_LENGTH = 40
TIME_CHARACTERS = re.compile(r"[0-9:.,+\-TtZz ]+")  # what ISO 8601 writes, and nothing else
TIME_DESCRIPTION = ("ISO 8601 date and time. With an offset (\"2026-12-01T10:00+01:00\", \"...Z\") it is that "
                    "instant; without one (\"2026-12-01T10:00\") it is a wall-clock time in my time zone, as the "
                    "page's form reads it: refused when the clocks skip it or go through it twice that night "
                    "(send an offset then). Between one year ago and three years from now.")


class MeetingTime(fields.String):
    """A meeting's start in a body: an ISO 8601 date and time, aware (an instant) or naive
    (a wall-clock time the service reads in the member's zone); a date alone is refused."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"description": TIME_DESCRIPTION, "example": "2026-12-01T10:00",
                                   "maxLength": TIME_LENGTH}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            if len(text) > TIME_LENGTH or not TIME_CHARACTERS.fullmatch(text) or not set("Tt ") & set(text):
                raise ValueError(text)
            return datetime.fromisoformat(text)
        except ValueError:
            raise ma.ValidationError(_("Give the date and time as ISO 8601, such as 2026-12-01T10:00.")) from None


# Requests.


class NewMeetingArgs(ma.Schema):
    """A meeting to plan (as the page's scheduling form)."""

    starts_at = MeetingTime(required=True)
    minutes = fields.Integer(strict=True, load_default=None, validate=validate.Range(*MEETING_MINUTES),
                             metadata={"description": "Its length; left out: the exchange's framework's."})
    place = Text(PLACE_LENGTH, load_default=None,
                 metadata={"description": "A room or a video link; left out: the exchange's."})


class MoveMeetingArgs(ma.Schema):
    """Where a planned meeting moves (as the page's Reschedule form)."""

    starts_at = MeetingTime(required=True)
    minutes = fields.Integer(strict=True, load_default=None, validate=validate.Range(*MEETING_MINUTES),
                             metadata={"description": "Its length; left out: it keeps its length."})
    place = Text(PLACE_LENGTH, load_default=None,
                 metadata={"description": "A room or a video link; left out: it keeps its place."})


class AgendaArgs(ma.Schema):
    """A topic the learner wants to cover."""

    text = Text(AGENDA_LENGTH, required=True)


class NoteArgs(ma.Schema):
    """A note on a meeting: shared with the participants, or private (only I read it)."""

    text = Text(NOTE_LENGTH, multiline=True, required=True)
    private = JsonBoolean(load_default=False, metadata={"description": "Only I can read it."})


class FeedbackArgs(ma.Schema):
    """My rating of a held meeting, and a comment only I read back."""

    rating = fields.Integer(strict=True, required=True, validate=validate.Range(*RATINGS))
    comment = Text(COMMENT_LENGTH, multiline=True, load_default="")


def _answer_field(question):
    if question["kind"] == "scale":
        return fields.Integer(strict=True, required=True, validate=validate.Range(*RATINGS),
                              metadata={"description": str(question["label"])})
    return Text(ANSWER_LENGTH, multiline=True, load_default="", metadata={"description": str(question["label"])})


# The questionnaire as a body: one member per question of feedback.QUESTIONS.
EvaluationArgs = ma.Schema.from_dict({question["key"]: _answer_field(question) for question in QUESTIONS},
                                     name="EvaluationArgs")
EvaluationArgs.__doc__ = ("My answers to the end-of-exchange questionnaire: each scale question from "
                          f"{RATINGS[0]} to {RATINGS[1]}, the written one optional.")


# Answers.


class PersonSchema(ma.Schema):
    """Who wrote something: their name as others see it ("Former member" once deleted)."""

    id = fields.Integer(required=True)
    name = fields.String(attribute="public_name", required=True)


class AgendaItemSchema(ma.Schema):
    """A topic of a meeting's agenda."""

    id = fields.Integer(required=True)
    text = fields.String(required=True)
    author = fields.Nested(PersonSchema, required=True)
    created_at = Instant(required=True)


class NoteSchema(ma.Schema):
    """A shared note, or one of my private notes."""

    id = fields.Integer(required=True)
    text = fields.String(required=True)
    private = fields.Boolean(required=True, metadata={"description": "Only its author (me) reads it."})
    author = fields.Nested(PersonSchema, required=True)
    created_at = Instant(required=True)


class FeedbackSchema(ma.Schema):
    """My feedback on a held meeting (nobody else's is shown)."""

    id = fields.Integer(required=True)
    rating = fields.Integer(required=True, validate=validate.Range(*RATINGS))
    comment = fields.String(required=True)
    created_at = Instant(required=True)


class ElsewhereSchema(ma.Schema):
    """The meeting's time for the participants who live in another zone than mine."""

    timezone = fields.String(required=True)
    members = fields.List(fields.String(), required=True)
    starts_at_local = fields.DateTime(format="iso", required=True, metadata={
        "description": "The start on their clocks, with its offset."})
    night = fields.Boolean(required=True, metadata={"description": "It falls in their night (22:00-07:00)."})


class ExchangeRefSchema(ma.Schema):
    """The exchange a meeting belongs to."""

    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    topics = fields.String(required=True, metadata={"description": "What is taught, on one line."})


class MeetingSchema(ma.Schema):
    """A meeting as the exchange page shows it to me."""

    id = fields.Integer(required=True)
    exchange = fields.Nested(ExchangeRefSchema, required=True)
    status = fields.String(required=True, validate=validate.OneOf(MEETING_STATUSES))
    starts_at = Instant(required=True)
    ends_at = Instant(required=True)
    minutes = fields.Integer(required=True)
    place = fields.String(required=True)
    timezone = fields.String(required=True, metadata={"description": "My time zone."})
    starts_at_local = fields.DateTime(format="iso", required=True, metadata={
        "description": "The start on my clocks, with its offset."})
    elsewhere = fields.List(fields.Nested(ElsewhereSchema), required=True)
    night_for = fields.List(fields.String(), required=True, metadata={
        "description": "The other participants in whose night (22:00-07:00) it falls: the page warns whoever "
                       "plans or moves it."})
    agenda = fields.List(fields.Nested(AgendaItemSchema), required=True)
    notes = fields.List(fields.Nested(NoteSchema), required=True, metadata={
        "description": "The shared notes and my private notes, oldest first."})
    my_feedback = fields.Nested(FeedbackSchema, required=True, allow_none=True)


class MeetingsPageSchema(PageSchema):
    """A page of an exchange's meetings, in time order (ties by id)."""

    meetings = fields.List(fields.Nested(MeetingSchema), required=True)


class QuestionSchema(ma.Schema):
    """A question of the questionnaire, and my answer once given."""

    key = fields.String(required=True, validate=validate.OneOf([q["key"] for q in QUESTIONS]))
    kind = fields.String(required=True, validate=validate.OneOf(QUESTION_KINDS))
    label = fields.String(required=True)
    score = fields.Integer(required=True, allow_none=True, metadata={"description": "My answer to a scale question."})
    text = fields.String(required=True, allow_none=True, metadata={"description": "My answer to a written question."})


class EvaluationSchema(ma.Schema):
    """The end-of-exchange questionnaire, with my own answers (nobody else's)."""

    exchange = fields.Integer(required=True)
    due = fields.Boolean(required=True, metadata={
        "description": "The exchange is completed and waits for my answers."})
    answered_at = Instant(required=True, allow_none=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)
