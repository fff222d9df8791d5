"""Account rules: sign-up, authentication, passwords, sessions, profile changes."""

import re
import secrets
import string
from functools import cache
from importlib import resources
from zoneinfo import available_timezones

import sqlalchemy as sa
from flask_babel import gettext as _

from ..errors import DomainError
from ..extensions import db
from . import mails, throttle, tokens
from .models import LOCALES, SENIORITIES, SPOKEN_LANGUAGES, MemberSession, User, session_floor, session_token_hash, utcnow
from .passwords import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hash_password, needs_rehash, verify_password
from .queries import user_by_email

PROFILE_FIELDS = (
    "display_name", "job_title", "seniority", "department", "languages",
    "timezone", "locale", "bio", "availability",
)
# The longest text each profile field keeps (the profile form's limits, and the API's).
PROFILE_LENGTHS = {"display_name": 80, "job_title": 120, "department": 80, "bio": 2000, "availability": 200}
# Words of this site a password must not be built on (the demo accounts' password among them).
SITE_WORDS = ("passerelle", "passerelledemo", "marketplace")


class AccountError(DomainError):
    """An account operation broke a rule."""


class WrongPassword(AccountError):
    """The current password given to confirm a change is not the member's."""

    status_code = 422


def normalise_email(email):
    """An e-mail as stored: trimmed and lower-cased."""
    return (email or "").strip().lower()


# --- Sign-up: the address owner confirms by e-mail, then chooses a password. -------------

def request_signup(email, display_name, seniority, timezone, locale):
    """Start a sign-up; returns the mail to send once the transaction is committed.

    The caller shows the same "check your mail" page whether or not the address has an account:
    a new address gets a link to finish signing up, a known one a note with a reset link.

    Raises:
        AccountError: a profile value is invalid.
    """
    email = normalise_email(email)
    request = {"email": email, "display_name": (display_name or "").strip(), "seniority": seniority,
               "timezone": timezone, "locale": locale}
    _check_profile({k: v for k, v in request.items() if k != "email"})
    existing = db.session.scalar(user_by_email(email))
    if existing is not None:
        return mails.account_exists(existing) if existing.deleted_at is None else None
    return mails.signup_link(request)


def pending_signup(token):
    """The sign-up request a mailed link carries, while it can still be completed.

    Raises:
        AccountError: 404 when the link is forged or expired, 409 when it was already used.
    """
    request = tokens.read_signup_token(token)
    if request is None:
        raise AccountError(_("This link is invalid or has expired. Please sign up again."), 404)
    if db.session.scalar(user_by_email(request["email"])) is not None:
        raise AccountError(_("This link was already used. Please sign in."), 409)
    return request


def complete_signup(token, password):
    """Create the member a sign-up link names, with their chosen password.

    Raises:
        AccountError: the link is forged, expired or already used, or the password is weak.
    """
    request = pending_signup(token)
    try:
        with db.session.begin_nested():
            return register_member(request.pop("email"), password, request.pop("display_name"), **request)
    except sa.exc.IntegrityError:  # the same link, followed twice at once
        raise AccountError(_("This link was already used. Please sign in."), 409) from None


def register_member(email, password, display_name, **profile):
    """Create a member; emails are unique whatever their case.

    Raises:
        AccountError: the email is already taken, the password is weak or a profile value is invalid.
    """
    email = normalise_email(email)
    if db.session.scalar(user_by_email(email)) is not None:
        raise AccountError(_("An account already exists for this email."), 409)
    check_password_strength(password, email, display_name)
    user = User(email=email, password_hash=hash_password(password), display_name=display_name.strip())
    _apply_profile(user, profile)
    db.session.add(user)
    db.session.flush()
    return user


# --- Signing in and out. -----------------------------------------------------------------

