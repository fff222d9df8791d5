"""What a hostile or clumsy client sends the API, and races between two clients: never a
server error, never a silent success, never a lost update. (Found by review; each test was
seen failing against the code before its fix.)"""

import re
import threading
import time

import pytest

from marketplace.accounts import access_tokens
from marketplace.accounts import api as accounts_api
from marketplace.extensions import db
from tests.conftest import PASSWORD
from tests.test_authorization_matrix import TEST_CONFIG, sign_in
from tests.test_authorization_matrix import database_url, world, world_template  # noqa: F401 (fixtures)


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


def bearer(world, role="owner"):
    return {"Authorization": f"Bearer {world.api_secrets[role]}"}


def test_a_lone_surrogate_is_refused_next_to_its_field(client, world):
    """Valid JSON may spell a lone surrogate ("\\ud800"); no database stores one."""
    values = world.values("owner")
    for url, body, pointer in (
            ("/api/v1/skills", {"direction": "offer", "title": "Excel \ud800 macros"}, "#/title"),
            (f"/api/v1/exchanges/{values['exchange']}/meetings/{values['meeting']}/notes", {"text": "\udfff"},
             "#/text")):
        answer = client.post(url, json=body, headers=bearer(world))
        assert answer.status_code == 422, (url, answer.status_code)
        assert [e["pointer"] for e in answer.get_json()["errors"]] == [pointer]


@pytest.mark.parametrize("raw", ['{"direction": "offer", "title": ' + "1" * 5000 + "}", "[" * 100_000 + "]" * 100_000],
                         ids=["5000 digits", "nested 100000 deep"])
def test_json_python_cannot_load_is_a_400(client, world, raw):
    answer = client.post("/api/v1/skills", data=raw, content_type="application/json", headers=bearer(world))
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"


@pytest.mark.parametrize("content_type,raw", [("text/plain", '{"display_name": "Renamed"}'),
                                              ("application/x-www-form-urlencoded", "display_name=Renamed")])
def test_a_body_that_is_not_json_is_a_415_and_changes_nothing(client, world, content_type, raw):
    etag = client.get("/api/v1/me", headers=bearer(world)).headers["ETag"]
    answer = client.patch("/api/v1/me", data=raw, content_type=content_type,
                          headers={**bearer(world), "If-Match": etag})
    assert answer.status_code == 415 and answer.mimetype == "application/problem+json"
    assert client.get("/api/v1/me", headers=bearer(world)).get_json()["display_name"] == "Owner"


def test_a_decline_sent_as_a_form_is_refused_not_made_without_its_reason(client, world):
    values = world.values("other")  # the proposal waits for the other's answer
    answer = client.post(f"/api/v1/exchanges/{values['proposal']}/decline", data={"reason": "Too busy"},
                         headers=bearer(world, "other"))
    assert answer.status_code == 415
    shown = client.get(f"/api/v1/exchanges/{values['proposal']}", headers=bearer(world, "other")).get_json()
    assert shown["status"] == "proposed"
    # Without a body at all, the reason is optional: the decline is made.
    assert client.post(f"/api/v1/exchanges/{values['proposal']}/decline",
                       headers=bearer(world, "other")).status_code == 200


def test_if_match_stops_a_concurrent_overwrite(app, world, monkeypatch):
    """Program A passes its If-Match and, before it writes, program B sends a change with the
    same ETag: B waits for A's transaction, then finds the profile changed (412)."""
    first, second = app.test_client(), app.test_client()
    etag = first.get("/api/v1/me", headers=bearer(world)).headers["ETag"]
    real, answers = accounts_api.services.update_profile, {}

    def b_changes():
        answers["B"] = second.patch("/api/v1/me", json={"bio": "B"}, headers={**bearer(world), "If-Match": etag})

    def racing(member, **changes):
        if "B" not in answers:
            racer = threading.Thread(target=b_changes)
            racer.start()
            time.sleep(1)  # B is sent and waits (or, without the lock, passes its check and writes)
            answers["B"] = None
            answers["racer"] = racer
        return real(member, **changes)

    monkeypatch.setattr(accounts_api.services, "update_profile", racing)
    a = first.patch("/api/v1/me", json={"bio": "A"}, headers={**bearer(world), "If-Match": etag})
    answers["racer"].join(timeout=30)
    assert (a.status_code, answers["B"].status_code) == (200, 412)
    assert first.get("/api/v1/me", headers=bearer(world)).get_json()["bio"] == "A"


def test_a_skill_deleted_while_its_change_is_encoded_is_a_404(app, client, world, monkeypatch):
    """The change encodes its text before it takes the member's lock; a delete that lands in
    between leaves nothing to change (not a server error)."""
    from marketplace.skills import services as skill_services

    skill = f"/api/v1/skills/{world.values('owner')['owner_skill']}"
    etag = client.get(skill, headers=bearer(world)).headers["ETag"]
    real, other = skill_services._prepare, app.test_client()

    def encoding(texts):
        assert other.delete(skill, headers=bearer(world)).status_code == 204
        return real(texts)

    monkeypatch.setattr(skill_services, "_prepare", encoding)
    answer = client.patch(skill, json={"description": "Changed"}, headers={**bearer(world), "If-Match": etag})
    assert answer.status_code == 404


