"""The life of an exchange: propose, counter, accept, decline, withdraw, complete, cancel,
expire; objectives. Every function checks who acts and refuses illegal moves."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User, utcnow
from ..errors import Conflict, NotFound
from ..extensions import db
from ..notifications.services import notify
from ..skills.models import Skill
from ..skills.ranking import relation
from .history import record_revision
from .models import CHANNELS, FREQUENCIES, OBJECTIVE_STATUSES, Exchange, Objective, Teaching

PROPOSAL_LIFETIME = timedelta(days=14)
MAX_OBJECTIVES = 5
OBJECTIVE_LENGTH = 200
GROUND_RULES_LENGTH = 2000
PLACE_LENGTH = 300  # a place or a video link
MESSAGE_LENGTH = 2000  # a proposal's or a counter-proposal's message
REASON_LENGTH = 1000  # why a proposal is declined or an exchange cancelled
PLANNED_MEETINGS = (1, 52)  # the framework's bounds, inclusive
MEETING_MINUTES = (15, 240)
# The framework's terms, as proposals, counter-proposals, cohorts and programmes name them.
FRAMEWORK_FIELDS = ("frequency", "planned_meetings", "meeting_minutes", "channel", "place", "ground_rules",
                    "start_date")
# What a participant may do to an exchange itself (meetings aside), in the order a page offers it.
MOVES = ("accept", "decline", "counter", "withdraw", "complete", "cancel", "update_objectives")


class ExchangeError(Conflict):
    """An exchange cannot make this move in its current state (HTTP 409)."""


class DuplicateProposal(ExchangeError):
    """The same proposal between the same two members is already waiting for an answer."""

    def __init__(self, message, existing):
        super().__init__(message)
        self.existing = existing


def exchange_kind(teachings):
    """swap when both sides teach; else classic / reverse / peer from the seniorities."""
    if len(teachings) > 1:
        return "swap"
    (teacher, learner), = teachings
    return relation(teacher.seniority, learner.seniority)


def propose_exchange(proposer, partner, their_offer=None, my_offer=None, objectives=(),
                     message="", now=None, **framework):
    """Propose an exchange: they teach me their offer, I teach them mine, or both (a swap)."""
    now = now or utcnow()
    if partner is None or partner.id == proposer.id:
        raise ExchangeError(_("Choose another member to exchange with."), 400)
    teachings = []
    if their_offer is not None:
        _check_offer(their_offer, partner)
        teachings.append(Teaching(teacher=partner, learner=proposer, skill_id=their_offer.id, topic=their_offer.title))
    if my_offer is not None:
        _check_offer(my_offer, proposer)
        teachings.append(Teaching(teacher=proposer, learner=partner, skill_id=my_offer.id, topic=my_offer.title))
    if not teachings:
        raise ExchangeError(_("Choose what they teach you, what you teach them, or both."), 400)
    existing = open_proposal_like(proposer, partner, teachings, now)
    if existing is not None:
        raise DuplicateProposal(_("The same proposal between you two is already waiting for an answer."), existing)
    exchange = Exchange(
        proposer=proposer, partner=partner, awaiting_id=partner.id,
        message=(message or "").strip()[:MESSAGE_LENGTH],
        kind=exchange_kind([(t.teacher, t.learner) for t in teachings]),
        teachings=teachings, expires_at=now + PROPOSAL_LIFETIME, **check_framework(framework),
    )
    exchange.objectives = make_objectives(objectives)
    db.session.add(exchange)
    db.session.flush()
    record_revision(exchange, proposer, exchange.message, now)
    notify(partner, "proposal_received", f"proposal:{exchange.id}", actor=proposer, exchange=exchange)
    return exchange


def proposal_partner(proposer, member_id):
    """The member a proposal may go to: another member, whose account is live. To a
    proposal anyone else (the proposer, a deleted account, no such id) does not exist."""
    partner = db.session.get(User, member_id) if member_id else None
    if partner is None or partner.id == proposer.id or partner.deleted_at is not None:
        raise NotFound(_("This member does not exist."))
    return partner


def offer_of(owner, skill_id):
    """The owner's offer of this id, or None when no id is given; refused (400) when the id
    names no offer of theirs."""
    if skill_id is None:
        return None
    skill = db.session.get(Skill, skill_id)
    _check_offer(skill, owner)
    return skill


def open_proposal_like(proposer, partner, teachings, now):
    """A pending, not yet overdue proposal between these two members (either way round)
    with the same teachings (who teaches whom which offer), or None."""
    wanted = {(t.teacher.id, t.learner.id, t.skill_id) for t in teachings}
    pending = db.session.scalars(
        sa.select(Exchange).where(
            Exchange.status == "proposed", Exchange.expires_at >= now,
            sa.or_(sa.and_(Exchange.proposer_id == proposer.id, Exchange.partner_id == partner.id),
                   sa.and_(Exchange.proposer_id == partner.id, Exchange.partner_id == proposer.id)))
    )
    return next((e for e in pending
                 if {(t.teacher_id, t.learner_id, t.skill_id) for t in e.teachings} == wanted), None)


def get_exchange(actor, exchange_id):
    """The exchange if the actor takes part in it; anyone else is told it does not exist.
    Reading changes nothing: an overdue proposal is closed by the next move or the scheduler."""
    exchange = db.session.get(Exchange, exchange_id)
    if exchange is None or not exchange.has_participant(actor):
        raise NotFound(_("This exchange does not exist."))
    return exchange


def shown_status(exchange, now=None):
    """The status a reader sees: a proposal past its expiry reads "expired" before the
    scheduler (`send-reminders`) or the next move records it."""
    if exchange.status == "proposed" and exchange.expires_at and exchange.expires_at < (now or utcnow()):
        return "expired"
    return exchange.status


def accept_exchange(exchange, actor, now=None):
    """The member the proposal waits for accepts it: the exchange becomes active."""
    _awaiting(exchange, actor, now)
    exchange.status, exchange.awaiting_id, exchange.accepted_at = "active", None, now or utcnow()
    db.session.flush()
    other = exchange.other(actor)
    notify(other, "proposal_accepted", f"accepted:{exchange.id}", actor=actor, exchange=exchange)
    return exchange


def decline_exchange(exchange, actor, reason="", now=None):
    _awaiting(exchange, actor, now)
    _close(exchange, "declined", reason, now)
    notify(exchange.other(actor), "proposal_declined", f"declined:{exchange.id}", actor=actor, exchange=exchange)
    return exchange


def check_can_counter(exchange, actor, now=None):
    """Only the member the proposal waits for may suggest changes (the form too); reads only."""
    if shown_status(exchange, now) != "proposed":
        raise ExchangeError(_("This exchange is no longer waiting for an answer."))
    if exchange.awaiting_id != actor.id:
        raise ExchangeError(_("This proposal waits for the other member's answer, not yours."))


def counter_propose(exchange, actor, objectives=None, message=None, now=None, **framework):
    """Answer a proposal with another framework and objectives; the other side decides.
    A term left out (objectives None) stays as proposed. The earlier version and its message
    are kept in the proposal's history."""
    now = now or utcnow()
    _awaiting(exchange, actor, now)
    terms = {name: getattr(exchange, name) for name in FRAMEWORK_FIELDS}
    for name, value in check_framework({**terms, **framework}).items():
        setattr(exchange, name, value)
    exchange.objectives = make_objectives([o.title for o in exchange.objectives] if objectives is None
                                          else objectives)
    other = exchange.other(actor)
    exchange.awaiting_id, exchange.expires_at = other.id, now + PROPOSAL_LIFETIME
    db.session.flush()
    record_revision(exchange, actor, (message or "").strip()[:MESSAGE_LENGTH], now)
    notify(other, "proposal_changed", f"changed:{exchange.id}:{now.isoformat()}", actor=actor, exchange=exchange)
    return exchange


