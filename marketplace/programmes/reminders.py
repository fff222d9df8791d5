"""Programme reminders at the programme's rhythm, sent by the existing `send-reminders` command."""

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..accounts.models import utcnow
from ..exchange.models import RHYTHM_DAYS, Exchange
from ..extensions import db
from ..notifications.services import notify
from .models import Programme


def send_programme_reminders(now=None):
    """Tell both members of each active programme pair to plan their next meeting when none
    is planned and a full rhythm (week, fortnight, month) has passed since the last one held
    (or since the pair started). Once per rhythm period: the key names the period."""
    now = now or utcnow()
    exchanges = db.session.scalars(
        sa.select(Exchange).join(Programme, Programme.id == Exchange.programme_id)
        .where(Programme.status == "running", Exchange.status == "active", Exchange.partner_id.is_not(None))
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
        for person, other in ((exchange.proposer, exchange.partner), (exchange.partner, exchange.proposer)):
            sent += bool(notify(person, "programme_checkin", f"programme_rhythm:{exchange.id}:{period}",
                                actor=other, exchange=exchange, programme=db.session.get(Programme, exchange.programme_id)))
    return sent
