"""Personal access tokens: created on the profile (the secret shown once, stored hashed),
named and scoped, accepted as `Authorization: Bearer` on the API only, refused once revoked,
with the account deleted, or for a write when read-only; a password change keeps them,
"sign out of every device" ends them when asked; their last use is written apart from the
request (GET changes nothing)."""

import re

import pytest
import sqlalchemy as sa

from marketplace.accounts import access_tokens, privacy
from marketplace.accounts.models import MAX_TOKENS, ApiToken
from marketplace.errors import NotFound
from marketplace.extensions import db
from tests.conftest import PASSWORD


@pytest.fixture
def member(make_user, make_skill):
    user = make_user(email="ana@example.org", display_name="Ana")
    make_skill(user, "learn", "Excel pivot tables")
    db.session.commit()
    return user


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def create(member, name="Intranet bot", scope="read"):
    token, secret = access_tokens.create_token(member, name, scope)
    db.session.commit()
    return token, secret


def test_a_member_creates_a_token_and_sees_its_secret_once(client, auth, member):
    auth.login(member.email)
    page = client.post("/profile/tokens", data={"name": "  Teams   bot ", "scope": "write"})
    assert page.status_code == 200
    shown = re.search(r'value="(psl_[A-Za-z0-9_-]{40,})"', page.get_data(as_text=True)).group(1)
    token = db.session.scalar(sa.select(ApiToken))
    assert (token.name, token.scope, token.user_id) == ("Teams bot", "write", member.id)
    assert token.token_hash == access_tokens.token_hash(shown) and shown not in token.token_hash
    assert shown.startswith(token.hint)
    again = client.get("/profile/tokens").get_data(as_text=True)
    assert shown not in again and "Teams bot" in again and token.hint in again


@pytest.mark.parametrize("name, scope", [("", "read"), ("x" * 81, "read"), ("bot", "admin"), ("a\x00b", "read")])
def test_a_bad_token_request_is_refused_and_creates_nothing(client, auth, member, name, scope):
    auth.login(member.email)
    assert client.post("/profile/tokens", data={"name": name, "scope": scope}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_a_member_holds_at_most_so_many_live_tokens(member):
    for number in range(MAX_TOKENS):
        create(member, f"bot {number}")
    with pytest.raises(Exception) as refused:
        access_tokens.create_token(member, "one more", "read")
    assert refused.value.status_code == 409


def test_the_token_signs_in_on_the_api_only(client, member):
    _, secret = create(member)
    answer = client.get("/api/v1/matches", headers=bearer(secret))
    assert answer.status_code == 200 and "Set-Cookie" not in answer.headers  # no session comes of it
    assert client.get("/api/v1/matches").status_code == 401
    # Pages never take a token: a stolen token opens no page.
    page = client.get("/dashboard", headers=bearer(secret))
    assert page.status_code == 302 and "/login" in page.headers["Location"]


@pytest.mark.parametrize("header", ["Bearer psl_not-a-token", "Bearer ", "Basic abc", "Bearer " + "psl_" + "a" * 200,
                                    "Bearer psl_\u00e9\u00e9"])
def test_a_wrong_token_gets_401(client, member, header):
    create(member)
    response = client.get("/api/v1/matches", headers={"Authorization": header})
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_and_another_members_cannot_be_revoked(client, member, make_user):
    token, secret = create(member)
    other = make_user(email="ben@example.org")
    with pytest.raises(NotFound):
        access_tokens.revoke_token(other, token.id)
    access_tokens.revoke_token(member, token.id)
    db.session.commit()
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 401
    assert access_tokens.tokens_of(member) == []


def test_a_read_only_token_may_not_write(app, member):
    read, _ = create(member, scope="read")
    write, _ = create(member, "writer", scope="write")
    assert [access_tokens.may(read, m) for m in ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")] == \
        [True, True, True, False, False, False, False]
    assert all(access_tokens.may(write, m) for m in ("GET", "POST", "PUT", "PATCH", "DELETE"))


def test_a_password_change_keeps_tokens_and_sign_out_everywhere_ends_them_when_asked(client, auth, member):
    _, secret = create(member)
    auth.login(member.email)
    assert client.post("/password", data={"current": PASSWORD, "password": "another long password 42",
                                          "confirm": "another long password 42"}).status_code in (200, 302)
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 200
    auth.login(member.email, password="another long password 42")
    client.post("/signout-everywhere", data={})
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 200
    auth.login(member.email, password="another long password 42")
    client.post("/signout-everywhere", data={"tokens": "y"})
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 401


def test_tokens_die_with_the_account(client, member):
    _, secret = create(member)
    privacy.delete_account(member, PASSWORD)
    db.session.commit()
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 401


def test_the_last_use_is_written_apart_from_the_request(client, member):
    token, secret = create(member)
    assert client.get("/api/v1/matches", headers=bearer(secret)).status_code == 200
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at is None  # the GET wrote nothing
    assert access_tokens.write_token_uses() == 1
    db.session.expire_all()
    used = db.session.get(ApiToken, token.id).last_used_at
    assert used is not None
    assert access_tokens.write_token_uses() == 0


def test_another_members_token_page_shows_nothing_of_mine(client, auth, member, make_user):
    create(member, "Ana's secret bot")
    other = make_user(email="ben@example.org")
    auth.login(other.email)
    page = client.get("/profile/tokens").get_data(as_text=True)
    assert "Ana's secret bot" not in page and "Ana&#39;s secret bot" not in page
    token = db.session.scalar(sa.select(ApiToken))
    assert client.post(f"/profile/tokens/{token.id}/revoke").status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None
