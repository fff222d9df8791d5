"""The follow-up of a running programme: figures counted independently, at-risk rules at their
edges, aggregates hidden below five answers, the manager's reminder, and a fixed number of
statements whatever the number of pairs."""

import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from marketplace.errors import Conflict, NotFound
from marketplace.exchange.models import (AgendaItem, Cohort, CohortSeat, Evaluation, EvaluationAnswer, Exchange,
                                         Meeting, MeetingFeedback, MeetingNote, Objective)
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.programmes import followup
from marketplace.programmes.models import Participant, Programme, ProgrammePair
from tests.conftest import statements_sent

NOW = datetime(2026, 11, 26, 9, 0)
START = date(2026, 10, 1)  # a Thursday
SCALE_QUESTIONS = ("trust", "listening", "usefulness", "objectives", "recommend")


@pytest.fixture
def make_programme(make_user):
    """make_programme(pairs=2, kind="classic", frequency="weekly", ...) -> SimpleNamespace of
    the programme, its manager and its pairs, every pair published as an active exchange
    (a "group" programme: one mentor's cohort, its pairs sharing the cohort's exchange)."""

    def make(pairs=2, kind="classic", frequency="weekly", manager=None, accepted_at=datetime(2026, 9, 25),
             status="active", created_at=datetime(2026, 9, 25), name="Leadership 2026"):
        manager = manager or make_user(display_name="Manager", role="manager")
        programme = Programme(manager_id=manager.id, name=name, kind=kind, status="running",
                              enrolment_closes_on=START - timedelta(days=7), starts_on=START,
                              ends_on=START + timedelta(days=180), frequency=frequency, planned_meetings=6,
                              published_at=accepted_at)
        db.session.add(programme)
        db.session.flush()
        shared = None
        if kind == "group":
            mentor_user = make_user(display_name="Cohort mentor", seniority="senior")
            shared = _exchange(programme, mentor_user, None, status, accepted_at, created_at, kind="group")
            shared.cohort = Cohort(mentor_id=mentor_user.id, title="Cohort", capacity=pairs + 1)
            mentor = _participant(programme, mentor_user, "mentor")
        made = []
        for n in range(pairs):
            if shared is None:
                mentor = _participant(programme, make_user(display_name=f"Mentor {n}", seniority="senior"), "mentor")
            mentee_user = make_user(display_name=f"Mentee {n}", seniority="junior")
            mentee = _participant(programme, mentee_user, "mentee")
            if shared is not None:
                shared.cohort.seats.append(CohortSeat(member_id=mentee_user.id, status="seated"))
            exchange = shared or _exchange(programme, mentor.user, mentee_user, status, accepted_at, created_at)
            pair = ProgrammePair(programme=programme, mentor=mentor, mentee=mentee, score=0.8, state="locked",
                                 explanation={"percent": 80 + n, "seek": f"Negotiation {n}", "bring": "Negotiation"},
                                 exchange=exchange)
            db.session.add(pair)
            made.append(pair)
        db.session.commit()
        return SimpleNamespace(programme=programme, manager=manager, pairs=made)

    return make


def _participant(programme, user, role, status="answered"):
    participant = Participant(programme=programme, user=user, email=user.email, role=role, status=status)
    db.session.add(participant)
    return participant


def _exchange(programme, mentor, mentee, status, accepted_at, created_at, kind="classic"):
    exchange = Exchange(kind=kind, status=status, proposer_id=mentor.id, partner_id=mentee.id if mentee else None,
                        programme_id=programme.id, frequency=programme.frequency, planned_meetings=6,
                        start_date=programme.starts_on, created_at=created_at,
                        accepted_at=accepted_at if status != "proposed" else None)
    db.session.add(exchange)
    return exchange


def meeting(pair, starts_at, status="held"):
    """A meeting of the pair's exchange."""
    item = Meeting(exchange_id=pair.exchange.id, starts_at=starts_at, status=status)
    db.session.add(item)
    db.session.flush()
    return item


def rate(item, author, rating, comment=""):
    db.session.add(MeetingFeedback(meeting_id=item.id, author_id=author.id, rating=rating, comment=comment))


