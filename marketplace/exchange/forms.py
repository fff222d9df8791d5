"""Exchange forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, DateField, DateTimeLocalField, IntegerField, RadioField, SelectField, StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..accounts.forms import choices
from ..web import MarketplaceForm
from .feedback import QUESTIONS

FREQUENCY_CHOICES = [("weekly", _l("Weekly")), ("fortnightly", _l("Every two weeks")), ("monthly", _l("Monthly"))]
CHANNEL_CHOICES = [("video", _l("Video call")), ("in_person", _l("In person"))]
OBJECTIVE_CHOICES = [("todo", _l("To do")), ("in_progress", _l("In progress")), ("done", _l("Done"))]


class FrameworkForm(MarketplaceForm):
    """Objectives and framework: shared by proposals and counter-proposals."""

    objectives = TextAreaField(
        _l("Objectives (one per line, up to 5)"), validators=[DataRequired(), Length(max=1100)]
    )
    frequency = SelectField(_l("How often"), choices=choices(FREQUENCY_CHOICES), default="fortnightly")
    planned_meetings = IntegerField(_l("Planned meetings"), default=6, validators=[InputRequired(), NumberRange(1, 52)])
    meeting_minutes = IntegerField(_l("Meeting length (minutes)"), default=45,
                                   validators=[InputRequired(), NumberRange(15, 240)])
    channel = SelectField(_l("Where"), choices=choices(CHANNEL_CHOICES), default="video")
    place = StringField(_l("Place or video link"), validators=[Optional(), Length(max=300)])
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Optional(), Length(max=2000)])
    start_date = DateField(_l("Start date"), validators=[Optional()])
    message = TextAreaField(_l("Personal message"), validators=[Optional(), Length(max=2000)])

    def framework(self):
        return {name: getattr(self, name).data for name in (
            "frequency", "planned_meetings", "meeting_minutes", "channel", "place", "ground_rules", "start_date")}

    def objective_list(self):
        return [line for line in (self.objectives.data or "").splitlines() if line.strip()]


class ProposalForm(FrameworkForm):
    their_offer = SelectField(_l("They teach me"), coerce=int, default=0)
    my_offer = SelectField(_l("I teach them"), coerce=int, default=0)


class ReasonForm(MarketplaceForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=1000)])


class ActionForm(MarketplaceForm):
    """A button: nothing but the CSRF token."""


class ObjectiveForm(MarketplaceForm):
    status = SelectField(choices=choices(OBJECTIVE_CHOICES))


class MeetingForm(MarketplaceForm):
    starts_at = DateTimeLocalField(_l("Date and time (your time zone)"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired()])
    minutes = IntegerField(_l("Length (minutes)"), validators=[InputRequired(), NumberRange(15, 240)])
    place = StringField(_l("Place or video link"), validators=[Optional(), Length(max=300)])


class AgendaForm(MarketplaceForm):
    text = StringField(_l("A topic I want to cover"), validators=[DataRequired(), Length(max=300)])


class NoteForm(MarketplaceForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=5000)])
    private = BooleanField(_l("Private: only I can see it"))


class FeedbackForm(MarketplaceForm):
    rating = RadioField(_l("Rating"), coerce=int, choices=choices([(i, str(i)) for i in range(1, 6)]),
                        validators=[InputRequired()])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)])


def evaluation_form(formdata=None):
    """The questionnaire as a form, built from QUESTIONS."""

    class EvaluationForm(MarketplaceForm):
        pass

    for question in QUESTIONS:
        if question["kind"] == "scale":
            field = RadioField(question["label"], coerce=int, validators=[InputRequired()],
                               choices=choices([(i, str(i)) for i in range(1, 6)]))
        else:
            field = TextAreaField(question["label"], validators=[Optional(), Length(max=4000)])
        setattr(EvaluationForm, question["key"], field)
    form = EvaluationForm(formdata) if formdata is not None else EvaluationForm()
    form.questions = QUESTIONS
    return form


class CohortForm(FrameworkForm):
    offer = SelectField(_l("On my offer"), coerce=int)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=2, max=120)])
    description = TextAreaField(_l("What participants will learn"), validators=[Optional(), Length(max=2000)])
    capacity = IntegerField(_l("Seats"), default=8, validators=[InputRequired(), NumberRange(2, 50)])
    language = SelectField(_l("Language"), choices=choices([("fr", "Français"), ("en", "English")]))
