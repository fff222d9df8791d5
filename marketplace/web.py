"""Small helpers shared by the page views."""

from urllib.parse import urlsplit


def safe_next(target):
    """Return target if it is a path on this site, else None (no open redirects)."""
    if not isinstance(target, str) or not target.startswith("/"):
        return None
    # Browsers read "\" as "/", so "/\evil" and "//evil" both leave the site.
    if target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def form_status(form):
    """422 when a submitted form was refused, 200 otherwise."""
    return 422 if form.is_submitted() and form.errors else 200
