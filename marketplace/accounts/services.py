"""Account rules: sign-up, authentication, profile changes."""

from datetime import timedelta
from functools import cache
from zoneinfo import available_timezones

import sqlalchemy as sa

from flask_babel import gettext as _

from ..errors import DomainError
from ..extensions import db
from .models import LOCALES, SENIORITIES, SPOKEN_LANGUAGES, LoginFailure, User, utcnow
from .passwords import hash_password, needs_rehash, verify_password
from .queries import user_by_email

PROFILE_FIELDS = (
    "display_name", "job_title", "seniority", "department", "languages",
    "timezone", "locale", "bio", "availability",
)


class AccountError(DomainError):
    """An account operation broke a rule."""


def normalise_email(email):
    return (email or "").strip().lower()


def register_member(email, password, display_name, **profile):
    """Create a member; emails are unique whatever their case.

    Raises:
        AccountError: the email is already taken or a profile value is invalid.
    """
    email = normalise_email(email)
    if db.session.scalar(user_by_email(email)) is not None:
        raise AccountError(_("An account already exists for this email."), 409)
    user = User(email=email, password_hash=hash_password(password), display_name=display_name.strip())
    _apply_profile(user, profile)
    db.session.add(user)
    db.session.flush()
    return user


MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)


def authenticate(email, password, now=None):
    """Return the member for these credentials, or None.

    Raises:
        AccountError (429): too many failed attempts on this email in the last 15 minutes.
    """
    email, now = normalise_email(email), now or utcnow()
    recent = db.session.scalar(
        sa.select(sa.func.count(LoginFailure.id))
        .where(LoginFailure.email == email, LoginFailure.created_at > now - FAILURE_WINDOW)
    )
    if recent >= MAX_FAILURES:
        raise AccountError(_("Too many attempts. Please wait a few minutes and try again."), 429)
    user = db.session.scalar(user_by_email(email))
    if user is None:
        # Spend the same time as a real check so response times do not reveal accounts.
        verify_password(_dummy_hash(), password)
    if user is None or not verify_password(user.password_hash, password):
        db.session.add(LoginFailure(email=email[:254], created_at=now))
        db.session.execute(sa.delete(LoginFailure).where(LoginFailure.created_at < now - FAILURE_WINDOW))
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def update_profile(user, **profile):
    """Change a member's profile fields after checking each value."""
    _apply_profile(user, profile)
    db.session.flush()
    return user


def rotate_calendar_token(user):
    """Give the member a new secret calendar feed address; the old one stops working."""
    import secrets

    user.calendar_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.calendar_token


def _apply_profile(user, profile):
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise AccountError(_("Unknown profile field."))
    if "seniority" in profile and profile["seniority"] not in SENIORITIES:
        raise AccountError(_("Unknown seniority."))
    if "locale" in profile and profile["locale"] not in LOCALES:
        raise AccountError(_("Unknown interface language."))
    if "timezone" in profile and profile["timezone"] not in available_timezones():
        raise AccountError(_("Unknown time zone."))
    if "languages" in profile:
        languages = list(dict.fromkeys(profile["languages"] or []))
        if any(code not in SPOKEN_LANGUAGES for code in languages):
            raise AccountError(_("Unknown language."))
        profile["languages"] = languages
    if "display_name" in profile:
        profile["display_name"] = (profile["display_name"] or "").strip()
        if not profile["display_name"]:
            raise AccountError(_("A display name is required."))
    for field, value in profile.items():
        setattr(user, field, value.strip() if isinstance(value, str) else value)



@cache
def _dummy_hash():
    return hash_password("timing-equaliser")
