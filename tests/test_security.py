"""CSRF, malformed input, configuration secrets, SQLite settings."""

import pytest
import sqlalchemy as sa

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import PASSWORD, csrf_token


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_post_without_csrf_token_is_refused(client, make_user):
    make_user(email="lea@example.org")
    response = client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/profile").status_code == 302


def test_post_with_csrf_token_is_accepted(client, make_user):
    make_user(email="lea@example.org")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "lea@example.org", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


def test_logout_and_skill_changes_need_the_token(client, make_user, make_skill):
    user = make_user(email="lea@example.org")
    skill = make_skill(user, "offer", "Excel")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post(f"/skills/{skill.id}/delete").status_code == 400
    assert client.post("/logout").status_code == 400
    assert db.session.get(type(skill), skill.id) is not None


@pytest.mark.parametrize("path,data", [
    ("/signup", {"email": ["a", "b"], "password": "\x00" * 5}),
    ("/login", {"email": "x" * 10000, "password": "y"}),
    ("/profile/edit", {"languages": ["fr", "\x00"], "seniority": ["a", "b"]}),
    ("/skills/new/offer", {"level": "1e9999", "title": "\u202e\u0000"}),
    ("/skills/new/learn", {"level": "-1", "formats": "group"}),
    ("/language", {"locale": "xx", "next": "http://evil"}),
])
def test_malformed_input_never_gives_a_server_error(app_config, make_user, path, data):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    response = client.post(path, data=data)
    assert response.status_code < 500
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/members/abc", "/members/99999999999999999999", "/skills/x/edit",
                                  "/nowhere", "/skills/-1/edit"])
def test_unknown_ids_are_404(client, path):
    assert client.get(path).status_code in (302, 404)


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    # A throwaway instance folder, so the developer's own key is untouched.
    a = _app_in(tmp_path)
    b = _app_in(tmp_path)
    assert a.config["SECRET_KEY"] and len(a.config["SECRET_KEY"]) >= 64
    assert a.config["SECRET_KEY"] == b.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert _app_in(tmp_path / "other").config["SECRET_KEY"] != a.config["SECRET_KEY"]


def _app_in(folder):
    from flask import Flask

    from marketplace import config

    app = Flask("marketplace", instance_path=str(folder), instance_relative_config=True)
    config.configure(app, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    # The embedded default, whatever backend the rest of the suite runs on.
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.sqlite'}"})
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() >= 5000
        db.engine.dispose()


def test_environment_overrides_the_database_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("MARKETPLACE_DATABASE_URL", url)
    assert create_app({"SECRET_KEY": "x"}).config["SQLALCHEMY_DATABASE_URI"] == url
