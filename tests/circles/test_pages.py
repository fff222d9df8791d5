"""The circle pages, as members and a programme's manager use them: reading changes nothing,
each member answers, the formed circle is an exchange all three run, the decliner is never
pointed out. Fixtures and helpers come from test_services.py."""

import html
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from marketplace.accounts.models import User, utcnow
from marketplace.circles import runs, services
from marketplace.circles.models import ANSWER_TIME, Circle
from marketplace.exchange.models import Exchange, MeetingNote
from marketplace.extensions import db
from tests.circles.test_services import (  # noqa: F401 (fixtures: make_person, trio, stranger, manager...)
    BEES, enrol, form, make_person, manager, programme, propose, row_counts, stranger, trio,
)
from tests.conftest import PASSWORD


@pytest.fixture
def signed_in(app):
    """signed_in(member) -> a test client of its own, signed in as the member."""

    def sign_in(member):
        client = app.test_client()
        response = client.post("/login", data={"email": member.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return sign_in


def text_of(response):
    """The page's text, entities decoded (names with accents, quotes)."""
    return html.unescape(response.get_data(as_text=True))


def circle_card(page):
    """The circle card of a page, or None."""
    found = re.search(r'<section class="card circle".*?</section>', page, re.S)
    return found.group(0) if found else None


def test_reading_the_circle_pages_changes_nothing_and_shows_the_circle(trio, signed_in):
    ana, ben, chloe = trio
    circle = propose()
    clients = {person.member.display_name: signed_in(person.member) for person in trio}
    before = row_counts()
    for person in trio:
        client = clients[person.member.display_name]
        others = [p.member.display_name for p in trio if p is not person]
        response = client.get(f"/circles/{circle.id}")
        assert response.status_code == 200
        card = circle_card(text_of(response))
        for name in others:
            assert name in card
        assert card.count("Why:") == 3
        for place in circle.members:
            assert place.offer_title in card and place.need_title in card
        assert "Accept the circle" in card and "not answered yet" in card
        for page in ("/dashboard", "/matches"):
            response = client.get(page)
            assert response.status_code == 200, page
            card = circle_card(text_of(response))
            assert card is not None and f'data-circle="{circle.id}"' in card, page
            assert card.count("Why:") == 3 and all(name in card for name in others), page
    db.session.expire_all()
    assert row_counts() == before == {"circles": 1, "circle_members": 3, "notifications": 3, "exchanges": 0}
    assert db.session.get(Circle, circle.id).status == "proposed"


def test_an_overdue_circle_reads_expired_and_reading_it_records_nothing(trio, signed_in):
    ana, _, _ = trio
    circle = runs.run_circles(now=utcnow() - ANSWER_TIME - timedelta(hours=1)).proposed[0]
    db.session.commit()
    client = signed_in(ana.member)
    before = row_counts()
    page = text_of(client.get(f"/circles/{circle.id}"))
    assert "Expired" in page and "Not everyone answered in time" in page and "Accept the circle" not in page
    assert circle_card(text_of(client.get("/dashboard"))) is None
    assert circle_card(text_of(client.get("/matches"))) is None
    db.session.expire_all()
    assert row_counts() == before and db.session.get(Circle, circle.id).status == "proposed"


def test_a_stranger_gets_404_on_every_circle_url_and_nothing_changes(trio, stranger, signed_in):
    circle = propose()
    client = signed_in(stranger)
    before = row_counts()
    for method, url in (("get", f"/circles/{circle.id}"), ("post", f"/circles/{circle.id}/accept"),
                        ("post", f"/circles/{circle.id}/decline"), ("get", "/circles/10000")):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
        page = text_of(response)
        assert BEES not in page and not re.search(r"\bAna\b", page), (method, url)
    assert circle_card(text_of(client.get("/dashboard"))) is None
    db.session.expire_all()
    assert row_counts() == before
    assert [p.answer for p in db.session.get(Circle, circle.id).members] == ["waiting"] * 3


def test_anonymous_visitors_are_sent_to_login(trio, client):
    circle = propose()
    for method, url in (("get", f"/circles/{circle.id}"), ("post", f"/circles/{circle.id}/accept"),
                        ("post", f"/circles/{circle.id}/decline")):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_members_accept_through_the_pages_and_the_last_opens_the_exchange(trio, signed_in):
    ana, ben, chloe = trio
    circle = propose()
    clients = [signed_in(person.member) for person in trio]
    response = clients[0].post(f"/circles/{circle.id}/accept")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/circles/{circle.id}")
    page = text_of(clients[0].get(f"/circles/{circle.id}"))
    assert "You accepted. The circle starts when everyone has." in page and "Accept the circle" not in page
    again = clients[0].post(f"/circles/{circle.id}/accept")
    assert again.status_code == 409 and "You have already accepted this circle." in text_of(again)
    assert clients[1].post(f"/circles/{circle.id}/accept").status_code == 302
    response = clients[2].post(f"/circles/{circle.id}/accept")
    db.session.expire_all()
    exchange = db.session.scalar(sa.select(Exchange))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/exchanges/{exchange.id}")
    assert exchange.kind == "circle" and db.session.get(Circle, circle.id).status == "formed"
    for client in clients:
        page = text_of(client.get(f"/circles/{circle.id}"))
        assert f"/exchanges/{exchange.id}" in page and "Everyone accepted" in page
        assert circle_card(text_of(client.get("/dashboard"))) is None
    late = clients[0].post(f"/circles/{circle.id}/decline")
    assert late.status_code == 409 and "no longer waiting for answers" in text_of(late)


def test_the_decliner_is_never_pointed_out_to_the_others(trio, signed_in):
    ana, ben, chloe = trio
    circle = propose()
    services.accept_circle(circle, ana.member)
    db.session.commit()
    decliner = signed_in(ben.member)
    response = decliner.post(f"/circles/{circle.id}/decline")
    assert response.status_code == 302
    assert "You declined" in text_of(decliner.get(f"/circles/{circle.id}"))
    db.session.expire_all()
    assert db.session.get(Circle, circle.id).status == "dissolved"
    for person in (ana, chloe):
        client = signed_in(person.member)
        page = text_of(client.get(f"/circles/{circle.id}"))
        assert "This circle is dissolved: a member declined." in page
        # Nobody's answer is shown any more: no "Ben: not answered yet", no "Ana: accepted".
        assert 'class="small answers"' not in page and "not answered yet" not in page
        assert "Accept the circle" not in page and "Decline" not in circle_card(page)
        for url in ("/dashboard", "/matches"):
            assert circle_card(text_of(client.get(url))) is None, url
        notices = text_of(client.get("/notifications"))
        assert "A member declined the exchange circle" in notices and not re.search(r"\bBen\b", notices)


def test_every_member_runs_the_circle_exchange_through_the_pages(trio, stranger, signed_in):
    ana, ben, chloe = trio
    exchange = form(propose(), trio)
    clients = {person.member.id: signed_in(person.member) for person in trio}
    start = (utcnow() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    for k, person in enumerate(trio):
        client = clients[person.member.id]
        page = text_of(client.get(f"/exchanges/{exchange.id}"))
        assert "An exchange circle of 3" in page
        assert all(f"teaches {p.member.display_name}" in page for p in trio)
        when = (start + timedelta(days=7 * k)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(f"/exchanges/{exchange.id}/meetings", data={"starts_at": when, "minutes": "45"})
        assert response.status_code == 302, text_of(response)
    db.session.expire_all()
    first = db.session.get(Exchange, exchange.id).meetings[0]
    for person in trio:
        client, name = clients[person.member.id], person.member.display_name
        base = f"/exchanges/{exchange.id}/meetings/{first.id}"
        assert client.post(f"{base}/agenda", data={"text": f"AGENDA-{name}"}).status_code == 302
        assert client.post(f"{base}/notes", data={"text": f"SHARED-{name}"}).status_code == 302
        assert client.post(f"{base}/notes", data={"text": f"PRIVATE-{name}", "private": "y"}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(MeetingNote.id)).where(MeetingNote.private)) == 3
    for person in trio:
        client, name = clients[person.member.id], person.member.display_name
        page = text_of(client.get(f"/exchanges/{exchange.id}"))
        assert all(f"SHARED-{p.member.display_name}" in page and f"AGENDA-{p.member.display_name}" in page
                   for p in trio)
        assert f"PRIVATE-{name}" in page
        calendar = client.get(f"/exchanges/{exchange.id}/calendar.ics")
        assert calendar.status_code == 200 and calendar.mimetype == "text/calendar"
        assert len(Calendar.from_ical(calendar.data).walk("VEVENT")) == 3
        for other in trio:
            if other is not person:
                theirs = f"PRIVATE-{other.member.display_name}"
                assert theirs not in page and theirs.encode() not in calendar.data
                assert theirs not in text_of(client.get("/dashboard"))
    outsider = signed_in(stranger)
    assert outsider.get(f"/exchanges/{exchange.id}").status_code == 404
    assert outsider.get(f"/exchanges/{exchange.id}/calendar.ics").status_code == 404


def test_a_programme_manager_finds_circles_among_the_participants(trio, manager, programme, enrol, signed_in):
    for person in trio:
        enrol(person)
    participant = signed_in(trio[0].member)
    assert participant.post(f"/programmes/{programme.id}/circles").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Circle.id))) == 0
    client = signed_in(manager)
    response = client.post(f"/programmes/{programme.id}/circles", follow_redirects=True)
    assert response.status_code == 200 and "1 circle proposed." in text_of(response)
    assert response.request.path == f"/programmes/{programme.id}/matching"
    assert re.search(r"Waiting for answers\s*:\s*1\b", text_of(response))
    db.session.expire_all()
    assert db.session.scalars(sa.select(Circle.programme_id)).all() == [programme.id]


def test_a_member_with_an_overdue_circle_can_delete_their_account(trio, signed_in):
    ana, ben, chloe = trio
    runs.run_circles(now=utcnow() - ANSWER_TIME - timedelta(hours=1))
    db.session.commit()
    client = signed_in(ben.member)
    response = client.post("/profile/delete", data={"password": PASSWORD})
    # Today: 409 "This circle is no longer waiting for answers." and the account stays.
    assert response.status_code == 302, (response.status_code, "no longer waiting for answers" in text_of(response))
    db.session.expire_all()
    assert db.session.get(User, ben.member.id).deleted_at is not None
