"""The demo population loaded by `marketplace seed-demo`."""

from datetime import datetime, time, timedelta

from .accounts import services as accounts
from .accounts.models import User, utcnow
from .accounts.passwords import hash_password
from .accounts.queries import user_by_email
from .demo_data import DEMO_PASSWORD, ENROLMENT_PROGRAMME, MEMBERS, PROGRAMME_MANAGER, RUNNING_PROGRAMME
from .extensions import db
from .i18n import to_local
from .skills import services as skills

__all__ = ["DEMO_PASSWORD", "demo_logins", "seed_demo", "seed_demo_circles"]
KNOWN_LOGINS = 5  # one member per seniority, then the programme manager
# Cohorts opened on demo members' group offers: (mentor, offer title, cohort title, seats).
DEMO_COHORTS = [
    ("yanis.benali@demo.passerelle.example", "Prompting tips for ChatGPT and Claude",
     "Prompting AI assistants at work — 4 sessions", 8),
    ("sofia.garcia@demo.passerelle.example", "Power BI dashboards from scratch",
     "Power BI : votre premier tableau de bord", 6),
]


def seed_demo():
    """Create every demo member that does not exist yet; return how many were created."""
    created = 0
    new_skills = []
    for entry in MEMBERS:
        if db.session.scalar(user_by_email(entry["email"])) is not None:
            continue
        profile = {key: entry[key] for key in accounts.PROFILE_FIELDS if key in entry}
        user = User(email=entry["email"], password_hash=hash_password(DEMO_PASSWORD), display_name=entry["display_name"])
        accounts.update_profile(user, **profile)
        db.session.add(user)
        for direction, key in (("offer", "offers"), ("learn", "needs")):
            for skill in entry[key]:
                # Curated data, no one to confirm a near duplicate: exact ones are still refused.
                new_skills.append(skills.add_skill(user, direction, **skill, reindex=False, allow_similar=True))
        created += 1
    skills.reindex_skills(new_skills)
    now = utcnow()
    _seed_cohorts()
    _seed_exchanges(now)
    _seed_programmes(now)
    return created


def _seed_cohorts():
    from .exchange.cohorts import open_cohort
    from .exchange.models import Cohort

    for email, offer_title, title, seats in DEMO_COHORTS:
        mentor = db.session.scalar(user_by_email(email))
        offer = next((s for s in mentor.offers if s.title == offer_title), None) if mentor else None
        if offer is None or db.session.scalar(db.select(Cohort.id).filter_by(mentor_id=mentor.id, title=title)):
            continue
        open_cohort(mentor, offer, title, seats, objectives=["Apply it to a real task of your job"],
                    frequency="weekly", planned_meetings=4, meeting_minutes=60, channel="video")


# Seats taken in the demo cohorts: (cohort title, member emails).
DEMO_SEATS = [
    ("Prompting AI assistants at work — 4 sessions",
     ["marc.lefevre@demo.passerelle.example", "richard.thompson@demo.passerelle.example",
      "henri.moreau@demo.passerelle.example"]),
    ("Power BI : votre premier tableau de bord", ["aicha.elamrani@demo.passerelle.example"]),
]
LEA, MARC = "lea.dubois@demo.passerelle.example", "marc.lefevre@demo.passerelle.example"
SOFIA, HENRI = "sofia.garcia@demo.passerelle.example", "henri.moreau@demo.passerelle.example"
DOMINIQUE = "dominique.roy@demo.passerelle.example"


