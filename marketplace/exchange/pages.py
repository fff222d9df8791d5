"""What the exchange pages show a given member: computed here, not in templates."""

from datetime import timedelta, timezone

from flask import url_for

from ..accounts.models import utcnow
from ..extensions import db
from ..i18n import clock, to_local
from ..security import external_url
from .feedback import answers_of, evaluation_of
from .forms import (
    ActionForm, AgendaForm, FeedbackForm, MeetingForm, NoteForm, ObjectiveForm, ReasonForm, evaluation_form,
)
from .history import proposal_history
from .meetings import NIGHT_HOURS, is_night, visible_notes
from .queries import (
    agendas_due, evaluations_due, exchanges_in_section, feedback_due, load_exchange_page, load_summaries,
    proposals_awaiting, upcoming_meetings_of,
)
from .services import moves_of, shown_status


def exchange_context(exchange, viewer, now=None):
    """Everything the exchange page shows this participant (never the other's private notes).

    Every meeting of the exchange is listed, not a page of them: they are the exchange's own
    record, a few dozen at most (its framework plans 1 to 52), and `load_exchange_page` loads
    them with their agenda, notes and feedback in a fixed number of statements."""
    load_exchange_page(exchange)
    learns = exchange.is_learner(viewer)
    zones = other_zones(exchange, viewer)
    meeting_rows = [meeting_row(meeting, viewer, zones) for meeting in exchange.meetings]
    meeting_form = MeetingForm(formdata=None, minutes=exchange.meeting_minutes, place=exchange.place)
    evaluation = evaluation_of(exchange, viewer) if exchange.status == "completed" else None
    status = shown_status(exchange, now)
    moves = moves_of(exchange, viewer, now)
    return {
        "exchange": exchange,
        "status": status,
        "viewer": viewer,
        "other": exchange.other(viewer),
        "role": exchange.role_of(viewer),
        "can_run": exchange.is_run_by(viewer),
        "learns": learns,
        "meetings": meeting_rows,
        "held_count": sum(1 for m in exchange.meetings if m.status == "held"),
        "waiting_on_me": "accept" in moves,
        "can_withdraw": "withdraw" in moves,
        "action_form": ActionForm(formdata=None),
        "reason_form": ReasonForm(formdata=None),
        "objective_form": ObjectiveForm(formdata=None),
        "meeting_form": meeting_form,
        "agenda_form": AgendaForm(formdata=None),
        "note_form": NoteForm(formdata=None),
        "feedback_form": FeedbackForm(formdata=None),
        "evaluation_form": evaluation_form() if exchange.status == "completed" and evaluation is None else None,
        "evaluation_done": evaluation is not None,
        "my_answers": answers_of(evaluation),
        "zone_hints": zone_hints(zones, viewer, now or utcnow()),
        "history": proposal_history(exchange),
        "calendar_url": url_for("meetings.exchange_calendar", exchange_id=exchange.id),
    }


def meeting_row(meeting, viewer, zones):
    """A meeting as the exchange page (and the API) shows it to the viewer: its start on their
    clock and on the others' (zones: other_zones()), flagged where it falls in the night, the
    notes they may read and their own feedback."""
    return {
        "meeting": meeting,
        "local_start": to_local(meeting.starts_at, viewer.timezone),
        "elsewhere": [(zone, names, is_night(meeting.starts_at, zone)) for zone, names in zones],
        "notes": visible_notes(meeting, viewer),
        "my_feedback": next((f for f in meeting.feedback if f.author_id == viewer.id), None),
    }


def other_zones(exchange, viewer):
    """The other participants' time zones that differ from the viewer's: [(zone, names)]."""
    by_zone = {}
    for person in exchange.others(viewer):
        if person.timezone != viewer.timezone and person.deleted_at is None:
            by_zone.setdefault(person.timezone, []).append(person.display_name)
    return sorted(by_zone.items())


