"""Password guessing: limits per client address, per (account, address), and per account."""

import logging
import threading
from datetime import datetime, timedelta

import pytest

from marketplace import create_app
from marketplace.accounts import services, throttle
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.conftest import PASSWORD, _hash, running_app

WRONG = "wrong password!"


def login(client, email, password=PASSWORD, address="10.0.0.1", **headers):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def test_guesses_from_one_client_do_not_lock_the_owner_out(client, make_user):
    make_user(email="marc@example.org")
    attacker, owner = "203.0.113.9", "198.51.100.7"
    for _ in range(10):
        assert login(client, "marc@example.org", WRONG, attacker).status_code == 422
    refused = login(client, "marc@example.org", PASSWORD, attacker)
    assert refused.status_code == 429 and b"Too many" in refused.data
    assert "Retry-After" in refused.headers
    assert login(client, "marc@example.org", PASSWORD, owner).status_code == 302


def test_spraying_many_accounts_from_one_address_is_stopped(app, client, make_user):
    emails = [make_user().email for _ in range(20)]
    statuses = [login(client, emails[n % 20], WRONG).status_code for n in range(200)]
    assert statuses[:100] == [422] * 100  # LOGIN_LIMIT_PER_IP: 100 per 15 minutes
    assert statuses[100:] == [429] * 100
    assert login(client, emails[0], PASSWORD, "10.0.0.2").status_code == 302  # others are unaffected


def test_forwarded_for_is_ignored_unless_proxies_are_configured(client, make_user):
    make_user(email="marc@example.org")
    for n in range(10):
        login(client, "marc@example.org", WRONG, **{"X-Forwarded-For": f"192.0.2.{n}"})
    forged = login(client, "marc@example.org", PASSWORD, **{"X-Forwarded-For": "192.0.2.200"})
    assert forged.status_code == 429


