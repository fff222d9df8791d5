"""The demo population loaded by `marketplace seed-demo`."""

from datetime import timedelta

from .accounts import services as accounts
from .accounts.models import User, utcnow
from .accounts.passwords import hash_password
from .accounts.queries import user_by_email
from .demo_data import DEMO_PASSWORD, MEMBERS
from .extensions import db
from .skills import services as skills

__all__ = ["DEMO_PASSWORD", "demo_logins", "seed_demo"]
KNOWN_LOGINS = 4
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
    _seed_cohorts()
    _seed_exchanges(utcnow())
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


def demo_logins():
    """(email, name, seniority) of the known demo logins."""
    return [(m["email"], m["display_name"], m["seniority"]) for m in MEMBERS[:KNOWN_LOGINS]]
