"""/api/v1/circles: a circle as its page shows it to each of its members, their answers with
the page's statuses, nothing to anyone else (a programme's manager included, who runs circles
and reads counts only); hostile input refused, changing nothing.

Members and programmes come from tests/circles/test_services.py: Ana teaches Ben, Ben teaches
Chloé, Chloé teaches Ana."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace.accounts import access_tokens
from marketplace.accounts.models import utcnow
from marketplace.circles import runs, services
from marketplace.circles.models import ANSWER_TIME, Circle
from marketplace.circles.pages import circle_context
from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from marketplace.skills.engine import get_engine
from tests.api.conftest import links
from tests.api.test_cohorts_api import snapshot
from tests.api.test_problems import assert_problem
from tests.circles.test_services import (  # noqa: F401 (fixtures)
    BEES, CALLIGRAPHY, CHESS, enrol, make_person, manager, programme, propose, stranger, trio,
)


@pytest.fixture
def call(client, trio, stranger, manager):
    """call(member, method, url, **kw) -> the response to a request with the member's token
    (the trio, the stranger and the programme manager each have one)."""
    secrets = {member.id: access_tokens.create_token(member, "test", "write")[1]
               for member in (*(person.member for person in trio), stranger, manager)}
    db.session.commit()

    def send(member, method, url, **kwargs):
        return client.open(url, method=method, headers={"Authorization": f"Bearer {secrets[member.id]}"}, **kwargs)

    return send


def body_of(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_my_circle_reads_as_its_page_shows_it_to_each_member(trio, call):
    circle = propose()
    before = snapshot()
    band = get_engine().calibration.band
    for person in trio:
        listing = body_of(call(person.member, "GET", "/api/v1/circles"))
        shown = body_of(call(person.member, "GET", f"/api/v1/circles/{circle.id}"))
        assert listing["circles"] == [shown] and listing["waiting"] == shown  # the dashboard's card
        context = circle_context(circle, person.member)
        assert (shown["id"], shown["status"], shown["size"], shown["kind"]) == (circle.id, "proposed", 3, "circle")
        assert [(t["teacher"]["id"], t["learner"]["id"], t["offer"], t["need"], t["percent"], t["band"])
                for t in shown["teachings"]] == [
            (t["teacher"].id, t["learner"].id, t["offer"], t["need"], t["percent"], band(p.probability))
            for t, p in zip(context["teachings"], circle.members)]
        assert [t["teacher"]["display_name"] for t in shown["teachings"]] == ["Ana", "Ben", "Chloé"]
        assert shown["i_teach"]["teacher"]["id"] == shown["i_learn"]["learner"]["id"] == person.member.id
        assert [(a["member"]["id"], a["accepted"], a["is_me"]) for a in shown["answers"]] == [
            (p.member_id, False, p.member_id == person.member.id) for p in circle.members]
        assert (shown["waiting_on_me"], shown["accepted_by_me"], shown["exchange_id"], shown["closed_at"]) == (
            True, False, None, None)
        assert shown["answer_by"] == circle.expires_at.isoformat() + "+00:00"
        assert "@example.org" not in str(shown)
    assert snapshot() == before


def test_members_accept_and_the_last_forms_the_circle(trio, call):
    ana, ben, chloe = trio
    circle = propose()
    url = f"/api/v1/circles/{circle.id}"
    first = body_of(call(ana.member, "POST", url + "/accept"))
    assert (first["status"], first["accepted_by_me"], first["waiting_on_me"]) == ("proposed", True, False)
    assert [a["accepted"] for a in first["answers"]] == [True, False, False]
    before = snapshot()
    again = assert_problem(call(ana.member, "POST", url + "/accept"), 409, "Conflict")
    assert again["detail"] == "You have already accepted this circle."
    assert snapshot() == before
    body_of(call(ben.member, "POST", url + "/accept"))
    formed = body_of(call(chloe.member, "POST", url + "/accept"))
    exchange = db.session.scalar(sa.select(Exchange))
    assert (formed["status"], formed["exchange_id"], formed["answers"]) == ("formed", exchange.id, [])
    assert exchange.kind == "circle" and formed["closed_at"] is not None
    before = snapshot()
    for person in trio:
        late = assert_problem(call(person.member, "POST", url + "/decline"), 409, "Conflict")
        assert late["detail"] == "This circle is no longer waiting for answers."
    assert snapshot() == before


def test_a_decline_dissolves_without_pointing_at_the_decliner(trio, call):
    ana, ben, chloe = trio
    circle = propose()
    url = f"/api/v1/circles/{circle.id}"
    call(ana.member, "POST", url + "/accept")
    dissolved = body_of(call(ben.member, "POST", url + "/decline"))
    assert (dissolved["status"], dissolved["answers"], dissolved["waiting_on_me"]) == ("dissolved", [], False)
    for person in trio:
        seen = call(person.member, "GET", url)
        assert body_of(seen)["status"] == "dissolved" and "declin" not in seen.get_data(as_text=True)
    before = snapshot()
    assert_problem(call(chloe.member, "POST", url + "/accept"), 409, "Conflict")
    assert snapshot() == before


def test_an_overdue_circle_reads_expired_and_refuses_answers(trio, call):
    ana, _, _ = trio
    circle = runs.run_circles(now=utcnow() - ANSWER_TIME - timedelta(hours=1)).proposed[0]
    db.session.commit()
    before = snapshot()
    shown = body_of(call(ana.member, "GET", f"/api/v1/circles/{circle.id}"))
    assert (shown["status"], shown["answers"], shown["waiting_on_me"]) == ("expired", [], False)
    listing = body_of(call(ana.member, "GET", "/api/v1/circles"))
    assert listing["waiting"] is None and listing["circles"] == [shown]  # no card on the dashboard either
    assert_problem(call(ana.member, "POST", f"/api/v1/circles/{circle.id}/accept"), 409, "Conflict")
    assert snapshot() == before  # as on the page: the refusal records nothing, the next run does


def test_my_circles_newest_first_page_by_page(trio, call, make_person, monkeypatch):
    ana, ben, _ = trio
    old = propose()
    call(ben.member, "POST", f"/api/v1/circles/{old.id}/decline")
    make_person("Dana", [CHESS], [CALLIGRAPHY])  # as Chloé: Ana, Ben and Dana can close a new circle
    new = propose()
    monkeypatch.setattr(services, "CIRCLES_PER_PAGE", 1)
    first = call(ana.member, "GET", "/api/v1/circles")
    body = body_of(first)
    assert (body["page"], body["pages"], body["total"], body["has_more"]) == (1, 2, 2, True)
    assert [c["id"] for c in body["circles"]] == [new.id] and body["circles"][0]["waiting_on_me"]
    second = body_of(call(ana.member, "GET", links(first)["next"]))
    assert [(c["id"], c["status"]) for c in second["circles"]] == [(old.id, "dissolved")]
    assert body["waiting"]["id"] == second["waiting"]["id"] == new.id
    assert body_of(call(ana.member, "GET", "/api/v1/circles?page=3"))["circles"] == []


def test_nobody_else_knows_a_circle_exists(trio, stranger, manager, programme, enrol, call):
    for person in trio:
        enrol(person)
    circle = runs.run_circles(programme).proposed[0]
    db.session.commit()
    before = snapshot()
    for member in (stranger, manager):  # the manager runs the programme, yet sees counts only
        listing = body_of(call(member, "GET", "/api/v1/circles"))
        assert (listing["circles"], listing["waiting"]) == ([], None)
        for method, url in (("GET", f"/api/v1/circles/{circle.id}"), ("POST", f"/api/v1/circles/{circle.id}/accept"),
                            ("POST", f"/api/v1/circles/{circle.id}/decline")):
            response = call(member, method, url)
            body = assert_problem(response, 404, "Not Found")
            assert BEES not in str(body) and "Ana" not in str(body)
    assert snapshot() == before


def test_the_manager_runs_the_programmes_circles_and_reads_counts(trio, stranger, manager, programme, enrol, call):
    ana = trio[0]
    url = f"/api/v1/programmes/{programme.id}/circles"
    for person in trio:
        enrol(person)
    before = snapshot()
    for member in (ana.member, stranger):
        assert_problem(call(member, "POST", url), 404, "Not Found")
    assert snapshot() == before
    body = body_of(call(manager, "POST", url))
    assert (body["circles_proposed"], body["circles_3"], body["members_in_circles"], body["members_considered"]) == (
        1, 1, 3, 3)
    assert "Ana" not in str(body)
    (circle,) = db.session.scalars(sa.select(Circle)).all()
    assert circle.programme_id == programme.id
    assert body_of(call(manager, "POST", url))["circles_proposed"] == 0  # each member is in one circle at most
    programme.status = "closed"
    db.session.commit()
    before = snapshot()
    assert assert_problem(call(manager, "POST", url), 409, "Conflict")["detail"] == "This programme is closed."
    assert snapshot() == before


@pytest.mark.parametrize("huge", [2**31 - 1, 2**31, 2**63, "1" * 5000])
def test_paths_naming_ids_too_big_are_404(trio, manager, call, huge):
    circle = propose()
    before = snapshot()
    for member, method, url in ((trio[0].member, "GET", f"/api/v1/circles/{huge}"),
                                (trio[0].member, "POST", f"/api/v1/circles/{huge}/accept"),
                                (trio[0].member, "POST", f"/api/v1/circles/{huge}/decline"),
                                (manager, "POST", f"/api/v1/programmes/{huge}/circles")):
        assert_problem(call(member, method, url), 404, "Not Found")
    assert snapshot() == before and db.session.get(Circle, circle.id).status == "proposed"


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "page=%00", "page=" + "9" * 5000,
                                   "page=2147483648"])
def test_a_bad_page_is_400(trio, call, query):
    body = assert_problem(call(trio[0].member, "GET", "/api/v1/circles?" + query), 400, "Bad Request")
    assert [e["name"] for e in body["errors"]] == ["page"]


def test_answers_take_no_body(trio, call):
    """A button on the page: whatever body comes with it is not read."""
    circle = propose()
    response = call(trio[0].member, "POST", f"/api/v1/circles/{circle.id}/accept", data="\x00" * 100_000,
                    content_type="application/json")
    assert body_of(response)["accepted_by_me"] is True
