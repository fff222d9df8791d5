"""Who may call which route: every rule of the URL map × every role, from one table.

Roles (one member each, all signed in through the login form except `anonymous`):

- anonymous: nobody signed in.
- owner: owns the resource the route names. They proposed the one-to-one exchange (active,
  with a planned meeting that has an agenda, a shared note and their private note, a held
  meeting, another held meeting both rated with a comment, objectives), the pending proposal
  (waiting for the other party), a completed exchange and another completed one whose
  questionnaire both answered, all with the other party, in which the owner is the learner;
  they also own the skill, the profile, a notification, a password reset link and the calendar
  feed token the table's URLs name. (A sign-up link is for a newcomer who has no account yet.)
- other: the other party of those four exchanges (the teacher; the proposal waits for them).
- stranger: a member with no part in any of them and no cohort seat.
- mentor: runs the cohort (and its group exchange, with a planned and a held meeting).
- seated: holds a seat in the cohort (a learner: agenda, notes, feedback; never runs it).
- waitlisted: waits for a seat; a stranger to the group exchange.
- removed: removed from the cohort by the mentor; a stranger to the group exchange.
- manager: a programme manager (User.role "manager") who runs the world's programme and takes
  part in no exchange: to every exchange, meeting, cohort and circle route a stranger.

For exchange and meeting routes the one-to-one roles (anonymous, owner, other, stranger,
manager) call the one-to-one exchange (the pending proposal for accept / decline / withdraw /
counter, the completed one for the questionnaire) and the cohort roles call the group exchange.

The world's programme (classic: executives mentor juniors) is run by the manager. It is still
open to applications, for juniors and executives only (so the owner, the seated, waitlisted and
removed members, all juniors, and the other, an executive, may read it; the stranger (mid), the
mentor and the manager (seniors) are not eligible). Its first pair is published: the other
mentors the owner, and their pair's exchange is the one-to-one exchange above, with its notes
and feedback; the completed exchange whose questionnaire they answered is the programme's too. Two more pairs wait to be published (one locked), and an address
without an account holds an invitation link. (Publishing through the services would close
enrolment; the world sets the programme up directly so that every manager route is open.)

The programme holds two exchange circles of three, each with the owner and two participants of
the waiting pairs (no other role is in either): one still waits for answers (nobody has answered
yet), the other is dissolved (the owner accepted, then someone declined), so its answers are a
409. Their pages and answers are their members' only: to every other role, the programme's
manager included (who sees counts only), a circle does not exist. The world writes both circles
directly, as a run would propose them (no solver runs), with the notifications a run sends.

Nobody but their authors reads a private note, a feedback comment or a questionnaire answer;
nobody but the exchange's members reads its shared notes and agenda: every answer of the table
is searched for them, downloads (CSV, XLSX) included.

The JSON API's routes (its blueprints are named `*_api`) are called with a personal access
token instead of the session: each role's own read-write token (so "owner" is the owner's
token and "other" or "stranger" another member's), none at all for "anonymous", and two more
columns derived from the owner's: a revoked token (always 401) and a read-only token (the
owner's answer on a read, 403 on any write). Their bodies are JSON.

Every request gets the status the table gives; a refused one (4xx, or the login redirect)
must leave every row of every table as it was. The table must name every (endpoint, method)
of the URL map, and nothing else.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from marketplace import create_app
from marketplace.accounts import access_tokens, tokens
from marketplace.accounts.models import User, utcnow
from marketplace.circles.models import ANSWER_TIME, Circle, CircleMember
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notify
from marketplace.exchange import cohorts, feedback, meetings, services
from marketplace.extensions import db
from marketplace.programmes import enrolment as programme_enrolment
from marketplace.programmes import services as programme_services
from marketplace.programmes.assignment import points
from marketplace.programmes.models import Participant, ProgrammePair
from marketplace.skills import services as skill_services
from marketplace.skills.engine import get_engine
from tests.conftest import PASSWORD, _hash

# The API's extra columns: the owner's revoked and read-only tokens (whose values they use).
TOKEN_ROLES = {"revoked": "owner", "read_only": "owner"}
ROLES = ("anonymous", "owner", "other", "stranger", "mentor", "seated", "waitlisted", "removed", "manager")
ONE_TO_ONE_ROLES = ("anonymous", "owner", "other", "stranger", "manager")
LOGIN = "login"  # a 302 to the sign-in page
FRAMEWORK = {"frequency": "weekly", "planned_meetings": 4, "meeting_minutes": 60, "channel": "video",
             "place": "https://meet.example/room", "ground_rules": "On time."}
PRIVATE_NOTES = {"OWNER-PRIVATE-NOTE": "owner", "SEATED-PRIVATE-NOTE": "seated"}
# A meeting's feedback comment and a questionnaire's written answer: their author's only.
PRIVATE_ANSWERS = {"OWNER-FEEDBACK-COMMENT": "owner", "OTHER-FEEDBACK-COMMENT": "other",
                   "OWNER-QUESTIONNAIRE-ANSWER": "owner", "OTHER-QUESTIONNAIRE-ANSWER": "other"}
SHARED_NOTES = {"ONE-TO-ONE-SHARED-NOTE": ("owner", "other"), "COHORT-SHARED-NOTE": ("mentor", "seated"),
                "ONE-TO-ONE-AGENDA": ("owner", "other"), "COHORT-AGENDA": ("mentor", "seated")}
# The invited address's single-use link (only its hash is stored).
INVITATION_TOKEN = "world-invitation-link-0123456789abcdef"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


TEST_CONFIG = {"MATCHING_ENCODER": "hashing", "RATELIMIT_ENABLED": False}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


@dataclass
class World:
    """The ids, e-mails and links every route of the table is called with (plain values)."""

    emails: dict
    offers: dict
    api_secrets: dict  # each role's read-write API token, the owner's read-only and revoked ones
    ids: dict = field(default_factory=dict)

    def values(self, role):
        """The values the table's URL and form templates are filled with, for this role."""
        role = TOKEN_ROLES.get(role, role)
        values = dict(self.ids["common"])
        values.update(self.ids["one_to_one" if role in ONE_TO_ONE_ROLES else "cohort"])
        values["own_offer"] = self.offers.get(role, 0)
        values["email"] = self.emails.get(role, self.emails["owner"])
        return values


