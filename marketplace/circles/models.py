"""Proposed exchange circles and each member's answer.

A circle is a proposal: the members in teaching order (each teaches the next, the last
teaches the first), what each teaches and why. It becomes an exchange when every member
has accepted; one decline dissolves it, and its member set is never proposed again.

Every list of choices and every limit of the domain is here, and only here.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..exchange.models import TOPIC_LENGTH
from ..exchange.services import PROPOSAL_LIFETIME
from ..extensions import db

# proposed: waiting for answers; formed: everyone accepted, the exchange exists;
# dissolved: someone declined (or left); expired: not every answer came in time.
CIRCLE_STATUSES = ("proposed", "formed", "dissolved", "expired")
# Circles whose member set is never proposed again.
REMEMBERED_STATUSES = ("dissolved", "expired")
ANSWERS = ("waiting", "accepted", "declined")
ANSWER_TIME = PROPOSAL_LIFETIME  # as exchange proposals: then the circle expires


class Circle(db.Model):
    """A proposed circle of two or three members, found by `find-circles`."""

    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="proposed", index=True)
    # The sum of its edges' points (solver.points): what the solver maximised.
    points: Mapped[int] = mapped_column(default=0)
    # Found within a programme by its manager; None: the nightly run over every member.
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id", ondelete="SET NULL"),
                                                     index=True)
    exchange_id: Mapped[int | None] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    # Bumped by every answer: the UPDATE takes the row lock that serialises them.
    lock_version: Mapped[int] = mapped_column(default=0)

    members = relationship("CircleMember", cascade="all, delete-orphan", order_by="CircleMember.position",
                           back_populates="circle", lazy="selectin")
    exchange = relationship("Exchange")
    programme = relationship("Programme")

    def member_of(self, user):
        """The user's place in the circle, or None."""
        return next((m for m in self.members if user is not None and m.member_id == user.id), None)

    def next_of(self, place):
        """The place after `place`: whom its member teaches."""
        return self.members[(place.position + 1) % len(self.members)]

    def previous_of(self, place):
        """The place before `place`: who teaches its member."""
        return self.members[place.position - 1]


class CircleMember(db.Model):
    """One member of a circle: their answer, and what they teach the next member."""

    __tablename__ = "circle_members"
    __table_args__ = (sa.UniqueConstraint("circle_id", "member_id", name="uq_circle_members_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(sa.ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    answer: Mapped[str] = mapped_column(sa.String(16), default="waiting")
    answered_at: Mapped[datetime | None] = mapped_column()
    # What this member teaches the next one: their offer, the next member's need, and the
    # match's calibrated probability; titles kept as found, should the skills change.
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("skills.id", ondelete="SET NULL"))
    need_id: Mapped[int | None] = mapped_column(sa.ForeignKey("skills.id", ondelete="SET NULL"))
    offer_title: Mapped[str] = mapped_column(sa.String(TOPIC_LENGTH))
    need_title: Mapped[str] = mapped_column(sa.String(TOPIC_LENGTH))
    probability: Mapped[float] = mapped_column()

    circle = relationship("Circle", back_populates="members")
    member = relationship("User", lazy="joined")
