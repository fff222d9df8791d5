"""Privacy pages: download my data, delete my account."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from ..extensions import db, limiter
from ..ratelimit import configured, signed_in_member
from ..web import MarketplaceForm, form_status
from . import privacy
from .models import utcnow
from .services import AccountError

bp = Blueprint("privacy", __name__)


class DeleteAccountForm(MarketplaceForm):
    password = PasswordField(_l("Your password, to confirm"), validators=[DataRequired(), Length(max=200)])


@bp.post("/profile/export")
@login_required
def export():
    """Download everything stored about me as a JSON file.

    A POST (with the CSRF token every POST carries): private data is never fetched by a
    prefetcher, a cross-site link or a shared history; it changes nothing.
    """
    body = json.dumps(privacy.export_member_data(current_user), ensure_ascii=False, indent=2)
    filename = f"passerelle-my-data-{utcnow():%Y-%m-%d}.json"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.route("/profile/delete", methods=["GET", "POST"])
@login_required
# The password is checked here too: a borrowed session cannot guess it at leisure.
@limiter.limit(configured("PASSWORD_CHANGE_LIMIT_PER_MEMBER"), methods=["POST"], scope="account-delete",
               key_func=signed_in_member)
def delete():
    """Confirm with my password, then erase my account and sign me out."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            privacy.delete_account(current_user, form.password.data)
        except AccountError as error:
            db.session.rollback()
            form.password.errors.append(error.message)
            return render_template("accounts/privacy_delete.html", form=form), error.status_code
        db.session.commit()
        logout_user()
        flash(_("Your account and your personal data are deleted. Thank you for taking part."), "info")
        return redirect(url_for("accounts.home"))
    return render_template("accounts/privacy_delete.html", form=form), form_status(form)