def _local(member, days, hour=10):
    """A wall-clock time in the member's zone, days from today (negative: in the past)."""
    today = datetime.now(ZoneInfo(member.timezone)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (today + timedelta(days=days)).replace(tzinfo=None)


def build_world(make_user, make_skill):
    """Create the world described in the module docstring; returns a World."""
    people = {role: make_user(email=f"{role}@example.org", display_name=role.capitalize(), seniority=seniority,
                              timezone=zone)
              for role, seniority, zone in (
                  ("owner", "junior", "Europe/Paris"), ("other", "executive", "America/Montreal"),
                  ("stranger", "mid", "Europe/Paris"), ("mentor", "senior", "Europe/Paris"),
                  ("seated", "junior", "Europe/Paris"), ("waitlisted", "junior", "Asia/Tokyo"),
                  ("removed", "junior", "Europe/Paris"), ("filler", "mid", "Europe/Paris"),
                  ("manager", "senior", "Europe/Paris"))}
    topics = {"owner": "Video editing", "other": "Negotiation with suppliers", "stranger": "Spreadsheet macros",
              "mentor": "Public speaking", "seated": "Accounting basics", "waitlisted": "Bonsai care",
              "removed": "Knitting patterns", "filler": "Sailing knots", "manager": "Employee onboarding"}
    for role, person in people.items():
        make_skill(person, "offer", topics[role])
        make_skill(person, "learn", f"Learning {role} things")
    owner, other, mentor = people["owner"], people["other"], people["mentor"]
    second_offer = make_skill(other, "offer", "Board presentations")

    completed = services.propose_exchange(owner, other, their_offer=other.offers[0], objectives=["Done one"],
                                          **FRAMEWORK)
    services.accept_exchange(completed, other)
    services.complete_exchange(completed, owner)
    answered = services.propose_exchange(owner, other, their_offer=other.offers[0], objectives=["Done two"],
                                         **FRAMEWORK)
    services.accept_exchange(answered, other)
    services.complete_exchange(answered, owner)
    for person in (owner, other):
        feedback.submit_evaluation(answered, person, {
            "trust": 4, "listening": 4, "usefulness": 3, "objectives": 4, "recommend": 4,
            "comments": f"{'OWNER' if person is owner else 'OTHER'}-QUESTIONNAIRE-ANSWER"})
    exchange = services.propose_exchange(owner, other, their_offer=other.offers[0],
                                         objectives=["First objective", "Second objective"], **FRAMEWORK)
    services.accept_exchange(exchange, other)
    meeting = meetings.schedule_meeting(exchange, owner, _local(owner, -1))
    meetings.add_agenda_topic(exchange, owner, meeting.id, "ONE-TO-ONE-AGENDA")
    meetings.add_note(exchange, other, meeting.id, "ONE-TO-ONE-SHARED-NOTE")
    meetings.add_note(exchange, owner, meeting.id, "OWNER-PRIVATE-NOTE", private=True)
    held = meetings.schedule_meeting(exchange, owner, _local(owner, -2))
    meetings.hold_meeting(exchange, owner, held.id)
    rated = meetings.schedule_meeting(exchange, owner, _local(owner, -3))
    meetings.hold_meeting(exchange, owner, rated.id)
    feedback.give_meeting_feedback(exchange, owner, rated.id, 2, "OWNER-FEEDBACK-COMMENT")
    feedback.give_meeting_feedback(exchange, other, rated.id, 1, "OTHER-FEEDBACK-COMMENT")
    proposal = services.propose_exchange(owner, other, their_offer=second_offer, objectives=["Pending one"],
                                         **FRAMEWORK)

    cohort = cohorts.open_cohort(mentor, mentor.offers[0], "Speak up", 2, language="en",
                                 objectives=["Speak for five minutes"], **FRAMEWORK)
    cohorts.join_cohort(cohort, people["removed"])
    cohorts.remove_participant(cohort, mentor, people["removed"].id)
    for role in ("seated", "filler", "waitlisted"):
        cohorts.join_cohort(cohort, people[role])
    group = cohort.exchange
    group_meeting = meetings.schedule_meeting(group, mentor, _local(mentor, -1))
    meetings.add_agenda_topic(group, people["seated"], group_meeting.id, "COHORT-AGENDA")
    meetings.add_note(group, mentor, group_meeting.id, "COHORT-SHARED-NOTE")
    meetings.add_note(group, people["seated"], group_meeting.id, "SEATED-PRIVATE-NOTE", private=True)
    group_held = meetings.schedule_meeting(group, mentor, _local(mentor, -2))
    meetings.hold_meeting(group, mentor, group_held.id)
    programme = build_programme(people, make_user, exchange, answered)
    programme.update(build_circles(owner, make_skill, programme["programme"]))
    owner_api_token, read_only_secret = access_tokens.create_token(owner, "Owner's intranet bot", "read")
    api_secrets = {role: access_tokens.create_token(person, f"{role}'s script", "write")[1]
                   for role, person in people.items() if role != "filler"}
    revoked, api_secrets["revoked"] = access_tokens.create_token(owner, "Owner's old script", "write")
    access_tokens.revoke_token(owner, revoked.id)
    api_secrets["read_only"] = read_only_secret
    db.session.commit()

    assert [s.status for s in cohort.seats] == ["removed", "seated", "seated", "waitlisted"]
    future = _local(owner, 10).strftime("%Y-%m-%dT%H:%M")
    notification = db.session.scalars(sa.select(Notification).filter_by(user_id=owner.id)).first()
    return World(emails={role: p.email for role, p in people.items()},
                 offers={role: p.offers[0].id for role, p in people.items()}, api_secrets=api_secrets, ids={
        "common": {"owner_id": owner.id, "owner_skill": owner.offers[0].id, "owner_need": owner.needs[0].id,
                   "owner_api_token": owner_api_token.id,
                   "token": owner.calendar_token,
                   "cohort": cohort.id, "seated_member": people["seated"].id, "mentor": mentor.id,
                   "mentor_offer": mentor.offers[0].id, "future": future, "owner_notification": notification.id,
                   # The links e-mailed to someone signing up as newcomer@example.org, and to the owner
                   # who forgot their password.
                   "signup_token": tokens.signup_token("newcomer@example.org", "Newcomer", "mid", "Europe/Paris",
                                                       "en"),
                   "reset_token": tokens.reset_token(owner), **programme},
        "one_to_one": {"exchange": exchange.id, "meeting": meeting.id, "held": held.id,
                       "proposal": proposal.id, "completed": completed.id,
                       "objective": exchange.objectives[0].id},
        "cohort": {"exchange": group.id, "meeting": group_meeting.id, "held": group_held.id,
                   "proposal": group.id, "completed": group.id, "objective": group.objectives[0].id},
    })


def build_programme(people, make_user, exchange, answered):
    """The programme of the module docstring, run by the manager; returns the ids and the
    dates its routes are called with."""
    manager, owner, other = people["manager"], people["owner"], people["other"]
    programme_services.grant_manager(manager.email)
    today, now = utcnow().date(), utcnow()
    closes, starts, ends = today + timedelta(days=30), today + timedelta(days=45), today + timedelta(days=220)
    programme = programme_services.create_programme(
        manager, name="Executives mentor juniors", description="A year of classic mentoring.",
        objectives="Every junior leads a meeting\nEvery executive learns a new tool", kind="classic",
        enrolment_closes_on=closes, starts_on=starts, ends_on=ends, open_to_applications=True,
        frequency="weekly", planned_meetings=4, meeting_minutes=60, channel="video",
        ground_rules="What is said here stays here.", departments=[], seniorities=["junior", "executive"],
        languages=[], mentor_capacity=2, language_rule="required", department_rule="preferred",
        timezone_rule="any")
    programme.published_at = now

    def participant(member, role, brings=(), seeks=()):
        joined = Participant(programme=programme, user_id=member.id, email=member.email, role=role,
                             status="answered", source="application", objectives="Grow", brings=list(brings),
                             seeks=list(seeks), answered_at=now)
        db.session.add(joined)
        return joined

    def pair(mentor, mentee, topic, **kw):
        paired = ProgrammePair(programme=programme, mentor=mentor, mentee=mentee, score=0.8,
                               explanation={"seek": topic, "bring": topic, "percent": 80, "relation": "classic"}, **kw)
        db.session.add(paired)
        return paired

    mentee = participant(owner, "mentee", seeks=["Negotiation with suppliers"])
    mentor = participant(other, "mentor", brings=["Negotiation with suppliers"])
    published = pair(mentor, mentee, "Negotiation with suppliers", exchange=exchange)
    exchange.programme_id = answered.programme_id = programme.id
    waiting = {}
    for letter in "ab":
        waiting[letter] = (
            participant(make_user(f"mentor-{letter}@example.org", display_name=f"Mentor {letter.upper()}",
                                  seniority="executive", timezone="Europe/Paris"), "mentor", brings=["Budgets"]),
            participant(make_user(f"mentee-{letter}@example.org", display_name=f"Mentee {letter.upper()}",
                                  seniority="junior", timezone="Europe/Paris"), "mentee", seeks=["Budgets"]))
    proposed = pair(*waiting["a"], "Budgets")
    locked = pair(*waiting["b"], "Budgets", state="locked")
    db.session.add(Participant(programme=programme, email="invitee@example.org", role="mentee", status="invited",
                               source="invitation", invited_at=now,
                               invitation_hash=programme_enrolment.invitation_hash(INVITATION_TOKEN),
                               invitation_expires_at=now + timedelta(days=21)))
    db.session.flush()
    return {"programme": programme.id, "participant": waiting["a"][1].id, "pair": proposed.id,
            "locked_pair": locked.id, "published_pair": published.id, "invitation": INVITATION_TOKEN,
            "closes": closes.isoformat(), "starts": starts.isoformat(), "ends": ends.isoformat()}


def build_circles(owner, make_skill, programme_id):
    """The programme's two circles of the module docstring, written as a run proposes them:
    the owner teaches a mentee, who teaches a mentor, who teaches the owner. Returns their ids."""
    now = utcnow()

    def circle(mentee_email, mentor_email, status):
        mentee, mentor = (db.session.scalar(sa.select(User).filter_by(email=email))
                          for email in (mentee_email, mentor_email))
        for member, offer, need in ((mentee, "Quarterly reporting", "Video editing"),
                                    (mentor, "Budget forecasting", "Quarterly reporting")):
            make_skill(member, "offer", offer)
            make_skill(member, "learn", need)
        order = (owner, mentee, mentor)
        places = [CircleMember(member_id=teacher.id, position=position, offer_id=teacher.offers[0].id,
                               need_id=learner.needs[0].id, offer_title=teacher.offers[0].title,
                               need_title=learner.needs[0].title, probability=0.7)
                  for position, (teacher, learner) in enumerate(zip(order, order[1:] + order[:1]))]
        made = Circle(status="proposed", points=sum(points(p.probability) for p in places), programme_id=programme_id, created_at=now,
                      expires_at=now + ANSWER_TIME, members=places)
        db.session.add(made)
        db.session.flush()
        for place in made.members:
            notify(place.member, "circle_proposed", f"circle_proposed:{made.id}", circle=made)
        if status == "dissolved":  # the owner accepted, then the mentor declined
            places[0].answer, places[0].answered_at = "accepted", now
            places[2].answer, places[2].answered_at = "declined", now
            made.status, made.closed_at = "dissolved", now
            for place in places[:2]:
                notify(place.member, "circle_dissolved", f"circle_dissolved:{made.id}", circle=made)
        db.session.flush()
        return made.id

    return {"circle": circle("mentee-b@example.org", "mentor-a@example.org", "proposed"),
            "dissolved_circle": circle("mentee-a@example.org", "mentor-b@example.org", "dissolved")}


@pytest.fixture(scope="module")
def world_template(request, databases):
    """The world, built once per module into a template database; returns (World, template)."""
    built = []

    def build(url):
        app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key", "SQLALCHEMY_DATABASE_URI": url,
                          "MAIL_DELIVERY": "inline", **TEST_CONFIG})
        with app.app_context():
            db.create_all()

            def make_user(email, **profile):
                user = User(email=email, password_hash=_hash(PASSWORD), languages=["fr", "en"],
                            department="Operations", locale="en", **profile)
                db.session.add(user)
                db.session.commit()
                return user

            def make_skill(owner, direction, title):
                skill = skill_services.add_skill(owner, direction, title)
                db.session.commit()
                return skill

            built.append(build_world(make_user, make_skill))
            get_engine().prepare_shared_index()  # as `marketplace reindex` does (see running_app)
            db.session.commit()
            db.session.remove()
            db.engine.dispose()

    template = databases.template(f"world_{request.module.__name__.rpartition('.')[2]}", build)
    return built[0], template


