"""Password pages: change it, reset it by e-mail, and sign out of every device."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..extensions import db, limiter
from ..ratelimit import configured, form_email, signed_in_member
from ..web import form_status
from . import access_tokens, mails, services
from .forms import ChangePasswordForm, NewPasswordForm, ResetRequestForm, SignOutEverywhereForm
from .views import sign_in

bp = Blueprint("passwords", __name__)


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(configured("PASSWORD_CHANGE_LIMIT_PER_MEMBER"), methods=["POST"], scope="password-change",
               key_func=signed_in_member)
def change():
    """Change the password, knowing the current one; other devices are signed out."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = services.change_password(current_user._get_current_object(), form.current.data,
                                            form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            field = form.current if isinstance(error, services.WrongPassword) else form.password
            field.errors.append(error.message)
        else:
            db.session.commit()
            sign_in(user, remember=False)
            flash(_("Your password is changed. Your other devices are signed out."), "success")
            return redirect(url_for("accounts.my_profile"))
    return render_template("accounts/password_change.html", form=form), form_status(form)


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit(configured("PASSWORD_RESET_LIMIT_PER_IP"), methods=["POST"], scope="reset-ip")
@limiter.limit(configured("PASSWORD_RESET_LIMIT_PER_EMAIL"), methods=["POST"], scope="reset-email",
               key_func=form_email)
def request_reset():
    """Ask for a reset link; the same answer whether the address has an account or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        mail = services.request_password_reset(form.email.data)
        if mail is not None:
            mails.queue(mail)
            db.session.commit()
        return render_template("accounts/check_mail.html", email=form.email.data.strip(), reset=True)
    return render_template("accounts/password_reset_request.html", form=form), form_status(form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token):
    """Choose a new password from an e-mailed link; every session ends and this one begins."""
    try:
        services.member_for_reset(token)
    except services.AccountError as error:
        flash(error.message, "error")
        return redirect(url_for("passwords.request_reset"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            sign_in(user, remember=False)
            flash(_("Your new password is set. You are signed in; other devices are signed out."), "success")
            return redirect(url_for("accounts.home"))
    return render_template("accounts/password_reset.html", form=form), form_status(form)


@bp.post("/signout-everywhere")
@login_required
def sign_out_everywhere():
    """End every session of the member, this one included, and every remember-me cookie
    (CSRFProtect checks the form's token, as for logout); their API tokens too, if asked."""
    services.end_sessions(current_user)
    if SignOutEverywhereForm().tokens.data:
        access_tokens.revoke_all(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are signed out of every device."), "info")
    return redirect(url_for("accounts.login"))
