"""Programmes and who may see them: managers, creating and editing, eligibility, who takes
part. Every function that changes something checks who acts (enrolment is in enrolment.py)."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import MANAGER_ROLE, SENIORITIES, SPOKEN_LANGUAGES, utcnow
from ..accounts.queries import user_by_email
from ..accounts.services import normalise_email
from ..errors import Conflict, Forbidden, NotFound
from ..exchange.services import GROUND_RULES_LENGTH, MAX_OBJECTIVES, OBJECTIVE_LENGTH, check_framework
from ..extensions import db
from .models import (
    MENTOR_CAPACITY, NAME_LENGTH, PARTICIPANT_STATUSES, PROGRAMME_KINDS, TEXT_LENGTH, Participant, Programme,
)
from .rules import DEPARTMENT_RULES, LANGUAGE_RULES, TIMEZONE_RULES

# The fields of a programme a manager sets, checked by `check_programme`.
PROGRAMME_FIELDS = (
    "name", "description", "objectives", "kind", "enrolment_closes_on", "starts_on", "ends_on",
    "open_to_applications", "frequency", "planned_meetings", "meeting_minutes", "channel", "ground_rules",
    "departments", "seniorities", "languages", "mentor_capacity", "language_rule", "department_rule",
    "timezone_rule",
)
# Dates a programme may name: no earlier than this, no later than this.
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))
# The programme's texts: name, objectives and the other texts (see check_programme).
NAME_LENGTHS = (2, NAME_LENGTH)
TEXT_FIELDS = ("description", "objectives", "ground_rules")
DEPARTMENT_LENGTH = 80  # one department of the eligibility list
MAX_DEPARTMENTS = 50


class ProgrammeError(Conflict):
    """A programme cannot make this move, or a value is refused (the message says which).

    Args:
        message: why, safe to show.
        status_code: 409 (the default) for a move the programme's state refuses, 400 for a value.
        field: the name of the value refused, when one is (the API points at it).
    """

    def __init__(self, message, status_code=None, field=None):
        super().__init__(message, status_code)
        self.field = field


# --- Managers ----------------------------------------------------------------------------

def is_manager(user):
    """True for a member who may run programmes."""
    return user is not None and getattr(user, "role", None) == MANAGER_ROLE


def grant_manager(email, granted_by=None):
    """Make the member with this e-mail a programme manager (by the command, or by a manager).

    Raises:
        Forbidden: the granting member is not a manager.
        NotFound: no member has this e-mail.
    """
    if granted_by is not None and not is_manager(granted_by):
        raise Forbidden(_("Only a programme manager can do that."))
    member = db.session.scalar(user_by_email(normalise_email(email)))
    if member is None or member.deleted_at is not None:
        raise NotFound(_("No member has this e-mail address."))
    member.role = MANAGER_ROLE
    db.session.flush()
    return member


# --- Programmes --------------------------------------------------------------------------

def create_programme(manager, **fields):
    """A new programme in enrolment, run by this manager.

    Raises:
        Forbidden: the member is not a manager.
        ProgrammeError: a value is refused.
    """
    if not is_manager(manager):
        raise Forbidden(_("Only a programme manager can do that."))
    programme = Programme(manager_id=manager.id, **check_programme(fields))
    db.session.add(programme)
    db.session.flush()
    return programme


def update_programme(programme, manager, **fields):
    """Change a programme's settings (its manager only); the kind is fixed once pairs are published."""
    check_manages(programme, manager)
    checked = check_programme(fields)
    if programme.published_at is not None and checked["kind"] != programme.kind:
        raise ProgrammeError(_("The kind of a programme cannot change once its pairs are published."))
    for name, value in checked.items():
        setattr(programme, name, value)
    db.session.flush()
    return programme


