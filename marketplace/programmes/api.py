"""/api/v1 operations of programmes: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("programmes_api", __name__, url_prefix="/api/v1", description="HR mentoring programmes.")
