"""Browser fixtures: the app served on a free port, Debian's Chromium, screenshots."""

import os
import threading

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.extensions import db

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def live_server(database_url):
    app = create_app({"TESTING": False, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url})
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


@pytest.fixture
def browser():
    assert os.path.exists(CHROMIUM), "Debian's chromium is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


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
