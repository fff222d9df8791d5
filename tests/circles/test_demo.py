"""The demo shows circles: `seed-demo` proposes them once, and the coverage figure (circles
against two-way swaps alone) is measured on the demo population without writing anything.
The demo is seeded with the hashing stand-in encoder here; the figure with the real model is
in the README."""

import pytest
import sqlalchemy as sa

from marketplace.circles.models import Circle, CircleMember
from marketplace.circles.runs import measure_coverage
from marketplace.demo import seed_demo_circles
from marketplace.extensions import db
from tests.conftest import running_app


@pytest.fixture
def demo_app(app_config, demo_database_url):
    """An app on a copy of the demo population (seeded once per session by `seed-demo`)."""
    with running_app({**app_config, "SQLALCHEMY_DATABASE_URI": demo_database_url}) as app:
        yield app


def test_the_demo_has_proposed_circles_each_member_in_at_most_one(demo_app):
    circles = db.session.scalars(sa.select(Circle)).all()
    assert circles and {c.status for c in circles} == {"proposed"}
    assert any(len(c.members) == 3 for c in circles)
    members = db.session.scalars(sa.select(CircleMember.member_id)).all()
    assert len(members) == len(set(members))


def test_seeding_circles_again_adds_none(demo_app):
    before = db.session.scalar(sa.select(sa.func.count(Circle.id)))
    assert seed_demo_circles() == 0
    assert db.session.scalar(sa.select(sa.func.count(Circle.id))) == before


def test_the_coverage_figure_writes_nothing_and_compares_with_swaps(demo_app):
    before = db.session.scalar(sa.select(sa.func.count(Circle.id)))
    figures = measure_coverage()
    assert db.session.scalar(sa.select(sa.func.count(Circle.id))) == before
    assert figures["proven_optimal"]
    # Swaps are among the circles' choices: circles never cover fewer members.
    assert figures["members_in_circles"] >= figures["members_in_swaps_only"] > 0
    assert figures["members_in_circles"] == 2 * figures["circles_2"] + 3 * figures["circles_3"]