def withdraw_exchange(exchange, actor, now=None):
    """The member who proposed the exchange takes the pending proposal back."""
    check_participant(exchange, actor, now)
    if exchange.status != "proposed":
        raise ExchangeError(_("Only a pending proposal can be withdrawn."))
    if exchange.awaiting_id == actor.id:
        raise ExchangeError(_("This proposal waits for your answer: accept or decline it."))
    if not can_withdraw(exchange, actor):
        raise ExchangeError(_("Only the member who proposed the exchange can withdraw it."))
    return _withdraw(exchange, actor, now)


def withdraw_on_departure(exchange, actor, now=None):
    """A member deleting their account takes back a pending proposal whoever's turn it is
    (a counter-proposal of theirs included); the other side is told."""
    check_participant(exchange, actor, now)
    if exchange.status != "proposed":
        raise ExchangeError(_("Only a pending proposal can be withdrawn."))
    return _withdraw(exchange, actor, now)


def _withdraw(exchange, actor, now):
    _close(exchange, "withdrawn", "", now)
    notify(exchange.other(actor), "proposal_withdrawn", f"withdrawn:{exchange.id}", actor=actor, exchange=exchange)
    return exchange


def can_withdraw(exchange, actor):
    """The proposer may withdraw a pending proposal while it waits for the other side."""
    return (exchange.status == "proposed" and actor.id == exchange.proposer_id
            and exchange.awaiting_id != actor.id)


