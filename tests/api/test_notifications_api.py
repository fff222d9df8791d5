"""/api/v1/notifications: my notifications a page at a time with the unread count, marking them
all read, and opening one, through the same services as the notification centre."""

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.notifications import services
from marketplace.notifications.models import Notification
from tests.api.conftest import bearer, links, writes
from tests.conftest import statements_sent



def read_at(member):
    """When each of the member's notifications was read (None: unread), by id."""
    db.session.expire_all()
    return dict(db.session.execute(
        sa.select(Notification.id, Notification.read_at).filter_by(user_id=member.id).order_by(Notification.id)).all())


@pytest.fixture
def me(market):
    """I have three notifications (proposals from three teachers); a teacher has one of their own."""
    teachers = market.teachers
    for n, teacher in enumerate(teachers[:3]):
        services.notify(market.me, "proposal_received", f"proposal:{n}", actor=teacher)
    services.notify(teachers[0], "cohort_joined", "cohort_joined:1", actor=market.me)
    db.session.commit()
    return market.me



@pytest.fixture
def theirs(market, me):
    return db.session.scalar(sa.select(Notification).filter_by(user_id=market.teachers[0].id))


def test_my_notifications_are_the_centres_newest_first_and_reading_marks_nothing(app, client, me, headers):
    with statements_sent() as sent:
        response = client.get("/api/v1/notifications", headers=headers)
    assert response.status_code == 200
    assert not writes(sent)
    body = response.get_json()
    with app.test_request_context():
        rows, _ = services.notification_page(me)
    assert [(n["id"], n["text"], n["link"]) for n in body["notifications"]] == [(n.id, t, link) for n, t, link in rows]
    assert (body["page"], body["pages"], body["total"], body["has_more"], body["unread"]) == (1, 1, 3, False, 3)
    first = body["notifications"][0]
    assert first["text"] == f"{rows[0][0].actor.display_name} proposes an exchange: ."
    assert first["kind"] == "proposal_received" and first["read_at"] is None
    assert first["created_at"].endswith("+00:00")
    assert set(first) == {"id", "kind", "text", "link", "created_at", "read_at", "exchange_id", "meeting_id",
                          "programme_id", "circle_id"}
    assert set(read_at(me).values()) == {None}


def test_they_come_a_page_at_a_time(client, me, headers, monkeypatch):
    monkeypatch.setattr(services, "NOTIFICATIONS_PER_PAGE", 2)
    first = client.get("/api/v1/notifications", headers=headers)
    body = first.get_json()
    assert (body["pages"], body["total"], body["has_more"], len(body["notifications"])) == (2, 3, True, 2)
    assert links(first)["next"] == "/api/v1/notifications?page=2"
    second = client.get(links(first)["next"], headers=headers).get_json()
    assert not second["has_more"] and len(second["notifications"]) == 1
    ids = [n["id"] for n in body["notifications"] + second["notifications"]]
    assert ids == [n.id for n, _, _ in services.notification_page(me, 1)[0] + services.notification_page(me, 2)[0]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize("query", ["page=0", "page=x", f"page={2**31}", "page=1%00"])
def test_a_bad_page_is_400(client, me, headers, query):
    response = client.get("/api/v1/notifications?" + query, headers=headers)
    assert response.status_code == 400 and response.get_json()["errors"][0]["name"] == "page"


def test_marking_all_read_leaves_others_alone(client, me, headers, market, theirs):
    response = client.post("/api/v1/notifications/read", headers=headers)
    assert response.status_code == 200 and response.get_json() == {"unread": 0}
    assert None not in read_at(me).values() and services.unread_count(me) == 0
    assert read_at(market.teachers[0]) == {theirs.id: None}


def test_opening_one_marks_it_read_and_answers_it(client, me, headers):
    notification_id = min(read_at(me))
    response = client.post(f"/api/v1/notifications/{notification_id}/open", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    stored = read_at(me)
    assert stored[notification_id] is not None and list(stored.values()).count(None) == 2
    assert body["id"] == notification_id and body["read_at"].endswith("+00:00")
    assert body["link"] == "/notifications" and body["kind"] == "proposal_received"
    # Opening it again keeps the first reading.
    again = client.post(f"/api/v1/notifications/{notification_id}/open", headers=headers).get_json()
    assert again["read_at"] == body["read_at"]


def test_someone_elses_does_not_exist(client, me, headers, market, theirs):
    response = client.post(f"/api/v1/notifications/{theirs.id}/open", headers=headers)
    assert response.status_code == 404 and response.get_json()["detail"] == "This notification does not exist."
    assert read_at(market.teachers[0]) == {theirs.id: None}


@pytest.mark.parametrize("notification_id", ["999999", str(2**31), str(2**63), "1" * 5000])
def test_an_unknown_or_too_big_id_is_404(client, me, headers, notification_id):
    response = client.post(f"/api/v1/notifications/{notification_id}/open", headers=headers)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("url", ["/api/v1/notifications/read", "/api/v1/notifications/{id}/open"])
def test_a_read_only_token_marks_nothing(client, me, url):
    before = read_at(me)
    response = client.post(url.format(id=min(before)), headers=bearer(me, "read"))
    assert response.status_code == 403
    assert read_at(me) == before


def test_signed_out_is_401(client, me):
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/read").status_code == 401
