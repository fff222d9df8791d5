"""JSON endpoints of /api/v1: each validates its arguments with a schema, calls the service the
page calls, and answers with a schema (documented in the OpenAPI document)."""

from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import access_tokens
from ..skills import matching, search
from ..skills.matching import MatchFilters
from .openapi import ApiBlueprint
from .pagination import LINK_DESCRIPTION, link_header, page_info
from .problems import problem
from .schemas import MatchesArgs, MatchesPageSchema, MembersArgs, MembersPageSchema

bp = ApiBlueprint("api", __name__, url_prefix="/api/v1", description="The marketplace, for a signed-in member.")
PAGED = {"Link": {"description": LINK_DESCRIPTION, "schema": {"type": "string"}}}


def api_login_required(view):
    """A 401 problem instead of a redirect to the sign-in page (signed in by the session
    cookie, or by a personal access token in `Authorization: Bearer`); a 403 problem when the
    token's scope does not allow the method."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return problem(401, _("Sign in first, or send a personal access token."),
                           headers={"WWW-Authenticate": 'Bearer realm="api"'})
        token = g.get("api_token")
        if token is not None and not access_tokens.may(token, request.method):
            return problem(403, _("This token may only read."))
        return view(*args, **kwargs)

    return wrapped


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