def zone_hints(zones, viewer, now):
    """For the scheduling form: each other zone's time now, and its waking day in my time."""
    hints = []
    start_hour, end_hour = NIGHT_HOURS[1], NIGHT_HOURS[0]
    for zone, names in zones:
        there = to_local(now, zone)
        day = [there.replace(hour=hour, minute=0, second=0, microsecond=0) for hour in (start_hour, end_hour)]
        mine = [to_local(moment.astimezone(timezone.utc).replace(tzinfo=None), viewer.timezone) for moment in day]
        hints.append({"zone": zone, "names": names, "now": clock(there),
                      "day_start": clock(mine[0]), "day_end": clock(mine[1])})
    return hints


# The dashboard costs the same for a member with years of history as for a newcomer: each
# list on it is bounded, and what it shows is loaded in a fixed number of statements.
WAITING_LIMIT = 10  # "Waiting on you", most pressing first; the next ones come up as these are done
UPCOMING_LIMIT = 5  # next meetings
EXCHANGES_PER_PAGE = 10  # per section (active, proposals, past), each paged on its own
SECTIONS = ("active", "pending", "closed")  # also the query-string names of their page numbers
AGENDA_NOTICE = timedelta(days=7)  # a learner is asked for the agenda of meetings this close


def dashboard_context(member, now, pages=None):
    """The member's home: what waits on them, next meetings, their exchanges.

    Bounded whatever the member's history: at most WAITING_LIMIT things to do (answers first,
    then agendas, ratings, questionnaires; "more" says others wait behind them), the next
    UPCOMING_LIMIT meetings, and EXCHANGES_PER_PAGE exchanges per section, each section paged
    on its own (`?active=2`, `?pending=2`, `?closed=2`, from `pages`).
    """
    pages = {name: (pages or {}).get(name) or 1 for name in SECTIONS}
    sections = {name: _section(exchanges_in_section(member, name, now), pages[name]) for name in SECTIONS}
    upcoming = db.session.scalars(upcoming_meetings_of(member, now).limit(UPCOMING_LIMIT)).all()
    todo, todo_more = _waiting_on(member, now)
    shown = {e.id for items, _ in sections.values() for e in items} | {m.exchange_id for m in upcoming}
    shown |= {exchange.id if exchange else meeting.exchange_id for _, exchange, meeting in todo}
    exchanges = load_summaries(shown)  # meeting.exchange is then found without a query
    return {
        "member": member,
        **{name: items for name, (items, _) in sections.items()},
        "pagers": {name: _pager(name, pages, more) for name, (_, more) in sections.items()},
        "statuses": {exchange_id: shown_status(e, now) for exchange_id, e in exchanges.items()},
        "upcoming": upcoming,
        "todo": [(what, exchange or exchanges[meeting.exchange_id], meeting) for what, exchange, meeting in todo],
        "todo_more": todo_more,
        "feed_url": external_url("meetings.feed", token=member.calendar_token),
        "rotate_form": ActionForm(formdata=None),
    }


def _section(query, page):
    """One page of a dashboard section: (exchanges, whether older ones follow)."""
    rows = db.session.scalars(query.offset((page - 1) * EXCHANGES_PER_PAGE).limit(EXCHANGES_PER_PAGE + 1)).all()
    return rows[:EXCHANGES_PER_PAGE], len(rows) > EXCHANGES_PER_PAGE


def _pager(name, pages, more):
    """Links to a section's previous and next page, the other sections staying where they are."""
    def at(number):
        return url_for("exchange.dashboard", **{k: v for k, v in {**pages, name: number}.items() if v > 1})

    return {"previous": at(pages[name] - 1) if pages[name] > 1 else None, "next": at(pages[name] + 1) if more else None}


def _waiting_on(member, now):
    """What waits on the member, most pressing first: [(what, exchange or None, meeting or None)]
    (at most WAITING_LIMIT), and whether more waits behind them."""
    fetch = WAITING_LIMIT + 1
    items = [("answer", e, None) for e in db.session.scalars(proposals_awaiting(member, now).limit(fetch))]
    items += [("agenda", None, m) for m in db.session.scalars(agendas_due(member, now, AGENDA_NOTICE).limit(fetch))]
    items += [("feedback", None, m) for m in db.session.scalars(feedback_due(member).limit(fetch))]
    items += [("evaluate", e, None) for e in db.session.scalars(evaluations_due(member).limit(fetch))]
    return items[:WAITING_LIMIT], len(items) > WAITING_LIMIT
