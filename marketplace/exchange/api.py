"""/api/v1 operations of exchanges: the same services as the exchange pages (views.py).

An exchange reads as its page shows it to the participant who asks (anyone else is told it
does not exist: 404); a move answers with the exchange as it now stands (200 where the page
redirects after success, 201 for a new proposal), and a refusal with the page's status.
"""

import sqlalchemy as sa
from flask import url_for
from flask_login import current_user

from ..accounts.models import utcnow
from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.problems import refused_values
from ..extensions import db
from . import pages, queries, services
from .models import Exchange
from .schemas import (
    ClosingReasonArgs, CounterProposalArgs, ExchangeObjectiveSchema, ExchangeSchema, ExchangesArgs,
    ExchangesPageSchema, ObjectiveStatusArgs, ProposalArgs,
)

bp = ApiBlueprint("exchanges_api", __name__, url_prefix="/api/v1",
                  description="My exchanges: proposals, answers and objectives.")


@bp.get("/exchanges")
@api_login_required
@bp.arguments(ExchangesArgs, location="query", as_kwargs=True)
@bp.response(200, ExchangesPageSchema, headers=PAGED)
@bp.errors(401)
def exchanges(section, page):
    """My exchanges (cohorts where I hold a seat and circles I am in included), most recently
    changed first, ties by id; all of them, or one section of the dashboard."""
    now, per_page = utcnow(), pages.EXCHANGES_PER_PAGE
    query = queries.exchanges_in_section(current_user, section, now)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    ids = db.session.scalars(query.with_only_columns(Exchange.id)
                             .offset((page - 1) * per_page).limit(per_page)).all()
    loaded = queries.load_summaries(ids)
    shown = [summary(loaded[exchange_id], current_user, now) for exchange_id in ids]
    return paged(page, total, per_page, {"section": section}, section=section, exchanges=shown)


@bp.get("/exchanges/<int:exchange_id>")
@api_login_required
@bp.response(200, ExchangeSchema)
@bp.errors(401, 404)
def exchange(exchange_id):
    """An exchange I take part in, as its page shows it to me (its meetings are under
    /exchanges/{id}/meetings), with the moves I may make now."""
    return detail(services.get_exchange(current_user, exchange_id), current_user)


@bp.post("/exchanges")
@api_login_required
@bp.arguments(ProposalArgs)
@bp.response(201, ExchangeSchema, headers=CREATED)
@bp.errors(401, 403, 404, 409, 422)
def propose(body):
    """Propose an exchange to another member, as the propose page: they teach me one of their
    offers, I teach them one of mine, or both (a two-way swap). The proposal waits for their
    answer. A member that is me, deleted or unknown is a 404 (as the page); the same proposal
    already waiting between us two is a 409; an offer that is not theirs (or mine) a 422."""
    partner = services.proposal_partner(current_user, body.pop("member"))
    with refused_values():
        made = services.propose_exchange(
            current_user, partner, their_offer=services.offer_of(partner, body.pop("their_offer")),
            my_offer=services.offer_of(current_user, body.pop("my_offer")), **body)
    db.session.commit()
    return detail(made, current_user), {"Location": url_for("exchanges_api.exchange", exchange_id=made.id)}


@bp.post("/exchanges/<int:exchange_id>/accept")
@api_login_required
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409)
def accept(exchange_id):
    """Accept the proposal that waits for my answer: the exchange becomes active."""
    return move(exchange_id, lambda exchange: services.accept_exchange(exchange, current_user))


@bp.post("/exchanges/<int:exchange_id>/decline")
@api_login_required
@bp.arguments(ClosingReasonArgs)
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409, 422)
def decline(body, exchange_id):
    """Decline the proposal that waits for my answer (the reason, optional, is shown to the other side)."""
    return move(exchange_id, lambda exchange: services.decline_exchange(exchange, current_user, body["reason"]))


@bp.post("/exchanges/<int:exchange_id>/withdraw")
@api_login_required
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409)
def withdraw(exchange_id):
    """Take back my proposal while it waits for the other side's answer."""
    return move(exchange_id, lambda exchange: services.withdraw_exchange(exchange, current_user))


