"""The history of a proposal: who proposed which terms, when, and what each answer changed."""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..extensions import db
from .labels import LABELS
from .models import ProposalRevision

# The terms a counter-proposal can change, in the order a reader compares them.
TERMS = (
    ("objectives", _l("Objectives")),
    ("frequency", _l("How often")),
    ("planned_meetings", _l("Planned meetings")),
    ("meeting_minutes", _l("Meeting length (minutes)")),
    ("channel", _l("Where")),
    ("place", _l("Place or video link")),
    ("ground_rules", _l("Ground rules")),
    ("start_date", _l("Start date")),
)


def current_terms(exchange):
    """The exchange's framework and objectives as plain, JSON-ready values."""
    terms = {name: getattr(exchange, name) for name, _ in TERMS if name != "objectives"}
    terms["start_date"] = terms["start_date"].isoformat() if terms["start_date"] else None
    terms["objectives"] = [objective.title for objective in exchange.objectives]
    return terms


def record_revision(exchange, author, message, now):
    """Keep this version of the terms, with its author's message."""
    revision = ProposalRevision(exchange_id=exchange.id, author_id=author.id, message=message or "",
                                terms=current_terms(exchange), created_at=now)
    db.session.add(revision)
    db.session.flush()
    return revision


def proposal_history(exchange):
    """Each version of the proposal, oldest first: {revision, changes: [(label, before, after)]}.

    The first version has no changes; each later one lists what it changed from the one before."""
    history, previous = [], None
    for revision in exchange.revisions:
        changes = [] if previous is None else _changes(previous.terms, revision.terms)
        history.append({"revision": revision, "changes": changes, "first": previous is None})
        previous = revision
    return history


def _changes(before, after):
    changes = []
    for name, label in TERMS:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name == "objectives":
            added = [title for title in new or [] if title not in (old or [])]
            removed = [title for title in old or [] if title not in (new or [])]
            if not added and not removed:  # only the order changed
                continue
            changes.append((label, " · ".join(removed) or "—", " · ".join(added) or "—"))
        else:
            changes.append((label, _shown(name, old), _shown(name, new)))
    return changes


def _shown(name, value):
    if value in (None, ""):
        return "—"
    if name == "frequency":
        return str(LABELS["frequency"].get(value, value))
    if name == "channel":
        return str(LABELS["channel"].get(value, value))
    if name == "start_date":
        return format_date(date.fromisoformat(value), "long")
    return str(value)