@pytest.fixture
def database_url(databases, world_template):
    """A copy of the world's template database (much faster than building the world again)."""
    url = databases.new_database(world_template[1])
    yield url
    databases.drop(url)


@pytest.fixture
def world(app, world_template):
    return world_template[0]


def snapshot():
    """Every row of every table, in primary-key order."""
    db.session.remove()
    with db.engine.connect() as connection:
        return {table.name: connection.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
                for table in db.metadata.sorted_tables}


def sign_in(client, world, role):
    if role != "anonymous":
        response = client.post("/login", data={"email": world.emails[role], "password": PASSWORD})
        assert response.status_code == 302, f"{role} could not sign in"


# Form bodies, filled in with World.values().
MEETING = {"starts_at": "{future}", "minutes": "30", "place": "Room 4"}
PROPOSAL = {"their_offer": "{mentor_offer}", "my_offer": "0", "objectives": "Learn to speak", **{
    k: str(v) for k, v in FRAMEWORK.items()}}
COUNTER = {"objectives": "Another objective", "frequency": "monthly", "planned_meetings": "3",
           "meeting_minutes": "45", "channel": "video", "message": "What about this?"}
COHORT = {"offer": "{own_offer}", "title": "A new cohort", "capacity": "5", "language": "en",
          "objectives": "Learn together", **{k: str(v) for k, v in FRAMEWORK.items()}}
