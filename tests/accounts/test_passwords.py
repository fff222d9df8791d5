"""Password strength, change, reset by e-mail, and revoking sessions."""

from datetime import timedelta

import pytest

from marketplace.accounts import services
from marketplace.accounts.passwords import verify_password
from marketplace.extensions import db
from tests.accounts.conftest import copy_browser
from tests.conftest import PASSWORD

NEW = "a brand new passphrase"


@pytest.mark.parametrize("password", [
    "aaaaaaaaaa",  # one character repeated
    "abcabcabcabc",  # a short pattern repeated
    "password12",  # a common password with digits around it
    "!!qwerty123456!!",
    "iloveyou2026",
    "passerelle-demo",  # the demo accounts' password, and this site's name
    "Passerelle 2026!",
    "camille.martin@example.org",  # the e-mail itself
    "camille.martin-1987",  # its name part
    "Camille Martin 1987",  # the display name
    "camillemartin",
    "short",
    "x" * 201,
])
def test_weak_passwords_are_refused(app, password):
    with pytest.raises(services.AccountError):
        services.check_password_strength(password, "camille.martin@example.org", "Camille Martin")


@pytest.mark.parametrize("password", [
    PASSWORD,
    "été à la plage, 2026 ☀",
    "Kx9#mQ2$vL7!",
    "a long passphrase " * 7,  # 126 characters
    ("four words are plenty " * 10)[:200],
])
def test_strong_passwords_are_accepted(app, password):
    services.check_password_strength(password, "camille.martin@example.org", "Camille Martin")


def test_short_names_only_refuse_an_equal_password(app):
    services.check_password_strength("albatross in the morning", "al@example.org", "Al")
    with pytest.raises(services.AccountError):
        services.check_password_strength("albatross1", "albatross1@example.org", "Al")


# --- Changing the password. --------------------------------------------------------------