def _seed_exchanges(now):
    """Exchanges at every stage, so each page has something to show: a two-way swap under way
    (a held meeting with notes and feedback, the next one planned), a proposal answered with a
    counter-proposal across time zones, a completed exchange awaiting one questionnaire, and
    seats in the demo cohorts. Skipped for any pair that already has an exchange."""
    from .exchange import cohorts, feedback, meetings
    from .exchange import services as exchanges
    from .exchange.models import Cohort, Exchange

    people = {email: db.session.scalar(user_by_email(email)) for email in (LEA, MARC, SOFIA, HENRI, DOMINIQUE)}
    if any(person is None for person in people.values()):
        return

    def offer(email, title):
        return next(s for s in people[email].offers if s.title == title)

    def fresh(a, b):
        pair = {people[a].id, people[b].id}
        return not db.session.scalar(db.select(Exchange.id).where(
            Exchange.proposer_id.in_(pair), Exchange.partner_id.in_(pair)))

    def day(days, hour):
        return (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)

    if fresh(MARC, LEA):  # Léa teaches Marc TikTok, Marc teaches Léa negotiation
        swap = exchanges.propose_exchange(
            people[MARC], people[LEA], their_offer=offer(LEA, "TikTok for brands: how the algorithm actually works"),
            my_offer=offer(MARC, "Négocier un contrat fournisseur"),
            objectives=["Comprendre ce que l'algorithme récompense", "Préparer ma première négociation salariale"],
            message="Léa, on échange ? Vous m'expliquez TikTok, je vous aide à négocier.", now=now - timedelta(days=20),
            frequency="fortnightly", planned_meetings=6, meeting_minutes=45, channel="video",
            place="https://meet.example/lea-marc")
        exchanges.accept_exchange(swap, people[LEA], now=now - timedelta(days=19))
        held = meetings.schedule_meeting(swap, people[LEA], day(-10, 10), now=now - timedelta(days=18))
        meetings.add_agenda_topic(swap, people[MARC], held.id, "Pourquoi certaines vidéos décollent ?", now=now)
        meetings.hold_meeting(swap, people[LEA], held.id, now=now)
        meetings.add_note(swap, people[LEA], held.id, "Marc veut tester un format coulisses de l'usine.", now=now)
        meetings.add_note(swap, people[LEA], held.id, "Préparer des exemples du secteur industriel.", private=True,
                          now=now)
        feedback.give_meeting_feedback(swap, people[MARC], held.id, 5, "Très concret.", now=now)
        exchanges.set_objective_status(swap, people[LEA], swap.objectives[0].id, "in_progress", now=now)
        meetings.schedule_meeting(swap, people[LEA], day(2, 17), now=now)
    if fresh(DOMINIQUE, LEA):  # Montréal asks Paris; Léa suggests other terms
        proposal = exchanges.propose_exchange(
            people[DOMINIQUE], people[LEA], their_offer=offer(LEA, "Créer des vidéos courtes pour TikTok et Reels"),
            objectives=["Tourner un premier Reel"], message="Bonjour Léa, pourriez-vous m'initier aux Reels ?",
            now=now - timedelta(days=2), frequency="weekly", planned_meetings=4, meeting_minutes=30, channel="video")
        exchanges.counter_propose(
            proposal, people[LEA], objectives=["Tourner un premier Reel", "Publier trois Reels en un mois"],
            message="Avec plaisir ! Plutôt toutes les deux semaines, en fin de journée pour moi.",
            now=now - timedelta(days=1), frequency="fortnightly", planned_meetings=4, meeting_minutes=45,
            channel="video")
    if fresh(HENRI, SOFIA):  # finished: Henri answered the questionnaire, Sofía not yet
        done = exchanges.propose_exchange(
            people[HENRI], people[SOFIA], their_offer=offer(SOFIA, "Power BI dashboards from scratch"),
            objectives=["Build the monthly finance dashboard"], now=now - timedelta(days=60),
            frequency="weekly", planned_meetings=3, meeting_minutes=60, channel="in_person", place="Salle Turing")
        exchanges.accept_exchange(done, people[SOFIA], now=now - timedelta(days=59))
        exchanges.set_objective_status(done, people[HENRI], done.objectives[0].id, "done", now=now - timedelta(days=6))
        exchanges.complete_exchange(done, people[SOFIA], now=now - timedelta(days=5))
        feedback.submit_evaluation(done, people[HENRI], {"trust": 5, "listening": 5, "usefulness": 4,
                                                         "objectives": 4, "recommend": 5, "comments": ""})
    for title, emails in DEMO_SEATS:
        cohort = db.session.scalar(db.select(Cohort).filter_by(title=title))
        for email in emails:
            member = db.session.scalar(user_by_email(email))
            if cohort is not None and member is not None and cohort.seat_of(member) is None:
                cohorts.join_cohort(cohort, member)


