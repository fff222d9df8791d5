"""The outbox: e-mails are queued in the transaction that causes them and sent after its commit.

No request waits for, or fails because of, a mail server: a page queues its mails with its
other changes, so they exist if and only if the change was committed, and a sender delivers
them afterwards. `MAIL_DELIVERY` says which sender:

- "background" (the default): the commit wakes this process's courier, a daemon thread that
  delivers in its own app context while the response goes out.
- "inline" (tests): the commit delivers before `commit()` returns, so a test reads the mails
  right after the request or service call. See `_after_commit` for why this is sound.
- "off": only `marketplace send-mail` sends.

A failed try is retried with exponential back-off by `marketplace send-mail` (schedule it every
few minutes, like send-reminders) and whenever the courier wakes; after MAX_ATTEMPTS the mail
is a dead letter. The limits are in notifications/models.py.

Delivery is at least once: a sender that stops between handing a mail to the server and
recording it sent leaves it claimed; once the claim lapses the mail is sent again. Every try of
a mail carries the same Message-ID, made from its row, so receivers can drop the repeat.
"""

import atexit
import inspect
import os
import threading
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import event

from ..accounts.models import utcnow
from ..extensions import db
from .mail import get_sender, sender_address
from .models import (
    CLAIM_LEASE, COURIER_EXIT_WAIT, FINISHED_KEPT_FOR, FIRST_RETRY_DELAY, LAST_ERROR_LENGTH, LONGEST_RETRY_DELAY,
    MAX_ATTEMPTS, OutgoingMail,
)

DELIVERY_MODES = ("background", "inline", "off")
_QUEUED = "marketplace.mail_queued"  # session.info flag: this transaction queued mail


class Delivery(NamedTuple):
    """What one delivery pass did."""

    sent: int = 0
    retried: int = 0  # failed, tried again later
    dead: int = 0  # failed for the last time

    def __add__(self, other):
        return Delivery(*(a + b for a, b in zip(self, other)))


def init_app(app):
    """Check MAIL_DELIVERY (the commit hooks below are registered once, on import)."""
    if app.config["MAIL_DELIVERY"] not in DELIVERY_MODES:
        raise ValueError(f"MAIL_DELIVERY must be one of {', '.join(DELIVERY_MODES)}, "
                         f"not {app.config['MAIL_DELIVERY']!r}")


def queue_mail(to, subject, body):
    """Add a mail to the outbox in the caller's transaction; it leaves after the commit, if any."""
    mail = OutgoingMail(recipient=to, subject=subject[:OutgoingMail.subject.type.length], body=body)
    db.session.add(mail)
    db.session.info[_QUEUED] = True
    return mail


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed try: doubling, up to the longest delay."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempts - 1), LONGEST_RETRY_DELAY)


def message_id(mail_id, created_at):
    """The Message-ID of a queued mail: the same on every try, unique across databases in practice."""
    domain = sender_address(current_app.config).rpartition("@")[2] or "localhost"
    return f"<outgoing-mail.{mail_id}.{created_at:%Y%m%d%H%M%S}@{domain}>"


def deliver_due(limit=None, clock=utcnow):
    """Send the mails that are due now (at most `limit`), each claimed first so that two
    senders never send it at once; runs its own transactions, never the caller's session.

    Args:
        limit: how many due mails to try in this pass (None: all).
        clock: returns the current time (naive UTC); tests pass a fixed one.
    Returns:
        A Delivery: how many were sent, will be retried, became dead letters.
    """
    query = sa.select(OutgoingMail.id).where(_due(clock())).order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
    with db.engine.connect() as connection:
        due = connection.scalars(query.limit(limit)).all()
    done = Delivery()
    sender = get_sender()
    for mail_id in due:
        mail = _claim(mail_id, clock())
        if mail is not None:
            done += _deliver(sender, mail, clock)
    return done


def purge_finished(clock=utcnow):
    """Delete sent mails and dead letters older than FINISHED_KEPT_FOR (their links are secrets);
    returns how many."""
    before = clock() - FINISHED_KEPT_FOR
    with db.engine.begin() as connection:
        return connection.execute(sa.delete(OutgoingMail).where(
            sa.or_(OutgoingMail.sent_at < before, OutgoingMail.failed_at < before))).rowcount


def _due(now):
    return sa.and_(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_(None),
                   OutgoingMail.next_attempt_at <= now,
                   sa.or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until < now))


def _claim(mail_id, now):
    """Take the mail for one try if it is still due, in one UPDATE: of two senders racing for
    it, the database lets one update the row and the other finds it no longer due (rowcount 0).
    The try is counted now, so a mail that kills its sender does not loop for ever."""
    claim = (sa.update(OutgoingMail).where(OutgoingMail.id == mail_id, _due(now))
             .values(claimed_until=now + CLAIM_LEASE, attempts=OutgoingMail.attempts + 1))
    with db.engine.begin() as connection:
        if connection.execute(claim).rowcount != 1:
            return None
        return connection.execute(sa.select(
            OutgoingMail.id, OutgoingMail.recipient, OutgoingMail.subject, OutgoingMail.body,
            OutgoingMail.created_at, OutgoingMail.attempts).where(OutgoingMail.id == mail_id)).one()


