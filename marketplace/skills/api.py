"""/api/v1 operations of skills and matches: the same services as skills/views.py."""

from flask import current_app
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, link_header, page_info
from ..api.schemas import MatchesArgs, MatchesPageSchema
from . import matching
from .matching import MatchFilters

bp = ApiBlueprint("skills_api", __name__, url_prefix="/api/v1", description="My offers and needs, and my matches.")


@bp.get("/matches")
@api_login_required
@bp.arguments(MatchesArgs, location="query", as_kwargs=True)
@bp.response(200, MatchesPageSchema, headers=PAGED)
@bp.errors(401)
def matches(view, page, **filters):
    """My matches, as on the matches page: one entry per person, every matching pair inside,
    best first (ties in a fixed order per member, then by id)."""
    found = matching.suggestions_for(current_user, MatchFilters(**{k: v or None for k, v in filters.items()}),
                                     direction=view, page=page)
    paging = page_info(page, found.total, current_app.config["MATCHING_CARDS_PER_PAGE"])
    headers = {"Link": link_header({"view": view, **filters}, page, paging["pages"])}
    return {**paging, "has_more": found.has_more, "view": view, "matches": found.cards}, headers
