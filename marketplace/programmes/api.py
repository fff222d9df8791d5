"""/api/v1 operations of programmes: the same services as the pages (programmes/views.py).

Members read the programmes open to them, apply and answer their application; a programme's
manager runs it: settings, invitations, reminders, matching, publishing and the follow-up
(statuses and aggregates only). Every manager operation is a 404 for anyone else, as its page.
"""

from contextlib import contextmanager
from functools import wraps

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import abort

from ..api.auth import api_login_required
from ..api.openapi import ApiBlueprint
from ..api.pagination import PAGED, link_header, page_info
from ..api.schemas import MemberSchema
from ..circles.pages import programme_circle_figures
from ..errors import DomainError, NotFound
from ..extensions import db
from . import enrolment, followup, pairing, services
from .schemas import (
    GrantManagerSchema, PairRemindedSchema, PairSwapSchema, ProgrammeApplicationChangeSchema,
    ProgrammeApplicationInputSchema, ProgrammeApplicationSchema, ProgrammeApplySchema, ProgrammeChangeSchema,
    ProgrammeDashboardSchema, ProgrammeInputSchema, ProgrammeInvitationsSchema, ProgrammeInvitedSchema,
    ProgrammeMatchingSchema, ProgrammePairSchema, ProgrammeParticipantSchema, ProgrammeParticipantsArgs,
    ProgrammeParticipantsPageSchema, ProgrammePublishedSchema, ProgrammeRemindedSchema, ProgrammeSchema,
    ProgrammesSchema, SwappedPairsSchema,
)

bp = ApiBlueprint("programmes_api", __name__, url_prefix="/api/v1",
                  description="HR mentoring programmes: applying and answering for members; settings, enrolment, "
                              "matching, publishing and follow-up for their managers.")



@contextmanager
def refused_values():
    """A value of the body the service refused (its error of status 400) is a 422 problem
    pointing at the field the service names, as the schema's own refusals are."""
    try:
        yield
    except DomainError as error:
        if error.status_code != 400:
            raise
        db.session.rollback()
        abort(422, messages={"json": {getattr(error, "field", None) or "_schema": [error.message]}})


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


def _summary(programme):
    return {name: getattr(programme, name) for name in (
        "id", "name", "kind", "status", "enrolment_closes_on", "starts_on", "ends_on")}


def _shown(programme):
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
        "can_apply": not manages and participant is None and services.is_open(programme)
        and services.is_eligible(programme, current_user),
        "managed_by_me": manages,
        "settings": programme if manages else None,
        "participants": statuses["invited"] + statuses["answered"] if manages else None,
        "answered": statuses["answered"] if manages else None,
    }


@bp.get("/programmes/<int:programme_id>")
@api_login_required
@visible
@bp.response(200, ProgrammeSchema)
@bp.errors(401, 404)
def programme(programme):
    """A programme as its page shows it to me: to its manager (with its settings), its
    participants, and the members it admits while it is open to applications; 404 for others."""
    return _shown(programme)


@bp.post("/programmes/<int:programme_id>/apply")
@api_login_required
@visible
@bp.arguments(ProgrammeApplySchema)
@bp.response(201, ProgrammeApplicationSchema)
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


# --- Managers: programmes and their settings ---------------------------------------------

def _settings(values):
    """A body's settings as the services read them (objectives one per line)."""
    if "objectives" in values:
        values = {**values, "objectives": "\n".join(values["objectives"])}
    return values


@bp.post("/programmes")
@api_login_required
@managers_only
@bp.arguments(ProgrammeInputSchema)
@bp.response(201, ProgrammeSchema)
@bp.errors(401, 403, 404)
def create(settings):
    """Create a programme in enrolment (programme managers; 404 for other members), then invite
    its participants."""
    with refused_values():
        programme = services.create_programme(current_user, **_settings(settings))
    db.session.commit()
    return _shown(programme), {"Location": url_for("programmes_api.programme", programme_id=programme.id)}


@bp.put("/programmes/<int:programme_id>")
@api_login_required
@managed
@bp.arguments(ProgrammeInputSchema)
@bp.response(200, ProgrammeSchema)
@bp.errors(401, 403, 404, 409)
def replace(settings, programme):
    """Save all of the programme's settings (its manager); its kind cannot change once its
    pairs are published."""
    return _update(programme, settings)


@bp.patch("/programmes/<int:programme_id>")
@api_login_required
@managed
@bp.arguments(ProgrammeChangeSchema)
@bp.response(200, ProgrammeSchema)
@bp.errors(401, 403, 404, 409)
def change(settings, programme):
    """Change some of the programme's settings (its manager); the others stay as they are."""
    current = {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}
    return _update(programme, {**current, "objectives": programme.objective_list(), **settings})


def _update(programme, settings):
    with refused_values():
        services.update_programme(programme, current_user, **_settings(settings))
    db.session.commit()
    return _shown(programme)


