"""Personal access tokens for the JSON API: created, named, scoped and revoked by their member.

The secret ("psl_" and 43 random characters) is shown once, when created; only its SHA-256
is stored (a high-entropy secret needs no slow hash), with its first characters as a hint.
A request names it in `Authorization: Bearer psl_...`, on /api/ paths only; a read-only
token may only read (GET, HEAD, OPTIONS). Tokens die with the account, survive a password
change, and end with "sign out of every device" when the member asks.

GET requests change nothing, so a token's last use is not written by the request that uses
it: each process notes it in memory and writes it, at most once a minute per process and
in a transaction of its own, from a background thread (`TOKEN_USES` = "background"; the
tests use "manual" and call `write_token_uses`).
"""

import hashlib
import os
import secrets
import threading
import time

import sqlalchemy as sa
from flask import current_app, g
from flask_babel import gettext as _

from ..errors import Conflict, DomainError, NotFound
from ..extensions import db
from .models import MAX_TOKENS, TOKEN_NAME_LENGTH, TOKEN_PREFIX, TOKEN_SCOPES, ApiToken, utcnow

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")  # what a read-only token may do
USE_WRITE_INTERVAL_S = 60
USE_MODES = ("background", "manual")
HINT_LENGTH = 8


class TokenError(DomainError):
    """The token cannot be created as asked (HTTP 400)."""

    status_code = 400


def token_hash(secret):
    """The stored form of a token's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(member, name, scope, now=None):
    """A new live token of the member: (ApiToken, its secret, to show once)."""
    name = " ".join(str(name or "").split())
    if not name:
        raise TokenError(_("Name the token (what uses it)."))
    if len(name) > TOKEN_NAME_LENGTH:
        raise TokenError(_("A token's name has at most %(num)d characters.", num=TOKEN_NAME_LENGTH))
    if scope not in TOKEN_SCOPES:
        raise TokenError(_("Choose read or write."))
    if len(tokens_of(member)) >= MAX_TOKENS:
        raise Conflict(_("You have %(num)d live tokens: revoke one first.", num=MAX_TOKENS))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=member.id, name=name, scope=scope, token_hash=token_hash(secret),
                     hint=secret[:HINT_LENGTH], created_at=now or utcnow())
    db.session.add(token)
    db.session.flush()
    return token, secret


def tokens_of(member):
    """The member's live tokens, newest first."""
    return db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == member.id, ApiToken.revoked_at.is_(None))
                              .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).all()


def revoke_token(member, token_id, now=None):
    """Revoke one of the member's live tokens; anyone else's is reported as not found."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != member.id or token.revoked_at is not None:
        raise NotFound(_("This token does not exist."))
    token.revoked_at = now or utcnow()
    db.session.flush()
    return token


def revoke_all(member, now=None):
    """Revoke every live token of the member; returns how many."""
    result = db.session.execute(sa.update(ApiToken).where(ApiToken.user_id == member.id, ApiToken.revoked_at.is_(None))
                                .values(revoked_at=now or utcnow()))
    return result.rowcount


def token_for(secret):
    """The live token with this secret, its member not deleted; else None."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_hash(secret),
                                                        ApiToken.revoked_at.is_(None)))
    if token is None or token.user.deleted_at is not None:
        return None
    return token


def may(token, method):
    """Whether the token's scope allows this HTTP method."""
    return token.may_write or method in SAFE_METHODS


def init_app(app):
    """Check TOKEN_USES (the API's blueprints sign a request in by its token, see api/auth.py)."""
    if app.config["TOKEN_USES"] not in USE_MODES:
        raise ValueError(f"TOKEN_USES must be one of {', '.join(USE_MODES)}, not {app.config['TOKEN_USES']!r}")


def member_from_bearer(request):
    """The member a live token in `Authorization: Bearer` names, on /api/ paths only (pages
    never accept a token), else None; the token is kept in `g.api_token` for the scope check."""
    if not request.path.startswith("/api/"):
        return None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = token_for(secret.strip())
    if token is None:
        return None
    g.api_token = token
    note_use(token)
    return token.user


# --- Last use, noted in memory and written apart from the request. ---------------------------

_uses = {}  # token id -> latest use, in this process
_uses_lock = threading.Lock()
_writer = {"pid": None}


def note_use(token, now=None):
    """Remember that the token was used (written later, never by this request)."""
    moment = now or utcnow()
    with _uses_lock:
        previous = _uses.get(token.id)
        _uses[token.id] = moment if previous is None else max(previous, moment)
    if current_app.config["TOKEN_USES"] == "background" and _writer["pid"] != os.getpid():
        _writer["pid"] = os.getpid()
        app = current_app._get_current_object()
        threading.Thread(target=_write_forever, args=(app,), name="token-uses", daemon=True).start()


def write_token_uses():
    """Write the noted uses (a token's last use only moves forward); returns how many."""
    with _uses_lock:
        noted = dict(_uses)
        _uses.clear()
    try:
        for token_id, used_at in noted.items():
            db.session.execute(sa.update(ApiToken).where(
                ApiToken.id == token_id, sa.or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < used_at))
                .values(last_used_at=used_at))
        db.session.commit()
    except Exception:
        db.session.rollback()
        with _uses_lock:  # kept for the next round
            for token_id, used_at in noted.items():
                _uses[token_id] = max(used_at, _uses.get(token_id, used_at))
        raise
    return len(noted)


def _write_forever(app):
    while True:
        time.sleep(USE_WRITE_INTERVAL_S)
        try:
            with app.app_context():
                write_token_uses()
        except Exception:  # a database hiccup: the next round writes them (or later uses)
            app.logger.exception("writing the last use of API tokens failed")
