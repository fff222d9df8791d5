"""What the circle pages and cards show a given member: computed here, not in templates."""

import sqlalchemy as sa
from flask_babel import gettext as _

from ..extensions import db
from ..skills.engine import get_engine
from .models import CIRCLE_STATUSES, Circle, CircleMember
from .services import proposed_circle_of, shown_status


def circle_context(circle, viewer, now=None):
    """The circle as the viewer sees it: who teaches whom what, how close each match is and
    why, who has answered (never who declined), and whether it waits on the viewer."""
    status = shown_status(circle, now)
    mine = circle.member_of(viewer)
    calibration = get_engine().calibration
    teachings = []
    for place in circle.members:
        learner = circle.next_of(place)
        teachings.append({
            "teacher": place.member, "learner": learner.member, "offer": place.offer_title or _("(erased)"),
            "need": place.need_title or _("(erased)"), "percent": round(place.probability * 100),
            "band": calibration.band(place.probability),
            "teacher_is_me": place.member_id == viewer.id, "learner_is_me": learner.member_id == viewer.id,
        })
    answers = [{"member": p.member, "accepted": p.answer == "accepted", "is_me": p.member_id == viewer.id}
               for p in circle.members]
    return {
        "circle": circle, "status": status, "teachings": teachings, "size": len(circle.members),
        "answers": answers if status == "proposed" else [],
        "i_teach": teachings[mine.position], "i_learn": teachings[mine.position - 1],
        "waiting_on_me": status == "proposed" and mine.answer == "waiting",
        "accepted_by_me": mine.answer == "accepted",
    }


def my_circle(member, now=None):
    """The member's proposed circle as a card (matches page and dashboard), or None."""
    circle = proposed_circle_of(member)
    if circle is None or shown_status(circle, now) != "proposed":
        return None
    return circle_context(circle, member, now)


def programme_circle_figures(programme):
    """A programme's circles by status, and how many members of those still proposed have not
    answered yet (for its manager: counts only, never who answered what)."""
    by_status = dict(db.session.execute(sa.select(Circle.status, sa.func.count()).where(
        Circle.programme_id == programme.id).group_by(Circle.status)).all())
    waiting = db.session.scalar(sa.select(sa.func.count()).select_from(CircleMember).join(Circle).where(
        Circle.programme_id == programme.id, Circle.status == "proposed", CircleMember.answer == "waiting"))
    return {"by_status": {status: by_status.get(status, 0) for status in CIRCLE_STATUSES},
            "members_waiting": waiting or 0}
