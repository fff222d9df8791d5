"""/api/v1 operations of programmes a member uses: the same services as the pages
(programmes/views.py). Members read the programmes open to them, apply and answer their
application; what a programme's manager does is in manager_api.py, which shares the
decorators below and `programme_body`.
"""

from functools import wraps

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.problems import refused_values
from ..errors import NotFound
from ..extensions import db
from . import enrolment, services
from .schemas import (
    ProgrammeApplicationChangeSchema, ProgrammeApplicationInputSchema, ProgrammeApplicationSchema, ProgrammeApplySchema,
    ProgrammeSchema, ProgrammesSchema,
)

bp = ApiBlueprint("programmes_api", __name__, url_prefix="/api/v1",
                  description="HR mentoring programmes for members: the programmes open to them, applying and "
                              "answering their application.")


# Who may call an operation is settled before its body is read, as the pages do before their
# forms: an operation someone may not call is a 404 whatever they send.

def managers_only(view):
    """Programme managers' operations do not exist for other members (as their pages)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not services.is_manager(current_user):
            raise NotFound(_("This page does not exist."))
        return view(*args, **kwargs)

    return wrapped


def managed(view):
    """The view gets the programme of the path if I manage it (a 404 for everyone else)."""

    @wraps(view)
    def wrapped(*args, programme_id, **kwargs):
        return view(*args, programme=services.get_managed_programme(current_user, programme_id), **kwargs)

    return wrapped


def visible(view):
    """The view gets the programme of the path if its page shows it to me (else a 404)."""

    @wraps(view)
    def wrapped(*args, programme_id, **kwargs):
        return view(*args, programme=services.get_programme(current_user, programme_id), **kwargs)

    return wrapped


def mine(view):
    """The view gets my place in the programme of the path (a 404 when I have none)."""

    @wraps(view)
    def wrapped(*args, programme_id, **kwargs):
        programme = services.get_programme(current_user, programme_id)
        return view(*args, participant=enrolment.my_application(programme, current_user), **kwargs)

    return wrapped


def _manages(programme):
    return programme.manager_id == current_user.id and services.is_manager(current_user)


def _summary(programme):
    return {name: getattr(programme, name) for name in (
        "id", "name", "kind", "status", "enrolment_closes_on", "starts_on", "ends_on")}


def programme_body(programme):
    """A programme as its page shows it to me (ProgrammeSchema)."""
    manages = _manages(programme)
    participant = None if manages else services.participant_of(programme, current_user)
    statuses = services.participant_statuses(programme) if manages else None
    return {
        **_summary(programme),
        "manager": programme.manager.public_name if programme.manager is not None else None,
        "description": programme.description, "objectives": programme.objective_list(),
        "frequency": programme.frequency, "planned_meetings": programme.planned_meetings,
        "meeting_minutes": programme.meeting_minutes, "ground_rules": programme.ground_rules,
        "my_place": {"role": participant.role, "status": participant.status} if participant else None,
        "can_apply": services.can_apply(programme, current_user),
        "managed_by_me": manages,
        "settings": programme if manages else None,
        "participants": statuses["invited"] + statuses["answered"] if manages else None,
        "answered": statuses["answered"] if manages else None,
    }


# --- Members: the programmes page, a programme, applying, my application -----------------

@bp.get("/programmes")
@api_login_required
@bp.response(200, ProgrammesSchema)
@bp.errors(401)
def programmes():
    """The programmes page: those I run (programme managers), those I take part in, and those
    open to my application."""
    places, open_to_me = services.member_programmes(current_user)
    runs = services.managed_programmes(current_user)
    counts = services.participant_counts(runs)
    return {"is_manager": services.is_manager(current_user),
            "managed": [{**_summary(p), "participants": counts[p.id]} for p in runs],
            "mine": [{"programme": _summary(p.programme), "role": p.role, "status": p.status} for p in places],
            "open_to_me": [_summary(p) for p in open_to_me]}


@bp.get("/programmes/<int:programme_id>")
@api_login_required
@visible
@bp.response(200, ProgrammeSchema)
@bp.errors(401, 404)
def programme(programme):
    """A programme as its page shows it to me: to its manager (with its settings), its
    participants, and the members it admits while it is open to applications; 404 for others."""
    return programme_body(programme)


@bp.post("/programmes/<int:programme_id>/apply")
@api_login_required
@visible
@bp.arguments(ProgrammeApplySchema)
@bp.response(201, ProgrammeApplicationSchema, headers=CREATED)
@bp.errors(401, 403, 404, 409)
def apply(body, programme):
    """Apply to a programme open to me, as mentor, mentee or either; answer the application
    next (PUT on its Location)."""
    with refused_values():
        participant = enrolment.apply(programme, current_user, body["role"])
    db.session.commit()
    return _application(participant), {"Location": url_for("programmes_api.application", programme_id=programme.id)}


def _application(participant):
    programme = participant.programme
    return {**enrolment.application_defaults(participant), "programme_id": programme.id,
            "status": participant.status, "source": participant.source, "most_mentees": programme.mentor_capacity,
            "answered_at": participant.answered_at, "editable": programme.status == "enrolment"}


@bp.get("/programmes/<int:programme_id>/application")
@api_login_required
@mine
@bp.response(200, ProgrammeApplicationSchema)
@bp.errors(401, 404)
def application(participant):
    """My application: my answers, or before I answer, what my profile suggests (my offers and
    needs, my availability)."""
    return _application(participant)


@bp.put("/programmes/<int:programme_id>/application")
@api_login_required
@mine
@bp.arguments(ProgrammeApplicationInputSchema)
@bp.response(200, ProgrammeApplicationSchema)
@bp.errors(401, 403, 404, 409)
def answer(answers, participant):
    """Answer my application, all of it: editable until the pairs are published. Only the
    programme's manager and the matching read it; the people I avoid are never told."""
    return _answer(participant, answers)


@bp.patch("/programmes/<int:programme_id>/application")
@api_login_required
@mine
@bp.arguments(ProgrammeApplicationChangeSchema)
@bp.response(200, ProgrammeApplicationSchema)
@bp.errors(401, 403, 404, 409)
def change_answers(answers, participant):
    """Change some answers of my application (the others stay as they are, or as my profile
    suggests them before I answer)."""
    return _answer(participant, {**enrolment.application_defaults(participant), **answers})


def _answer(participant, answers):
    with refused_values():
        enrolment.answer_application(participant, current_user, **answers)
    db.session.commit()
    return _application(participant)
