"""/api/v1 operations of exchange circles: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("circles_api", __name__, url_prefix="/api/v1", description="Exchange circles of two and three.")
