"""The exchange flow through the pages, as two members would click it."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace.exchange.models import Exchange, Meeting
from marketplace.extensions import db
from tests.conftest import PASSWORD

PROPOSAL = {"objectives": "Comprendre l'algorithme\nPublier une vidéo", "frequency": "weekly",
            "planned_meetings": "4", "meeting_minutes": "45", "channel": "video",
            "place": "https://meet.example/x", "ground_rules": "", "start_date": "2026-12-01",
            "message": "Bonjour !"}


def login(client, email):
    client.post("/logout")
    return client.post("/login", data={"email": email, "password": PASSWORD})


@pytest.mark.parametrize("locale,words", [
    ("en", ["Accept", "Objectives", "Schedule a meeting", "Your feedback", "End-of-exchange questionnaire"]),
    ("fr", ["Accepter", "Objectifs", "Planifier une rencontre", "Votre avis", "Questionnaire de fin d’échange"]),
])
def test_whole_flow_through_the_pages(client, pair, locale, words):
    lea, marc = pair["lea"], pair["marc"]
    for member in (lea, marc):
        member.locale = locale
    db.session.commit()

    login(client, "marc@example.org")
    page = client.get(f"/exchanges/new?member={lea.id}&their_offer={pair['tiktok'].id}").get_data(as_text=True)
    assert "TikTok pour les marques" in page
    response = client.post(f"/exchanges/new?member={lea.id}",
                           data={**PROPOSAL, "their_offer": pair["tiktok"].id, "my_offer": pair["negotiation"].id})
    assert response.status_code == 302
    exchange = db.session.scalar(sa.select(Exchange))
    assert exchange.kind == "swap"

    login(client, "lea@example.org")
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert words[0] in page
    assert client.post(f"/exchanges/{exchange.id}/accept").status_code == 302
    assert client.post(f"/exchanges/{exchange.id}/accept").status_code == 409  # twice
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(f"/exchanges/{exchange.id}/meetings",
                       data={"starts_at": when, "minutes": "45", "place": ""}).status_code == 302
    meeting = db.session.scalar(sa.select(Meeting))
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert words[1] in page

    login(client, "marc@example.org")
    assert client.post(f"/exchanges/{exchange.id}/meetings/{meeting.id}/agenda",
                       data={"text": "Le fil Pour toi"}).status_code == 302
    assert client.post(f"/exchanges/{exchange.id}/meetings/{meeting.id}/hold").status_code == 302
    assert client.post(f"/exchanges/{exchange.id}/meetings/{meeting.id}/feedback",
                       data={"rating": "5", "comment": "Top"}).status_code == 302
    assert client.post(f"/exchanges/{exchange.id}/meetings/{meeting.id}/feedback",
                       data={"rating": "4"}).status_code == 409  # once
    assert client.post(f"/exchanges/{exchange.id}/complete").status_code == 302
    page = client.get(f"/exchanges/{exchange.id}").get_data(as_text=True)
    assert words[4] in page
    answers = {"trust": "5", "listening": "4", "usefulness": "5", "objectives": "4", "recommend": "5",
               "comments": "Merci"}
    assert client.post(f"/exchanges/{exchange.id}/evaluation", data=answers).status_code == 302

    login(client, "lea@example.org")
    assert client.post(f"/exchanges/{exchange.id}/meetings/{meeting.id}/feedback",
                       data={"rating": "4"}).status_code == 302
    assert client.post(f"/exchanges/{exchange.id}/evaluation", data={**answers, "trust": "9"}).status_code == 422
    assert client.post(f"/exchanges/{exchange.id}/evaluation", data=answers).status_code == 302
    db.session.expire_all()
    assert db.session.get(Exchange, exchange.id).status == "completed"


def test_invalid_proposal_returns_the_form(client, pair):
    login(client, "marc@example.org")
    response = client.post(f"/exchanges/new?member={pair['lea'].id}",
                           data={**PROPOSAL, "their_offer": "0", "my_offer": "0"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 0
    response = client.post(f"/exchanges/new?member={pair['lea'].id}",
                           data={**PROPOSAL, "their_offer": "abc", "planned_meetings": "-3"})
    assert response.status_code == 422
    assert client.get("/exchanges/new?member=999999").status_code == 404
    assert client.get(f"/exchanges/new?member={pair['marc'].id}").status_code == 404


def test_dashboard_lists_what_waits_on_me(client, pair, make_exchange):
    make_exchange(accept=False)
    login(client, "lea@example.org")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Answer Marc’s proposal" in page
