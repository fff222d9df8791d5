"""Feedback after each meeting and the evaluation questionnaire at the end."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..errors import NotFound
from ..extensions import db
from .models import Evaluation, EvaluationAnswer, MeetingFeedback
from .services import ExchangeError, check_participant

RATINGS = (1, 5)  # a meeting's rating and a scale question's answer, lowest and highest
COMMENT_LENGTH = 2000  # a meeting's feedback comment
ANSWER_LENGTH = 4000  # a written answer of the questionnaire

# The questionnaire, defined once: pages, storage and reports read it from here.
QUESTIONS = (
    {"key": "trust", "kind": "scale", "label": _l("I could speak openly: there was trust between us.")},
    {"key": "listening", "kind": "scale", "label": _l("I felt listened to.")},
    {"key": "usefulness", "kind": "scale", "label": _l("The exchange was useful to me.")},
    {"key": "objectives", "kind": "scale", "label": _l("We made progress on our objectives.")},
    {"key": "recommend", "kind": "scale", "label": _l("I would recommend this kind of exchange to a colleague.")},
    {"key": "comments", "kind": "text", "label": _l("Anything else you want to tell us?")},
)


def give_meeting_feedback(exchange, actor, meeting_id, rating, comment="", now=None):
    """Rate a held meeting 1-5, once per participant."""
    check_participant(exchange, actor, now)
    meeting = next((m for m in exchange.meetings if m.id == meeting_id), None)
    if meeting is None:
        raise NotFound(_("This meeting does not exist."))
    if meeting.status != "held":
        raise ExchangeError(_("Feedback comes after the meeting is held."))
    if any(f.author_id == actor.id for f in meeting.feedback):
        raise ExchangeError(_("You already gave feedback on this meeting."))
    if not _on_scale(rating):
        raise ExchangeError(_("Rate the meeting from 1 to 5."), 400)
    feedback = MeetingFeedback(meeting_id=meeting.id, author_id=actor.id, rating=rating,
                               comment=(comment or "").strip()[:COMMENT_LENGTH])
    db.session.add(feedback)
    db.session.flush()
    return feedback


def submit_evaluation(exchange, actor, answers, now=None):
    """The end-of-exchange questionnaire: scale questions 1-5, text questions free."""
    check_participant(exchange, actor, now)
    if exchange.status != "completed":
        raise ExchangeError(_("The questionnaire comes when the exchange is completed."))
    if evaluation_of(exchange, actor) is not None:
        raise ExchangeError(_("You already answered the questionnaire."))
    evaluation = Evaluation(exchange_id=exchange.id, author_id=actor.id)
    for question in QUESTIONS:
        value = answers.get(question["key"])
        if question["kind"] == "scale":
            if not _on_scale(value):
                raise ExchangeError(_("Answer every question from 1 to 5."), 400)
            evaluation.answers.append(EvaluationAnswer(question=question["key"], score=value))
        else:
            evaluation.answers.append(EvaluationAnswer(question=question["key"],
                                                       text=(value or "").strip()[:ANSWER_LENGTH]))
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def _on_scale(value):
    low, high = RATINGS
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def evaluation_of(exchange, person):
    """The member's questionnaire on the exchange, or None."""
    return db.session.scalar(
        db.select(Evaluation).filter_by(exchange_id=exchange.id, author_id=person.id)
    )


def answers_of(evaluation):
    """A member's own questionnaire answers, question by question: [(label, score or text)]."""
    if evaluation is None:
        return []
    by_key = {answer.question: answer for answer in evaluation.answers}
    rows = []
    for question in QUESTIONS:
        answer = by_key.get(question["key"])
        value = None if answer is None else answer.score if question["kind"] == "scale" else answer.text
        rows.append((question["label"], value))
    return rows
