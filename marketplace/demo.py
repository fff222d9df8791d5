"""The demo population loaded by `marketplace seed-demo`."""

from .accounts import services as accounts
from .accounts.models import User
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


def demo_logins():
    """(email, name, seniority) of the known demo logins."""
    return [(m["email"], m["display_name"], m["seniority"]) for m in MEMBERS[:KNOWN_LOGINS]]
