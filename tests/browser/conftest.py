"""Browser fixtures: the app served on a free port, Debian's Chromium, screenshots.

Every page a test visits is audited with axe-core (see accessibility.py) on the SQLite pass; a
test whose pages break an accessibility rule fails at teardown with the list of violations.
"""

import os
import re
import threading

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.extensions import db
from tests.browser.accessibility import AccessibilityAudit, AuditedBrowser
from tests.conftest import BACKEND, encoder_for

CHROMIUM = "/usr/bin/chromium"


class Mailbox(list):
    """The mails the live server sends (sign-up links), newest last."""

    def send(self, to, subject, body):
        self.append((to, body))

    def link(self, to, path):
        body = next(body for address, body in reversed(self) if address == to)
        return re.search(r"https?://\S+" + re.escape(path) + r"\S+", body).group(0)


MAILBOX = Mailbox()


@pytest.fixture
def live_server(request, database_url):
    """The app served on a free port; the hashing encoder unless the test is marked real_model."""
    app = create_app({"TESTING": False, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url,
                      "MATCHING_ENCODER": encoder_for(request.node),
                      "MAIL_DELIVERY": "inline"})  # the mail is in MAILBOX when the page answers
    app.extensions["mail_sender"] = MAILBOX
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note whether the test body failed, for the browser fixture's teardown."""
    report = yield
    if report.when == "call":
        item.body_failed = report.failed
    return report


@pytest.fixture
def browser(request):
    """Debian's Chromium; each context it opens has its pages audited by axe-core. The pages
    are the same templates whatever the database, so only the SQLite pass audits them."""
    assert os.path.exists(CHROMIUM), "Debian's chromium is needed: apt-get install chromium"
    audit = AccessibilityAudit()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        if BACKEND == "postgresql":
            yield chromium
            chromium.close()
            return
        yield AuditedBrowser(chromium, audit)
        if not getattr(request.node, "body_failed", False):  # a page stuck mid-navigation would hang it
            audit.audit_open_pages()
        chromium.close()
    print(f"\naxe-core audited {audit.pages_audited} page(s)")
    if audit.failed:
        pytest.fail(audit.report(), pytrace=False)


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    print(f"\nScreenshots: {folder}")
    counter = iter(range(1, 100))
    return lambda page, name: page.screenshot(path=str(folder / f"{next(counter):02d}-{name}.png"), full_page=True)


def sign_up(page, base, name, email, shots):
    page.goto(f"{base}/signup")
    page.fill("#display_name", name)
    page.fill("#email", email)
    page.select_option("#seniority", "mid")
    page.click("main form button[type=submit]")
    expect(page.locator("main h1")).to_have_text(re.compile("Check your mail|Consultez vos e-mails"))
    page.goto(MAILBOX.link(email, "/signup/confirm/"))
    page.fill("#password", "a long enough password")
    page.fill("#confirm", "a long enough password")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/profile/edit")
    page.select_option("#locale", "en")
    page.click("button:has-text('Save'), button:has-text('Enregistrer')")
    shots(page, f"profile-{name}")


def add_skill(page, base, direction, title):
    page.goto(f"{base}/skills/new/{direction}")
    page.fill("#title", title)
    page.click("main form button[type=submit]")
    expect(page.locator("body")).to_contain_text(title)


def sign_in(page, base, email, password):
    """Sign in through the form; the member lands on a page other than the sign-in page."""
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    expect(page).not_to_have_url(re.compile("/login"))
