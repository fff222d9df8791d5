"""Circle pages: a member's circle, their answer; a programme manager's run."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..errors import DomainError
from ..exchange.forms import ActionForm
from ..extensions import db
from ..programmes.services import get_managed_programme
from . import services
from .runs import run_programme_circles
from .pages import circle_context

bp = Blueprint("circles", __name__)


@bp.record_once
def _register_labels(state):
    from . import labels

    labels.init_app(state.app)


@bp.route("/circles/<int:circle_id>")
@login_required
def show(circle_id):
    """A circle's page: who teaches whom what and why, who has answered, my answer."""
    circle = services.get_circle(current_user, circle_id)
    return _page(circle, 200)


@bp.post("/circles/<int:circle_id>/accept")
@login_required
def accept(circle_id):
    """I accept the circle; the last acceptance starts the exchange."""
    def run(circle):
        exchange = services.accept_circle(circle, current_user)
        if exchange is None:
            return _("You accepted. The circle starts when everyone has."), url_for("circles.show", circle_id=circle.id)
        return _("Everyone accepted: your circle has started."), url_for("exchange.show", exchange_id=exchange.id)
    return _act(circle_id, run)


@bp.post("/circles/<int:circle_id>/decline")
@login_required
def decline(circle_id):
    """I decline the circle: it dissolves and the others are told."""
    def run(circle):
        services.decline_circle(circle, current_user)
        return _("You declined: the circle is dissolved and will not be proposed again."), \
            url_for("circles.show", circle_id=circle.id)
    return _act(circle_id, run)


@bp.post("/programmes/<int:programme_id>/circles")
@login_required
def run_in_programme(programme_id):
    """The programme's manager finds and proposes circles among its participants."""
    programme = get_managed_programme(current_user, programme_id)
    back = url_for("programmes.matching", programme_id=programme.id)
    if not ActionForm().validate_on_submit():
        return render_template("errors/error.html", code=400, message=_("The form expired."), back=back), 400
    try:
        run = run_programme_circles(programme, current_user)
    except DomainError as error:
        db.session.rollback()
        return render_template("errors/error.html", code=error.status_code, message=error.message,
                               back=back), error.status_code
    db.session.commit()
    flash(ngettext("%(num)d circle proposed.", "%(num)d circles proposed.", len(run.proposed)), "success")
    return redirect(back)


def _page(circle, status):
    return render_template("circles/show.html", c=circle_context(circle, current_user),
                           form=ActionForm(formdata=None)), status


def _act(circle_id, action):
    """Run one answer: commit and go on, or say why not (with its status)."""
    circle = services.get_circle(current_user, circle_id)
    if not ActionForm().validate_on_submit():
        return render_template("errors/error.html", code=400, message=_("The form expired.")), 400
    try:
        message, target = action(circle)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _page(services.get_circle(current_user, circle_id), error.status_code)
    db.session.commit()
    flash(message, "success")
    return redirect(target)
