"""The index's life in a process: built from committed rows only, never changed once read
(copy on write), and schema work kept out of requests (GET before the first write, on a
database where `reindex` never ran; a projection refit while another worker serves)."""

import pytest
import sqlalchemy as sa

from marketplace import create_app
from marketplace.extensions import db
from marketplace.skills import services
from marketplace.skills.engine import get_engine
from marketplace.skills.pgvector_index import TABLE_PREFIX
from tests.conftest import BACKEND, PASSWORD, IsolatedClient


@pytest.fixture
def app(app_config):
    """An app on a schema as the migrations leave it: `marketplace reindex` never ran, so
    PostgreSQL has no shared vector table yet."""
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


def vector_tables():
    """The shared vector tables present in the database, by name."""
    if BACKEND == "postgresql":
        query = "SELECT tablename FROM pg_catalog.pg_tables WHERE tablename LIKE :prefix"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE :prefix"
    with db.engine.connect() as connection:
        return sorted(connection.execute(sa.text(query), {"prefix": TABLE_PREFIX + "%"}).scalars())


def rows_in(tables):
    with db.engine.connect() as connection:
        return sum(connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in tables)


def signed_in(app, email):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def add_need(client, title):
    response = client.post("/skills/new/learn", data={
        "title": title, "description": "", "level": "3", "formats": ["one_to_one"], "add_anyway": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_get_before_the_first_write_creates_nothing_and_writes_then_work(app, make_user, make_skill, runner):
    make_user(email="marc@example.org", display_name="Marc")
    lea = make_user(email="lea@example.org", display_name="Lea")
    marc_client = signed_in(app, "marc@example.org")

    # The first matching request of this process is a GET: it serves, and creates nothing.
    assert marc_client.get("/matches").status_code == 200
    assert marc_client.get("/members?q=Excel").status_code == 200
    assert vector_tables() == []

    # Writes then work, through the page and the services, and show at the next read.
    add_need(marc_client, "Excel pivot tables")
    make_skill(lea, "offer", "Excel pivot tables and charts")
    assert ">Lea<" in marc_client.get("/matches").get_data(as_text=True)
    assert vector_tables() == []

    # `reindex` creates and fills the shared tables on PostgreSQL (nothing to do on SQLite);
    # the page keeps serving, and later writes reach the tables in their own transaction.
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    tables = vector_tables()
    assert len(tables) == (2 if BACKEND == "postgresql" else 0)
    assert rows_in(tables) == (2 if tables else 0)
    assert ">Lea<" in marc_client.get("/matches").get_data(as_text=True)
    assert get_engine().snapshot().shared == (BACKEND == "postgresql")
    add_need(marc_client, "Négociation commerciale")
    assert rows_in(tables) == (3 if tables else 0)


def test_an_uncommitted_write_never_reaches_the_index(app, make_user, make_skill):
    lea = make_user()
    kept = make_skill(lea, "offer", "Excel pivot tables")
    engine = get_engine()
    before = engine.snapshot()
    assert kept.id in before.skills

    pending = services.add_skill(lea, "offer", "Négociation commerciale")
    db.session.flush()
    assert pending.id not in engine.snapshot().skills  # read from committed rows only
    pending_id = pending.id
    db.session.rollback()
    after = engine.snapshot()
    assert pending_id not in after.skills and after.version == before.version

    added = make_skill(lea, "offer", "Négociation commerciale")
    assert added.id in engine.snapshot().skills


def test_a_snapshot_never_changes_once_read(app, make_user, make_skill):
    lea, marc = make_user(), make_user()
    need = make_skill(marc, "learn", "Excel pivot tables")
    first_offer = make_skill(lea, "offer", "Excel pivot tables")
    engine = get_engine()
    old = engine.snapshot()
    query = old.fetch("learn", [need.id])
    old_results = old.search("offer", query, 5)[0].tolist()

    second_offer = make_skill(lea, "offer", "Excel pivot tables, charts", allow_similar=True)
    services.delete_skill(first_offer, lea)
    db.session.commit()
    new = engine.snapshot()

    assert new is not old and new.version > old.version
    assert second_offer.id in new.skills and first_offer.id not in new.skills
    # The request that still holds the old snapshot reads what it read before.
    assert first_offer.id in old.skills and second_offer.id not in old.skills
    if not old.shared:  # a shared index is the database itself, read in each request's transaction
        assert old.search("offer", query, 5)[0].tolist() == old_results
    assert second_offer.id in new.search("offer", new.fetch("learn", [need.id]), 5)[0][0].tolist()


@pytest.fixture
def refit_config(app_config):
    """A projection once there are 16 offers (the hashing encoder has 256 dimensions)."""
    return {**app_config, "MATCHING_INDEX_DIM": 16, "MATCHING_PROJECTION_MIN_OFFERS": 16}


def test_a_projection_refit_while_another_worker_serves(refit_config, make_user, make_skill):
    with_reindex = create_app(refit_config)
    serving = create_app(refit_config)
    serving.test_client_class = IsolatedClient
    with with_reindex.app_context():
        db.create_all()
        assert with_reindex.test_cli_runner().invoke(args=["reindex"]).exit_code == 0
        lea = make_user(email="lea@example.org", display_name="Lea")
        make_user(email="marc@example.org", display_name="Marc")
        topics = ["Excel", "Python", "Negotiation", "Public speaking", "TikTok", "Photoshop", "SQL", "Figma",
                  "Budgeting", "Recruiting", "Kubernetes", "Copywriting", "Lean", "Scrum", "SEO", "Tableau",
                  "Accounting", "German", "Podcasting", "Welding"]
        for topic in topics:
            make_skill(lea, "offer", f"{topic} for beginners", allow_similar=True)
        tables_before = vector_tables()

    marc = signed_in(serving, "marc@example.org")
    add_need(marc, "Welding for beginners")
    assert ">Lea<" in marc.get("/matches").get_data(as_text=True)
    with serving.app_context():
        assert get_engine().snapshot().projection is None

    # Another process refits: new projection, new tables filled, then the switch commits.
    with with_reindex.app_context():
        result = with_reindex.test_cli_runner().invoke(args=["reindex", "--refit-projection"])
        assert result.exit_code == 0, result.output
        assert "fitted on 20 offers" in result.output

    # The serving worker moves to the new projection at its next read and still finds Lea.
    assert ">Lea<" in marc.get("/matches").get_data(as_text=True)
    with serving.app_context():
        snapshot = get_engine().snapshot()
        assert snapshot.projection is not None and snapshot.projection.shape == (256, 16)
        assert snapshot.offers.dim == 16
        if BACKEND == "postgresql":
            tables = vector_tables()
            assert set(tables_before) < set(tables)  # the old ones keep serving in-flight requests
            assert snapshot.shared and snapshot.offers.table in tables

    # A write through the serving worker reaches the other at its next read.
    add_need(marc, "Negotiation for beginners")
    with with_reindex.app_context():
        snapshot = get_engine().snapshot()
        assert len([s for s in snapshot.skills.values() if s.direction == "learn"]) == 2
        if BACKEND == "postgresql":
            assert rows_in([snapshot.needs.table]) == 2
    for app in (with_reindex, serving):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
