"""CSRF, malformed input (huge ids, control characters), configuration secrets, SQLite settings."""

import re

import pytest
import sqlalchemy as sa
from wtforms.form import BaseForm

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.notifications import mail
from marketplace.notifications.services import notify
from marketplace.web import MAX_ID, MarketplaceForm, QueryForm
from tests.conftest import PASSWORD, csrf_token

CONTROL_MESSAGE = "Remove the invisible control characters from this text."


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True, "MATCHING_ENCODER": "hashing", "RATELIMIT_ENABLED": False}


def sign_in(client, email):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return csrf_token(client.get("/profile/edit").get_data(as_text=True))


def test_post_without_csrf_token_is_refused(client, make_user):
    make_user(email="lea@example.org")
    response = client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/profile").status_code == 302


def test_post_with_csrf_token_is_accepted(client, make_user):
    make_user(email="lea@example.org")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "lea@example.org", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


def test_logout_and_skill_changes_need_the_token(client, make_user, make_skill):
    user = make_user(email="lea@example.org")
    skill = make_skill(user, "offer", "Excel")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post(f"/skills/{skill.id}/delete").status_code == 400
    assert client.post("/logout").status_code == 400
    assert db.session.get(type(skill), skill.id) is not None


@pytest.mark.parametrize("path,data", [
    ("/signup", {"email": ["a", "b"], "password": "\x00" * 5}),
    ("/login", {"email": "x" * 10000, "password": "y"}),
    ("/profile/edit", {"languages": ["fr", "\x00"], "seniority": ["a", "b"]}),
    ("/skills/new/offer", {"level": "1e9999", "title": "\u202e\u0000"}),
    ("/skills/new/learn", {"level": "-1", "formats": "group"}),
    ("/language", {"locale": "xx", "next": "http://evil"}),
])
def test_malformed_input_never_gives_a_server_error(app_config, make_user, path, data):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    make_user(email="lea@example.org")
    client.post("/login", data={"email": "lea@example.org", "password": PASSWORD})
    response = client.post(path, data=data)
    assert response.status_code < 500
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/members/abc", "/members/99999999999999999999", "/skills/x/edit",
                                  "/nowhere", "/skills/-1/edit", "/members/0", "/members/2147483648",
                                  "/exchanges/9223372036854775808", "/cohorts/999999", "/skills/new/x",
                                  "/members/" + "1" * 5000])
def test_unknown_ids_are_404(client, make_user, path):
    make_user(email="lea@example.org")
    sign_in(client, "lea@example.org")
    assert client.get(path).status_code == 404


