"""Profiles, the member directory, and the interface language."""

import pytest

from marketplace.extensions import db

PROFILE = {
    "display_name": "Léa Dubois", "job_title": "Chargée de communication", "seniority": "junior",
    "department": "Marketing", "languages": ["fr", "en"], "timezone": "Europe/Paris",
    "locale": "en", "bio": "J'adore la vidéo.", "availability": "Mardi midi",
}


def test_profile_edit_saves_every_field(client, auth, make_user):
    user = make_user(email="lea@example.org")
    auth.login("lea@example.org")
    response = client.post("/profile/edit", data=PROFILE)
    assert response.status_code == 302
    db.session.refresh(user)
    for field, value in PROFILE.items():
        assert getattr(user, field) == value
    page = client.get("/profile").get_data(as_text=True)
    assert "Léa Dubois" in page and "Chargée de communication" in page


@pytest.mark.parametrize("field,value", [
    ("seniority", "intern"), ("timezone", "Mars/Olympus"), ("locale", "de"),
    ("languages", "klingon"), ("display_name", ""), ("job_title", "x" * 121),
])
def test_profile_edit_rejects_bad_values_and_keeps_the_old_ones(client, auth, make_user, field, value):
    user = make_user(email="lea@example.org", display_name="Léa", seniority="junior")
    auth.login("lea@example.org")
    response = client.post("/profile/edit", data={**PROFILE, field: value})
    assert response.status_code == 422
    db.session.refresh(user)
    assert user.display_name == "Léa" and user.seniority == "junior"


def test_public_profile_shows_skills_but_not_email(client, auth, make_user, make_skill):
    viewer = make_user(email="viewer@example.org")
    other = make_user(email="private@example.org", display_name="Henri Moreau")
    make_skill(other, "offer", "Négocier un contrat fournisseur")
    make_skill(other, "learn", "TikTok for beginners")
    auth.login(viewer.email)
    page = client.get(f"/members/{other.id}").get_data(as_text=True)
    assert "Henri Moreau" in page
    assert "Négocier un contrat fournisseur" in page and "TikTok for beginners" in page
    assert "private@example.org" not in page


def test_unknown_member_is_404(client, auth, make_user):
    make_user(email="viewer@example.org")
    auth.login("viewer@example.org")
    assert client.get("/members/999999").status_code == 404


def test_directory_searches_names_titles_and_skills(client, auth, make_user, make_skill):
    viewer = make_user(email="viewer@example.org", display_name="Zoé Viewer")
    make_user(display_name="Camille Petit", job_title="Data analyst")
    excel = make_user(display_name="Henri Moreau", job_title="CFO")
    make_skill(excel, "offer", "Excel pivot tables")
    make_user(display_name="Nobody Else", job_title="Lawyer")
    auth.login(viewer.email)
    assert "Henri Moreau" in client.get("/members?q=pivot").get_data(as_text=True)
    page = client.get("/members?q=data").get_data(as_text=True)
    assert "Camille Petit" in page and "Nobody Else" not in page
    page = client.get("/members?q=camille").get_data(as_text=True)
    assert "Camille Petit" in page and "Henri Moreau" not in page
    # Wildcards are searched literally.
    assert "Camille Petit" not in client.get("/members?q=%25").get_data(as_text=True)


def test_directory_is_paginated(app, client, auth, make_user):
    app.config["MEMBERS_PER_PAGE"] = 5
    for n in range(12):
        make_user(display_name=f"Person {n:02d}")
    auth.login("member1@example.org")
    first = client.get("/members").get_data(as_text=True)
    third = client.get("/members?page=3").get_data(as_text=True)
    assert "Person 00" in first and "Person 05" not in first
    assert "Person 10" in third and "Person 00" not in third
    assert client.get("/members?page=abc").status_code == 400  # web.page_arg: not a page number
    assert client.get("/members?page=999").status_code == 200


def test_pages_render_in_french_for_a_french_member(client, auth, make_user):
    make_user(email="fr@example.org", locale="fr")
    auth.login("fr@example.org")
    page = client.get("/profile").get_data(as_text=True)
    assert 'lang="fr"' in page
    assert "Mon profil" in page and "Peut enseigner" in page


def test_browser_language_is_used_before_login(client):
    page = client.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert "Se connecter" in page
    page = client.get("/login", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert "Sign in" in page


def test_language_switch_from_any_page_is_saved_for_the_member(client, auth, make_user):
    user = make_user(email="lea@example.org", locale="en")
    auth.login("lea@example.org")
    response = client.post("/language", data={"locale": "fr", "next": "/members"})
    assert response.headers["Location"] == "/members"
    db.session.refresh(user)
    assert user.locale == "fr"
    assert 'lang="fr"' in client.get("/members").get_data(as_text=True)


def test_language_switch_refuses_off_site_next(client):
    response = client.post("/language", data={"locale": "fr", "next": "//evil.example"})
    assert response.headers["Location"] == "/"


def test_dates_are_formatted_for_the_locale(client, auth, make_user):
    from datetime import datetime

    make_user(email="fr@example.org", locale="fr", created_at=datetime(2026, 3, 5, 12))
    auth.login("fr@example.org")
    assert "5 mars 2026" in client.get("/profile").get_data(as_text=True)
