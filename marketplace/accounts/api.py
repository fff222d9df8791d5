"""/api/v1 operations of members and my profile: the same services as accounts/views.py."""

from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, link_header
from ..api.schemas import MembersArgs, MembersPageSchema
from ..skills import search

bp = ApiBlueprint("accounts_api", __name__, url_prefix="/api/v1", description="My profile and the members.")


@bp.get("/members")
@api_login_required
@bp.arguments(MembersArgs, location="query", as_kwargs=True)
@bp.response(200, MembersPageSchema, headers=PAGED)
@bp.errors(401)
def members(q, page):
    """Members found by name, by the words of their offers and by meaning, merged into one list
    as on the members page (best first, then by name and id)."""
    hits, total, pages = search.search_page(q, current_user.id, page)
    headers = {"Link": link_header({"q": q}, page, pages)}
    return {"page": page, "pages": pages, "total": total, "has_more": page < pages, "q": q, "members": hits}, headers