@bp.post("/programmes/managers")
@api_login_required
@managers_only
@bp.arguments(GrantManagerSchema)
@bp.response(200, MemberSchema)
@bp.errors(401, 403, 404)
def grant_manager(body):
    """Make another member a programme manager (programme managers; 404 for other members, and
    for an address no member has)."""
    member = services.grant_manager(body["email"], granted_by=current_user)
    db.session.commit()
    return member


# --- Managers: enrolment -----------------------------------------------------------------

@bp.get("/programmes/<int:programme_id>/participants")
@api_login_required
@managed
@bp.arguments(ProgrammeParticipantsArgs, location="query", as_kwargs=True)
@bp.response(200, ProgrammeParticipantsPageSchema, headers=PAGED)
@bp.errors(401, 404)
def participants(programme, page):
    """The programme's participants, the removed aside, in the order they came (its manager):
    their role and status, never their answers."""
    per_page = current_app.config["PROGRAMME_PARTICIPANTS_PER_PAGE"]
    found, total = services.participants_page(programme, page, per_page)
    paging = page_info(page, total, per_page)
    headers = {"Link": link_header({"programme_id": programme.id}, page, paging["pages"])}
    return {**paging, "participants": [_participant(p) for p in found]}, headers


def _participant(participant):
    return {"id": participant.id, "name": participant.name,
            "job_title": participant.user.job_title if participant.user is not None else None,
            "role": participant.role, "status": participant.status, "source": participant.source,
            "reminded_at": participant.reminded_at}


@bp.post("/programmes/<int:programme_id>/invitations")
@api_login_required
@managed
@bp.arguments(ProgrammeInvitationsSchema)
@bp.response(200, ProgrammeInvitedSchema)
@bp.errors(401, 403, 404, 409)
def invite(body, programme):
    """Invite people by e-mail with a role (its manager, during enrolment): members are told in
    the app and by mail, other addresses get a single-use link to sign up, valid 21 days."""
    with refused_values():
        counts = enrolment.invite(programme, current_user, [(row["email"], row["role"]) for row in body["invitations"]])
    db.session.commit()
    return counts


@bp.post("/programmes/<int:programme_id>/remind")
@api_login_required
@managed
@bp.response(200, ProgrammeRemindedSchema)
@bp.errors(401, 403, 404, 409)
def remind(programme):
    """Remind everyone who has not answered the application (its manager, during enrolment)."""
    reminded = enrolment.remind_unanswered(programme, current_user)
    db.session.commit()
    return {"reminded": reminded}


@bp.post("/programmes/<int:programme_id>/participants/<int:participant_id>/remove")
@api_login_required
@managed
@bp.response(200, ProgrammeParticipantSchema)
@bp.errors(401, 403, 404)
def remove(programme, participant_id):
    """Remove a participant (its manager): their unpublished pairs go; a published exchange
    stays with its two members."""
    participant = enrolment.remove_participant(programme, current_user, participant_id)
    db.session.commit()
    return _participant(participant)


# --- Managers: matching and publishing ---------------------------------------------------

def _side(participant):
    return {"participant_id": participant.id, "name": participant.name}


def _pair(pair):
    explained = pair.explanation or {}
    back = explained.get("return")
    return {"id": pair.id, "mentor": _side(pair.mentor), "mentee": _side(pair.mentee), "state": pair.state,
            "published": pair.exchange_id is not None,
            "explanation": {"seek": explained.get("seek"), "bring": explained.get("bring"),
                            "percent": explained.get("percent"), "relation": explained.get("relation"),
                            "return": {"seek": back.get("seek"), "bring": back.get("bring"),
                                       "percent": back.get("percent")} if back else None}}


def _matching(programme):
    view = pairing.matching_view(programme)
    return {"pairs": [_pair(pair) for pair in view["pairs"]], "methods": view["methods"],
            "unmatched": [{"participant_id": p.id, "name": p.name, "role": p.role, "reason": reason}
                          for p, reason in view["unmatched"]],
            "matched_at": programme.matched_at, "circles": programme_circle_figures(programme)}


@bp.get("/programmes/<int:programme_id>/matching")
@api_login_required
@managed
@bp.response(200, ProgrammeMatchingSchema)
@bp.errors(401, 404)
def matching(programme):
    """The matching page (its manager): the pairs of the last run and the manager's changes,
    the three methods side by side, the unmatched and why, the exchange circles' counts."""
    return _matching(programme)


@bp.post("/programmes/<int:programme_id>/matching/run")
@api_login_required
@managed
@bp.response(200, ProgrammeMatchingSchema)
@bp.errors(401, 403, 404, 409)
def run_matching(programme):
    """Compute the optimal assignment again, around the locked and published pairs (its
    manager); answers the matching page."""
    pairing.run_matching(programme, current_user)
    db.session.commit()
    return _matching(programme)


