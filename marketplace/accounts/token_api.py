"""/api/v1/tokens: my personal access tokens, as on /profile/tokens (accounts/token_views.py).

A token is a key the member hands to a program; a program holding one must not mint
others (a read-only token would make itself a read-write one), so creating a token takes the
member signed in on the site, by the session cookie and its CSRF header. Listing and
revoking may use a token (a leaked one can be revoked by a script of its member).
"""

import marshmallow as ma
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import fields, validate

from ..api.auth import api_login_required, signed_in_by_cookie
from ..api.openapi import CREATED, ApiBlueprint
from ..api.schemas import Instant, Text
from ..errors import Forbidden
from ..extensions import db
from . import access_tokens
from .models import TOKEN_NAME_LENGTH, TOKEN_SCOPES

bp = ApiBlueprint("tokens_api", __name__, url_prefix="/api/v1",
                  description="My personal access tokens (creating one takes the member signed in on the site).")


class TokenSchema(ma.Schema):
    """A token as its member sees it: never its secret after creation."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(TOKEN_SCOPES))
    hint = fields.String(required=True, metadata={"description": "The secret's first characters."})
    created_at = Instant(required=True)
    last_used_at = Instant(required=True, allow_none=True)


class NewTokenSchema(ma.Schema):
    """A token to create."""

    name = Text(TOKEN_NAME_LENGTH, required=True, metadata={"description": "What will use it."})
    scope = fields.String(required=True, validate=validate.OneOf(TOKEN_SCOPES))


class CreatedTokenSchema(TokenSchema):
    """A token just created, with its secret: shown this once, stored only as a hash."""

    secret = fields.String(required=True)


class TokenListSchema(ma.Schema):
    """My live tokens, newest first."""

    tokens = fields.List(fields.Nested(TokenSchema), required=True)


@bp.get("/tokens")
@api_login_required
@bp.response(200, TokenListSchema)
@bp.errors(401)
def tokens():
    """My live tokens, newest first (their secrets are never shown again)."""
    return {"tokens": access_tokens.tokens_of(current_user)}


@bp.post("/tokens")
@api_login_required
@bp.arguments(NewTokenSchema)
@bp.response(201, CreatedTokenSchema, headers=CREATED)
@bp.errors(401, 403, 409)
def create(new):
    """Create a token (signed in on the site only: a token cannot create tokens). The answer
    holds its secret, shown this once."""
    if not signed_in_by_cookie():
        raise Forbidden(_("A token cannot create tokens: sign in on the site."))
    token, secret = access_tokens.create_token(current_user, new["name"], new["scope"])
    db.session.commit()
    shown = {name: getattr(token, name) for name in TokenSchema().fields}
    return {**shown, "secret": secret}, {"Location": url_for("tokens_api.tokens")}


@bp.delete("/tokens/<int:token_id>")
@api_login_required
@bp.response(204)
@bp.errors(401, 403, 404)
def revoke(token_id):
    """Revoke one of my tokens (this one included): requests carrying it are refused from now on."""
    access_tokens.revoke_token(current_user, token_id)
    db.session.commit()
