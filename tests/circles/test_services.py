"""The life of an exchange circle through its services: proposed by a run, accepted or
declined by each member, formed into an exchange, dissolved, expired, left by a departing
member; within a programme; and the `find-circles` and `send-reminders` commands.

Members are built with the hashing stand-in encoder on three subjects far apart (see
test_graph.py): each learner words their need apart from the offer that answers it, so a
test can tell an offer's title from a need's."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace.accounts import privacy
from marketplace.accounts.models import User, utcnow
from marketplace.circles import runs, services
from marketplace.circles.models import ANSWER_TIME, Circle, CircleMember
from marketplace.circles.pages import programme_circle_figures
from marketplace.circles.services import CircleError
from marketplace.errors import NotFound
from marketplace.exchange import feedback, meetings
from marketplace.exchange import services as exchanges
from marketplace.exchange.models import Exchange
from marketplace.exchange.queries import exchanges_of, involving
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.notifications.services import describe
from marketplace.programmes import enrolment
from marketplace.programmes import services as programmes
from marketplace.programmes.assignment import points
from marketplace.programmes.models import ForbiddenPair
from tests.conftest import PASSWORD

BEES, CALLIGRAPHY, CHESS = "Beekeeping basics", "Japanese calligraphy", "Chess openings"
# What a learner asks for, in other words than the offer that answers it (still a match).
WANTS = {BEES: "Beekeeping basics for beginners", CALLIGRAPHY: "Japanese calligraphy with brushes",
         CHESS: "Chess openings for beginners"}


@dataclass
class Person:
    """A member and their skills: offers and needs by subject."""

    member: User
    offers: dict = field(default_factory=dict)
    needs: dict = field(default_factory=dict)

    @property
    def offer(self):
        """Their first offer (the one they teach in a circle of the `trio`)."""
        return next(iter(self.offers.values()))

    @property
    def need(self):
        """Their first need."""
        return next(iter(self.needs.values()))


@pytest.fixture
def make_person(make_user, make_skill):
    """Factory: make_person("Ana", offers=[BEES], needs=[CHESS]) -> a Person, e-mail ana@example.org;
    each need is worded as WANTS says."""

    def make(name, offers=(), needs=(), **profile):
        email = name.lower().replace("é", "e") + "@example.org"
        member = make_user(email=email, display_name=name, **profile)
        person = Person(member)
        for subject in offers:
            person.offers[subject] = make_skill(member, "offer", subject)
        for subject in needs:
            person.needs[subject] = make_skill(member, "learn", WANTS[subject])
        return person

    return make


@pytest.fixture
def trio(make_person):
    """Ana teaches beekeeping to Ben, Ben calligraphy to Chloé, Chloé chess to Ana; no pair
    can swap. (ana, ben, chloe)."""
    return (make_person("Ana", [BEES], [CHESS]), make_person("Ben", [CALLIGRAPHY], [BEES]),
            make_person("Chloé", [CHESS], [CALLIGRAPHY]))


@pytest.fixture
def stranger(make_person):
    """A member with no skill, in no circle."""
    return make_person("Eve").member


def propose():
    """Run the circles over every member and commit; the one circle proposed."""
    run = runs.run_circles()
    db.session.commit()
    (circle,) = run.proposed
    return circle


def notifications_of(member, kind=None):
    """The member's notifications (of one kind), oldest first."""
    query = sa.select(Notification).where(Notification.user_id == member.id).order_by(Notification.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return db.session.scalars(query).all()


def circles_with(*members):
    """Circles whose member set is exactly these members."""
    wanted = {m.id for m in members}
    return [c for c in db.session.scalars(sa.select(Circle)) if {p.member_id for p in c.members} == wanted]


def form(circle, people):
    """Every member accepts, in circle order; the exchange the last acceptance starts."""
    exchange = None
    for person in people:
        exchange = services.accept_circle(circle, person.member)
    db.session.commit()
    return exchange


# --- A run proposes ---------------------------------------------------------------------------

def test_a_triangle_is_proposed_as_one_circle_in_teaching_order(trio):
    ana, ben, chloe = trio
    graph = runs.candidate_graph()
    weights = {(graph.members[t], graph.members[l]): w
               for t, l, w in zip(graph.teacher.tolist(), graph.learner.tolist(), graph.weight.tolist())}
    run = runs.run_circles()
    db.session.commit()
    assert run.summary()["circles_proposed"] == 1 and run.summary()["circles_3"] == 1
    assert (run.members_considered, run.edges) == (3, 3)
    (circle,) = run.proposed
    assert (circle.status, circle.programme_id, circle.exchange_id) == ("proposed", None, None)
    assert circle.expires_at == circle.created_at + ANSWER_TIME
    # Ana teaches Ben, Ben teaches Chloé, Chloé teaches Ana.
    assert [p.member_id for p in circle.members] == [ana.member.id, ben.member.id, chloe.member.id]
    assert [p.position for p in circle.members] == [0, 1, 2]
    for teacher, learner in ((ana, ben), (ben, chloe), (chloe, ana)):
        place = circle.member_of(teacher.member)
        assert circle.next_of(place).member_id == learner.member.id
        assert circle.previous_of(circle.next_of(place)) is place
        assert (place.offer_id, place.offer_title) == (teacher.offer.id, teacher.offer.title)
        assert (place.need_id, place.need_title) == (learner.need.id, learner.need.title)
        assert place.probability == pytest.approx(weights[(teacher.member.id, learner.member.id)])
        assert place.probability >= graph.threshold
        assert place.answer == "waiting" and place.answered_at is None
    assert circle.points == int(sum(points(p.probability) for p in circle.members))
    # Each member is told once, and the message names what each teaches.
    for person in trio:
        (told,) = notifications_of(person.member)
        assert (told.kind, told.circle_id, told.exchange_id) == ("circle_proposed", circle.id, None)
        assert f"{BEES} → {CALLIGRAPHY} → {CHESS}" in describe(told)
        assert services.proposed_circle_of(person.member) == circle


def test_a_second_run_proposes_nothing_while_the_members_are_in_a_proposed_circle(trio):
    circle = propose()
    again = runs.run_circles()
    db.session.commit()
    assert again.proposed == [] and again.members_considered == 0
    assert db.session.scalars(sa.select(Circle.id)).all() == [circle.id]
    assert all(len(notifications_of(person.member)) == 1 for person in trio)


@pytest.mark.parametrize("answer, kept_apart", [(None, True), ("accept", True), ("decline", False)])
def test_a_pair_in_an_open_exchange_gets_no_edge_and_no_circle(trio, answer, kept_apart):
    ana, ben, chloe = trio
    exchange = exchanges.propose_exchange(ana.member, ben.member, their_offer=ben.offer, objectives=["Brushes"])
    if answer == "accept":
        exchanges.accept_exchange(exchange, ben.member)
    elif answer == "decline":
        exchanges.decline_exchange(exchange, ben.member)
    db.session.commit()
    graph = runs.candidate_graph()
    pairs = {(graph.members[t], graph.members[l]) for t, l in zip(graph.teacher.tolist(), graph.learner.tolist())}
    assert ((ana.member.id, ben.member.id) not in pairs) is kept_apart
    run = runs.run_circles()
    assert len(run.proposed) == (0 if kept_apart else 1)


# --- Answers ----------------------------------------------------------------------------------

def test_the_last_acceptance_forms_a_circle_exchange(trio):
    ana, ben, chloe = trio
    circle = propose()
    assert services.accept_circle(circle, ana.member) is None
    assert services.accept_circle(circle, chloe.member) is None
    db.session.commit()
    assert circle.status == "proposed" and circle.exchange_id is None
    assert [p.answer for p in circle.members] == ["accepted", "waiting", "accepted"]
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 0
    exchange = services.accept_circle(circle, ben.member)
    db.session.commit()
    assert (exchange.kind, exchange.status, exchange.programme_id) == ("circle", "active", None)
    assert exchange.is_circle and exchange.partner_id is None and exchange.accepted_at is not None
    assert [(t.teacher_id, t.learner_id, t.topic, t.skill_id) for t in exchange.teachings] == [
        (ana.member.id, ben.member.id, BEES, ana.offer.id),
        (ben.member.id, chloe.member.id, CALLIGRAPHY, ben.offer.id),
        (chloe.member.id, ana.member.id, CHESS, chloe.offer.id)]
    assert [o.title for o in exchange.objectives] == [ben.need.title, chloe.need.title, ana.need.title]
    assert (circle.status, circle.exchange_id) == ("formed", exchange.id) and circle.closed_at is not None
    assert [p.id for p in exchange.participants] == [ana.member.id, ben.member.id, chloe.member.id]
    assert exchange.other(ana.member) == chloe.member  # who teaches her
    for person in trio:
        assert exchange.has_participant(person.member)
        (formed,) = notifications_of(person.member, "circle_formed")
        assert (formed.exchange_id, formed.circle_id) == (exchange.id, circle.id)
        assert db.session.scalars(exchanges_of(person.member)).all() == [exchange]
        assert db.session.scalars(sa.select(Exchange.id).where(involving(person.member))).all() == [exchange.id]
        assert services.proposed_circle_of(person.member) is None
    # Every pair of them is now in an open exchange together: no circle of theirs again.
    assert runs.run_circles().proposed == []


def test_two_last_acceptances_at_once_still_form_the_circle(app, trio):
    """Ben and Chloé accept at the same moment: Chloé's request has read the circle when
    Ben's commits, and takes the circle's lock after it. The second sees everyone accepted."""
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    db.session.commit()
    circle_id, ben_id = circle.id, ben.member.id
    read_by_chloe = services.get_circle(chloe.member, circle_id)
    assert [p.answer for p in read_by_chloe.members] == ["accepted", "waiting", "waiting"]
    with app.app_context():  # Ben's request: a session of its own
        bens_view = db.session.get(User, ben_id)
        assert services.accept_circle(services.get_circle(bens_view, circle_id), bens_view) is None
        db.session.commit()
    exchange = services.accept_circle(read_by_chloe, chloe.member)
    db.session.commit()
    db.session.expire_all()
    assert [p.answer for p in db.session.get(Circle, circle_id).members] == ["accepted"] * 3
    assert exchange is not None and db.session.get(Circle, circle_id).status == "formed"


def test_accepting_twice_is_refused_and_so_is_accepting_a_formed_circle(trio):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    with pytest.raises(CircleError) as refused:
        services.accept_circle(circle, ana.member)
    assert refused.value.status_code == 409
    services.accept_circle(circle, ben.member)
    services.accept_circle(circle, chloe.member)
    db.session.commit()
    for person in trio:
        with pytest.raises(CircleError):
            services.accept_circle(circle, person.member)
        with pytest.raises(CircleError):
            services.decline_circle(circle, person.member)
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 1


def test_a_stranger_is_told_the_circle_does_not_exist(trio, stranger):
    circle = propose()
    assert services.get_circle(trio[0].member, circle.id) == circle
    for attempt in (lambda: services.get_circle(stranger, circle.id), lambda: services.get_circle(stranger, 10_000),
                    lambda: services.accept_circle(circle, stranger), lambda: services.decline_circle(circle, stranger)):
        with pytest.raises(NotFound) as refused:
            attempt()
        assert refused.value.status_code == 404
    db.session.commit()
    assert circle.status == "proposed" and [p.answer for p in circle.members] == ["waiting"] * 3


@pytest.mark.parametrize("accepted_first", [False, True])
def test_a_decline_dissolves_the_circle_and_tells_the_others(trio, accepted_first):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, chloe.member)
    if accepted_first:
        services.accept_circle(circle, ben.member)
    services.decline_circle(circle, ben.member)
    db.session.commit()
    assert circle.status == "dissolved" and circle.closed_at is not None and circle.exchange_id is None
    assert circle.member_of(ben.member).answer == "declined"
    for person in (ana, chloe):
        (told,) = notifications_of(person.member, "circle_dissolved")
        assert told.circle_id == circle.id and told.actor_id is None  # the decliner is not named
        assert "Ben" not in describe(told)
    assert notifications_of(ben.member, "circle_dissolved") == []
    assert frozenset(p.member.id for p in trio) in services.remembered_sets()
    assert all(services.proposed_circle_of(p.member) is None for p in trio)
    for person in trio:
        with pytest.raises(CircleError):
            services.accept_circle(circle, person.member)
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 0


