"""/api/v1 operations of meetings: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("meetings_api", __name__, url_prefix="/api/v1", description="The meetings of my exchanges.")
