"""Words shown for the exchange's codes, in the reader's language."""

from flask_babel import lazy_gettext as _l

from ..i18n import add_label_filters

LABELS = {
    "kind": {"classic": _l("Classic mentoring"), "reverse": _l("Reverse mentoring"), "peer": _l("Peer exchange"),
             "swap": _l("Two-way swap"), "group": _l("Group cohort"),
             "circle": _l("Exchange circle")},
    "status": {"proposed": _l("Proposed"), "active": _l("Active"), "completed": _l("Completed"),
               "declined": _l("Declined"), "withdrawn": _l("Withdrawn"), "cancelled": _l("Cancelled"),
               "expired": _l("Expired")},
    "role": {"mentor": _l("mentor"), "mentee": _l("mentee"), "both": _l("mentor and mentee")},
    "objective": {"todo": _l("To do"), "in_progress": _l("In progress"), "done": _l("Done")},
    "frequency": {"weekly": _l("Weekly"), "fortnightly": _l("Every two weeks"), "monthly": _l("Monthly")},
    "channel": {"video": _l("Video call"), "in_person": _l("In person")},
    "meeting_status": {"planned": _l("Planned"), "held": _l("Held"), "cancelled": _l("Cancelled")},
}


def init_app(app):
    """One template filter per family: {{ exchange.kind|kind_label }}."""
    add_label_filters(app, LABELS)
