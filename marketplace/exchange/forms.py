"""Exchange forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, DateField, DateTimeLocalField, IntegerField, RadioField, SelectField, StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..accounts.forms import choices
from ..web import MarketplaceForm
from . import cohorts
from .feedback import ANSWER_LENGTH, COMMENT_LENGTH, QUESTIONS, RATINGS
from .meetings import AGENDA_LENGTH, NOTE_LENGTH
from .services import (
    FRAMEWORK_FIELDS, GROUND_RULES_LENGTH, MEETING_MINUTES, MESSAGE_LENGTH, PLACE_LENGTH, PLANNED_MEETINGS,
    REASON_LENGTH,
)

FREQUENCY_CHOICES = [("weekly", _l("Weekly")), ("fortnightly", _l("Every two weeks")), ("monthly", _l("Monthly"))]
CHANNEL_CHOICES = [("video", _l("Video call")), ("in_person", _l("In person"))]
OBJECTIVE_CHOICES = [("todo", _l("To do")), ("in_progress", _l("In progress")), ("done", _l("Done"))]


class FrameworkForm(MarketplaceForm):
    """Objectives and framework: shared by proposals and counter-proposals."""

    objectives = TextAreaField(
        _l("Objectives (one per line, up to 5)"), validators=[DataRequired(), Length(max=1100)]
    )
    frequency = SelectField(_l("How often"), choices=choices(FREQUENCY_CHOICES), default="fortnightly")
    planned_meetings = IntegerField(_l("Planned meetings"), default=6,
                                    validators=[InputRequired(), NumberRange(*PLANNED_MEETINGS)])
    meeting_minutes = IntegerField(_l("Meeting length (minutes)"), default=45,
                                   validators=[InputRequired(), NumberRange(*MEETING_MINUTES)])
    channel = SelectField(_l("Where"), choices=choices(CHANNEL_CHOICES), default="video")
    place = StringField(_l("Place or video link"), validators=[Optional(), Length(max=PLACE_LENGTH)])
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Optional(), Length(max=GROUND_RULES_LENGTH)])
    start_date = DateField(_l("Start date"), validators=[Optional()])
    message = TextAreaField(_l("Personal message"), validators=[Optional(), Length(max=MESSAGE_LENGTH)])

    def framework(self):
        return {name: getattr(self, name).data for name in FRAMEWORK_FIELDS}

    def objective_list(self):
        return [line for line in (self.objectives.data or "").splitlines() if line.strip()]


class ProposalForm(FrameworkForm):
    their_offer = SelectField(_l("They teach me"), coerce=int, default=0)
    my_offer = SelectField(_l("I teach them"), coerce=int, default=0)


class ReasonForm(MarketplaceForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=REASON_LENGTH)])


class ActionForm(MarketplaceForm):
    """A button: nothing but the CSRF token."""


class ObjectiveForm(MarketplaceForm):
    status = SelectField(choices=choices(OBJECTIVE_CHOICES))


class MeetingForm(MarketplaceForm):
    starts_at = DateTimeLocalField(_l("Date and time (your time zone)"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired()])
    minutes = IntegerField(_l("Length (minutes)"), validators=[InputRequired(), NumberRange(*MEETING_MINUTES)])
    place = StringField(_l("Place or video link"), validators=[Optional(), Length(max=PLACE_LENGTH)])


class AgendaForm(MarketplaceForm):
    text = StringField(_l("A topic I want to cover"), validators=[DataRequired(), Length(max=AGENDA_LENGTH)])


class NoteForm(MarketplaceForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=NOTE_LENGTH)])
    private = BooleanField(_l("Private: only I can see it"))


def _scale():
    """The values of a rating or a scale question, lowest first."""
    low, high = RATINGS
    return range(low, high + 1)


class FeedbackForm(MarketplaceForm):
    rating = RadioField(_l("Rating"), coerce=int, choices=choices([(i, str(i)) for i in _scale()]),
                        validators=[InputRequired()])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=COMMENT_LENGTH)])


def evaluation_form(formdata=None):
    """The questionnaire as a form, built from QUESTIONS."""

    class EvaluationForm(MarketplaceForm):
        pass

    for question in QUESTIONS:
        if question["kind"] == "scale":
            field = RadioField(question["label"], coerce=int, validators=[InputRequired()],
                               choices=choices([(i, str(i)) for i in _scale()]))
        else:
            field = TextAreaField(question["label"], validators=[Optional(), Length(max=ANSWER_LENGTH)])
        setattr(EvaluationForm, question["key"], field)
    form = EvaluationForm(formdata) if formdata is not None else EvaluationForm()
    form.questions = QUESTIONS
    return form


class CohortForm(FrameworkForm):
    """A cohort's settings; the limits are cohorts.py's (open_cohort checks them too)."""

    offer = SelectField(_l("On my offer"), coerce=int)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(*cohorts.TITLE_LENGTH)])
    description = TextAreaField(_l("What participants will learn"),
                                validators=[Optional(), Length(max=cohorts.DESCRIPTION_LENGTH)])
    capacity = IntegerField(_l("Seats"), default=8, validators=[InputRequired(), NumberRange(*cohorts.CAPACITY)])
    language = SelectField(_l("Language"), choices=choices(
        [(code, {"fr": "Français", "en": "English"}[code]) for code in cohorts.LANGUAGES]))