def evaluate(pair, author, score, text=""):
    evaluation = Evaluation(exchange_id=pair.exchange.id, author_id=author.id)
    evaluation.answers = [EvaluationAnswer(question=key, score=score) for key in SCALE_QUESTIONS]
    evaluation.answers.append(EvaluationAnswer(question="comments", text=text))
    db.session.add(evaluation)


def reasons_of(programme, pair, now):
    """The pair's at-risk reasons at that moment (empty when not at risk)."""
    found = {item.pair.id: item.reasons for item in followup.at_risk_pairs(programme, now=now)}
    return found.get(pair.id, ())


# --- Figures ---------------------------------------------------------------------------------

def test_figures_equal_independent_counts(make_programme, make_user):
    built = make_programme(pairs=4)
    programme, (first, second, fourth) = built.programme, built.pairs[:2] + built.pairs[3:]
    for status in ("invited", "removed", "answered"):  # the last one answered and was not paired
        _participant(programme, make_user(), "mentee", status)
    fourth.exchange.status = "completed"
    unpublished = ProgrammePair(programme=programme, mentor=_participant(programme, make_user(), "mentor"),
                                mentee=_participant(programme, make_user(), "mentee"))
    db.session.add(unpublished)
    for pair, moments in ((first, [(datetime(2026, 10, 8, 12), "held"), (datetime(2026, 10, 22, 12), "held"),
                                   (datetime(2026, 10, 29, 12), "cancelled"), (datetime(2026, 12, 3, 12), "planned")]),
                          (second, [(datetime(2026, 10, 9, 12), "held"), (datetime(2026, 11, 27, 12), "planned"),
                                    (datetime(2027, 2, 1, 12), "planned")]),  # beyond the chart: not shown
                          (fourth, [(datetime(2026, 10, 8, 15), "held")])):
        for starts_at, status in moments:
            meeting(pair, starts_at, status)
    for pair, statuses in ((first, ["done", "in_progress"]), (second, ["todo", "todo", "done"]), (fourth, ["done"])):
        pair.exchange.objectives = [Objective(title=f"Goal {n}", status=s, position=n) for n, s in enumerate(statuses)]
    ratings = [(first, first.mentor.user, 5), (first, first.mentee.user, 4), (second, second.mentor.user, 2),
               (second, second.mentee.user, 3), (fourth, fourth.mentee.user, 5), (fourth, fourth.mentor.user, 4)]
    for pair, author, rating in ratings:
        rate(db.session.scalars(sa.select(Meeting).filter_by(exchange_id=pair.exchange.id, status="held")).first(),
             author, rating)
    for pair in (first, fourth):
        evaluate(pair, pair.mentor.user, 4)
        evaluate(pair, pair.mentee.user, 5)
    evaluate(second, second.mentee.user, 2)
    # Another programme's activity is counted nowhere here.
    other = make_programme(pairs=1, name="Other")
    rate(meeting(other.pairs[0], datetime(2026, 10, 8, 12)), other.pairs[0].mentee.user, 1)
    db.session.commit()

    figures = followup.programme_figures(programme, now=NOW)

    participants = db.session.scalars(sa.select(Participant).filter_by(programme_id=programme.id)).all()
    pairs = db.session.scalars(sa.select(ProgrammePair).filter_by(programme_id=programme.id)).all()
    in_pairs = {p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}
    answered = [p for p in participants if p.status == "answered"]
    assert figures.participants == {s: sum(p.status == s for p in participants)
                                    for s in ("invited", "answered", "removed")}
    assert figures.paired == sum(p.id in in_pairs for p in answered)
    assert figures.unpaired == sum(p.id not in in_pairs for p in answered) == 1
    assert figures.exchange_statuses == Counter(p.exchange.status for p in pairs if p.exchange is not None)

    exchanges = db.session.scalars(sa.select(Exchange).filter_by(programme_id=programme.id)).all()
    meetings = [m for e in exchanges for m in e.meetings]
    weeks = {w.monday: w for w in figures.weeks}
    assert min(weeks) == date(2026, 9, 28)  # the Monday of the programme's first week
    assert max(weeks).isocalendar()[:2] == (NOW + timedelta(days=14)).isocalendar()[:2]
    assert all(monday.weekday() == 0 for monday in weeks)
    for monday, week in weeks.items():
        same = [m for m in meetings if m.starts_at.isocalendar()[:2] == monday.isocalendar()[:2]]
        assert week.planned == sum(m.status in ("planned", "held") for m in same)
        assert week.held == sum(m.status == "held" for m in same)
    assert sum(w.held for w in figures.weeks) == 4 and sum(w.planned for w in figures.weeks) == 6

    objectives = Counter(o.status for e in exchanges for o in e.objectives)
    assert figures.objectives == {s: objectives[s] for s in ("todo", "in_progress", "done")}

    mine = [f.rating for e in exchanges for m in e.meetings for f in m.feedback]
    assert figures.rating.count == len(mine) == 6
    assert figures.rating.mean == pytest.approx(statistics.mean(mine))
    answers = db.session.scalars(sa.select(EvaluationAnswer).join(Evaluation).join(Exchange)
                                 .where(Exchange.programme_id == programme.id, EvaluationAnswer.score.is_not(None)))
    by_question = Counter()
    for answer in answers:
        by_question[answer.question] += 1
    for question, aggregate in figures.questions:
        assert aggregate.count == by_question[question["key"]] == 5
        assert aggregate.mean == pytest.approx(statistics.mean([4, 5, 4, 5, 2]))
    assert [q["key"] for q, _aggregate in figures.questions] == list(SCALE_QUESTIONS)

    progress = {p.pair.id: p for p in figures.pairs}
    assert (progress[first.id].meetings_held, progress[first.id].meetings_planned) == (2, 3)
    assert (progress[second.id].objectives_done, progress[second.id].objectives_total) == (1, 3)
    assert progress[unpublished.id].exchange_status is None
    assert [item.pair.id for item in figures.at_risk] == [
        item.pair.id for item in followup.at_risk_pairs(programme, now=NOW)]


