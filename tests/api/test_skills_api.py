"""/api/v1/skills and /api/v1/matches/dismiss: my offers and needs (ETag and If-Match on
changes) and "not relevant" on a match, through the same services as the skill pages."""

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.skills import matching, services
from marketplace.skills.models import Skill
from tests.api.conftest import bearer, links, writes
from tests.conftest import statements_sent

NEW = {"direction": "offer", "title": "Video editing", "description": "Premiere, DaVinci", "level": 4,
       "formats": ["group"]}



def stored(member):
    """The member's skills as stored: (direction, title, description, level, formats) by id."""
    db.session.expire_all()
    rows = db.session.scalars(sa.select(Skill).filter_by(owner_id=member.id).order_by(Skill.id))
    return [(s.direction, s.title, s.description, s.level, s.formats) for s in rows]


def shown(skill):
    return {"id": skill.id, "direction": skill.direction, "title": skill.title, "description": skill.description,
            "level": skill.level, "formats": skill.formats}





@pytest.fixture
def someone_elses(market):
    """A teacher's offer."""
    return market.teachers[0].offers[0]


def etag_of(client, headers, skill_id):
    response = client.get(f"/api/v1/skills/{skill_id}", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.headers["ETag"]


# --- GET /api/v1/skills ----------------------------------------------------------------------

def test_my_skills_are_my_offers_and_needs_oldest_first(client, me, headers, make_skill):
    make_skill(me, "offer", "Video editing")
    response = client.get("/api/v1/skills", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["skills"] == [shown(s) for s in me.skills] and len(body["skills"]) == 3
    assert (body["page"], body["pages"], body["total"], body["has_more"]) == (1, 1, 3, False)
    offers = client.get("/api/v1/skills?direction=offer", headers=headers).get_json()["skills"]
    assert offers == [shown(s) for s in me.offers]
    needs = client.get("/api/v1/skills?direction=learn", headers=headers).get_json()["skills"]
    assert needs == [shown(s) for s in me.needs]


def test_my_skills_come_a_page_at_a_time(client, me, headers, monkeypatch):
    monkeypatch.setattr("marketplace.skills.api.SKILLS_PER_PAGE", 1)
    first = client.get("/api/v1/skills?direction=", headers=headers)
    assert first.get_json()["skills"] == [shown(me.skills[0])] and first.get_json()["has_more"]
    assert links(first)["next"] == "/api/v1/skills?page=2"
    second = client.get(links(first)["next"], headers=headers).get_json()
    assert second["skills"] == [shown(me.skills[1])] and not second["has_more"]


@pytest.mark.parametrize("query,name", [("direction=both", "direction"), ("page=0", "page"),
                                        ("page=" + str(2**31), "page"), ("direction=a%00b", "direction")])
def test_a_bad_query_is_400(client, me, headers, query, name):
    response = client.get("/api/v1/skills?" + query, headers=headers)
    assert response.status_code == 400
    assert [error["name"] for error in response.get_json()["errors"]] == [name]


# --- POST /api/v1/skills ---------------------------------------------------------------------

def test_adding_a_skill_answers_it_with_its_address_and_etag(client, me, headers, market):
    response = client.post("/api/v1/skills", json=NEW, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    skill = db.session.get(Skill, body["id"])
    assert skill.owner_id == me.id and body == shown(skill) == {"id": skill.id, **NEW}
    assert response.headers["Location"] == f"/api/v1/skills/{skill.id}"
    assert response.headers["ETag"] == etag_of(client, headers, skill.id)
    # Indexed at once, as from the page: a teacher who wants to learn it now finds it.
    learner = market.teachers[2]
    services.add_skill(learner, "learn", "Video editing")
    db.session.commit()
    cards = matching.suggestions_for(learner).cards
    assert me.id in [card.member.id for card in cards]


def test_a_new_need_in_french_takes_the_defaults(client, me, headers):
    response = client.post("/api/v1/skills", json={"direction": "learn", "title": "  Créer des tableaux croisés  "},
                           headers=headers)
    assert response.status_code == 201
    assert stored(me)[-1] == ("learn", "Créer des tableaux croisés", "", 3, ["one_to_one"])


def test_the_same_title_again_is_409(client, me, headers):
    before = stored(me)
    response = client.post("/api/v1/skills", json={"direction": "learn", "title": "excel  PIVOT tables",
                                                   "allow_similar": True}, headers=headers)
    assert response.status_code == 409 and "Excel pivot tables" in response.get_json()["detail"]
    assert stored(me) == before


def test_a_near_duplicate_is_409_until_confirmed(client, me, headers):
    before = stored(me)
    held = client.post("/api/v1/skills", json={"direction": "learn", "title": "Excel pivot table"}, headers=headers)
    assert held.status_code == 409 and "Excel pivot tables" in held.get_json()["detail"]
    assert stored(me) == before
    confirmed = client.post("/api/v1/skills", json={"direction": "learn", "title": "Excel pivot table",
                                                    "allow_similar": True}, headers=headers)
    assert confirmed.status_code == 201
    assert [s[1] for s in stored(me)] == ["Excel pivot tables", "Public speaking", "Excel pivot table"]


BAD_SKILLS = [
    ({"title": "a\x00b"}, "#/title"),
    ({"title": "a\u202eb"}, "#/title"),
    ({"description": "a\x00b"}, "#/description"),
    ({"title": "x" * 100_000}, "#/title"),
    ({"description": "x" * 100_000}, "#/description"),
    ({"title": "x" * 121}, "#/title"),
    ({"description": "x" * 1001}, "#/description"),
    ({"title": "x"}, "#/title"),
    ({"title": "   "}, "#/title"),
    ({"title": None}, "#/title"),
    ({"level": 0}, "#/level"),
    ({"level": 6}, "#/level"),
    ({"level": "3"}, "#/level"),
    ({"level": 2**63}, "#/level"),
    ({"formats": []}, "#/formats"),
    ({"formats": ["solo"]}, "#/formats/0"),
    ({"formats": ["group"] * 3}, "#/formats"),
    ({"formats": "group"}, "#/formats"),
    ({"allow_similar": "maybe"}, "#/allow_similar"),
    ({"owner_id": 1}, "#/owner_id"),
]


@pytest.mark.parametrize("change,pointer", BAD_SKILLS + [
    ({"direction": "both"}, "#/direction"), ({"direction": None}, "#/direction")])
def test_a_bad_new_skill_is_422_at_its_field_and_adds_nothing(client, me, headers, change, pointer):
    before = stored(me)
    response = client.post("/api/v1/skills", json={**NEW, **change}, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert {error["pointer"] for error in response.get_json()["errors"]} == {pointer}
    assert stored(me) == before


@pytest.mark.parametrize("missing", ["direction", "title"])
def test_direction_and_title_are_required(client, me, headers, missing):
    response = client.post("/api/v1/skills", json={k: v for k, v in NEW.items() if k != missing}, headers=headers)
    assert response.status_code == 422
    assert [error["pointer"] for error in response.get_json()["errors"]] == [f"#/{missing}"]


def test_a_read_only_token_adds_nothing(client, me):
    before = stored(me)
    assert client.post("/api/v1/skills", json=NEW, headers=bearer(me, "read")).status_code == 403
    assert stored(me) == before


# --- GET /api/v1/skills/<id> -----------------------------------------------------------------

def test_one_of_my_skills_with_its_etag_and_nothing_written(client, me, headers):
    skill = me.needs[0]
    with statements_sent() as sent:
        response = client.get(f"/api/v1/skills/{skill.id}", headers=headers)
        again = client.get(f"/api/v1/skills/{skill.id}", headers={**headers, "If-None-Match": response.headers["ETag"]})
        client.get("/api/v1/skills", headers=headers)
    assert response.status_code == 200 and response.get_json() == shown(skill)
    assert again.status_code == 304
    assert writes(sent) == []


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_someone_elses_skill_does_not_exist_whatever_the_headers(client, me, headers, someone_elses, method):
    before = stored(someone_elses.owner)
    for extra in ({}, {"If-Match": "*"}, {"If-Match": '"stale"'}):
        response = client.open(f"/api/v1/skills/{someone_elses.id}", method=method, headers={**headers, **extra},
                               json={"title": "Mine now"} if method == "PATCH" else None)
        assert response.status_code == 404 and response.get_json()["detail"] == "This skill does not exist."
    assert stored(someone_elses.owner) == before


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
@pytest.mark.parametrize("skill_id", ["999999", str(2**31), str(2**63), "1" * 5000, "0x1"])
def test_an_unknown_or_too_big_id_is_404(client, me, headers, method, skill_id):
    response = client.open(f"/api/v1/skills/{skill_id}", method=method, headers={**headers, "If-Match": "*"},
                           json={"level": 2} if method == "PATCH" else None)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


# --- PATCH /api/v1/skills/<id> ---------------------------------------------------------------

def test_changing_my_skill_takes_its_etag(client, me, headers):
    skill = me.offers[0]
    etag = etag_of(client, headers, skill.id)
    change = {"title": "Public speaking in English", "level": 5, "formats": ["one_to_one", "group"],
              "description": "Conferences\nand pitches"}
    response = client.patch(f"/api/v1/skills/{skill.id}", json=change, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == {"id": skill.id, "direction": "offer", **change}
    assert stored(me)[1] == ("offer", "Public speaking in English", "Conferences\nand pitches", 5,
                             ["one_to_one", "group"])
    assert response.headers["ETag"] == etag_of(client, headers, skill.id) != etag
    stale = client.patch(f"/api/v1/skills/{skill.id}", json={"level": 1}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412 and stored(me)[1][3] == 5


def test_without_if_match_it_is_428(client, me, headers):
    before = stored(me)
    response = client.patch(f"/api/v1/skills/{me.offers[0].id}", json={"level": 1}, headers=headers)
    assert response.status_code == 428 and response.mimetype == "application/problem+json"
    assert stored(me) == before


def test_a_skill_changed_on_the_page_is_412(client, me, headers):
    skill = me.offers[0]
    etag = etag_of(client, headers, skill.id)
    services.update_skill(skill, me, level=1)
    db.session.commit()
    response = client.patch(f"/api/v1/skills/{skill.id}", json={"level": 5}, headers={**headers, "If-Match": etag})
    assert response.status_code == 412 and stored(me)[1][3] == 1


def test_renaming_to_another_of_my_titles_is_409(client, me, headers, make_skill):
    skill = make_skill(me, "learn", "Video editing")
    before = stored(me)
    etag = etag_of(client, headers, skill.id)
    response = client.patch(f"/api/v1/skills/{skill.id}", json={"title": "Excel Pivot Tables", "level": 1},
                            headers={**headers, "If-Match": etag})
    assert response.status_code == 409
    assert stored(me) == before


@pytest.mark.parametrize("change,pointer", BAD_SKILLS + [({"direction": "learn"}, "#/direction")])
def test_a_bad_change_is_422_at_its_field_and_changes_nothing(client, me, headers, change, pointer):
    skill = me.offers[0]
    before = stored(me)
    etag = etag_of(client, headers, skill.id)
    response = client.patch(f"/api/v1/skills/{skill.id}", json=change, headers={**headers, "If-Match": etag})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert {error["pointer"] for error in response.get_json()["errors"]} == {pointer}
    assert stored(me) == before


# --- DELETE /api/v1/skills/<id> --------------------------------------------------------------

def test_deleting_my_skill_needs_no_etag(client, me, headers, market):
    need_id = me.needs[0].id
    assert matching.suggestions_for(me).cards
    response = client.delete(f"/api/v1/skills/{need_id}", headers=headers)
    assert response.status_code == 204 and response.get_data() == b""
    assert [s[1] for s in stored(me)] == ["Public speaking"]
    assert not matching.suggestions_for(db.session.get(type(me), me.id)).cards
    assert client.get(f"/api/v1/skills/{need_id}", headers=headers).status_code == 404
    assert client.delete(f"/api/v1/skills/{need_id}", headers=headers).status_code == 404


def test_a_read_only_token_deletes_nothing(client, me):
    before = stored(me)
    assert client.delete(f"/api/v1/skills/{me.needs[0].id}", headers=bearer(me, "read")).status_code == 403
    assert stored(me) == before


# --- POST /api/v1/matches/dismiss ------------------------------------------------------------

def dismissed(member):
    db.session.expire_all()
    return matching.dismissed_pairs(member)


def test_not_relevant_takes_the_pair_out_of_my_matches(client, me, headers, market):
    teacher = market.teachers[0]
    before = [card.member.id for n in (1, 2, 3) for card in matching.suggestions_for(me, page=n).cards]
    assert teacher.id in before and len(before) == 5
    need, offer = me.needs[0], teacher.offers[0]
    response = client.post("/api/v1/matches/dismiss", json={"my_skill": need.id, "their_skill": offer.id},
                           headers=headers)
    assert response.status_code == 200
    assert response.get_json() == {"need": shown(need), "offer": shown(offer)}
    assert dismissed(me) == {(need.id, offer.id)}
    cards = [card for n in (1, 2, 3) for card in matching.suggestions_for(me, page=n).cards]
    assert teacher.id not in [card.member.id for card in cards] and len(cards) == 4
    # Again is harmless; the other way round (my offer, their need) too.
    assert client.post("/api/v1/matches/dismiss", json={"my_skill": need.id, "their_skill": offer.id},
                       headers=headers).status_code == 200
    back = client.post("/api/v1/matches/dismiss", json={"my_skill": me.offers[0].id,
                                                        "their_skill": teacher.needs[0].id}, headers=headers)
    assert back.get_json()["need"]["id"] == teacher.needs[0].id
    assert dismissed(me) == {(need.id, offer.id), (teacher.needs[0].id, me.offers[0].id)}


@pytest.mark.parametrize("pair", ["theirs as mine", "same direction", "mine twice", "unknown"])
def test_a_pair_that_is_not_mine_and_theirs_is_404(client, me, headers, market, pair):
    teacher, other = market.teachers[0], market.teachers[1]
    mine, theirs = {
        "theirs as mine": (other.needs[0].id, me.offers[0].id),
        "same direction": (me.needs[0].id, teacher.needs[0].id if teacher.needs else other.needs[0].id),
        "mine twice": (me.needs[0].id, me.offers[0].id),
        "unknown": (me.needs[0].id, 999999),
    }[pair]
    response = client.post("/api/v1/matches/dismiss", json={"my_skill": mine, "their_skill": theirs}, headers=headers)
    assert response.status_code == 404
    assert dismissed(me) == set()


@pytest.mark.parametrize("body,pointer", [
    ({"my_skill": 0, "their_skill": 1}, "#/my_skill"),
    ({"my_skill": 1, "their_skill": 2**31}, "#/their_skill"),
    ({"my_skill": 2**63, "their_skill": 1}, "#/my_skill"),
    ({"my_skill": "1", "their_skill": 1}, "#/my_skill"),
    ({"my_skill": 1.5, "their_skill": 1}, "#/my_skill"),
    ({"my_skill": True, "their_skill": 1}, "#/my_skill"),
    ({"my_skill": None, "their_skill": 1}, "#/my_skill"),
    ({"their_skill": 1}, "#/my_skill"),
    ({"my_skill": 1, "their_skill": 2, "mine": 1}, "#/mine"),
])
def test_a_bad_pair_is_422(client, me, headers, body, pointer):
    response = client.post("/api/v1/matches/dismiss", json=body, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert [error["pointer"] for error in response.get_json()["errors"]] == [pointer]
    assert dismissed(me) == set()
