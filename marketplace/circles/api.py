"""/api/v1 operations of exchange circles: the same services as the circle pages (views.py).

A circle is its members' only: to anyone else, a programme's manager included, it does not
exist (404). A circle no longer waiting for answers refuses them (409).
"""

from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.schemas import PageArgs
from ..errors import DomainError
from ..extensions import db
from ..programmes.services import get_managed_programme
from . import services
from .pages import circle_context, my_circle
from .runs import run_programme_circles
from .schemas import CircleRunSchema, CircleSchema, CirclesPageSchema

bp = ApiBlueprint("circles_api", __name__, url_prefix="/api/v1", description="Exchange circles of two and three.")


@bp.get("/circles")
@api_login_required
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, CirclesPageSchema, headers=PAGED)
@bp.errors(401)
def index(page):
    """My circles, newest first (ties by id), each as its page shows it; and apart, the one
    waiting for my answer as the dashboard and the matches page show it (null when none)."""
    found, total = services.member_circles_page(current_user, page)
    return paged(page, total, services.CIRCLES_PER_PAGE, waiting=my_circle(current_user),
                 circles=[circle_context(circle, current_user) for circle in found])


@bp.get("/circles/<int:circle_id>")
@api_login_required
@bp.response(200, CircleSchema)
@bp.errors(401, 404)
def show(circle_id):
    """A circle as its page shows it: who teaches whom what and how close, who has accepted,
    the deadline, whether it waits on me."""
    return circle_context(services.get_circle(current_user, circle_id), current_user)


@bp.post("/circles/<int:circle_id>/accept")
@api_login_required
@bp.response(200, CircleSchema)
@bp.errors(401, 403, 404, 409)
def accept(circle_id):
    """I accept the circle; the last acceptance forms it (status "formed", exchange_id its space)."""
    return _act(circle_id, lambda circle: services.accept_circle(circle, current_user))


@bp.post("/circles/<int:circle_id>/decline")
@api_login_required
@bp.response(200, CircleSchema)
@bp.errors(401, 403, 404, 409)
def decline(circle_id):
    """I decline the circle (even after accepting): it dissolves and the others are told."""
    return _act(circle_id, lambda circle: services.decline_circle(circle, current_user))


@bp.post("/programmes/<int:programme_id>/circles")
@api_login_required
@bp.response(200, CircleRunSchema)
@bp.errors(401, 403, 404, 409)
def run_in_programme(programme_id):
    """The programme's manager finds and proposes circles among its participants (409 once it is
    closed); the answer is the run's figures, never who is in which circle."""
    programme = get_managed_programme(current_user, programme_id)
    try:
        run = run_programme_circles(programme, current_user)
    except DomainError:
        db.session.rollback()
        raise
    db.session.commit()
    return run.summary()


def _act(circle_id, answer):
    """Give my answer and commit; a refusal changes nothing. Returns the circle as it now is."""
    circle = services.get_circle(current_user, circle_id)
    try:
        answer(circle)
    except DomainError:
        db.session.rollback()
        raise
    db.session.commit()
    return circle_context(services.get_circle(current_user, circle_id), current_user)
