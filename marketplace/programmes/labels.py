"""Words shown for the programme's codes, in the reader's language (one place for forms and pages)."""

from flask_babel import lazy_gettext as _l

from ..i18n import add_label_filters

LABELS = {
    "programme_kind": {
        "classic": _l("Classic: a more senior mentor"),
        "reverse": _l("Reverse: a more junior mentor"),
        "peer": _l("Peer: the same seniority"),
        "group": _l("Group: mentors run cohorts"),
        "mixed": _l("Mixed: any relation"),
    },
    "programme_status": {"enrolment": _l("Enrolment"), "running": _l("Running"), "closed": _l("Closed")},
    "participant_role": {"mentor": _l("Mentor"), "mentee": _l("Mentee"), "either": _l("Either")},
    "participant_status": {"invited": _l("Waiting for the application"), "answered": _l("Application answered"),
                           "removed": _l("Removed")},
    "language_rule": {"required": _l("Shared language required"), "any": _l("Any language")},
    "department_rule": {"required": _l("Other department required"),
                        "preferred": _l("Other department preferred"), "any": _l("Any department")},
    "timezone_rule": {"preferred": _l("Same time-zone band preferred"), "any": _l("Any time zone")},
    "matching_method": {"current": _l("Current pairs, with your changes"),
                        "optimal": _l("Optimal (chosen)"), "greedy": _l("Greedy"), "stable": _l("Stable")},
    # A mentee left without a mentor (assignment.UNMATCHED_REASONS), a mentor with seats left
    # (assignment.VACANCY_REASONS).
    "unmatched_reason": {"no_eligible_mentor": _l("no mentor the programme’s rules admit"),
                         "no_skill_overlap": _l("no skill overlap with the mentors the rules admit"),
                         "mentors_full": _l("every eligible mentor is full"),
                         "mentor_available": _l("an eligible mentor still has a seat (after your changes)"),
                         "no_eligible_mentee": _l("no eligible mentee: the rules, or no skill overlap"),
                         "capacity_left": _l("seats left: the mentees who fit are paired elsewhere"),
                         "mentee_available": _l("seats left, and an eligible mentee is waiting (after your changes)")},
    "pair_state": {"proposed": _l("Proposed"), "locked": _l("Locked")},
}


def choices_of(family, values):
    """(value, label) pairs for a form, in the order of the domain's tuple of choices."""
    return [(value, LABELS[family][value]) for value in values]


def init_app(app):
    """One template filter per family: {{ programme.kind|programme_kind_label }}."""
    add_label_filters(app, LABELS)