@bp.post("/exchanges/<int:exchange_id>/counter")
@api_login_required
@bp.arguments(CounterProposalArgs)
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409, 422)
def counter(body, exchange_id):
    """Suggest other terms for the proposal that waits for my answer: the same proposal then
    waits for the other side's (its earlier versions stay in its history). A term left out
    stays as proposed."""
    exchange = services.get_exchange(current_user, exchange_id)
    services.check_can_counter(exchange, current_user)  # as the page: 409 for a proposal not waiting for me
    with refused_values():
        services.counter_propose(exchange, current_user, **body)
    db.session.commit()
    return detail(exchange, current_user)


@bp.post("/exchanges/<int:exchange_id>/complete")
@api_login_required
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409)
def complete(exchange_id):
    """Mark an active exchange completed (its future meetings are cancelled; each participant
    is then asked for the end-of-exchange questionnaire). A cohort's mentor only."""
    return move(exchange_id, lambda exchange: services.complete_exchange(exchange, current_user))


@bp.post("/exchanges/<int:exchange_id>/cancel")
@api_login_required
@bp.arguments(ClosingReasonArgs)
@bp.response(200, ExchangeSchema)
@bp.errors(401, 403, 404, 409, 422)
def cancel(body, exchange_id):
    """Cancel an active exchange (its future meetings are cancelled). A cohort's mentor only."""
    return move(exchange_id, lambda exchange: services.cancel_exchange(exchange, current_user, body["reason"]))


@bp.patch("/exchanges/<int:exchange_id>/objectives/<int:objective_id>")
@api_login_required
@bp.arguments(ObjectiveStatusArgs)
@bp.response(200, ExchangeObjectiveSchema)
@bp.errors(401, 403, 404, 409, 422)
def objective(body, exchange_id, objective_id):
    """Move an objective of an active exchange to todo, in_progress or done (its dates follow).
    A cohort's mentor only."""
    exchange = services.get_exchange(current_user, exchange_id)
    changed = services.set_objective_status(exchange, current_user, objective_id, body["status"])
    db.session.commit()
    return changed


def move(exchange_id, action):
    """Make one move (a service called on the exchange) on one of my exchanges, commit, and
    answer with the exchange as it now stands."""
    exchange = services.get_exchange(current_user, exchange_id)
    action(exchange)
    db.session.commit()
    return detail(exchange, current_user)


def summary(exchange, viewer, now):
    """An exchange as my list shows it (ExchangeSummarySchema)."""
    status = services.shown_status(exchange, now)
    return {
        "id": exchange.id, "kind": exchange.kind, "status": status, "topics": exchange.topics,
        "role": exchange.role_of(viewer), "others": exchange.others(viewer),
        "cohort": exchange.cohort.id if exchange.cohort is not None else None,
        "waiting_on_me": status == "proposed" and exchange.awaiting_id == viewer.id,
        "created_at": exchange.created_at, "updated_at": exchange.updated_at, "expires_at": exchange.expires_at,
    }


def detail(exchange, viewer):
    """An exchange as its page shows it to me (ExchangeSchema), loaded in a fixed number of
    statements (queries.load_exchange_page)."""
    now = utcnow()
    queries.load_exchange_page(exchange)
    shown = summary(exchange, viewer, now)
    waiting = shown["status"] == "proposed" and exchange.awaiting_id
    return {
        **shown, "proposer": exchange.proposer, "participants": exchange.participants,
        "waiting_for": next((p for p in exchange.participants if p.id == exchange.awaiting_id), None)
        if waiting else None,
        "teachings": exchange.teachings, "objectives": exchange.objectives,
        "framework": {name: getattr(exchange, name) for name in services.FRAMEWORK_FIELDS},
        "held_meetings": sum(1 for m in exchange.meetings if m.status == "held"),
        "message": exchange.message, "history": exchange.revisions, "closing_reason": exchange.closing_reason,
        "accepted_at": exchange.accepted_at, "closed_at": exchange.closed_at,
        "may": services.moves_of(exchange, viewer, now),
    }