PROFILE = {"display_name": "New Name", "seniority": "mid", "timezone": "Europe/Paris", "locale": "en",
           "languages": ["fr", "en"], "job_title": "Analyst"}
SKILL = {"title": "Underwater photography", "description": "Reefs", "level": "3", "formats": "one_to_one"}
NEW_PASSWORD = {"password": "Quiet lanterns drift 42", "confirm": "Quiet lanterns drift 42"}
EVALUATION = {"trust": "5", "listening": "4", "usefulness": "5", "objectives": "4", "recommend": "5",
              "comments": "Thanks"}

PROGRAMME = {"name": "Juniors mentor executives", "description": "Reverse mentoring.", "objectives": "Learn\nShare",
             "kind": "reverse", "enrolment_closes_on": "{closes}", "starts_on": "{starts}", "ends_on": "{ends}",
             "open_to_applications": "y", "frequency": "fortnightly", "planned_meetings": "6",
             "meeting_minutes": "45", "channel": "video", "ground_rules": "Be kind.", "departments": "Operations",
             "seniorities": ["junior", "executive"], "languages": ["fr"], "mentor_capacity": "2",
             "language_rule": "required", "department_rule": "preferred", "timezone_rule": "any"}
# The programme's own settings, saved again (its kind cannot change once a pair is published).
PROGRAMME_EDIT = {**PROGRAMME, "kind": "classic"}
APPLICATION = {"role": "mentee", "objectives": "Negotiate my first contract", "brings": "",
               "seeks": "Negotiation with suppliers", "availability": "Tuesday mornings", "avoid": "", "capacity": ""}
INVITATIONS = {"pasted": "invited-later@example.org, mentee\nstranger@example.org, mentor"}
INVITATION_SIGNUP = {"display_name": "Invitee", "seniority": "junior", "timezone": "Europe/Paris", **NEW_PASSWORD}

