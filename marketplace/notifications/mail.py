"""Pluggable email senders: SMTP when configured, the application log otherwise.

Nothing calls a sender inside a request: mails are queued and delivered after the commit
(notifications/outbox.py). A sender's `send` raises when the mail did not leave."""

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

    def send(self, to, subject, body, message_id=None):
        """Log the mail at INFO (the app logs INFO to stderr: `make run` and gunicorn show it)."""
        current_app.logger.info("email to %s: %s [%s]\n%s", one_line(to), one_line(subject), message_id, body)


class SmtpSender:
    """Sends each email through the SMTP server of the MAIL_SMTP_* settings."""

    def __init__(self, config):
        self.host = config["MAIL_SMTP_HOST"]
        self.port = int(config.get("MAIL_SMTP_PORT", 587))
        self.username = config.get("MAIL_SMTP_USERNAME")
        self.password = config.get("MAIL_SMTP_PASSWORD")
        self.sender = sender_address(config)
        self.starttls = config.get("MAIL_SMTP_STARTTLS", True)

    def send(self, to, subject, body, message_id=None):
        """Hand the mail to the server; raises (OSError, smtplib.SMTPException) when it is not taken."""
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, one_line(to), one_line(subject)
        if message_id:
            message["Message-ID"] = message_id
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def sender_address(config):
    """The From address of every mail (MAIL_FROM)."""
    return config.get("MAIL_FROM", "passerelle@localhost")


def get_sender():
    """The configured sender, created once per app."""
    sender = current_app.extensions.get("mail_sender")
    if sender is None:
        config = current_app.config
        sender = SmtpSender(config) if config.get("MAIL_SMTP_HOST") else LogSender()
        current_app.extensions["mail_sender"] = sender
    return sender
