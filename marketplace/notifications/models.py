"""Notifications shown in the notification centre, and the outbox of e-mails to send."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"
    # One notification per (member, event): reminders computed again never repeat.
    __table_args__ = (sa.UniqueConstraint("user_id", "key", name="uq_notifications_user_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    key: Mapped[str] = mapped_column(sa.String(120))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    exchange_id: Mapped[int | None] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"),
                                                     index=True)
    circle_id: Mapped[int | None] = mapped_column(sa.ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()

    actor = relationship("User", foreign_keys=[actor_id])
    exchange = relationship("Exchange")
    meeting = relationship("Meeting")
    programme = relationship("Programme")
    circle = relationship("Circle")


# --- The outbox: e-mails are queued in the transaction that causes them, sent after its
# commit (notifications/outbox.py). Every limit of their delivery is here, and only here.
MAX_ATTEMPTS = 8  # then the mail is a dead letter (failed_at), never tried again
FIRST_RETRY_DELAY = timedelta(minutes=2)  # doubled after each failure: 2, 4, 8 ... minutes
LONGEST_RETRY_DELAY = timedelta(hours=2)  # 8 attempts span about 4 hours of outage
CLAIM_LEASE = timedelta(minutes=5)  # a sender's hold on a mail: far longer than one SMTP try (10 s)
LAST_ERROR_LENGTH = 500
FINISHED_KEPT_FOR = timedelta(days=7)  # sent and dead mails (their links sign people in) are then deleted
COURIER_EXIT_WAIT = timedelta(seconds=15)  # an ending process waits this long for its courier thread


class OutgoingMail(db.Model):
    """One e-mail to send: queued with the change that causes it, delivered at least once.

    Pending while sent_at and failed_at are empty; due once next_attempt_at is past and no
    sender holds it (claimed_until empty or past)."""

    __tablename__ = "outgoing_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(320))
    subject: Mapped[str] = mapped_column(sa.String(998))  # the longest line e-mail allows
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_until: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    failed_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(sa.String(LAST_ERROR_LENGTH))
