"""/api/v1 operations of cohorts: the same services as the cohort pages (cohort_views.py).

A cohort reads as its page shows it to the member who asks; a change answers with the
cohort as it now stands (200 where the page redirects after success, 201 for a new one),
and a refusal with the page's status.
"""

from types import SimpleNamespace

from flask import url_for
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.problems import refused_values
from ..api.schemas import PageArgs
from ..errors import DomainError
from ..extensions import db
from ..skills.engine import get_engine
from ..skills.models import Skill
from ..skills.ranking import shown_percent
from . import cohorts
from .cohort_schemas import (
    CohortSchema, CohortsPageSchema, EnrolmentSchema, NewCohortSchema, SuggestionsSchema,
)
from .services import FRAMEWORK_FIELDS

bp = ApiBlueprint("cohorts_api", __name__, url_prefix="/api/v1", description="Group cohorts.")


@bp.get("/cohorts")
@api_login_required
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, CohortsPageSchema, headers=PAGED)
@bp.errors(401)
def index(page):
    """The open cohorts, newest first (ties by id), as on the cohorts page."""
    return paged(page, cohorts.count_open_cohorts(), cohorts.COHORTS_PER_PAGE, cohorts=cohorts.open_cohorts_page(page))


@bp.get("/cohorts/suggested")
@api_login_required
@bp.response(200, SuggestionsSchema)
@bp.errors(401)
def suggested():
    """The open cohorts whose offer matches one of my needs, best first, as the cohorts page
    suggests them (at most ten; none I was removed from, none I run)."""
    calibration = get_engine().calibration
    return {"suggestions": [
        {"cohort": cohort, "need": need, "similarity": similarity, "percent": shown_percent(similarity),
         "band": calibration.band(similarity)}
        for cohort, need, similarity in cohorts.cohorts_for(current_user)]}


@bp.post("/cohorts")
@api_login_required
@bp.arguments(NewCohortSchema)
@bp.response(201, CohortSchema, headers=CREATED)
@bp.errors(401, 403, 422)
def create(body):
    """Open a cohort on one of my offers (its group exchange is its space), as the cohort form
    does; a refusal of the service (an offer that is not mine...) is a 422, as on the form."""
    framework = {name: body.pop(name) for name in FRAMEWORK_FIELDS if name in body}
    with refused_values():
        cohort = cohorts.open_cohort(current_user, db.session.get(Skill, body["offer"]), body["title"],
                                     body["capacity"], language=body["language"], description=body["description"],
                                     objectives=body["objectives"], **framework)
    db.session.commit()
    return _shown(cohort), {"Location": url_for("cohorts_api.show", cohort_id=cohort.id)}


@bp.get("/cohorts/<int:cohort_id>")
@api_login_required
@bp.response(200, CohortSchema)
@bp.errors(401, 404)
def show(cohort_id):
    """A cohort as its page shows it to me: seats, my seat, and the participants if I run it."""
    return _shown(cohorts.get_cohort(cohort_id))


@bp.post("/cohorts/<int:cohort_id>/join")
@api_login_required
@bp.response(200, CohortSchema)
@bp.errors(401, 403, 404, 409)
def join(cohort_id):
    """Take a seat, or the end of the waitlist when the cohort is full (my_seat says which).
    409: I run it, I am in it already, or enrolment is closed; 403: the mentor removed me."""
    return _act(cohort_id, lambda cohort: cohorts.join_cohort(cohort, current_user))


@bp.post("/cohorts/<int:cohort_id>/leave")
@api_login_required
@bp.response(200, CohortSchema)
@bp.errors(401, 403, 404, 409)
def leave(cohort_id):
    """Give up my seat or my place on the waitlist (the first waiting takes the seat)."""
    return _act(cohort_id, lambda cohort: cohorts.leave_cohort(cohort, current_user))


@bp.post("/cohorts/<int:cohort_id>/participants/<int:member_id>/remove")
@api_login_required
@bp.response(200, CohortSchema)
@bp.errors(401, 403, 404)
def remove(cohort_id, member_id):
    """The mentor removes a seated or waiting member (the first waiting takes a freed seat).
    To anyone else the cohort's participants are not there (404)."""
    return _act(cohort_id, lambda cohort: cohorts.remove_participant(cohort, current_user, member_id))


@bp.put("/cohorts/<int:cohort_id>/enrolment")
@api_login_required
@bp.arguments(EnrolmentSchema, as_kwargs=True)
@bp.response(200, CohortSchema)
@bp.errors(401, 403, 404, 422)
def enrolment(cohort_id, open_):
    """The mentor opens or closes enrolment (the page's /enrolment/open and /enrolment/close);
    setting what it already is changes nothing. 404 for anyone but the mentor."""
    return _act(cohort_id, lambda cohort: cohorts.set_enrolment(cohort, current_user, open_))


def _act(cohort_id, action):
    """Run one seat change on the cohort and commit; a refusal changes nothing."""
    cohort = cohorts.get_cohort(cohort_id)
    try:
        action(cohort)
    except DomainError:
        db.session.rollback()
        raise
    db.session.commit()
    return _shown(cohorts.get_cohort(cohort_id))


def _shown(cohort):
    """The cohort as its page shows it to the signed-in member (see CohortSchema)."""
    exchange, seat = cohort.exchange, cohort.seat_of(current_user)
    runs_it = cohort.mentor_id == current_user.id
    in_space = runs_it or (seat is not None and seat.status == "seated")
    framework = {name: getattr(exchange, name) for name in FRAMEWORK_FIELDS}
    framework["place"] = framework["place"] if in_space else None
    return SimpleNamespace(
        **{name: getattr(cohort, name) for name in (
            "id", "title", "description", "mentor", "skill", "language", "capacity", "seated", "waitlist",
            "seats_left", "enrolment_open", "created_at")},
        status=exchange.status, objectives=[objective.title for objective in exchange.objectives],
        framework=framework, i_run_it=runs_it, my_seat=seat.status if seat is not None else None,
        exchange_id=exchange.id if in_space else None,
        participants={"seated": [s.member for s in cohort.seated], "waitlist": [s.member for s in cohort.waitlist]}
        if runs_it else None)
