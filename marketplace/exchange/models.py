"""Exchanges between members, their objectives, meetings, notes and feedback."""

from datetime import datetime, date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db

# circle: three members, each teaching the next (circles/); made only from an accepted circle.
KINDS = ("classic", "reverse", "peer", "swap", "group", "circle")
STATUSES = ("proposed", "active", "completed", "declined", "withdrawn", "cancelled", "expired")
FREQUENCIES = ("weekly", "fortnightly", "monthly")
# Days between two meetings at each rhythm (reminders and the follow-up of programmes).
RHYTHM_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 30}
CHANNELS = ("in_person", "video")
OBJECTIVE_STATUSES = ("todo", "in_progress", "done")
MEETING_STATUSES = ("planned", "held", "cancelled")
TOPIC_LENGTH = 120  # a teaching's topic, as agreed


class Exchange(db.Model):
    __tablename__ = "exchanges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), default="proposed", index=True)
    proposer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The other member of a one-to-one exchange; None for a cohort (a group exchange).
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Whose answer the proposal waits for (the partner, or the proposer after a counter-proposal).
    awaiting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    closing_reason: Mapped[str] = mapped_column(sa.Text, default="")
    # Framework.
    frequency: Mapped[str] = mapped_column(sa.String(16), default="fortnightly")
    planned_meetings: Mapped[int] = mapped_column(default=6)
    meeting_minutes: Mapped[int] = mapped_column(default=45)
    channel: Mapped[str] = mapped_column(sa.String(16), default="video")
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    ground_rules: Mapped[str] = mapped_column(sa.Text, default="")
    start_date: Mapped[date | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column()
    accepted_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    # Set when a programme's matching made this exchange (programmes/), for its follow-up.
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id", ondelete="SET NULL"),
                                                     index=True)

    proposer = relationship("User", foreign_keys=[proposer_id])
    partner = relationship("User", foreign_keys=[partner_id])
    teachings = relationship("Teaching", cascade="all, delete-orphan", order_by="Teaching.id",
                             back_populates="exchange")
    objectives = relationship("Objective", cascade="all, delete-orphan", order_by="Objective.position",
                              back_populates="exchange")
    meetings = relationship("Meeting", cascade="all, delete-orphan", order_by="Meeting.starts_at",
                            back_populates="exchange")

    cohort = relationship("Cohort", back_populates="exchange", uselist=False)
    revisions = relationship("ProposalRevision", cascade="all, delete-orphan",
                             order_by="(ProposalRevision.created_at, ProposalRevision.id)")

    @property
    def is_group(self):
        return self.kind == "group"

    @property
    def is_circle(self):
        return self.kind == "circle"

    @property
    def topics(self):
        """The topics as one line: "A ⇄ B" for a swap, "A → B → C" around a circle."""
        return (" → " if self.is_circle else " ⇄ ").join(t.topic for t in self.teachings)

    @property
    def participants(self):
        """Both members of a one-to-one exchange; the mentor and seated members of a cohort;
        the members of a circle in teaching order."""
        if self.is_group:
            return [self.proposer] + [seat.member for seat in self.cohort.seated]
        if self.is_circle:
            return [t.teacher for t in self.teachings]
        return [self.proposer, self.partner]

    def has_participant(self, user):
        if user is None:
            return False
        if self.is_group:
            return user.id == self.proposer_id or any(s.member_id == user.id for s in self.cohort.seated)
        if self.is_circle:
            return any(t.teacher_id == user.id for t in self.teachings)
        return user.id in (self.proposer_id, self.partner_id)

    def is_run_by(self, user):
        """A cohort is run by its mentor; a one-to-one exchange or a circle by all its members."""
        return not self.is_group or user.id == self.proposer_id

    def other(self, user):
        """The other member of a one-to-one exchange; for a cohort, the mentor (None for them);
        for a circle, the member who teaches them."""
        if self.is_circle:
            return next((t.teacher for t in self.teachings if t.learner_id == user.id), None)
        if self.is_group:
            return None if user.id == self.proposer_id else self.proposer
        return self.partner if user.id == self.proposer_id else self.proposer

    def others(self, user):
        return [p for p in self.participants if p.id != user.id]

    def is_learner(self, user):
        if self.is_group:
            return user.id != self.proposer_id and self.has_participant(user)
        return any(t.learner_id == user.id for t in self.teachings)

    def role_of(self, user):
        """mentor, mentee or both (a swap), from who teaches what."""
        teaches = any(t.teacher_id == user.id for t in self.teachings)
        learns = self.is_learner(user)
        return "both" if teaches and learns else "mentor" if teaches else "mentee"


