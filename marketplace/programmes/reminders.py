"""What a programme does on the clock, run by the existing `send-reminders` command: reminders
at the programme's rhythm, and closing programmes past their end."""

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..accounts.models import utcnow
from ..exchange.models import RHYTHM_DAYS, Exchange
from ..extensions import db
from ..notifications.services import notify
from .models import Programme


def send_programme_reminders(now=None):
    """Tell the members of each active exchange of a running programme (both sides of a pair,
    the mentor and the seated members of a cohort) to plan their next meeting when none is
    planned and a full rhythm (week, fortnight, month) has passed since the last one held, or
    since the exchange started. Once per rhythm period: the key names the period. Programmes
    past their end date remind nobody."""
    now = now or utcnow()
    exchanges = db.session.scalars(
        sa.select(Exchange).join(Programme, Programme.id == Exchange.programme_id)
        .where(Programme.status == "running", Programme.ends_on >= now.date(), Exchange.status == "active")
        .options(selectinload(Exchange.meetings))).all()
    sent = 0
    for exchange in exchanges:
        rhythm = timedelta(days=RHYTHM_DAYS[exchange.frequency])
        if any(m.status == "planned" and m.starts_at > now for m in exchange.meetings):
            continue
        held = [m.starts_at for m in exchange.meetings if m.status == "held"]
        started = exchange.accepted_at or exchange.created_at
        if now - max(held, default=started) < rhythm:
            continue
        period = (now - started) // rhythm
        programme = db.session.get(Programme, exchange.programme_id)
        for person in exchange.participants:
            sent += bool(notify(person, "programme_checkin", f"programme_rhythm:{exchange.id}:{period}",
                                actor=exchange.other(person), exchange=exchange, programme=programme))
    return sent


def close_finished_programmes(now=None):
    """Running programmes whose end date has passed are closed (their exchanges go on as the
    pairs decide). Returns how many."""
    today = (now or utcnow()).date()
    finished = db.session.scalars(sa.select(Programme).where(Programme.status == "running",
                                                             Programme.ends_on < today)).all()
    for programme in finished:
        programme.status = "closed"
    db.session.flush()
    return len(finished)
