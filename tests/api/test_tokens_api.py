"""/api/v1/tokens and the API's CSRF rule: a write signed in by the session cookie carries the
page's CSRF token in X-CSRFToken; a write signed in by a token needs none; a token never
creates tokens. CSRF is on in this module, as in production."""

import re

import pytest
import sqlalchemy as sa

from marketplace.accounts import access_tokens
from marketplace.accounts.models import MAX_TOKENS, ApiToken
from marketplace.extensions import db
from tests.conftest import PASSWORD, csrf_token


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": False}


@pytest.fixture
def lea(make_user):
    return make_user(email="lea@example.org")


def sign_in(client):
    """Sign Léa in through the form; returns the CSRF token every page carries in its meta tag."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": "lea@example.org", "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    page = client.get("/profile").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def live_tokens(member):
    db.session.expire_all()
    return [t.name for t in access_tokens.tokens_of(member)]


def test_a_cookie_signed_write_needs_the_csrf_header(client, lea):
    csrf = sign_in(client)
    refused = client.post("/api/v1/tokens", json={"name": "Intranet", "scope": "write"})
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    assert "X-CSRFToken" in refused.get_json()["detail"]
    wrong = client.post("/api/v1/tokens", json={"name": "Intranet", "scope": "write"},
                        headers={"X-CSRFToken": "forged"})
    assert wrong.status_code == 403 and live_tokens(lea) == []
    created = client.post("/api/v1/tokens", json={"name": "Intranet", "scope": "write"},
                          headers={"X-CSRFToken": csrf})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["secret"].startswith("psl_") and body["hint"] == body["secret"][:8] and body["scope"] == "write"
    assert created.headers["Location"].endswith("/api/v1/tokens")
    assert live_tokens(lea) == ["Intranet"]
    # The secret works on its own, from a client with no cookie.
    assert client.application.test_client().get("/api/v1/matches", headers=bearer(body["secret"])).status_code == 200


def test_a_token_signed_write_needs_no_csrf_header(client, lea):
    token, secret = access_tokens.create_token(lea, "Script", "write")
    db.session.commit()
    answer = client.delete(f"/api/v1/tokens/{token.id}", headers=bearer(secret))
    assert answer.status_code == 204 and answer.get_data() == b""
    assert live_tokens(lea) == []
    assert client.get("/api/v1/tokens", headers=bearer(secret)).status_code == 401


def test_a_token_cannot_create_tokens(client, lea):
    _, secret = access_tokens.create_token(lea, "Script", "write")
    db.session.commit()
    answer = client.post("/api/v1/tokens", json={"name": "Another", "scope": "write"}, headers=bearer(secret))
    assert answer.status_code == 403 and "sign in on the site" in answer.get_json()["detail"]
    assert live_tokens(lea) == ["Script"]


def test_nobody_signed_in_gets_401_not_a_csrf_refusal(client, lea):
    answer = client.post("/api/v1/tokens", json={"name": "Intranet", "scope": "write"})
    assert answer.status_code == 401 and answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_list_shows_no_secret_and_revoking_is_mine_only(client, lea, make_user):
    other = make_user(email="other@example.org")
    theirs, _ = access_tokens.create_token(other, "Theirs", "write")
    mine, secret = access_tokens.create_token(lea, "Mine", "read")
    db.session.commit()
    listed = client.get("/api/v1/tokens", headers=bearer(secret)).get_json()["tokens"]
    assert [t["name"] for t in listed] == ["Mine"] and "secret" not in listed[0]
    assert listed[0]["created_at"].endswith("+00:00") and listed[0]["last_used_at"] is None
    csrf = sign_in(client)
    assert client.delete(f"/api/v1/tokens/{theirs.id}", headers={"X-CSRFToken": csrf}).status_code == 404
    assert live_tokens(other) == ["Theirs"]
    # A cookie-signed revocation needs the header too.
    assert client.delete(f"/api/v1/tokens/{mine.id}").status_code == 403
    assert client.delete(f"/api/v1/tokens/{mine.id}", headers={"X-CSRFToken": csrf}).status_code == 204
    assert live_tokens(lea) == []


@pytest.mark.parametrize("body,pointer", [
    ({"name": "Intra\x00net", "scope": "read"}, "#/name"),
    ({"name": "\u202egnp.exe", "scope": "read"}, "#/name"),
    ({"name": "   ", "scope": "read"}, "#/name"),
    ({"name": "x" * 100_000, "scope": "read"}, "#/name"),
    ({"name": "Intranet", "scope": "admin"}, "#/scope"),
    ({"name": "Intranet"}, "#/scope"),
])
def test_a_bad_body_is_a_422_next_to_its_field(client, lea, body, pointer):
    csrf = sign_in(client)
    answer = client.post("/api/v1/tokens", json=body, headers={"X-CSRFToken": csrf})
    assert answer.status_code == 422, answer.get_json()
    assert [e["pointer"] for e in answer.get_json()["errors"]] == [pointer]
    assert live_tokens(lea) == []


def test_past_the_limit_is_a_409(client, lea):
    for n in range(MAX_TOKENS):
        access_tokens.create_token(lea, f"Token {n}", "read")
    db.session.commit()
    csrf = sign_in(client)
    answer = client.post("/api/v1/tokens", json={"name": "One more", "scope": "read"}, headers={"X-CSRFToken": csrf})
    assert answer.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == MAX_TOKENS


def test_a_cookie_signed_form_body_is_refused_even_with_the_csrf_header(client, lea):
    """The CSRF token is read from the header only, so the body stays unread and a form is a
    415, never taken for an empty JSON body."""
    csrf = sign_in(client)
    answer = client.post("/api/v1/tokens", data={"name": "Intranet", "scope": "write"},
                         headers={"X-CSRFToken": csrf})
    assert answer.status_code == 415 and live_tokens(lea) == []
    with_field = client.post("/api/v1/tokens", data={"name": "Intranet", "scope": "write", "csrf_token": csrf})
    assert with_field.status_code == 403 and live_tokens(lea) == []


def test_another_authorization_scheme_leaves_the_cookie_in_charge(client, lea):
    """A site behind HTTP basic authentication sends `Authorization: Basic`: not a token."""
    sign_in(client)
    assert client.get("/api/v1/tokens", headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 200
    assert client.get("/api/v1/tokens", headers={"Authorization": "Bearer psl_not-a-token"}).status_code == 401
