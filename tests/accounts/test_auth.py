"""Sign-up, login, logout, redirects and password storage."""

import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from argon2 import extract_parameters

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.conftest import PASSWORD


SIGNUP = {"display_name": "Camille", "email": "new@example.org", "seniority": "executive",
          "timezone": "America/Montreal"}


def signup(client, outbox, password=PASSWORD, **fields):
    """Sign up through the mailed link; returns the answer to the password form."""
    data = {**SIGNUP, **fields}
    response = client.post("/signup", data=data)
    assert response.status_code == 200 and b"Check your mail" in response.data
    link = outbox.link(data["email"].strip().lower(), "/signup/confirm/")
    assert client.get(link).status_code == 200
    return client.post(link, data={"password": password, "confirm": password})


def test_signup_by_mailed_link_creates_member_and_signs_in(client, outbox):
    response = signup(client, outbox, email="Camille@Example.org")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/profile/edit")
    user = db.session.scalar(db.select(User))
    assert user.email == "camille@example.org"
    assert (user.display_name, user.seniority, user.timezone) == ("Camille", "executive", "America/Montreal")
    assert client.get("/profile").status_code == 200


def test_signup_creates_nothing_until_the_link_is_followed(client, outbox):
    assert client.post("/signup", data=SIGNUP).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
    assert [mail["to"] for mail in outbox] == ["new@example.org"]


def test_signup_does_not_tell_whether_an_email_has_an_account(client, outbox, make_user):
    make_user(email="lea@example.org", display_name="Léa")
    known = client.post("/signup", data={**SIGNUP, "email": "LEA@Example.ORG"})
    unknown = client.post("/signup", data={**SIGNUP, "email": "LEO@Example.ORG"})
    assert known.status_code == unknown.status_code == 200
    # The same page but for the address, and the CSRF token's timestamp (seconds apart on a busy machine).
    assert _without_csrf(known.get_data(as_text=True).replace("LEA", "LEO")) == \
        _without_csrf(unknown.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    # The owner of the known address hears about it, with a way back in; nothing changed.
    mail = next(mail for mail in outbox if mail["to"] == "lea@example.org")
    assert "already has one" in mail["body"] and "/password/reset/" in mail["body"]
    assert "/signup/confirm/" not in mail["body"]


def test_signup_link_works_once(client, outbox):
    data = {**SIGNUP, "email": "once@example.org"}
    client.post("/signup", data=data)
    link = outbox.link("once@example.org", "/signup/confirm/")
    assert client.post(link, data={"password": PASSWORD, "confirm": PASSWORD}).status_code == 302
    client.post("/logout")
    again = client.post(link, data={"password": "another long passphrase", "confirm": "another long passphrase"})
    assert again.status_code == 302 and "/login" in again.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    assert client.post("/login", data={"email": "once@example.org", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("token", ["forged", "eyJlbWFpbCI6ImFAZXhhbXBsZS5vcmcifQ.aaaa.bbbb"])
def test_forged_signup_link_creates_nothing(client, token):
    assert client.get(f"/signup/confirm/{token}").status_code == 302
    response = client.post(f"/signup/confirm/{token}", data={"password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/signup")
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_expired_signup_link_creates_nothing(app, client, outbox):
    client.post("/signup", data=SIGNUP)
    link = outbox.link("new@example.org", "/signup/confirm/")
    app.config["SIGNUP_LINK_MAX_AGE"] = -1
    response = client.post(link, data={"password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


@pytest.mark.parametrize("data", [
    {**SIGNUP, "display_name": ""},
    {**SIGNUP, "email": "not-an-email"},
    {**SIGNUP, "seniority": ""},
    {**SIGNUP, "seniority": "intern"},
    {**SIGNUP, "timezone": "Mars/Olympus"},
    {**SIGNUP, "display_name": "A" * 81},
    {k: v for k, v in SIGNUP.items() if k != "seniority"},
    {},
])
def test_signup_validation_sends_nothing(client, outbox, data):
    response = client.post("/signup", data=data)
    assert response.status_code == 422
    assert outbox == []


def test_seniority_is_a_required_choice_without_preselection(client):
    page = client.get("/signup").get_data(as_text=True)
    seniority = re.search(r'<select[^>]*name="seniority".*?</select>', page, re.S).group(0)
    assert "selected" not in seniority and 'value=""' in seniority and "required" in seniority
    assert client.post("/signup", data={**SIGNUP, "seniority": ""}).status_code == 422


def test_time_zone_defaults_to_paris_and_is_preselected_by_a_static_script(client):
    page = client.get("/signup").get_data(as_text=True)
    zone = re.search(r'<select[^>]*name="timezone".*?</select>', page, re.S).group(0)
    assert re.search(r'<option selected value="Europe/Paris">', zone)
    assert "data-browser-timezone" in zone
    assert '/static/js/timezone.js"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "no inline script (CSP)"
    with client.get("/static/js/timezone.js") as response:
        script = response.get_data(as_text=True)
    assert "resolvedOptions().timeZone" in script and "data-browser-timezone" in script


@pytest.mark.parametrize("password,confirm", [
    ("short", "short"), (PASSWORD, "other password"), ("password12", "password12"),
])
def test_signup_password_is_checked_and_nothing_is_saved(client, outbox, password, confirm):
    client.post("/signup", data=SIGNUP)
    link = outbox.link("new@example.org", "/signup/confirm/")
    response = client.post(link, data={"password": password, "confirm": confirm})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_password_is_hashed_with_argon2id_at_the_required_cost(client, outbox):
    signup(client, outbox, password="a very secret phrase")
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


def _without_csrf(page):
    """The page with its CSRF tokens blanked: they carry the second they were made."""
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", page)
