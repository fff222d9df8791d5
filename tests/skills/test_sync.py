"""Two app instances (two processes' worth of state) on one SQLite file."""

import pytest

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import IsolatedClient


@pytest.fixture
def second_app(app_config):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_edit_through_one_instance_changes_the_other_at_the_next_request(
        app, second_app, make_user, make_skill):
    marc = make_user(email="marc@example.org", seniority="executive")
    make_skill(marc, "learn", "Comprendre TikTok")
    lea = make_user(email="lea@example.org", seniority="junior")
    offer = make_skill(lea, "offer", "Comptabilité analytique")

    first, second = app.test_client(), second_app.test_client()
    for client in (first, second):
        client.post("/login", data={"email": "marc@example.org", "password": "correct horse battery"})
    lea_client = app.test_client()
    lea_client.post("/login", data={"email": "lea@example.org", "password": "correct horse battery"})

    # Both instances build their index and serve "no TikTok teacher".
    assert "Short-form video" not in second.get("/matches").get_data(as_text=True)
    assert "Short-form video" not in first.get("/matches").get_data(as_text=True)

    # Léa edits her offer through the first instance...
    response = lea_client.post(f"/skills/{offer.id}/edit", data={
        "title": "Short-form video on TikTok", "description": "", "level": "4", "formats": ["one_to_one"]})
    assert response.status_code == 302

    # ...and the second instance serves the change at its next request.
    assert "Short-form video on TikTok" in second.get("/matches").get_data(as_text=True)

    # A deletion travels the same way.
    lea_client.post(f"/skills/{offer.id}/delete")
    assert "Short-form video on TikTok" not in second.get("/matches").get_data(as_text=True)
