"""The follow-up of a running programme: who takes part, how the pairs meet, which pairs are
at risk, and the manager's reminder to a pair.

Managers see statuses and aggregates only: nothing here selects a meeting note, a feedback
comment, an agenda topic, a questionnaire's written answer, or one person's rating or score,
and a mean is shown only from MIN_ANSWERS_SHOWN answers. Every figure comes from a fixed
number of statements, whatever the number of pairs.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import aliased, joinedload

from ..accounts.models import utcnow
from ..errors import NotFound
from ..exchange.feedback import QUESTIONS
from ..exchange.labels import LABELS
from ..exchange.models import (OBJECTIVE_STATUSES, RHYTHM_DAYS, STATUSES, AgendaItem, Evaluation, EvaluationAnswer,
                               Exchange, Meeting, MeetingFeedback, Objective)
from ..exchange.services import shown_status
from ..extensions import db
from ..notifications.services import notify
from .labels import LABELS as PROGRAMME_LABELS
from .models import LOW_RATING, MIN_ANSWERS_SHOWN, PARTICIPANT_STATUSES, Participant, ProgrammePair
from .services import ProgrammeError, check_manages

# Days between two meetings at each rhythm of exchange.models.FREQUENCIES.
# A pair is at risk after this many rhythms without a held meeting.
RHYTHMS_WITHOUT_MEETING = 2
# A programme's exchange still waiting for its answer this long after it was made is at risk.
UNANSWERED_AFTER = timedelta(days=3)
# The weekly chart runs this far past today, and shows at most this many (the latest) weeks.
WEEKS_AHEAD = 2
MAX_WEEKS_SHOWN = 26
# Exchanges whose pairs are followed for risks: the others are over (or never started).
FOLLOWED_STATUSES = ("proposed", "active")

# Why a pair is at risk, in the order pages list the reasons.
AT_RISK_LABELS = {
    "no_meeting": _l("No meeting held for twice the agreed rhythm"),
    "no_agenda": _l("Meetings without any agenda prepared"),
    "low_ratings": _l("Low meeting ratings"),
    "unanswered": _l("Pairing not answered yet"),
}
AT_RISK_REASONS = tuple(AT_RISK_LABELS)
# The dashboard's sections, in its order: its headings, its charts' titles, the export's sections.
SECTION_TITLES = {
    "participants": _l("Participants"),
    "exchanges": _l("Published pairs by exchange status"),
    "weeks": _l("Meetings per week"),
    "objectives": _l("Objectives"),
    "satisfaction": _l("Satisfaction (mean out of 5)"),
    "at_risk": _l("Pairs at risk"),
}
# Answered participants split by whether the matching paired them (statuses: labels.py).
PAIRING_LABELS = {"paired": _l("Answered and paired"), "unpaired": _l("Answered, not paired")}


@dataclass(frozen=True)
class Aggregate:
    """A mean over answers and how many there were; the mean is None (hidden) below
    MIN_ANSWERS_SHOWN answers, so no one's answer can be read from it."""

    mean: float | None
    count: int

    @classmethod
    def of(cls, mean, count):
        """The aggregate of count answers, its mean dropped when too few answered."""
        count = int(count or 0)
        shown = count >= MIN_ANSWERS_SHOWN and mean is not None
        return cls(float(mean) if shown else None, count)

    @property
    def hidden(self):
        """True when too few answered for the mean to be shown."""
        return self.mean is None

    @property
    def text(self):
        """The mean as the reader's locale writes it, or why it is hidden."""
        return hidden_note() if self.hidden else one_decimal(self.mean)


@dataclass(frozen=True)
class AtRisk:
    """A published pair at risk and why (codes of AT_RISK_REASONS)."""

    pair: ProgrammePair
    reasons: tuple[str, ...]

    @property
    def labels(self):
        """The reasons in the reader's language."""
        return [str(AT_RISK_LABELS[reason]) for reason in self.reasons]


@dataclass(frozen=True)
class PairProgress:
    """Where one pair stands: its exchange's status (None until published), meetings held,
    meetings planned (held or still planned, not cancelled), the framework's number of
    meetings, objectives done and in all, and its at-risk reasons."""

    pair: ProgrammePair
    exchange_status: str | None
    meetings_held: int
    meetings_planned: int
    meetings_agreed: int
    objectives_done: int
    objectives_total: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class WeekCount:
    """Meetings planned (planned or held) and held in the ISO week starting on monday."""

    monday: date
    planned: int
    held: int

    @property
    def label(self):
        """The week as the reader's locale writes its Monday ("23 Nov 2026")."""
        return format_date(self.monday, "medium")

    @property
    def short_label(self):
        """The week's Monday without the year ("23 Nov"), where room is short."""
        return format_date(self.monday, "d MMM")


