"""Sign-up, login, logout, redirects and password storage."""

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from argon2 import extract_parameters

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.conftest import PASSWORD


def signup(client, email="new@example.org", password=PASSWORD, confirm=None, name="Camille"):
    return client.post("/signup", data={
        "display_name": name, "email": email, "password": password,
        "confirm": password if confirm is None else confirm,
    })


def test_signup_creates_member_and_logs_in(client):
    response = signup(client, email="Camille@Example.org")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/profile/edit")
    user = db.session.scalar(db.select(User))
    assert user.email == "camille@example.org"
    assert client.get("/profile").status_code == 200


def test_signup_refuses_duplicate_email_in_any_case(client, make_user):
    make_user(email="lea@example.org")
    response = signup(client, email="LEA@Example.ORG")
    assert response.status_code == 422
    assert b"already exists" in response.data
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


@pytest.mark.parametrize("data", [
    {"display_name": "", "email": "a@example.org", "password": PASSWORD, "confirm": PASSWORD},
    {"display_name": "A", "email": "not-an-email", "password": PASSWORD, "confirm": PASSWORD},
    {"display_name": "A", "email": "a@example.org", "password": "short", "confirm": "short"},
    {"display_name": "A", "email": "a@example.org", "password": PASSWORD, "confirm": "other password"},
    {"display_name": "A" * 81, "email": "a@example.org", "password": PASSWORD, "confirm": PASSWORD},
    {},
])
def test_signup_validation_saves_nothing(client, data):
    response = client.post("/signup", data=data)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_password_is_hashed_with_argon2id_at_the_required_cost(client):
    signup(client, password="a very secret phrase")
    user = db.session.scalar(db.select(User))
    assert "a very secret phrase" not in user.password_hash
    params = extract_parameters(user.password_hash)
    assert params.type.name == "ID"
    assert params.memory_cost >= 19 * 1024  # OWASP minimum for argon2id: 19 MiB
    assert params.time_cost >= 2


def test_login_and_logout(client, auth, make_user):
    make_user(email="marc@example.org")
    response = auth.login("MARC@example.org")
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/profile").status_code == 302


def test_wrong_password_is_refused(client, auth, make_user):
    make_user(email="marc@example.org")
    response = auth.login("marc@example.org", "wrong password!")
    assert response.status_code == 422
    assert b"Wrong email or password" in response.data
    assert client.get("/profile").status_code == 302


def test_unknown_email_gets_the_same_answer(auth):
    response = auth.login("nobody@example.org")
    assert response.status_code == 422
    assert b"Wrong email or password" in response.data


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "https://evil.example/", "http:evil.example",
    "\\\\evil.example", "/%0d%0aLocation:evil", "javascript:alert(1)", "///evil.example",
])
def test_login_ignores_off_site_next(client, auth, make_user, target):
    make_user(email="marc@example.org")
    response = client.post("/login", query_string={"next": target},
                           data={"email": "marc@example.org", "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert urlsplit(location).netloc == "" and not location.startswith("//")
    assert "\\" not in location and "javascript" not in location


def test_login_follows_next_on_this_site(client, make_user):
    make_user(email="marc@example.org")
    response = client.post("/login", query_string={"next": "/members?q=excel"},
                           data={"email": "marc@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/members?q=excel"


@pytest.mark.parametrize("path", ["/profile", "/profile/edit", "/members", "/members/1",
                                  "/skills/new/offer", "/skills/1/edit", "/dashboard"])
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_password_guessing_is_slowed_down(client, auth, make_user):
    make_user(email="marc@example.org")
    for _ in range(10):
        assert auth.login("marc@example.org", "wrong password!").status_code == 422
    response = auth.login("marc@example.org")  # even the right password waits now
    assert response.status_code == 429
    assert b"Too many attempts" in response.data
    assert client.get("/profile").status_code == 302
    assert auth.login("someone.else@example.org", "wrong password!").status_code == 422


def test_old_failures_expire(app, make_user):
    from datetime import datetime, timedelta

    from marketplace.accounts import services

    user = make_user(email="marc@example.org")
    then = datetime(2026, 1, 1, 9, 0)
    for _ in range(10):
        assert services.authenticate("marc@example.org", "nope", now=then) is None
    with pytest.raises(services.AccountError):
        services.authenticate("marc@example.org", PASSWORD, now=then + timedelta(minutes=5))
    assert services.authenticate("marc@example.org", PASSWORD, now=then + timedelta(minutes=16)) == user
