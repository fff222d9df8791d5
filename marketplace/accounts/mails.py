"""E-mails of the account flows, written in the reader's language, queued and sent after the commit."""

from typing import NamedTuple

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from ..notifications.outbox import queue_mail
from ..security import external_url
from . import tokens


class Mail(NamedTuple):
    to: str
    subject: str
    body: str


def queue(mail):
    """Queue a mail in the current transaction: it is sent once the caller commits."""
    queue_mail(mail.to, mail.subject, mail.body)


def signup_link(request):
    """The mail that lets the owner of a new address finish signing up."""
    link = external_url("accounts.confirm_signup", token=tokens.signup_token(**request))
    with force_locale(request["locale"]):
        return Mail(request["email"], _("Passerelle: finish creating your account"), "\n\n".join((
            _("Hello %(name)s,", name=request["display_name"]),
            _("To finish creating your Passerelle account, choose your password here:") + "\n" + link,
            _validity("SIGNUP_LINK_MAX_AGE"),
            _("If you did not ask to join Passerelle, ignore this message: no account is created."),
        )))


def account_exists(user):
    """The mail sent when someone signs up with an address that already has an account."""
    link = external_url("passwords.reset", token=tokens.reset_token(user))
    with force_locale(user.locale):
        return Mail(user.email, _("Passerelle: you already have an account"), "\n\n".join((
            _("Hello %(name)s,", name=user.display_name),
            _("Someone, maybe you, tried to create a Passerelle account with this address, which "
              "already has one. Sign in as usual or, if you forgot your password, choose a new one here:")
            + "\n" + link,
            _validity("PASSWORD_RESET_LINK_MAX_AGE"),
            _("If it was not you, ignore this message: nothing changed."),
        )))


def password_reset(user):
    """The mail with a single-use link to choose a new password."""
    link = external_url("passwords.reset", token=tokens.reset_token(user))
    with force_locale(user.locale):
        return Mail(user.email, _("Passerelle: choose a new password"), "\n\n".join((
            _("Hello %(name)s,", name=user.display_name),
            _("To choose a new Passerelle password, follow this link:") + "\n" + link,
            _validity("PASSWORD_RESET_LINK_MAX_AGE"),
            _("If you did not ask for it, ignore this message: your password stays as it is."),
        )))


def _validity(setting):
    hours = max(1, current_app.config[setting] // 3600)
    return ngettext("The link works once, for %(num)s hour.", "The link works once, for %(num)s hours.", hours)
