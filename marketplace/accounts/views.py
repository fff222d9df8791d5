"""Account pages: sign-up, login, logout, profiles, the member directory."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from ..skills import matching
from ..web import form_status, safe_next
from . import services
from .forms import LANGUAGE_LABELS, SENIORITY_CHOICES, LanguageForm, LoginForm, ProfileForm, SignupForm
from .models import User
from .queries import member_directory

bp = Blueprint("accounts", __name__)


@bp.route("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("exchange.dashboard"))
    return render_template("accounts/landing.html")


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.register_member(
                form.email.data, form.password.data, form.display_name.data,
                locale=_current_locale(),
            )
        except services.AccountError as error:
            form.email.errors.append(error.message)
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome to Passerelle! Tell others about yourself."), "success")
            return redirect(url_for("accounts.edit_profile"))
    return render_template("accounts/signup.html", form=form), form_status(form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountError as error:
            form.password.errors.append(error.message)
            return render_template("accounts/login.html", form=form, next_url=next_url), error.status_code
        db.session.commit()  # the failure is recorded too
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(next_url or url_for("accounts.home"))
        form.password.errors.append(_("Wrong email or password."))
    return render_template("accounts/login.html", form=form, next_url=next_url), form_status(form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.post("/language")
def switch_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            services.update_profile(current_user, locale=form.locale.data)
            db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("accounts.home"))


@bp.route("/profile")
@login_required
def my_profile():
    return render_template("accounts/profile.html", member=current_user, own=True)


@bp.route("/profile/edit", methods=["GET", "POST"])
@login_required
def edit_profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        try:
            services.update_profile(current_user, **form.profile())
        except services.AccountError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.my_profile"))
    return render_template("accounts/edit_profile.html", form=form), form_status(form)


@bp.route("/members")
@login_required
def members():
    text = request.args.get("q", "", type=str)[:200]
    page = db.paginate(
        member_directory(text), per_page=current_app.config["MEMBERS_PER_PAGE"], error_out=False
    )
    by_meaning = matching.search_offers(text, exclude_member_id=current_user.id, limit=10) if text else []
    return render_template("accounts/members.html", page=page, q=text, by_meaning=by_meaning)


@bp.route("/members/<int:member_id>")
@login_required
def member_profile(member_id):
    member = db.session.get(User, member_id) or abort(404)
    if member.id == current_user.id:
        return redirect(url_for("accounts.my_profile"))
    why = matching.match_between(current_user, member)
    return render_template("accounts/profile.html", member=member, own=False, why=why)



def _current_locale():
    from flask_babel import get_locale

    return str(get_locale() or "en")


@bp.app_template_filter("seniority_label")
def seniority_label(code):
    return dict(SENIORITY_CHOICES).get(code, code)


@bp.app_template_filter("language_label")
def language_label(code):
    return LANGUAGE_LABELS.get(code, code)