class ProposalRevision(db.Model):
    """One version of a proposal's terms: the first proposal, then each counter-proposal,
    with who made it, when, and their message; nothing is overwritten."""

    __tablename__ = "proposal_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    # The framework and objectives as proposed: {"frequency": ..., "objectives": [...], ...}.
    terms: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User")


class Teaching(db.Model):
    """One direction of an exchange: who teaches whom, and which offer."""

    __tablename__ = "exchange_teachings"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))  # None: a cohort
    skill_id: Mapped[int | None] = mapped_column(sa.ForeignKey("skills.id", ondelete="SET NULL"))
    # The topic as agreed, kept even if the offer is later edited or deleted.
    topic: Mapped[str] = mapped_column(sa.String(TOPIC_LENGTH))

    exchange = relationship("Exchange", back_populates="teachings")
    teacher = relationship("User", foreign_keys=[teacher_id])
    learner = relationship("User", foreign_keys=[learner_id])


class Objective(db.Model):
    __tablename__ = "exchange_objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(16), default="todo")
    started_at: Mapped[datetime | None] = mapped_column()
    done_at: Mapped[datetime | None] = mapped_column()

    exchange = relationship("Exchange", back_populates="objectives")


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)  # UTC, naive
    minutes: Mapped[int] = mapped_column(default=45)
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[str] = mapped_column(sa.String(16), default="planned")
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, bumped on each change
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    exchange = relationship("Exchange", back_populates="meetings")
    agenda = relationship("AgendaItem", cascade="all, delete-orphan", order_by="AgendaItem.id")
    notes = relationship("MeetingNote", cascade="all, delete-orphan", order_by="MeetingNote.id")
    feedback = relationship("MeetingFeedback", cascade="all, delete-orphan")


class AgendaItem(db.Model):
    """A topic the learner wants to cover, added before the meeting."""

    __tablename__ = "meeting_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User")


class MeetingNote(db.Model):
    """Shared notes are seen by both participants; private notes only by their author."""

    __tablename__ = "meeting_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    private: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User")


class MeetingFeedback(db.Model):
    __tablename__ = "meeting_feedback"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "author_id", name="uq_meeting_feedback_author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column()
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Evaluation(db.Model):
    """The end-of-exchange questionnaire of one participant; answers stored per question."""

    __tablename__ = "evaluations"
    __table_args__ = (sa.UniqueConstraint("exchange_id", "author_id", name="uq_evaluations_author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    answers = relationship("EvaluationAnswer", cascade="all, delete-orphan")


class EvaluationAnswer(db.Model):
    __tablename__ = "evaluation_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluations.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(sa.String(40))
    score: Mapped[int | None] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text, default="")


SEAT_STATUSES = ("seated", "waitlisted", "left", "removed")


class Cohort(db.Model):
    """A group exchange opened by a mentor on one of their offers, with a fixed number of seats."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    exchange_id: Mapped[int] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="CASCADE"), unique=True)
    mentor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int | None] = mapped_column(sa.ForeignKey("skills.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    capacity: Mapped[int] = mapped_column()
    language: Mapped[str] = mapped_column(sa.String(8), default="fr")
    enrolment_open: Mapped[bool] = mapped_column(default=True)
    # Bumped by every seat change: the UPDATE takes the row lock that serialises them.
    lock_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    exchange = relationship("Exchange", back_populates="cohort")
    # Every list of cohorts names the mentor and matches on the offer: loaded with the cohort
    # (one join), not one query per cohort shown.
    mentor = relationship("User", lazy="joined")
    skill = relationship("Skill", lazy="joined")
    seats = relationship("CohortSeat", cascade="all, delete-orphan", order_by="(CohortSeat.queued_at, CohortSeat.id)",
                         back_populates="cohort")

    @property
    def seated(self):
        return [s for s in self.seats if s.status == "seated"]

    @property
    def waitlist(self):
        return [s for s in self.seats if s.status == "waitlisted"]

    @property
    def seats_left(self):
        return max(self.capacity - len(self.seated), 0)

    def seat_of(self, user):
        return next((s for s in self.seats if s.member_id == user.id), None)


class CohortSeat(db.Model):
    __tablename__ = "cohort_seats"
    __table_args__ = (sa.UniqueConstraint("cohort_id", "member_id", name="uq_cohort_seats_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16))
    # Waitlist order: when the member (last) asked for a seat.
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    seated_at: Mapped[datetime | None] = mapped_column()

    cohort = relationship("Cohort", back_populates="seats")
    member = relationship("User")
