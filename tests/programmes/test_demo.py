"""The demo's programmes: one running with pairs at risk for several reasons, one in
enrolment, so `make run` shows the programme pages and the follow-up dashboard full."""

import pytest
import sqlalchemy as sa

from marketplace.demo import demo_logins, seed_demo
from marketplace.demo_data import ENROLMENT_PROGRAMME, PROGRAMME_MANAGER, RUNNING_PROGRAMME
from marketplace.exchange.models import Meeting
from marketplace.extensions import db
from marketplace.programmes import followup, services
from marketplace.programmes.models import MIN_ANSWERS_SHOWN, Participant, Programme
from tests.conftest import running_app


@pytest.fixture
def demo_app(app_config, demo_database_url):
    """An app on a copy of the demo population (seeded once per session by `seed-demo`)."""
    with running_app({**app_config, "SQLALCHEMY_DATABASE_URI": demo_database_url}) as app:
        yield app


def programme_named(settings):
    return db.session.scalar(sa.select(Programme).filter_by(name=settings["settings"]["name"]))


def test_the_demo_manager_runs_both_programmes(demo_app):
    programmes = db.session.scalars(sa.select(Programme)).all()
    assert sorted(p.status for p in programmes) == ["enrolment", "running"]
    assert {p.manager.email for p in programmes} == {PROGRAMME_MANAGER}
    assert services.is_manager(programmes[0].manager)
    assert PROGRAMME_MANAGER in [email for email, _, _ in demo_logins()]  # printed by `make run`


def test_the_running_programme_has_history_and_pairs_at_risk(demo_app):
    programme = programme_named(RUNNING_PROGRAMME)
    assert programme.kind == "reverse" and programme.status == "running"
    figures = followup.programme_figures(programme)
    assert figures.exchange_statuses == {"active": len(programme.pairs)} and len(programme.pairs) >= 4
    # Several weeks of meetings held, and the next ones planned.
    assert sum(week.held > 0 for week in figures.weeks) >= 3
    assert any(week.planned > week.held for week in figures.weeks)
    assert figures.objectives["done"] and figures.objectives["in_progress"]
    assert not figures.rating.hidden and figures.rating.count >= MIN_ANSWERS_SHOWN
    # At least three pairs at risk, for at least three different reasons.
    assert len(figures.at_risk) >= 3
    reasons = {reason for item in figures.at_risk for reason in item.reasons}
    assert {"no_meeting", "no_agenda", "low_ratings"} <= reasons
    healthy = [p for p in figures.pairs if not p.reasons]
    assert healthy and all(p.meetings_held >= 3 for p in healthy)


def test_the_programme_in_enrolment_waits_for_answers(demo_app):
    programme = programme_named(ENROLMENT_PROGRAMME)
    assert programme.status == "enrolment" and services.is_open(programme)
    statuses = {p.email: p.status for p in programme.participants}
    assert "answered" in statuses.values() and "invited" in statuses.values()
    newcomer = next(p for p in programme.participants if p.user_id is None)
    assert newcomer.status == "invited" and newcomer.invitation_hash
    assert any(p.source == "application" and p.status == "answered" for p in programme.participants)
    answered = [p for p in programme.participants if p.status == "answered"]
    assert all(p.objectives and (p.brings or p.seeks) for p in answered)  # skills from their profiles


def test_seeding_the_demo_again_adds_no_programme_data(demo_app):
    def counts():
        return [db.session.scalar(sa.select(sa.func.count()).select_from(table))
                for table in (Programme, Participant, Meeting)]

    before = counts()
    seed_demo()
    db.session.commit()
    assert counts() == before
