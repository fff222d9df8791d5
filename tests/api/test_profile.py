"""/api/v1/me, /api/v1/me/calendar/rotate and /api/v1/members: my profile (ETag and If-Match),
my calendar feed's address, the member directory and a member's page, through the same
services as the pages."""

import pytest

from marketplace.accounts import privacy, services
from marketplace.accounts.models import User
from marketplace.accounts.queries import member_directory
from marketplace.extensions import db
from marketplace.skills import matching
from tests.api.conftest import PER_PAGE, bearer, links, writes
from tests.conftest import PASSWORD, statements_sent

CHANGES = {"display_name": "Léa Dubois", "job_title": "Chargée de communication", "seniority": "junior",
           "department": "Marketing", "languages": ["fr", "en"], "timezone": "America/Montreal", "locale": "fr",
           "bio": "J'adore la vidéo.\nEt le montage.", "availability": "Mardi midi"}
SETTINGS = ("display_name", "job_title", "seniority", "department", "languages", "timezone", "locale", "bio",
            "availability", "email", "calendar_token")



def settings(member):
    """The member's profile fields as stored."""
    db.session.expire_all()
    member = db.session.get(User, member.id)
    return {name: getattr(member, name) for name in SETTINGS}





def read_profile(client, headers):
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


# --- GET /api/v1/me -------------------------------------------------------------------------

def test_my_profile_is_what_my_profile_page_shows_me(client, me, headers):
    response = read_profile(client, headers)
    body = response.get_json()
    assert body == {
        "id": me.id, "email": "me@example.org", "display_name": "Me", "job_title": "Analyst", "seniority": "mid",
        "department": "Operations", "languages": ["fr", "en"], "timezone": "Europe/Paris", "locale": "en", "bio": "",
        "availability": "", "member_since": body["member_since"],
        "offers": [{"id": me.offers[0].id, "direction": "offer", "title": "Public speaking", "description": "",
                    "level": 3, "formats": ["one_to_one"]}],
        "needs": [{"id": me.needs[0].id, "direction": "learn", "title": "Excel pivot tables", "description": "",
                   "level": 3, "formats": ["one_to_one"]}]}
    assert body["member_since"].endswith("+00:00")
    # The calendar feed's secret address is on the dashboard, not the profile page.
    assert me.calendar_token not in response.get_data(as_text=True)
    assert response.headers["ETag"]


