"""Two members in a real browser (Debian's Chromium driven by Playwright): sign up, match,
propose, accept, schedule, prepare the agenda, hold, give feedback. Screenshots of every
step go to a folder printed by the test; axe-core audits every page (see accessibility.py)."""

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import add_skill, sign_up


@pytest.mark.real_model  # the matches page and the similar-skill warning come from the model
def test_two_members_exchange_in_a_real_browser(live_server, browser, shots):
    base = live_server
    lea = browser.new_context(locale="en-GB").new_page()
    marc = browser.new_context(locale="en-GB", timezone_id="America/Montreal").new_page()

    sign_up(lea, base, "Léa", "lea@example.org", shots)
    add_skill(lea, base, "offer", "Short-form video on TikTok")
    add_skill(lea, base, "learn", "Negotiation")
    # Her own offer again in other words is held back with a warning; she cancels.
    lea.goto(f"{base}/skills/new/offer")
    lea.fill("#title", "TikTok short videos")
    lea.click("main form button[type=submit]")
    expect(lea.locator("#similar-skill")).to_contain_text("You already offer “Short-form video on TikTok”")
    expect(lea.get_by_label("Add it anyway")).not_to_be_checked()
    shots(lea, "similar-skill")
    sign_up(marc, base, "Marc", "marc@example.org", shots)
    marc.goto(f"{base}/profile/edit")
    marc.select_option("#seniority", "executive")
    marc.click("button:has-text('Save')")
    add_skill(marc, base, "learn", "Comprendre TikTok")
    add_skill(marc, base, "offer", "Négocier avec les fournisseurs")

    # Marc finds Léa on his matches page and proposes a two-way swap.
    marc.goto(f"{base}/matches")
    expect(marc.locator(".match").first).to_contain_text("Léa")
    shots(marc, "matches")
    marc.locator(".match a.propose").first.click()
    marc.fill("#objectives", "Understand the algorithm\nPublish a first video")
    shots(marc, "proposal-form")
    marc.click("button:has-text('Send the proposal')")
    expect(marc.locator("#exchange-status")).to_have_text("Proposed")
    shots(marc, "proposal-sent")

    # Léa sees the notification and accepts.
    lea.goto(f"{base}/dashboard")
    expect(lea.locator("#unread-count")).to_have_text("1")
    expect(lea.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    lea.click("text=Answer Marc’s proposal")
    shots(lea, "proposal-received")
    lea.click("button:has-text('Accept')")
    expect(lea.locator("#exchange-status")).to_have_text("Active")
    exchange_url = lea.url

    # Léa logs a meeting that started two hours ago, in her time zone.
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    lea.fill("#starts_at", when)
    lea.click("button:has-text('Schedule')")
    expect(lea.locator("article.meeting")).to_have_count(1)
    shots(lea, "meeting-scheduled")

    # Marc, the learner of TikTok, prepares the agenda; then marks the meeting held.
    marc.goto(exchange_url)
    marc.fill("article.meeting input[name=text]", "How does the For You feed choose videos?")
    marc.click("article.meeting button:has-text('Add')")
    expect(marc.locator("ul.agenda")).to_contain_text("For You feed")
    shots(marc, "agenda")
    marc.click("button:has-text('Mark as held')")
    expect(marc.locator("article.meeting")).to_contain_text("Held")
    marc.check("input[name=rating][value='5']")
    marc.fill("textarea[name=comment]", "Eye-opening")
    marc.click("button:has-text('Send my feedback')")
    expect(marc.locator("article.meeting")).to_contain_text("★★★★★")
    shots(marc, "feedback-marc")

    # Léa sees the agenda and gives her feedback too.
    lea.goto(exchange_url)
    expect(lea.locator("ul.agenda")).to_contain_text("For You feed")
    lea.check("input[name=rating][value='4']")
    lea.click("button:has-text('Send my feedback')")
    expect(lea.locator("article.meeting")).to_contain_text("★★★★☆")
    shots(lea, "feedback-lea")

    # The other pages a member reaches, and a visitor's, pass the accessibility audit too.
    lea.goto(f"{base}/profile")
    lea.locator("li.skill a", has_text="Edit").first.click()
    expect(lea.locator("#title")).not_to_be_empty()
    for path in ("/notifications", "/members", "/members?q=negotiation", "/profile/edit", "/cohorts/new",
                 "/matches?view=offer", "/skills/new/learn", "/no-such-page"):
        lea.goto(f"{base}{path}")
    expect(lea.locator("main")).to_contain_text("This page does not exist.")
    visitor = browser.new_page(locale="en-GB")
    for path in ("/", "/login"):
        visitor.goto(f"{base}{path}")
    lea.goto(f"{base}/members")
    lea.locator("main a", has_text="Marc").first.click()
    expect(lea.locator("h1")).to_contain_text("Marc")