def complete_exchange(exchange, actor, now=None):
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    others = exchange.others(actor)
    _close(exchange, "completed", "", now)
    for person in others:
        notify(person, "exchange_completed", f"completed:{exchange.id}", actor=actor, exchange=exchange)
    return exchange


def cancel_exchange(exchange, actor, reason="", now=None):
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    others = exchange.others(actor)
    _close(exchange, "cancelled", reason, now)
    for person in others:
        notify(person, "exchange_cancelled", f"cancelled:{exchange.id}", actor=actor, exchange=exchange)
    return exchange


def moves_of(exchange, actor, now=None):
    """The moves of MOVES the actor may make on the exchange now, by the checks the moves
    themselves make (what the exchange page offers them); reads only."""
    status = shown_status(exchange, now)
    allowed = []
    if _passes(check_can_counter, exchange, actor, now):
        allowed += ["accept", "decline", "counter"]
    if status == "proposed" and can_withdraw(exchange, actor):
        allowed.append("withdraw")
    if status == "active" and _passes(check_runs_it, exchange, actor):
        allowed += ["complete", "cancel", "update_objectives"]
    return allowed


def _passes(check, *args):
    try:
        check(*args)
    except ExchangeError:
        return False
    return True


def check_runs_it(exchange, actor):
    """A cohort is run by its mentor (meetings, objectives, closing); a one-to-one exchange
    by both members. Seated participants add agenda topics, notes and feedback only."""
    if not exchange.is_run_by(actor):
        raise ExchangeError(_("Only the mentor can do that for a cohort."), 403)


def set_objective_status(exchange, actor, objective_id, status, now=None):
    """Move an objective to do / in progress / done, keeping the dates."""
    now = now or utcnow()
    check_active(exchange, actor, now)
    check_runs_it(exchange, actor)
    objective = next((o for o in exchange.objectives if o.id == objective_id), None)
    if objective is None:
        raise NotFound(_("This objective does not exist."))
    if status not in OBJECTIVE_STATUSES:
        raise ExchangeError(_("Unknown objective status."), 400)
    objective.status = status
    objective.started_at = objective.started_at or (now if status != "todo" else None)
    objective.done_at = now if status == "done" else None
    db.session.flush()
    return objective


