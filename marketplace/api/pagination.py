"""Pages of API lists: where a page sits, and the Link header (RFC 8288) that names the
pages around it. Lists come from services that order them stably (ties broken by id)."""

from flask import request, url_for

LINK_DESCRIPTION = ('Pages around this one (RFC 8288): rel="first", "prev", "next" and "last", '
                    "each this request's URL with another page number.")
PAGED = {"Link": {"description": LINK_DESCRIPTION, "schema": {"type": "string"}}}  # a paged list's headers


def page_info(page, total, per_page):
    """page, pages, total and has_more of a page of a list of total items."""
    pages = max(1, -(-total // per_page))
    return {"page": page, "pages": pages, "total": total, "has_more": page < pages}


def paged(page, total, per_page, args=None, **items):
    """A page of a list as the API answers it: (body, headers). The body holds where the page
    sits (page_info) and items (which may say has_more themselves); the Link header names the
    pages around it, repeating args, the request's arguments."""
    paging = page_info(page, total, per_page)
    return {**paging, **items}, {"Link": link_header(args or {}, page, paging["pages"])}


def link_header(args, page, pages):
    """The Link header of a page: args are the request's validated arguments (only those are
    repeated in the links; empty ones are left out)."""
    kept = {name: value for name, value in args.items() if value not in ("", None) and name != "page"}

    def link(number, rel):
        return f'<{url_for(request.endpoint, **kept, page=number)}>; rel="{rel}"'

    links = [link(1, "first")]
    if page > 1:
        links.append(link(min(page - 1, pages), "prev"))
    if page < pages:
        links.append(link(page + 1, "next"))
    links.append(link(pages, "last"))
    return ", ".join(links)