def test_a_dissolved_member_set_is_never_proposed_again_in_either_direction(make_person):
    # Each offers what both others want: every pair could swap, and both triangles
    # (Ana -> Ben -> Chloé -> Ana and back) are worth more than any swap.
    ana = make_person("Ana", [BEES, CALLIGRAPHY], [CHESS])
    ben = make_person("Ben", [CALLIGRAPHY, CHESS], [BEES])
    chloe = make_person("Chloé", [CHESS, BEES], [CALLIGRAPHY])
    assert len(runs.candidate_graph()) == 6
    circle = propose()
    assert len(circle.members) == 3
    services.decline_circle(circle, ana.member)
    db.session.commit()
    run = runs.run_circles()
    db.session.commit()
    # Neither triangle again: the best left is a swap of two of them.
    (swap,) = run.proposed
    assert len(swap.members) == 2
    assert circles_with(ana.member, ben.member, chloe.member) == [circle]


def test_a_circle_of_two_forms_a_swap(make_person):
    ana = make_person("Ana", [BEES], [CHESS])
    ben = make_person("Ben", [CHESS], [BEES])
    circle = propose()
    assert [p.member_id for p in circle.members] == [ana.member.id, ben.member.id]
    assert circle.member_of(ana.member).need_id == ben.need.id
    services.accept_circle(circle, ben.member)
    exchange = services.accept_circle(circle, ana.member)
    db.session.commit()
    assert (exchange.kind, exchange.status) == ("swap", "active")
    assert (exchange.proposer_id, exchange.partner_id, exchange.awaiting_id) == (ana.member.id, ben.member.id, None)
    assert [(t.teacher_id, t.learner_id, t.topic) for t in exchange.teachings] == [
        (ana.member.id, ben.member.id, BEES), (ben.member.id, ana.member.id, CHESS)]
    assert [o.title for o in exchange.objectives] == [ben.need.title, ana.need.title]
    assert exchange.other(ana.member) == ben.member and exchange.role_of(ben.member) == "both"
    assert (circle.status, circle.exchange_id) == ("formed", exchange.id)
    assert all(len(notifications_of(p.member, "circle_formed")) == 1 for p in (ana, ben))


