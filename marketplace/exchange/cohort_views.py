"""Cohort pages: find, open, join, leave, manage seats."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import DomainError
from ..extensions import db
from ..skills.models import Skill
from ..web import form_status
from . import cohorts
from .forms import ActionForm, CohortForm

bp = Blueprint("cohorts", __name__)


@bp.route("/cohorts")
@login_required
def index():
    """Cohorts matching my needs, and every open cohort."""
    return render_template("exchange/cohorts.html", matching=cohorts.cohorts_for(current_user),
                           open_cohorts=cohorts.open_cohorts_page(1))


@bp.route("/cohorts/new", methods=["GET", "POST"])
@login_required
def new():
    """Open a cohort on one of my offers."""
    form = CohortForm()
    form.offer.choices = [(s.id, s.title) for s in current_user.offers]
    if form.validate_on_submit():
        try:
            cohort = cohorts.open_cohort(
                current_user, db.session.get(Skill, form.offer.data), form.title.data, form.capacity.data,
                language=form.language.data, description=form.description.data,
                objectives=form.objective_list(), **form.framework())
        except DomainError as error:
            db.session.rollback()
            form.title.errors = [*form.title.errors, error.message]
        else:
            db.session.commit()
            flash(_("Your cohort is open."), "success")
            return redirect(url_for("cohorts.show", cohort_id=cohort.id))
    return render_template("exchange/cohort_new.html", form=form), form_status(form)


@bp.route("/cohorts/<int:cohort_id>")
@login_required
def show(cohort_id):
    """A cohort's page: seats, waitlist, and the mentor's controls."""
    cohort = cohorts.get_cohort(cohort_id)
    return render_template("exchange/cohort.html", cohort=cohort, seat=cohort.seat_of(current_user),
                           form=ActionForm(formdata=None))


@bp.post("/cohorts/<int:cohort_id>/join")
@login_required
def join(cohort_id):
    """Take a seat, or a place on the waitlist."""
    def run(cohort):
        seat = cohorts.join_cohort(cohort, current_user)
        return _("You have a seat!") if seat.status == "seated" else \
            _("The cohort is full: you are on the waitlist and will be told when a seat frees up.")
    return _act(cohort_id, run)


@bp.post("/cohorts/<int:cohort_id>/leave")
@login_required
def leave(cohort_id):
    """Give up my seat or waitlist place."""
    return _act(cohort_id, lambda c: cohorts.leave_cohort(c, current_user) or _("You left the cohort."))


@bp.post("/cohorts/<int:cohort_id>/participants/<int:member_id>/remove")
@login_required
def remove(cohort_id, member_id):
    """The mentor removes a participant."""
    return _act(cohort_id, lambda c: cohorts.remove_participant(c, current_user, member_id)
                or _("Participant removed."))


@bp.post("/cohorts/<int:cohort_id>/enrolment/<any(open, close):state>")
@login_required
def enrolment(cohort_id, state):
    """The mentor opens or closes enrolment."""
    return _act(cohort_id, lambda c: cohorts.set_enrolment(c, current_user, state == "open")
                or _("Enrolment updated."))


def _act(cohort_id, action):
    """Run one seat change: commit and come back, or say why not (with its status)."""
    cohort = cohorts.get_cohort(cohort_id)
    if not ActionForm().validate_on_submit():
        return render_template("errors/error.html", code=400, message=_("The form expired.")), 400
    try:
        message = action(cohort)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        cohort = cohorts.get_cohort(cohort_id)
        return render_template("exchange/cohort.html", cohort=cohort, seat=cohort.seat_of(current_user),
                               form=ActionForm(formdata=None)), error.status_code
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cohorts.show", cohort_id=cohort_id))