def authenticate(email, password, known_device=None, now=None):
    """Return the member for these credentials, or None.

    Args:
        known_device: the known-device cookie of the browser, which spares the owner's own
            browsers the account slow-down.

    Raises:
        AccountError (429): the account takes no attempt right now (too many failures in a row).
    """
    email, now = normalise_email(email)[:254], now or utcnow()
    if not throttle.is_known_device(known_device, email) and not throttle.claim_attempt(email, now):
        raise AccountError(_("Too many attempts. Please wait a few minutes and try again."), 429)
    user = db.session.scalar(user_by_email(email))
    if user is None or user.deleted_at is not None:
        # Spend the same time as a real check so response times do not reveal accounts.
        verify_password(_dummy_hash(), password)
        user = None
    elif not verify_password(user.password_hash, password):
        user = None
    if user is None:
        throttle.prune(now)
        return None
    throttle.forget_attempts(email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_session(user):
    """Open a session for a member who just proved who they are; returns its secret (kept
    in the session and remember-me cookies, stored hashed)."""
    token = secrets.token_urlsafe(32)
    # The member's sessions past their lifetime go, so the table holds only live ones.
    db.session.execute(sa.delete(MemberSession).where(
        MemberSession.user_id == user.id, MemberSession.created_at <= session_floor()))
    db.session.add(MemberSession(user_id=user.id, token_hash=session_token_hash(token)))
    db.session.flush()
    user.session_token = token
    return token


def end_session(user):
    """Sign this browser out: its session and remember-me cookie stop working, wherever
    they were copied; the member's other devices stay signed in."""
    if user.session_token:
        db.session.execute(sa.delete(MemberSession).where(
            MemberSession.user_id == user.id, MemberSession.token_hash == session_token_hash(user.session_token)))


def end_sessions(user):
    """Revoke every session and remember-me cookie of the member ("sign out of every
    device", password change or reset, deletion), and every e-mailed link still out."""
    db.session.execute(sa.delete(MemberSession).where(MemberSession.user_id == user.id))
    user.session_version = (user.session_version or 0) + 1
    db.session.flush()


# --- Passwords. --------------------------------------------------------------------------

def change_password(user, current_password, new_password):
    """Change the password of a signed-in member who knows the current one; every other
    session ends (the caller signs this one in again).

    Raises:
        AccountError: the current password is wrong or the new one is weak.
    """
    if not verify_password(user.password_hash, current_password):
        raise WrongPassword(_("This is not your current password."))
    _set_password(user, new_password)
    return user


def request_password_reset(email):
    """The mail with a reset link for this address, or None when no member has it (the
    caller answers the same either way)."""
    user = db.session.scalar(user_by_email(normalise_email(email)))
    if user is None or user.deleted_at is not None:
        return None
    return mails.password_reset(user)


def member_for_reset(token):
    """The member a reset link is for, while it is valid.

    Raises:
        AccountError (404): the link is forged, expired or used.
    """
    claim = tokens.read_reset_token(token)
    user = db.session.get(User, claim[0]) if claim else None
    if user is None or user.deleted_at is not None or user.session_version != claim[1]:
        raise AccountError(_("This link is invalid, expired or already used. Please ask for a new one."), 404)
    return user


def reset_password(token, new_password):
    """Set a new password through an e-mailed link; the link and every session end with it.

    Raises:
        AccountError: the link is invalid or used, or the password is weak.
    """
    user = member_for_reset(token)
    _set_password(user, new_password)
    return user


def _set_password(user, password):
    check_password_strength(password, user.email, user.display_name)
    user.password_hash = hash_password(password)
    end_sessions(user)


def check_password_strength(password, email, display_name):
    """Refuse a password that is easy to guess (OWASP ASVS 5.0, V6.2).

    Refused: shorter than PASSWORD_MIN_LENGTH or longer than PASSWORD_MAX_LENGTH; one character
    or a short pattern repeated; one of the 10,000 most common passwords, also with digits or
    symbols around it; built on this site's name; equal to or containing the e-mail's name
    part or the display name. Any other character, spaces included, is allowed.

    Raises:
        AccountError (422): with a message saying what to change.
    """
    password = password or ""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise AccountError(_("Use at least %(num)s characters.", num=PASSWORD_MIN_LENGTH), 422)
    if len(password) > PASSWORD_MAX_LENGTH:
        raise AccountError(_("Use at most %(num)s characters.", num=PASSWORD_MAX_LENGTH), 422)
    lowered = password.lower()
    if re.fullmatch(r"(.{1,4}?)\1+", lowered, flags=re.DOTALL):
        raise AccountError(_("This password only repeats a few characters. Choose a less predictable one."), 422)
    core = lowered.strip(string.digits + string.punctuation + string.whitespace)
    if lowered in _common_passwords() or core in _common_passwords():
        raise AccountError(_("This password is among the most common ones. Choose a less predictable one."), 422)
    letters = _letters_and_digits(lowered)
    if any(word in letters for word in SITE_WORDS):
        raise AccountError(_("Do not build your password on the name of this site."), 422)
    email = normalise_email(email)
    for personal in (email, email.partition("@")[0], (display_name or "").lower()):
        personal = _letters_and_digits(personal)
        if personal and (letters == personal or (len(personal) >= 4 and personal in letters)):
            raise AccountError(_("Do not put your name or e-mail address in your password."), 422)


def _letters_and_digits(text):
    return "".join(c for c in text if c.isalnum())


@cache
def _common_passwords():
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# --- Profiles. ---------------------------------------------------------------------------

@cache
def time_zones():
    """Every IANA time zone a member may live in, in alphabetical order (the one list the
    forms, the API and the checks share)."""
    return tuple(sorted(available_timezones()))


def lock_member(member):
    """Serialise the changes of one member's profile and skills: a no-op UPDATE of their row
    (of a column nothing refers to, so no foreign key is checked) takes PostgreSQL's row lock,
    SQLite's write lock, until the transaction ends; what is read after it is current. Every
    service that changes a member's profile or skills takes it first, after any encoding (the
    model never runs under the lock), in the one order member row, skill rows, index: so an
    If-Match compared under it cannot be overtaken, and two writers never deadlock. A member
    not yet stored (no id) has nothing to lock."""
    if member.id is None:
        return
    db.session.execute(sa.update(User).where(User.id == member.id).values(display_name=User.display_name))
    db.session.expire(member, ["skills"])


def update_profile(user, **profile):
    """Change a member's profile fields after checking each value."""
    lock_member(user)
    _apply_profile(user, profile)
    db.session.flush()
    return user


def rotate_calendar_token(user):
    """Give the member a new secret calendar feed address; the old one stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.calendar_token


def _check_profile(profile):
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise AccountError(_("Unknown profile field."))
    if "seniority" in profile and profile["seniority"] not in SENIORITIES:
        raise AccountError(_("Unknown seniority."))
    if "locale" in profile and profile["locale"] not in LOCALES:
        raise AccountError(_("Unknown interface language."))
    if "timezone" in profile and profile["timezone"] not in time_zones():
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
    for name, limit in PROFILE_LENGTHS.items():
        if isinstance(profile.get(name), str) and len(profile[name].strip()) > limit:
            raise AccountError(_("Use at most %(num)s characters.", num=limit), 422)


def _apply_profile(user, profile):
    _check_profile(profile)
    for field, value in profile.items():
        setattr(user, field, value.strip() if isinstance(value, str) else value)


@cache
def _dummy_hash():
    return hash_password("timing-equaliser")
