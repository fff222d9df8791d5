"""/api/v1 operations of skills and matches: the same services as skills/views.py.

One of my skills carries an ETag; changing it takes that ETag back in If-Match (428 without
it, 412 when it changed since it was read). Deleting one does not: like the page's Delete
button, it removes the skill whatever it says now. Someone else's skill does not exist (404),
as on the pages, whatever the headers.
"""

from functools import wraps

from flask import current_app, url_for
from flask.views import MethodView
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.schemas import MatchesArgs, MatchesPageSchema, SkillSchema
from ..extensions import db
from . import matching, services
from .matching import MatchFilters
from .schemas import DismissalSchema, DismissSchema, NewSkillSchema, SkillChangesSchema, SkillsArgs, SkillsPageSchema

SKILLS_PER_PAGE = 100  # a member has a handful: one page almost always

bp = ApiBlueprint("skills_api", __name__, url_prefix="/api/v1", description="My offers and needs, and my matches.")


def owned_skill(view):
    """Call the view with my skill the path names (`skill` instead of `skill_id`); anyone
    else's is a 404 before any other check (an If-Match precondition included)."""

    @wraps(view)
    def wrapped(*args, skill_id, **kwargs):
        return view(*args, skill=services.own_skill(current_user, skill_id), **kwargs)

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
    return paged(page, found.total, current_app.config["MATCHING_CARDS_PER_PAGE"], {"view": view, **filters},
                 has_more=found.has_more, view=view, matches=found.cards)


@bp.post("/matches/dismiss")
@api_login_required
@bp.arguments(DismissSchema)
@bp.response(200, DismissalSchema)
@bp.errors(401, 403, 404)
def dismiss(pair):
    """Mark a pair of my skill and someone else's "not relevant", as on the matches page: it
    leaves my matches and is not suggested again (again is harmless). A skill that is not mine,
    not theirs, or of the same direction as mine: 404."""
    need, offer = matching.dismiss_pair(current_user, pair["my_skill"], pair["their_skill"])
    db.session.commit()
    return {"need": need, "offer": offer}


@bp.get("/skills")
@api_login_required
@bp.arguments(SkillsArgs, location="query", as_kwargs=True)
@bp.response(200, SkillsPageSchema, headers=PAGED)
@bp.errors(401)
def skills(direction, page):
    """My offers and needs (or one direction), oldest first, as on my profile page."""
    mine = [skill for skill in current_user.skills if direction in ("", skill.direction)]
    shown = mine[(page - 1) * SKILLS_PER_PAGE:page * SKILLS_PER_PAGE]
    return paged(page, len(mine), SKILLS_PER_PAGE, {"direction": direction}, skills=shown)


@bp.post("/skills")
@api_login_required
@bp.etag
@bp.arguments(NewSkillSchema)
@bp.response(201, SkillSchema, headers=CREATED)
@bp.errors(401, 403, 409)
def create(new):
    """Add an offer or a need, as the skill form does. The same title (case, spacing and
    accents aside) in the same direction is a 409; so is one that means nearly the same as one
    of mine, unless allow_similar confirms it. Answers the skill, its address and its ETag."""
    skill = services.add_skill(current_user, new.pop("direction"), **new)
    db.session.commit()
    return skill, {"Location": url_for("skills_api.skill", skill_id=skill.id)}


@bp.route("/skills/<int:skill_id>", endpoint="skill")
class OneSkill(MethodView):
    """One of my skills (a class, so that its three methods are one URL rule: an id too big
    for the database is then a 404 whatever the method, never a 405)."""

    decorators = [owned_skill, api_login_required]  # applied in order: api_login_required runs first

    @bp.etag
    @bp.response(200, SkillSchema)
    @bp.errors(401, 404)
    def get(self, skill):
        """One of my skills, with its ETag (someone else's does not exist)."""
        return skill

    @bp.etag
    @bp.arguments(SkillChangesSchema)
    @bp.response(200, SkillSchema)
    @bp.errors(401, 403, 404, 409)
    def patch(self, changes, skill):
        """Change one of my skills, as the skill form does (only the fields sent); If-Match must
        carry its ETag. A new title meets the rules of a new skill against my others (409)."""
        skill = services.update_skill(skill, current_user, **changes,
                                      precondition=lambda current: bp.check_etag(current, SkillSchema))
        db.session.commit()
        return skill

    @bp.response(204)
    @bp.errors(401, 403, 404)
    def delete(self, skill):
        """Remove one of my skills, as the page's Delete button (no If-Match needed); an exchange
        circle waiting on it dissolves."""
        services.delete_skill(skill, current_user)
        db.session.commit()
