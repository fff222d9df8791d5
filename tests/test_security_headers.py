"""Security headers, Secure cookies in production, trusted hosts, body size, private caching."""

import pathlib
import re
from datetime import timedelta

import pytest

from marketplace import create_app
from marketplace.accounts.models import utcnow
from marketplace.exchange import meetings, services
from marketplace.extensions import db
from marketplace.security import CONTENT_SECURITY_POLICY
from marketplace.skills import services as skills
from tests.conftest import running_app


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MATCHING_ENCODER": "hashing"}


def _csp(response):
    return dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))


@pytest.mark.parametrize("path", ["/", "/login", "/static/css/app.css", "/nowhere"])
def test_public_responses_carry_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed from an open file
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    csp = _csp(response)
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    # Development serves plain HTTP: no HSTS, no Secure cookies.
    assert "Strict-Transport-Security" not in response.headers


def test_public_pages_may_be_cached_but_private_pages_are_not(client, auth, make_user):
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    make_user(email="lea@example.org")
    auth.login("lea@example.org")
    for path in ("/dashboard", "/profile", "/members", "/notifications", "/nowhere"):
        response = client.get(path)
        assert "no-store" in response.headers["Cache-Control"], path
        assert response.headers["X-Frame-Options"] == "DENY"
    with client.get("/static/css/app.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_the_calendar_feed_is_never_stored(client, make_user):
    user = make_user(email="lea@example.org")
    response = client.get(f"/calendar/{user.calendar_token}.ics")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_no_template_carries_inline_script(app):
    """The CSP forbids inline script: behaviour lives in static/js/app.js."""
    templates = pathlib.Path(app.root_path).parent / "templates"
    for template in templates.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert "javascript:" not in text, template
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY


def test_the_script_is_served_from_the_site(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<script src="/static/js/app.js" defer></script>' in page
    with client.get("/static/js/app.js") as script:
        assert script.status_code == 200 and "data-autosubmit" in script.get_data(as_text=True)


def test_a_body_over_the_limit_gets_413(client):
    response = client.post("/login", data={"email": "lea@example.org", "password": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_development_builds_the_feed_address_on_the_request(client, auth, make_user):
    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    page = client.get("/dashboard").get_data(as_text=True)
    assert f"http://localhost/calendar/{user.calendar_token}.ics" in page


@pytest.fixture
def public_app(app_config):
    """The app as deployed behind https://passerelle.example.org."""
    with running_app({**app_config, "PRODUCTION": True, "PUBLIC_URL": "https://passerelle.example.org"}) as app:
        yield app


def test_production_sets_hsts_and_secure_cookies(public_app, make_user):
    make_user(email="lea@example.org")
    client = public_app.test_client()
    base = "https://passerelle.example.org"
    response = client.post(f"{base}/login", data={"email": "lea@example.org", "password": "correct horse battery",
                                                  "remember": "y"})
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("; Secure" in cookie and "HttpOnly" in cookie for cookie in cookies)
    assert {cookie.split("=", 1)[0] for cookie in cookies} >= {"session", "remember_token"}


def test_production_refuses_a_forged_host_and_builds_links_on_the_public_url(public_app, make_user):
    user = make_user(email="lea@example.org")
    client = public_app.test_client()
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get(f"/calendar/{user.calendar_token}.ics", headers={"Host": "evil.example"}).status_code == 400
    client.post("https://passerelle.example.org/login",
                data={"email": "lea@example.org", "password": "correct horse battery"})
    page = client.get("https://passerelle.example.org/dashboard").get_data(as_text=True)
    assert f"https://passerelle.example.org/calendar/{user.calendar_token}.ics" in page


def test_calendar_uids_never_echo_the_host_header(client, make_user):
    """In development any Host is served, but it never reaches the calendar's UIDs."""
    lea, marc = make_user(email="lea@example.org"), make_user(email="marc@example.org")
    offer = skills.add_skill(lea, "offer", "TikTok for brands")
    exchange = services.propose_exchange(marc, lea, their_offer=offer, objectives=["Publish a video"])
    services.accept_exchange(exchange, lea)
    meetings.schedule_meeting(exchange, lea, (utcnow() + timedelta(days=2)).replace(microsecond=0))
    db.session.commit()
    body = client.get(f"/calendar/{lea.calendar_token}.ics", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "UID:meeting-" in body and "evil.example" not in body


def test_production_without_a_public_address_refuses_to_start(app_config):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app({**app_config, "PRODUCTION": True})
