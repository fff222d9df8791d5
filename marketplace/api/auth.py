"""Who may call the API, and how a write proves it was meant.

A request is signed in by a personal access token (`Authorization: Bearer psl_...`, see
accounts/access_tokens.py) or by the site's session cookie. A token is a key the member
handed to a program on purpose, so its writes need nothing more; a cookie is sent by the
browser to any site's request, so a write signed in by the cookie must carry the CSRF token
in the `X-CSRFToken` header (the token is in every page's `<meta name="csrf-token">`).
"""

from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms.validators import ValidationError

from ..accounts import access_tokens
from ..extensions import csrf, login_manager
from .problems import problem

CSRF_HEADER = "X-CSRFToken"


def api_login_required(view):
    """A 401 problem instead of a redirect to the sign-in page; a 403 problem when the
    token's scope does not allow the method."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return problem(401, _("Sign in first, or send a personal access token."),
                           headers={"WWW-Authenticate": 'Bearer realm="api"'})
        token = g.get("api_token")
        if token is not None and not access_tokens.may(token, request.method):
            return problem(403, _("This token may only read."))
        return view(*args, **kwargs)

    return wrapped


def sign_in_by_token():
    """Before every API request: a request that names a Bearer token in `Authorization` is
    signed in by that token alone, or by nobody when it names no live one (a 401 follows). The cookies
    are not read then: a read-only token sent by a signed-in browser must not write."""
    if request.headers.get("Authorization", "").partition(" ")[0].lower() == "bearer":
        # Flask-Login's own way of setting the request's member (what its loaders end with).
        login_manager._update_request_context_with_user(access_tokens.member_from_bearer(request))


def signed_in_by_cookie():
    """Whether the request's member comes from the session cookie (not from a token)."""
    return current_user.is_authenticated and g.get("api_token") is None


def check_csrf_header():
    """Before every API request: a write signed in by the session cookie must carry the CSRF
    token in the X-CSRFToken header (Flask-WTF checks it; a failure is a 403 problem).
    Writes with a token, and requests nobody signed in (a 401 follows), need none."""
    if request.method in access_tokens.SAFE_METHODS or not current_app.config["WTF_CSRF_ENABLED"]:
        return None
    if signed_in_by_cookie():
        try:  # the header only: a form field would make the body a form, which the API refuses
            validate_csrf(request.headers.get(CSRF_HEADER))
        except ValidationError as error:
            raise CSRFError(error.args[0]) from error
    return None


def init_blueprint(blueprint):
    """Let the API blueprint check CSRF by the rule above (its ApiBlueprint runs it) instead
    of Flask-WTF's, which would refuse every token-signed write."""
    csrf.exempt(blueprint)
