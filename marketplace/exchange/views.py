"""Exchange pages: dashboard, proposals and answers, the exchange page."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.models import utcnow
from ..circles.pages import my_circle
from ..errors import DomainError
from ..extensions import db
from ..skills.models import Skill
from ..web import field_errors, form_status, id_arg, page_arg
from . import services
from .forms import ActionForm, FrameworkForm, ObjectiveForm, ProposalForm, ReasonForm
from .pages import SECTIONS, dashboard_context, exchange_context

bp = Blueprint("exchange", __name__)


@bp.record_once
def _register_labels(state):
    from . import labels

    labels.init_app(state.app)


@bp.route("/dashboard")
@login_required
def dashboard():
    """The member's home: what waits on them, next meetings, their exchanges (each section paged)."""
    pages = {name: page_arg(name) for name in SECTIONS}
    return render_template("exchange/dashboard.html", **dashboard_context(current_user, utcnow(), pages),
                           circle=my_circle(current_user))


@bp.route("/exchanges/new", methods=["GET", "POST"])
@login_required
def propose():
    """Propose an exchange to another member (one direction or a two-way swap)."""
    partner = services.proposal_partner(current_user, id_arg("member"))
    form = ProposalForm()
    form.their_offer.choices = [(0, _("Nothing"))] + [(s.id, s.title) for s in partner.offers]
    form.my_offer.choices = [(0, _("Nothing"))] + [(s.id, s.title) for s in current_user.offers]
    if request.method == "GET":
        form.their_offer.data = id_arg("their_offer") or 0
        form.my_offer.data = id_arg("my_offer") or 0
    if form.validate_on_submit():
        try:
            exchange = services.propose_exchange(
                current_user, partner, their_offer=db.session.get(Skill, form.their_offer.data or 0),
                my_offer=db.session.get(Skill, form.my_offer.data or 0), objectives=form.objective_list(),
                message=form.message.data, **form.framework())
        except services.DuplicateProposal as error:
            db.session.rollback()
            return render_template("exchange/propose.html", form=form, partner=partner,
                                   duplicate=error.existing), error.status_code
        except DomainError as error:
            db.session.rollback()
            form.objectives.errors = [*form.objectives.errors, error.message]
        else:
            db.session.commit()
            flash(_("Proposal sent to %(name)s.", name=partner.display_name), "success")
            return redirect(url_for("exchange.show", exchange_id=exchange.id))
    return render_template("exchange/propose.html", form=form, partner=partner), form_status(form)


@bp.route("/exchanges/<int:exchange_id>")
@login_required
def show(exchange_id):
    """The exchange page, as this participant sees it."""
    exchange = services.get_exchange(current_user, exchange_id)
    return render_template("exchange/show.html", **exchange_context(exchange, current_user))


@bp.post("/exchanges/<int:exchange_id>/accept")
@login_required
def accept(exchange_id):
    """Accept the proposal that waits for my answer."""
    return act(exchange_id, ActionForm(), lambda e, f: services.accept_exchange(e, current_user),
               _("Exchange accepted. Schedule your first meeting!"))


@bp.post("/exchanges/<int:exchange_id>/decline")
@login_required
def decline(exchange_id):
    """Decline the proposal that waits for my answer."""
    return act(exchange_id, ReasonForm(), lambda e, f: services.decline_exchange(e, current_user, f.reason.data),
               _("Proposal declined."))


@bp.post("/exchanges/<int:exchange_id>/withdraw")
@login_required
def withdraw(exchange_id):
    """Take back my pending proposal."""
    return act(exchange_id, ActionForm(), lambda e, f: services.withdraw_exchange(e, current_user),
               _("Proposal withdrawn."))


@bp.post("/exchanges/<int:exchange_id>/complete")
@login_required
def complete(exchange_id):
    """Mark an active exchange completed (its future meetings are cancelled)."""
    return act(exchange_id, ActionForm(), lambda e, f: services.complete_exchange(e, current_user),
               _("Exchange completed. Please fill in the short questionnaire."))


@bp.post("/exchanges/<int:exchange_id>/cancel")
@login_required
def cancel(exchange_id):
    """Cancel an active exchange (its future meetings are cancelled)."""
    return act(exchange_id, ReasonForm(), lambda e, f: services.cancel_exchange(e, current_user, f.reason.data),
               _("Exchange cancelled."))


@bp.post("/exchanges/<int:exchange_id>/objectives/<int:objective_id>")
@login_required
def objective(exchange_id, objective_id):
    """Move an objective to do / in progress / done."""
    return act(exchange_id, ObjectiveForm(),
               lambda e, f: services.set_objective_status(e, current_user, objective_id, f.status.data),
               _("Objective updated."))


@bp.route("/exchanges/<int:exchange_id>/counter", methods=["GET", "POST"])
@login_required
def counter(exchange_id):
    """Suggest other terms for a proposal that waits for my answer."""
    exchange = services.get_exchange(current_user, exchange_id)
    services.check_can_counter(exchange, current_user)
    form = FrameworkForm(obj=exchange)
    if request.method == "GET":
        form.objectives.data = "\n".join(o.title for o in exchange.objectives)
        form.message.data = ""
    if form.validate_on_submit():
        try:
            services.counter_propose(exchange, current_user, objectives=form.objective_list(),
                                     message=form.message.data, **form.framework())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            return render_template("exchange/counter.html", form=form, exchange=exchange), error.status_code
        db.session.commit()
        flash(_("Your changes were sent."), "success")
        return redirect(url_for("exchange.show", exchange_id=exchange.id))
    return render_template("exchange/counter.html", form=form, exchange=exchange), form_status(form)


def act(exchange_id, form, action, success):
    """Run one service on a participant's exchange: commit and redirect, or show why not."""
    exchange = services.get_exchange(current_user, exchange_id)
    if not form.validate_on_submit():
        db.session.rollback()
        flash(_("Please check the form: %(errors)s", errors=field_errors(form)), "error")
        return _show_with_status(exchange, 422)
    try:
        action(exchange, form)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _show_with_status(services.get_exchange(current_user, exchange_id), error.status_code)
    db.session.commit()
    flash(success, "success")
    return redirect(url_for("exchange.show", exchange_id=exchange_id))


def _show_with_status(exchange, status):
    return render_template("exchange/show.html", **exchange_context(exchange, current_user)), status

