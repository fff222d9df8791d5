"""Slowing down password guessing on one account, whatever addresses the guesses come from.

Flask-Limiter (marketplace/ratelimit.py) bounds each client address; this bounds each account:
after ACCOUNT_SLOWDOWN_AFTER failures in a row within ACCOUNT_SLOWDOWN_WINDOW, the account takes
one attempt per ACCOUNT_SLOWDOWN_SECONDS. It never locks the owner out: a browser that signed in
to the account before is not slowed (see known_device_token), and a slow-down lasts seconds.

The count lives in the database and is taken with one UPDATE ... RETURNING, so concurrent
attempts in several workers and threads are counted one by one. It is written on its own
connection and committed at once: the count must stay when the request rolls back, and the row
lock must not be held while the password hash is checked.
"""

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from .models import LoginThrottle

DEVICE_COOKIE = "passerelle_device"
NEVER_PAUSED = datetime(2000, 1, 1)
DEVICE_SALT = "passerelle.known-device"


def claim_attempt(email, now):
    """Count one sign-in attempt on this e-mail; False when the account must be left alone
    a while (no password is checked then)."""
    config = current_app.config
    window_floor = now - timedelta(seconds=config["ACCOUNT_SLOWDOWN_WINDOW"])
    pause_until = now + timedelta(seconds=config["ACCOUNT_SLOWDOWN_SECONDS"])
    row = LoginThrottle.__table__.c
    stale = row.window_started_at < window_floor
    claim = (
        sa.update(LoginThrottle)
        .where(row.email == email, row.next_attempt_at <= now)
        .values(
            # Every right-hand side reads the row as it was before this update.
            failures=sa.case((stale, 1), else_=row.failures + 1),
            window_started_at=sa.case((stale, now), else_=row.window_started_at),
            # Left as it was below the threshold: a concurrent attempt that read the clock a
            # moment earlier must not find the account paused.
            next_attempt_at=sa.case(
                (sa.and_(sa.not_(stale), row.failures + 1 >= config["ACCOUNT_SLOWDOWN_AFTER"]), pause_until),
                else_=row.next_attempt_at),
        )
        .returning(row.failures)
    )
    with db.engine.begin() as connection:
        connection.execute(_insert_missing(connection, email, now))
        return connection.execute(claim).first() is not None


def forget_attempts(email):
    """The account was signed in to: its count starts again."""
    with db.engine.begin() as connection:
        connection.execute(sa.delete(LoginThrottle).where(LoginThrottle.email == email))


def prune(now):
    """Drop the counts nobody added to for a whole window (guesses on unknown e-mails too)."""
    floor = now - timedelta(seconds=current_app.config["ACCOUNT_SLOWDOWN_WINDOW"])
    with db.engine.begin() as connection:
        connection.execute(sa.delete(LoginThrottle).where(
            LoginThrottle.window_started_at < floor, LoginThrottle.next_attempt_at < now))


def _insert_missing(connection, email, now):
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[connection.dialect.name]
    return (
        dialect.insert(LoginThrottle)
        .values(email=email, failures=0, window_started_at=now, next_attempt_at=NEVER_PAUSED)
        .on_conflict_do_nothing(index_elements=["email"])
    )


def known_device_token(email):
    """Value of the cookie that marks a browser the member signed in from (a signed digest of
    the e-mail, read without touching the database before the attempt is counted)."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT).dumps(_digest(email))


def is_known_device(token, email):
    """True when the cookie says this browser signed in to this e-mail's account before."""
    if not token:
        return False
    try:
        digest = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT).loads(token)
    except BadData:
        return False
    return digest == _digest(email)


def _digest(email):
    return hashlib.sha256(email.encode()).hexdigest()[:32]