@dataclass(frozen=True)
class ProgrammeFigures:
    """The programme's follow-up, as a manager may see it.

    participants: counts by PARTICIPANT_STATUSES; paired / unpaired: answered participants
    with / without a pair; exchange_statuses: published pairs by their exchange's shown status
    (non-zero, in exchange STATUSES order); weeks: WeekCount per ISO week; objectives: counts by
    OBJECTIVE_STATUSES over the programme's exchanges; rating: the meetings' ratings;
    questions: [(question of QUESTIONS, Aggregate)] for the scale questions; at_risk: AtRisk
    items, most reasons first; pairs: PairProgress of every pair."""

    participants: dict
    paired: int
    unpaired: int
    exchange_statuses: dict
    weeks: list
    objectives: dict
    rating: Aggregate
    questions: list
    at_risk: list
    pairs: list

    min_answers_shown = MIN_ANSWERS_SHOWN
    titles = SECTION_TITLES

    @property
    def participant_rows(self):
        """[(label, count)]: invited, answered, answered and paired or not, removed."""
        statuses = PROGRAMME_LABELS["participant_status"]
        return [(statuses["invited"], self.participants["invited"]),
                (statuses["answered"], self.participants["answered"]),
                (PAIRING_LABELS["paired"], self.paired), (PAIRING_LABELS["unpaired"], self.unpaired),
                (statuses["removed"], self.participants["removed"])]

    @property
    def exchange_rows(self):
        """[(label, count)]: published pairs by their exchange's status."""
        return [(LABELS["status"][status], count) for status, count in self.exchange_statuses.items()]

    @property
    def objective_rows(self):
        """[(label, count)]: objectives to do, in progress, done."""
        return [(LABELS["objective"][status], count) for status, count in self.objectives.items()]

    @property
    def satisfaction_rows(self):
        """[(label, Aggregate)]: the meetings' ratings, then each scale question."""
        return [(_l("Meeting ratings"), self.rating)] + [(question["label"], aggregate)
                                                          for question, aggregate in self.questions]

    def charts(self):
        """The dashboard's SVG charts of these figures (see charts.dashboard_charts)."""
        from .charts import dashboard_charts

        return dashboard_charts(self)


def hidden_note():
    """What replaces a mean drawn from fewer than MIN_ANSWERS_SHOWN answers."""
    return ngettext("Hidden: fewer than %(num)s answer", "Hidden: fewer than %(num)s answers", MIN_ANSWERS_SHOWN)


def one_decimal(value):
    """A mean as the reader's locale writes it, with one decimal ("4.2", "4,2")."""
    return format_decimal(value, "0.0")


def programme_figures(programme, now=None):
    """The follow-up figures of a programme (see ProgrammeFigures); reads only."""
    now = now or utcnow()
    pairs, meeting_rows, objectives_by_exchange = _pair_progress(programme, now)
    paired_count = sa.exists().where(
        ProgrammePair.programme_id == programme.id,
        sa.or_(ProgrammePair.mentor_id == Participant.id, ProgrammePair.mentee_id == Participant.id))
    participants = {status: 0 for status in PARTICIPANT_STATUSES}
    paired = 0
    for status, count, with_pair in db.session.execute(
            sa.select(Participant.status, sa.func.count(Participant.id), sa.func.count(sa.case((paired_count, 1))))
            .where(Participant.programme_id == programme.id).group_by(Participant.status)):
        participants[status] = count
        paired += with_pair if status == "answered" else 0
    statuses = Counter(progress.exchange_status for progress in pairs if progress.exchange_status)
    objectives = sum(objectives_by_exchange.values(), Counter())
    return ProgrammeFigures(
        participants=participants, paired=paired, unpaired=participants.get("answered", 0) - paired,
        exchange_statuses={status: statuses[status] for status in STATUSES if statuses[status]},
        weeks=_weeks(programme, meeting_rows, now),
        objectives={status: objectives[status] for status in OBJECTIVE_STATUSES},
        rating=_meeting_rating(programme), questions=_questionnaire(programme),
        at_risk=_at_risk(pairs), pairs=pairs,
    )