@pytest.mark.parametrize("answers, shown", [(4, False), (5, True)])
def test_aggregates_hidden_below_five_answers(make_programme, answers, shown):
    built = make_programme(pairs=3)
    authors = [(pair, person) for pair in built.pairs for person in (pair.mentor.user, pair.mentee.user)][:answers]
    held = {pair.id: meeting(pair, datetime(2026, 10, 8, 12)) for pair in built.pairs}
    for n, (pair, person) in enumerate(authors):
        rate(held[pair.id], person, 4 + n % 2)
        evaluate(pair, person, 3 + n % 2)
    db.session.commit()

    figures = followup.programme_figures(built.programme, now=NOW)

    assert figures.rating.count == answers
    assert (figures.rating.mean is not None) is shown
    for _question, aggregate in figures.questions:
        assert aggregate.count == answers
        assert (aggregate.mean is not None) is shown
    if shown:
        assert figures.rating.mean == pytest.approx(statistics.mean([4, 5, 4, 5, 4]))
    else:
        assert figures.rating.text == "Hidden: fewer than 5 answers"


def test_weeks_shown_are_the_latest_twenty_six(make_programme):
    built = make_programme(pairs=1)
    meeting(built.pairs[0], datetime(2026, 10, 8, 12))
    meeting(built.pairs[0], datetime(2027, 6, 2, 12), "planned")  # two weeks ahead: the last week shown
    db.session.commit()
    now = datetime(2027, 5, 20, 9)

    weeks = followup.programme_figures(built.programme, now=now).weeks

    assert len(weeks) == 26
    assert weeks[-1].monday == date(2027, 5, 31) and weeks[0].monday == date(2026, 12, 7)
    assert [(w.planned, w.held) for w in weeks if w.planned] == [(1, 0)]  # October's meeting is too old


def test_participants_in_a_group_programme_share_the_cohort(make_programme):
    built = make_programme(pairs=3, kind="group")
    meeting(built.pairs[0], datetime(2026, 10, 8, 12))
    db.session.commit()

    figures = followup.programme_figures(built.programme, now=NOW)

    assert figures.exchange_statuses == {"active": 3}  # pairs, each in the one cohort
    assert sum(w.held for w in figures.weeks) == 1  # the cohort's meeting, counted once
    assert figures.paired == 4  # the mentor and three mentees


