"""Adding, editing and deleting offers and needs through the pages."""

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.skills.models import Skill

VALID = {"title": "Excel pivot tables", "description": "From raw data to a summary", "level": "4",
         "formats": ["one_to_one", "group"]}


def count_skills():
    return db.session.scalar(sa.select(sa.func.count(Skill.id)))


@pytest.fixture
def lea(auth, make_user):
    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    return user


def test_add_offer_and_need_shows_them_on_my_profile(client, lea):
    assert client.post("/skills/new/offer", data=VALID).status_code == 302
    need = {"title": "Négocier un contrat", "level": "1", "formats": ["one_to_one"]}
    assert client.post("/skills/new/learn", data=need).status_code == 302
    skills = db.session.scalars(sa.select(Skill).order_by(Skill.id)).all()
    assert [(s.direction, s.title, s.level, s.formats) for s in skills] == [
        ("offer", "Excel pivot tables", 4, ["one_to_one", "group"]),
        ("learn", "Négocier un contrat", 1, ["one_to_one"]),
    ]
    page = client.get("/profile").get_data(as_text=True)
    assert "Excel pivot tables" in page and "Négocier un contrat" in page


@pytest.mark.parametrize("change", [
    {"title": ""}, {"title": "x"}, {"title": "x" * 121}, {"description": "d" * 1001},
    {"level": "0"}, {"level": "6"}, {"level": "three"}, {"level": ""}, {"formats": ["webinar"]},
    {"formats": []},
])
def test_invalid_skill_is_refused_and_nothing_saved(client, lea, change):
    response = client.post("/skills/new/offer", data={**VALID, **change})
    assert response.status_code == 422
    assert count_skills() == 0


def test_unknown_direction_is_404(client, lea):
    assert client.post("/skills/new/teach", data=VALID).status_code == 404


def test_edit_and_delete_my_skill(client, lea, make_skill):
    skill = make_skill(lea, "offer", "Excel")
    response = client.post(f"/skills/{skill.id}/edit", data={**VALID, "title": "Excel macros"})
    assert response.status_code == 302
    db.session.refresh(skill)
    assert skill.title == "Excel macros" and skill.level == 4
    assert client.post(f"/skills/{skill.id}/delete").status_code == 302
    assert count_skills() == 0


def test_invalid_edit_keeps_the_old_values(client, lea, make_skill):
    skill = make_skill(lea, "offer", "Excel", level=2)
    response = client.post(f"/skills/{skill.id}/edit", data={**VALID, "level": "9"})
    assert response.status_code == 422
    db.session.refresh(skill)
    assert (skill.title, skill.level) == ("Excel", 2)


def test_stranger_cannot_edit_or_delete_my_skill(client, auth, make_user, make_skill):
    owner = make_user(email="owner@example.org")
    skill = make_skill(owner, "offer", "Excel pivot tables")
    make_user(email="stranger@example.org")
    auth.login("stranger@example.org")
    assert client.get(f"/skills/{skill.id}/edit").status_code == 404
    assert client.post(f"/skills/{skill.id}/edit", data={**VALID, "title": "Hacked"}).status_code == 404
    assert client.post(f"/skills/{skill.id}/delete").status_code == 404
    db.session.refresh(skill)
    assert skill.title == "Excel pivot tables"
    assert count_skills() == 1


def test_unknown_skill_is_404(client, lea):
    assert client.get("/skills/424242/edit").status_code == 404
    assert client.post("/skills/424242/delete").status_code == 404