def at_risk_pairs(programme, now=None):
    """The programme's published pairs at risk: AtRisk items, most reasons first, then by pair id."""
    return _at_risk(_pair_progress(programme, now or utcnow())[0])


def remind_pair(programme, actor, pair_id, now=None):
    """The manager's reminder to a pair: both members are asked to plan their next meeting,
    at most once a day. Returns how many notifications were made (0 if already sent today).

    Raises:
        NotFound: the actor does not manage the programme, or the pair is not one of its pairs.
        ProgrammeError: the pair is not published yet (it has no exchange).
    """
    now = now or utcnow()
    check_manages(programme, actor)  # the view checked it too: a reminder goes out in the manager's name
    pair = db.session.get(ProgrammePair, pair_id)
    if pair is None or pair.programme_id != programme.id:
        raise NotFound(_("This pair does not exist."))
    if pair.exchange is None:
        raise ProgrammeError(_("This pair is not published yet."))
    mentor, mentee = pair.mentor.user, pair.mentee.user
    key = f"programme_checkin:{pair.id}:{now.date().isoformat()}"
    sent = 0
    for person, other in ((mentor, mentee), (mentee, mentor)):
        if person is not None:
            sent += bool(notify(person, "programme_checkin", key, actor=other, exchange=pair.exchange,
                                programme=programme))
    return sent


def _pair_progress(programme, now):
    """PairProgress of every pair, the programme's meeting rows (exchange_id, starts_at, status)
    and its objectives' statuses counted by exchange: five statements, none of them reading
    what members wrote."""
    pairs = db.session.scalars(
        sa.select(ProgrammePair).where(ProgrammePair.programme_id == programme.id).order_by(ProgrammePair.id)
        .options(joinedload(ProgrammePair.mentor).joinedload(Participant.user),
                 joinedload(ProgrammePair.mentee).joinedload(Participant.user),
                 joinedload(ProgrammePair.exchange).load_only(
                     Exchange.status, Exchange.frequency, Exchange.planned_meetings, Exchange.start_date,
                     Exchange.created_at, Exchange.accepted_at, Exchange.expires_at))
    ).unique().all()
    of_programme = Exchange.programme_id == programme.id
    meeting_rows = db.session.execute(
        sa.select(Meeting.exchange_id, Meeting.starts_at, Meeting.status)
        .join(Exchange, Meeting.exchange_id == Exchange.id).where(of_programme)).all()
    with_agenda = set(db.session.scalars(
        sa.select(Meeting.exchange_id).distinct().join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .join(Exchange, Meeting.exchange_id == Exchange.id).where(of_programme)))
    objectives = defaultdict(Counter)
    for exchange_id, status, count in db.session.execute(
            sa.select(Objective.exchange_id, Objective.status, sa.func.count(Objective.id))
            .join(Exchange, Objective.exchange_id == Exchange.id).where(of_programme)
            .group_by(Objective.exchange_id, Objective.status)):
        objectives[exchange_id][status] += count
    low_rated = _low_rated_pairs(programme)

    meetings = defaultdict(list)
    for row in meeting_rows:
        meetings[row.exchange_id].append(row)
    progress = []
    for pair in pairs:
        exchange = pair.exchange
        if exchange is None:
            progress.append(PairProgress(pair, None, 0, 0, 0, 0, 0, ()))
            continue
        rows = meetings[exchange.id]
        status = shown_status(exchange, now)
        reasons = ()
        if status in FOLLOWED_STATUSES:
            reasons = _reasons(programme, exchange, status, rows, exchange.id in with_agenda,
                               pair.id in low_rated, now)
        progress.append(PairProgress(
            pair, status,
            meetings_held=sum(row.status == "held" for row in rows),
            meetings_planned=sum(row.status != "cancelled" for row in rows),
            meetings_agreed=exchange.planned_meetings,
            objectives_done=objectives[exchange.id]["done"],
            objectives_total=sum(objectives[exchange.id].values()),
            reasons=reasons))
    return progress, meeting_rows, objectives