# --- At-risk rules, each at its edge ------------------------------------------------------------

@pytest.mark.parametrize("frequency, days", [("weekly", 14), ("fortnightly", 28), ("monthly", 60)])
def test_no_meeting_after_twice_the_rhythm_from_the_start(make_programme, frequency, days):
    built = make_programme(pairs=1, frequency=frequency)  # accepted before the programme starts
    programme, pair = built.programme, built.pairs[0]
    due = datetime.combine(START, datetime.min.time()) + timedelta(days=days)

    assert "no_meeting" not in reasons_of(programme, pair, due - timedelta(days=1))
    assert "no_meeting" not in reasons_of(programme, pair, due - timedelta(seconds=1))
    assert "no_meeting" in reasons_of(programme, pair, due)


def test_no_meeting_counts_from_the_last_held_meeting(make_programme):
    built = make_programme(pairs=1, frequency="weekly")
    programme, pair = built.programme, built.pairs[0]
    held = datetime(2026, 10, 10, 12)
    meeting(pair, held, "held")
    meeting(pair, datetime(2026, 10, 17, 12), "planned")  # planned, never held: does not count
    meeting(pair, datetime(2026, 10, 20, 12), "cancelled")
    db.session.commit()

    assert "no_meeting" not in reasons_of(programme, pair, held + timedelta(days=13))
    assert "no_meeting" in reasons_of(programme, pair, held + timedelta(days=14))


def test_no_meeting_counts_from_acceptance_when_later_than_the_start(make_programme):
    accepted = datetime(2026, 10, 5, 15)
    built = make_programme(pairs=1, frequency="weekly", accepted_at=accepted)

    assert "no_meeting" not in reasons_of(built.programme, built.pairs[0], accepted + timedelta(days=13))
    assert "no_meeting" in reasons_of(built.programme, built.pairs[0], accepted + timedelta(days=14))


def test_no_agenda_once_a_meeting_has_started_without_one(make_programme):
    built = make_programme(pairs=1, frequency="monthly")
    programme, pair = built.programme, built.pairs[0]
    first = meeting(pair, datetime(2026, 10, 8, 12), "planned")
    db.session.commit()

    assert "no_agenda" not in reasons_of(programme, pair, datetime(2026, 10, 8, 11, 59))
    assert "no_agenda" in reasons_of(programme, pair, datetime(2026, 10, 8, 12))

    db.session.add(AgendaItem(meeting_id=first.id, author_id=pair.mentee.user.id, text="Where to start"))
    db.session.commit()
    assert "no_agenda" not in reasons_of(programme, pair, NOW)


def test_a_cancelled_meeting_asks_for_no_agenda(make_programme):
    built = make_programme(pairs=1, frequency="monthly")
    meeting(built.pairs[0], datetime(2026, 10, 8, 12), "cancelled")
    db.session.commit()

    assert "no_agenda" not in reasons_of(built.programme, built.pairs[0], NOW)


@pytest.mark.parametrize("ratings, low", [([], False), ([3, 3], False), ([2, 3], True), ([1], True), ([5, 2, 2], False)])
def test_low_ratings_below_the_threshold(make_programme, ratings, low):
    built = make_programme(pairs=1, frequency="monthly")
    pair = built.pairs[0]
    for n, rating in enumerate(ratings):
        rate(meeting(pair, datetime(2026, 10, 8 + n, 12)), pair.mentee.user if n % 2 else pair.mentor.user, rating)
    db.session.commit()

    assert ("low_ratings" in reasons_of(built.programme, pair, datetime(2026, 10, 20))) is low


def test_low_ratings_of_a_cohort_are_each_pairs_own(make_programme):
    built = make_programme(pairs=2, kind="group", frequency="monthly")
    happy, unhappy = built.pairs
    held = meeting(happy, datetime(2026, 10, 8, 12))
    rate(held, happy.mentee.user, 5)
    rate(held, unhappy.mentee.user, 1)
    db.session.commit()

    at = datetime(2026, 10, 20)
    assert "low_ratings" not in reasons_of(built.programme, happy, at)
    assert "low_ratings" in reasons_of(built.programme, unhappy, at)


