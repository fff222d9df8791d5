"""/api/v1 operations of cohorts: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("cohorts_api", __name__, url_prefix="/api/v1", description="Group cohorts.")
