"""Browser fixtures: the app served on a free port, Debian's Chromium, screenshots.

Every page a test visits is audited with axe-core (see accessibility.py) on the SQLite pass; a
test whose pages break an accessibility rule fails at teardown with the list of violations.
"""

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from flask_babel import force_locale, gettext
from playwright.sync_api import expect, sync_playwright

from marketplace import create_app
from marketplace.extensions import db
from tests.browser.accessibility import AccessibilityAudit, AuditedBrowser
from tests.conftest import BACKEND, encoder_for
from tests.servers import serving

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
    with serving(app) as base:
        yield base


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


def screenshot_taker(tmp_path, copies_name=None):
    """shoot(page, name): a numbered full-page screenshot in the test's folder, and also in
    $SCREENSHOTS_DIR/<copies_name> when both are set."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    copies = None
    if copies_name and os.environ.get("SCREENSHOTS_DIR"):
        copies = Path(os.environ["SCREENSHOTS_DIR"]) / copies_name
        copies.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots: {folder}" + (f" and {copies}" if copies else ""))
    counter = itertools.count(1)

    def shoot(page, name):
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if copies is not None:
            shutil.copy(path, copies / path.name)

    return shoot


@pytest.fixture
def shots(tmp_path):
    """shots(page, name): numbered full-page screenshots in the test's folder."""
    return screenshot_taker(tmp_path)


class Wording:
    """The interface's words in a run's language, from the app's catalogue. On a run in another
    language than English, a word the compiled catalogue has no translation for is noted (a
    word may rightly read the same in both languages: "Mentor")."""

    def __init__(self, app, locale):
        self.app, self.locale = app, locale
        self.untranslated = []
        self.catalogue = None
        if locale != "en":
            with open(Path(app.root_path) / "translations" / locale / "LC_MESSAGES" / "messages.mo", "rb") as mo:
                self.catalogue = read_mo(mo)

    def __call__(self, text, **values):
        with self.app.test_request_context(), force_locale(self.locale):
            said = gettext(text, **values)
        message = self.catalogue.get(text) if self.catalogue is not None else None
        if self.catalogue is not None and not (message and message.string) and text not in self.untranslated:
            self.untranslated.append(text)
        return said


def sign_up(page, base, name, email, shots, locale="en", password="a long enough password"):
    """Sign up through the pages (the link comes by mail) and choose the interface language;
    the member stays signed in, on their profile."""
    page.goto(f"{base}/signup")
    page.fill("#display_name", name)
    page.fill("#email", email)
    page.select_option("#seniority", "mid")
    page.click("main form button[type=submit]")
    expect(page.locator("main h1")).to_have_text(re.compile("Check your mail|Consultez vos e-mails"))
    page.goto(MAILBOX.link(email, "/signup/confirm/"))
    page.fill("#password", password)
    page.fill("#confirm", password)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/profile/edit")
    page.select_option("#locale", locale)
    page.click("button:has-text('Save'), button:has-text('Enregistrer')")
    expect(page.locator("html")).to_have_attribute("lang", locale)
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
