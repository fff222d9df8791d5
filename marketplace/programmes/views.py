"""Programme pages: the manager's (create, enrol, match, publish, follow up, export) and the
member's (apply, answer the application, sign up from an invitation)."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.views import sign_in
from ..circles.pages import programme_circle_figures
from ..errors import DomainError, NotFound
from ..exchange.forms import ActionForm
from ..extensions import db
from ..web import form_status
from . import enrolment, exports, followup, pairing, services
from .forms import (
    ApplicationForm, ApplyForm, GrantManagerForm, InvitationSignupForm, InvitationsForm, ProgrammeForm, SwapForm,
)
from .models import INVITATION_FILE_BYTES

bp = Blueprint("programmes", __name__, url_prefix="/programmes")


@bp.record_once
def _register_labels(state):
    from . import labels

    labels.init_app(state.app)


@bp.route("")
@login_required
def index():
    """Programmes I run (managers), programmes I take part in, and those I can apply to."""
    return _index_page(GrantManagerForm(formdata=None))


def _index_page(grant_form, status=200):
    mine, open_to_me = services.member_programmes(current_user)
    return render_template("programmes/index.html", managed=services.managed_programmes(current_user),
                           mine=mine, open_to_me=open_to_me, is_manager=services.is_manager(current_user),
                           grant_form=grant_form), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """A manager creates a programme."""
    if not services.is_manager(current_user):
        raise NotFound(_("This page does not exist."))
    form = ProgrammeForm()
    if form.validate_on_submit():
        try:
            programme = services.create_programme(current_user, **form.programme())
        except DomainError as error:
            db.session.rollback()
            form.name.errors = [*form.name.errors, error.message]
        else:
            db.session.commit()
            flash(_("Programme created: invite its participants."), "success")
            return redirect(url_for("programmes.show", programme_id=programme.id))
    return render_template("programmes/edit.html", form=form, programme=None), form_status(form)


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@login_required
def edit(programme_id):
    """The manager changes the programme's settings."""
    programme = services.get_managed_programme(current_user, programme_id)
    form = ProgrammeForm(obj=programme)
    if request.method == "GET":
        form.departments.data = ", ".join(programme.departments)
    if form.validate_on_submit():
        try:
            services.update_programme(programme, current_user, **form.programme())
        except DomainError as error:
            db.session.rollback()
            form.name.errors = [*form.name.errors, error.message]
        else:
            db.session.commit()
            flash(_("Programme saved."), "success")
            return redirect(url_for("programmes.show", programme_id=programme.id))
    return render_template("programmes/edit.html", form=form, programme=programme), form_status(form)


@bp.route("/<int:programme_id>")
@login_required
def show(programme_id):
    """The programme: for its manager, participants and enrolment; for a member, what it is,
    and applying or answering the application."""
    programme = services.get_programme(current_user, programme_id)
    if programme.manager_id == current_user.id and services.is_manager(current_user):
        return render_template("programmes/manage.html", programme=programme,
                               invitations=InvitationsForm(formdata=None), form=ActionForm(formdata=None))
    return _member_page(programme, ApplyForm(formdata=None))


@bp.post("/<int:programme_id>/invitations")
@login_required
def invite(programme_id):
    """The manager invites people: e-mails with a role, pasted or as a CSV file."""
    programme = services.get_managed_programme(current_user, programme_id)
    form = InvitationsForm()
    if not form.validate_on_submit():
        return _manage_page(programme, form, 422)
    texts = [form.pasted.data or ""]
    upload = form.upload.data
    if upload:
        raw = upload.read(INVITATION_FILE_BYTES + 1)
        if len(raw) > INVITATION_FILE_BYTES:
            form.upload.errors = [_("The file is larger than 512 KB.")]
            return _manage_page(programme, form, 413)
        try:
            texts.append(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1252", errors="replace"))  # Excel's CSV on Windows
    try:
        parsed = [enrolment.parse_invitations(text) for text in texts]
        rows = list(dict.fromkeys(row for found, _problems in parsed for row in found))
        problems = [problem for _found, found_problems in parsed for problem in found_problems]
        if not rows:
            refused = [_("Line %(number)s: %(message)s", number=n, message=m) for n, m in problems[:20]]
            raise services.ProgrammeError(" ".join(refused) or _("Paste or upload at least one e-mail."), 400)
        counts = enrolment.invite(programme, current_user, rows)
    except DomainError as error:
        db.session.rollback()
        form.pasted.errors = [error.message]
        return _manage_page(programme, form, error.status_code)
    db.session.commit()
    flash(_("%(invited)s invited, %(already)s already in the programme.", **counts), "success")
    for number, message in problems[:20]:
        flash(_("Line %(number)s: %(message)s", number=number, message=message), "error")
    return redirect(url_for("programmes.show", programme_id=programme.id))


def _manage_page(programme, invitations, status):
    return render_template("programmes/manage.html", programme=programme, invitations=invitations,
                           form=ActionForm(formdata=None)), status


@bp.post("/<int:programme_id>/remind")
@login_required
def remind(programme_id):
    """One click: remind everyone who has not answered the application."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _act(programme, lambda: _("%(count)s reminded.", count=enrolment.remind_unanswered(programme, current_user)))


@bp.post("/<int:programme_id>/participants/<int:participant_id>/remove")
@login_required
def remove(programme_id, participant_id):
    """The manager removes a participant."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _act(programme, lambda: enrolment.remove_participant(programme, current_user, participant_id)
                and _("Participant removed."))


