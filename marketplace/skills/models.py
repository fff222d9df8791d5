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


class SkillVector(db.Model):
    """A skill's embedding, with the recipe that made it and a hash of the text it encodes."""

    __tablename__ = "skill_vectors"

    skill_id: Mapped[int] = mapped_column(
        sa.ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    encoder: Mapped[str] = mapped_column(sa.String(200))
    text_hash: Mapped[str] = mapped_column(sa.String(64))
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)

    __table_args__ = (sa.Index("ix_skill_vectors_encoder_text_hash", "encoder", "text_hash"),)


class IndexProjection(db.Model):
    """A linear map from the encoder's vectors to the smaller vectors the index holds,
    fitted (without labels) on the stored offers; shared by every process."""

    __tablename__ = "index_projections"

    id: Mapped[int] = mapped_column(primary_key=True)
    encoder: Mapped[str] = mapped_column(sa.String(200))
    dim_in: Mapped[int] = mapped_column()
    dim_out: Mapped[int] = mapped_column()
    matrix: Mapped[bytes] = mapped_column(sa.LargeBinary)
    fitted_on: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IndexState(db.Model):
    """One row: a version bumped by every skill change, so each process can tell when its
    in-memory index went stale (the row lock also orders the changes)."""

    __tablename__ = "index_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    # The projection the index must use (None: full-dimensional vectors).
    projection_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("index_projections.id", ondelete="SET NULL")
    )


class SkillChange(db.Model):
    """Which skills a version changed; processes patch their index from this log."""

    __tablename__ = "skill_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, index=True)
    skill_id: Mapped[int] = mapped_column()
