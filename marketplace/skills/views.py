"""Skill pages: add, edit and delete my offers and needs."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..circles.pages import my_circle
from ..exchange.cohorts import cohorts_for
from ..exchange.forms import ActionForm
from ..extensions import db
from ..web import field_errors, form_status, page_arg, safe_next
from . import matching, services
from .calibration import BANDS
from .ranking import shown_percent
from .forms import FORMAT_CHOICES, DismissMatchForm, MatchFilterForm, SkillForm

bp = Blueprint("skills", __name__)


@bp.route("/skills/new/<direction>", methods=["GET", "POST"])
@login_required
def new_skill(direction):
    """Add an offer or a need; one close to a skill of mine comes back to be confirmed."""
    if direction not in ("offer", "learn"):
        abort(404)
    form = SkillForm()
    similar = None
    if form.validate_on_submit():
        try:
            services.add_skill(current_user, direction, **form.skill())
        except services.SimilarSkill as error:
            db.session.rollback()
            similar = error
        except services.SkillError as error:
            db.session.rollback()
            form.title.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Skill added."), "success")
            return redirect(url_for("accounts.my_profile"))
    return _skill_page(form, direction, None, similar)


@bp.route("/skills/<int:skill_id>/edit", methods=["GET", "POST"])
@login_required
def edit_skill(skill_id):
    """Change one of my skills; a new title close to another of mine is confirmed first."""
    skill = services.own_skill(current_user, skill_id)
    form = SkillForm(obj=skill)
    similar = None
    if form.validate_on_submit():
        try:
            services.update_skill(skill, current_user, **form.skill())
        except services.SimilarSkill as error:
            db.session.rollback()
            similar = error
        except services.SkillError as error:
            db.session.rollback()
            form.title.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Skill saved."), "success")
            return redirect(url_for("accounts.my_profile"))
    return _skill_page(form, skill.direction, skill, similar)


def _skill_page(form, direction, skill, similar):
    """The skill form; 422 when refused or held back for confirmation (nothing saved)."""
    page = render_template("skills/edit.html", form=form, direction=direction, skill=skill, similar=similar)
    return page, 422 if similar else form_status(form)


@bp.post("/skills/<int:skill_id>/delete")
@login_required
def delete_skill(skill_id):
    """Remove one of my skills."""
    skill = services.own_skill(current_user, skill_id)
    services.delete_skill(skill, current_user)
    db.session.commit()
    flash(_("Skill removed."), "info")
    return redirect(url_for("accounts.my_profile"))


@bp.route("/matches")
@login_required
def matches():
    """My matches, one card per person, filtered and paged: who can teach me (view=learn)
    or who could learn from me (view=offer)."""
    return _matches_page(MatchFilterForm(request.args), page_arg())


@bp.post("/matches/dismiss")
@login_required
def dismiss_match():
    """Mark a pair of my skill and someone else's as not relevant: it leaves my matches."""
    form = DismissMatchForm()
    if not form.validate_on_submit():
        flash(_("Please check the form: %(errors)s", errors=field_errors(form)), "error")
        return _matches_page(MatchFilterForm(), 1, status=422)
    matching.dismiss_pair(current_user, form.mine.data, form.theirs.data)
    db.session.commit()
    flash(_("Marked as not relevant: it will not be suggested again."), "info")
    return redirect(safe_next(form.next.data) or url_for("skills.matches"))


def _matches_page(form, page, status=200):
    """The matches page for a filter form (400 when the filters are not valid)."""
    if not form.validate():
        return render_template("skills/matches.html", form=form, results=matching.MatchPage(), invalid=True), 400
    results = matching.suggestions_for(current_user, form.filters(), direction=form.view.data, page=page)
    groups = cohorts_for(current_user, limit=3) if form.view.data == "learn" and page == 1 else []
    query_args = {name: value for name, value in form.data.items() if value}
    return render_template("skills/matches.html", form=form, results=results, invalid=False, groups=groups,
                           query_args=query_args, circle=my_circle(current_user) if page == 1 else None,
                           action_form=ActionForm(formdata=None)), status


@bp.app_template_filter("format_label")
def format_label(code):
    """A format code ("one_to_one", "group") in the reader's language."""
    return dict(FORMAT_CHOICES).get(code, code)


@bp.app_template_filter("closeness")
def closeness(similarity):
    """A relevance probability as the percentage shown to members."""
    return shown_percent(similarity)


@bp.app_template_filter("band_label")
def band_label(band):
    """A match band ("strong", "good", "worth_a_look") in the reader's language."""
    return {BANDS[0]: _("Strong match"), BANDS[1]: _("Good match"), BANDS[2]: _("Worth a look")}.get(band, "")

