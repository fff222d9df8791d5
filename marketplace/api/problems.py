"""RFC 9457 problem details: every error under /api/ is an application/problem+json body.

A problem is `type` (always "about:blank": the status says what went wrong), `title` (the
status's phrase), `status`, `detail` (a message safe to show, in the member's language) and
`instance` (the path asked for); a refused request adds `errors`, one entry per field.
"""

from contextlib import contextmanager

from flask import abort, current_app, json, request
from werkzeug.http import HTTP_STATUS_CODES

from ..errors import DomainError
from ..extensions import db

PROBLEM_JSON = "application/problem+json"
# Which status a refused argument gets, by where it was read (webargs locations): a query
# string or a header that does not parse is a bad request (400), as on the pages; a body that
# parses but breaks the schema's rules is unprocessable content (422, RFC 9110 15.5.21).
VALIDATION_STATUS = {"query": 400, "path": 400, "headers": 400, "cookies": 400,
                     "json": 422, "form": 422, "files": 422}
# RFC 9110's names where werkzeug still has the older ones.
TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def problem(status, detail, errors=None, headers=None):
    """A problem+json response.

    Args:
        status: the HTTP status.
        detail: a message for the client, safe to show.
        errors: field errors, as `field_errors` returns them (None: no `errors` member).
        headers: extra headers (Allow on a 405, Retry-After on a 429...).
    """
    body = {"type": "about:blank", "title": TITLES.get(status) or HTTP_STATUS_CODES.get(status, "Error"), "status": status,
            "detail": str(detail), "instance": request.path}
    if errors is not None:
        body["errors"] = errors
    response = current_app.response_class(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


@contextmanager
def refused_values():
    """Around a service call with values of the body: a value the service refuses (its
    DomainError of status 400) is the body's fault, so a 422 problem, pointing at the field
    the error names, as the schema's own refusals do. Other refusals keep their status."""
    try:
        yield
    except DomainError as error:
        if error.status_code != 400:
            raise
        db.session.rollback()
        pointer = f"#/{_escape(error.field)}" if error.field else "#"  # no field: the whole body
        abort(problem(422, error.message, [{"in": "json", "pointer": pointer, "detail": error.message}]))


def field_errors(messages):
    """webargs' validation messages ({location: {field: [message]}}, nested for lists and
    nested schemas) as a flat list of {"in", "name" or "pointer", "detail"}: a query or path
    argument is named, a place in a body is a JSON pointer (RFC 6901)."""
    errors = []
    for location, fields in (messages or {}).items():
        body = location in ("json", "form", "files")
        for path, message in _leaves(fields, ()):
            entry = {"in": location, "detail": str(message)}
            if body:
                entry["pointer"] = "#/" + "/".join(_escape(part) for part in path)
            else:
                entry["name"] = str(path[0]) if path else ""
            errors.append(entry)
    return errors


def _leaves(messages, path):
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        for message in messages:
            yield path, message
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            yield from _leaves(value, (*path, index))
    else:
        yield path, str(messages)


def _escape(part):
    return str(part).replace("~", "~0").replace("/", "~1")
