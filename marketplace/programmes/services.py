"""Programmes and who may see them: managers, creating and editing, eligibility, enrolment
(invitations, applications, reminders). Every function checks who acts."""

import csv
import hashlib
import unicodedata
import secrets
from datetime import date

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from flask_babel import gettext as _

from ..accounts.models import MANAGER_ROLE, SENIORITIES, SPOKEN_LANGUAGES, utcnow
from ..accounts.queries import user_by_email
from ..accounts.services import normalise_email, register_member
from ..errors import Conflict, Forbidden, NotFound
from ..exchange.services import GROUND_RULES_LENGTH, MAX_OBJECTIVES, OBJECTIVE_LENGTH, check_framework
from ..extensions import db
from ..notifications.outbox import queue_mail
from ..notifications.services import notify
from ..security import external_url
from . import scoring
from .labels import LABELS
from .rules import DEPARTMENT_RULES, LANGUAGE_RULES, TIMEZONE_RULES
from .models import (
    APPLICATION_TEXT_LENGTH, INVITATION_LIFETIME, INVITATION_LINE_LENGTH, MAX_APPLICATION_SKILLS, MAX_AVOIDED,
    MAX_INVITATIONS, MENTOR_CAPACITY, NAME_LENGTH, PARTICIPANT_ROLES,
    PROGRAMME_KINDS, SKILL_TEXT_LENGTH, TEXT_LENGTH, Participant, Programme, ProgrammePair,
)

# The fields of a programme a manager sets, checked by `check_programme`.
PROGRAMME_FIELDS = (
    "name", "description", "objectives", "kind", "enrolment_closes_on", "starts_on", "ends_on",
    "open_to_applications", "frequency", "planned_meetings", "meeting_minutes", "channel", "ground_rules",
    "departments", "seniorities", "languages", "mentor_capacity", "language_rule", "department_rule",
    "timezone_rule",
)
# The words a CSV of invitations may use for a role, in English and French; none: either.
ROLE_WORDS = {"mentor": "mentor", "mentee": "mentee", "either": "either", "both": "either",
              "mentoré": "mentee", "mentorée": "mentee", "mentoré·e": "mentee", "les deux": "either", "": "either"}
# Dates a programme may name: no earlier than this, no later than this.
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))