def _reasons(programme, exchange, status, rows, has_agenda, low_rated, now):
    """The at-risk reasons of one followed exchange, in AT_RISK_REASONS order."""
    held = [row.starts_at for row in rows if row.status == "held" and row.starts_at <= now]
    since = max(held) if held else _clock_start(programme, exchange)
    rhythm = timedelta(days=RHYTHM_DAYS.get(exchange.frequency, max(RHYTHM_DAYS.values())))
    found = {
        "no_meeting": now >= since + RHYTHMS_WITHOUT_MEETING * rhythm,
        "no_agenda": not has_agenda and any(row.status != "cancelled" and row.starts_at <= now for row in rows),
        "low_ratings": low_rated,
        "unanswered": status == "proposed" and now - exchange.created_at > UNANSWERED_AFTER,
    }
    return tuple(reason for reason in AT_RISK_REASONS if found[reason])


def _clock_start(programme, exchange):
    """When a pair without a held meeting started waiting for one: the programme's (or the
    exchange's) start, or the exchange's acceptance if later."""
    start = datetime.combine(exchange.start_date or programme.starts_on, time())
    return max(start, exchange.accepted_at) if exchange.accepted_at else start


def _low_rated_pairs(programme):
    """Ids of the pairs whose members' meeting ratings average below LOW_RATING: the
    comparison is made by the database, so no rating or mean comes back."""
    mentor, mentee = aliased(Participant), aliased(Participant)
    return set(db.session.scalars(
        sa.select(ProgrammePair.id)
        .join(mentor, ProgrammePair.mentor_id == mentor.id).join(mentee, ProgrammePair.mentee_id == mentee.id)
        .join(Meeting, Meeting.exchange_id == ProgrammePair.exchange_id)
        .join(MeetingFeedback, sa.and_(MeetingFeedback.meeting_id == Meeting.id,
                                       sa.or_(MeetingFeedback.author_id == mentor.user_id,
                                              MeetingFeedback.author_id == mentee.user_id)))
        .where(ProgrammePair.programme_id == programme.id)
        .group_by(ProgrammePair.id).having(sa.func.avg(MeetingFeedback.rating) < LOW_RATING)))


def _at_risk(pairs):
    """AtRisk items of the pairs with reasons: most reasons first, then by pair id."""
    items = [AtRisk(progress.pair, progress.reasons) for progress in pairs if progress.reasons]
    return sorted(items, key=lambda item: (-len(item.reasons), item.pair.id))


def _weeks(programme, meeting_rows, now):
    """Meetings planned and held per ISO week, from the programme's start (or its first
    meeting, if earlier) to WEEKS_AHEAD weeks from now, the latest MAX_WEEKS_SHOWN weeks."""
    first = min([programme.starts_on, *(row.starts_at.date() for row in meeting_rows)])
    start = first - timedelta(days=first.weekday())
    last = (now + timedelta(weeks=WEEKS_AHEAD)).date()
    end = max(last - timedelta(days=last.weekday()), start)
    start = max(start, end - timedelta(weeks=MAX_WEEKS_SHOWN - 1))
    planned, held = Counter(), Counter()
    for row in meeting_rows:
        if row.status == "cancelled":
            continue
        day = row.starts_at.date()
        monday = day - timedelta(days=day.weekday())
        planned[monday] += 1
        held[monday] += row.status == "held"
    mondays = [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]
    return [WeekCount(monday, planned[monday], held[monday]) for monday in mondays]


def _meeting_rating(programme):
    """The mean of every meeting rating in the programme's exchanges, hidden below the threshold."""
    mean, count = db.session.execute(
        sa.select(sa.func.avg(MeetingFeedback.rating), sa.func.count(MeetingFeedback.id))
        .join(Meeting, MeetingFeedback.meeting_id == Meeting.id).join(Exchange, Meeting.exchange_id == Exchange.id)
        .where(Exchange.programme_id == programme.id)).one()
    return Aggregate.of(mean, count)


def _questionnaire(programme):
    """[(question, Aggregate)] for each scale question of the end-of-exchange questionnaire."""
    found = {question: (mean, count) for question, mean, count in db.session.execute(
        sa.select(EvaluationAnswer.question, sa.func.avg(EvaluationAnswer.score), sa.func.count(EvaluationAnswer.score))
        .join(Evaluation, EvaluationAnswer.evaluation_id == Evaluation.id)
        .join(Exchange, Evaluation.exchange_id == Exchange.id)
        .where(Exchange.programme_id == programme.id, EvaluationAnswer.score.is_not(None))
        .group_by(EvaluationAnswer.question))}
    return [(question, Aggregate.of(*found.get(question["key"], (None, 0))))
            for question in QUESTIONS if question["kind"] == "scale"]
