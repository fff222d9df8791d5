"""/api/v1 operations of exchanges: the same services as the pages."""

from ..api.openapi import ApiBlueprint

bp = ApiBlueprint("exchanges_api", __name__, url_prefix="/api/v1", description="My exchanges: proposals, answers and objectives.")