class ProgrammeError(Conflict):
    """A programme cannot make this move, or a value is refused (the message says which)."""


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
        ProgrammeError: an unknown field, or a value out of its choices or limits.
    """
    if set(fields) - set(PROGRAMME_FIELDS):
        raise ProgrammeError(_("Unknown programme field."), 400)
    checked = {}
    name = " ".join(str(fields.get("name") or "").split())
    if not 2 <= len(name) <= NAME_LENGTH:
        raise ProgrammeError(_("A programme's name has between 2 and 120 characters."), 400)
    checked["name"] = name
    for text in ("description", "objectives", "ground_rules"):
        value = str(fields.get(text) or "").strip()
        if len(value) > TEXT_LENGTH:
            raise ProgrammeError(_("A text of the programme has at most 4,000 characters."), 400)
        checked[text] = value
    objectives = [line.strip() for line in checked["objectives"].splitlines() if line.strip()]
    if not 1 <= len(objectives) <= MAX_OBJECTIVES or any(len(line) > OBJECTIVE_LENGTH for line in objectives):
        raise ProgrammeError(_("Write between 1 and 5 objectives, one per line, of at most 200 characters."), 400)
    if len(checked["ground_rules"]) > GROUND_RULES_LENGTH:
        raise ProgrammeError(_("Ground rules have at most 2,000 characters."), 400)
    for choice, allowed in (("kind", PROGRAMME_KINDS), ("language_rule", LANGUAGE_RULES),
                            ("department_rule", DEPARTMENT_RULES), ("timezone_rule", TIMEZONE_RULES)):
        if fields.get(choice) not in allowed:
            raise ProgrammeError(_("A choice of the programme is not one of those offered."), 400)
        checked[choice] = fields[choice]
    dates = [fields.get(name) for name in ("enrolment_closes_on", "starts_on", "ends_on")]
    if not all(isinstance(d, date) and DATE_RANGE[0] <= d <= DATE_RANGE[1] for d in dates):
        raise ProgrammeError(_("Give the three dates of the programme."), 400)
    if not dates[0] <= dates[1] < dates[2]:
        raise ProgrammeError(_("Enrolment closes before the programme starts, and it starts before it ends."), 400)
    checked.update(zip(("enrolment_closes_on", "starts_on", "ends_on"), dates))
    checked["open_to_applications"] = bool(fields.get("open_to_applications", True))
    framework = check_framework({name: fields[name] for name in (
        "frequency", "planned_meetings", "meeting_minutes", "channel") if name in fields})
    checked.update({name: framework[name] for name in ("frequency", "planned_meetings", "meeting_minutes", "channel")})
    checked["departments"] = _clean_list(fields.get("departments"), 80, 50)
    checked["seniorities"] = _choices(fields.get("seniorities"), SENIORITIES)
    checked["languages"] = _choices(fields.get("languages"), SPOKEN_LANGUAGES)
    capacity = fields.get("mentor_capacity", 2)
    if isinstance(capacity, bool) or not isinstance(capacity, int) or \
            not MENTOR_CAPACITY[0] <= capacity <= MENTOR_CAPACITY[1]:
        raise ProgrammeError(_("A mentor takes between 1 and 10 mentees."), 400)
    checked["mentor_capacity"] = capacity
    return checked


def _clean_list(values, length, most):
    cleaned = list(dict.fromkeys(" ".join(str(v).split()) for v in (values or []) if str(v).strip()))
    if len(cleaned) > most or any(len(v) > length for v in cleaned):
        raise ProgrammeError(_("A list of the programme is too long."), 400)
    return cleaned


def _choices(values, allowed):
    values = list(dict.fromkeys(values or []))
    if any(v not in allowed for v in values):
        raise ProgrammeError(_("A choice of the programme is not one of those offered."), 400)
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
    return mine, [p for p in candidates if p.id not in taken | removed and is_eligible(p, member)]


# --- Enrolment ---------------------------------------------------------------------------

def parse_invitations(text):
    """Rows of "e-mail[,role]" (comma, semicolon or tab separated; a header line is skipped).

    Returns (rows [(e-mail, role)], problems [(line number, message)]). The role is mentor,
    mentee or either (the default; French words are understood too)."""
    text = unicodedata.normalize("NFC", (text or "").replace("\x00", ""))
    lines = text.splitlines()
    if len(lines) > MAX_INVITATIONS:
        raise ProgrammeError(_("At most 2,000 invitations at a time."), 413)
    sample = "\n".join([line for line in lines if len(line) <= INVITATION_LINE_LENGTH][:5])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    rows, problems, seen = [], [], set()
    for number, line in enumerate(lines, start=1):
        if len(line) > INVITATION_LINE_LENGTH:
            problems.append((number, _("This line is too long for an e-mail and a role.")))
            continue
        try:
            cells = [c.strip() for c in next(csv.reader([line], dialect), [])]
        except csv.Error:
            problems.append((number, _("This line is not readable as CSV.")))
            continue
        if not any(cells):
            continue
        if number == 1 and "@" not in cells[0]:
            continue  # a header line
        try:
            email = validate_email(cells[0], check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            problems.append((number, _("This is not an e-mail address.")))
            continue
        role = ROLE_WORDS.get((cells[1] if len(cells) > 1 else "").casefold())
        if role is None:
            problems.append((number, _("The role is mentor, mentee or either.")))
            continue
        if email not in seen:
            seen.add(email)
            rows.append((email, role))
    return rows, problems


def invitation_hash(token):
    """Invitation secrets are stored hashed: a copy of the database invites no one."""
    return hashlib.sha256(token.encode()).hexdigest()


def invite(programme, manager, rows, now=None):
    """Invite people by e-mail with a role. Members are told in the app and by mail; other
    addresses get a single-use link to sign up, valid INVITATION_LIFETIME.

    Returns {"invited": n, "already": n}."""
    check_manages(programme, manager)
    lock_programme(programme)
    if programme.status != "enrolment":
        raise ProgrammeError(_("Enrolment in this programme is over."))
    rows = list(dict(rows).items())  # one role per address: the last one given
    if len(rows) > MAX_INVITATIONS:
        raise ProgrammeError(_("At most 2,000 invitations at a time."), 413)
    now = now or utcnow()
    existing = {p.email: p for p in programme.participants}
    counts = {"invited": 0, "already": 0}
    for email, role in rows:
        if role not in PARTICIPANT_ROLES:
            raise ProgrammeError(_("The role is mentor, mentee or either."), 400)
        participant = existing.get(email)
        if participant is not None and participant.status != "removed":
            counts["already"] += 1
            continue
        if participant is None:
            participant = existing[email] = Participant(programme=programme, email=email)
            db.session.add(participant)
        participant.role, participant.status, participant.source = role, "invited", "invitation"
        participant.invited_at = now
        member = db.session.scalar(user_by_email(email))
        if member is not None and member.deleted_at is None:
            participant.user_id = member.id
            db.session.flush()
            notify(member, "programme_invited", f"programme_invited:{programme.id}:{now.isoformat()}",
                   actor=manager, programme=programme)
        else:
            participant.user_id = None
            _send_invitation(participant, manager, now)
        counts["invited"] += 1
    db.session.flush()
    return counts


def _send_invitation(participant, manager, now):
    """A new single-use sign-up link for an invited address (an earlier one stops working)."""
    token = secrets.token_urlsafe(32)
    participant.invitation_hash = invitation_hash(token)
    participant.invitation_expires_at = now + INVITATION_LIFETIME
    link = external_url("programmes.invitation", token=token)
    programme = participant.programme
    with force_locale(manager.locale if manager is not None else "fr"):
        subject = _("Passerelle: you are invited to the mentoring programme “%(name)s”", name=programme.name)
        body = _("%(manager)s invites you to the mentoring programme “%(name)s”.\n\n%(description)s\n\n"
                 "Create your account and answer the application here (the link works once, for 21 days):\n%(link)s",
                 manager=manager.public_name if manager is not None else "Passerelle", name=programme.name,
                 description=programme.description, link=link)
    queue_mail(participant.email, subject[:998], body)


def pending_invitation(token, now=None):
    """The participant an invitation link names, while it is unused and unexpired.

    Raises:
        NotFound: the link is unknown, used, or expired.
    """
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound(_("This invitation is invalid or has expired."))
    participant = db.session.scalar(sa.select(Participant).where(
        Participant.invitation_hash == invitation_hash(token)))
    if participant is None or participant.user_id is not None or participant.status == "removed" \
            or participant.invitation_expires_at is None or participant.invitation_expires_at < (now or utcnow()):
        raise NotFound(_("This invitation is invalid or has expired."))
    return participant


def accept_invitation(token, password, display_name, now=None, **profile):
    """Create the invited person's account from their invitation link (it proves the address),
    and place them in the programme. The link works once.

    Raises:
        NotFound: the link is invalid, used or expired.
        AccountError: the address already has an account, the password is weak, a value is invalid.
    """
    participant = pending_invitation(token, now)
    lock_programme(participant.programme)
    participant = pending_invitation(token, now)  # the same link, followed twice at once
    member = register_member(participant.email, password, display_name, **profile)
    participant.user_id, participant.invitation_hash = member.id, None
    db.session.flush()
    return member, participant


def claim_invitation(token, member, now=None):
    """A signed-in member takes up an invitation sent to their own address (invited before
    they had an account). The link works once.

    Raises:
        NotFound: the link is invalid, used, expired, or for another address.
    """
    participant = pending_invitation(token, now)
    if member.email != participant.email:
        raise NotFound(_("This invitation is invalid or has expired."))
    lock_programme(participant.programme)
    participant = pending_invitation(token, now)
    participant.user_id, participant.invitation_hash = member.id, None
    db.session.flush()
    return participant


def apply(programme, member, role, today=None):
    """The member applies to an open programme they are eligible for; they answer the
    application next.

    Raises:
        NotFound: the programme is not open to them.
        ProgrammeError: they are already in it, or the role is unknown.
    """
    if not (is_open(programme, today) and is_eligible(programme, member)):
        raise NotFound(_("This programme does not exist."))
    if member.id == programme.manager_id:
        raise ProgrammeError(_("You run this programme: its participants are the people you invite."))
    if role not in PARTICIPANT_ROLES:
        raise ProgrammeError(_("The role is mentor, mentee or either."), 400)
    lock_programme(programme)
    existing = db.session.scalar(sa.select(Participant).where(
        Participant.programme_id == programme.id, Participant.email == member.email))
    if existing is not None and existing.status == "removed":
        raise ProgrammeError(_("The programme's manager removed you from this programme."))
    if existing is not None:
        raise ProgrammeError(_("You are already in this programme."))
    participant = Participant(programme=programme, user_id=member.id, email=member.email, role=role,
                              status="invited", source="application")
    db.session.add(participant)
    db.session.flush()
    return participant


def my_application(programme, member):
    """The member's place in the programme, to answer the application.

    Raises:
        NotFound: they have no place in it.
    """
    participant = participant_of(programme, member)
    if participant is None:
        raise NotFound(_("This programme does not exist."))
    return participant


def application_defaults(participant):
    """What the application form starts with: the answers given, else the member's profile."""
    member = participant.user
    if participant.answered_at is not None:
        return {"role": participant.role, "objectives": participant.objectives, "brings": participant.brings,
                "seeks": participant.seeks, "availability": participant.availability, "avoid": participant.avoid,
                "capacity": participant.capacity}
    return {"role": participant.role, "objectives": "", "brings": [s.title for s in member.offers],
            "seeks": [s.title for s in member.needs], "availability": member.availability, "avoid": [],
            "capacity": None}


