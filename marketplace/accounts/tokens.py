"""Signed links sent by e-mail: sign-up confirmation and password reset.

Nothing is stored: a link carries its data, signed with the secret key and dated. A reset link
names the member's session version, which the reset bumps, so a link works once; so does a
sign-up link, refused once its e-mail has an account.
"""

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

SIGNUP_SALT = "passerelle.signup"
RESET_SALT = "passerelle.password-reset"


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def signup_token(email, display_name, seniority, timezone, locale):
    """A link token carrying a sign-up request until the address owner confirms it."""
    return _serializer(SIGNUP_SALT).dumps(
        {"email": email, "name": display_name, "seniority": seniority, "tz": timezone, "locale": locale})


def read_signup_token(token):
    """The sign-up request a token carries, or None when forged or expired."""
    try:
        data = _serializer(SIGNUP_SALT).loads(token, max_age=current_app.config["SIGNUP_LINK_MAX_AGE"])
    except BadData:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("email", "name", "seniority", "tz", "locale")):
        return None
    return {"email": data["email"], "display_name": data["name"], "seniority": data["seniority"],
            "timezone": data["tz"], "locale": data["locale"]}


def reset_token(user):
    """A password reset token for this member, valid until used or expired."""
    return _serializer(RESET_SALT).dumps({"id": user.id, "v": user.session_version})


def read_reset_token(token):
    """(member id, session version) from a reset token, or None when forged or expired."""
    try:
        data = _serializer(RESET_SALT).loads(token, max_age=current_app.config["PASSWORD_RESET_LINK_MAX_AGE"])
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int) or not isinstance(data.get("v"), int):
        return None
    return data["id"], data["v"]