# The running programme was published this long ago; its pairs meet every RHYTHM.
PUBLISHED_AGO, RHYTHM = timedelta(weeks=6), timedelta(days=14)
# Per story (demo_data.RUNNING_PROGRAMME): the (mentee, mentor) ratings of each meeting held.
STORY_RATINGS = {"steady": [(5, 4), (4, 5), (5, 5)], "no_meeting": [(4, 3)],
                 "no_agenda": [(4, 4), (3, 4), (4, 3)], "low_ratings": [(3, 2), (2, 2), (2, 3)]}
# Per story: the status each of the exchange's objectives (the programme's) has reached.
STORY_OBJECTIVES = {"steady": ["done", "in_progress"], "no_meeting": [], "no_agenda": ["in_progress"],
                    "low_ratings": ["in_progress"]}
# What a mentee puts on the agenda of the meetings they prepare, in their language.
AGENDA_TOPICS = {
    "fr": ["Faire connaissance et fixer nos objectifs", "Premier essai : ce qui a marché, ce qui a bloqué",
           "Aller plus loin : {topic}"],
    "en": ["Getting to know each other and setting our goals", "First try: what worked, what got stuck",
           "Going further: {topic}"],
}


def _seed_programmes(now):
    """The programme manager's two programmes, so the programme pages and the follow-up
    dashboard have something to show: a reverse programme running for six weeks with
    meetings held and planned, objectives under way and three pairs at risk, and a peer
    programme in enrolment. Skipped for a programme that already exists."""
    from flask import current_app

    from .programmes import services as programmes
    from .programmes.models import Programme

    manager = db.session.scalar(user_by_email(PROGRAMME_MANAGER))
    if manager is None:
        return
    programmes.grant_manager(manager.email)

    def fresh(settings):
        return not db.session.scalar(db.select(Programme.id).filter_by(manager_id=manager.id, name=settings["name"]))

    if fresh(RUNNING_PROGRAMME["settings"]):
        _seed_running_programme(manager, now)
    if fresh(ENROLMENT_PROGRAMME["settings"]):
        with current_app.test_request_context():  # the invitation to an address builds a link
            _seed_enrolment_programme(manager, now)


def _enrol(programme, manager, entries, now):
    """Invite each entry (or let them apply), then answer the application of those with
    objectives two days later, their skills taken from their profile (or the entry's `seeks`)."""
    from .programmes import enrolment as enrolment_services
    from .programmes import services as programmes

    invited = [(entry["email"], entry["role"]) for entry in entries if entry.get("source") != "application"]
    enrolment_services.invite(programme, manager, invited, now=now)
    for entry in entries:
        member = db.session.scalar(user_by_email(entry["email"]))
        if entry.get("source") == "application":
            enrolment_services.apply(programme, member, entry["role"], today=now.date())
        if "objectives" in entry:
            participant = programmes.participant_of(programme, member)
            profile = enrolment_services.application_defaults(participant)
            enrolment_services.answer_application(
                participant, member, entry["role"], entry["objectives"], profile["brings"],
                entry.get("seeks", profile["seeks"]), profile["availability"], capacity=entry.get("capacity"),
                now=now + timedelta(days=2))


