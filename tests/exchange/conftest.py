"""Exchange fixtures: a junior and an executive who match both ways."""

from datetime import datetime

import pytest

from marketplace.exchange import services
from marketplace.extensions import db

NOW = datetime(2026, 11, 26, 9, 0)
FRAMEWORK = {"frequency": "weekly", "planned_meetings": 4, "meeting_minutes": 60, "channel": "video",
             "place": "https://meet.example/lea-marc", "ground_rules": "Léa prépare les sujets."}


@pytest.fixture
def pair(make_user, make_skill):
    lea = make_user(email="lea@example.org", display_name="Léa", seniority="junior", timezone="Europe/Paris")
    marc = make_user(email="marc@example.org", display_name="Marc", seniority="executive",
                     timezone="America/Montreal")
    return {
        "lea": lea, "marc": marc,
        "tiktok": make_skill(lea, "offer", "TikTok pour les marques"),
        "negotiation": make_skill(marc, "offer", "Negotiation with suppliers"),
        "stranger": make_user(email="stranger@example.org", display_name="Eve"),
    }


@pytest.fixture
def make_exchange(pair):
    """make_exchange(swap=False, accept=True) -> an exchange proposed by Marc to Léa."""

    def make(swap=False, accept=True, now=NOW):
        exchange = services.propose_exchange(
            pair["marc"], pair["lea"], their_offer=pair["tiktok"],
            my_offer=pair["negotiation"] if swap else None,
            objectives=["Comprendre l'algorithme", "Publier une première vidéo"], message="Bonjour Léa !",
            now=now, **FRAMEWORK)
        if accept:
            services.accept_exchange(exchange, pair["lea"], now=now)
        db.session.commit()
        return exchange

    return make
