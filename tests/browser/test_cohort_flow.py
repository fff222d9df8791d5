"""A cohort in a real browser: a mentor opens it, a French-speaking member finds it from
her need, joins, the cohort fills, the next one waits, and is promoted when a seat frees."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import add_skill, sign_up


@pytest.mark.real_model  # the cohort is found from a French need by the model
def test_cohort_waitlist_and_promotion(live_server, browser, shots):
    base = live_server
    pages = {name: browser.new_context(locale="en-GB").new_page() for name in ("yanis", "chloe", "paul", "zoe")}
    for name, page in pages.items():
        sign_up(page, base, name.title(), f"{name}@example.org", shots)
    yanis, chloe, paul, zoe = pages.values()

    add_skill(yanis, base, "offer", "Prompting AI assistants")
    yanis.goto(f"{base}/cohorts/new")
    yanis.fill("#title", "Prompting pour tous")
    yanis.fill("#capacity", "2")
    yanis.fill("#objectives", "Écrire un bon prompt")
    yanis.click("main form button[type=submit]")
    expect(yanis.locator("#seats")).to_contain_text("2 seats left")
    shots(yanis, "cohort-open")

    # Chloé switches to French and finds the cohort from her need.
    chloe.goto(f"{base}/profile")
    chloe.click("header button[name=locale][value=fr]")
    add_skill(chloe, base, "learn", "Utiliser ChatGPT au travail")
    chloe.goto(f"{base}/cohorts")
    expect(chloe.locator("main")).to_contain_text("Prompting pour tous")
    shots(chloe, "cohort-suggested-fr")
    chloe.click("text=Prompting pour tous")
    chloe.click("main form button[type=submit]")
    expect(chloe.locator("#my-seat")).to_have_text("Vous avez une place")

    paul.goto(f"{base}/cohorts")
    paul.click("text=Prompting pour tous")
    paul.click("button:has-text('Join')")
    expect(paul.locator("#my-seat")).to_have_text("You have a seat")

    zoe.goto(f"{base}/cohorts")
    zoe.click("text=Prompting pour tous")
    zoe.click("button:has-text('Join the waitlist')")
    expect(zoe.locator("#my-seat")).to_have_text("You are on the waitlist")
    shots(zoe, "waitlisted")

    paul.click("button:has-text('Leave the cohort')")
    zoe.reload()
    expect(zoe.locator("#my-seat")).to_have_text("You have a seat")
    expect(zoe.locator("#unread-count")).to_have_text("1")
    expect(zoe.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    shots(zoe, "promoted")