def check_programme(fields):
    """The programme's fields, checked and cleaned.

    Raises:
        ProgrammeError: an unknown field, or a value out of its choices or limits (its `field`
            names the value).
    """
    if set(fields) - set(PROGRAMME_FIELDS):
        raise ProgrammeError(_("Unknown programme field."), 400)
    checked = {}
    name = " ".join(str(fields.get("name") or "").split())
    if not NAME_LENGTHS[0] <= len(name) <= NAME_LENGTHS[1]:
        raise ProgrammeError(_("A programme's name has between 2 and 120 characters."), 400, "name")
    checked["name"] = name
    for text in TEXT_FIELDS:
        value = str(fields.get(text) or "").strip()
        if len(value) > TEXT_LENGTH:
            raise ProgrammeError(_("A text of the programme has at most 4,000 characters."), 400, text)
        checked[text] = value
    objectives = [line.strip() for line in checked["objectives"].splitlines() if line.strip()]
    if not 1 <= len(objectives) <= MAX_OBJECTIVES or any(len(line) > OBJECTIVE_LENGTH for line in objectives):
        raise ProgrammeError(_("Write between 1 and 5 objectives, one per line, of at most 200 characters."), 400,
                             "objectives")
    if len(checked["ground_rules"]) > GROUND_RULES_LENGTH:
        raise ProgrammeError(_("Ground rules have at most 2,000 characters."), 400, "ground_rules")
    for choice, allowed in (("kind", PROGRAMME_KINDS), ("language_rule", LANGUAGE_RULES),
                            ("department_rule", DEPARTMENT_RULES), ("timezone_rule", TIMEZONE_RULES)):
        if fields.get(choice) not in allowed:
            raise ProgrammeError(_("A choice of the programme is not one of those offered."), 400, choice)
        checked[choice] = fields[choice]
    names = ("enrolment_closes_on", "starts_on", "ends_on")
    dates = [fields.get(name) for name in names]
    for name, day in zip(names, dates):
        if not (isinstance(day, date) and DATE_RANGE[0] <= day <= DATE_RANGE[1]):
            raise ProgrammeError(_("Give the three dates of the programme."), 400, name)
    if not dates[0] <= dates[1]:
        raise ProgrammeError(_("Enrolment closes before the programme starts, and it starts before it ends."), 400,
                             "enrolment_closes_on")
    if not dates[1] < dates[2]:
        raise ProgrammeError(_("Enrolment closes before the programme starts, and it starts before it ends."), 400,
                             "ends_on")
    checked.update(zip(names, dates))
    checked["open_to_applications"] = bool(fields.get("open_to_applications", True))
    framework = check_framework({name: fields[name] for name in (
        "frequency", "planned_meetings", "meeting_minutes", "channel") if name in fields})
    checked.update({name: framework[name] for name in ("frequency", "planned_meetings", "meeting_minutes", "channel")})
    checked["departments"] = _clean_list(fields.get("departments"), DEPARTMENT_LENGTH, MAX_DEPARTMENTS, "departments")
    checked["seniorities"] = _choices(fields.get("seniorities"), SENIORITIES, "seniorities")
    checked["languages"] = _choices(fields.get("languages"), SPOKEN_LANGUAGES, "languages")
    capacity = fields.get("mentor_capacity", 2)
    if isinstance(capacity, bool) or not isinstance(capacity, int) or \
            not MENTOR_CAPACITY[0] <= capacity <= MENTOR_CAPACITY[1]:
        raise ProgrammeError(_("A mentor takes between 1 and 10 mentees."), 400, "mentor_capacity")
    checked["mentor_capacity"] = capacity
    return checked


def _clean_list(values, length, most, field):
    cleaned = list(dict.fromkeys(" ".join(str(v).split()) for v in (values or []) if str(v).strip()))
    if len(cleaned) > most or any(len(v) > length for v in cleaned):
        raise ProgrammeError(_("A list of the programme is too long."), 400, field)
    return cleaned


def _choices(values, allowed, field):
    values = list(dict.fromkeys(values or []))
    if any(v not in allowed for v in values):
        raise ProgrammeError(_("A choice of the programme is not one of those offered."), 400, field)
    return values


def lock_programme(programme):
    """Serialise the changes of one programme: a no-op UPDATE of its row takes PostgreSQL's row
    lock (SQLite's write lock) until the transaction ends; what is read after it is current.
    Every service that changes a programme's participants or pairs calls it first."""
    db.session.execute(sa.update(Programme).where(Programme.id == programme.id).values(status=Programme.status))
    db.session.refresh(programme)
    db.session.expire(programme, ["participants", "pairs"])


def check_manages(programme, actor):
    """Raise NotFound unless the actor manages this programme (others may not know it exists)."""
    if programme is None or actor is None or not is_manager(actor) or programme.manager_id != actor.id:
        raise NotFound(_("This programme does not exist."))


def get_managed_programme(actor, programme_id):
    """The programme if the actor manages it; NotFound for everyone else."""
    programme = db.session.get(Programme, programme_id)
    check_manages(programme, actor)
    return programme


def get_programme(actor, programme_id):
    """The programme as a member sees it: its manager, its participants, and anyone eligible
    while it is open to applications. NotFound otherwise."""
    programme = db.session.get(Programme, programme_id)
    if programme is None or not can_see(programme, actor):
        raise NotFound(_("This programme does not exist."))
    return programme


