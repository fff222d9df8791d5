"""Programme fixtures: a manager, a reverse programme in enrolment, and members to enrol."""

from datetime import date, datetime

import pytest

from marketplace.extensions import db
from marketplace.programmes import enrolment, services

NOW = datetime(2026, 11, 26, 9, 0)
SETTINGS = {
    "name": "Reverse mentoring 2027", "description": "Juniors teach digital skills to executives.",
    "objectives": "Every executive publishes on a social network\nJuniors meet the executive committee",
    "kind": "reverse", "enrolment_closes_on": date(2026, 12, 15), "starts_on": date(2027, 1, 4),
    "ends_on": date(2027, 6, 30), "open_to_applications": True, "frequency": "fortnightly",
    "planned_meetings": 6, "meeting_minutes": 45, "channel": "video", "ground_rules": "What is said stays here.",
    "departments": [], "seniorities": [], "languages": [], "mentor_capacity": 2, "language_rule": "required",
    "department_rule": "preferred", "timezone_rule": "any",
}


@pytest.fixture
def manager(make_user):
    """A programme manager (granted through the service the command uses)."""
    user = make_user(email="rh@example.org", display_name="Claire RH", seniority="senior", languages=["fr", "en"])
    services.grant_manager(user.email)
    db.session.commit()
    return user


@pytest.fixture
def programme(manager):
    """A reverse programme in enrolment, run by `manager`."""
    created = services.create_programme(manager, **SETTINGS)
    db.session.commit()
    return created


@pytest.fixture
def enrol(programme, make_user):
    """enrol(email, role, seniority, brings=(), seeks=(), **profile) -> an answered participant."""

    def make(email, role, seniority, brings=(), seeks=(), languages=("fr", "en"), department="", **answers):
        member = make_user(email=email, display_name=email.split("@")[0].title(), seniority=seniority,
                           languages=list(languages), department=department)
        participant = enrolment.apply(programme, member, role, today=date(2026, 12, 1))
        enrolment.answer_application(participant, member, role, "Grow", list(brings), list(seeks), now=NOW,
                                    **answers)
        db.session.commit()
        return participant

    return make


@pytest.fixture
def in_request(app):
    """A request context, for services that build links in mails (as the pages call them)."""
    with app.test_request_context():
        yield
