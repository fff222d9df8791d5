"""Formal mentoring programmes run by HR: the programme, its participants, the pairs found
by the global matching, and the pairs a manager forbade.

Every list of choices and every limit of the domain is here, and only here.
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db

# classic: the mentor is more senior; reverse: more junior; peer: the same seniority;
# group: mentors run cohorts; mixed: any relation. One list, used by forms, rules and pages.
PROGRAMME_KINDS = ("classic", "reverse", "peer", "group", "mixed")
# enrolment: inviting, applications answered, matching tried; running: pairs published;
# closed: over (pairs keep their exchanges).
PROGRAMME_STATUSES = ("enrolment", "running", "closed")
PARTICIPANT_ROLES = ("mentor", "mentee", "either")
# invited: waiting for the application to be answered; answered; removed by the manager.
PARTICIPANT_STATUSES = ("invited", "answered", "removed")
# How someone came in: invited by a manager, or applied to an open programme.
PARTICIPANT_SOURCES = ("invitation", "application")
# proposed: found by the last matching run; locked: kept by the manager through re-runs.
PAIR_STATES = ("proposed", "locked")

NAME_LENGTH = 120
TEXT_LENGTH = 4000  # description, objectives (all lines)
APPLICATION_TEXT_LENGTH = 2000
SKILL_TEXT_LENGTH = 120  # one skill a participant brings or seeks
MAX_APPLICATION_SKILLS = 8  # per side (brings / seeks)
MAX_AVOIDED = 10  # people a participant asks not to be paired with
MENTOR_CAPACITY = (1, 10)  # mentees one mentor may take
MAX_INVITATIONS = 2000  # lines read from one pasted or uploaded list
INVITATION_LINE_LENGTH = 500  # characters of one line: an e-mail (254), a separator and a role
INVITATION_FILE_BYTES = 512 * 1024
INVITATION_LIFETIME = timedelta(days=21)
# A pair is at risk after twice its rhythm without a held meeting, and with ratings below this.
LOW_RATING = 3.0
# Aggregates of ratings and questionnaires are shown from this many answers, never fewer.
MIN_ANSWERS_SHOWN = 5
# The first meeting "to get to know each other": this many days after the programme starts
# (or after publishing, if later), at this local hour of the mentee.
FIRST_MEETING_AFTER = timedelta(days=3)
FIRST_MEETING_HOUR = 12


class Programme(db.Model):
    """A programme run by a manager: objectives, dates, kind, framework, rules, participants."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    objectives: Mapped[str] = mapped_column(sa.Text, default="")  # one per line
    kind: Mapped[str] = mapped_column(sa.String(16), default="classic")
    status: Mapped[str] = mapped_column(sa.String(16), default="enrolment", index=True)
    enrolment_closes_on: Mapped[date] = mapped_column()
    starts_on: Mapped[date] = mapped_column()
    ends_on: Mapped[date] = mapped_column()
    # Open to applications from any eligible member (else by invitation only).
    open_to_applications: Mapped[bool] = mapped_column(default=True)
    # The framework every pair inherits (see exchange.services.check_framework).
    frequency: Mapped[str] = mapped_column(sa.String(16), default="fortnightly")
    planned_meetings: Mapped[int] = mapped_column(default=6)
    meeting_minutes: Mapped[int] = mapped_column(default=45)
    channel: Mapped[str] = mapped_column(sa.String(16), default="video")
    ground_rules: Mapped[str] = mapped_column(sa.Text, default="")
    # Eligibility: empty lists admit everyone.
    departments: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    seniorities: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    mentor_capacity: Mapped[int] = mapped_column(default=2)
    # Matching preferences (choices in programmes/assignment.py).
    language_rule: Mapped[str] = mapped_column(sa.String(16), default="required")
    department_rule: Mapped[str] = mapped_column(sa.String(16), default="preferred")
    timezone_rule: Mapped[str] = mapped_column(sa.String(16), default="any")
    # The last matching run: the three methods compared and the unmatched with reasons.
    matching: Mapped[dict | None] = mapped_column(sa.JSON)
    matched_at: Mapped[datetime | None] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    manager = relationship("User")
    participants = relationship("Participant", back_populates="programme", cascade="all, delete-orphan",
                                order_by="Participant.id")
    pairs = relationship("ProgrammePair", back_populates="programme", cascade="all, delete-orphan",
                         order_by="ProgrammePair.id")

    def objective_list(self):
        """The programme's objectives, one per line."""
        return [line.strip() for line in (self.objectives or "").splitlines() if line.strip()]

    def framework(self):
        """The framework every pair's exchange inherits."""
        return {"frequency": self.frequency, "planned_meetings": self.planned_meetings,
                "meeting_minutes": self.meeting_minutes, "channel": self.channel,
                "ground_rules": self.ground_rules, "start_date": self.starts_on}


