"""Skills members offer and want to learn."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db

DIRECTIONS = ("offer", "learn")
FORMATS = ("one_to_one", "group")
TITLE_LENGTH = (2, 120)
DESCRIPTION_LENGTH = 1000


class Skill(db.Model):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # "offer": the owner can teach it; "learn": the owner wants to learn it (a need).
    direction: Mapped[str] = mapped_column(sa.String(8))
    title: Mapped[str] = mapped_column(sa.String(TITLE_LENGTH[1]))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Proficiency for an offer; current level for a need (1-5).
    level: Mapped[int] = mapped_column(default=3)
    formats: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: ["one_to_one"])
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner = relationship("User", back_populates="skills")

    __table_args__ = (
        sa.CheckConstraint("direction in ('offer', 'learn')", name="direction"),
        sa.CheckConstraint("level between 1 and 5", name="level"),
    )

    @property
    def is_offer(self):
        return self.direction == "offer"

    def __repr__(self):
        return f"<Skill {self.id} {self.direction} {self.title!r}>"