def can_see(programme, actor):
    """Whether the actor may read the programme's public page."""
    if is_manager(actor) and programme.manager_id == actor.id:
        return True
    if participant_of(programme, actor) is not None:
        return True
    return is_open(programme) and is_eligible(programme, actor)


def is_open(programme, today=None):
    """Open to applications: in enrolment, open, and enrolment has not closed."""
    today = today or utcnow().date()
    return (programme.status == "enrolment" and programme.open_to_applications
            and today <= programme.enrolment_closes_on)


def is_eligible(programme, member):
    """Whether the member fits the programme's departments, seniorities and languages."""
    if programme.departments and _folded(member.department) not in {_folded(d) for d in programme.departments}:
        return False
    if programme.seniorities and member.seniority not in programme.seniorities:
        return False
    if programme.languages and not set(programme.languages) & set(member.languages or []):
        return False
    return True


def _folded(text):
    return " ".join((text or "").split()).casefold()


def participant_of(programme, member):
    """The member's place in the programme (None when they have none, or were removed)."""
    if member is None or member.id is None:
        return None
    return db.session.scalar(
        sa.select(Participant).where(Participant.programme_id == programme.id, Participant.status != "removed",
                                     _is_theirs(member)))


def can_apply(programme, member, today=None):
    """Whether the member may apply to the programme now, as enrolment.apply accepts: it is
    open, they are eligible and not its manager, and they have no place in it (a removed one
    included: the manager removed them)."""
    if not (is_open(programme, today) and is_eligible(programme, member)) or member.id == programme.manager_id:
        return False
    return db.session.scalar(sa.select(Participant.id).where(
        Participant.programme_id == programme.id,
        sa.or_(_is_theirs(member), Participant.email == member.email)).limit(1)) is None


def _is_theirs(member):
    """Participations of the member: linked to their account, or invited at their address before
    they had one (the address was verified when they signed up)."""
    return sa.or_(Participant.user_id == member.id,
                  sa.and_(Participant.user_id.is_(None), Participant.email == member.email))


def managed_programmes(manager):
    """The programmes this manager runs, newest first."""
    if not is_manager(manager):
        return []
    return db.session.scalars(sa.select(Programme).where(Programme.manager_id == manager.id)
                              .order_by(Programme.created_at.desc(), Programme.id.desc())).all()


def member_programmes(member, today=None):
    """(my participations, programmes I could apply to) for the member's programmes page."""
    mine = db.session.scalars(
        sa.select(Participant).where(_is_theirs(member), Participant.status != "removed")
        .order_by(Participant.id.desc())).all()
    taken = {p.programme_id for p in mine}
    removed = set(db.session.scalars(sa.select(Participant.programme_id).where(
        Participant.user_id == member.id, Participant.status == "removed")))
    today = today or utcnow().date()
    candidates = db.session.scalars(
        sa.select(Programme).where(Programme.status == "enrolment", Programme.open_to_applications.is_(True),
                                   Programme.enrolment_closes_on >= today)
        .order_by(Programme.enrolment_closes_on, Programme.id).limit(50)).all()
    return mine, [p for p in candidates
                  if p.id not in taken | removed and is_eligible(p, member) and p.manager_id != member.id]


def participant_counts(programmes):
    """{programme id: its participants, the removed aside} of these programmes, in one statement."""
    ids = [programme.id for programme in programmes]
    counts = dict(db.session.execute(
        sa.select(Participant.programme_id, sa.func.count(Participant.id))
        .where(Participant.programme_id.in_(ids), Participant.status != "removed")
        .group_by(Participant.programme_id)).all()) if ids else {}
    return {programme_id: counts.get(programme_id, 0) for programme_id in ids}


def participants_page(programme, page, per_page):
    """One page of the programme's participants (the removed aside) in the order they came,
    and how many there are in all: (participants, total)."""
    kept = sa.and_(Participant.programme_id == programme.id, Participant.status != "removed")
    total = db.session.scalar(sa.select(sa.func.count(Participant.id)).where(kept))
    participants = db.session.scalars(sa.select(Participant).where(kept).order_by(Participant.id)
                                      .limit(per_page).offset((page - 1) * per_page)).all()
    return participants, total


def participant_statuses(programme):
    """{status: how many} of the programme's participants, every status of PARTICIPANT_STATUSES."""
    counts = dict(db.session.execute(
        sa.select(Participant.status, sa.func.count(Participant.id))
        .where(Participant.programme_id == programme.id).group_by(Participant.status)).all())
    return {status: counts.get(status, 0) for status in PARTICIPANT_STATUSES}