# Past what PostgreSQL's INTEGER holds, past SQLite's 64-bit integers, and far past both.
@pytest.mark.parametrize("huge", [MAX_ID + 1, 2**63 - 1, 2**63, 2**64, 10**30])
def test_ids_too_big_for_the_database_are_404_in_every_route(client, make_user, huge):
    make_user(email="lea@example.org")
    token = sign_in(client, "lea@example.org")
    requests = [(method, _sample_path(rule.rule, huge)) for rule in client.application.url_map.iter_rules()
                if "<int:" in rule.rule for method in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(requests) > 10
    answers = {(method, path): client.open(path, method=method, data={"csrf_token": token}).status_code
               for method, path in requests}
    assert {key: status for key, status in answers.items() if status != 404} == {}


def _sample_path(rule, huge):
    """The rule's path with every int argument set to huge and the others to a valid value."""
    path = re.sub(r"<int:\w+>", str(huge), rule)
    path = re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", path)
    return re.sub(r"<(?:\w+:)?\w+>", "offer", path)


@pytest.mark.parametrize("query,status", [
    ("/members?page=9223372036854775808", 400), ("/members?page=2147483648", 400), ("/members?page=0", 400),
    ("/members?page=-1", 400), ("/members?page=abc", 400), ("/members?page=%00", 400), ("/members?page=2", 200),
    ("/members?page=1&q=a%00b%1b", 200), ("/members?q=" + "x" * 100_000, 200),
    ("/members?page=" + "1" * 5000, 400),  # past the digits int() accepts from a string
    ("/exchanges/new?member=9223372036854775808", 404), ("/exchanges/new?member=2147483648", 404),
    ("/exchanges/new?member=abc", 404), ("/exchanges/new?member=", 404),
    ("/exchanges/new?member=" + "1" * 5000, 404),
    ("/exchanges/new?member={other}&their_offer=9223372036854775808&my_offer=-1", 200),
    ("/exchanges/new?member={other}&their_offer=%00&my_offer=2147483648", 200),
])
def test_integer_query_arguments_out_of_range_are_4xx(client, make_user, query, status):
    make_user(email="lea@example.org")
    other = make_user()
    sign_in(client, "lea@example.org")
    assert client.get(query.format(other=other.id)).status_code == status


@pytest.mark.parametrize("path", ["/skills/new/of%00fer", "/calendar/" + "a" * 40 + "%00.ics",
                                  "/calendar/" + "a" * 40 + "%0d%0a.ics", "/cohorts/1/enrolment/op%00en"])
def test_control_characters_in_a_path_match_no_route(client, make_user, path):
    make_user(email="lea@example.org")
    sign_in(client, "lea@example.org")
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


@pytest.mark.parametrize("email", ["lea@example.org\x00", "lea\x00@example.org", "\x1b[31mlea@example.org"])
def test_a_nul_in_the_sign_in_form_is_refused_with_a_field_message(client, make_user, email):
    make_user(email="lea@example.org")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    before = _rows()
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 422
    assert CONTROL_MESSAGE in response.get_data(as_text=True)
    assert _rows() == before


@pytest.mark.parametrize("field,value,saved", [
    ("display_name", "Eve\r\nBcc: everyone@example.org", False),
    ("display_name", "Eve\x00", False),
    ("display_name", "Eve\tTab", False),
    ("job_title", "Chief\x85Officer", False),  # NEL, a C1 control
    ("bio", "Line one\r\nLine two\tindented", True),  # a textarea keeps its line breaks and tabs
    ("bio", "Bell\x07", False),
    ("display_name", "Ève 🎉 👩\u200d💻", True),  # emoji (and their joiners) are text, not controls
    ("display_name", "Ève \u202egnp.exe", False),  # a bidi override would reorder the page around the name
    ("bio", "مرحبا \u2067Léa\u2069", True),  # multi-line text keeps isolates for mixed scripts
])
def test_text_fields_refuse_control_characters(client, make_user, field, value, saved):
    lea_id = make_user(email="lea@example.org", display_name="Léa").id
    token = sign_in(client, "lea@example.org")
    data = {"display_name": "Léa", "seniority": "mid", "timezone": "Europe/Paris", "locale": "en",
            "csrf_token": token, field: value}
    before = _rows()
    response = client.post("/profile/edit", data=data)
    if saved:
        assert response.status_code == 302
        assert getattr(db.session.get(User, lea_id), field) == value.strip()
    else:
        assert response.status_code == 422
        assert CONTROL_MESSAGE in response.get_data(as_text=True)
        assert _rows() == before


def test_every_form_of_the_application_refuses_control_characters(app):
    from marketplace.exchange.forms import evaluation_form

    with app.test_request_context():
        evaluation_form()  # built on demand: its class only exists once called
    forms = [cls for cls in _subclasses(BaseForm) if cls.__module__.startswith("marketplace.")]
    assert len(forms) > 10
    assert [f"{cls.__module__}.{cls.__name__}" for cls in forms
            if not issubclass(cls, (MarketplaceForm, QueryForm))] == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _rows():
    db.session.remove()
    with db.engine.connect() as connection:
        return {t.name: connection.execute(sa.select(t).order_by(*t.primary_key.columns)).all()
                for t in db.metadata.sorted_tables}


def test_a_display_name_with_line_breaks_cannot_add_email_headers(app, make_user, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SMTP_HOST", "smtp.example.org")
    app.extensions.pop("mail_sender", None)
    # Stored before names were checked, or through a path that does not check them.
    eve = make_user(display_name="Eve\r\nBcc: everyone@example.org\r\n\r\nFake body")
    lea = make_user(email="lea@example.org")
    notify(lea, "proposal_received", "proposal:1", actor=eve)
    db.session.commit()  # the mail leaves after the commit (notifications/outbox.py)
    (message,) = sent
    assert message["Bcc"] is None and message["To"] == "lea@example.org"
    assert "Eve Bcc: everyone@example.org Fake body" in message["Subject"]
    assert not set("\r\n") & set(message["Subject"])
    app.extensions.pop("mail_sender", None)


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    # A throwaway instance folder, so the developer's own key is untouched.
    a = _app_in(tmp_path)
    b = _app_in(tmp_path)
    assert a.config["SECRET_KEY"] and len(a.config["SECRET_KEY"]) >= 64
    assert a.config["SECRET_KEY"] == b.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert _app_in(tmp_path / "other").config["SECRET_KEY"] != a.config["SECRET_KEY"]


def _app_in(folder):
    from flask import Flask

    from marketplace import config

    app = Flask("marketplace", instance_path=str(folder), instance_relative_config=True)
    config.configure(app, {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    # The embedded default, whatever backend the rest of the suite runs on.
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.sqlite'}"})
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() >= 5000
        db.engine.dispose()


def test_environment_overrides_the_database_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("MARKETPLACE_DATABASE_URL", url)
    assert create_app({"SECRET_KEY": "x"}).config["SQLALCHEMY_DATABASE_URI"] == url
