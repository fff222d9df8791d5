"""Matches a member can trust, tried in a real browser on the demo population with the real
models: Léa's "who could learn from me", Marc's "who can teach me", a French member search.
One card per person, at most a page of them, percentages in order; "tableurs" finds Excel
offers and says how many members it found. Screenshots go to the folder the test prints."""

import re

import pytest
from playwright.sync_api import expect

from marketplace import create_app
from marketplace.demo import DEMO_PASSWORD, seed_demo
from tests.browser.conftest import sign_in as browser_sign_in
from marketplace.extensions import db


@pytest.fixture
def demo_server(live_server, database_url):
    """The live server, with the demo population seeded in its database."""
    app = create_app({"TESTING": False, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        seed_demo()
        db.session.commit()
        per_page = app.config["MATCHING_CARDS_PER_PAGE"]
        db.engine.dispose()
    return live_server, per_page


def sign_in(page, base, email):
    """Sign in a demo member through the form."""
    browser_sign_in(page, base, email, DEMO_PASSWORD)


def cards(page):
    """(name, shown percentage) of each card on the page, top to bottom."""
    names = page.locator(".match .member-name").all_inner_texts()
    scores = page.locator(".match .skill-main .score").all_inner_texts()
    return [(name, int(re.search(r"(\d+)\s*%", score).group(1))) for name, score in zip(names, scores)]


@pytest.mark.real_model
def test_matches_and_search_a_member_can_trust(demo_server, browser, shots):
    base, per_page = demo_server
    lea = browser.new_context(locale="fr-FR").new_page()
    sign_in(lea, base, "lea.dubois@demo.passerelle.example")
    lea.goto(f"{base}/matches?view=offer")
    shots(lea, "lea-who-could-learn-from-me")
    found = cards(lea)
    assert found, "Léa's offers (TikTok, ChatGPT) find learners in the demo"
    names = [name for name, _ in found]
    assert len(names) == len(set(names)) <= per_page  # one card per person, one page
    assert [p for _, p in found] == sorted((p for _, p in found), reverse=True)  # numbers in order
    assert "Marc Lefèvre" in names  # he wants to understand TikTok and ChatGPT

    marc = browser.new_context(locale="fr-FR").new_page()
    sign_in(marc, base, "marc.lefevre@demo.passerelle.example")
    marc.goto(f"{base}/matches")
    shots(marc, "marc-who-can-teach-me")
    found = cards(marc)
    names = [name for name, _ in found]
    assert len(names) == len(set(names)) <= per_page
    assert [p for _, p in found] == sorted((p for _, p in found), reverse=True)
    assert "Léa Dubois" in names
    lea_card = marc.locator(".match", has_text="Léa Dubois")
    expect(lea_card).to_contain_text("TikTok")

    # A French search by a word no offer title contains: the glossary says Excel is a "tableur".
    marc.goto(f"{base}/members?q=tableurs")
    shots(marc, "search-tableurs")
    expect(marc.locator("main")).to_contain_text(re.compile(r"[1-9]\d* membres? trouvés? pour « tableurs »"))
    expect(marc.locator(".member-list")).to_contain_text("Excel")
