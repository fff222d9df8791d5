"""Adding, editing and deleting offers and needs through the pages."""

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.skills.models import Skill

VALID = {"title": "Excel pivot tables", "description": "From raw data to a summary", "level": "4",
         "formats": ["one_to_one", "group"]}


@pytest.fixture
def app_config(app_config):
    """The hashing encoder: these pages do not depend on the model."""
    return {**app_config, "MATCHING_ENCODER": "hashing"}


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


def test_the_same_skill_again_gets_a_field_message(client, lea, make_skill):
    make_skill(lea, "offer", "Excel pivot tables")
    response = client.post("/skills/new/offer", data={**VALID, "title": "excel  PIVOT tables"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert '<p class="error">You already offer “Excel pivot tables”.</p>' in page
    assert 'name="add_anyway"' not in page
    assert count_skills() == 1


def test_a_near_duplicate_comes_back_until_added_anyway(client, lea, make_skill):
    existing = make_skill(lea, "offer", "Excel pivot tables")
    response = client.post("/skills/new/offer", data={**VALID, "title": "Excel pivot table"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "You already offer “Excel pivot tables”, which looks like the same skill." in page
    assert f'href="/skills/{existing.id}/edit"' in page
    assert 'name="add_anyway"' in page and "Add it anyway" in page
    assert 'value="Excel pivot table"' in page  # what was typed is kept
    assert count_skills() == 1

    response = client.post("/skills/new/offer", data={**VALID, "title": "Excel pivot table", "add_anyway": "y"})
    assert response.status_code == 302
    assert count_skills() == 2


def test_renaming_into_a_near_duplicate_asks_first(client, lea, make_skill):
    make_skill(lea, "offer", "Excel pivot tables")
    skill = make_skill(lea, "offer", "Public speaking")
    response = client.post(f"/skills/{skill.id}/edit", data={**VALID, "title": "Excel pivot table"})
    assert response.status_code == 422
    assert "Save it anyway" in response.get_data(as_text=True)
    db.session.refresh(skill)
    assert skill.title == "Public speaking"
    response = client.post(f"/skills/{skill.id}/edit", data={**VALID, "title": "Excel pivot table", "add_anyway": "y"})
    assert response.status_code == 302
    db.session.refresh(skill)
    assert skill.title == "Excel pivot table"
