"""Exchange pages."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

bp = Blueprint("exchange", __name__)


@bp.route("/dashboard")
@login_required
def dashboard():
    return render_template("exchange/dashboard.html", member=current_user)
