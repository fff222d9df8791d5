"""JSON endpoints."""

from functools import wraps

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import access_tokens
from ..skills import matching, search
from ..skills.forms import MatchFilterForm
from ..web import page_arg, text_arg

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def api_login_required(view):
    """401 with a JSON body instead of a redirect to the login page (signed in by the session
    cookie, or by a personal access token in `Authorization: Bearer`); 403 when the token's
    scope does not allow the method."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            response = jsonify(error=_("Sign in first, or send a personal access token."))
            response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
            return response, 401
        token = g.get("api_token")
        if token is not None and not access_tokens.may(token, request.method):
            return jsonify(error=_("This token may only read.")), 403
        return view(*args, **kwargs)

    return wrapped


@bp.get("/matches")
@api_login_required
def matches():
    """My matches as on the page: one entry per person, every matching pair inside."""
    form = MatchFilterForm(request.args)
    page = page_arg()
    if not form.validate():
        return jsonify(error=_("These filters are not valid."), fields=form.errors), 400
    results = matching.suggestions_for(current_user, form.filters(), direction=form.view.data, page=page)
    return jsonify(view=form.view.data, page=results.page, total=results.total, has_more=results.has_more,
                   matches=[_card(card) for card in results.cards])


@bp.get("/members")
@api_login_required
def members():
    """Members found by name, by the words of their offers and by meaning, merged into one
    list (as on the members page), paged: ?q=...&page=N."""
    text = text_arg("q", 200)
    if not text:
        return jsonify(error=_("Say what to search for with ?q=."), fields={"q": [_("This field is required.")]}), 400
    hits, total, pages = search.search_page(text, current_user.id, page_arg())
    return jsonify(q=text, total=total, pages=pages, members=[{
        "member": _member(hit.member),
        "offer": _skill(hit.offer) if hit.offer is not None else None,
        "similarity": None if hit.similarity is None else round(hit.similarity, 4),
        "found_by": [how for how, found in (("name", hit.by_name), ("words", hit.by_words),
                                             ("meaning", hit.by_meaning)) if found],
    } for hit in hits])


def _member(member):
    return {"id": member.id, "display_name": member.display_name, "job_title": member.job_title,
            "seniority": member.seniority, "department": member.department}


def _card(card):
    return {
        "member": _member(card.member),
        "similarity": round(card.similarity, 4),
        "percent": card.percent,
        "band": card.band,
        "relation": card.relation,
        "two_way": bool(card.returns),
        "pairs": [_pair(p) for p in card.pairs],
        "returns": [_pair(p) for p in card.returns],
        "more_pairs": card.more_pairs,
        "more_returns": card.more_returns,
        "shared_languages": card.shared_languages,
    }


def _pair(pair):
    return {"my_skill": _skill(pair.mine), "their_skill": _skill(pair.theirs),
            "similarity": round(pair.similarity, 4), "percent": pair.percent, "band": pair.band}


def _skill(skill):
    return {"id": skill.id, "direction": skill.direction, "title": skill.title,
            "description": skill.description, "level": skill.level, "formats": skill.formats}