def answer_application(participant, member, role, objectives, brings, seeks, availability="", avoid=(),
                       capacity=None, now=None):
    """Record the participant's application: objectives, skills brought and sought, availability,
    people to avoid, and (mentors) how many mentees they take. Editable until pairs are published.

    Raises:
        NotFound: not the member's application.
        ProgrammeError: a value is refused, or the programme's pairs are already published.
    """
    if participant is None or participant.status == "removed" or not (
            participant.user_id == member.id or (participant.user_id is None and participant.email == member.email)):
        raise NotFound(_("This programme does not exist."))
    programme = participant.programme
    if programme.status != "enrolment":
        raise ProgrammeError(_("Enrolment in this programme is over."))
    if role not in PARTICIPANT_ROLES:
        raise ProgrammeError(_("The role is mentor, mentee or either."), 400)
    if participant.source == "invitation" and participant.role != "either" and role != participant.role:
        raise ProgrammeError(_("You were invited as %(role)s: the programme's manager can change it.",
                               role=str(LABELS["participant_role"][participant.role]).lower()), 400)
    brings, seeks = _skill_texts(brings), _skill_texts(seeks)
    if role in ("mentor", "either") and not brings:
        raise ProgrammeError(_("A mentor says at least one skill they bring."), 400)
    if role in ("mentee", "either") and not seeks:
        raise ProgrammeError(_("A mentee says at least one skill they seek."), 400)
    objectives = (objectives or "").strip()
    if len(objectives) > APPLICATION_TEXT_LENGTH:
        raise ProgrammeError(_("Your objectives have at most 2,000 characters."), 400)
    avoided = []
    for email in avoid or ():
        try:
            avoided.append(validate_email(email.strip(), check_deliverability=False).normalized.lower())
        except EmailNotValidError:
            raise ProgrammeError(_("People to avoid are given by their e-mail addresses."), 400) from None
    if len(set(avoided)) > MAX_AVOIDED:
        raise ProgrammeError(_("At most 10 people to avoid."), 400)
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int)
                                 or not MENTOR_CAPACITY[0] <= capacity <= programme.mentor_capacity):
        raise ProgrammeError(_("You take between 1 and %(most)s mentees.", most=programme.mentor_capacity), 400)
    scoring.remember_texts(brings, seeks)
    participant.user_id, participant.invitation_hash = member.id, None
    participant.role, participant.objectives = role, objectives
    participant.brings, participant.seeks = brings, seeks
    participant.availability = " ".join((availability or "").split())[:200]
    participant.avoid = list(dict.fromkeys(avoided))
    participant.capacity = capacity
    participant.status, participant.answered_at = "answered", now or utcnow()
    db.session.flush()
    return participant


