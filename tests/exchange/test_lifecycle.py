"""The life of one-way exchanges and swaps, and every illegal move."""

from datetime import timedelta

import pytest

from marketplace.errors import NotFound
from marketplace.exchange import feedback, meetings, services
from marketplace.exchange.services import ExchangeError
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from tests.exchange.conftest import NOW


def kinds_of_notifications(user):
    return [n.kind for n in db.session.scalars(db.select(Notification).filter_by(user_id=user.id).order_by(Notification.id))]


def test_one_way_exchange_full_lifecycle(pair, make_exchange):
    lea, marc = pair["lea"], pair["marc"]
    exchange = make_exchange(accept=False)
    assert exchange.kind == "reverse"  # the junior teaches the executive
    assert exchange.status == "proposed" and exchange.awaiting_id == lea.id
    assert exchange.role_of(lea) == "mentor" and exchange.role_of(marc) == "mentee"
    assert kinds_of_notifications(lea) == ["proposal_received"]

    services.accept_exchange(exchange, lea, now=NOW)
    assert exchange.status == "active" and kinds_of_notifications(marc) == ["proposal_accepted"]

    meeting = meetings.schedule_meeting(exchange, marc, NOW.replace(hour=10), now=NOW)
    meetings.add_agenda_topic(exchange, marc, meeting.id, "Comment marche le fil Pour toi ?", now=NOW)
    meetings.hold_meeting(exchange, lea, meeting.id, now=NOW + timedelta(days=1))
    feedback.give_meeting_feedback(exchange, lea, meeting.id, 5, "Super")
    feedback.give_meeting_feedback(exchange, marc, meeting.id, 4)
    services.set_objective_status(exchange, marc, exchange.objectives[0].id, "done", now=NOW)
    assert exchange.objectives[0].done_at == NOW

    services.complete_exchange(exchange, marc, now=NOW + timedelta(days=30))
    answers = {"trust": 5, "listening": 5, "usefulness": 4, "objectives": 4, "recommend": 5, "comments": "Merci"}
    evaluation = feedback.submit_evaluation(exchange, lea, answers)
    assert {a.question: (a.score, a.text) for a in evaluation.answers}["comments"] == (None, "Merci")
    assert exchange.status == "completed"


def test_swap_lifecycle_with_counter_proposal(pair, make_exchange):
    lea, marc = pair["lea"], pair["marc"]
    exchange = make_exchange(swap=True, accept=False)
    assert exchange.kind == "swap"
    assert exchange.role_of(lea) == "both" and exchange.role_of(marc) == "both"

    services.counter_propose(exchange, lea, objectives=["Un seul objectif"], frequency="monthly",
                             planned_meetings=3, meeting_minutes=30, channel="in_person", now=NOW)
    assert exchange.awaiting_id == marc.id and exchange.frequency == "monthly"
    assert [o.title for o in exchange.objectives] == ["Un seul objectif"]
    with pytest.raises(ExchangeError):
        services.accept_exchange(exchange, lea, now=NOW)  # now waiting for Marc
    services.accept_exchange(exchange, marc, now=NOW)
    assert exchange.status == "active"
    meeting = meetings.schedule_meeting(exchange, lea, NOW, now=NOW)
    # In a swap both are learners: both prepare the agenda.
    meetings.add_agenda_topic(exchange, lea, meeting.id, "Préparer une négociation salariale", now=NOW)
    meetings.add_agenda_topic(exchange, marc, meeting.id, "TikTok analytics", now=NOW)
    services.complete_exchange(exchange, lea, now=NOW)
    assert exchange.status == "completed"


