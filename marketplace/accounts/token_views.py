"""The member's personal access tokens for the JSON API: create (the secret shown once), list, revoke."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import DomainError
from ..extensions import db
from ..web import MarketplaceForm, form_status
from . import access_tokens
from .forms import TOKEN_SCOPE_LABELS, TokenForm

bp = Blueprint("tokens", __name__, url_prefix="/profile/tokens")


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    """My tokens, and a form for a new one; after creating it, its secret, shown this once."""
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            _, secret = access_tokens.create_token(current_user, form.name.data, form.scope.data)
        except DomainError as error:
            db.session.rollback()
            form.name.errors = [*form.name.errors, error.message]
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
    response = render_template("accounts/tokens.html", form=form, secret=secret,
                               tokens=access_tokens.tokens_of(current_user), scopes=TOKEN_SCOPE_LABELS,
                               revoke_form=MarketplaceForm(formdata=None))
    return response, form_status(form)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id):
    """Revoke one of my tokens: requests that carry it are refused from now on."""
    if not MarketplaceForm().validate_on_submit():
        return render_template("errors/error.html", code=400, message=_("The form expired.")), 400
    access_tokens.revoke_token(current_user, token_id)
    db.session.commit()
    flash(_("Token revoked."), "success")
    return redirect(url_for("tokens.index"))
