"""The outbox: mails are queued with the change, sent after the commit, retried, never doubled.

A real SMTP server (aiosmtpd) listens on a local port when a test starts it; before that the
port is closed, as when the mail server is down."""

import json
import threading
import time
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from marketplace import create_app
from marketplace.accounts.models import utcnow
from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from marketplace.notifications import outbox
from marketplace.notifications.models import MAX_ATTEMPTS, Notification, OutgoingMail
from tests.conftest import PASSWORD
from tests.servers import free_port

SIGNUP = {"display_name": "Camille", "email": "new@example.org", "seniority": "executive",
          "timezone": "America/Montreal"}
PROPOSAL = {"objectives": "Comprendre l'algorithme", "frequency": "weekly", "planned_meetings": "4",
            "meeting_minutes": "45", "channel": "video", "place": "https://meet.example/x", "ground_rules": "",
            "start_date": "2026-12-01", "message": "Bonjour !"}


class Inbox:
    """An aiosmtpd handler keeping what the server accepts: (envelope recipients, message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=10):
        """Poll until `count` messages arrived; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"{len(self.messages)} of {count} mails arrived"
            time.sleep(0.02)
        return self.messages


class Recorder:
    """A sender that keeps (thread, recipient) of what it is given, or fails on demand."""

    def __init__(self, error=None, rendezvous=None):
        self.sent, self.error, self.rendezvous = [], error, rendezvous
        self._met = set()

    def send(self, to, subject, body, message_id=None):
        if self.error:
            raise self.error
        me = threading.get_ident()
        if self.rendezvous is not None and me not in self._met:  # both senders are mid-pass at once
            self._met.add(me)
            self.rendezvous.wait()
        self.sent.append((me, to))


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def app_config(app_config, smtp_port):
    return {**app_config, "MATCHING_ENCODER": "hashing", "MAIL_SMTP_HOST": "127.0.0.1",
            "MAIL_SMTP_PORT": smtp_port, "MAIL_SMTP_STARTTLS": False, "MAIL_FROM": "passerelle@example.org"}


@pytest.fixture
def start_smtp(smtp_port):
    """start_smtp() -> the Inbox of an SMTP server now listening on the app's port."""
    controllers = []

    def start():
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


def queued():
    db.session.expire_all()
    return db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id)).all()


def make_due():
    db.session.execute(sa.update(OutgoingMail).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()


def send_mail(runner):
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_signup_while_the_mail_server_is_down_then_the_mail_leaves_once(client, runner, start_smtp):
    response = client.post("/signup", data=SIGNUP)
    assert response.status_code == 200 and b"Check your mail" in response.data
    (mail,) = queued()
    assert (mail.recipient, mail.attempts, mail.sent_at, mail.failed_at) == ("new@example.org", 1, None, None)
    assert mail.next_attempt_at > utcnow() and mail.last_error.startswith("ConnectionRefusedError")

    inbox = start_smtp()
    assert send_mail(runner) == {"sent": 0, "retried": 0, "dead": 0, "purged": 0}  # not due yet
    make_due()
    assert send_mail(runner)["sent"] == 1
    ((recipients, message),) = inbox.messages
    assert recipients == ["new@example.org"] and message["To"] == "new@example.org"
    assert message["Subject"] == "Passerelle: finish creating your account"
    assert "/signup/confirm/" in message.get_content()
    assert message["Message-ID"] == outbox.message_id(mail.id, mail.created_at)
    assert message["Message-ID"].endswith("@example.org>")
    assert send_mail(runner)["sent"] == 0
    assert len(inbox.messages) == 1 and queued()[0].sent_at is not None


def test_a_proposal_is_saved_while_the_mail_server_is_down(client, auth, runner, make_user, make_skill, start_smtp):
    lea = make_user(email="lea@example.org", display_name="Léa")
    make_user(email="marc@example.org", display_name="Marc")
    offer = make_skill(lea, "offer", "TikTok pour les marques")
    auth.login("marc@example.org", PASSWORD)
    response = client.post(f"/exchanges/new?member={lea.id}", data={**PROPOSAL, "their_offer": offer.id})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Exchange.id))) == 1
    assert db.session.scalars(sa.select(Notification.kind)).all() == ["proposal_received"]
    (mail,) = queued()
    assert mail.recipient == "lea@example.org" and mail.attempts == 1 and mail.next_attempt_at > utcnow()

    inbox = start_smtp()
    make_due()
    assert send_mail(runner)["sent"] == 1
    ((recipients, message),) = inbox.messages
    assert recipients == ["lea@example.org"]
    assert message["Subject"] == "Passerelle: Marc proposes an exchange: TikTok pour les marques."
    assert send_mail(runner)["sent"] == 0 and len(inbox.messages) == 1