class Participant(db.Model):
    """Someone in a programme: invited (maybe before they have an account) or applied,
    with their application: objectives, skills brought and sought, availability, people to avoid."""

    __tablename__ = "programme_participants"
    __table_args__ = (sa.UniqueConstraint("programme_id", "email", name="uq_programme_participants_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    # Empty until an invited person signs up through their invitation link.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(16), default="either")
    status: Mapped[str] = mapped_column(sa.String(16), default="invited")
    source: Mapped[str] = mapped_column(sa.String(16), default="invitation")
    objectives: Mapped[str] = mapped_column(sa.Text, default="")
    brings: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    seeks: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    availability: Mapped[str] = mapped_column(sa.String(200), default="")
    # E-mails of people the participant must not be paired with (their own manager...).
    avoid: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    capacity: Mapped[int | None] = mapped_column()  # mentees this mentor takes; None: the programme's
    invitation_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    invitation_expires_at: Mapped[datetime | None] = mapped_column()
    invited_at: Mapped[datetime | None] = mapped_column()
    reminded_at: Mapped[datetime | None] = mapped_column()
    answered_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme = relationship("Programme", back_populates="participants")
    # Every list of participants names them: loaded with the participant (one join).
    user = relationship("User", lazy="joined")

    @property
    def can_mentor(self):
        return self.role in ("mentor", "either")

    @property
    def can_be_mentored(self):
        return self.role in ("mentee", "either")

    @property
    def name(self):
        """The member's public name, or the invited address until they sign up."""
        return self.user.public_name if self.user is not None else self.email


class ProgrammePair(db.Model):
    """A mentor and a mentee paired by the matching (or by the manager), until published
    as an exchange; the explanation says which sought and brought skills met, and how well."""

    __tablename__ = "programme_pairs"
    __table_args__ = (sa.UniqueConstraint("programme_id", "mentee_id", name="uq_programme_pairs_mentee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(sa.ForeignKey("programme_participants.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(sa.ForeignKey("programme_participants.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(default=0.0)
    explanation: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    state: Mapped[str] = mapped_column(sa.String(16), default="proposed")
    exchange_id: Mapped[int | None] = mapped_column(sa.ForeignKey("exchanges.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme = relationship("Programme", back_populates="pairs")
    # Every list of pairs names both sides: loaded with the pair (joins, no query per pair).
    mentor = relationship("Participant", foreign_keys=[mentor_id], lazy="joined")
    mentee = relationship("Participant", foreign_keys=[mentee_id], lazy="joined")
    exchange = relationship("Exchange")


class ForbiddenPair(db.Model):
    """A mentor and mentee the manager said must not be paired; every re-run respects it."""

    __tablename__ = "programme_forbidden_pairs"
    __table_args__ = (sa.UniqueConstraint("programme_id", "mentor_id", "mentee_id",
                                          name="uq_programme_forbidden_pairs"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(sa.ForeignKey("programme_participants.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(sa.ForeignKey("programme_participants.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
