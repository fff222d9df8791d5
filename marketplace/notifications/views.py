"""The notification centre and the unread count in the header."""

from flask import Blueprint, abort, g, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..extensions import db
from ..exchange.forms import ActionForm
from ..web import page_arg
from . import services

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def unread_notifications():
    """Counted once per request, whatever the number of templates rendered."""
    if not current_user.is_authenticated:
        return {"unread_count": 0}
    if "unread_count" not in g:
        g.unread_count = services.unread_count(current_user)
    return {"unread_count": g.unread_count}


@bp.route("/notifications")
@login_required
def index():
    """The member's notifications, newest first, a page at a time."""
    page = page_arg()
    rows, more = services.notification_page(current_user, page)
    return render_template("notifications/index.html", rows=rows, page=page, more=more,
                           form=ActionForm(formdata=None))


@bp.post("/notifications/<int:notification_id>/open")
@login_required
def open_(notification_id):
    """Follow a notification: it is marked read, then its link opens."""
    if not ActionForm().validate_on_submit():
        abort(400)
    target = services.open_notification(current_user, notification_id)
    db.session.commit()
    return redirect(target)


@bp.post("/notifications/read")
@login_required
def mark_read():
    """Mark every notification read."""
    if ActionForm().validate_on_submit():
        services.mark_all_read(current_user)
        db.session.commit()
    return redirect(url_for("notifications.index"))
