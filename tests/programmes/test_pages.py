"""The programme pages, as a manager and as members use them (hashing encoder)."""

import io

import sqlalchemy as sa

from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from marketplace.programmes.models import Participant, Programme
from tests.conftest import csrf_token

from .conftest import SETTINGS


def _post(client, url, data=None, page=None, **kwargs):
    token = csrf_token(client.get(page or url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)


def _form(settings):
    data = {k: v for k, v in settings.items() if k not in ("departments", "seniorities", "languages")}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    data["open_to_applications"] = "y"
    return data


def test_a_manager_runs_a_programme_through_the_pages(client, auth, manager, make_user, make_skill):
    auth.login(manager.email)
    response = _post(client, "/programmes/new", _form(SETTINGS))
    assert response.status_code == 302, response.get_data(as_text=True)
    programme = db.session.scalar(sa.select(Programme))
    base = f"/programmes/{programme.id}"
    assert client.get(base).status_code == 200
    lea = make_user(email="lea@example.org", seniority="junior", languages=["fr"])
    make_skill(lea, "offer", "TikTok for brands")
    marc = make_user(email="marc@example.org", seniority="executive", languages=["fr"])
    make_skill(marc, "learn", "TikTok for brands")
    csv_file = (io.BytesIO(b"email,role\nlea@example.org,mentor\nmarc@example.org,mentee\nnew@example.org,mentee\n"),
                "invite.csv")
    response = _post(client, f"{base}/invitations", {"upload": csv_file}, page=base,
                     content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Participant.id))) == 3
    assert "This is not an e-mail address" not in client.get(base).get_data(as_text=True)  # the header is skipped
    assert client.get(f"{base}/edit").status_code == 200
    assert client.get("/programmes").status_code == 200
    for member in (lea, marc):
        auth.logout()
        auth.login(member.email)
        page = client.get(f"{base}/application")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "TikTok for brands" in html  # pre-filled from the profile
        response = _post(client, f"{base}/application", {
            "role": "mentor" if member is lea else "mentee", "objectives": "Grow",
            "brings": "TikTok for brands" if member is lea else "", "seeks": "" if member is lea else "TikTok for brands",
            "availability": "Tuesdays", "avoid": "", "capacity": "1" if member is lea else ""})
        assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout()
    auth.login(manager.email)
    assert _post(client, f"{base}/remind", page=base).status_code == 302
    assert _post(client, f"{base}/matching/run", page=f"{base}/matching").status_code == 302
    page = client.get(f"{base}/matching").get_data(as_text=True)
    assert "Optimal" in page and "TikTok for brands" in page
    assert _post(client, f"{base}/publish", page=f"{base}/matching").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id)).where(Exchange.programme_id == programme.id)) == 1
    assert client.get(f"{base}/dashboard").status_code == 200
    for what in ("pairs", "figures"):
        for fmt in ("csv", "xlsx"):
            response = client.get(f"{base}/export/{what}.{fmt}")
            assert response.status_code == 200 and response.data


def test_pages_speak_french(client, auth, manager, programme):
    manager.locale = "fr"
    db.session.commit()
    auth.login(manager.email)
    for path in ("/programmes", f"/programmes/{programme.id}", f"/programmes/{programme.id}/matching",
                 f"/programmes/{programme.id}/dashboard", "/programmes/new"):
        assert client.get(path, headers={"Accept-Language": "fr"}).status_code == 200