# --- Expiry -----------------------------------------------------------------------------------

def test_an_unanswered_circle_expires_after_its_answer_time(trio):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    db.session.commit()
    deadline = circle.created_at + ANSWER_TIME
    assert services.shown_status(circle, deadline - timedelta(seconds=1)) == "proposed"
    assert services.expire_circles(deadline - timedelta(seconds=1)) == 0
    # Past its time the circle reads "expired" before anything records it.
    assert services.shown_status(circle, deadline) == "expired" and circle.status == "proposed"
    assert services.expire_circles(deadline) == 1
    db.session.commit()
    assert (circle.status, circle.closed_at) == ("expired", deadline)
    for person in trio:
        (told,) = notifications_of(person.member, "circle_expired")
        assert told.circle_id == circle.id
        with pytest.raises(CircleError):
            services.accept_circle(circle, person.member, now=deadline)
    assert frozenset(p.member.id for p in trio) in services.remembered_sets()
    assert runs.run_circles(now=deadline).proposed == []


def test_an_answer_after_the_deadline_expires_the_circle_instead(trio):
    ana, _, _ = trio
    circle = propose()
    with pytest.raises(CircleError):
        services.accept_circle(circle, ana.member, now=circle.expires_at)
    assert circle.status == "expired" and circle.member_of(ana.member).answer == "waiting"