def _skill_texts(texts):
    cleaned = list(dict.fromkeys(" ".join(str(t).split()) for t in (texts or []) if str(t).strip()))
    if len(cleaned) > MAX_APPLICATION_SKILLS:
        raise ProgrammeError(_("At most 8 skills on each side."), 400)
    if any(len(t) > SKILL_TEXT_LENGTH for t in cleaned):
        raise ProgrammeError(_("A skill has at most 120 characters."), 400)
    return cleaned


def remind_unanswered(programme, manager, now=None):
    """One click: remind everyone who has not answered the application (members in the app
    and by mail; invited addresses get a fresh link). Returns how many were reminded."""
    check_manages(programme, manager)
    if programme.status != "enrolment":
        raise ProgrammeError(_("Enrolment in this programme is over."))
    now = now or utcnow()
    reminded = 0
    for participant in programme.participants:
        if participant.status != "invited":
            continue
        if participant.user is not None:
            notify(participant.user, "programme_reminder", f"programme_reminder:{programme.id}:{now.isoformat()}",
                   actor=manager, programme=programme)
        else:
            _send_invitation(participant, manager, now)
        participant.reminded_at = now
        reminded += 1
    db.session.flush()
    return reminded


def remove_participant(programme, manager, participant_id):
    """The manager removes someone: their unpublished pairs go; a published exchange stays
    with its two members (closing it is theirs)."""
    check_manages(programme, manager)
    lock_programme(programme)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.programme_id != programme.id:
        raise NotFound(_("This participant does not exist."))
    participant.status, participant.invitation_hash = "removed", None
    db.session.execute(sa.delete(ProgrammePair).where(
        ProgrammePair.programme_id == programme.id, ProgrammePair.exchange_id.is_(None),
        sa.or_(ProgrammePair.mentor_id == participant.id, ProgrammePair.mentee_id == participant.id)))
    db.session.flush()
    db.session.expire(programme, ["pairs"])
    return participant