def test_unanswered_more_than_three_days_after_the_proposal(make_programme):
    created = datetime(2026, 10, 1, 10)
    built = make_programme(pairs=1, status="proposed", created_at=created, frequency="monthly")
    programme, pair = built.programme, built.pairs[0]

    assert "unanswered" not in reasons_of(programme, pair, created + timedelta(days=3))
    assert "unanswered" in reasons_of(programme, pair, created + timedelta(days=3, seconds=1))

    pair.exchange.status, pair.exchange.accepted_at = "active", created + timedelta(days=4)
    db.session.commit()
    assert "unanswered" not in reasons_of(programme, pair, created + timedelta(days=5))


def test_closed_exchanges_are_not_at_risk(make_programme):
    built = make_programme(pairs=1)
    built.pairs[0].exchange.status = "completed"
    db.session.commit()

    assert followup.at_risk_pairs(built.programme, now=NOW) == []


def test_at_risk_ordered_by_number_of_reasons_then_pair(make_programme):
    built = make_programme(pairs=3, frequency="weekly")
    one, two, three = built.pairs
    recent = meeting(one, NOW - timedelta(days=1), "held")  # one: only no_agenda
    rate(recent, one.mentee.user, 5)
    rate(meeting(three, datetime(2026, 10, 8, 12)), three.mentee.user, 1)  # three: no_meeting, no_agenda, low
    db.session.commit()                                                   # two: no_meeting only

    found = [(item.pair.id, item.reasons) for item in followup.at_risk_pairs(built.programme, now=NOW)]

    assert found == [(three.id, ("no_meeting", "no_agenda", "low_ratings")),
                     (one.id, ("no_agenda",)), (two.id, ("no_meeting",))]


# --- The reminder -------------------------------------------------------------------------------

def checkins(user):
    return db.session.scalars(sa.select(Notification).filter_by(user_id=user.id, kind="programme_checkin")).all()


def test_remind_pair_notifies_both_once_a_day(make_programme):
    built = make_programme(pairs=2)
    pair = built.pairs[0]
    mentor, mentee = pair.mentor.user, pair.mentee.user

    assert followup.remind_pair(built.programme, built.manager, pair.id, now=NOW) == 2
    assert followup.remind_pair(built.programme, built.manager, pair.id, now=NOW + timedelta(hours=3)) == 0
    db.session.commit()

    for person, other in ((mentor, mentee), (mentee, mentor)):
        (notification,) = checkins(person)
        assert notification.actor_id == other.id and notification.programme_id == built.programme.id
        assert notification.key == f"programme_checkin:{pair.id}:2026-11-26"
    assert checkins(built.pairs[1].mentee.user) == []

    assert followup.remind_pair(built.programme, built.manager, pair.id, now=NOW + timedelta(days=1)) == 2
    assert len(checkins(mentor)) == len(checkins(mentee)) == 2


def test_remind_pair_refuses_another_programmes_pair_or_manager(make_programme, make_user):
    built = make_programme(pairs=1)
    other = make_programme(pairs=1, name="Other")
    stranger_manager = make_user(role="manager")

    with pytest.raises(NotFound):
        followup.remind_pair(built.programme, built.manager, other.pairs[0].id, now=NOW)
    with pytest.raises(NotFound):
        followup.remind_pair(built.programme, other.manager, built.pairs[0].id, now=NOW)
    with pytest.raises(NotFound):
        followup.remind_pair(built.programme, stranger_manager, built.pairs[0].id, now=NOW)
    with pytest.raises(NotFound):
        followup.remind_pair(built.programme, built.pairs[0].mentee.user, built.pairs[0].id, now=NOW)
    with pytest.raises(NotFound):
        followup.remind_pair(built.programme, built.manager, 10**9, now=NOW)
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))
                             .where(Notification.kind == "programme_checkin")) == 0


def test_remind_pair_refuses_an_unpublished_pair(make_programme, make_user):
    built = make_programme(pairs=1)
    draft = ProgrammePair(programme=built.programme, mentor=_participant(built.programme, make_user(), "mentor"),
                          mentee=_participant(built.programme, make_user(), "mentee"))
    db.session.add(draft)
    db.session.commit()

    with pytest.raises(Conflict):
        followup.remind_pair(built.programme, built.manager, draft.id, now=NOW)