# A manager is a stranger to every exchange, meeting and cohort: their column repeats the
# stranger's in every row that is not a programme's.
#   anonymous, owner, other, stranger, mentor, seated, waitlisted, removed, manager
EVERYONE_200 = (200,) * 9
SIGNED_IN_200 = (LOGIN,) + (200,) * 8
SIGNED_IN_302 = (LOGIN,) + (302,) * 8
EVERYONE_302 = (302,) * 9
PARTICIPANTS_SEE = (LOGIN, 200, 200, 404, 200, 200, 404, 404, 404)
RUNS_IT = (LOGIN, 302, 302, 404, 302, 403, 404, 404, 404)  # one-to-one: both; cohort: the mentor only
TAKES_PART = (LOGIN, 302, 302, 404, 302, 302, 404, 404, 404)
ANSWERS_PROPOSAL = (LOGIN, 409, 302, 404, 409, 409, 404, 404, 404)
MENTOR_ONLY = (LOGIN, 404, 404, 404, 302, 404, 404, 404, 404)
OWNER_ONLY_GET = (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404)
OWNER_ONLY_POST = (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404)
# Programme routes. A programme's manager pages exist for its manager only (404 for everyone
# else: they may not know it exists); the page of an open programme is for its manager, its
# participants (owner, other) and the members it admits (juniors and executives).
MANAGER_SEES = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200)
MANAGER_DOES = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 302)
MANAGER_REFUSED = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 409)  # allowed, but not in this state
ELIGIBLE_SEE = (LOGIN, 200, 200, 404, 404, 200, 200, 200, 200)
APPLICANTS_SEE = (LOGIN, 200, 200, 404, 404, 404, 404, 404, 404)  # the two who answered it
APPLICANTS_DO = (LOGIN, 302, 302, 404, 404, 404, 404, 404, 404)
# A circle's routes are its members' (the owner, among the roles): to everyone else, the
# programme's manager included, it does not exist.
CIRCLE_MEMBER_SEES = (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404)
CIRCLE_MEMBER_ANSWERS = (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404)
CIRCLE_CLOSED = (LOGIN, 409, 404, 404, 404, 404, 404, 404, 404)  # a member, but no longer waiting for answers


@dataclass(frozen=True)
class Case:
    """One request: URL and form templates and the expected status of each role, in ROLES order."""

    url: str
    expected: tuple
    data: dict | None = None
    label: str = ""
    refusal: bool = False  # refused even when the status is a redirect: must change nothing
    json: dict | None = None  # an API call's body


def is_api(endpoint):
    """Whether the endpoint is an API operation (called with a token, see the docstring)."""
    return endpoint.partition(".")[0].endswith("_api")


def token_column(role, method, case):
    """The status of a derived token column."""
    if role == "revoked":
        return 401
    owner = case.expected[ROLES.index("owner")]
    return owner if method in ("GET", "HEAD") else 403


def fill(template, values, typed=False):
    """A form or JSON template filled in with World.values(); when typed (JSON), a string that
    is only "{name}" becomes the value itself (an id stays a number)."""
    if isinstance(template, dict):
        return {key: fill(value, values, typed) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, values, typed) for value in template]
    if isinstance(template, str):
        whole = re.fullmatch(r"\{(\w+)\}", template)
        return values[whole.group(1)] if whole and typed else template.format(**values)
    return template