def expire_proposals(now=None, user=None):
    """Close every proposal nobody answered in time (of one member, if given); returns how many."""
    now = now or utcnow()
    query = sa.select(Exchange).where(Exchange.status == "proposed", Exchange.expires_at < now)
    if user is not None:
        query = query.where(sa.or_(Exchange.proposer_id == user.id, Exchange.partner_id == user.id))
    due = db.session.scalars(query).all()
    for exchange in due:
        _expire_if_due(exchange, now)
    return len(due)


def _expire_if_due(exchange, now):
    if exchange.status == "proposed" and shown_status(exchange, now) == "expired":
        _close(exchange, "expired", "", now)
        for person in exchange.participants:
            notify(person, "proposal_expired", f"expired:{exchange.id}", exchange=exchange)


def check_participant(exchange, actor, now):
    if not exchange.has_participant(actor):
        raise NotFound(_("This exchange does not exist."))
    _expire_if_due(exchange, now or utcnow())


def _awaiting(exchange, actor, now):
    check_participant(exchange, actor, now)
    if exchange.status != "proposed":
        raise ExchangeError(_("This exchange is no longer waiting for an answer."))
    if exchange.awaiting_id != actor.id:
        raise ExchangeError(_("This proposal waits for the other member's answer, not yours."))


def check_active(exchange, actor, now):
    check_participant(exchange, actor, now)
    if exchange.status != "active":
        raise ExchangeError(_("Only an active exchange can do that."))


def _close(exchange, status, reason, now):
    now = now or utcnow()
    exchange.status, exchange.awaiting_id = status, None
    exchange.closing_reason = (reason or "").strip()[:REASON_LENGTH]
    exchange.closed_at = now
    cancel_future_meetings(exchange, now)


def cancel_future_meetings(exchange, now):
    """When an exchange closes, its meetings still to come are cancelled (calendars told)."""
    for meeting in exchange.meetings:
        if meeting.status == "planned" and meeting.starts_at > now:
            meeting.status = "cancelled"
            meeting.sequence += 1
    db.session.flush()


def _check_offer(skill, owner):
    if not isinstance(skill, Skill) or skill.owner_id != owner.id or skill.direction != "offer":
        raise ExchangeError(_("That skill is not one of this member's offers."), 400)


def make_objectives(titles):
    titles = [" ".join(str(t).split()) for t in titles if str(t).strip()]
    if not 1 <= len(titles) <= MAX_OBJECTIVES:
        raise ExchangeError(_("Set between 1 and 5 objectives."), 400)
    if any(len(t) > OBJECTIVE_LENGTH for t in titles):
        raise ExchangeError(_("An objective has at most 200 characters."), 400)
    return [Objective(position=i, title=t) for i, t in enumerate(titles)]


def check_framework(values):
    """Checked framework fields: frequency, planned meetings, length, channel, place, rules, start."""
    if set(values) - set(FRAMEWORK_FIELDS):
        raise ExchangeError(_("Unknown framework field."), 400)
    checked = {}
    if values.get("frequency", "fortnightly") not in FREQUENCIES:
        raise ExchangeError(_("Meet weekly, fortnightly or monthly."), 400)
    checked["frequency"] = values.get("frequency", "fortnightly")
    for name, (low, high), default in (("planned_meetings", PLANNED_MEETINGS, 6),
                                       ("meeting_minutes", MEETING_MINUTES, 45)):
        value = values.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ExchangeError(_("A value of the framework is out of range."), 400)
        checked[name] = value
    if values.get("channel", "video") not in CHANNELS:
        raise ExchangeError(_("Meet in person or by video."), 400)
    checked["channel"] = values.get("channel", "video")
    checked["place"] = (values.get("place") or "").strip()[:PLACE_LENGTH]
    checked["ground_rules"] = (values.get("ground_rules") or "").strip()[:GROUND_RULES_LENGTH]
    start = values.get("start_date")
    if start is not None and not isinstance(start, date):
        raise ExchangeError(_("The start date is not a date."), 400)
    checked["start_date"] = start
    return checked
