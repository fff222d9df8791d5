"""Domain errors and the pages and problem+json bodies (the API's) they become."""

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A rule of the domain refused an operation; the message is safe to show, and `field`
    names the value refused when one is (the API points at it in the body)."""

    status_code = 400

    def __init__(self, message, status_code=None, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status_code is not None:
            self.status_code = status_code


class NotFound(DomainError):
    """The thing does not exist, or the actor may not know it does (404)."""

    status_code = 404


class Forbidden(DomainError):
    """The actor takes part but may not do this (403)."""

    status_code = 403


class Conflict(DomainError):
    """The thing is not in a state that allows this move (409)."""

    status_code = 409


def wants_json():
    """True for the JSON API, whose errors are problem+json bodies rather than pages."""
    return request.path.startswith("/api/")


def init_app(app):
    """Turn domain errors, CSRF failures and HTTP errors into pages (or RFC 9457 problems for
    the API, see api/problems.py)."""
    from .api.problems import problem

    @app.errorhandler(DomainError)
    def domain_error(error):
        if wants_json():
            return problem(error.status_code, error.message)
        return render_template("errors/error.html", code=error.status_code,
                               message=error.message), error.status_code

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if wants_json():  # a write signed in by the session cookie, without its CSRF header
            return problem(403, _("Send the page's CSRF token in the X-CSRFToken header, or use a personal "
                                  "access token."))
        flash(_("The form expired or was not sent from this site. Please try again."), "error")
        return render_template("errors/error.html", code=400,
                               message=_("The form expired or was not sent from this site.")), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        if wants_json():
            return _api_http_error(error)
        messages = {
            400: _("The request could not be understood."),
            403: _("You are not allowed to do that."),
            404: _("This page does not exist."),
            405: _("This action is not allowed here."),
            413: _("The request is too large."),
            429: _("Too many attempts. Please wait a few minutes and try again."),
        }
        message = messages.get(error.code, _("Something went wrong."))
        return render_template("errors/error.html", code=error.code, message=message), error.code

    @app.errorhandler(500)
    def server_error(error):
        from .extensions import db

        db.session.rollback()
        message = _("Something went wrong on our side. Nothing was saved.")
        if wants_json():
            return problem(500, message)
        return render_template("errors/error.html", code=500, message=message), 500


def _api_http_error(error):
    """An HTTP error of the API as a problem: the arguments refused field by field (webargs
    puts them in error.data), and the headers the status needs (Allow, Retry-After)."""
    from .api.problems import field_errors, problem

    if error.response is not None:  # an answer made in full already (a 304 with its ETag)
        return error.response
    data = getattr(error, "data", None) or {}
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    headers.update(data.get("headers") or {})
    if "messages" in data:
        return problem(error.code, _("These arguments are not valid."), field_errors(data["messages"]), headers)
    messages = {
        400: _("The request could not be understood."),
        401: _("Sign in first."),
        403: _("You are not allowed to do that."),
        404: _("This address does not exist in the API."),
        405: _("This method is not allowed here."),
        409: _("This is not possible in the current state."),
        412: _("It changed since you read it: read it again (its ETag) and send your change with If-Match."),
        413: _("The request is too large."),
        415: _("This content type is not accepted here."),
        428: _("Send If-Match with the ETag you read, so that nobody else's change is overwritten."),
        429: _("Too many requests. Please wait a few minutes and try again."),
    }
    return problem(error.code, messages.get(error.code, _("Something went wrong.")), headers=headers)
