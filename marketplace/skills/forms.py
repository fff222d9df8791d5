"""Skill forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..accounts.forms import LANGUAGE_LABELS, MultiCheckboxField, choices
from ..accounts.models import SPOKEN_LANGUAGES
from ..web import MAX_ID, MarketplaceForm, QueryForm
from .matching import MatchFilters
from .models import DESCRIPTION_LENGTH, TITLE_LENGTH
from .services import LEVELS

FORMAT_CHOICES = [("one_to_one", _l("One-to-one")), ("group", _l("Group"))]


class SkillForm(MarketplaceForm):
    """An offer or a need; `add_anyway` confirms a skill close to one the member already has."""

    title = StringField(
        _l("Skill"), validators=[DataRequired(), Length(min=TITLE_LENGTH[0], max=TITLE_LENGTH[1])]
    )
    description = TextAreaField(_l("Details (optional)"), validators=[Length(max=DESCRIPTION_LENGTH)])
    level = IntegerField(_l("Level (1-5)"), default=3, validators=[InputRequired(), NumberRange(*LEVELS)])
    formats = MultiCheckboxField(
        _l("Formats"), choices=choices(FORMAT_CHOICES), default=["one_to_one"],
        validators=[DataRequired(message=_l("Choose at least one format."))],
    )
    add_anyway = BooleanField(_l("Add it anyway"))

    def skill(self):
        """The submitted skill as plain values for the service."""
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "level": self.level.data,
            "formats": self.formats.data,
            "allow_similar": self.add_anyway.data,
        }


class MatchFilterForm(QueryForm):
    """Filters of the matches page (a GET form: no CSRF, nothing changes)."""

    view = SelectField(choices=choices([("learn", _l("What I want to learn")), ("offer", _l("Who could learn from me"))]), default="learn")
    language = SelectField(_l("Speaks"), choices=[], default="")
    department = SelectField(
        _l("Department"), choices=choices([("", _l("Any")), ("same", _l("My department")), ("other", _l("Other departments"))]),
        default="",
    )
    relation = SelectField(
        _l("Relation"),
        choices=choices([("", _l("Any")), ("reverse", _l("Reverse mentoring")), ("classic", _l("Classic mentoring")), ("peer", _l("Peers"))]),
        default="",
    )
    format = SelectField(_l("Format"), choices=choices([("", _l("Any"))] + FORMAT_CHOICES), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = choices([("", _l("Any language"))] + [(c, LANGUAGE_LABELS[c]) for c in SPOKEN_LANGUAGES])

    def filters(self):
        """The chosen filters as the matching service takes them."""
        return MatchFilters(
            language=self.language.data or None, department=self.department.data or None,
            relation=self.relation.data or None, format=self.format.data or None,
        )


class DismissMatchForm(MarketplaceForm):
    """"Not relevant" on a pair: my skill and theirs, and the page to come back to."""

    mine = IntegerField(validators=[InputRequired(), NumberRange(1, MAX_ID)])
    theirs = IntegerField(validators=[InputRequired(), NumberRange(1, MAX_ID)])
    next = HiddenField()
