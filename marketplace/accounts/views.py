"""Account pages: sign-up, login, logout, profiles, the member directory."""

from flask import (
    Blueprint, abort, after_this_request, current_app, flash, redirect, render_template, request, session, url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db, limiter
from ..skills import matching, search
from ..web import form_status, page_arg, safe_next, text_arg
from ..ratelimit import configured, form_email_and_address
from . import mails, services, throttle
from .forms import (
    LANGUAGE_LABELS, SENIORITY_CHOICES, LanguageForm, LoginForm, NewPasswordForm, ProfileForm, SignupForm,
)
from .models import User
from .queries import member_directory

bp = Blueprint("accounts", __name__)


@bp.route("/")
def home():
    """The landing page for visitors; members go to their dashboard."""
    if current_user.is_authenticated:
        return redirect(url_for("exchange.dashboard"))
    return render_template("accounts/landing.html")


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(configured("SIGNUP_LIMIT_PER_IP"), methods=["POST"], scope="signup-ip")
def signup():
    """Ask for a sign-up link; the same "check your mail" page whether the address is known or not."""
    form = SignupForm()
    if form.validate_on_submit():
        try:
            mail = services.request_signup(**form.signup(), locale=_current_locale())
        except services.AccountError as error:  # a profile value the form let through
            form.display_name.errors.append(error.message)
        else:
            if mail is not None:
                mails.queue(mail)
            db.session.commit()
            return render_template("accounts/check_mail.html", email=form.email.data.strip())
    return render_template("accounts/signup.html", form=form), form_status(form)


@bp.route("/signup/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(configured("SIGNUP_LIMIT_PER_IP"), methods=["POST"], scope="signup-confirm-ip")
def confirm_signup(token):
    """Finish a sign-up from the e-mailed link: choose a password, then be signed in."""
    try:
        services.pending_signup(token)
    except services.AccountError as error:
        flash(error.message, "error")
        return redirect(url_for("accounts.login" if error.status_code == 409 else "accounts.signup"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.complete_signup(token, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            if error.status_code == 409:
                flash(error.message, "error")
                return redirect(url_for("accounts.login"))
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            sign_in(user, remember=False)
            flash(_("Welcome to Passerelle! Tell others about yourself."), "success")
            return redirect(url_for("accounts.edit_profile"))
    return render_template("accounts/confirm_signup.html", form=form), form_status(form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("LOGIN_LIMIT_PER_IP"), methods=["POST"], scope="login-ip")
@limiter.limit(configured("LOGIN_LIMIT_PER_ACCOUNT_AND_IP"), methods=["POST"], scope="login-account-ip",
               key_func=form_email_and_address)
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data,
                                         known_device=request.cookies.get(throttle.DEVICE_COOKIE))
        except services.AccountError as error:
            form.password.errors.append(error.message)
            return render_template("accounts/login.html", form=form, next_url=next_url), error.status_code
        db.session.commit()  # a rehashed password
        if user is not None:
            sign_in(user, remember=form.remember.data)
            return redirect(next_url or url_for("accounts.home"))
        form.password.errors.append(_("Wrong email or password."))
    return render_template("accounts/login.html", form=form, next_url=next_url), form_status(form)


@bp.post("/logout")
def logout():
    """Sign this browser out; its session and remember-me cookies stop working wherever
    they were copied (other devices stay signed in: see "sign out of every device")."""
    if current_user.is_authenticated:
        services.end_session(current_user)
        db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


def sign_in(user, remember):
    """Open a session for the member in this browser and mark the browser as one they use
    (spared the account slow-down)."""
    services.start_session(user)
    db.session.commit()
    login_user(user, remember=remember)

    @after_this_request
    def mark_device(response):
        response.set_cookie(throttle.DEVICE_COOKIE, throttle.known_device_token(user.email),
                            max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
        return response


@bp.post("/language")
def switch_language():
    """Change the interface language, and save it for a signed-in member."""
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
    """The signed-in member's own profile, with their account settings."""
    return render_template("accounts/profile.html", member=current_user, own=True)


@bp.route("/profile/edit", methods=["GET", "POST"])
@login_required
def edit_profile():
    """Edit one's own profile."""
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
    """The member directory; with a search, one list of members found by name, by the words
    of their offers and by meaning (skills/search.py)."""
    text = text_arg("q", 200)
    if text:
        hits, total, pages = search.search_page(text, current_user.id, page_arg())
        return render_template("accounts/members.html", q=text, hits=hits, total=total, pages=pages,
                               page_number=page_arg())
    page = db.paginate(member_directory(), page=page_arg(),
                       per_page=current_app.config["MEMBERS_PER_PAGE"], error_out=False)
    return render_template("accounts/members.html", page=page, q="")


@bp.route("/members/<int:member_id>")
@login_required
def member_profile(member_id):
    """Another member's public profile and why the two of you match."""
    member = db.session.get(User, member_id) or abort(404)
    if member.deleted_at is not None:
        abort(404)
    if member.id == current_user.id:
        return redirect(url_for("accounts.my_profile"))
    why = matching.match_between(current_user, member)
    return render_template("accounts/profile.html", member=member, own=False, why=why)



def _current_locale():
    from flask_babel import get_locale

    return str(get_locale() or "en")


@bp.app_template_filter("seniority_label")
def seniority_label(code):
    """The translated label of a seniority code."""
    return dict(SENIORITY_CHOICES).get(code, code)


@bp.app_template_filter("language_label")
def language_label(code):
    """The translated name of a spoken language code."""
    return LANGUAGE_LABELS.get(code, code)
