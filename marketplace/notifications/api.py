"""/api/v1 operations of notifications: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("notifications_api", __name__, url_prefix="/api/v1", description="My notifications.")
