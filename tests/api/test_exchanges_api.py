"""/api/v1/exchanges: my exchanges, proposals, answers and objectives through the same services
as the exchange pages, each member with their own personal access token."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from marketplace.accounts import access_tokens, privacy
from marketplace.accounts.models import utcnow
from marketplace.exchange import cohorts, meetings, pages, queries, services
from marketplace.exchange.models import Exchange, Objective, Teaching
from marketplace.extensions import db
from tests.api.conftest import links
from tests.conftest import PASSWORD, statements_sent

FRAMEWORK = {"frequency": "weekly", "planned_meetings": 4, "meeting_minutes": 60, "channel": "video",
             "place": "https://meet.example/lea-marc", "ground_rules": "Léa prépare les sujets."}
HUGE_IDS = [2**31, 2**63]


@pytest.fixture
def people(make_user, make_skill):
    """Léa (a junior who teaches TikTok) and Marc (an executive who teaches negotiation),
    each with a read-write token; Eve, a stranger, with hers."""
    lea = make_user(email="lea@example.org", display_name="Léa", seniority="junior")
    marc = make_user(email="marc@example.org", display_name="Marc", seniority="executive",
                     timezone="America/Montreal")
    eve = make_user(email="eve@example.org", display_name="Eve")
    found = {"lea": lea, "marc": marc, "eve": eve,
             "tiktok": make_skill(lea, "offer", "TikTok pour les marques"),
             "negotiation": make_skill(marc, "offer", "Negotiation with suppliers"),
             "budgets": make_skill(eve, "offer", "Budgets")}
    found["tokens"] = {name: access_tokens.create_token(found[name], f"{name}'s script", "write")[1]
                       for name in ("lea", "marc", "eve")}
    found["tokens"]["lea_read"] = access_tokens.create_token(lea, "Léa's reader", "read")[1]
    db.session.commit()
    return found


def snapshot():
    """Every row of every table, read on a connection of its own (the test's objects stay
    usable; tests/test_authorization_matrix.py's snapshot ends the session)."""
    db.session.expire_all()
    with db.engine.connect() as connection:
        return {table.name: connection.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
                for table in db.metadata.sorted_tables}


def bearer(people, name):
    return {"Authorization": f"Bearer {people['tokens'][name]}"}


def call(client, people, name, method, url, body=None):
    """One API request with the member's own token; returns (status, JSON body)."""
    response = client.open(url, method=method, headers=bearer(people, name), json=body)
    return response.status_code, response.get_json(force=True, silent=True)


def proposal(people, **changes):
    """Marc's proposal to Léa: she teaches him TikTok, he teaches her negotiation (a swap)."""
    return {"member": people["lea"].id, "their_offer": people["tiktok"].id, "my_offer": people["negotiation"].id,
            "objectives": ["Comprendre l'algorithme", "Publier une vidéo"], "message": "Bonjour Léa !",
            **FRAMEWORK, **changes}


def propose(client, people, **changes):
    status, body = call(client, people, "marc", "POST", "/api/v1/exchanges", proposal(people, **changes))
    assert status == 201, body
    return body


def active(client, people, **changes):
    made = propose(client, people, **changes)
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{made['id']}/accept")[0] == 200
    return db.session.get(Exchange, made["id"])


def test_a_two_way_swap_proposed_with_one_token_is_accepted_with_the_others(client, people):
    """The issue's walkthrough: A proposes a two-way swap to B with A's token; B accepts with
    B's own token; the exchange is then active for both."""
    response = client.post("/api/v1/exchanges", json=proposal(people), headers=bearer(people, "marc"))
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert response.headers["Location"] == f"/api/v1/exchanges/{made['id']}"
    assert (made["kind"], made["status"], made["role"], made["waiting_on_me"]) == ("swap", "proposed", "both", False)
    assert made["waiting_for"]["id"] == people["lea"].id and made["may"] == ["withdraw"]
    assert {(t["teacher"]["id"], t["learner"]["id"], t["topic"]) for t in made["teachings"]} == {
        (people["lea"].id, people["marc"].id, "TikTok pour les marques"),
        (people["marc"].id, people["lea"].id, "Negotiation with suppliers")}
    waiting = client.get(response.headers["Location"], headers=bearer(people, "lea")).get_json()
    assert waiting["waiting_on_me"] and waiting["may"] == ["accept", "decline", "counter"]

    accepted = client.post(f"/api/v1/exchanges/{made['id']}/accept", headers=bearer(people, "lea"))
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "active"
    exchange = db.session.get(Exchange, made["id"])
    db.session.refresh(exchange)
    assert exchange.status == "active" and exchange.accepted_at is not None
    for name in ("lea", "marc"):
        shown = client.get(f"/api/v1/exchanges/{made['id']}", headers=bearer(people, name)).get_json()
        assert shown["status"] == "active" and shown["may"] == ["complete", "cancel", "update_objectives"]
        listed = client.get("/api/v1/exchanges?section=active", headers=bearer(people, name)).get_json()
        assert [e["id"] for e in listed["exchanges"]] == [made["id"]]
        assert [e.id for e in db.session.scalars(queries.exchanges_of(people[name], ("active",)))] == [made["id"]]


def test_an_exchange_reads_as_its_page_shows_it_and_never_an_email(app, client, people):
    made = propose(client, people, start_date="2027-01-04")
    status, shown = call(client, people, "lea", "GET", f"/api/v1/exchanges/{made['id']}")
    assert status == 200
    assert shown["framework"] == {**FRAMEWORK, "start_date": "2027-01-04"}
    assert [(o["title"], o["status"], o["done_at"]) for o in shown["objectives"]] == [
        ("Comprendre l'algorithme", "todo", None), ("Publier une vidéo", "todo", None)]
    assert shown["proposer"]["id"] == people["marc"].id and shown["message"] == "Bonjour Léa !"
    assert [m["display_name"] for m in shown["participants"]] == ["Marc", "Léa"]
    assert [m["id"] for m in shown["others"]] == [people["marc"].id]
    assert shown["expires_at"].endswith("+00:00") and shown["held_meetings"] == 0
    assert [(r["author"]["id"], r["message"], r["terms"]["frequency"]) for r in shown["history"]] == [
        (people["marc"].id, "Bonjour Léa !", "weekly")]
    assert "@" not in json.dumps(shown)
    # The page's own checks give the same moves.
    exchange = db.session.get(Exchange, made["id"])
    for name in ("lea", "marc"):
        with app.test_request_context():
            context = pages.exchange_context(exchange, people[name])
        page_moves = (["accept", "decline", "counter"] if context["waiting_on_me"] else []) + (
            ["withdraw"] if context["can_withdraw"] else [])
        assert call(client, people, name, "GET", f"/api/v1/exchanges/{made['id']}")[1]["may"] == page_moves


def test_a_stranger_and_huge_ids_are_told_the_exchange_does_not_exist(client, people):
    exchange = active(client, people)
    objective = exchange.objectives[0].id
    before = snapshot()
    for method, path in (("GET", ""), ("POST", "/accept"), ("POST", "/decline"), ("POST", "/withdraw"),
                         ("POST", "/counter"), ("POST", "/complete"), ("POST", "/cancel"),
                         ("PATCH", f"/objectives/{objective}")):
        body = {"status": "done"} if method == "PATCH" else None
        status, problem = call(client, people, "eve", method, f"/api/v1/exchanges/{exchange.id}{path}", body)
        assert (status, problem["status"]) == (404, 404), (method, path)
        for huge in HUGE_IDS:
            assert call(client, people, "lea", method, f"/api/v1/exchanges/{huge}{path}", body)[0] == 404
    for huge in HUGE_IDS:
        assert call(client, people, "lea", "PATCH", f"/api/v1/exchanges/{exchange.id}/objectives/{huge}",
                    {"status": "done"})[0] == 404
    assert call(client, people, "lea", "PATCH", f"/api/v1/exchanges/{exchange.id}/objectives/{2**31 - 1}",
                {"status": "done"})[0] == 404
    assert snapshot() == before


def test_reading_changes_nothing_even_an_overdue_proposal(client, people):
    made = propose(client, people)
    exchange = db.session.get(Exchange, made["id"])
    exchange.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    before = snapshot()
    shown = call(client, people, "lea", "GET", f"/api/v1/exchanges/{made['id']}")[1]
    assert (shown["status"], shown["may"], shown["waiting_for"]) == ("expired", [], None)
    listed = call(client, people, "lea", "GET", "/api/v1/exchanges?section=closed")[1]
    assert [(e["id"], e["status"]) for e in listed["exchanges"]] == [(made["id"], "expired")]
    assert call(client, people, "lea", "GET", "/api/v1/exchanges?section=pending")[1]["exchanges"] == []
    assert snapshot() == before
    # The next move records the expiry, as on the page.
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{made['id']}/accept")[0] == 409


def test_my_exchanges_are_paged_in_a_stable_order_by_section(app, client, people, make_user, make_skill,
                                                             monkeypatch):
    monkeypatch.setattr(pages, "EXCHANGES_PER_PAGE", 2)
    lea, marc = people["lea"], people["marc"]
    made = [services.propose_exchange(marc, lea, their_offer=make_skill(lea, "offer", topic),
                                      objectives=[f"Goal {topic}"], frequency="weekly")
            for topic in ("Bonsai care", "Knitting patterns", "Sailing knots")]
    services.accept_exchange(made[0], lea)
    mine = services.propose_exchange(lea, marc, their_offer=people["negotiation"], objectives=["Mine"])
    # A cohort where Léa holds a seat, and a circle she teaches in.
    mentor = make_user(display_name="Mentor", seniority="senior")
    cohort = cohorts.open_cohort(mentor, make_skill(mentor, "offer", "Public speaking"), "Speak up", 3,
                                 language="en", objectives=["Speak"], **FRAMEWORK)
    cohorts.join_cohort(cohort, lea)
    third = make_user(display_name="Third")
    circle = Exchange(kind="circle", status="active", proposer_id=lea.id, accepted_at=utcnow(), teachings=[
        Teaching(teacher_id=lea.id, learner_id=marc.id, topic="TikTok"),
        Teaching(teacher_id=marc.id, learner_id=third.id, topic="Negotiation"),
        Teaching(teacher_id=third.id, learner_id=lea.id, topic="Knots")], objectives=[Objective(title="Circle")])
    db.session.add(circle)
    db.session.commit()
    everything = [e.id for e in db.session.scalars(queries.exchanges_of(lea))]
    assert len(everything) == 6 and {cohort.exchange_id, circle.id} <= set(everything)

    url, seen, bodies = "/api/v1/exchanges", [], []
    while url:
        response = client.get(url, headers=bearer(people, "lea"))
        assert response.status_code == 200
        bodies.append(response.get_json())
        seen += [e["id"] for e in bodies[-1]["exchanges"]]
        url = links(response).get("next")
    assert seen == everything and [b["page"] for b in bodies] == [1, 2, 3]
    assert all(b["total"] == 6 and b["pages"] == 3 for b in bodies) and bodies[-1]["has_more"] is False
    by_id = {e["id"]: e for b in bodies for e in b["exchanges"]}
    assert by_id[cohort.exchange_id]["cohort"] == cohort.id and by_id[cohort.exchange_id]["role"] == "mentee"
    assert by_id[cohort.exchange_id]["kind"] == "group"
    assert sorted(m["display_name"] for m in by_id[circle.id]["others"]) == ["Marc", "Third"]
    assert by_id[mine.id]["waiting_on_me"] is False and by_id[made[1].id]["waiting_on_me"] is True

    def section(name):
        response = client.get(f"/api/v1/exchanges?section={name}&page=1", headers=bearer(people, "lea"))
        return response, [e["id"] for e in response.get_json()["exchanges"]]

    response, first = section("pending")
    assert first == [mine.id, made[2].id] and response.get_json()["total"] == 3
    assert parse_qs(urlsplit(links(response)["next"]).query) == {"section": ["pending"], "page": ["2"]}
    assert section("to_answer")[1] == [made[2].id, made[1].id]
    assert section("active")[1] == [circle.id, cohort.exchange_id]
    assert section("closed")[1] == []
    # The dashboard shows the same sections.
    with app.test_request_context():
        context = pages.dashboard_context(lea, utcnow())
    assert [e.id for e in context["pending"]] == first


def test_a_list_and_an_exchange_cost_the_same_statements_whatever_their_size(client, people, make_user):
    lea, marc = people["lea"], people["marc"]

    def counted(url):
        assert client.get(url, headers=bearer(people, "lea")).status_code == 200
        with statements_sent() as sent:
            assert client.get(url, headers=bearer(people, "lea")).status_code == 200
        return len(sent)

    def grow(exchange, n):
        """One more proposal waiting for Léa (with a counter-proposal), a meeting of the
        exchange and a member proposing."""
        other = make_user(display_name=f"Other {n}")
        services.counter_propose(services.propose_exchange(other, lea, their_offer=people["tiktok"],
                                                           objectives=["Two", "Three"]), lea, frequency="monthly")
        meetings.schedule_meeting(exchange, lea, (utcnow() + timedelta(days=3 + n)).replace(hour=12, minute=0))
        db.session.commit()

    exchange = services.propose_exchange(marc, lea, their_offer=people["tiktok"], objectives=["One"])
    services.counter_propose(exchange, lea, meeting_minutes=30)
    services.accept_exchange(exchange, marc)
    grow(exchange, 0)
    small = counted("/api/v1/exchanges"), counted(f"/api/v1/exchanges/{exchange.id}")
    for n in range(1, 5):
        grow(exchange, n)
    assert (counted("/api/v1/exchanges"), counted(f"/api/v1/exchanges/{exchange.id}")) == small


def test_answers_move_the_exchange_as_the_page_does(client, people):
    lea, marc = people["lea"], people["marc"]
    declined = propose(client, people)
    assert call(client, people, "marc", "POST", f"/api/v1/exchanges/{declined['id']}/decline")[0] == 409
    status, body = call(client, people, "lea", "POST", f"/api/v1/exchanges/{declined['id']}/decline",
                        {"reason": "  Pas le temps  "})
    assert (status, body["status"], body["closing_reason"], body["may"]) == (200, "declined", "Pas le temps", [])
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{declined['id']}/accept")[0] == 409

    withdrawn = propose(client, people)
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{withdrawn['id']}/withdraw")[0] == 409
    status, body = call(client, people, "marc", "POST", f"/api/v1/exchanges/{withdrawn['id']}/withdraw")
    assert (status, body["status"]) == (200, "withdrawn")

    exchange = active(client, people)
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{exchange.id}/withdraw")[0] == 409
    status, body = call(client, people, "lea", "POST", f"/api/v1/exchanges/{exchange.id}/complete")
    assert (status, body["status"], body["closed_at"] is not None) == (200, "completed", True)
    assert call(client, people, "marc", "POST", f"/api/v1/exchanges/{exchange.id}/cancel")[0] == 409

    cancelled = active(client, people)
    status, body = call(client, people, "marc", "POST", f"/api/v1/exchanges/{cancelled.id}/cancel",
                        {"reason": "Moving on"})
    assert (status, body["status"], body["closing_reason"]) == (200, "cancelled", "Moving on")
    db.session.expire_all()
    assert [e.status for e in db.session.scalars(sa.select(Exchange).order_by(Exchange.id))] == [
        "declined", "withdrawn", "completed", "cancelled"]
    assert {(n.user_id, n.kind) for n in _notifications()} >= {
        (marc.id, "proposal_declined"), (lea.id, "proposal_withdrawn"), (marc.id, "exchange_completed"),
        (lea.id, "exchange_cancelled")}


def _notifications():
    from marketplace.notifications.models import Notification

    return db.session.scalars(sa.select(Notification)).all()


def test_a_counter_proposal_changes_what_it_names_and_waits_for_the_other_side(client, people):
    made = propose(client, people)
    url = f"/api/v1/exchanges/{made['id']}/counter"
    assert call(client, people, "marc", "POST", url, {"frequency": "monthly"})[0] == 409
    status, body = call(client, people, "lea", "POST", url, {"frequency": "monthly", "message": "Plutôt ?"})
    assert status == 200 and body["id"] == made["id"]
    assert body["framework"] == {**FRAMEWORK, "frequency": "monthly", "start_date": None}
    assert [o["title"] for o in body["objectives"]] == ["Comprendre l'algorithme", "Publier une vidéo"]
    assert body["waiting_for"]["id"] == people["marc"].id and body["may"] == []
    assert [(r["author"]["id"], r["message"], r["terms"]["frequency"]) for r in body["history"]] == [
        (people["marc"].id, "Bonjour Léa !", "weekly"), (people["lea"].id, "Plutôt ?", "monthly")]
    status, body = call(client, people, "marc", "POST", url, {"objectives": ["Un seul"], "planned_meetings": 2})
    assert status == 200 and [o["title"] for o in body["objectives"]] == ["Un seul"]
    assert (body["framework"]["frequency"], body["framework"]["planned_meetings"]) == ("monthly", 2)
    assert call(client, people, "lea", "POST", f"/api/v1/exchanges/{made['id']}/accept")[1]["status"] == "active"
    assert call(client, people, "lea", "POST", url, {"frequency": "weekly"})[0] == 409


def test_objectives_move_on_an_active_exchange_only(client, people):
    made = propose(client, people, my_offer=None)
    pending_objective = db.session.get(Exchange, made["id"]).objectives[0].id
    assert call(client, people, "lea", "PATCH", f"/api/v1/exchanges/{made['id']}/objectives/{pending_objective}",
                {"status": "done"})[0] == 409
    exchange = active(client, people)
    first, other_exchange = exchange.objectives[0].id, pending_objective
    url = f"/api/v1/exchanges/{exchange.id}/objectives/{first}"
    status, body = call(client, people, "marc", "PATCH", url, {"status": "in_progress"})
    assert (status, body["id"], body["status"], body["done_at"]) == (200, first, "in_progress", None)
    status, body = call(client, people, "lea", "PATCH", url, {"status": "done"})
    assert body["status"] == "done" and body["started_at"] and body["done_at"].endswith("+00:00")
    objective = db.session.get(Objective, first)
    db.session.refresh(objective)
    assert objective.status == "done"
    assert call(client, people, "lea", "PATCH", f"/api/v1/exchanges/{exchange.id}/objectives/{other_exchange}",
                {"status": "done"})[0] == 404
    for bad in ({"status": "finished"}, {"status": None}, {}, {"status": "done", "extra": 1}):
        status, problem = call(client, people, "lea", "PATCH", url, bad)
        assert status == 422 and problem["errors"][0]["pointer"] in ("#/status", "#/extra"), bad


def test_a_cohorts_mentor_runs_it_and_a_seated_member_may_not(client, people, make_user, make_skill):
    mentor = make_user(display_name="Mentor", seniority="senior")
    cohort = cohorts.open_cohort(mentor, make_skill(mentor, "offer", "Public speaking"), "Speak up", 3,
                                 language="en", objectives=["Speak"], **FRAMEWORK)
    cohorts.join_cohort(cohort, people["lea"])
    mentor_token = access_tokens.create_token(mentor, "Mentor's script", "write")[1]
    db.session.commit()
    url = f"/api/v1/exchanges/{cohort.exchange_id}"
    shown = call(client, people, "lea", "GET", url)[1]
    assert (shown["kind"], shown["role"], shown["may"], shown["cohort"]) == ("group", "mentee", [], cohort.id)
    assert shown["teachings"][0]["learner"] is None
    assert [m["display_name"] for m in shown["participants"]] == ["Mentor", "Léa"]
    before = snapshot()
    for path, method, body in (("/complete", "POST", None), ("/cancel", "POST", {}),
                               (f"/objectives/{cohort.exchange.objectives[0].id}", "PATCH", {"status": "done"})):
        assert call(client, people, "lea", method, url + path, body)[0] == 403
    assert call(client, people, "eve", "GET", url)[0] == 404
    assert snapshot() == before
    mentor_sees = client.get(url, headers={"Authorization": f"Bearer {mentor_token}"}).get_json()
    assert mentor_sees["may"] == ["complete", "cancel", "update_objectives"] and mentor_sees["role"] == "mentor"


def test_a_read_only_token_reads_but_never_moves(client, people):
    made = propose(client, people)
    assert call(client, people, "lea_read", "GET", f"/api/v1/exchanges/{made['id']}")[0] == 200
    before = snapshot()
    assert call(client, people, "lea_read", "POST", f"/api/v1/exchanges/{made['id']}/accept")[0] == 403
    assert call(client, people, "lea_read", "POST", "/api/v1/exchanges",
                proposal(people, member=people["marc"].id, their_offer=people["negotiation"].id,
                         my_offer=None))[0] == 403
    assert client.post(f"/api/v1/exchanges/{made['id']}/accept").status_code == 401
    assert snapshot() == before


def test_a_proposal_goes_to_another_live_member_with_their_offers(client, people):
    marc, eve = people["marc"], people["eve"]
    before = snapshot()
    refusals = [
        (proposal(people, member=marc.id, their_offer=None, my_offer=people["negotiation"].id), 404),  # myself
        (proposal(people, member=2**31 - 1), 404),
        (proposal(people, their_offer=people["budgets"].id), 422),  # Eve's offer, not Léa's
        (proposal(people, my_offer=people["tiktok"].id), 422),  # Léa's offer, not mine
        (proposal(people, their_offer=2**31 - 1), 422),
        (proposal(people, their_offer=None, my_offer=None), 422),  # nobody teaches anything
    ]
    for body, expected in refusals:
        status, problem = call(client, people, "marc", "POST", "/api/v1/exchanges", body)
        assert (status, problem["status"]) == (expected, expected), (body, problem)
        assert problem["detail"]
    assert snapshot() == before
    propose(client, people)
    status, problem = call(client, people, "marc", "POST", "/api/v1/exchanges", proposal(people))
    assert status == 409 and "already waiting" in problem["detail"]
    # One direction only: Léa teaches Marc (he is the senior: reverse mentoring).
    one_way = propose(client, people, my_offer=None, objectives=["Autre chose"])
    assert (one_way["kind"], one_way["role"]) == ("reverse", "mentee")
    privacy.delete_account(eve, PASSWORD)
    db.session.commit()
    before = snapshot()
    status, problem = call(client, people, "marc", "POST", "/api/v1/exchanges",
                           proposal(people, member=eve.id, their_offer=None))
    assert (status, problem["detail"]) == (404, "This member does not exist.")
    assert snapshot() == before


# (label, fields replaced in a valid proposal, where the error points)
BAD_PROPOSALS = [
    ("NUL in an objective", {"objectives": ["a\x00b"]}, "#/objectives/0"),
    ("line break in an objective", {"objectives": ["a\r\nb"]}, "#/objectives/0"),
    ("RTL override in the place", {"place": "\u202egnp.exe"}, "#/place"),
    ("NUL in the message", {"message": "Bonjour\x00"}, "#/message"),
    ("100k message", {"message": "x" * 100_000}, "#/message"),
    ("100k ground rules", {"ground_rules": "x" * 100_000}, "#/ground_rules"),
    ("objective of 201 characters", {"objectives": ["x" * 201]}, "#/objectives/0"),
    ("blank objective", {"objectives": ["   "]}, "#/objectives/0"),
    ("no objective", {"objectives": []}, "#/objectives"),
    ("six objectives", {"objectives": [f"Goal {n}" for n in range(6)]}, "#/objectives"),
    ("objectives as text", {"objectives": "Goal"}, "#/objectives"),
    ("unknown frequency", {"frequency": "daily"}, "#/frequency"),
    ("unknown channel", {"channel": "carrier pigeon"}, "#/channel"),
    ("53 meetings", {"planned_meetings": 53}, "#/planned_meetings"),
    ("meetings as text", {"planned_meetings": "4"}, "#/planned_meetings"),
    ("meetings of 14 minutes", {"meeting_minutes": 14}, "#/meeting_minutes"),
    ("not a date", {"start_date": "next monday"}, "#/start_date"),
    ("member id 2**31", {"member": 2**31}, "#/member"),
    ("member id 2**63", {"member": 2**63}, "#/member"),
    ("member id 0", {"member": 0}, "#/member"),
    ("member as text", {"member": "lea"}, "#/member"),
    ("offer id 2**63", {"their_offer": 2**63}, "#/their_offer"),
    ("unknown field", {"email": "lea@example.org"}, "#/email"),
]


@pytest.mark.parametrize("label,changes,pointer", BAD_PROPOSALS, ids=[case[0] for case in BAD_PROPOSALS])
def test_a_bad_proposal_is_refused_field_by_field(client, people, label, changes, pointer):
    before = snapshot()
    status, problem = call(client, people, "marc", "POST", "/api/v1/exchanges", proposal(people, **changes))
    assert status == 422 and problem["title"] == "Unprocessable Content", problem
    assert pointer in [error["pointer"] for error in problem["errors"]]
    assert snapshot() == before


@pytest.mark.parametrize("label,body,pointer", [
    ("NUL in the reason", {"reason": "No\x00"}, "#/reason"),
    ("100k reason", {"reason": "x" * 100_000}, "#/reason"),
    ("reason as a number", {"reason": 12}, "#/reason"),
    ("unknown field", {"why": "x"}, "#/why"),
])
@pytest.mark.parametrize("move", ["decline", "cancel"])
def test_a_bad_reason_is_refused(client, people, move, label, body, pointer):
    exchange = propose(client, people)["id"] if move == "decline" else active(client, people).id
    before = snapshot()
    status, problem = call(client, people, "lea", "POST", f"/api/v1/exchanges/{exchange}/{move}", body)
    assert status == 422 and pointer in [error["pointer"] for error in problem["errors"]]
    assert snapshot() == before


@pytest.mark.parametrize("body,pointer", [
    ({"objectives": ["a\x00b"]}, "#/objectives/0"), ({"message": "x" * 100_000}, "#/message"),
    ({"objectives": [f"Goal {n}" for n in range(6)]}, "#/objectives"), ({"frequency": "yearly"}, "#/frequency"),
    ({"meeting_minutes": 241}, "#/meeting_minutes"), ({"member": 1}, "#/member"),
])
def test_a_bad_counter_proposal_is_refused(client, people, body, pointer):
    made = propose(client, people)
    before = snapshot()
    status, problem = call(client, people, "lea", "POST", f"/api/v1/exchanges/{made['id']}/counter", body)
    assert status == 422 and pointer in [error["pointer"] for error in problem["errors"]]
    assert snapshot() == before


@pytest.mark.parametrize("query", ["section=everything", "section=%00", "page=0", "page=" + "9" * 5000,
                                   "page=2147483648"])
def test_a_bad_list_argument_is_a_400(client, people, query):
    status, problem = call(client, people, "lea", "GET", f"/api/v1/exchanges?{query}")
    assert status == 400 and [error["in"] for error in problem["errors"]] == ["query"]


def test_the_services_counter_proposal_keeps_what_it_does_not_name(people):
    """The counter page sends every term (its form shows the current ones); a caller that names
    fewer keeps the others."""
    exchange = services.propose_exchange(people["marc"], people["lea"], their_offer=people["tiktok"],
                                         objectives=["Un", "Deux"], **FRAMEWORK)
    services.counter_propose(exchange, people["lea"], meeting_minutes=30)
    assert {name: getattr(exchange, name) for name in FRAMEWORK} == {**FRAMEWORK, "meeting_minutes": 30}
    assert [o.title for o in exchange.objectives] == ["Un", "Deux"]


def conforms(client, body, schema_name):
    """The body is what the OpenAPI document says the schema is (JSON Schema 2020-12)."""
    from jsonschema import Draft202012Validator

    document = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    errors = [f"{list(error.absolute_path)}: {error.message}"
              for error in Draft202012Validator(schema).iter_errors(body)]
    assert errors == [], errors


def test_every_kind_of_exchange_reads_as_the_document_says(client, people, make_user, make_skill):
    """An exchange at each stage and of each kind (a former member's included), and the list
    holding them, against the published schemas."""
    lea = people["lea"]
    swap = propose(client, people)
    call(client, people, "lea", "POST", f"/api/v1/exchanges/{swap['id']}/counter", {"start_date": "2027-02-01"})
    done = active(client, people, my_offer=None).id
    call(client, people, "lea", "PATCH", f"/api/v1/exchanges/{done}/objectives/"
         f"{db.session.get(Exchange, done).objectives[0].id}", {"status": "done"})
    call(client, people, "lea", "POST", f"/api/v1/exchanges/{done}/complete")
    mentor = make_user(display_name="Mentor", seniority="senior")
    cohort = cohorts.open_cohort(mentor, make_skill(mentor, "offer", "Public speaking"), "Speak up", 3,
                                 language="en", objectives=["Speak"], **FRAMEWORK)
    cohorts.join_cohort(cohort, lea)
    gone = services.propose_exchange(people["eve"], lea, their_offer=people["tiktok"], objectives=["Gone"])
    db.session.commit()
    privacy.delete_account(people["eve"], PASSWORD)
    db.session.commit()
    for exchange_id in (swap["id"], done, cohort.exchange_id, gone.id):
        status, body = call(client, people, "lea", "GET", f"/api/v1/exchanges/{exchange_id}")
        assert status == 200
        conforms(client, body, "Exchange")
    assert call(client, people, "lea", "GET", f"/api/v1/exchanges/{gone.id}")[1]["others"][0] == {
        "id": gone.proposer_id, "display_name": "Former member", "job_title": "", "seniority": "mid",
        "department": "", "former": True}
    listed = call(client, people, "lea", "GET", "/api/v1/exchanges")[1]
    assert len(listed["exchanges"]) == 4
    conforms(client, listed, "ExchangesPage")
