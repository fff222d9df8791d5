"""The console commands."""

import pytest
import sqlalchemy as sa

from marketplace.accounts.models import SENIORITIES, User
from marketplace.demo_data import MEMBERS
from marketplace.exchange.models import CohortSeat, Exchange, Meeting, ProposalRevision
from marketplace.extensions import db
from marketplace.skills.models import Skill
from marketplace.skills.wording import WORDING_VERSION
from tests.conftest import running_app


def population():
    users = db.session.scalars(sa.select(User).order_by(User.email)).all()
    exchanges = db.session.execute(sa.select(Exchange.kind, Exchange.status).order_by(Exchange.id)).all()
    seats = db.session.scalar(sa.select(sa.func.count(CohortSeat.id)))
    return [(u.email, u.seniority, sorted((s.direction, s.title) for s in u.skills)) for u in users], exchanges, seats


@pytest.fixture
def demo_app(app_config, demo_database_url):
    """An app on a copy of the demo population (seeded once per session by `seed-demo`)."""
    with running_app({**app_config, "SQLALCHEMY_DATABASE_URI": demo_database_url}) as app:
        yield app


def test_seed_demo_is_idempotent(demo_template, demo_app):
    _, first = demo_template  # what the session's seed-demo printed on an empty database
    assert f"{len(MEMBERS)} members created" in first
    assert MEMBERS[0]["email"] in first
    snapshot = population()
    second = demo_app.test_cli_runner().invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "0 members created" in second.output
    assert population() == snapshot


def test_demo_population_is_believable(demo_app):
    users = db.session.scalars(sa.select(User)).all()
    assert len(users) >= 60
    assert {u.seniority for u in users} == set(SENIORITIES)
    assert len({u.department for u in users}) >= 4
    for user in users:
        assert 2 <= len(user.offers) <= 5 and 2 <= len(user.needs) <= 5
    titles = db.session.scalars(sa.select(Skill.title)).all()
    french = [t for t in titles if any(w in t.lower().split() for w in ("de", "des", "le", "la", "les", "un", "une", "pour"))]
    assert len(french) >= 10
    # Every page has something to show: exchanges at each stage, meetings held and planned,
    # a counter-proposal's history, seats in the cohorts.
    statuses = set(db.session.scalars(sa.select(Exchange.status)))
    assert {"proposed", "active", "completed"} <= statuses
    assert set(db.session.scalars(sa.select(Meeting.status))) >= {"held", "planned"}
    assert db.session.scalar(sa.select(sa.func.count(ProposalRevision.id))) >= 3
    assert db.session.scalar(sa.select(sa.func.count(CohortSeat.id))) >= 3


def test_demo_login_works(demo_app):
    from marketplace.demo import DEMO_PASSWORD

    client = demo_app.test_client()
    response = client.post("/login", data={"email": MEMBERS[0]["email"], "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/profile").status_code == 200


def test_reindex_embeds_only_what_a_new_encoder_made_stale(app, runner, make_user, make_skill):
    from marketplace.skills.models import SkillVector

    owner = make_user()
    make_skill(owner, "offer", "Excel pivot tables")
    make_skill(owner, "learn", "Prise de parole en public")
    first = runner.invoke(args=["reindex"])
    assert first.exit_code == 0 and "0 skills embedded" in first.stdout

    app.config["MATCHING_ENCODER"] = "use"  # another model: every vector is stale
    app.extensions["matching"].encoder_spec = "use"
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "2 skills embedded with use-multilingual-v3" in result.stdout
    encoders = set(db.session.scalars(sa.select(SkillVector.encoder)))
    (encoder,) = encoders
    assert encoder.startswith(f"use-multilingual-v3|title0.5|{WORDING_VERSION}|g:")  # model, wording rules, glossary
    assert "0 skills embedded" in runner.invoke(args=["reindex"]).stdout
