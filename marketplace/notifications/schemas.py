"""The API's schemas of my notifications, as the notification centre shows them."""

import marshmallow as ma
from marshmallow import fields

from ..api.schemas import Instant, PageSchema
from .services import MESSAGES


class NotificationSchema(ma.Schema):
    """A notification: its sentence in my language, the page it leads to, and what it is about."""

    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=ma.validate.OneOf(tuple(MESSAGES)))
    text = fields.String(required=True, metadata={"description": "The sentence the notification centre shows."})
    link = fields.String(required=True, metadata={"description": "The page it leads to (a path on this site)."})
    created_at = Instant(required=True)
    read_at = Instant(required=True, allow_none=True)
    exchange_id = fields.Integer(required=True, allow_none=True)
    meeting_id = fields.Integer(required=True, allow_none=True)
    programme_id = fields.Integer(required=True, allow_none=True)
    circle_id = fields.Integer(required=True, allow_none=True)

    @ma.pre_dump
    def unpack(self, row, **kwargs):
        """A (notification, text, link) row of the services as one mapping."""
        notification, text, link = row
        return {**{name: getattr(notification, name) for name in self.fields if hasattr(notification, name)},
                "text": text, "link": link}


class UnreadSchema(ma.Schema):
    """How many of my notifications are unread (the number the site's header shows)."""

    unread = fields.Integer(required=True)


class NotificationsPageSchema(PageSchema, UnreadSchema):
    """A page of my notifications, newest first (ties by id), and how many are unread."""

    notifications = fields.List(fields.Nested(NotificationSchema), required=True)