TABLE = {
    ("static", "GET"): Case("/static/css/app.css", EVERYONE_200),
    ("accounts.home", "GET"): Case("/", (200,) + (302,) * 8),
    ("accounts.signup", "GET"): Case("/signup", EVERYONE_200),
    # Sign-up sends a link and shows "check your mail", whether the address is known or not.
    ("accounts.signup", "POST"): Case("/signup", EVERYONE_200, {
        "display_name": "Newcomer", "email": "newcomer@example.org", "seniority": "mid",
        "timezone": "Europe/Paris"}),
    # The signed link is the key: whoever follows it finishes that sign-up (and is signed in as the newcomer).
    ("accounts.confirm_signup", "GET"): (
        Case("/signup/confirm/{signup_token}", EVERYONE_200, label="link"),
        Case("/signup/confirm/forged-token", EVERYONE_302, label="forged link", refusal=True)),
    ("accounts.confirm_signup", "POST"): (
        Case("/signup/confirm/{signup_token}", EVERYONE_302, NEW_PASSWORD, label="link"),
        Case("/signup/confirm/forged-token", EVERYONE_302, NEW_PASSWORD, label="forged link",
             refusal=True)),
    ("passwords.change", "GET"): Case("/password", SIGNED_IN_200),
    ("passwords.change", "POST"): Case("/password", SIGNED_IN_302, {"current": PASSWORD, **NEW_PASSWORD}),
    ("passwords.request_reset", "GET"): Case("/password/reset", EVERYONE_200),
    ("passwords.request_reset", "POST"): Case("/password/reset", EVERYONE_200, {"email": "owner@example.org"}),
    # The owner's reset link works for whoever holds it; a forged one sends back to the request page.
    ("passwords.reset", "GET"): (
        Case("/password/reset/{reset_token}", EVERYONE_200, label="owner's link"),
        Case("/password/reset/forged-token", EVERYONE_302, label="forged link", refusal=True)),
    ("passwords.reset", "POST"): (
        Case("/password/reset/{reset_token}", EVERYONE_302, NEW_PASSWORD, label="owner's link"),
        Case("/password/reset/forged-token", EVERYONE_302, NEW_PASSWORD, label="forged link",
             refusal=True)),
    ("passwords.sign_out_everywhere", "POST"): Case("/signout-everywhere", SIGNED_IN_302),
    ("tokens.index", "GET"): Case("/profile/tokens", SIGNED_IN_200),
    ("tokens.index", "POST"): Case("/profile/tokens", SIGNED_IN_200, {"name": "Intranet", "scope": "read"}),
    ("tokens.revoke", "POST"): Case("/profile/tokens/{owner_api_token}/revoke", OWNER_ONLY_POST),
    ("tokens_api.tokens", "GET"): Case("/api/v1/tokens", (401,) + (200,) * 8),
    # A token never creates tokens (that takes the member signed in on the site).
    ("tokens_api.create", "POST"): Case("/api/v1/tokens", (401,) + (403,) * 8, json={"name": "Bot", "scope": "read"}),
    ("tokens_api.revoke", "DELETE"): Case("/api/v1/tokens/{owner_api_token}", (401, 204) + (404,) * 7),
    ("privacy.export", "POST"): Case("/profile/export", SIGNED_IN_200),
    ("privacy.delete", "GET"): Case("/profile/delete", SIGNED_IN_200),
    ("privacy.delete", "POST"): Case("/profile/delete", SIGNED_IN_302, {"password": PASSWORD}),
    ("accounts.login", "GET"): Case("/login", EVERYONE_200),
    ("accounts.login", "POST"): Case("/login", EVERYONE_302, {"email": "{email}", "password": PASSWORD}),
    ("accounts.logout", "POST"): Case("/logout", EVERYONE_302),
    ("accounts.switch_language", "POST"): Case("/language", EVERYONE_302, {"locale": "fr", "next": "/members"}),
    ("accounts.my_profile", "GET"): Case("/profile", SIGNED_IN_200),
    ("accounts.edit_profile", "GET"): Case("/profile/edit", SIGNED_IN_200),
    ("accounts.edit_profile", "POST"): Case("/profile/edit", SIGNED_IN_302, PROFILE),
    ("accounts.members", "GET"): Case("/members?q=speak&page=1", SIGNED_IN_200),
    ("accounts.member_profile", "GET"): Case("/members/{owner_id}", (LOGIN, 302) + (200,) * 7),
    ("skills.new_skill", "GET"): Case("/skills/new/offer", SIGNED_IN_200),
    ("skills.new_skill", "POST"): Case("/skills/new/learn", SIGNED_IN_302, SKILL),
    ("skills.edit_skill", "GET"): Case("/skills/{owner_skill}/edit", OWNER_ONLY_GET),
    ("skills.edit_skill", "POST"): Case("/skills/{owner_skill}/edit", OWNER_ONLY_POST, SKILL),
    ("skills.delete_skill", "POST"): Case("/skills/{owner_skill}/delete", OWNER_ONLY_POST),
    ("skills.matches", "GET"): Case("/matches?view=offer", SIGNED_IN_200),
    ("skills_api.matches", "GET"): Case("/api/v1/matches?page=1", (401,) + (200,) * 8),
    ("accounts_api.members", "GET"): Case("/api/v1/members?q=speak&page=1", (401,) + (200,) * 8),
    # The API's documentation is public: it describes the API, not anyone's data.
    ("api_docs.openapi_json", "GET"): Case("/api/v1/openapi.json", EVERYONE_200),
    ("api_docs.page", "GET"): Case("/api/v1/docs", EVERYONE_200),
    ("api_docs.asset", "GET"): Case("/api/v1/docs/assets/swagger-ui-bundle.js", EVERYONE_200),
    # "Not relevant" names one of my skills and someone else's: the owner's need is nobody else's.
    ("skills.dismiss_match", "POST"): Case("/matches/dismiss", OWNER_ONLY_POST,
                                           {"mine": "{owner_need}", "theirs": "{mentor_offer}"}),
    ("notifications.index", "GET"): Case("/notifications", SIGNED_IN_200),
    ("notifications.mark_read", "POST"): Case("/notifications/read", SIGNED_IN_302),
    ("notifications.open_", "POST"): Case("/notifications/{owner_notification}/open", OWNER_ONLY_POST),
    ("exchange.dashboard", "GET"): Case("/dashboard", SIGNED_IN_200),
    ("exchange.propose", "GET"): Case("/exchanges/new?member={mentor}&their_offer={mentor_offer}",
                                      (LOGIN, 200, 200, 200, 404, 200, 200, 200, 200)),
    ("exchange.propose", "POST"): Case("/exchanges/new?member={mentor}",
                                       (LOGIN, 302, 302, 302, 404, 302, 302, 302, 302), PROPOSAL),
    ("exchange.show", "GET"): Case("/exchanges/{exchange}", PARTICIPANTS_SEE),
    ("exchange.accept", "POST"): Case("/exchanges/{proposal}/accept", ANSWERS_PROPOSAL),
    ("exchange.decline", "POST"): Case("/exchanges/{proposal}/decline", ANSWERS_PROPOSAL, {"reason": "No time"}),
    ("exchange.withdraw", "POST"): Case("/exchanges/{proposal}/withdraw",
                                        (LOGIN, 302, 409, 404, 409, 409, 404, 404, 404)),
    ("exchange.counter", "GET"): Case("/exchanges/{proposal}/counter", (LOGIN, 409, 200, 404, 409, 409, 404, 404, 404)),
    ("exchange.counter", "POST"): Case("/exchanges/{proposal}/counter", ANSWERS_PROPOSAL, COUNTER),
    ("exchange.complete", "POST"): Case("/exchanges/{exchange}/complete", RUNS_IT),
    ("exchange.cancel", "POST"): Case("/exchanges/{exchange}/cancel", RUNS_IT, {"reason": "Moving on"}),
    ("exchange.objective", "POST"): Case("/exchanges/{exchange}/objectives/{objective}", RUNS_IT,
                                         {"status": "done"}),
    ("meetings.schedule", "POST"): Case("/exchanges/{exchange}/meetings", RUNS_IT, MEETING),
    ("meetings.reschedule", "POST"): Case("/exchanges/{exchange}/meetings/{meeting}/reschedule", RUNS_IT, MEETING),
    ("meetings.cancel", "POST"): Case("/exchanges/{exchange}/meetings/{meeting}/cancel", RUNS_IT),
    ("meetings.hold", "POST"): Case("/exchanges/{exchange}/meetings/{meeting}/hold", RUNS_IT),
    # The learner prepares the agenda: the owner (one-to-one) and the seated participant.
    ("meetings.agenda", "POST"): Case("/exchanges/{exchange}/meetings/{meeting}/agenda",
                                      (LOGIN, 302, 403, 404, 403, 302, 404, 404, 404), {"text": "A question"}),
    ("meetings.note", "POST"): Case("/exchanges/{exchange}/meetings/{meeting}/notes", TAKES_PART,
                                    {"text": "A note", "private": "y"}),
    ("meetings.rate", "POST"): Case("/exchanges/{exchange}/meetings/{held}/feedback", TAKES_PART,
                                    {"rating": "4", "comment": "Good"}),
    # The questionnaire comes once the exchange is completed (the cohort is still active: 409).
    ("meetings.evaluate", "POST"): Case("/exchanges/{completed}/evaluation",
                                        (LOGIN, 302, 302, 404, 409, 409, 404, 404, 404), EVALUATION),
    ("meetings.exchange_calendar", "GET"): Case("/exchanges/{exchange}/calendar.ics", PARTICIPANTS_SEE),
    # The secret token is the only key: whoever holds it reads the feed, signed in or not.
    ("meetings.feed", "GET"): (Case("/calendar/{token}.ics", EVERYONE_200, label="owner's token"),
                               Case("/calendar/" + "x" * 43 + ".ics", (404,) * 9, label="wrong token",
                                    refusal=True)),
    ("meetings.rotate_feed", "POST"): Case("/calendar/rotate", SIGNED_IN_302),
    ("cohorts.index", "GET"): Case("/cohorts", SIGNED_IN_200),
    ("cohorts.new", "GET"): Case("/cohorts/new", SIGNED_IN_200),
    ("cohorts.new", "POST"): Case("/cohorts/new", SIGNED_IN_302, COHORT),
    ("cohorts.show", "GET"): Case("/cohorts/{cohort}", SIGNED_IN_200),
    ("cohorts.join", "POST"): Case("/cohorts/{cohort}/join", (LOGIN, 302, 302, 302, 409, 409, 409, 403, 302)),
    ("cohorts.leave", "POST"): Case("/cohorts/{cohort}/leave", (LOGIN, 409, 409, 409, 409, 302, 302, 409, 409)),
    ("cohorts.remove", "POST"): Case("/cohorts/{cohort}/participants/{seated_member}/remove", MENTOR_ONLY),
    ("cohorts.enrolment", "POST"): Case("/cohorts/{cohort}/enrolment/close", MENTOR_ONLY),
    ("programmes.index", "GET"): Case("/programmes", SIGNED_IN_200),
    ("programmes.new", "GET"): Case("/programmes/new", MANAGER_SEES),
    ("programmes.new", "POST"): Case("/programmes/new", MANAGER_DOES, PROGRAMME),
    ("programmes.grant_manager", "POST"): Case("/programmes/managers", MANAGER_DOES, {"email": "filler@example.org"}),
    ("programmes.show", "GET"): Case("/programmes/{programme}", ELIGIBLE_SEE),
    ("programmes.edit", "GET"): Case("/programmes/{programme}/edit", MANAGER_SEES),
    ("programmes.edit", "POST"): Case("/programmes/{programme}/edit", MANAGER_DOES, PROGRAMME_EDIT),
    ("programmes.invite", "POST"): Case("/programmes/{programme}/invitations", MANAGER_DOES, INVITATIONS),
    ("programmes.remind", "POST"): Case("/programmes/{programme}/remind", MANAGER_DOES),
    ("programmes.remove", "POST"): Case("/programmes/{programme}/participants/{participant}/remove", MANAGER_DOES),
    # Juniors may apply (seated, waitlisted, removed); the owner and the other are in already (the
    # programme's page says so next to the role, 422), and the manager (a senior) is not eligible.
    # The stranger and the mentor may not read the programme at all.
    ("programmes.apply", "POST"): Case("/programmes/{programme}/apply", (LOGIN, 422, 422, 404, 404, 302, 302, 302, 404),
                                       {"role": "mentee"}),
    ("programmes.application", "GET"): Case("/programmes/{programme}/application", APPLICANTS_SEE),
    ("programmes.application", "POST"): Case("/programmes/{programme}/application", APPLICANTS_DO, APPLICATION),
    # The link is the key: anyone holding it reads the invitation; only a newcomer signs up with
    # it (a signed-in member may take up only an invitation sent to their own address).
    ("programmes.invitation", "GET"): (
        Case("/programmes/invitations/{invitation}", EVERYONE_200, label="link"),
        Case("/programmes/invitations/" + "x" * 43, (404,) * 9, label="forged link", refusal=True)),
    ("programmes.invitation", "POST"): (
        Case("/programmes/invitations/{invitation}", (302,) + (404,) * 8, INVITATION_SIGNUP, label="link"),
        Case("/programmes/invitations/" + "x" * 43, (404,) * 9, INVITATION_SIGNUP, label="forged link",
             refusal=True)),
    ("programmes.matching", "GET"): Case("/programmes/{programme}/matching", MANAGER_SEES),
    ("programmes.run_matching", "POST"): Case("/programmes/{programme}/matching/run", MANAGER_DOES),
    ("programmes.pair_action", "POST"): (
        Case("/programmes/{programme}/pairs/{pair}/lock", MANAGER_DOES, label="lock"),
        Case("/programmes/{programme}/pairs/{locked_pair}/unlock", MANAGER_DOES, label="unlock"),
        Case("/programmes/{programme}/pairs/{pair}/forbid", MANAGER_DOES, label="forbid"),
        Case("/programmes/{programme}/pairs/{published_pair}/forbid", MANAGER_REFUSED, label="published pair")),
    ("programmes.swap", "POST"): Case("/programmes/{programme}/swap", MANAGER_DOES,
                                      {"first": "{pair}", "second": "{locked_pair}"}),
    ("programmes.publish", "POST"): Case("/programmes/{programme}/publish", MANAGER_DOES),
    ("programmes.dashboard", "GET"): Case("/programmes/{programme}/dashboard", MANAGER_SEES),
    ("programmes.remind_pair", "POST"): (
        Case("/programmes/{programme}/pairs/{published_pair}/remind", MANAGER_DOES, label="published pair"),
        Case("/programmes/{programme}/pairs/{pair}/remind", MANAGER_REFUSED, label="unpublished pair")),
    # Each member answers the circle waiting for answers (accepting leads back to its page, as
    # the others have not answered yet); the dissolved one waits for nobody.
    ("circles.show", "GET"): (Case("/circles/{circle}", CIRCLE_MEMBER_SEES, label="proposed"),
                              Case("/circles/{dissolved_circle}", CIRCLE_MEMBER_SEES, label="dissolved")),
    ("circles.accept", "POST"): (Case("/circles/{circle}/accept", CIRCLE_MEMBER_ANSWERS, label="proposed"),
                                 Case("/circles/{dissolved_circle}/accept", CIRCLE_CLOSED, label="dissolved")),
    ("circles.decline", "POST"): (Case("/circles/{circle}/decline", CIRCLE_MEMBER_ANSWERS, label="proposed"),
                                  Case("/circles/{dissolved_circle}/decline", CIRCLE_CLOSED, label="dissolved")),
    ("circles.run_in_programme", "POST"): Case("/programmes/{programme}/circles", MANAGER_DOES),
    ("programmes.export", "GET"): tuple(
        Case(f"/programmes/{{programme}}/export/{what}.{fmt}", MANAGER_SEES, label=f"{what} {fmt}")
        for what in ("pairs", "figures") for fmt in ("csv", "xlsx")),
}


