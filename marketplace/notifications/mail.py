"""Pluggable email senders: SMTP when configured, the application log otherwise."""

import smtplib
import unicodedata
from email.message import EmailMessage

from flask import current_app


def one_line(value):
    """A header value on one line: control characters and line breaks become single spaces,
    so a display name with CR LF can neither add headers nor make the email unsendable."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in str(value)).split())


class LogSender:
    """Writes each email to the log (the default: nothing leaves the machine)."""

    def send(self, to, subject, body):
        current_app.logger.info("email to %s: %s\n%s", one_line(to), one_line(subject), body)


class SmtpSender:
    def __init__(self, config):
        self.host = config["MAIL_SMTP_HOST"]
        self.port = int(config.get("MAIL_SMTP_PORT", 587))
        self.username = config.get("MAIL_SMTP_USERNAME")
        self.password = config.get("MAIL_SMTP_PASSWORD")
        self.sender = config.get("MAIL_FROM", "passerelle@localhost")
        self.starttls = config.get("MAIL_SMTP_STARTTLS", True)

    def send(self, to, subject, body):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, one_line(to), one_line(subject)
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def get_sender():
    """The configured sender, created once per app."""
    sender = current_app.extensions.get("mail_sender")
    if sender is None:
        config = current_app.config
        sender = SmtpSender(config) if config.get("MAIL_SMTP_HOST") else LogSender()
        current_app.extensions["mail_sender"] = sender
    return sender
