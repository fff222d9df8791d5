"""Interface language and time zone of the current request."""

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def select_locale():
    """The member's preference, else the switcher's choice, else the browser's."""
    if not has_request_context():
        return None
    supported = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    if session.get("locale") in supported:
        return session["locale"]
    return request.accept_languages.best_match(supported)


def select_timezone():
    """Dates are shown in the member's own time zone."""
    if not has_request_context():
        return None
    if current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return None


def format_in_timezone(moment, timezone, format="medium"):
    """A naive UTC datetime shown in the given time zone and the current locale."""
    from datetime import timezone as utc_zone
    from zoneinfo import ZoneInfo

    from babel.dates import format_datetime

    aware = moment.replace(tzinfo=utc_zone.utc).astimezone(ZoneInfo(timezone))
    return format_datetime(aware, format, tzinfo=ZoneInfo(timezone), locale=str(get_locale() or "en"))


def meeting_time(moment):
    """A stored UTC time as the reader reads it: full date and short time in their zone."""
    from flask_babel import format_date, format_time

    return f"{format_date(moment, 'full')}, {format_time(moment, 'short')}"


def init_app(app):
    app.add_template_filter(meeting_time)

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "language_names": LANGUAGE_NAMES}