def test_send_reminders_expires_overdue_circles(trio, runner):
    runs.run_circles(now=utcnow() - ANSWER_TIME - timedelta(hours=1))
    db.session.commit()
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert "1 proposals and circles expired" in result.output
    db.session.expire_all()
    assert db.session.scalars(sa.select(Circle.status)).all() == ["expired"]
    assert all(len(notifications_of(p.member, "circle_expired")) == 1 for p in trio)


# --- A member leaves --------------------------------------------------------------------------

def test_deleting_an_account_dissolves_their_proposed_circle(trio):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    db.session.commit()
    privacy.delete_account(ben.member, PASSWORD)
    db.session.commit()
    assert circle.status == "dissolved" and circle.member_of(ben.member).answer == "declined"
    for person in (ana, chloe):
        assert [n.circle_id for n in notifications_of(person.member, "circle_dissolved")] == [circle.id]
    assert runs.run_circles().proposed == []  # Ben is gone, his skills with him


def test_deleting_an_account_with_an_overdue_circle_still_deletes_it(trio):
    ana, ben, chloe = trio
    circle = runs.run_circles(now=utcnow() - ANSWER_TIME - timedelta(hours=1)).proposed[0]
    db.session.commit()
    # Nothing has expired the circle yet (no `send-reminders` since its deadline).
    assert circle.status == "proposed"
    privacy.delete_account(ben.member, PASSWORD)
    db.session.commit()
    assert ben.member.deleted_at is not None
    assert circle.status in ("expired", "dissolved")
    for person in (ana, chloe):
        assert len(notifications_of(person.member, "circle_expired")
                   + notifications_of(person.member, "circle_dissolved")) == 1


