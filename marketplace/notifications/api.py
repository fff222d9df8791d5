"""/api/v1 operations of notifications: the same services as the notification centre
(notifications/views.py). Reading the list marks nothing read: opening one, or marking all
read, does."""

from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.schemas import PageArgs
from ..extensions import db
from . import services
from .models import Notification
from .schemas import NotificationSchema, NotificationsPageSchema, UnreadSchema

bp = ApiBlueprint("notifications_api", __name__, url_prefix="/api/v1", description="My notifications.")


@bp.get("/notifications")
@api_login_required
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, NotificationsPageSchema, headers=PAGED)
@bp.errors(401)
def notifications(page):
    """My notifications, newest first (ties by id), a page at a time as in the notification
    centre, and how many are unread. Nothing is marked read."""
    rows, more = services.notification_page(current_user, page)
    return paged(page, services.notification_count(current_user), services.NOTIFICATIONS_PER_PAGE,
                 has_more=more, unread=services.unread_count(current_user), notifications=rows)


@bp.post("/notifications/read")
@api_login_required
@bp.response(200, UnreadSchema)
@bp.errors(401, 403)
def read_all():
    """Mark all my notifications read, as the centre's button does."""
    services.mark_all_read(current_user)
    db.session.commit()
    return {"unread": services.unread_count(current_user)}


@bp.post("/notifications/<int:notification_id>/open")
@api_login_required
@bp.response(200, NotificationSchema)
@bp.errors(401, 403, 404)
def open_(notification_id):
    """Open one of my notifications, as following it in the centre does: it is marked read.
    Answers it, with the page it leads to (someone else's does not exist)."""
    target = services.open_notification(current_user, notification_id)
    db.session.commit()
    notification = db.session.get(Notification, notification_id)
    row = (notification, services.describe(notification), target)  # as notification_page's rows
    return row, 200