def _seed_running_programme(manager, now):
    """Enrolled, matched and published PUBLISHED_AGO; since then each pair has met as its
    mentee's story says (demo_data.RUNNING_PROGRAMME)."""
    from .programmes import pairing
    from .programmes import services as programmes

    published = now - PUBLISHED_AGO
    starts = published.date()
    programme = programmes.create_programme(
        manager, **RUNNING_PROGRAMME["settings"], enrolment_closes_on=starts - timedelta(days=7), starts_on=starts,
        ends_on=starts + timedelta(weeks=26))
    entries = RUNNING_PROGRAMME["participants"]
    _enrol(programme, manager, entries, published - timedelta(days=21))
    pairing.run_matching(programme, manager, now=published - timedelta(days=1))
    pairing.publish(programme, manager, now=published)
    stories = {e["email"]: e["story"] for e in entries if "story" in e}
    for pair in programme.pairs:
        _seed_pair_history(pair, stories[pair.mentee.email])


def _seed_pair_history(pair, story):
    """The meetings of a published pair since its first one: held every RHYTHM (agenda
    prepared by the mentee unless the story says not, both rating it), objectives moved on,
    and the next meeting planned, unless the pair stopped meeting."""
    from .exchange import feedback, meetings
    from .exchange import services as exchanges

    exchange, mentor, mentee = pair.exchange, pair.mentor.user, pair.mentee.user
    first = exchange.meetings[0]  # planned by publishing, at noon for the mentee
    day = to_local(first.starts_at, mentee.timezone).date()
    topics = AGENDA_TOPICS["fr" if mentee.locale == "fr" else "en"]
    meeting = first
    for number, ratings in enumerate(STORY_RATINGS[story]):
        if number:
            meeting = meetings.schedule_meeting(exchange, mentee, datetime.combine(day + number * RHYTHM, time(12)),
                                                now=meeting.starts_at + timedelta(hours=1))
        if story != "no_agenda":
            text = topics[number].format(topic=pair.explanation.get("seek", ""))
            meetings.add_agenda_topic(exchange, mentee, meeting.id, text, now=meeting.starts_at - timedelta(days=1))
        held = meeting.starts_at + timedelta(hours=1)
        meetings.hold_meeting(exchange, mentor, meeting.id, now=held)
        for person, rating in zip((mentee, mentor), ratings):
            feedback.give_meeting_feedback(exchange, person, meeting.id, rating, now=held)
    for objective, status in zip(exchange.objectives, STORY_OBJECTIVES[story]):
        exchanges.set_objective_status(exchange, mentor, objective.id, status, now=held)
    if story != "no_meeting":
        next_day = day + len(STORY_RATINGS[story]) * RHYTHM
        meetings.schedule_meeting(exchange, mentee, datetime.combine(next_day, time(12)), now=held)


def _seed_enrolment_programme(manager, now):
    """Open to applications until two weeks from now: some answered (and a first matching
    tried), some invited still silent, one address without an account."""
    from .programmes import pairing
    from .programmes import services as programmes

    today = now.date()
    programme = programmes.create_programme(
        manager, **ENROLMENT_PROGRAMME["settings"], enrolment_closes_on=today + timedelta(days=14),
        starts_on=today + timedelta(days=21), ends_on=today + timedelta(days=21, weeks=26))
    _enrol(programme, manager, ENROLMENT_PROGRAMME["participants"], now - timedelta(days=6))
    pairing.run_matching(programme, manager, now=now - timedelta(hours=3))


def seed_demo_circles():
    """Propose exchange circles to the demo members, once (a demo that already has circles
    keeps them): returns how many were proposed."""
    from .circles.models import Circle
    from .circles.runs import run_circles

    if db.session.scalar(db.select(Circle.id).limit(1)) is not None:
        return 0
    return len(run_circles().proposed)


def demo_logins():
    """(email, name, seniority) of the known demo logins."""
    return [(m["email"], m["display_name"], m["seniority"]) for m in MEMBERS[:KNOWN_LOGINS]]
