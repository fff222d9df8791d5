"""JSON endpoints."""

from functools import wraps

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from ..skills import matching
from ..skills.forms import MatchFilterForm

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def api_login_required(view):
    """401 with a JSON body instead of a redirect to the login page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return jsonify(error=_("Sign in first.")), 401
        return view(*args, **kwargs)

    return wrapped


@bp.get("/matches")
@api_login_required
def matches():
    form = MatchFilterForm(request.args)
    if not form.validate():
        return jsonify(error=_("These filters are not valid."), fields=form.errors), 400
    results = matching.suggestions_for(current_user, form.filters(), direction=form.view.data)
    return jsonify(view=form.view.data, matches=[_skill_matches(group) for group in results])


def _skill_matches(group):
    return {"skill": _skill(group.skill), "suggestions": [_suggestion(s) for s in group.suggestions]}


def _suggestion(s):
    return {
        "member": {"id": s.member.id, "display_name": s.member.display_name,
                   "job_title": s.member.job_title, "seniority": s.member.seniority,
                   "department": s.member.department},
        "skill": _skill(s.theirs),
        "similarity": round(s.similarity, 4),
        "percent": s.percent,
        "relation": s.relation,
        "reciprocal": None if s.reciprocal is None else {
            "their_skill": _skill(s.reciprocal.theirs), "my_skill": _skill(s.reciprocal.mine),
            "similarity": round(s.reciprocal.similarity, 4), "percent": s.reciprocal.percent,
        },
        "shared_languages": s.shared_languages,
    }


def _skill(skill):
    return {"id": skill.id, "direction": skill.direction, "title": skill.title,
            "description": skill.description, "level": skill.level, "formats": skill.formats}
