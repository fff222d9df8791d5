"""Member accounts."""

import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db, login_manager

SENIORITIES = ("junior", "mid", "senior", "executive")
ROLES = ("member", "manager")
LOCALES = ("en", "fr")
# Languages a member can speak (ISO 639-1), offered on the profile form.
SPOKEN_LANGUAGES = (
    "fr", "en", "es", "de", "it", "pt", "nl", "ar", "zh", "ja", "ru", "pl", "ro", "tr", "hi",
)


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased: uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(80))
    job_title: Mapped[str] = mapped_column(sa.String(120), default="")
    seniority: Mapped[str] = mapped_column(sa.String(16), default="junior")
    department: Mapped[str] = mapped_column(sa.String(80), default="")
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Europe/Paris")
    locale: Mapped[str] = mapped_column(sa.String(8), default="fr")
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    availability: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[str] = mapped_column(sa.String(16), default="member")
    calendar_token: Mapped[str] = mapped_column(
        sa.String(64), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    # Bumped by logout, password change or reset and "sign out everywhere": a session or
    # remember-me cookie carrying an older value is refused on its next request.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set when the member deleted their account: personal data is erased, the row stays so
    # the other side of an exchange keeps its history ("former member").
    deleted_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    skills = relationship(
        "Skill", back_populates="owner", cascade="all, delete-orphan", order_by="Skill.id"
    )

    @property
    def offers(self):
        return [skill for skill in self.skills if skill.direction == "offer"]

    @property
    def needs(self):
        return [skill for skill in self.skills if skill.direction == "learn"]

    def __repr__(self):
        return f"<User {self.id} {self.email}>"


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


class LoginFailure(db.Model):
    """A failed sign-in, kept a short while to slow down password guessing."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
