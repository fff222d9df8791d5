"""Programme forms: the programme, invitations, applying, the application, the manager's tools."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from ..accounts.forms import LANGUAGE_LABELS, SENIORITY_CHOICES, MultiCheckboxField, NewPasswordForm, choices
from ..accounts.models import DEFAULT_TIMEZONE, SPOKEN_LANGUAGES
from ..accounts.services import time_zones
from ..exchange.forms import CHANNEL_CHOICES, FREQUENCY_CHOICES
from ..web import MarketplaceForm
from .enrolment import AVAILABILITY_LENGTH, EMAIL_LENGTH
from .rules import DEPARTMENT_RULES, LANGUAGE_RULES, TIMEZONE_RULES
from .labels import choices_of
from .models import (
    APPLICATION_TEXT_LENGTH, MAX_INVITATIONS, MENTOR_CAPACITY, NAME_LENGTH, PARTICIPANT_ROLES, PROGRAMME_KINDS,
    TEXT_LENGTH,
)

def _choices_of(family, values):
    return choices(choices_of(family, values))


def _lines(text):
    return [line.strip() for line in (text or "").replace(",", "\n").splitlines() if line.strip()]


class ProgrammeForm(MarketplaceForm):
    """A programme's settings: what, when, which kind, the framework, eligibility, matching rules."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_LENGTH)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=TEXT_LENGTH)])
    objectives = TextAreaField(_l("Objectives of the programme (one per line)"),
                               validators=[DataRequired(), Length(max=TEXT_LENGTH)])
    kind = SelectField(_l("Kind"), choices=_choices_of("programme_kind", PROGRAMME_KINDS), default="classic")
    enrolment_closes_on = DateField(_l("Enrolment closes on"), validators=[InputRequired()])
    starts_on = DateField(_l("Runs from"), validators=[InputRequired()])
    ends_on = DateField(_l("Runs to"), validators=[InputRequired()])
    open_to_applications = BooleanField(_l("Members can apply (else by invitation only)"), default=True)
    frequency = SelectField(_l("How often pairs meet"), choices=choices(FREQUENCY_CHOICES), default="fortnightly")
    planned_meetings = IntegerField(_l("Planned meetings"), default=6, validators=[InputRequired(), NumberRange(1, 52)])
    meeting_minutes = IntegerField(_l("Meeting length (minutes)"), default=45,
                                   validators=[InputRequired(), NumberRange(15, 240)])
    channel = SelectField(_l("Where"), choices=choices(CHANNEL_CHOICES), default="video")
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Optional(), Length(max=TEXT_LENGTH)])
    departments = StringField(_l("Departments (comma separated; empty: all)"), validators=[Optional(), Length(max=2000)])
    seniorities = MultiCheckboxField(_l("Seniorities (none ticked: all)"), choices=choices(SENIORITY_CHOICES))
    languages = MultiCheckboxField(_l("Languages (none ticked: all)"),
                                   choices=choices((code, LANGUAGE_LABELS[code]) for code in SPOKEN_LANGUAGES))
    mentor_capacity = IntegerField(_l("Mentees per mentor, at most"), default=2,
                                   validators=[InputRequired(), NumberRange(*MENTOR_CAPACITY)])
    language_rule = SelectField(_l("Language"), choices=_choices_of("language_rule", LANGUAGE_RULES), default="required")
    department_rule = SelectField(_l("Department"), choices=_choices_of("department_rule", DEPARTMENT_RULES),
                                  default="preferred")
    timezone_rule = SelectField(_l("Time zone"), choices=_choices_of("timezone_rule", TIMEZONE_RULES), default="any")

    def programme(self):
        """The submitted settings as plain values for the service."""
        values = {name: getattr(self, name).data for name in (
            "name", "description", "objectives", "kind", "enrolment_closes_on", "starts_on", "ends_on",
            "open_to_applications", "frequency", "planned_meetings", "meeting_minutes", "channel", "ground_rules",
            "seniorities", "languages", "mentor_capacity", "language_rule", "department_rule", "timezone_rule")}
        values["departments"] = _lines(self.departments.data)
        return values


class InvitationsForm(MarketplaceForm):
    """E-mails with a role, pasted or uploaded as CSV."""

    pasted = TextAreaField(_l("Paste e-mails, one per line: e-mail, role (mentor, mentee or either)"),
                           validators=[Optional(), Length(max=MAX_INVITATIONS * 300)])
    upload = FileField(_l("Or upload a CSV file"))


class ApplyForm(MarketplaceForm):
    """Apply to an open programme with a role."""

    role = SelectField(_l("I join as"), choices=_choices_of("participant_role", PARTICIPANT_ROLES), default="mentee")


class ApplicationForm(MarketplaceForm):
    """The programme's application: objectives, skills, availability, preferences."""

    role = SelectField(_l("I join as"), choices=_choices_of("participant_role", PARTICIPANT_ROLES))
    objectives = TextAreaField(_l("My objectives for this programme"),
                               validators=[DataRequired(), Length(max=APPLICATION_TEXT_LENGTH)])
    brings = TextAreaField(_l("Skills I bring (one per line)"), validators=[Optional(), Length(max=1200)])
    seeks = TextAreaField(_l("Skills I seek (one per line)"), validators=[Optional(), Length(max=1200)])
    availability = StringField(_l("Availability"), validators=[Optional(), Length(max=AVAILABILITY_LENGTH)])
    avoid = TextAreaField(_l("People I should not be paired with (their e-mails, e.g. my own manager)"),
                          validators=[Optional(), Length(max=3000)])
    capacity = IntegerField(_l("As a mentor, how many mentees I take"),
                            validators=[Optional(), NumberRange(*MENTOR_CAPACITY)])

    def answers(self):
        """The answers as plain values for the service."""
        return {"role": self.role.data, "objectives": self.objectives.data,
                "brings": [line for line in (self.brings.data or "").splitlines() if line.strip()],
                "seeks": [line for line in (self.seeks.data or "").splitlines() if line.strip()],
                "availability": self.availability.data, "avoid": _lines(self.avoid.data),
                "capacity": self.capacity.data}


class InvitationSignupForm(NewPasswordForm):
    """Creating an account from an invitation link (the link proves the address)."""

    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=80)])
    seniority = SelectField(
        _l("Seniority"), choices=[SelectChoice("", _l("Choose…"))] + choices(SENIORITY_CHOICES),
        validators=[DataRequired(message=_l("Please choose your seniority."))])
    timezone = SelectField(_l("Time zone"), default=DEFAULT_TIMEZONE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = time_zones()


class GrantManagerForm(MarketplaceForm):
    """A manager makes another member a programme manager."""

    email = EmailField(_l("Member's e-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_LENGTH)])


class SwapForm(MarketplaceForm):
    """Swap the mentees of two pairs."""

    first = SelectField(_l("First pair"), coerce=int, validators=[InputRequired()])
    second = SelectField(_l("Second pair"), coerce=int, validators=[InputRequired()])
