"""Account fixtures: the mails the app sends, and helpers to sign up and copy a browser."""

import re

import pytest


class Outbox(list):
    """A mail sender that keeps what it is given."""

    def send(self, to, subject, body):
        self.append({"to": to, "subject": subject, "body": body})

    def link(self, to, path):
        """The path of the last link under `path` mailed to `to`."""
        for mail in reversed(self):
            if mail["to"] == to:
                match = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\S+)", mail["body"])
                if match:
                    return match.group(1)
        raise AssertionError(f"no {path} link mailed to {to}")


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MATCHING_ENCODER": "hashing"}


@pytest.fixture
def outbox(app):
    box = Outbox()
    app.extensions["mail_sender"] = box
    return box


def copy_browser(app, client):
    """A second client holding the same cookies, as if they had been copied to another machine."""
    other = app.test_client()
    for name in ("session", "remember_token"):
        cookie = client.get_cookie(name)
        if cookie is not None:
            other.set_cookie(name, cookie.value)
    return other
