"""Words shown for the circle's codes, in the reader's language."""

from flask_babel import lazy_gettext as _l

from ..i18n import add_label_filters

LABELS = {
    "circle_status": {"proposed": _l("Waiting for answers"), "formed": _l("Started"), "dissolved": _l("Dissolved"),
                      "expired": _l("Expired")},
}


def init_app(app):
    """One template filter per family: {{ circle.status|circle_status_label }}."""
    add_label_filters(app, LABELS)
