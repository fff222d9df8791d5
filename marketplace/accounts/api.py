"""/api/v1 operations of members and my profile: the same services as accounts/views.py (and
the calendar feed's new address, as the dashboard's button, exchange/meeting_views.py).

My profile carries an ETag; changing it takes that ETag back in If-Match (428 without it,
412 when the profile changed since it was read), so two programs cannot overwrite each
other's changes.
"""

from flask import current_app
from flask_babel import gettext as _
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.schemas import MembersPageSchema
from ..errors import NotFound
from ..extensions import db
from ..security import external_url
from ..skills import matching, search
from . import services
from .models import User
from .queries import member_directory
from .schemas import CalendarFeedSchema, MemberPageSchema, MembersArgs, ProfileChangesSchema, ProfileSchema

bp = ApiBlueprint("accounts_api", __name__, url_prefix="/api/v1", description="My profile and the members.")


@bp.get("/members")
@api_login_required
@bp.arguments(MembersArgs, location="query", as_kwargs=True)
@bp.response(200, MembersPageSchema, headers=PAGED)
@bp.errors(401)
def members(page, q=""):
    """Members found by name, by the words of their offers and by meaning (the semantic search
    of offers: a member found by meaning comes with the offer that means what q says), merged
    into one list as on the members page (best first, then by name and id). Without q, the
    member directory, by name and id."""
    per_page = current_app.config["MEMBERS_PER_PAGE"]
    if q:
        hits, total, _pages = search.search_page(q, current_user.id, page)
    else:
        found = db.paginate(member_directory(), page=page, per_page=per_page, error_out=False)
        hits, total = [search.SearchHit(member) for member in found.items], found.total
    return paged(page, total, per_page, {"q": q}, q=q, members=hits)


@bp.get("/members/<int:member_id>")
@api_login_required
@bp.response(200, MemberPageSchema)
@bp.errors(401, 404)
def member(member_id):
    """A member's profile as the member page shows it, and why the two of us match (my needs
    their offers meet, and theirs mine). My own id gives my profile as others see it, with no
    reasons (my settings are GET /api/v1/me). A deleted member does not exist."""
    other = db.session.get(User, member_id)
    if other is None or other.deleted_at is not None:
        raise NotFound(_("This member does not exist."))
    why = [] if other.id == current_user.id else matching.match_between(current_user, other)
    return {"member": other, "why": why}


@bp.get("/me")
@api_login_required
@bp.etag
@bp.response(200, ProfileSchema)
@bp.errors(401)
def me():
    """My profile as my profile page shows it to me, with my settings (time zone, interface
    language). Its ETag goes back in If-Match to change it."""
    return current_user


@bp.patch("/me")
@api_login_required
@bp.etag
@bp.arguments(ProfileChangesSchema)
@bp.response(200, ProfileSchema)
@bp.errors(401, 403)
def update_me(changes):
    """Change my profile, as the profile form does (only the fields sent); If-Match must carry
    the ETag of GET /api/v1/me. Answers the profile as it now stands, with its new ETag."""
    services.lock_member(current_user)
    db.session.refresh(current_user)  # as it stands now that nobody else may change it
    bp.check_etag(current_user, ProfileSchema)
    services.update_profile(current_user, **changes)
    db.session.commit()
    return current_user


@bp.post("/me/calendar/rotate")
@api_login_required
@bp.response(200, CalendarFeedSchema)
@bp.errors(401, 403)
def rotate_calendar():
    """Give my calendar feed a new secret address, as the dashboard's button does: the old
    address stops working. Answers the new one."""
    token = services.rotate_calendar_token(current_user)
    db.session.commit()
    return {"feed_url": external_url("meetings.feed", token=token)}