def test_a_resend_after_a_lost_receipt_carries_the_same_message_id(app, runner, start_smtp):
    inbox = start_smtp()
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    db.session.commit()
    inbox.wait_for(1)
    # A sender that stopped after the server took the mail but before recording it sent.
    db.session.execute(sa.update(OutgoingMail).values(sent_at=None))
    db.session.commit()
    assert send_mail(runner)["sent"] == 1
    first, second = (message["Message-ID"] for _, message in inbox.messages)
    assert first == second


def test_failures_back_off_exponentially_then_become_a_dead_letter(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DELIVERY", "off")
    app.extensions["mail_sender"] = Recorder(error=OSError("connection refused " + "x" * 1000))
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    db.session.commit()
    (mail,) = queued()
    assert mail.attempts == 0
    now = mail.next_attempt_at
    delays = []
    for attempt in range(1, MAX_ATTEMPTS):
        assert outbox.deliver_due(clock=lambda: now) == outbox.Delivery(retried=1)
        (mail,) = queued()
        assert mail.attempts == attempt and mail.claimed_until is None and len(mail.last_error) == 500
        delays.append(mail.next_attempt_at - now)
        assert outbox.deliver_due(clock=lambda: mail.next_attempt_at - timedelta(seconds=1)) == outbox.Delivery()
        now = mail.next_attempt_at
    assert [d.total_seconds() / 60 for d in delays] == [2, 4, 8, 16, 32, 64, 120]
    assert outbox.deliver_due(clock=lambda: now) == outbox.Delivery(dead=1)
    (mail,) = queued()
    assert mail.attempts == MAX_ATTEMPTS and mail.failed_at == now and mail.sent_at is None
    app.extensions["mail_sender"] = Recorder()
    assert outbox.deliver_due(clock=lambda: now + timedelta(days=1)) == outbox.Delivery()
    assert app.extensions["mail_sender"].sent == []
    assert outbox.purge_finished(clock=lambda: now + timedelta(days=8)) == 1 and queued() == []


def test_a_claimed_mail_waits_for_the_claim_to_lapse(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DELIVERY", "off")
    app.extensions["mail_sender"] = sender = Recorder()
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    db.session.commit()
    now = queued()[0].next_attempt_at + timedelta(seconds=1)
    # Another sender holds it (it died mid-send, or is still sending).
    db.session.execute(sa.update(OutgoingMail).values(claimed_until=now + timedelta(minutes=1)))
    db.session.commit()
    assert outbox.deliver_due(clock=lambda: now) == outbox.Delivery()
    assert outbox.deliver_due(clock=lambda: now + timedelta(minutes=2)) == outbox.Delivery(sent=1)
    assert len(sender.sent) == 1


def test_two_deliverers_at_once_never_send_a_mail_twice(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DELIVERY", "off")
    app.extensions["mail_sender"] = sender = Recorder(rendezvous=threading.Barrier(2, timeout=30))
    addresses = [f"member{n}@example.org" for n in range(30)]
    for address in addresses:
        outbox.queue_mail(address, "Hello", "Body")
    db.session.commit()
    results, errors = [], []

    def deliver():
        try:
            with app.app_context():
                results.append(outbox.deliver_due())
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(to for _, to in sender.sent) == sorted(addresses)
    assert len({thread for thread, _ in sender.sent}) == 2  # both sent some, none the same
    assert sum(r.sent for r in results) == 30 and all(m.sent_at for m in queued())


def test_the_courier_delivers_after_the_commit_in_background_mode(app, client, monkeypatch, start_smtp):
    monkeypatch.setitem(app.config, "MAIL_DELIVERY", "background")
    inbox = start_smtp()
    try:
        assert client.post("/signup", data=SIGNUP).status_code == 200
        ((recipients, message),) = inbox.wait_for(1)
        assert recipients == ["new@example.org"]
        assert message["Subject"] == "Passerelle: finish creating your account"
        assert app.extensions["mail_courier"].drain(10)
        assert queued()[0].sent_at is not None
    finally:
        app.extensions["mail_courier"].stop()


def test_a_rolled_back_transaction_sends_nothing(app, make_user, start_smtp):
    inbox = start_smtp()
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    db.session.rollback()
    savepoint = db.session.begin_nested()
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    savepoint.rollback()
    make_user(email="lea@example.org")  # a later commit, which queued nothing
    assert queued() == []
    assert outbox.deliver_due() == outbox.Delivery() and inbox.messages == []


def test_mail_leaves_at_the_outer_commit_not_when_a_savepoint_is_released(app):
    app.extensions["mail_sender"] = sender = Recorder()
    outbox.queue_mail("lea@example.org", "Hello", "Body")
    with db.session.begin_nested():
        outbox.queue_mail("marc@example.org", "Hello", "Body")
    assert sender.sent == []
    db.session.commit()
    assert sorted(to for _, to in sender.sent) == ["lea@example.org", "marc@example.org"]


def test_an_unknown_delivery_mode_is_refused(app_config):
    with pytest.raises(ValueError, match="MAIL_DELIVERY"):
        create_app({**app_config, "MAIL_DELIVERY": "later"})
