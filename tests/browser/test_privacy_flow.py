"""A member's data rights in a real browser (Debian's Chromium driven by Playwright): Léa,
a new member, downloads her data (the JSON file is saved and read back), then deletes her
account; Marc keeps their exchange, where she now shows as a former member."""

import json
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.accounts.passwords import hash_password
from marketplace.extensions import db
from tests.browser.conftest import add_skill
from tests.browser.conftest import sign_in as browser_sign_in

PASSWORD = "a long enough password"


@pytest.fixture
def members(live_server, database_url):
    """Léa and Marc, who joined a moment ago (sign-up itself is another test's subject)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        for email, name, seniority in (("lea@example.org", "Léa", "junior"), ("marc@example.org", "Marc", "executive")):
            db.session.add(User(email=email, password_hash=hash_password(PASSWORD), display_name=name,
                                seniority=seniority, locale="en", timezone="Europe/Paris", languages=["fr", "en"]))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def sign_in(page, base, email):
    """Sign in through the form; the member lands on their dashboard."""
    browser_sign_in(page, base, email, PASSWORD)
    expect(page).to_have_url(f"{base}/dashboard")


def test_a_member_exports_her_data_then_deletes_her_account(live_server, members, browser, shots, tmp_path):
    base = live_server
    lea = browser.new_context(locale="en-GB", timezone_id="Europe/Paris", accept_downloads=True).new_page()
    marc = browser.new_context(locale="en-GB", timezone_id="Europe/Paris").new_page()
    refused = []  # what the Content-Security-Policy blocked: nothing, or a template broke the rule
    for page in (lea, marc):
        page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    sign_in(lea, base, "lea@example.org")
    add_skill(lea, base, "offer", "Short-form video on TikTok")
    sign_in(marc, base, "marc@example.org")

    # Marc finds Léa in the directory and proposes; she accepts, logs a meeting and two notes.
    marc.goto(f"{base}/members?q=L%C3%A9a")
    marc.click("a.member-name:has-text('Léa')")
    marc.click("text=Propose an exchange")
    marc.select_option("#their_offer", label="Short-form video on TikTok")
    marc.fill("#objectives", "Publish a first video")
    marc.click("button:has-text('Send the proposal')")
    expect(marc.locator("#exchange-status")).to_have_text("Proposed")
    exchange_url = marc.url
    lea.goto(exchange_url)
    lea.click("button:has-text('Accept')")
    expect(lea.locator("#exchange-status")).to_have_text("Active")
    # Choosing an objective's progress sends its form: static/js/app.js, no inline handler, which
    # listens once the page has loaded (a loaded machine showed the status before the script ran).
    lea.wait_for_load_state("load")
    lea.select_option("li.objective select[name=status]", "in_progress")
    expect(lea.locator("li.objective")).to_have_class(re.compile(r"\bin_progress\b"))
    lea.fill("#starts_at", (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    lea.click("button:has-text('Schedule')")
    expect(lea.locator("article.meeting")).to_have_count(1)
    for text, private in (("Marc learns fast", True), ("Next time: captions", False)):
        lea.fill("article.meeting textarea[name=text]", text)
        if private:
            lea.check("article.meeting input[name=private]")
        lea.click("button:has-text('Save the note')")
        expect(lea.locator("article.meeting")).to_contain_text(text)
    marc.goto(exchange_url)
    expect(marc.locator("article.meeting")).to_contain_text("Next time: captions")
    expect(marc.locator("article.meeting")).not_to_contain_text("Marc learns fast")

    # Léa downloads her data from her profile page.
    lea.goto(f"{base}/profile")
    expect(lea.locator("#my-data")).to_be_visible()
    shots(lea, "profile-my-data")
    with lea.expect_download() as download_info:
        lea.click("#export-data")
    download = download_info.value
    saved = tmp_path / "screenshots" / download.suggested_filename
    download.save_as(saved)
    assert saved.name.startswith("passerelle-my-data-") and saved.suffix == ".json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["profile"]["email"] == "lea@example.org" and data["profile"]["display_name"] == "Léa"
    assert [s["title"] for s in data["skills"]] == ["Short-form video on TikTok"]
    (exchange,) = data["exchanges"]
    assert exchange["with"] == ["Marc"] and exchange["status"] == "active"
    assert {n["text"] for n in exchange["meetings"][0]["notes"]} == {"Marc learns fast", "Next time: captions"}

    # A wrong password changes nothing; the right one deletes the account and signs her out.
    lea.click("#delete-account")
    expect(lea.locator("h1")).to_have_text("Delete my account")
    shots(lea, "delete-confirm")
    lea.fill("#password", "not my password")
    lea.click("#confirm-delete")
    expect(lea.locator(".field .error")).to_contain_text("Wrong password")
    shots(lea, "delete-wrong-password")
    lea.fill("#password", PASSWORD)
    lea.click("#confirm-delete")
    expect(lea.locator(".flash")).to_contain_text("Your account and your personal data are deleted")
    expect(lea.locator("header")).to_contain_text("Sign in")
    shots(lea, "deleted")
    lea.goto(f"{base}/login")
    lea.fill("#email", "lea@example.org")
    lea.fill("#password", PASSWORD)
    lea.click("main form button[type=submit]")
    expect(lea).to_have_url(f"{base}/login")
    shots(lea, "login-refused")

    # Marc keeps the exchange, cancelled, with a former member; Léa is gone from the directory.
    marc.goto(exchange_url)
    expect(marc.locator("#exchange-status")).to_have_text("Cancelled")
    expect(marc.locator("main")).to_contain_text("Former member")
    expect(marc.locator("main")).not_to_contain_text("Léa")
    expect(marc.locator("article.meeting")).not_to_contain_text("Next time: captions")
    shots(marc, "exchange-with-former-member")
    marc.goto(f"{base}/members")
    expect(marc.locator("main")).not_to_contain_text("Léa")
    shots(marc, "directory-without-lea")
    assert refused == []