@pytest.mark.parametrize("move", [
    "accept_twice", "accept_own", "decline_own", "withdraw_by_partner", "act_on_closed",
    "complete_proposed", "schedule_on_proposed", "evaluate_active", "feedback_before_held",
    "agenda_by_mentor", "hold_future_meeting", "withdraw_accepted",
])
def test_illegal_moves_are_refused_and_change_nothing(pair, make_exchange, move):
    lea, marc = pair["lea"], pair["marc"]
    exchange = make_exchange(accept=move not in ("accept_own", "decline_own", "withdraw_by_partner",
                                                  "complete_proposed", "schedule_on_proposed"))
    meeting = None
    if exchange.status == "active":
        meeting = meetings.schedule_meeting(exchange, marc, NOW + timedelta(days=3), now=NOW)
        db.session.commit()
    before = (exchange.status, exchange.awaiting_id, len(exchange.meetings))
    actions = {
        "accept_twice": lambda: services.accept_exchange(exchange, lea, now=NOW),
        "accept_own": lambda: services.accept_exchange(exchange, marc, now=NOW),
        "decline_own": lambda: services.decline_exchange(exchange, marc, now=NOW),
        "withdraw_by_partner": lambda: services.withdraw_exchange(exchange, lea, now=NOW),
        "act_on_closed": lambda: (services.cancel_exchange(exchange, lea, now=NOW),
                                  services.complete_exchange(exchange, marc, now=NOW)),
        "complete_proposed": lambda: services.complete_exchange(exchange, marc, now=NOW),
        "schedule_on_proposed": lambda: meetings.schedule_meeting(exchange, marc, NOW, now=NOW),
        "evaluate_active": lambda: feedback.submit_evaluation(exchange, lea, {}),
        "feedback_before_held": lambda: feedback.give_meeting_feedback(exchange, lea, meeting.id, 5),
        "agenda_by_mentor": lambda: meetings.add_agenda_topic(exchange, lea, meeting.id, "x", now=NOW),
        "hold_future_meeting": lambda: meetings.hold_meeting(exchange, lea, meeting.id, now=NOW),
        "withdraw_accepted": lambda: services.withdraw_exchange(exchange, marc, now=NOW),
    }
    with pytest.raises(ExchangeError) as error:
        actions[move]()
    assert error.value.status_code in (403, 409)
    db.session.rollback()
    db.session.refresh(exchange)
    if move != "act_on_closed":
        assert (exchange.status, exchange.awaiting_id, len(exchange.meetings)) == before


def test_a_stranger_cannot_act_at_all(pair, make_exchange):
    exchange = make_exchange(accept=False)
    for action in (services.accept_exchange, services.withdraw_exchange, services.complete_exchange):
        with pytest.raises(NotFound):
            action(exchange, pair["stranger"], now=NOW)
    with pytest.raises(NotFound):
        services.get_exchange(pair["stranger"], exchange.id)
    assert exchange.status == "proposed"


def test_proposal_expires_after_14_days(pair, make_exchange):
    exchange = make_exchange(accept=False)
    assert services.expire_proposals(now=NOW + timedelta(days=13, hours=23)) == 0
    assert exchange.status == "proposed"
    assert services.expire_proposals(now=NOW + timedelta(days=14, minutes=1)) == 1
    assert exchange.status == "expired"
    with pytest.raises(ExchangeError):
        services.accept_exchange(exchange, pair["lea"], now=NOW + timedelta(days=15))
    assert "proposal_expired" in kinds_of_notifications(pair["marc"])


def test_an_overdue_proposal_reads_expired_but_opening_it_writes_nothing(pair, make_exchange):
    exchange = make_exchange(accept=False)
    assert services.get_exchange(pair["lea"], exchange.id) is exchange
    assert services.shown_status(exchange, NOW + timedelta(days=20)) == "expired"
    assert exchange.status == "proposed" and not db.session.dirty
    with pytest.raises(ExchangeError):  # the next move records the expiry and refuses
        services.accept_exchange(exchange, pair["lea"], now=NOW + timedelta(days=20))
    assert exchange.status == "expired"


def test_proposal_validation(pair):
    lea, marc = pair["lea"], pair["marc"]
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, lea, objectives=["x"])  # nobody teaches anything
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, lea, their_offer=pair["negotiation"], objectives=["x"])  # not hers
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, lea, their_offer=pair["tiktok"], objectives=[])
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, lea, their_offer=pair["tiktok"], objectives=["a"] * 6)
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, lea, their_offer=pair["tiktok"], objectives=["a"], frequency="daily")
    with pytest.raises(ExchangeError):
        services.propose_exchange(marc, marc, my_offer=pair["negotiation"], objectives=["a"])