def test_a_page_edit_waits_for_an_api_change_in_progress(app, world, monkeypatch):
    """The page's skill edit and the API's PATCH take the same lock: the page's change lands
    after the API's commit, never between its If-Match check and its write."""
    from marketplace.skills import api as skills_api

    values = world.values("owner")
    api, page = app.test_client(), app.test_client()
    sign_in(page, world, "owner")
    url = f"/api/v1/skills/{values['owner_skill']}"
    etag = api.get(url, headers=bearer(world)).headers["ETag"]
    real, moments = skills_api.bp.check_etag, {}

    def page_edit():
        answer = page.post(f"/skills/{values['owner_skill']}/edit", data={
            "title": "Video editing", "description": "Written by the page", "level": "3", "formats": "one_to_one"})
        moments["page"] = (answer.status_code, time.monotonic())

    def checking(*args, **kwargs):
        real(*args, **kwargs)  # If-Match passed; the API has not written yet
        moments["racer"] = threading.Thread(target=page_edit)
        moments["racer"].start()
        time.sleep(1)

    monkeypatch.setattr(skills_api.bp, "check_etag", checking)
    answer = api.patch(url, json={"description": "Written by the API"}, headers={**bearer(world), "If-Match": etag})
    committed = time.monotonic()
    moments["racer"].join(timeout=30)
    assert answer.status_code == 200 and moments["page"][0] == 302
    assert moments["page"][1] >= committed - 0.05, "the page's edit did not wait for the API's transaction"
    assert api.get(url, headers=bearer(world)).get_json()["description"] == "Written by the page"


def test_a_token_is_the_only_identity_of_a_request_that_names_one(client, world):
    """A browser signed in by its cookie sends a read-only token: the token's scope decides;
    a stale remember-me cookie does not hide a valid token."""
    sign_in(client, world, "owner")
    assert client.get("/api/v1/me").status_code == 200  # the cookie alone
    read_only = {"Authorization": f"Bearer {world.api_secrets['read_only']}"}
    etag = client.get("/api/v1/me", headers=read_only).headers["ETag"]
    assert client.patch("/api/v1/me", json={"bio": "x"}, headers={**read_only, "If-Match": etag}).status_code == 403
    client.set_cookie("remember_token", "1:stale|0123")
    assert client.get("/api/v1/me", headers=bearer(world)).status_code == 200
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer psl_revoked-or-forged"}).status_code == 401


def test_a_member_the_manager_removed_is_not_told_they_may_apply(client, world, make_user):
    """One rule (programmes.services.can_apply) for the list, the page and the API."""
    newcomer = make_user(email="newcomer2@example.org", seniority="junior")
    _, secret = access_tokens.create_token(newcomer, "script", "write")
    db.session.commit()
    me, manager = {"Authorization": f"Bearer {secret}"}, bearer(world, "manager")
    url = f"/api/v1/programmes/{world.values('owner')['programme']}"
    assert client.get(url, headers=me).get_json()["can_apply"] is True
    assert client.post(url + "/apply", json={"role": "mentee"}, headers=me).status_code == 201
    participants = client.get(url + "/participants", headers=manager).get_json()["participants"]
    place = next(p["id"] for p in participants if p["name"] in (newcomer.display_name, newcomer.email))
    assert client.post(f"{url}/participants/{place}/remove", headers=manager).status_code == 200
    assert client.get(url, headers=me).get_json()["can_apply"] is False
    assert client.get("/api/v1/programmes", headers=me).get_json()["open_to_me"] == []
    sign_in_page = client.application.test_client()
    sign_in_page.post("/login", data={"email": newcomer.email, "password": PASSWORD})
    assert 'action="' + url.removeprefix("/api/v1") + '/apply"' not in sign_in_page.get(
        url.removeprefix("/api/v1")).get_data(as_text=True)
    assert client.post(url + "/apply", json={"role": "mentee"}, headers=me).status_code == 409


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_every_api_path_naming_an_id_too_big_for_the_database_is_404(app, client, world, huge):
    """Whatever the method and whoever asks: the id names nothing (never a 405 or a 500)."""
    answers = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or "<int:" not in rule.rule:
            continue
        url = re.sub(r"<int:\w+>", str(huge), rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for role in ("owner", "manager"):
                answers[method, url, role] = client.open(url, method=method, json={},
                                                         headers=bearer(world, role)).status_code
    assert len(answers) >= 100
    assert {key: status for key, status in answers.items() if status != 404} == {}
