"""Exchange circles in a real browser, in English and in French, as new members meet them.

Amélie keeps bees and wants to learn chess openings, Bruno teaches Japanese calligraphy and
wants to keep bees, Chloé plays chess openings and wants calligraphy: no two of them can swap,
but the three can form a circle (Amélie -> Bruno -> Chloé -> Amélie). They sign up through the
app and add their skills; `marketplace find-circles` runs as the nightly cron would, in its own
process on the live server's database, with the real model. Each sees the same circle, with its
"Why" lines, on the matches page and on the dashboard. Amélie and Bruno accept, Chloé
declines: the circle dissolves and the other two are told. Driss joins with Chloé's skills,
which close the circle Amélie -> Bruno -> Driss -> Amélie; the next run proposes that one (never
Amélie, Bruno and Chloé again), all three accept, the last acceptance opens the circle's
exchange, Driss schedules a meeting and the other two see it.

Every word the test looks for is read from the app's own catalogue in the run's language; on
the French run, those the catalogue leaves in English are listed at the end, with what reads
wrong on the way (a closed circle still headed as a proposal, French punctuation on an English
page): the flow goes on to its end before the test fails on them. Screenshots of
each step go to the folder the test prints, and also under $SCREENSHOTS_DIR when it is set;
axe-core audits every page the test visits (conftest.py), the matches page with the circle's
card and the circle's page among them.
"""

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from marketplace import create_app
from marketplace.extensions import db
from tests.browser.conftest import Wording, add_skill, screenshot_taker, sign_up
from tests.browser.conftest import sign_in as browser_sign_in
from tests.conftest import encoder_for

PASSWORD = "a long enough password"
BEES, CALLIGRAPHY, CHESS = "Beekeeping", "Japanese calligraphy", "Chess openings"
# name: (e-mail, what they offer, what they want to learn), offer and need in the same words
# so that the real model sees each edge of the circle (and, subjects far apart, no other).
MEMBERS = {
    "Amélie": ("amelie@example.org", BEES, CHESS),
    "Bruno": ("bruno@example.org", CALLIGRAPHY, BEES),
    "Chloé": ("chloe@example.org", CHESS, CALLIGRAPHY),
    "Driss": ("driss@example.org", CHESS, CALLIGRAPHY),  # joins later: closes Amélie -> Bruno -> Driss
}
FIRST_CIRCLE = {("Amélie", "Bruno", BEES), ("Bruno", "Chloé", CALLIGRAPHY), ("Chloé", "Amélie", CHESS)}
SECOND_CIRCLE = {("Amélie", "Bruno", BEES), ("Bruno", "Driss", CALLIGRAPHY), ("Driss", "Amélie", CHESS)}
BROWSER_LOCALE = {"en": "en-GB", "fr": "fr-FR"}
CONSOLE_SCRIPT = Path(sys.executable).with_name("marketplace")  # the `marketplace` command of this venv