def test_deleting_an_account_cancels_their_circle_exchange_for_the_others(trio):
    ana, ben, chloe = trio
    circle = propose()
    exchange = form(circle, trio)
    privacy.delete_account(chloe.member, PASSWORD)
    db.session.commit()
    assert exchange.status == "cancelled" and circle.status == "formed"
    for person in (ana, ben):
        assert [n.exchange_id for n in notifications_of(person.member, "exchange_cancelled")] == [exchange.id]
        assert db.session.scalars(exchanges_of(person.member)).all() == [exchange]  # their history stays


def test_a_members_data_export_has_their_circles_but_never_the_others_answers(trio):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    services.decline_circle(circle, chloe.member)
    db.session.commit()
    (exported,) = privacy.export_member_data(ben.member)["circles"]
    assert (exported["circle_id"], exported["status"], exported["my_answer"]) == (circle.id, "dissolved", "waiting")
    assert exported["i_teach"] == {"to": "Chloé", "offer": CALLIGRAPHY, "their_need": WANTS[CALLIGRAPHY]}
    assert exported["i_learn"] == {"from": "Ana", "offer": BEES, "my_need": WANTS[BEES]}
    assert "accepted" not in json.dumps(exported) and "declined" not in json.dumps(exported)


# --- Life in a circle exchange ----------------------------------------------------------------

