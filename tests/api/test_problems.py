"""Every error under /api/ is an RFC 9457 problem (application/problem+json); pages keep
their HTML errors."""

import marshmallow as ma
import pytest
from werkzeug.exceptions import abort

from marketplace.api.openapi import ApiBlueprint
from marketplace.errors import Conflict, Forbidden
from marketplace.extensions import limiter

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(response, status, title):
    """The response is a problem of this status; returns its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert PROBLEM_KEYS <= set(body) and body["status"] == status and body["title"] == title
    assert body["type"] == "about:blank" and body["detail"]
    return body


@pytest.mark.parametrize("url", ["/api/v1/matches", "/api/v1/members?q=Excel", "/api/v1/members?page=x"])
def test_signed_out_is_401(client, url):
    body = assert_problem(client.get(url), 401, "Unauthorized")
    assert body["instance"] == url.split("?")[0]


def test_unknown_address_and_method(signed_in):
    assert_problem(signed_in.get("/api/v1/nothing-here"), 404, "Not Found")
    assert_problem(signed_in.get("/api/v2/matches"), 404, "Not Found")
    response = signed_in.delete("/api/v1/matches")
    assert_problem(response, 405, "Method Not Allowed")
    assert "GET" in response.headers["Allow"]


def test_pages_keep_their_html_errors(signed_in):
    response = signed_in.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


@pytest.mark.parametrize("query,name", [
    ("page=abc", "page"), ("page=0", "page"), ("page=1.5", "page"), ("page=-1", "page"),
    ("page=" + "1" * 5000, "page"), ("page=2147483648", "page"), ("relation=boss", "relation"),
    ("view=", "view"), ("language=xx", "language")])
def test_a_bad_query_argument_is_400_with_the_field(signed_in, query, name):
    body = assert_problem(signed_in.get("/api/v1/matches?" + query), 400, "Bad Request")
    assert [(error["in"], error["name"]) for error in body["errors"]] == [("query", name)]
    assert all(error["detail"] for error in body["errors"])


@pytest.mark.parametrize("query", ["q=", "q=%20%20", "q=%00"])
def test_a_search_needs_words(signed_in, query):
    body = assert_problem(signed_in.get("/api/v1/members?" + query), 400, "Bad Request")
    assert [error["name"] for error in body["errors"]] == ["q"]


class Greeting(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(max=5))
    tags = ma.fields.List(ma.fields.String(validate=ma.validate.Length(max=3)))


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True}


@pytest.fixture
def test_routes(app):
    """Routes that raise each error, on this test's app only (before its first request)."""
    bp = ApiBlueprint("api_test", __name__, url_prefix="/api/v1/test")

    @bp.post("/greetings")
    @bp.arguments(Greeting)
    @bp.response(201, Greeting)
    def greet(greeting):
        return greeting

    @bp.get("/domain/<what>")
    def domain(what):
        raise {"forbidden": Forbidden("Not yours."), "conflict": Conflict("Already done.")}[what]

    @bp.get("/limited")
    @limiter.limit("1 per minute")
    def limited():
        return {}

    @bp.get("/abort/<int:status>")
    def aborted(status):
        abort(status)

    app.register_blueprint(bp)
    return app


def test_a_refused_body_is_422_with_pointers(test_routes, signed_in):
    response = signed_in.post("/api/v1/test/greetings", json={"name": "Too long", "tags": ["ok", "long"],
                                                               "extra": 1})
    body = assert_problem(response, 422, "Unprocessable Content")
    assert sorted((error["in"], error["pointer"]) for error in body["errors"]) == [
        ("json", "#/extra"), ("json", "#/name"), ("json", "#/tags/1")]
    assert signed_in.post("/api/v1/test/greetings", json={"name": "Léa"}).status_code == 201


def test_a_body_too_large_is_413(test_routes, signed_in):
    response = signed_in.post("/api/v1/test/greetings", data="x" * (2 * 1024 * 1024),
                              content_type="application/json")
    assert_problem(response, 413, "Content Too Large")


@pytest.mark.parametrize("what,status,title", [("forbidden", 403, "Forbidden"), ("conflict", 409, "Conflict")])
def test_domain_errors_keep_their_status_and_message(test_routes, signed_in, what, status, title):
    body = assert_problem(signed_in.get(f"/api/v1/test/domain/{what}"), status, title)
    assert body["detail"] in ("Not yours.", "Already done.")


@pytest.mark.parametrize("status,title", [(415, "Unsupported Media Type"), (400, "Bad Request")])
def test_any_http_error_is_a_problem(test_routes, signed_in, status, title):
    assert_problem(signed_in.get(f"/api/v1/test/abort/{status}"), status, title)


def test_too_many_requests_is_429_with_retry_after(test_routes, signed_in):
    assert signed_in.get("/api/v1/test/limited").status_code == 200
    response = signed_in.get("/api/v1/test/limited")
    assert_problem(response, 429, "Too Many Requests")
    assert int(response.headers["Retry-After"]) > 0