def _api_rows():
    """The API's rows join the table: one module per domain in tests/api/ (matrix_rows_*.py),
    written against this module's world, roles and Case; a key given twice fails here."""
    from tests.api import (matrix_rows_cohorts_circles, matrix_rows_exchanges, matrix_rows_meetings,
                           matrix_rows_profile, matrix_rows_programmes)

    for module in (matrix_rows_profile, matrix_rows_exchanges, matrix_rows_meetings, matrix_rows_cohorts_circles,
                   matrix_rows_programmes):
        assert not set(module.ROWS) & set(TABLE), module.__name__
        TABLE.update(module.ROWS)


_api_rows()
SIGNING_OUT = {"accounts.logout", "passwords.sign_out_everywhere"}
# Rows the code does not honour yet, each with who fixes it.
PENDING = {}


def _cases():
    for (endpoint, method), cases in TABLE.items():
        for case in cases if isinstance(cases, tuple) else (cases,):
            columns = list(zip(ROLES, case.expected, strict=True))
            if is_api(endpoint):
                columns += [(role, token_column(role, method, case)) for role in TOKEN_ROLES]
            for role, expected in columns:
                marks = [pytest.mark.xfail(strict=True, reason=PENDING[endpoint, method, role])] \
                    if (endpoint, method, role) in PENDING else []
                label = case.label.replace(" ", "_") + "-" if case.label else ""
                yield pytest.param(endpoint, method, case, role, expected, marks=marks,
                                   id=f"{endpoint}-{method}-{label}{role}")


