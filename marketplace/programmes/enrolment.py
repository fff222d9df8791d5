"""Enrolment in a programme: invitations (pasted or uploaded, single-use sign-up links),
applications and their answers, reminders, removing someone, and leaving with one's account.
Every function checks who acts."""

import csv
import hashlib
import secrets
import unicodedata

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from flask_babel import gettext as _

from ..accounts.models import utcnow
from ..accounts.queries import user_by_email
from ..accounts.services import register_member
from ..errors import NotFound
from ..extensions import db
from ..notifications.outbox import queue_mail
from ..notifications.services import notify
from ..security import external_url
from . import scoring
from .labels import LABELS
from .models import (
    APPLICATION_TEXT_LENGTH, INVITATION_LIFETIME, INVITATION_LINE_LENGTH, MAX_APPLICATION_SKILLS, MAX_AVOIDED,
    MAX_INVITATIONS, MENTOR_CAPACITY, PARTICIPANT_ROLES, SKILL_TEXT_LENGTH, Participant, ProgrammePair,
)
from .services import ProgrammeError, check_manages, is_eligible, is_open, lock_programme, participant_of

# The words a CSV of invitations may use for a role, in English and French; none: either.
ROLE_WORDS = {"mentor": "mentor", "mentee": "mentee", "either": "either", "both": "either",
              "mentoré": "mentee", "mentorée": "mentee", "mentoré·e": "mentee", "les deux": "either", "": "either"}
AVAILABILITY_LENGTH = 200  # a participant's availability (models.Participant.availability)
EMAIL_LENGTH = 254  # an e-mail address, as the participants' and the members' columns hold it


def invitation_address(text):
    """The address an invitation goes to, as it is stored (validated, normalised, lower case),
    or None when the text is not an e-mail address."""
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


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
        email = invitation_address(cells[0])
        if email is None:
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
            raise ProgrammeError(_("The role is mentor, mentee or either."), 400, "invitations")
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
        raise ProgrammeError(_("The role is mentor, mentee or either."), 400, "role")
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
    """What the application form starts with: the answers given, else the member's profile
    (the member whose address was invited, if they signed up without the invitation link)."""
    member = participant.user or db.session.scalar(user_by_email(participant.email))
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
        raise ProgrammeError(_("The role is mentor, mentee or either."), 400, "role")
    if participant.source == "invitation" and participant.role != "either" and role != participant.role:
        raise ProgrammeError(_("You were invited as %(role)s: the programme's manager can change it.",
                               role=str(LABELS["participant_role"][participant.role]).lower()), 400, "role")
    brings, seeks = _skill_texts(brings, "brings"), _skill_texts(seeks, "seeks")
    if role in ("mentor", "either") and not brings:
        raise ProgrammeError(_("A mentor says at least one skill they bring."), 400, "brings")
    if role in ("mentee", "either") and not seeks:
        raise ProgrammeError(_("A mentee says at least one skill they seek."), 400, "seeks")
    objectives = (objectives or "").strip()
    if not objectives:
        raise ProgrammeError(_("Say what you expect from this programme."), 400, "objectives")
    if len(objectives) > APPLICATION_TEXT_LENGTH:
        raise ProgrammeError(_("Your objectives have at most 2,000 characters."), 400, "objectives")
    availability = " ".join((availability or "").split())
    if len(availability) > AVAILABILITY_LENGTH:
        raise ProgrammeError(_("Your availability has at most 200 characters."), 400, "availability")
    avoided = []
    for email in avoid or ():
        address = invitation_address(str(email).strip())
        if address is None:
            raise ProgrammeError(_("People to avoid are given by their e-mail addresses."), 400, "avoid")
        avoided.append(address)
    if len(set(avoided)) > MAX_AVOIDED:
        raise ProgrammeError(_("At most 10 people to avoid."), 400, "avoid")
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int)
                                 or not MENTOR_CAPACITY[0] <= capacity <= programme.mentor_capacity):
        raise ProgrammeError(_("You take between 1 and %(most)s mentees.", most=programme.mentor_capacity), 400,
                             "capacity")
    scoring.remember_texts(brings, seeks)
    participant.user_id, participant.invitation_hash = member.id, None
    participant.role, participant.objectives = role, objectives
    participant.brings, participant.seeks = brings, seeks
    participant.availability = availability
    participant.avoid = list(dict.fromkeys(avoided))
    participant.capacity = capacity
    participant.status, participant.answered_at = "answered", now or utcnow()
    db.session.flush()
    return participant


def _skill_texts(texts, field):
    cleaned = list(dict.fromkeys(" ".join(str(t).split()) for t in (texts or []) if str(t).strip()))
    if len(cleaned) > MAX_APPLICATION_SKILLS:
        raise ProgrammeError(_("At most 8 skills on each side."), 400, field)
    if any(len(t) > SKILL_TEXT_LENGTH for t in cleaned):
        raise ProgrammeError(_("A skill has at most 120 characters."), 400, field)
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
