"""Request rate limits (Flask-Limiter): counted in Redis when REDIS_URL is set, so every
gunicorn worker and machine shares them; in process memory otherwise (one process only)."""

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from .extensions import limiter


def init_app(app):
    """Pick the storage, trust the configured proxies, bind the limiter."""
    config = app.config
    redis_url = config.get("REDIS_URL")
    if not config.get("RATELIMIT_STORAGE_URI"):
        config["RATELIMIT_STORAGE_URI"] = redis_url or "memory://"
    hops = int(config.get("PROXY_HOPS") or 0)
    if hops:
        # X-Forwarded-For is forgeable: only read as many hops as proxies we run add.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    if int(config.get("WORKERS") or 1) > 1 and config["RATELIMIT_STORAGE_URI"].startswith("memory"):
        app.logger.warning(
            "%s worker processes count rate limits each in its own memory: a client gets "
            "that many times the limits. Set MARKETPLACE_REDIS_URL.", config["WORKERS"])
    limiter.init_app(app)


def configured(key):
    """A limit read from the configuration at request time, never at import time."""
    return lambda: current_app.config[key]


def form_email_and_address():
    """Key of per-(account, client address) limits: the e-mail the posted form names."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"{email}|{get_remote_address()}"


def form_email():
    """Key of per-address limits on mails we send (password reset requests)."""
    return (request.form.get("email") or "").strip().lower()[:254]


def signed_in_member():
    """Key of per-member limits on pages that check the current password."""
    return f"member:{current_user.id}" if current_user.is_authenticated else get_remote_address()
