"""What keeps a circle trustworthy: one proposed circle per member even when two runs
overlap, a programme's rules and the members' "not relevant" marks respected, a circle that
loses a skill dissolves, a closed programme finds no circle, a deleted member's skills leave
the circles that never formed, and the dashboard's statements do not grow with circles."""

from datetime import timedelta

import sqlalchemy as sa

from marketplace.accounts import privacy
from marketplace.accounts.models import utcnow
from marketplace.circles import runs
from marketplace.circles.models import Circle, CircleMember
from marketplace.circles.services import _form
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.skills import matching
from marketplace.skills import services as skill_services
from tests.circles.test_pages import signed_in  # noqa: F401 (a fixture)
from tests.circles.test_services import (  # noqa: F401 (fixtures)
    BEES, CALLIGRAPHY, CHESS, WANTS, enrol, make_person, manager, programme, propose, trio,
)
from tests.conftest import PASSWORD, statements_sent


def test_two_overlapping_runs_put_no_member_in_two_circles(app, trio, monkeypatch):
    """Run 1 reads the graph and solves; run 2 runs whole and commits; then run 1 proposes."""
    solve = runs.find_circles
    nested = []

    def interleaved(*args, **kwargs):
        found = solve(*args, **kwargs)
        if not nested:
            nested.append(True)
            with app.app_context():  # the other run, in a session of its own
                assert len(runs.run_circles().proposed) == 1
                db.session.commit()
        return found

    monkeypatch.setattr(runs, "find_circles", interleaved)
    assert runs.run_circles().proposed == []
    db.session.commit()
    db.session.expire_all()
    per_member = db.session.execute(sa.select(CircleMember.member_id, sa.func.count()).join(Circle)
                                    .where(Circle.status == "proposed").group_by(CircleMember.member_id)).all()
    assert sorted(count for _, count in per_member) == [1, 1, 1]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.kind == "circle_proposed")) == 3


def test_a_dismissed_pair_gives_no_edge(trio):
    ana, _, chloe = trio
    matching.dismiss_pair(ana.member, ana.need.id, chloe.offer.id)  # "not relevant" to Ana
    db.session.commit()
    assert runs.run_circles().proposed == []
    assert len(runs.candidate_graph()) == 2


def test_a_programme_run_follows_its_language_rule(make_person, programme, enrol):
    assert programme.language_rule == "required"
    people = [make_person("Ana", [BEES], [CHESS], languages=["fr"]),
              make_person("Ben", [CALLIGRAPHY], [BEES], languages=["de"]),
              make_person("Chloé", [CHESS], [CALLIGRAPHY], languages=["it"])]
    for person in people:
        enrol(person)
    assert len(runs.candidate_graph(programme)) == 0
    assert runs.run_circles(programme).proposed == []
    assert len(runs.run_circles().proposed) == 1  # the nightly run has no such rule


def test_a_closed_programme_finds_no_circle(trio, programme, enrol, manager, signed_in):
    for person in trio:
        enrol(person)
    programme.status = "closed"
    db.session.commit()
    response = signed_in(manager).post(f"/programmes/{programme.id}/circles")
    assert response.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count(Circle.id))) == 0


def test_deleting_a_skill_of_a_waiting_circle_dissolves_it(trio):
    ana, ben, chloe = trio
    circle = propose()
    skill_services.delete_skill(ben.need, ben.member)  # Ben no longer wants beekeeping
    db.session.commit()
    db.session.expire_all()
    circle = db.session.get(Circle, circle.id)
    assert circle.status == "dissolved" and circle.exchange_id is None
    told = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "circle_dissolved")).all()
    assert sorted(told) == sorted([ana.member.id, chloe.member.id])


def test_a_deleted_members_skills_leave_the_circles_that_never_formed(trio, signed_in):
    ana, ben, _ = trio
    circle = propose()
    privacy.delete_account(ben.member, PASSWORD)
    db.session.commit()
    page = signed_in(ana.member).get(f"/circles/{circle.id}").get_data(as_text=True)
    assert WANTS[BEES] not in page and f"“{CALLIGRAPHY}”" not in page
    assert f"“{BEES}”" in page  # Ana's own offer stays


def test_the_dashboard_costs_the_same_with_one_circle_exchange_or_four(make_user, signed_in):
    ana = make_user(email="ana@example.org", display_name="Ana")

    def start_circle(number):
        others = [make_user(display_name=f"Ben {number}"), make_user(display_name=f"Chloé {number}")]
        places = [CircleMember(member_id=m.id, position=k, offer_title=f"Topic {number}.{k}",
                               need_title=f"Need {number}.{k}", probability=0.9)
                  for k, m in enumerate([ana, *others])]
        circle = Circle(status="proposed", expires_at=utcnow() + timedelta(days=3), members=places)
        db.session.add(circle)
        db.session.flush()
        _form(circle, utcnow())
        db.session.commit()

    client = signed_in(ana)
    counts = []
    for circles in (1, 4):
        while db.session.scalar(sa.select(sa.func.count(Circle.id))) < circles:
            start_circle(db.session.scalar(sa.select(sa.func.count(Circle.id))))
        client.get("/dashboard")
        with statements_sent() as sent:
            assert client.get("/dashboard").status_code == 200
        counts.append(len(sent))
    assert counts[0] == counts[1], counts
