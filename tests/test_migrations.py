"""The migrations build exactly the schema the models describe."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from marketplace import create_app
from marketplace.extensions import db
from marketplace.accounts.models import User
from marketplace.skills.lexical import search_skills, store_terms
from marketplace.skills.models import Skill, unmodelled_table


@pytest.fixture
def empty_app(empty_database_url):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    yield app
    with app.app_context():
        db.engine.dispose()


# The GIN index on skill words exists on PostgreSQL only; SQLite cannot reflect expression
# indexes, so Alembic says it skips comparing it there.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_upgrade_matches_the_models(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with empty_app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": lambda obj, name, kind, reflected, to: not (
            kind == "table" and reflected and to is None and unmodelled_table(name))})
        diff = compare_metadata(context, db.metadata)
        assert diff == []
        assert connection.exec_driver_sql("select version from index_state where id = 1").scalar() == 0
    # The full-text index of skill words came with it, in the database's own kind.
    with empty_app.app_context():
        owner = User(email="words@example.org", display_name="Words", password_hash="x")
        db.session.add(owner)
        db.session.flush()
        skill = Skill(owner=owner, direction="offer", title="Excel")
        db.session.add(skill)
        db.session.flush()
        store_terms([skill], None)
        assert search_skills("Excel", None) == [skill.id]
        db.session.rollback()