@bp.post("/<int:programme_id>/apply")
@login_required
def apply(programme_id):
    """A member applies to an open programme, then answers its application."""
    programme = services.get_programme(current_user, programme_id)
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            enrolment.apply(programme, current_user, form.role.data)
        except NotFound:
            raise
        except DomainError as error:
            db.session.rollback()
            form.role.errors = [*form.role.errors, error.message]
        else:
            db.session.commit()
            return redirect(url_for("programmes.application", programme_id=programme.id))
    return _member_page(programme, form, 422)


def _member_page(programme, apply_form, status=200):
    return render_template("programmes/show.html", programme=programme,
                           participant=services.participant_of(programme, current_user),
                           can_apply=services.can_apply(programme, current_user),
                           apply_form=apply_form), status


@bp.route("/<int:programme_id>/application", methods=["GET", "POST"])
@login_required
def application(programme_id):
    """The participant's application: objectives, skills (from the profile, editable),
    availability, people to avoid."""
    programme = services.get_programme(current_user, programme_id)
    participant = enrolment.my_application(programme, current_user)
    form = ApplicationForm()
    if request.method == "GET":
        answers = enrolment.application_defaults(participant)
        form.role.data, form.objectives.data = answers["role"], answers["objectives"]
        form.brings.data, form.seeks.data = "\n".join(answers["brings"]), "\n".join(answers["seeks"])
        form.availability.data, form.avoid.data = answers["availability"], "\n".join(answers["avoid"])
        form.capacity.data = answers["capacity"]
    if form.validate_on_submit():
        try:
            enrolment.answer_application(participant, current_user, **form.answers())
        except DomainError as error:
            db.session.rollback()
            form.objectives.errors = [*form.objectives.errors, error.message]
        else:
            db.session.commit()
            flash(_("Your application is saved. You can change it until the pairs are published."), "success")
            return redirect(url_for("programmes.show", programme_id=programme.id))
    return render_template("programmes/application.html", programme=programme, participant=participant,
                           form=form), form_status(form)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token):
    """An invited person creates their account from the link (once), then answers the application."""
    participant = enrolment.pending_invitation(token)
    if current_user.is_authenticated:
        return _claim(token, participant)
    form = InvitationSignupForm()
    if form.validate_on_submit():
        try:
            member, participant = enrolment.accept_invitation(
                token, form.password.data, form.display_name.data, seniority=form.seniority.data,
                timezone=form.timezone.data, locale=_locale())
        except DomainError as error:
            db.session.rollback()
            form.password.errors = [*form.password.errors, error.message]
        else:
            sign_in(member, remember=False)
            flash(_("Welcome! Answer the programme's application."), "success")
            return redirect(url_for("programmes.application", programme_id=participant.programme_id))
    return render_template("programmes/invitation.html", participant=participant, form=form), form_status(form)


def _claim(token, participant):
    """A signed-in member follows an invitation: one button takes it up (a GET changes nothing)."""
    form = ActionForm()
    if form.validate_on_submit():
        participant = enrolment.claim_invitation(token, current_user)
        db.session.commit()
        return redirect(url_for("programmes.application", programme_id=participant.programme_id))
    return render_template("programmes/invitation.html", participant=participant, form=form,
                           mine=participant.email == current_user.email)


def _locale():
    from flask_babel import get_locale

    return str(get_locale() or "fr")[:2]