@pytest.fixture
def behind_one_proxy(app_config):
    with running_app({**app_config, "PROXY_HOPS": 1}) as app:
        yield app


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(behind_one_proxy):
    with behind_one_proxy.app_context():
        db.session.add(User(email="marc@example.org", display_name="Marc", password_hash=_hash(PASSWORD)))
        db.session.commit()
    client = behind_one_proxy.test_client()
    for _ in range(10):
        login(client, "marc@example.org", WRONG, **{"X-Forwarded-For": "203.0.113.9"})
    assert login(client, "marc@example.org", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"}).status_code == 429
    assert login(client, "marc@example.org", PASSWORD, **{"X-Forwarded-For": "198.51.100.7"}).status_code == 302


@pytest.fixture
def slowdown_after_5(app):
    """A small account threshold, so the per-account slow-down shows before the address limits."""
    app.config["ACCOUNT_SLOWDOWN_AFTER"] = 5


def test_guessing_one_account_from_many_addresses_is_slowed_down(client, make_user, slowdown_after_5):
    make_user(email="marc@example.org")
    for n in range(5):
        assert login(client, "marc@example.org", WRONG, f"192.0.2.{n}").status_code == 422
    slowed = login(client, "marc@example.org", PASSWORD, "192.0.2.100")
    assert slowed.status_code == 429 and b"Too many attempts" in slowed.data
    assert login(client, "nobody@example.org", WRONG, "192.0.2.101").status_code == 422  # others go on


def test_the_owners_own_browser_is_not_slowed_down(app, client, make_user, slowdown_after_5):
    make_user(email="marc@example.org")
    assert login(client, "marc@example.org", PASSWORD, "198.51.100.7").status_code == 302
    client.post("/logout", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    guesser = app.test_client()
    for n in range(6):
        login(guesser, "marc@example.org", WRONG, f"192.0.2.{n}")
    assert login(guesser, "marc@example.org", PASSWORD, "192.0.2.100").status_code == 429
    assert login(client, "marc@example.org", PASSWORD, "198.51.100.7").status_code == 302


def test_the_slow_down_passes_and_a_success_forgets_the_failures(app, make_user, slowdown_after_5):
    user = make_user(email="marc@example.org")
    then = datetime(2026, 1, 1, 9, 0)
    for _ in range(5):
        assert services.authenticate("marc@example.org", "nope", now=then) is None
    with pytest.raises(services.AccountError):
        services.authenticate("marc@example.org", PASSWORD, now=then + timedelta(seconds=10))
    later = then + timedelta(seconds=31)  # ACCOUNT_SLOWDOWN_SECONDS
    assert services.authenticate("marc@example.org", PASSWORD, now=later) == user
    for _ in range(4):
        assert services.authenticate("marc@example.org", "nope", now=later) is None
    assert services.authenticate("marc@example.org", PASSWORD, now=later) == user


def test_old_failures_are_forgotten(app, make_user, slowdown_after_5):
    user = make_user(email="marc@example.org")
    then = datetime(2026, 1, 1, 9, 0)
    for _ in range(4):
        services.authenticate("marc@example.org", "nope", now=then)
    later = then + timedelta(minutes=16)  # ACCOUNT_SLOWDOWN_WINDOW
    for _ in range(4):
        assert services.authenticate("marc@example.org", "nope", now=later) is None
    assert services.authenticate("marc@example.org", PASSWORD, now=later) == user


def test_concurrent_attempts_are_counted_one_by_one(app, slowdown_after_5):
    """40 attempts at the same instant on one account: exactly the threshold get through."""
    now = datetime(2026, 1, 1, 9, 0)
    barrier = threading.Barrier(40)
    answers = []

    def attempt():
        with app.app_context():
            barrier.wait()
            answers.append(throttle.claim_attempt("marc@example.org", now))

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 40 and answers.count(True) == 5


# --- Other limits. -----------------------------------------------------------------------

def test_signup_requests_are_rate_limited(client, outbox):
    statuses = [client.post("/signup", data={
        "display_name": "X", "email": f"x{n}@example.org", "seniority": "mid", "timezone": "UTC",
    }).status_code for n in range(21)]
    assert statuses == [200] * 20 + [429]


def test_reset_requests_are_rate_limited_per_address_and_per_email(client, outbox, make_user):
    make_user(email="lea@example.org")
    statuses = [client.post("/password/reset", data={"email": "lea@example.org"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(outbox) == 3
    statuses = [client.post("/password/reset", data={"email": f"x{n}@example.org"}).status_code for n in range(20)]
    assert statuses == [200] * 17 + [429] * 3  # 20 per hour from one address


def test_password_change_attempts_are_rate_limited(client, make_user):
    make_user(email="lea@example.org")
    login(client, "lea@example.org")
    data = {"current": "not my password", "password": "a brand new passphrase", "confirm": "a brand new passphrase"}
    statuses = [client.post("/password", data=data).status_code for _ in range(11)]
    assert statuses == [422] * 10 + [429]


def test_several_workers_without_redis_log_a_warning(app_config, caplog):
    with caplog.at_level(logging.WARNING):
        create_app({**app_config, "WORKERS": 2})
    assert "MARKETPLACE_REDIS_URL" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        create_app({**app_config, "WORKERS": 2, "REDIS_URL": "redis://127.0.0.1:1/0"})
    assert "MARKETPLACE_REDIS_URL" not in caplog.text


def test_sign_in_still_works_while_redis_is_down(app, app_config):
    down = create_app({**app_config, "REDIS_URL": "redis://127.0.0.1:1/0"})  # nothing listens there
    with down.app_context():
        db.session.add(User(email="marc@example.org", display_name="Marc", password_hash=_hash(PASSWORD)))
        db.session.commit()
        db.session.remove()
    try:
        assert login(down.test_client(), "marc@example.org").status_code == 302
    finally:
        with down.app_context():
            db.engine.dispose()