def test_the_table_names_every_route_and_only_routes_that_exist():
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "MATCHING_ENCODER": "hashing"})
    routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert sorted(routes - set(TABLE)) == [], "routes missing from the authorization table"
    assert sorted(set(TABLE) - routes) == [], "rows for routes that no longer exist"


@pytest.mark.parametrize("endpoint,method,case,role,expected", list(_cases()))
def test_route_answers_each_role_as_the_table_says(client, world, endpoint, method, case, role, expected):
    values = world.values(role)
    url = case.url.format(**values)
    if is_api(endpoint):
        headers = {"Authorization": f"Bearer {world.api_secrets[role]}"} if role != "anonymous" else {}
        request = {"headers": headers, "json": fill(case.json, values, typed=True) if case.json is not None else None}
    else:
        sign_in(client, world, role)
        request = {"data": fill(case.data or {}, values) if method == "POST" else None}
    before = snapshot()
    response = client.open(url, method=method, **request)
    status = response.status_code
    if expected == LOGIN:
        assert status == 302 and "/login" in response.headers["Location"], (url, status)
    else:
        assert status == expected, (url, status, response.get_data(as_text=True)[:2000])
        if status == 302:
            assert "/login" not in response.headers["Location"] or endpoint in SIGNING_OUT or case.refusal, (
                url, response.headers["Location"])
    if expected == LOGIN or expected >= 400 or case.refusal:
        assert snapshot() == before, f"{role} was refused {method} {url} but the database changed"
    body = readable(response)
    response.close()
    reader = TOKEN_ROLES.get(role, role)  # a derived token column reads as its member
    for marker, author in {**PRIVATE_NOTES, **PRIVATE_ANSWERS}.items():
        assert reader == author or marker not in body, f"{role} read {marker} at {url}"
    if endpoint != "meetings.feed":
        for marker, readers in SHARED_NOTES.items():
            assert reader in readers or marker not in body, f"{role} read {marker} at {url}"


def readable(response):
    """Everything a response lets its reader see, as text: a workbook's parts unzipped."""
    data = response.get_data()
    if response.mimetype == XLSX:
        with zipfile.ZipFile(io.BytesIO(data)) as workbook:
            return "\n".join(workbook.read(name).decode("utf-8") for name in workbook.namelist())
    return data.decode("utf-8", errors="replace")


def test_every_marker_is_in_the_world(world):
    """The table looks for these markers in every answer: they must be there to be found."""
    rows = str(snapshot())
    assert [m for m in (*PRIVATE_NOTES, *PRIVATE_ANSWERS, *SHARED_NOTES) if m not in rows] == []
