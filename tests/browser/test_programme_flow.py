"""A mentoring programme in a real browser, in English and in French, as a new HR manager
would run it: create a reverse programme for executives and juniors, invite from a CSV file,
the four members answer the application (their skills pre-filled), run the matching and
compare the three methods, swap two pairs, publish, a mentor sees the first meeting arrive,
then the follow-up dashboard and its CSV and Excel exports.

Every word the test looks for is read from the app's own catalogue in the run's language; on
the French run, those the catalogue still leaves in English are listed at the end (a French
manager must not meet an English page). Screenshots of each step go to the folder the test
prints, and also under $SCREENSHOTS_DIR when it is set; axe-core audits every page.
"""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.accounts.passwords import hash_password
from marketplace.extensions import db
from marketplace.programmes import services as programmes
from marketplace.skills import services as skills
from tests.browser.conftest import MAILBOX, Wording, screenshot_taker
from tests.browser.conftest import sign_in as browser_sign_in

PASSWORD = "a long enough password"
MANAGER = "rh@example.org"
# (e-mail, name, seniority, offer, need): the juniors bring what the executives seek, in the
# same words (the hashing encoder stands in for the model), so the matching pairs Léa with
# Marc and Tom with Anne until the manager swaps them.
MEMBERS = [
    ("lea@example.org", "Léa", "junior", "TikTok for brands", None),
    ("tom@example.org", "Tom", "junior", "Excel pivot tables", None),
    ("marc@example.org", "Marc", "executive", None, "TikTok for brands"),
    ("anne@example.org", "Anne", "executive", None, "Excel pivot tables"),
]
NEWCOMER = "new@example.org"  # invited before having an account
# The invitations file as each manager's spreadsheet writes it.
INVITATIONS = {
    "en": "email,role\nlea@example.org,mentor\ntom@example.org,mentor\nmarc@example.org,mentee\n"
          "anne@example.org,mentee\nnew@example.org,mentee\n",
    "fr": "e-mail;rôle\nlea@example.org;mentor\ntom@example.org;mentor\nmarc@example.org;mentoré\n"
          "anne@example.org;mentoré\nnew@example.org;mentoré\n",
}
PROGRAMME = {"en": "Reverse mentoring: digital for leaders",
             "fr": "Mentorat inversé : le numérique pour les dirigeants"}
BROWSER_LOCALE = {"en": "en-GB", "fr": "fr-FR"}