def _lock(programme, pair_id, locked):
    pair = pairing.lock_pair(programme, current_user, pair_id, locked=locked)
    db.session.commit()
    return _pair(pair)


@bp.post("/programmes/<int:programme_id>/pairs/<int:pair_id>/lock")
@api_login_required
@managed
@bp.response(200, ProgrammePairSchema)
@bp.errors(401, 403, 404, 409)
def lock_pair(programme, pair_id):
    """Keep an unpublished pair through re-runs (its manager)."""
    return _lock(programme, pair_id, True)


@bp.post("/programmes/<int:programme_id>/pairs/<int:pair_id>/unlock")
@api_login_required
@managed
@bp.response(200, ProgrammePairSchema)
@bp.errors(401, 403, 404, 409)
def unlock_pair(programme, pair_id):
    """Release a locked pair: the next run may change it (its manager)."""
    return _lock(programme, pair_id, False)


@bp.post("/programmes/<int:programme_id>/pairs/<int:pair_id>/forbid")
@api_login_required
@managed
@bp.response(204)
@bp.errors(401, 403, 404, 409)
def forbid_pair(programme, pair_id):
    """This mentor and mentee must never be paired (its manager): the pair goes, and every
    re-run respects it."""
    pairing.forbid_pair(programme, current_user, pair_id)
    db.session.commit()


@bp.post("/programmes/<int:programme_id>/swap")
@api_login_required
@managed
@bp.arguments(PairSwapSchema)
@bp.response(200, SwappedPairsSchema)
@bp.errors(401, 403, 404, 409)
def swap(body, programme):
    """Swap the mentees of two unpublished pairs (its manager): both new pairs are locked;
    refused when one breaks a rule of the programme, a forbidden pair or someone's wish."""
    with refused_values():
        pairs = pairing.swap_mentees(programme, current_user, body["first"], body["second"])
    db.session.commit()
    return {"pairs": [_pair(pair) for pair in pairs]}


@bp.post("/programmes/<int:programme_id>/publish")
@api_login_required
@managed
@bp.response(200, ProgrammePublishedSchema)
@bp.errors(401, 403, 404, 409)
def publish(programme):
    """Publish the pairs (its manager): an exchange per pair with the programme's framework and
    objectives, both sides told, a first meeting planned; the programme runs."""
    created = pairing.publish(programme, current_user)
    db.session.commit()
    return {"exchanges_created": created, "programme": _shown(programme)}


# --- Managers: follow-up -----------------------------------------------------------------

def _progress(progress):
    return {"pair_id": progress.pair.id, "mentor": progress.pair.mentor.name, "mentee": progress.pair.mentee.name,
            "exchange_status": progress.exchange_status, "meetings_held": progress.meetings_held,
            "meetings_planned": progress.meetings_planned, "meetings_agreed": progress.meetings_agreed,
            "objectives_done": progress.objectives_done, "objectives_total": progress.objectives_total,
            "at_risk": list(progress.reasons)}


def _aggregate(aggregate):
    # One decimal, as the page shows it: a full-precision mean read before and after one more
    # answer would give that answer away (see exports._aggregate_row).
    return {"mean": None if aggregate.hidden else round(aggregate.mean, 1), "count": aggregate.count}


@bp.get("/programmes/<int:programme_id>/dashboard")
@api_login_required
@managed
@bp.response(200, ProgrammeDashboardSchema)
@bp.errors(401, 404)
def dashboard(programme):
    """The follow-up (its manager): participants, published pairs by status, meetings per week,
    objectives, satisfaction and the pairs at risk. Statuses and aggregates only, the figures
    of the CSV and Excel exports."""
    figures = followup.programme_figures(programme)
    by_pair = {progress.pair.id: progress for progress in figures.pairs}
    return {"participants": figures.participants, "paired": figures.paired, "unpaired": figures.unpaired,
            "exchange_statuses": figures.exchange_statuses,
            "weeks": [{"monday": week.monday, "planned": week.planned, "held": week.held} for week in figures.weeks],
            "objectives": figures.objectives, "min_answers_shown": figures.min_answers_shown,
            "meeting_ratings": _aggregate(figures.rating),
            "questionnaire": [{"question": question["key"], **_aggregate(aggregate)}
                              for question, aggregate in figures.questions],
            "at_risk": [_progress(by_pair[item.pair.id]) for item in figures.at_risk],
            "pairs": [_progress(progress) for progress in figures.pairs]}


@bp.post("/programmes/<int:programme_id>/pairs/<int:pair_id>/remind")
@api_login_required
@managed
@bp.response(200, PairRemindedSchema)
@bp.errors(401, 403, 404, 409)
def remind_pair(programme, pair_id):
    """Remind both members of a published pair to plan their next meeting (its manager; at
    most once a day)."""
    sent = followup.remind_pair(programme, current_user, pair_id)
    db.session.commit()
    return {"reminded": bool(sent)}