@pytest.fixture
def words(live_server, database_url, locale):
    """The catalogue's words for the run, from an app on the live server's database."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": database_url,
                      "MATCHING_ENCODER": "hashing"})
    yield Wording(app, locale)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def shots(tmp_path, locale):
    """shots(page, name): a full-page screenshot in the test's folder (and in
    $SCREENSHOTS_DIR/circle-flow-<locale> when that is set)."""
    return screenshot_taker(tmp_path, f"circle-flow-{locale}")


@pytest.fixture
def find_circles(request, database_url, tmp_path):
    """find_circles(): `marketplace find-circles` in a process of its own, on the live server's
    database and with the server's encoder, as cron runs it; returns the JSON line it prints."""
    env = {**os.environ, "MARKETPLACE_DATABASE_URL": database_url, "MARKETPLACE_SECRET_KEY": "browser-test",
           "MARKETPLACE_MATCHING_ENCODER": encoder_for(request.node), "MARKETPLACE_MAIL_DELIVERY": "inline"}
    assert CONSOLE_SCRIPT.exists(), f"no `marketplace` console script next to {sys.executable}"

    def run():
        done = subprocess.run([str(CONSOLE_SCRIPT), "find-circles"], env=env, cwd=tmp_path, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"find-circles failed:\n{done.stdout}\n{done.stderr}"
        return json.loads(done.stdout.strip().splitlines()[-1])

    return run


def join(page, base, name, locale, shots):
    """Sign up through the app (the link comes by mail), choose the interface language, then
    add the skills; the member stays signed in."""
    email, offer, need = MEMBERS[name]
    sign_up(page, base, name, email, shots, locale=locale, password=PASSWORD)
    add_skill(page, base, "offer", offer)
    add_skill(page, base, "learn", need)
    shots(page, f"joined-{name}")


def card_of(page, viewer, _):
    """The circle card on the page as the viewer reads it: (circle id, the teachings in the
    circle's order as (teacher, learner, topic, percent, why line)), "you" read as the viewer."""
    card = page.locator("section.circle")
    expect(card).to_have_count(1)
    teachings = []
    for pair in card.locator("li.pair").all():
        teacher, learner = pair.get_attribute("data-teacher"), pair.get_attribute("data-learner")
        topic = re.search(r"[«“]\s*(.+?)\s*[»”]", pair.inner_text()).group(1)
        # The line reads "You teach B", "A teaches you" or "A teaches B", in the reader's language.
        said = pair.locator("strong").inner_text()
        if teacher == viewer:
            assert said == _("You teach %(learner)s: “%(topic)s”", learner=learner, topic=topic), said
        elif learner == viewer:
            assert said == _("%(teacher)s teaches you: “%(topic)s”", teacher=teacher, topic=topic), said
        else:
            assert said == _("%(teacher)s teaches %(learner)s: “%(topic)s”", teacher=teacher, learner=learner,
                             topic=topic), said
        score = pair.locator(".score")
        # A band only at the display threshold or above.
        expect(score).to_have_class(re.compile(r"\bband-(strong|good|worth_a_look)\b"))
        percent = int(re.search(r"(\d+)", score.inner_text()).group(1))
        teachings.append((teacher, learner, topic, percent, pair.locator(".why").inner_text().strip()))
    return int(card.get_attribute("data-circle")), tuple(teachings)


def expected_why(viewer, teacher, learner, topic, percent, _):
    """The "Why" line the viewer should read for one teaching (offer and need in the same words)."""
    need = MEMBERS[learner][2]
    if learner == viewer:
        return _("Why: you want to learn “%(need)s”, which %(teacher)s offers as “%(offer)s” "
                 "(%(percent)s%% match).",
                 need=need, teacher=teacher, offer=topic, percent=percent)
    if teacher == viewer:
        return _("Why: %(learner)s wants to learn “%(need)s”, which you offer as “%(offer)s” "
                 "(%(percent)s%% match).",
                 learner=learner, need=need, offer=topic, percent=percent)
    return _("Why: %(learner)s wants to learn “%(need)s”, which %(teacher)s offers as “%(offer)s” "
             "(%(percent)s%% match).", learner=learner, need=need, teacher=teacher, offer=topic, percent=percent)


def sees_circle(page, base, viewer, expected, _, shots, punctuation, locale):
    """The viewer finds the circle on their matches page and on their dashboard, the same on
    both; its teachings are `expected` and every one is explained. Returns (id, the teachings
    as (teacher, learner, topic, percent) in the circle's order)."""
    page.goto(f"{base}/matches")
    expect(page.locator("main h1")).to_have_text(_("Your matches"))
    expect(page.locator("section.circle h2")).to_have_text(_("An exchange circle is proposed to you"))
    circle_id, teachings = card_of(page, viewer, _)
    expect(page.locator(f"#circle-{circle_id}")).to_be_visible()
    assert {(teacher, learner, topic) for teacher, learner, topic, *_rest in teachings} == expected, teachings
    for teacher, learner, topic, percent, why in teachings:
        assert MEMBERS[teacher][1] == topic  # the teacher's offer, in their words
        assert why == expected_why(viewer, teacher, learner, topic, percent, _)
    card = page.locator(f"#circle-{circle_id}")
    expect(card.locator("button.accept-circle")).to_have_text(_("Accept the circle"))
    expect(card.locator("button.decline-circle")).to_have_text(_("Decline"))
    expect(card.locator(".answers")).to_contain_text(_("%(name)s: not answered yet", name=_("You")))
    if locale == "en":  # an English reader reads "Amélie → Bruno: “Beekeeping”", not "Bruno : « Beekeeping »"
        for part in ("li.pair", ".answers"):
            line = card.locator(part).first.inner_text().splitlines()[0].strip()
            if re.search(r"[«»]|\s:", line) and not any(p.startswith(part) for p in punctuation):
                punctuation.append(f"{part}: {line!r}")
    shots(page, f"matches-circle-{viewer}")
    page.goto(f"{base}/dashboard")
    assert card_of(page, viewer, _) == (circle_id, teachings), "the dashboard shows another circle"
    shots(page, f"dashboard-circle-{viewer}")
    return circle_id, tuple(teaching[:4] for teaching in teachings)  # the "Why" lines are the viewer's own


def closed_heading(page, circle_id, _, problems):
    """A circle no longer waiting for answers must not be headed as a proposal."""
    heading = page.locator(f"#circle-{circle_id} h2").inner_text().strip()
    status = page.locator(f"#circle-{circle_id} .tag.light").inner_text().strip()
    problem = f"A {status!r} circle's card is still headed {heading!r}"
    if heading == _("An exchange circle is proposed to you") and problem not in problems:
        problems.append(problem)


@pytest.mark.real_model  # the circle's edges are the model's matches, above its display threshold
@pytest.mark.parametrize("locale", ["en", "fr"])
def test_three_members_form_an_exchange_circle_in_a_real_browser(live_server, words, find_circles, browser, shots,
                                                                 locale):
    base, _ = live_server, words  # _: the catalogue's words in the run's language
    problems, punctuation = [], []  # what reads wrong, checked at the end (the flow goes on)
    context = {"locale": BROWSER_LOCALE[locale], "timezone_id": "Europe/Paris"}

    def member_page(name):
        """A new browser for the member, signed in through the form."""
        page = browser.new_context(**context).new_page()
        browser_sign_in(page, base, MEMBERS[name][0], PASSWORD)
        return page

    # 1. Three members sign up and add their skills: a circle, and no two-way swap.
    for name in ("Amélie", "Bruno", "Chloé"):
        page = browser.new_context(**context).new_page()
        join(page, base, name, locale, shots)
        page.context.close()

    # 2. The nightly run proposes the circle, and only it: three edges, the model's.
    run = find_circles()
    assert run["members_considered"] == 3 and run["edges"] == 3, run  # no edge but the circle's
    assert run["circles_proposed"] == 1 and run["circles_3"] == 1 and run["members_in_circles"] == 3, run

    amelie, bruno, chloe = (member_page(name) for name in ("Amélie", "Bruno", "Chloé"))
    seen = {name: sees_circle(page, base, name, FIRST_CIRCLE, _, shots, punctuation, locale)
            for name, page in (("Amélie", amelie), ("Bruno", bruno), ("Chloé", chloe))}
    assert len(set(seen.values())) == 1, f"the three do not see the same circle: {seen}"
    first_id, teachings = seen["Amélie"]
    topic = " → ".join(t[2] for t in teachings)  # how notifications name the circle
    expect(amelie.locator("#unread-count")).to_have_text("1")  # "An exchange circle is proposed to you"

    # 3. Amélie accepts from her matches page, Bruno from his dashboard; Chloé declines.
    amelie.goto(f"{base}/matches")
    amelie.locator(f"#circle-{first_id} button.accept-circle").click()
    expect(amelie).to_have_url(f"{base}/circles/{first_id}")
    expect(amelie.locator(".flash-success")).to_have_text(_("You accepted. The circle starts when everyone has."))
    expect(amelie.locator("#circle-outcome")).to_have_text(_("You accepted. The circle starts when everyone has."))
    expect(amelie.locator(f"#circle-{first_id} button.accept-circle")).to_have_count(0)
    shots(amelie, "circle-accepted-amelie")

    bruno.goto(f"{base}/dashboard")
    expect(bruno.locator(f"#circle-{first_id} .answers")).to_contain_text(_("%(name)s: accepted", name="Amélie"))
    bruno.locator(f"#circle-{first_id} button.accept-circle").click()
    expect(bruno).to_have_url(f"{base}/circles/{first_id}")
    expect(bruno.locator("#circle-outcome")).to_have_text(_("You accepted. The circle starts when everyone has."))

    chloe.goto(f"{base}/matches")
    chloe.locator(f"#circle-{first_id} a", has_text=_("Open the circle")).click()
    expect(chloe).to_have_url(f"{base}/circles/{first_id}")
    expect(chloe.locator("main h1")).to_have_text(_("Exchange circle"))
    shots(chloe, "circle-page-before-declining")
    chloe.locator(f"#circle-{first_id} button.decline-circle").click()
    dissolved = _("This circle is dissolved: a member declined. It will not be proposed again; "
                  "you are free for the next one.")
    expect(chloe.locator(".flash-success")).to_have_text(
        _("You declined: the circle is dissolved and will not be proposed again."))
    expect(chloe.locator("#circle-outcome")).to_have_text(dissolved)
    shots(chloe, "circle-declined-chloe")

    # Amélie and Bruno are told a member declined; the circle's page says it is dissolved,
    # without saying who declined, and the card has left their pages.
    told = _("A member declined the exchange circle (%(topic)s). You are free for the next one.", topic=topic)
    for name, page in (("Amélie", amelie), ("Bruno", bruno)):
        page.goto(f"{base}/notifications")
        expect(page.locator("button.notification-link", has_text=told)).to_have_count(1)
        shots(page, f"told-dissolved-{name}")
        page.locator("button.notification-link", has_text=told).click()
        expect(page).to_have_url(f"{base}/circles/{first_id}")
        expect(page.locator("#circle-outcome")).to_have_text(dissolved)
        expect(page.locator(f"#circle-{first_id} .tag.light")).to_have_text(_("Dissolved"))
        expect(page.locator(f"#circle-{first_id} .answers")).to_have_count(0)
        expect(page.locator(f"#circle-{first_id} button")).to_have_count(0)
        closed_heading(page, first_id, _, problems)
        shots(page, f"circle-dissolved-{name}")
        page.goto(f"{base}/matches")
        expect(page.locator("section.circle")).to_have_count(0)
    chloe.goto(f"{base}/notifications")
    expect(chloe.locator("button.notification-link", has_text=told)).to_have_count(0)  # she knows

    # 4. Driss joins with what closes another circle with Amélie and Bruno; the next run
    # proposes it, and never Amélie, Bruno and Chloé again (Chloé is free, her edges still there).
    driss = browser.new_context(**context).new_page()
    join(driss, base, "Driss", locale, shots)
    run = find_circles()
    assert run["members_considered"] == 4 and run["edges"] == 5, run
    assert run["circles_proposed"] == 1 and run["circles_3"] == 1, run
    chloe.goto(f"{base}/matches")
    expect(chloe.locator("section.circle")).to_have_count(0)
    shots(chloe, "chloe-no-circle-again")
    seen = {name: sees_circle(page, base, name, SECOND_CIRCLE, _, shots, punctuation, locale)
            for name, page in (("Amélie", amelie), ("Bruno", bruno), ("Driss", driss))}
    assert len(set(seen.values())) == 1, f"the three do not see the same circle: {seen}"
    second_id, teachings = seen["Driss"]
    assert second_id != first_id

    # All three accept; the last acceptance lands on the circle's exchange.
    amelie.goto(f"{base}/matches")
    amelie.locator(f"#circle-{second_id} button.accept-circle").click()
    expect(amelie.locator("#circle-outcome")).to_have_text(_("You accepted. The circle starts when everyone has."))
    bruno.goto(f"{base}/dashboard")
    bruno.locator(f"#circle-{second_id} button.accept-circle").click()
    expect(bruno.locator("#circle-outcome")).to_have_text(_("You accepted. The circle starts when everyone has."))
    driss.goto(f"{base}/circles/{second_id}")
    expect(driss.locator(f"#circle-{second_id} .answers")).to_contain_text(_("%(name)s: accepted", name="Bruno"))
    driss.locator(f"#circle-{second_id} button.accept-circle").click()
    expect(driss).to_have_url(re.compile(rf"^{re.escape(base)}/exchanges/\d+$"))
    exchange_url = driss.url
    expect(driss.locator(".flash-success")).to_have_text(_("Everyone accepted: your circle has started."))
    expect(driss.locator("#exchange-status")).to_have_text(_("Active"))
    expect(driss.locator("main .tag.circle")).to_have_text(_("Exchange circle"))
    expect(driss.locator("main")).to_contain_text(
        _("An exchange circle of %(num)s: each teaches the next, and you meet together.", num=3))
    expect(driss.locator("ul.circle-teachings li")).to_have_text([
        _("%(teacher)s teaches %(learner)s: %(topic)s", teacher=teacher, learner=learner, topic=topic)
        for teacher, learner, topic, _percent in teachings])
    shots(driss, "circle-exchange-started")

    # Driss schedules the first meeting, for tomorrow morning.
    when = date.today() + timedelta(days=1)
    driss.fill("#starts_at", f"{when.isoformat()}T10:00")
    driss.locator("#meetings form.meeting-form button[type=submit]").click()
    expect(driss.locator(".flash-success")).to_be_visible()
    expect(driss.locator("article.meeting")).to_have_count(1)
    shots(driss, "meeting-scheduled")

    # Amélie and Bruno see it on their dashboard and on the exchange page; their circle page
    # leads there too.
    for name, page in (("Amélie", amelie), ("Bruno", bruno)):
        page.goto(f"{base}/circles/{second_id}")
        expect(page.locator(f"#circle-{second_id} .tag.light")).to_have_text(_("Started"))
        outcome = page.locator("#circle-outcome a")
        expect(outcome).to_have_text(_("Everyone accepted: open the exchange space"))
        closed_heading(page, second_id, _, problems)
        page.goto(f"{base}/dashboard")
        expect(page.locator("section.circle")).to_have_count(0)
        upcoming = page.locator("section.card", has=page.locator("h2", has_text=_("Next meetings")))
        expect(upcoming.locator("li")).to_have_count(1)
        expect(upcoming).to_contain_text(BEES)
        shots(page, f"dashboard-meeting-{name}")
        upcoming.locator("a").first.click()
        expect(page).to_have_url(exchange_url)
        expect(page.locator("article.meeting")).to_have_count(1)
        expect(page.locator("article.meeting .tag.light")).to_have_text(_("Planned"))
        shots(page, f"exchange-meeting-{name}")
        page.goto(f"{base}/notifications")
        exchange_topic = " / ".join(t[2] for t in teachings)
        expect(page.locator("main")).to_contain_text(
            _("Everyone accepted: your exchange circle starts (%(topic)s). Plan your first meeting together.",
              topic=exchange_topic))
        scheduled = _("%(actor)s scheduled a meeting on %(when)s: %(topic)s.", actor="Driss", when="\0",
                      topic=exchange_topic)
        expect(page.locator("button.notification-link", has_text=re.compile(
            ".+".join(re.escape(part) for part in scheduled.split("\0"))))).to_have_count(1)
        shots(page, f"notifications-{name}")

    # Nothing on the way read wrong, and a French member met no English word.
    if punctuation:
        problems.append("French punctuation on an English page, in the circle card's " + "; ".join(punctuation))
    if words.untranslated:
        problems.append("Not translated into French: " + "; ".join(words.untranslated))
    assert not problems, "\n".join(problems)
