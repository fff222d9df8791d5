"""Skill forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..accounts.forms import MultiCheckboxField, choices
from .models import DESCRIPTION_LENGTH, TITLE_LENGTH

FORMAT_CHOICES = [("one_to_one", _l("One-to-one")), ("group", _l("Group"))]


class SkillForm(FlaskForm):
    title = StringField(
        _l("Skill"), validators=[DataRequired(), Length(min=TITLE_LENGTH[0], max=TITLE_LENGTH[1])]
    )
    description = TextAreaField(_l("Details (optional)"), validators=[Length(max=DESCRIPTION_LENGTH)])
    level = IntegerField(_l("Level (1-5)"), default=3, validators=[InputRequired(), NumberRange(1, 5)])
    formats = MultiCheckboxField(
        _l("Formats"), choices=choices(FORMAT_CHOICES), default=["one_to_one"],
        validators=[DataRequired(message=_l("Choose at least one format."))],
    )

    def skill(self):
        """The submitted skill as plain values for the service."""
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "level": self.level.data,
            "formats": self.formats.data,
        }