def test_change_password_needs_the_current_one(client, auth, make_user):
    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    response = client.post("/password", data={"current": "not my password", "password": NEW, "confirm": NEW})
    assert response.status_code == 422 and b"not your current password" in response.data
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_change_password_refuses_a_weak_one(client, auth, make_user):
    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    response = client.post("/password", data={"current": PASSWORD, "password": "password12", "confirm": "password12"})
    assert response.status_code == 422 and b"most common" in response.data
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_change_password_signs_out_copied_sessions_but_keeps_this_one(app, client, auth, make_user):
    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    copied = copy_browser(app, client)
    assert copied.get("/profile").status_code == 200
    response = client.post("/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200
    assert copied.get("/profile").status_code == 302
    client.post("/logout")
    assert auth.login("lea@example.org").status_code == 422
    assert auth.login("lea@example.org", NEW).status_code == 302


def test_password_page_is_for_members(client):
    assert client.get("/password").status_code == 302


# --- Resetting it by e-mail. -------------------------------------------------------------

def test_reset_request_answers_the_same_for_unknown_addresses(client, outbox, make_user):
    make_user(email="lea@example.org")
    known = client.post("/password/reset", data={"email": "lea@example.org"})
    unknown = client.post("/password/reset", data={"email": "leo@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace("lea@", "leo@") == unknown.get_data(as_text=True)
    assert [mail["to"] for mail in outbox] == ["lea@example.org"]


def test_reset_link_sets_the_password_once_and_ends_other_sessions(app, client, outbox, make_user):
    user = make_user(email="lea@example.org")
    thief = app.test_client()
    thief.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    assert thief.get("/profile").status_code == 200
    client.post("/password/reset", data={"email": "lea@example.org"})
    link = outbox.link("lea@example.org", "/password/reset/")
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200  # the reset signs the member in
    assert thief.get("/profile").status_code == 302
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW)
    again = client.post(link, data={"password": "yet another passphrase", "confirm": "yet another passphrase"})
    assert again.status_code == 302 and again.headers["Location"].endswith("/password/reset")
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW)


def test_reset_refuses_a_weak_password(client, outbox, make_user):
    user = make_user(email="lea@example.org", display_name="Léa Dubois")
    client.post("/password/reset", data={"email": "lea@example.org"})
    link = outbox.link("lea@example.org", "/password/reset/")
    response = client.post(link, data={"password": "lea@example.org", "confirm": "lea@example.org"})
    assert response.status_code == 422
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_expired_or_forged_reset_links_are_refused(app, client, outbox, make_user):
    user = make_user(email="lea@example.org")
    client.post("/password/reset", data={"email": "lea@example.org"})
    link = outbox.link("lea@example.org", "/password/reset/")
    app.config["PASSWORD_RESET_LINK_MAX_AGE"] = -1
    assert client.post(link, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert client.post("/password/reset/forged", data={"password": NEW, "confirm": NEW}).status_code == 302
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


# --- Revoking sessions. ------------------------------------------------------------------

@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_a_cookie_copied_before_logout_stops_working(app, client, make_user, cookie):
    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    copied = app.test_client()
    copied.set_cookie(cookie, client.get_cookie(cookie).value)
    assert copied.get("/profile").status_code == 200
    client.post("/logout")
    assert copied.get("/profile").status_code == 302


def test_logout_ends_this_browser_only(app, client, make_user):
    make_user(email="lea@example.org")
    phone = app.test_client()
    for browser in (client, phone):
        browser.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    copied = copy_browser(app, client)
    client.post("/logout")
    assert copied.get("/profile").status_code == 302  # the laptop's cookies, copied, are dead
    assert phone.get("/profile").status_code == 200  # her phone is still signed in


def test_session_secrets_are_stored_hashed(client, make_user):
    from marketplace.accounts.models import MemberSession

    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    with client.session_transaction() as session:
        secret = session["_user_id"].partition(":")[2]
    stored = db.session.scalars(db.select(MemberSession.token_hash)).all()
    assert len(stored) == 1 and secret and secret not in stored[0]


def test_a_session_ends_with_its_lifetime_and_its_row_goes(app, client, make_user):
    from marketplace.accounts.models import MemberSession

    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    assert client.get("/profile").status_code == 200
    db.session.execute(db.update(MemberSession).values(
        created_at=MemberSession.created_at - app.config["REMEMBER_COOKIE_DURATION"]))
    db.session.commit()
    assert client.get("/profile").status_code == 302  # older than a remember-me cookie: over
    app.test_client().post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    assert db.session.scalar(db.select(db.func.count(MemberSession.id))) == 1  # the old row is pruned


def test_sign_out_of_every_device(app, client, auth, make_user):
    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    copied = copy_browser(app, client)
    page = client.get("/profile").get_data(as_text=True)
    assert 'action="/signout-everywhere"' in page and 'href="/password"' in page
    response = client.post("/signout-everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/profile").status_code == 302
    assert copied.get("/profile").status_code == 302
    assert auth.login("lea@example.org").status_code == 302  # the password still works


def test_sign_out_everywhere_is_for_members(client):
    assert client.post("/signout-everywhere").status_code == 302


def test_deleted_members_are_signed_out(app, client, auth, make_user):
    from marketplace.accounts.models import utcnow

    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    user.deleted_at = utcnow()
    db.session.commit()
    assert client.get("/profile").status_code == 302


def test_sessions_from_before_session_rows_are_refused(app, client, make_user):
    user = make_user(email="lea@example.org")
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # what the old get_id() stored
        session["_fresh"] = True
    assert client.get("/profile").status_code == 302


def test_remember_me_lasts_thirty_days(client, make_user):
    make_user(email="lea@example.org")
    response = client.post("/login", data={"email": "lea@example.org", "password": PASSWORD, "remember": "y"})
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and response.status_code == 302
    from datetime import datetime, timezone

    lifetime = cookie.expires - datetime.now(timezone.utc)
    assert timedelta(days=29) < lifetime <= timedelta(days=30)
