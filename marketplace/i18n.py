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


def init_app(app):
    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "language_names": LANGUAGE_NAMES}
