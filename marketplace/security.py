"""HTTP hardening: security headers, Secure cookies and HSTS in production, trusted hosts,
no-store on private pages, and the public address external links are built on."""

from urllib.parse import urlsplit

from flask import Response, current_app, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import SecurityError

# No inline script or style anywhere: behaviour lives in static/js/app.js.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Links to video rooms and other sites never carry our paths (feed tokens, ids).
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def init_app(app):
    """Apply the production settings and add the headers to every response."""
    config = app.config
    public_url = config.get("PUBLIC_URL")
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RuntimeError("MARKETPLACE_PUBLIC_URL must look like https://passerelle.example.org")
        if config.get("TRUSTED_HOSTS") is None:
            # Only the public name is served: a forged Host header gets 400.
            config["TRUSTED_HOSTS"] = [parts.hostname]
    if config.get("PRODUCTION"):
        if not public_url and not config.get("TRUSTED_HOSTS"):
            raise RuntimeError("In production set MARKETPLACE_PUBLIC_URL (or MARKETPLACE_TRUSTED_HOSTS): "
                               "links must never be built on a Host header a client chose.")
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
    app.after_request(_secure_response)
    app.register_error_handler(SecurityError, _untrusted_host)


def _untrusted_host(error):
    """A Host header outside TRUSTED_HOSTS: no page can be built (URLs need a host), so plain text."""
    return Response(_("Bad request: this host name is not served here.") + "\n", 400, mimetype="text/plain")


def _secure_response(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    config = current_app.config
    if config.get("PRODUCTION"):
        response.headers.setdefault("Strict-Transport-Security",
                                     f"max-age={config['HSTS_SECONDS']}; includeSubDomains")
    if request.endpoint != "static" and _signed_in():
        # Private pages never go to a shared cache nor stay in the browser's history cache.
        if "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


def _signed_in():
    try:
        return current_user.is_authenticated
    except SQLAlchemyError:  # the error page of a database outage: the member cannot be loaded
        return False


def external_url(endpoint, **values):
    """An absolute URL for links that leave the site (calendar feeds): built on PUBLIC_URL
    when configured, never on a Host header a client chose."""
    public_url = current_app.config.get("PUBLIC_URL")
    if public_url:
        return public_url.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def public_host():
    """The host name that identifies this site in calendar UIDs (PUBLIC_URL's, else a constant)."""
    public_url = current_app.config.get("PUBLIC_URL")
    return urlsplit(public_url).hostname if public_url else "passerelle"
