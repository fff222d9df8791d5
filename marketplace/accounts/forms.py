"""Account forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..web import MarketplaceForm
from .models import DEFAULT_TIMEZONE, SPOKEN_LANGUAGES, TOKEN_NAME_LENGTH, TOKEN_SCOPES
from .passwords import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from .services import PROFILE_LENGTHS, time_zones

SENIORITY_CHOICES = [
    ("junior", _l("Junior")),
    ("mid", _l("Mid-level")),
    ("senior", _l("Senior")),
    ("executive", _l("Executive")),
]
LANGUAGE_LABELS = {
    "fr": _l("French"), "en": _l("English"), "es": _l("Spanish"), "de": _l("German"),
    "it": _l("Italian"), "pt": _l("Portuguese"), "nl": _l("Dutch"), "ar": _l("Arabic"),
    "zh": _l("Chinese"), "ja": _l("Japanese"), "ru": _l("Russian"), "pl": _l("Polish"),
    "ro": _l("Romanian"), "tr": _l("Turkish"), "hi": _l("Hindi"),
}


def choices(pairs):
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


INTERFACE_LANGUAGES = [("fr", "Français"), ("en", "English")]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SignupForm(MarketplaceForm):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=80)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    # No preselection: a hurried visitor must say it (an executive was once saved as junior).
    seniority = SelectField(
        _l("Seniority"), choices=[SelectChoice("", _l("Choose…"))] + choices(SENIORITY_CHOICES),
        validators=[DataRequired(message=_l("Please choose your seniority."))],
    )
    # Preselected from the browser by static/js/timezone.js; Europe/Paris without script.
    timezone = SelectField(_l("Time zone"), default=DEFAULT_TIMEZONE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = time_zones()

    def signup(self):
        """The sign-up request as plain values for the service."""
        return {name: getattr(self, name).data for name in ("email", "display_name", "seniority", "timezone")}


class NewPasswordForm(MarketplaceForm):
    """Choosing a password: at sign-up, through a reset link, or when changing it."""

    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH)])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)])


class ResetRequestForm(MarketplaceForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class LoginForm(MarketplaceForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)])
    remember = BooleanField(_l("Keep me signed in"))


class ProfileForm(MarketplaceForm):
    display_name = StringField(_l("Display name"),
                               validators=[DataRequired(), Length(max=PROFILE_LENGTHS["display_name"])])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=PROFILE_LENGTHS["job_title"])])
    seniority = SelectField(_l("Seniority"), choices=choices(SENIORITY_CHOICES))
    department = StringField(_l("Department"), validators=[Optional(), Length(max=PROFILE_LENGTHS["department"])])
    languages = MultiCheckboxField(
        _l("Languages I speak"), choices=choices((code, LANGUAGE_LABELS[code]) for code in SPOKEN_LANGUAGES)
    )
    timezone = SelectField(_l("Time zone"))
    locale = SelectField(_l("Interface language"), choices=choices(INTERFACE_LANGUAGES))
    bio = TextAreaField(_l("About me"), validators=[Optional(), Length(max=PROFILE_LENGTHS["bio"])])
    availability = StringField(_l("Availability"),
                               validators=[Optional(), Length(max=PROFILE_LENGTHS["availability"])])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = time_zones()

    def profile(self):
        """The submitted profile as plain values for the service."""
        return {name: getattr(self, name).data for name in (
            "display_name", "job_title", "seniority", "department", "languages",
            "timezone", "locale", "bio", "availability",
        )}


class LanguageForm(MarketplaceForm):
    locale = SelectField(choices=choices(INTERFACE_LANGUAGES))
    next = StringField()


TOKEN_SCOPE_LABELS = {"read": _l("Read only"), "write": _l("Read and write")}
TOKEN_SCOPE_CHOICES = [(scope, TOKEN_SCOPE_LABELS[scope]) for scope in TOKEN_SCOPES]


class TokenForm(MarketplaceForm):
    """A new personal access token: what uses it, and what it may do."""

    name = StringField(_l("Name (what will use it)"), validators=[DataRequired(), Length(max=TOKEN_NAME_LENGTH)])
    scope = SelectField(_l("Access"), choices=choices(TOKEN_SCOPE_CHOICES), default="read")


class SignOutEverywhereForm(MarketplaceForm):
    """"Sign out of every device", and optionally end the API tokens too."""

    tokens = BooleanField(_l("Also revoke my API tokens"))
