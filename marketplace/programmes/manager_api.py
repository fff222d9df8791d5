"""/api/v1 operations of a programme's manager: the same services as the manager's pages
(programmes/views.py). Settings, invitations, reminders, matching, publishing and the
follow-up (statuses and aggregates only). Every operation here is a 404 for anyone else, as its
page; who may call one is settled before its body is read, by the decorators of api.py.
"""

from flask import current_app, url_for
from flask_login import current_user

from ..api.auth import api_login_required
from ..api.openapi import CREATED, ApiBlueprint
from ..api.pagination import PAGED, paged
from ..api.problems import refused_values
from ..api.schemas import MemberSchema, PageArgs
from ..circles.pages import programme_circle_figures
from ..extensions import db
from . import enrolment, followup, pairing, services
from .api import managed, managers_only, programme_body
from .manager_bodies import dashboard_body, matching_body, pair_body, participant_body
from .manager_schemas import (
    GrantManagerSchema, PairRemindedSchema, PairSwapSchema, ProgrammeDashboardSchema, ProgrammeInvitationsSchema,
    ProgrammeInvitedSchema, ProgrammeMatchingSchema, ProgrammePairSchema, ProgrammeParticipantSchema,
    ProgrammeParticipantsPageSchema, ProgrammePublishedSchema, ProgrammeRemindedSchema,
    SwappedPairsSchema,
)
from .schemas import ProgrammeChangeSchema, ProgrammeInputSchema, ProgrammeSchema

bp = ApiBlueprint("programme_managers_api", __name__, url_prefix="/api/v1",
                  description="HR mentoring programmes for their managers: settings, enrolment, matching, publishing "
                              "and follow-up.")


# --- Programmes and their settings -------------------------------------------------------

def _settings(values):
    """A body's settings as the services read them (objectives one per line)."""
    if "objectives" in values:
        values = {**values, "objectives": "\n".join(values["objectives"])}
    return values


@bp.post("/programmes")
@api_login_required
@managers_only
@bp.arguments(ProgrammeInputSchema)
@bp.response(201, ProgrammeSchema, headers=CREATED)
@bp.errors(401, 403, 404)
def create(settings):
    """Create a programme in enrolment (programme managers; 404 for other members), then invite
    its participants."""
    with refused_values():
        programme = services.create_programme(current_user, **_settings(settings))
    db.session.commit()
    return programme_body(programme), {"Location": url_for("programmes_api.programme", programme_id=programme.id)}


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
    return programme_body(programme)


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


# --- Enrolment ---------------------------------------------------------------------------

@bp.get("/programmes/<int:programme_id>/participants")
@api_login_required
@managed
@bp.arguments(PageArgs, location="query", as_kwargs=True)
@bp.response(200, ProgrammeParticipantsPageSchema, headers=PAGED)
@bp.errors(401, 404)
def participants(programme, page):
    """The programme's participants, the removed aside, in the order they came (its manager):
    their role and status, never their answers."""
    per_page = current_app.config["PROGRAMME_PARTICIPANTS_PER_PAGE"]
    found, total = services.participants_page(programme, page, per_page)
    return paged(page, total, per_page, {"programme_id": programme.id},
                 participants=[participant_body(p) for p in found])


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
    return participant_body(participant)


# --- Matching and publishing -------------------------------------------------------------

def _matching(programme):
    return matching_body(programme, pairing.matching_view(programme), programme_circle_figures(programme))


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
    return pair_body(pair)


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
    return {"pairs": [pair_body(pair) for pair in pairs]}


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
    return {"exchanges_created": created, "programme": programme_body(programme)}


# --- Follow-up ---------------------------------------------------------------------------

@bp.get("/programmes/<int:programme_id>/dashboard")
@api_login_required
@managed
@bp.response(200, ProgrammeDashboardSchema)
@bp.errors(401, 404)
def dashboard(programme):
    """The follow-up (its manager): participants, published pairs by status, meetings per week,
    objectives, satisfaction and the pairs at risk. Statuses and aggregates only, the figures
    of the CSV and Excel exports."""
    return dashboard_body(followup.programme_figures(programme))


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