@bp.route("/<int:programme_id>/matching")
@login_required
def matching(programme_id):
    """The pairs of the last matching run, the three methods side by side, the unmatched."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _matching_page(programme, SwapForm(formdata=None), 200)


def _matching_page(programme, swap, status):
    view = pairing.matching_view(programme)
    swap.first.choices = swap.second.choices = [
        (p.id, f"{p.mentor.name} → {p.mentee.name}") for p in view["pairs"] if p.exchange_id is None]
    if len(swap.first.choices) > 1 and swap.second.data is None:
        swap.second.data = swap.first.choices[1][0]  # two different pairs to start with
    return render_template("programmes/matching.html", programme=programme, view=view, swap=swap,
                           form=ActionForm(formdata=None), circles=programme_circle_figures(programme)), status


@bp.post("/<int:programme_id>/matching/run")
@login_required
def run_matching(programme_id):
    """Compute the optimal assignment again, around the locked pairs."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _act(programme, lambda: pairing.run_matching(programme, current_user) and _("Matching done."),
                "programmes.matching")


@bp.post("/<int:programme_id>/pairs/<int:pair_id>/<any(lock, unlock, forbid):action>")
@login_required
def pair_action(programme_id, pair_id, action):
    """Lock a pair, release it, or forbid it."""
    programme = services.get_managed_programme(current_user, programme_id)

    def run():
        if action == "forbid":
            pairing.forbid_pair(programme, current_user, pair_id)
            return _("The pair is forbidden: run the matching again to pair them with others.")
        pairing.lock_pair(programme, current_user, pair_id, locked=action == "lock")
        return _("Pair locked.") if action == "lock" else _("Pair released.")
    return _act(programme, run, "programmes.matching")


@bp.post("/<int:programme_id>/swap")
@login_required
def swap(programme_id):
    """Swap the mentees of two pairs."""
    programme = services.get_managed_programme(current_user, programme_id)
    form = SwapForm()
    form.first.choices = form.second.choices = [(p.id, "") for p in programme.pairs if p.exchange_id is None]
    if not form.validate_on_submit():
        return _matching_page(programme, form, 422)
    try:
        pairing.swap_mentees(programme, current_user, form.first.data, form.second.data)
    except DomainError as error:
        db.session.rollback()
        form.first.errors = [*form.first.errors, error.message]
        return _matching_page(programme, form, error.status_code)
    db.session.commit()
    flash(_("Mentees swapped; both pairs are locked."), "success")
    return redirect(url_for("programmes.matching", programme_id=programme.id))


@bp.post("/<int:programme_id>/publish")
@login_required
def publish(programme_id):
    """Publish the pairs: exchanges created, both sides told, first meetings planned."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _act(programme, lambda: _("%(count)s exchanges created.",
                                     count=pairing.publish(programme, current_user)), "programmes.dashboard")


@bp.route("/<int:programme_id>/dashboard")
@login_required
def dashboard(programme_id):
    """The follow-up: statuses and aggregates only, at-risk pairs, exports."""
    programme = services.get_managed_programme(current_user, programme_id)
    return render_template("programmes/dashboard.html", programme=programme,
                           figures=followup.programme_figures(programme), form=ActionForm(formdata=None))


@bp.post("/<int:programme_id>/pairs/<int:pair_id>/remind")
@login_required
def remind_pair(programme_id, pair_id):
    """One click: remind both members of an at-risk pair."""
    programme = services.get_managed_programme(current_user, programme_id)
    return _act(programme, lambda: _("Both were reminded.") if followup.remind_pair(programme, current_user, pair_id)
                else _("Both were already reminded today."), "programmes.dashboard")


@bp.route("/<int:programme_id>/export/<any(pairs, figures):what>.<any(csv, xlsx):fmt>")
@login_required
def export(programme_id, what, fmt):
    """The pairs or the figures, as CSV or XLSX (statuses and aggregates only)."""
    programme = services.get_managed_programme(current_user, programme_id)
    name, mimetype, body = exports.export_file(programme, what, fmt)
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/managers")
@login_required
def grant_manager():
    """A manager makes another member a programme manager."""
    if not services.is_manager(current_user):
        raise NotFound(_("This page does not exist."))
    form = GrantManagerForm()
    status = 422
    if form.validate_on_submit():
        try:
            member = services.grant_manager(form.email.data, granted_by=current_user)
        except DomainError as error:
            db.session.rollback()
            form.email.errors = [*form.email.errors, error.message]
            status = error.status_code
        else:
            db.session.commit()
            flash(_("%(name)s is now a programme manager.", name=member.public_name), "success")
            return redirect(url_for("programmes.index"))
    return _index_page(form, status)


def _act(programme, action, endpoint="programmes.show"):
    """Run one manager action from a button: commit and come back, or say why not."""
    if not ActionForm().validate_on_submit():
        return render_template("errors/error.html", code=400, message=_("The form expired.")), 400
    try:
        message = action()
    except DomainError as error:
        db.session.rollback()
        return render_template("errors/error.html", code=error.status_code, message=error.message,
                               back=url_for(endpoint, programme_id=programme.id)), error.status_code
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, programme_id=programme.id))