@pytest.fixture
def words(live_server, database_url, locale):
    """The manager and the four members, with their skills and their language, then the
    catalogue's words for the run (from an app on the same database)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url,
                      "MATCHING_ENCODER": "hashing"})
    with app.app_context():
        people = [(MANAGER, "Claire", "senior", None, None)] + MEMBERS
        for email, name, seniority, offer, need in people:
            member = User(email=email, password_hash=hash_password(PASSWORD), display_name=name, seniority=seniority,
                          locale=locale, timezone="Europe/Paris", languages=["fr", "en"])
            db.session.add(member)
            db.session.flush()
            for direction, title in (("offer", offer), ("learn", need)):
                if title:
                    skills.add_skill(member, direction, title)
        programmes.grant_manager(MANAGER)
        db.session.commit()
        db.session.remove()
    yield Wording(app, locale)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def shots(tmp_path, locale):
    """shots(page, name): a full-page screenshot in the test's folder (and in
    $SCREENSHOTS_DIR/programme-flow-<locale> when that is set)."""
    return screenshot_taker(tmp_path, f"programme-flow-{locale}")


def sign_in(page, base, email):
    """Sign in through the form; the member lands on their dashboard."""
    browser_sign_in(page, base, email, PASSWORD)
    expect(page).to_have_url(f"{base}/dashboard")


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_a_manager_runs_a_reverse_programme_in_a_real_browser(live_server, words, browser, shots, locale, tmp_path):
    base, _ = live_server, words  # _: the catalogue's words in the run's language
    name = PROGRAMME[locale]
    context = {"locale": BROWSER_LOCALE[locale], "timezone_id": "Europe/Paris"}
    manager = browser.new_context(accept_downloads=True, **context).new_page()
    main, tabs = manager.locator("main"), manager.locator("main nav")

    # 1. The manager creates a reverse programme through the form.
    sign_in(manager, base, MANAGER)
    expect(manager.locator("html")).to_have_attribute("lang", locale)
    manager.goto(f"{base}/programmes")
    expect(manager.locator("#managed h1")).to_have_text(_("Programmes I run"))
    shots(manager, "programmes-empty")
    manager.locator("#managed a", has_text=_("Create a programme")).click()
    expect(manager.locator("main h1")).to_have_text(_("Create a programme"))
    today = date.today()
    manager.fill("#name", name)
    manager.fill("#description", "Juniors share their digital skills with members of the executive committee.")
    manager.fill("#objectives", "Use one new digital tool every week\nPrésenter un retour d'expérience au comité")
    manager.select_option("#kind", "reverse")
    for field, days in (("#enrolment_closes_on", 7), ("#starts_on", 14), ("#ends_on", 200)):
        manager.fill(field, (today + timedelta(days=days)).isoformat())
    manager.uncheck("#open_to_applications")
    shots(manager, "programme-form")
    manager.locator("main form button", has_text=_("Create the programme")).click()
    expect(manager.locator("main h1")).to_have_text(name)
    expect(main).to_contain_text(_("Programme created: invite its participants."))
    expect(main).to_contain_text(_("Reverse: a more junior mentor"))
    programme_url = manager.url

    # 2. Invitations from a CSV file: four members, and an address without an account.
    manager.set_input_files("#upload", files=[{"name": "invitations.csv", "mimeType": "text/csv",
                                               "buffer": INVITATIONS[locale].encode()}])
    manager.locator("#invite button", has_text=_("Send the invitations")).click()
    expect(main).to_contain_text(_("%(invited)s invited, %(already)s already in the programme.", invited=5, already=0))
    refused = manager.locator(".flash-error").all_inner_texts()  # checked at the end: the file is right
    expect(manager.locator("#participants tbody tr")).to_have_count(5)
    expect(manager.locator("#participants")).to_contain_text(_("Waiting for the application"))
    shots(manager, "invited")
    newcomer = browser.new_context(**context).new_page()
    newcomer.goto(MAILBOX.link(NEWCOMER, "/programmes/invitations/"))
    expect(newcomer.locator("main h1")).to_have_text(_("You are invited to “%(name)s”", name=name))
    shots(newcomer, "newcomer-invitation")
    newcomer.context.close()

    # 3. Each member follows the invitation and answers the application, pre-filled from their profile.
    for email, member_name, _seniority, offer, need in MEMBERS:
        page = browser.new_context(**context).new_page()
        sign_in(page, base, email)
        page.goto(f"{base}/notifications")
        page.locator("button.notification-link", has_text=name).click()
        expect(page.locator("main h1")).to_have_text(name)
        page.locator("#my-place a", has_text=_("Answer the application")).click()
        expect(page.locator("main h1")).to_have_text(_("Application: %(name)s", name=name))
        expect(page.locator("#brings" if offer else "#seeks")).to_have_value(offer or need)
        expect(page.locator("#role")).to_have_value("mentor" if offer else "mentee")
        page.fill("#objectives", f"{member_name}: learn from each other")
        if offer:
            page.fill("#capacity", "1")
        shots(page, f"application-{email.split('@')[0]}")
        page.locator("main form button", has_text=_("Save my application")).click()
        expect(page.locator("main")).to_contain_text(
            _("Your application is saved. You can change it until the pairs are published."))
        page.context.close()
    manager.goto(programme_url)
    expect(manager.locator("#participants")).to_contain_text(
        _("%(answered)s of %(total)s have answered the application.", answered=4, total=5))

    # 4. The matching: three methods compared, the pairs explained; swap them, then publish.
    tabs.locator("a", has_text=_("Matching")).click()
    manager.locator("main button", has_text=_("Run the matching")).click()
    expect(main).to_contain_text(_("Matching done."))
    expect(manager.locator("#comparison h2")).to_have_text(_("Three ways to pair, side by side"))
    expect(manager.locator("#comparison tbody th")).to_have_text([_("Optimal (chosen)"), _("Greedy"), _("Stable")])
    pairs = manager.locator("#pairs tbody tr")
    expect(pairs).to_have_count(2)
    expect(pairs.filter(has_text="Léa")).to_contain_text("Marc")
    expect(pairs.filter(has_text="Léa")).to_contain_text("TikTok for brands")
    expect(pairs.filter(has_text="Tom")).to_contain_text("Anne")
    shots(manager, "matching")
    manager.select_option("#first", label="Léa → Marc")
    manager.select_option("#second", label="Tom → Anne")
    manager.locator("#swap button", has_text=_("Swap their mentees")).click()
    expect(main).to_contain_text(_("Mentees swapped; both pairs are locked."))
    expect(pairs.filter(has_text="Léa")).to_contain_text("Anne")
    expect(pairs.filter(has_text="Tom")).to_contain_text("Marc")
    expect(pairs.filter(has_text=_("Locked"))).to_have_count(2)
    shots(manager, "swapped")
    manager.locator("main button", has_text=_("Publish the pairs")).click()
    expect(main).to_contain_text(_("%(count)s exchanges created.", count=2))
    shots(manager, "published")

    # 5. Léa, a mentor, is told, and sees the first meeting with Anne arrive.
    lea = browser.new_context(**context).new_page()
    sign_in(lea, base, "lea@example.org")
    expect(lea.locator("#unread-count")).to_have_text("1")
    upcoming = lea.locator("section.card", has=lea.locator("h2", has_text=_("Next meetings")))
    expect(upcoming.locator("li")).to_have_count(1)
    expect(upcoming).to_contain_text("TikTok for brands")
    shots(lea, "mentor-dashboard")
    lea.goto(f"{base}/notifications")
    told = _("The programme “%(programme)s” paired you with %(actor)s: %(topic)s. A first meeting is planned.",
             programme=name, actor="Anne", topic="TikTok for brands")
    expect(lea.locator("main")).to_contain_text(told)
    shots(lea, "mentor-notification")
    lea.goto(f"{base}/dashboard")
    upcoming.locator("a").first.click()
    expect(lea.locator("article.meeting")).to_have_count(1)
    expect(lea.locator("main")).to_contain_text("Anne")
    shots(lea, "mentor-exchange")
    lea.context.close()

    # 6. The follow-up dashboard, and the pairs exported as CSV and Excel.
    manager.goto(programme_url)
    tabs.locator("a", has_text=_("Follow-up")).click()
    expect(manager.locator("#at-risk")).to_contain_text(_("No pair is at risk."))
    expect(manager.locator("#exchanges svg, #exchanges table").first).to_be_visible()
    shots(manager, "dashboard")
    with manager.expect_download() as download:
        manager.locator("#exports a", has_text=_("Pairs (CSV)")).click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == _("Mentor")
    assert {(row[0], row[2]) for row in rows[1:]} == {("Léa", "Anne"), ("Tom", "Marc")}
    with manager.expect_download() as download:
        manager.locator("#exports a", has_text=_("Pairs (Excel)")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    cells = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert {(row[0], row[2]) for row in cells[1:]} == {("Léa", "Anne"), ("Tom", "Marc")}

    # Nothing the manager did was refused, and a French manager met no English word on the way.
    problems = [f"Lines of a correct invitations file refused: {refused}"] if refused else []
    if words.untranslated:
        problems.append("Not translated into French: " + "; ".join(words.untranslated))
    assert not problems, "\n".join(problems)