def leave_programmes(member):
    """A member deleting their account leaves every programme: their participations are
    removed and what they wrote (objectives, skills, availability, people to avoid, their
    address) erased; their unpublished pairs go, published exchanges keep a former member."""
    mine = db.session.scalars(sa.select(Participant).where(Participant.user_id == member.id)).all()
    for participant in mine:
        db.session.execute(sa.delete(ProgrammePair).where(
            ProgrammePair.exchange_id.is_(None),
            sa.or_(ProgrammePair.mentor_id == participant.id, ProgrammePair.mentee_id == participant.id)))
        db.session.execute(sa.update(ProgrammePair).where(
            sa.or_(ProgrammePair.mentor_id == participant.id, ProgrammePair.mentee_id == participant.id))
            .values(explanation={}))
        participant.status, participant.invitation_hash = "removed", None
        participant.email = f"deleted-{participant.id}@invalid"
        participant.objectives = participant.availability = ""
        participant.brings, participant.seeks, participant.avoid = [], [], []
    db.session.flush()


def participations_of(member):
    """The member's programmes and their answers, for their data export."""
    return [{"programme_id": p.programme_id, "programme": p.programme.name, "role": p.role, "status": p.status,
             "objectives": p.objectives, "brings": list(p.brings), "seeks": list(p.seeks),
             "availability": p.availability, "avoid": list(p.avoid), "capacity": p.capacity}
            for p in db.session.scalars(sa.select(Participant).where(Participant.user_id == member.id)
                                        .order_by(Participant.id))]
