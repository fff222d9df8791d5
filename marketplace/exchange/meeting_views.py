"""Meeting pages and calendar files."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import services as accounts
from ..accounts.models import User
from ..extensions import db
from ..i18n import meeting_time
from ..security import public_host
from . import feedback, meetings, services
from .calendar import calendar_response, meetings_calendar
from .forms import ActionForm, AgendaForm, FeedbackForm, MeetingForm, NoteForm, evaluation_form
from .queries import meetings_of
from .views import act

bp = Blueprint("meetings", __name__)


@bp.post("/exchanges/<int:exchange_id>/meetings")
@login_required
def schedule(exchange_id):
    """Plan a meeting (both members of a one-to-one exchange; the mentor of a cohort)."""
    return act(exchange_id, MeetingForm(), lambda e, f: _warn_if_night(e, meetings.schedule_meeting(
        e, current_user, f.starts_at.data, f.minutes.data, f.place.data)), _("Meeting scheduled."))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/reschedule")
@login_required
def reschedule(exchange_id, meeting_id):
    """Move a planned meeting; the others are told and their calendars updated."""
    return act(exchange_id, MeetingForm(), lambda e, f: _warn_if_night(e, meetings.reschedule_meeting(
        e, current_user, meeting_id, f.starts_at.data, f.minutes.data, f.place.data)), _("Meeting moved."))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/cancel")
@login_required
def cancel(exchange_id, meeting_id):
    """Cancel a planned meeting (the mentor, for a cohort)."""
    return act(exchange_id, ActionForm(), lambda e, f: meetings.cancel_meeting(e, current_user, meeting_id),
               _("Meeting cancelled."))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/hold")
@login_required
def hold(exchange_id, meeting_id):
    """Mark a meeting held once it has started (the mentor, for a cohort)."""
    return act(exchange_id, ActionForm(), lambda e, f: meetings.hold_meeting(e, current_user, meeting_id),
               _("Meeting marked as held. How did it go?"))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/agenda")
@login_required
def agenda(exchange_id, meeting_id):
    """A learner adds a topic to a planned meeting's agenda."""
    return act(exchange_id, AgendaForm(), lambda e, f: meetings.add_agenda_topic(
        e, current_user, meeting_id, f.text.data), _("Topic added to the agenda."))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/notes")
@login_required
def note(exchange_id, meeting_id):
    """Add a shared or private note to a meeting."""
    return act(exchange_id, NoteForm(), lambda e, f: meetings.add_note(
        e, current_user, meeting_id, f.text.data, f.private.data), _("Note saved."))


@bp.post("/exchanges/<int:exchange_id>/meetings/<int:meeting_id>/feedback")
@login_required
def rate(exchange_id, meeting_id):
    """Rate a held meeting from 1 to 5."""
    return act(exchange_id, FeedbackForm(), lambda e, f: feedback.give_meeting_feedback(
        e, current_user, meeting_id, f.rating.data, f.comment.data), _("Thank you for your feedback."))


@bp.post("/exchanges/<int:exchange_id>/evaluation")
@login_required
def evaluate(exchange_id):
    """Answer the end-of-exchange questionnaire."""
    form = evaluation_form(request.form)
    return act(exchange_id, form, lambda e, f: feedback.submit_evaluation(
        e, current_user, {q["key"]: getattr(f, q["key"]).data for q in feedback.QUESTIONS}),
        _("Thank you: your evaluation is recorded."))


@bp.route("/exchanges/<int:exchange_id>/calendar.ics")
@login_required
def exchange_calendar(exchange_id):
    """The exchange's meetings as an .ics file."""
    exchange = services.get_exchange(current_user, exchange_id)
    body = meetings_calendar(exchange.meetings, "Passerelle", host=public_host())
    return calendar_response(body, f"passerelle-exchange-{exchange.id}.ics")


@bp.route("/calendar/<token>.ics")
def feed(token):
    """A member's personal feed; the secret token in the address is the only key."""
    member = db.session.scalar(db.select(User).filter_by(calendar_token=token)) if len(token) >= 32 else None
    if member is None:
        abort(404)
    body = meetings_calendar(db.session.scalars(meetings_of(member)).all(), "Passerelle", host=public_host())
    return calendar_response(body, "passerelle.ics")


@bp.post("/calendar/rotate")
@login_required
def rotate_feed():
    """Give my calendar feed a new secret address."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    accounts.rotate_calendar_token(current_user)
    db.session.commit()
    flash(_("Your calendar address changed; the old one no longer works."), "success")
    return redirect(url_for("exchange.dashboard"))


def _warn_if_night(exchange, meeting):
    """Tell the member who planned it when the meeting falls in someone else's night."""
    sleepers = meetings.night_for(exchange, current_user, meeting)
    if sleepers:
        flash(_("Careful: this is during the night for %(names)s (%(when)s).",
                names=", ".join(p.display_name for p in sleepers),
                when=meeting_time(meeting.starts_at, sleepers[0].timezone)), "warning")
    return meeting
