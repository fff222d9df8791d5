"""Member accounts."""

import hashlib
import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db, login_manager

SENIORITIES = ("junior", "mid", "senior", "executive")
MANAGER_ROLE = "manager"  # may run HR programmes (programmes/)
ROLES = ("member", MANAGER_ROLE)
LOCALES = ("en", "fr")
DEFAULT_TIMEZONE = "Europe/Paris"
# Languages a member can speak (ISO 639-1), offered on the profile form.
SPOKEN_LANGUAGES = (
    "fr", "en", "es", "de", "it", "pt", "nl", "ar", "zh", "ja", "ru", "pl", "ro", "tr", "hi",
)


def utcnow():
    """The current UTC time, naive, as the database stores it."""
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
    timezone: Mapped[str] = mapped_column(sa.String(64), default=DEFAULT_TIMEZONE)
    locale: Mapped[str] = mapped_column(sa.String(8), default="fr")
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    availability: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[str] = mapped_column(sa.String(16), default="member")
    calendar_token: Mapped[str] = mapped_column(
        sa.String(64), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    # Bumped by password change or reset, "sign out everywhere" and deletion: e-mailed reset
    # and sign-up links name the version they were issued under, so they work once.
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
        """The skills the member can teach."""
        return [skill for skill in self.skills if skill.direction == "offer"]

    @property
    def needs(self):
        """The skills the member wants to learn."""
        return [skill for skill in self.skills if skill.direction == "learn"]

    @property
    def public_name(self):
        """The name shown to others: "Former member", translated, once the account is deleted."""
        if self.deleted_at is not None:
            from flask_babel import gettext

            return gettext("Former member")
        return self.display_name

    # The session this request runs under (set by sign-in or load_user; never stored).
    session_token = None

    def get_id(self):
        """What Flask-Login keeps in the session and remember-me cookie: the member's id and
        the secret of this one session (see MemberSession), so it can be revoked alone."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self):
        return f"<User {self.id} {self.email}>"


@login_manager.user_loader
def load_user(session_id):
    """The member a session or remember-me cookie names, while that session is live.

    The cookie carries "<member id>:<session secret>"; logout ends that session's row, and a
    password change or reset, "sign out of every device" and deletion end all of them, so a
    copied cookie loads no one afterwards. Deleted members load no one either.
    """
    member_id, _, token = (session_id or "").partition(":")
    if not (member_id.isascii() and member_id.isdigit() and int(member_id) < 2**31 and token):
        return None  # not ours, from before session rows ("12"), or beyond an INTEGER column
    user = db.session.scalar(
        sa.select(User).join(MemberSession, MemberSession.user_id == User.id)
        .where(User.id == int(member_id), User.deleted_at.is_(None),
               MemberSession.token_hash == session_token_hash(token),
               MemberSession.created_at > session_floor())
    )
    if user is not None:
        user.session_token = token
    return user


def session_floor():
    """Sessions opened before this are over: none outlives the remember-me cookie."""
    from flask import current_app

    return utcnow() - current_app.config["REMEMBER_COOKIE_DURATION"]


def session_token_hash(token):
    """Session secrets are stored hashed: a copy of the database signs no one in."""
    return hashlib.sha256(token.encode()).hexdigest()


class MemberSession(db.Model):
    """One signed-in browser of a member (a session, or a remember-me cookie)."""

    __tablename__ = "member_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginThrottle(db.Model):
    """Sign-in attempts on one e-mail since its last success, to slow down guessing.

    One row per e-mail, known to us or not (so the answer never tells which), counted with a
    single UPDATE so concurrent attempts in several workers cannot all slip through.
    """

    __tablename__ = "login_throttles"

    email: Mapped[str] = mapped_column(sa.String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime] = mapped_column(index=True)
    next_attempt_at: Mapped[datetime] = mapped_column()


# --- Personal access tokens for the JSON API (accounts/access_tokens.py). -----------------------
TOKEN_SCOPES = ("read", "write")  # read: GET only; write: every method
TOKEN_NAME_LENGTH = 80
MAX_TOKENS = 20  # live tokens per member
TOKEN_PREFIX = "psl_"  # so a leaked token is recognisable (secret scanners, logs)


class ApiToken(db.Model):
    """A personal access token: named and scoped by its member, stored hashed (the secret is
    shown once, when created), revocable. It dies with the account; a password change keeps
    it; "sign out of every device" ends it when the member asks."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(TOKEN_NAME_LENGTH))
    scope: Mapped[str] = mapped_column(sa.String(8))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The secret's first characters, to tell tokens apart on the page ("psl_Xy3…").
    hint: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()

    user = relationship("User")

    @property
    def may_write(self):
        return self.scope == "write"