def _deliver(sender, mail, clock):
    try:
        _hand_over(sender, mail)
    except Exception as error:  # whatever the sender raises, the mail stays queued
        now = clock()
        dead = mail.attempts >= MAX_ATTEMPTS
        outcome = {"failed_at": now} if dead else {"next_attempt_at": now + retry_delay(mail.attempts)}
        _finish(mail.id, last_error=f"{type(error).__name__}: {error}"[:LAST_ERROR_LENGTH], **outcome)
        current_app.logger.warning("mail %s not sent (try %s of %s%s): %s", mail.id, mail.attempts, MAX_ATTEMPTS,
                                   ", given up" if dead else "", error)
        return Delivery(dead=1) if dead else Delivery(retried=1)
    _finish(mail.id, sent_at=clock())
    return Delivery(sent=1)


def _hand_over(sender, mail):
    identity = message_id(mail.id, mail.created_at)
    if "message_id" in inspect.signature(sender.send).parameters:
        sender.send(mail.recipient, mail.subject, mail.body, message_id=identity)
    else:  # a sender that only takes the three parts (the tests' mailboxes)
        sender.send(mail.recipient, mail.subject, mail.body)


def _finish(mail_id, **values):
    with db.engine.begin() as connection:
        connection.execute(sa.update(OutgoingMail).where(OutgoingMail.id == mail_id)
                           .values(claimed_until=None, **values))


# --- Delivery after commit ------------------------------------------------------------------

@event.listens_for(db.session, "after_commit")
def _after_commit(session):
    """Start the delivery of the mails a committed transaction queued.

    SQLAlchemy calls this once the database has committed, while `commit()` is still
    unwinding: this session cannot run SQL here, and is not used. "background" only sets an
    event the courier waits on. "inline" delivers right here, but through `deliver_due`, which
    works on connections of its own, each in its own short transaction, and reads rows the
    commit has just made visible to every connection; the committing session's connection is
    idle by then (committed, so it holds no lock, even on SQLite). Any error is logged and
    swallowed: the caller's changes are committed and must not look failed. The listener is on
    the session class, so it also sees savepoints being released: only the outermost commit
    counts.
    """
    if session.in_nested_transaction() or not session.info.pop(_QUEUED, False):
        return
    app = current_app._get_current_object()
    mode = app.config["MAIL_DELIVERY"]
    if mode == "background":
        courier(app).wake()
    elif mode == "inline":
        try:
            deliver_due()
        except Exception:
            app.logger.exception("mail delivery failed; the mails stay queued")


@event.listens_for(db.session, "after_soft_rollback")
def _after_rollback(session, previous_transaction):
    """A rolled-back transaction's mails are gone with it: nothing to wake a sender for."""
    if previous_transaction.parent is None:
        session.info.pop(_QUEUED, None)


class Courier:
    """This process's mail sender thread: sleeps until a commit queues mail, then delivers
    every due mail in its own app context. Made on first use in each process (a forked worker
    gets its own), it holds the process's end for up to COURIER_EXIT_WAIT while it finishes."""

    def __init__(self, app):
        self.app = app
        self.pid = os.getpid()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="mail-courier", daemon=True)
        self._thread.start()
        atexit.register(self.drain)

    def wake(self):
        """Ask for a delivery pass (cheap, never blocks: called from the commit)."""
        with self._lock:
            self._idle.clear()
            self._wake.set()

    def drain(self, timeout=COURIER_EXIT_WAIT.total_seconds()):
        """Wait until no delivery is asked for or running; returns whether it is so."""
        return self._idle.wait(timeout)

    def stop(self):
        """End the thread after its current pass (tests; a process just exits)."""
        self._stopped = True
        self._wake.set()
        self._thread.join(COURIER_EXIT_WAIT.total_seconds())
        atexit.unregister(self.drain)

    def _run(self):
        while True:
            self._wake.wait()
            if self._stopped:
                return
            self._wake.clear()
            try:
                with self.app.app_context():
                    deliver_due()
            except Exception:  # the database is away: the mails stay queued for the next pass
                self.app.logger.exception("mail courier: delivery failed; the mails stay queued")
            with self._lock:
                if not self._wake.is_set():
                    self._idle.set()


_courier_lock = threading.Lock()


def courier(app):
    """The courier of this app in this process, started on first use."""
    with _courier_lock:
        found = app.extensions.get("mail_courier")
        if found is None or found.pid != os.getpid():
            found = app.extensions["mail_courier"] = Courier(app)
        return found


def courier_if_started(app):
    """This process's courier, or None when no commit has queued mail here yet."""
    found = app.extensions.get("mail_courier")
    return found if found is not None and found.pid == os.getpid() else None