def test_reading_my_profile_writes_nothing_and_answers_304_when_unchanged(client, me, headers):
    etag = read_profile(client, headers).headers["ETag"]
    with statements_sent() as sent:
        again = client.get("/api/v1/me", headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    assert writes(sent) == []


def test_signed_out_is_401(client, me):
    assert client.get("/api/v1/me").status_code == 401
    assert client.patch("/api/v1/me", json={"bio": "x"}, headers={"If-Match": '"x"'}).status_code == 401


# --- PATCH /api/v1/me ----------------------------------------------------------------------

def test_changing_my_profile_takes_the_etag_i_read(client, me, headers):
    etag = read_profile(client, headers).headers["ETag"]
    response = client.patch("/api/v1/me", json=CHANGES, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.get_data(as_text=True)
    stored = settings(me)
    assert {name: stored[name] for name in CHANGES} == CHANGES
    body = response.get_json()
    assert {name: body[name] for name in CHANGES} == CHANGES
    # The new ETag is the one a new read gives, and the old one is now stale.
    assert response.headers["ETag"] == read_profile(client, headers).headers["ETag"] != etag
    stale = client.patch("/api/v1/me", json={"bio": "Again"}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412 and stale.mimetype == "application/problem+json"
    assert settings(me)["bio"] == CHANGES["bio"]


def test_only_the_fields_sent_change(client, me, headers):
    before = settings(me)
    etag = read_profile(client, headers).headers["ETag"]
    response = client.patch("/api/v1/me", json={"job_title": "  Data analyst  "}, headers={**headers, "If-Match": etag})
    assert response.status_code == 200
    assert settings(me) == {**before, "job_title": "Data analyst"}


def test_without_if_match_it_is_428_and_nothing_changes(client, me, headers):
    before = settings(me)
    response = client.patch("/api/v1/me", json={"bio": "New"}, headers=headers)
    assert response.status_code == 428 and response.mimetype == "application/problem+json"
    assert "If-Match" in response.get_json()["detail"]
    assert settings(me) == before


def test_a_profile_changed_elsewhere_is_412(client, me, headers):
    etag = read_profile(client, headers).headers["ETag"]
    services.update_profile(me, bio="Changed on the page")
    db.session.commit()
    response = client.patch("/api/v1/me", json={"bio": "Mine"}, headers={**headers, "If-Match": etag})
    assert response.status_code == 412
    assert settings(me)["bio"] == "Changed on the page"


def test_a_new_skill_changes_my_profiles_etag(client, me, headers, make_skill):
    etag = read_profile(client, headers).headers["ETag"]
    make_skill(me, "offer", "Video editing")
    assert read_profile(client, headers).headers["ETag"] != etag


def test_a_read_only_token_may_not_change_it(client, me):
    headers = bearer(me, "read")
    etag = read_profile(client, headers).headers["ETag"]
    before = settings(me)
    assert client.patch("/api/v1/me", json={"bio": "x"}, headers={**headers, "If-Match": etag}).status_code == 403
    assert settings(me) == before


@pytest.mark.parametrize("body,pointer", [
    ({"display_name": "a\x00b"}, "#/display_name"),
    ({"job_title": "a\x00b"}, "#/job_title"),
    ({"bio": "a\x00b"}, "#/bio"),
    ({"availability": "a\x01b"}, "#/availability"),
    ({"department": "\u202egnp.exe"}, "#/department"),
    ({"display_name": "x" * 100_000}, "#/display_name"),
    ({"bio": "x" * 100_000}, "#/bio"),
    ({"display_name": "x" * 81}, "#/display_name"),
    ({"job_title": "x" * 121}, "#/job_title"),
    ({"department": "x" * 81}, "#/department"),
    ({"availability": "x" * 201}, "#/availability"),
    ({"bio": "x" * 2001}, "#/bio"),
    ({"display_name": "   "}, "#/display_name"),
    ({"display_name": None}, "#/display_name"),
    ({"seniority": "intern"}, "#/seniority"),
    ({"timezone": "Mars/Olympus_Mons"}, "#/timezone"),
    ({"locale": "de"}, "#/locale"),
    ({"languages": ["klingon"]}, "#/languages/0"),
    ({"languages": "fr"}, "#/languages"),
    ({"languages": ["fr"] * 16}, "#/languages"),
    ({"email": "new@example.org"}, "#/email"),
    ({"role": "manager"}, "#/role"),
    ({"bio": 12}, "#/bio"),
])
def test_a_bad_change_is_422_at_its_field_and_changes_nothing(client, me, headers, body, pointer):
    before = settings(me)
    etag = read_profile(client, headers).headers["ETag"]
    response = client.patch("/api/v1/me", json=body, headers={**headers, "If-Match": etag})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert [error["pointer"] for error in response.get_json()["errors"]] == [pointer]
    assert settings(me) == before


def test_a_bio_keeps_its_lines_and_a_duplicate_language_counts_once(client, me, headers):
    etag = read_profile(client, headers).headers["ETag"]
    response = client.patch("/api/v1/me", json={"bio": "One\r\n\tTwo", "languages": ["en", "en", "de"]},
                            headers={**headers, "If-Match": etag})
    assert response.status_code == 200
    assert settings(me)["bio"] == "One\r\n\tTwo" and settings(me)["languages"] == ["en", "de"]


def test_the_service_keeps_the_forms_limits(me):
    """The limits moved from the profile form into the service, which the API and the page share."""
    for field, limit in services.PROFILE_LENGTHS.items():
        with pytest.raises(services.AccountError):
            services.update_profile(me, **{field: "x" * (limit + 1)})
        services.update_profile(me, **{field: "x" * limit})
    db.session.rollback()


# --- POST /api/v1/me/calendar/rotate -------------------------------------------------------

def test_rotating_my_calendar_address_answers_the_new_one(client, me, headers):
    old = me.calendar_token
    response = client.post("/api/v1/me/calendar/rotate", headers=headers)
    assert response.status_code == 200
    feed_url = response.get_json()["feed_url"]
    new = settings(me)["calendar_token"]
    assert new != old and feed_url == f"http://localhost/calendar/{new}.ics"
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert client.get(f"/calendar/{old}.ics").status_code == 404


def test_a_read_only_token_may_not_rotate_it(client, me):
    old = me.calendar_token
    assert client.post("/api/v1/me/calendar/rotate", headers=bearer(me, "read")).status_code == 403
    assert settings(me)["calendar_token"] == old


# --- GET /api/v1/members/<id> --------------------------------------------------------------

def test_a_members_page_is_their_public_profile_and_why_we_match(client, market, headers, make_skill):
    teacher = market.teachers[0]  # offers Excel pivot tables, wants to learn public speaking
    response = client.get(f"/api/v1/members/{teacher.id}", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["member"] == {
        "id": teacher.id, "display_name": teacher.display_name, "job_title": "", "seniority": teacher.seniority,
        "department": "Operations", "languages": ["fr", "en"], "bio": "", "availability": "",
        "offers": [{"id": teacher.offers[0].id, "direction": "offer", "title": "Excel pivot tables", "description": "",
                    "level": 3, "formats": ["one_to_one", "group"]}],
        "needs": [{"id": teacher.needs[0].id, "direction": "learn", "title": "Public speaking", "description": "",
                   "level": 3, "formats": ["one_to_one"]}]}
    expected = matching.match_between(market.me, teacher)
    assert len(expected) == 2
    reasons = [(r["need"]["id"], r["offer"]["id"], r["learner_id"], r["teacher_id"], r["percent"]) for r in body["why"]]
    assert reasons == [(p["need"].id, p["offer"].id, p["learner"].id, p["teacher"].id, p["percent"]) for p in expected]
    assert teacher.email not in response.get_data(as_text=True)


def test_my_own_id_is_my_profile_as_others_see_it(client, me, headers):
    body = client.get(f"/api/v1/members/{me.id}", headers=headers).get_json()
    assert body["why"] == [] and body["member"]["display_name"] == "Me" and "email" not in body["member"]


@pytest.mark.parametrize("member_id", ["999999", str(2**31), str(2**63), "1" * 5000, "-1", "x"])
def test_an_unknown_member_is_404(client, me, headers, member_id):
    response = client.get(f"/api/v1/members/{member_id}", headers=headers)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_a_deleted_member_is_404(client, market, headers):
    gone = market.teachers[1]
    privacy.delete_account(gone, PASSWORD)
    db.session.commit()
    assert client.get(f"/api/v1/members/{gone.id}", headers=headers).status_code == 404


def test_reading_a_member_writes_nothing(client, market, headers):
    with statements_sent() as sent:
        assert client.get(f"/api/v1/members/{market.teachers[0].id}", headers=headers).status_code == 200
        assert client.get("/api/v1/members", headers=headers).status_code == 200
    assert writes(sent) == []


# --- GET /api/v1/members without q: the directory -------------------------------------------

def test_without_a_search_it_is_the_directory_page_by_page(client, market, headers):
    pages, url = [], "/api/v1/members"
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        pages.append(response.get_json())
        url = links(response).get("next")
    everyone = db.session.scalars(member_directory()).all()
    assert [hit["member"]["id"] for body in pages for hit in body["members"]] == [m.id for m in everyone]
    assert len(pages) == pages[0]["pages"] == -(-len(everyone) // PER_PAGE)
    assert all(body["q"] == "" and body["total"] == len(everyone) for body in pages)
    assert all(hit == {"member": hit["member"], "offer": None, "similarity": None, "found_by": []}
               for body in pages for hit in body["members"])