# --- Statements ---------------------------------------------------------------------------------

# What members wrote: a feedback comment, a private note, an agenda topic, the questionnaire's text.
WRITTEN = ("Comment on the meeting", "My private note", "Agenda: my career", "Questionnaire: thanks")


def busy_programme(make_programme, pairs):
    """A programme whose every pair met, rated, wrote notes and agendas, and answered the questionnaire."""
    built = make_programme(pairs=pairs)
    for pair in built.pairs:
        pair.exchange.objectives = [Objective(title="Goal", status="done"), Objective(title="Next", position=1)]
        held = meeting(pair, datetime(2026, 10, 8, 12))
        meeting(pair, datetime(2026, 12, 1, 12), "planned")
        rate(held, pair.mentee.user, 4, WRITTEN[0])
        db.session.add(MeetingNote(meeting_id=held.id, author_id=pair.mentee.user.id, text=WRITTEN[1], private=True))
        db.session.add(AgendaItem(meeting_id=held.id, author_id=pair.mentee.user.id, text=WRITTEN[2]))
        evaluate(pair, pair.mentee.user, 4, WRITTEN[3])
    db.session.commit()
    return built


def test_figures_statements_do_not_grow_with_pairs(make_programme):
    counts = {}
    for pairs in (2, 20):
        built = busy_programme(make_programme, pairs)
        db.session.expire_all()
        with statements_sent() as sent:
            figures = followup.programme_figures(built.programme, now=NOW)
            for progress in figures.pairs:  # what pages and exports read of each pair
                (progress.pair.mentor.name, progress.pair.mentee.name, progress.pair.mentee.user.email)
            figures.charts()
        counts[pairs] = len(sent)
    assert counts[20] == counts[2] <= 9, counts  # the programme's refresh, then eight aggregate queries


# --- The page -------------------------------------------------------------------------------------

def test_dashboard_page_shows_figures_charts_and_reminders(client, auth, make_programme):
    built = busy_programme(make_programme, 2)
    auth.login(built.manager.email)

    page = client.get(f"/programmes/{built.programme.id}/dashboard")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert html.count('role="img"') == 5 and "<script" not in html.split("</head>")[1]
    for pair in built.pairs:
        assert f"/programmes/{built.programme.id}/pairs/{pair.id}/remind" in html
        assert pair.mentee.name in html
    assert f"/programmes/{built.programme.id}/export/pairs.xlsx" in html
    assert "Hidden: fewer than 5 answers" in html
    assert not any(secret in html for secret in WRITTEN)


def test_dashboard_page_statements_do_not_grow_with_pairs(client, auth, make_programme):
    counts = {}
    for pairs in (2, 20):
        built = busy_programme(make_programme, pairs)
        auth.login(built.manager.email)
        url = f"/programmes/{built.programme.id}/dashboard"
        assert client.get(url).status_code == 200
        with statements_sent() as sent:
            assert client.get(url).status_code == 200
        counts[pairs] = len(sent)
        auth.logout()
    assert counts[20] == counts[2], counts


def test_charts_are_accessible_escaped_svg(app):
    from markupsafe import Markup

    from marketplace.programmes import charts

    bars = charts.bar_chart("chart-x", "Title <i>", [("<script>alert(1)</script>", 3), ("Hidden one", None)],
                            missing="Hidden: too few")
    weeks = charts.weekly_chart("chart-w", "Weeks", [("<b>W1</b>", 2, 1), ("W2", 0, 0)])

    for svg in (bars, weeks):
        assert isinstance(svg, Markup) and svg.startswith("<svg") and 'role="img"' in svg
        assert "<script" not in svg and "<b>" not in svg and " style=" not in svg  # the CSP refuses inline styles
    assert 'aria-labelledby="chart-x-title chart-x-desc"' in bars
    assert '<title id="chart-x-title">Title &lt;i&gt;</title>' in bars
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bars and "Hidden: too few" in bars
    assert bars.count("<rect") == 1  # no bar for the hidden value
    assert weeks.count('class="chart-planned"') == 1 and weeks.count('class="chart-held"') == 1