def test_every_member_runs_the_circle_exchange(trio):
    ana, ben, chloe = trio
    exchange = form(propose(), trio)
    now = utcnow()
    start = (now + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    planned = [meetings.schedule_meeting(exchange, person.member, start + timedelta(days=7 * k), now=now)
               for k, person in enumerate(trio)]
    db.session.commit()
    assert [m.created_by_id for m in exchange.meetings] == [p.member.id for p in trio]
    # Whoever plans a meeting, the two others are told.
    for person in trio:
        told = notifications_of(person.member, "meeting_scheduled")
        assert sorted(n.meeting_id for n in told) == sorted(m.id for m in planned if m.created_by_id != person.member.id)
    first = planned[0]
    for person in trio:
        meetings.add_agenda_topic(exchange, person.member, first.id, f"Agenda of {person.member.display_name}", now=now)
        meetings.add_note(exchange, person.member, first.id, f"Shared by {person.member.display_name}", now=now)
        meetings.add_note(exchange, person.member, first.id, f"Private to {person.member.display_name}",
                          private=True, now=now)
    db.session.commit()
    assert len(first.agenda) == 3
    for person in trio:
        name = person.member.display_name
        seen = {n.text for n in meetings.visible_notes(first, person.member)}
        assert seen == {f"Shared by {p.member.display_name}" for p in trio} | {f"Private to {name}"}
    # A meeting held yesterday is rated by each member.
    held = meetings.schedule_meeting(exchange, chloe.member, (now - timedelta(days=1)).replace(microsecond=0),
                                     now=now)
    meetings.hold_meeting(exchange, ben.member, held.id, now=now)
    for rating, person in enumerate(trio, start=3):
        feedback.give_meeting_feedback(exchange, person.member, held.id, rating, now=now)
    db.session.commit()
    assert sorted((f.author_id, f.rating) for f in held.feedback) == [
        (ana.member.id, 3), (ben.member.id, 4), (chloe.member.id, 5)]


# --- Within a programme -----------------------------------------------------------------------

NOW = datetime(2026, 11, 26, 9, 0)
PROGRAMME = {
    "name": "Peer learning 2027", "description": "Colleagues teach each other.", "objectives": "Learn a craft",
    "kind": "peer", "enrolment_closes_on": date(2026, 12, 15), "starts_on": date(2027, 1, 4),
    "ends_on": date(2027, 6, 30), "open_to_applications": True, "frequency": "weekly", "planned_meetings": 8,
    "meeting_minutes": 30, "channel": "in_person", "ground_rules": "Come prepared.", "departments": [],
    "seniorities": [], "languages": [], "mentor_capacity": 2, "language_rule": "required",
    "department_rule": "preferred", "timezone_rule": "any",
}


@pytest.fixture
def manager(make_user):
    """A programme manager."""
    user = make_user(email="rh@example.org", display_name="Claire RH")
    programmes.grant_manager(user.email)
    db.session.commit()
    return user


@pytest.fixture
def programme(manager):
    """A peer programme in enrolment, run by `manager`."""
    created = programmes.create_programme(manager, **PROGRAMME)
    db.session.commit()
    return created


@pytest.fixture
def enrol(programme):
    """enrol(person, answer=True, avoid=()) -> the person's participant (applied, and answered
    unless answer=False)."""

    def make(person, answer=True, avoid=()):
        participant = enrolment.apply(programme, person.member, "either", today=date(2026, 12, 1))
        if answer:
            enrolment.answer_application(participant, person.member, "either", "Learn",
                                         [s.title for s in person.offers.values()],
                                         [s.title for s in person.needs.values()], avoid=avoid, now=NOW)
        db.session.commit()
        return participant

    return make


def test_a_programme_run_considers_its_answered_participants_only(trio, make_person, programme, enrol):
    ana, ben, chloe = trio
    make_person("Dana", [CHESS], [CALLIGRAPHY])  # as Chloé, but not in the programme
    enrol(ana)
    enrol(ben)
    waiting = enrol(chloe, answer=False)
    run = runs.run_circles(programme)
    assert run.proposed == [] and run.members_considered == 2
    enrolment.answer_application(waiting, chloe.member, "either", "Learn", [CHESS], [WANTS[CALLIGRAPHY]], now=NOW)
    db.session.commit()
    run = runs.run_circles(programme)
    db.session.commit()
    (circle,) = run.proposed
    assert run.members_considered == 3 and circle.programme_id == programme.id
    assert [p.member_id for p in circle.members] == [ana.member.id, ben.member.id, chloe.member.id]
    assert programme_circle_figures(programme) == {
        "by_status": {"proposed": 1, "formed": 0, "dissolved": 0, "expired": 0}, "members_waiting": 3}


@pytest.mark.parametrize("kept_apart_by", ["forbidden pair", "avoid list"])
def test_a_programme_keeps_apart_whom_it_must(trio, programme, enrol, kept_apart_by):
    ana, ben, chloe = trio
    enrolled = {person.member.id: enrol(person) for person in (ana, ben)}
    if kept_apart_by == "forbidden pair":
        enrol(chloe)
        db.session.add(ForbiddenPair(programme_id=programme.id, mentor_id=enrolled[ana.member.id].id,
                                     mentee_id=enrolled[ben.member.id].id))
        apart = (ana, ben)
    else:
        enrol(chloe, avoid=[ana.member.email.upper()])
        apart = (chloe, ana)
    db.session.commit()
    graph = runs.candidate_graph(programme)
    pairs = {(graph.members[t], graph.members[l]) for t, l in zip(graph.teacher.tolist(), graph.learner.tolist())}
    first, second = (person.member.id for person in apart)
    assert len(pairs) == 2 and (first, second) not in pairs and (second, first) not in pairs
    assert runs.run_circles(programme).proposed == []
    # The nightly run over every member is not bound by the programme's rules.
    assert len(runs.run_circles().proposed) == 1


def test_a_programme_circle_starts_an_exchange_with_the_programmes_framework(trio, programme, enrol):
    for person in trio:
        enrol(person)
    circle = runs.run_circles(programme).proposed[0]
    db.session.commit()
    exchange = form(circle, trio)
    # Not one of the programme's pairs: its follow-up counts the pairs it published.
    assert (exchange.kind, exchange.programme_id, circle.programme_id) == ("circle", None, programme.id)
    assert (exchange.frequency, exchange.planned_meetings, exchange.meeting_minutes, exchange.channel,
            exchange.start_date) == ("weekly", 8, 30, "in_person", date(2027, 1, 4))
    assert programme_circle_figures(programme)["by_status"]["formed"] == 1


# --- find-circles -----------------------------------------------------------------------------

def row_counts():
    """Rows of the tables a circle touches."""
    return {model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Circle, CircleMember, Notification, Exchange)}


