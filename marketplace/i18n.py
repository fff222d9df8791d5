"""Interface language and time zone of the current request."""

from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Domain, get_locale
from jinja2 import pass_context
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


def to_local(moment, zone):
    """A stored naive UTC time as an aware datetime in the given zone.

    Never fails on stored data: a time the zone cannot represent (year 9999 east of UTC)
    or an unknown zone comes back in UTC."""
    from datetime import timezone as utc_zone
    from zoneinfo import ZoneInfo

    utc = moment.replace(tzinfo=utc_zone.utc)
    try:
        return utc.astimezone(ZoneInfo(zone))
    except (OverflowError, ValueError, KeyError):
        return utc


def zone_name(moment):
    """The zone an aware local time is shown in, as members chose it ("Europe/Paris")."""
    return getattr(moment.tzinfo, "key", None) or "UTC"


def clock(local):
    """An aware local time as the reader's locale writes a short time ("16:00", "4:00 PM")."""
    from babel.dates import format_time

    return format_time(local, "short", locale=str(get_locale() or "en"))


def meeting_time(moment, zone=None):
    """A stored UTC time as the reader reads it: full date, short time and the zone, in the
    reader's own time zone unless another is given ("Thursday 26 November 2026, 10:00 (Europe/Paris)")."""
    return _in_zone(moment, zone, "full")


def short_datetime(moment, zone=None):
    """Like meeting_time with a short date, for lists ("26 Nov 2026, 10:00 (Europe/Paris)")."""
    return _in_zone(moment, zone, "medium")


def _in_zone(moment, zone, date_format):
    from babel.dates import format_date
    from flask_babel import get_timezone

    local = to_local(moment, zone or str(get_timezone() or "UTC"))  # Flask-Babel's zone is a pytz one
    return f"{format_date(local, date_format, locale=str(get_locale() or 'en'))}, {clock(local)} ({zone_name(local)})"


class RequestDomain(Domain):
    """Flask-Babel's message domain, with the request's catalogue looked up once per request
    and kept in Flask-Babel's per-request state, which `flask_babel.refresh()` and
    `force_locale` clear. (Flask-Babel looks it up again for every string: a third of the
    time of a matches page went there.)"""

    def get_translations(self):
        """The catalogue of the current language."""
        if not has_app_context():
            return super().get_translations()
        translations = getattr(g.get("_flask_babel"), "babel_translations", None)
        if translations is None:
            translations = super().get_translations()  # creates g._flask_babel
            g._flask_babel.babel_translations = translations
        return translations


def init_app(app, babel):
    """Date filters, and strings translated through `RequestDomain` (the templates' straight
    to it, without Flask-Babel's lookups of the domain)."""
    domain = babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: domain.get_translations().ugettext(s),
        ngettext=lambda s, p, n: domain.get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: domain.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: domain.get_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.add_template_filter(meeting_time)
    app.add_template_filter(short_datetime)

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "language_names": LANGUAGE_NAMES}


def add_label_filters(app, labels):
    """One template filter per family of a domain's labels: {{ code|<family>_label }}.

    The filters take the template context so Jinja never folds `{{ 'group'|kind_label }}`
    into a constant at compile time, which froze the label in the first visitor's language."""
    for family, words in labels.items():
        app.add_template_filter(pass_context(lambda _context, code, words=words: str(words.get(code, code))),
                                f"{family}_label")