def test_find_circles_proposes_and_prints_one_json_line(trio, runner):
    result = runner.invoke(args=["find-circles", "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    printed = json.loads(line)
    assert (printed["circles_proposed"], printed["circles_3"], printed["members_in_circles"]) == (1, 1, 3)
    db.session.expire_all()
    assert row_counts() == {"circles": 1, "circle_members": 3, "notifications": 3, "exchanges": 0}
    again = json.loads(runner.invoke(args=["find-circles"]).output)
    assert again["circles_proposed"] == 0


def test_find_circles_dry_run_writes_nothing(trio, runner):
    before = row_counts()
    result = runner.invoke(args=["find-circles", "--dry-run"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    printed = json.loads(line)
    assert (printed["members_in_circles"], printed["members_in_swaps_only"], printed["circles_3"]) == (3, 0, 1)
    db.session.expire_all()
    assert row_counts() == before == {"circles": 0, "circle_members": 0, "notifications": 0, "exchanges": 0}


def test_find_circles_within_a_programme(trio, runner, programme, enrol):
    for person in trio[:2]:
        enrol(person)
    assert json.loads(runner.invoke(args=["find-circles", "--programme", str(programme.id)]).output)[
        "circles_proposed"] == 0
    enrol(trio[2])
    result = runner.invoke(args=["find-circles", "--programme", str(programme.id)])
    assert json.loads(result.output)["circles_proposed"] == 1
    db.session.expire_all()
    assert db.session.scalars(sa.select(Circle.programme_id)).all() == [programme.id]


def test_find_circles_refuses_an_unknown_programme(trio, runner):
    result = runner.invoke(args=["find-circles", "--programme", "999999"])
    assert result.exit_code != 0
    assert "There is no programme 999999." in result.output
    db.session.expire_all()
    assert row_counts()["circles"] == 0
