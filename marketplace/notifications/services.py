"""Creating, describing and reading notifications; reminders computed from the calendar."""

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import utcnow
from ..errors import NotFound
from ..extensions import db
from ..i18n import meeting_time
from .models import Notification
from .outbox import queue_mail

MESSAGES = {
    "proposal_received": _l("%(actor)s proposes an exchange: %(topic)s."),
    "proposal_changed": _l("%(actor)s suggests changes to your exchange proposal: %(topic)s."),
    "proposal_accepted": _l("%(actor)s accepted your exchange: %(topic)s."),
    "proposal_declined": _l("%(actor)s declined your exchange proposal: %(topic)s."),
    "proposal_withdrawn": _l("%(actor)s withdrew the exchange proposal: %(topic)s."),
    "proposal_expired": _l("Nobody answered the exchange proposal in 14 days: %(topic)s."),
    "exchange_completed": _l("%(actor)s marked your exchange completed: %(topic)s. Tell us how it went."),
    "exchange_cancelled": _l("%(actor)s cancelled your exchange: %(topic)s."),
    "meeting_scheduled": _l("%(actor)s scheduled a meeting on %(when)s: %(topic)s."),
    "meeting_rescheduled": _l("%(actor)s moved a meeting to %(when)s: %(topic)s."),
    "meeting_cancelled": _l("%(actor)s cancelled the meeting of %(when)s: %(topic)s."),
    "cohort_seat": _l("A seat freed up: you are now in the cohort “%(topic)s”."),
    "cohort_joined": _l("%(actor)s joined your cohort “%(topic)s”."),
    "cohort_waitlisted": _l("%(actor)s joined the waitlist of your cohort “%(topic)s”."),
    "cohort_left": _l("%(actor)s left your cohort “%(topic)s”."),
    "cohort_removed": _l("The mentor removed you from the cohort “%(topic)s”."),
    "meeting_soon": _l("Meeting within 24 hours, on %(when)s: %(topic)s."),
    "agenda_missing": _l("Your meeting of %(when)s has no agenda yet: add the topics you want to cover."),
    "feedback_due": _l("How was your meeting of %(when)s? Rate it in a few seconds."),
    "programme_invited": _l("You are invited to the mentoring programme “%(programme)s”: tell us what you seek and bring."),
    "programme_reminder": _l("The mentoring programme “%(programme)s” is waiting for your application."),
    "programme_paired": _l("The programme “%(programme)s” paired you with %(actor)s: %(topic)s. A first meeting is planned."),
    "programme_checkin": _l("The programme “%(programme)s” checks in: plan your next meeting with %(actor)s."),
    "circle_proposed": _l("An exchange circle is proposed to you: %(topic)s. Each member teaches the next; "
                          "it starts when everyone accepts."),
    "circle_formed": _l("Everyone accepted: your exchange circle starts (%(topic)s). "
                        "Plan your first meeting together."),
    "circle_dissolved": _l("A member declined the exchange circle (%(topic)s). You are free for the next one."),
    "circle_expired": _l("Not everyone answered the exchange circle in time (%(topic)s): it is closed."),
}


def notify(user, kind, key, actor=None, exchange=None, meeting=None, programme=None, circle=None):
    """Create the notification once (the key makes repeats no-ops) and queue its email
    (sent after the caller commits)."""
    if user.deleted_at is not None:  # a deleted account gets nothing, and has no address
        return None
    exists = db.session.scalar(
        sa.select(Notification.id).where(Notification.user_id == user.id, Notification.key == key)
    )
    if exists:
        return None
    notification = Notification(user_id=user.id, kind=kind, key=key, actor=actor,
                                exchange=exchange, meeting=meeting, programme=programme, circle=circle)
    db.session.add(notification)
    db.session.flush()
    with force_locale(user.locale):
        text = describe(notification, timezone=user.timezone)
        queue_mail(user.email, _("Passerelle: %(text)s", text=text[:80]), f"{text}\n\n{link(notification)}")
    return notification


def describe(notification, timezone=None):
    """The notification as a sentence in the current locale."""
    exchange, meeting = notification.exchange, notification.meeting
    when = ""
    if meeting is not None:
        when = meeting_time(meeting.starts_at, timezone)
    topic = " / ".join(t.topic for t in exchange.teachings) if exchange is not None else ""
    if exchange is None and notification.circle is not None:
        topic = " → ".join(place.offer_title for place in notification.circle.members)
    actor = notification.actor.public_name if notification.actor else ""
    programme = notification.programme.name if notification.programme is not None else ""
    return str(MESSAGES.get(notification.kind, notification.kind)) % {
        "actor": actor, "topic": topic, "when": when, "programme": programme}


def link(notification):
    """Where the notification leads: the exchange page (or the notification centre)."""
    try:
        if notification.exchange_id:
            return url_for("exchange.show", exchange_id=notification.exchange_id)
        if notification.circle_id:
            return url_for("circles.show", circle_id=notification.circle_id)
        if notification.programme_id:
            return url_for("programmes.show", programme_id=notification.programme_id)
        return url_for("notifications.index")
    except RuntimeError:  # outside a request (the reminders command): no host to build on
        return ""


# A member's notifications only accumulate: the centre shows them a page at a time.
NOTIFICATIONS_PER_PAGE = 100


def notification_page(user, page=1):
    """One page of the member's notifications, newest first, NOTIFICATIONS_PER_PAGE a page.

    Returns ([(notification, text, link)], whether older ones follow). What the texts name
    (actor, exchange topics, meeting time) is loaded in a fixed number of statements."""
    from sqlalchemy.orm import joinedload

    from ..exchange.models import Exchange

    rows = db.session.scalars(
        sa.select(Notification).filter_by(user_id=user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .offset((page - 1) * NOTIFICATIONS_PER_PAGE).limit(NOTIFICATIONS_PER_PAGE + 1)
        .options(joinedload(Notification.actor), joinedload(Notification.meeting),
                 joinedload(Notification.programme), joinedload(Notification.circle),
                 joinedload(Notification.exchange).selectinload(Exchange.teachings))
    ).all()
    shown = rows[:NOTIFICATIONS_PER_PAGE]
    return [(n, describe(n), link(n)) for n in shown], len(rows) > NOTIFICATIONS_PER_PAGE


def notification_count(user):
    """How many notifications the member has (read or not)."""
    return db.session.scalar(sa.select(sa.func.count(Notification.id)).where(Notification.user_id == user.id))


def unread_count(user):
    """How many notifications the member has not read."""
    return db.session.scalar(
        sa.select(sa.func.count(Notification.id)).where(Notification.user_id == user.id,
                                                        Notification.read_at.is_(None))
    )


def open_notification(user, notification_id, now=None):
    """Mark one of the member's notifications read and return where it leads.

    Raises:
        NotFound: no such notification of this member.
    """
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(_("This notification does not exist."))
    if notification.read_at is None:
        notification.read_at = now or utcnow()
        db.session.flush()
    return link(notification)


def mark_all_read(user):
    """Mark every notification of the member read."""
    db.session.execute(
        sa.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def send_reminders(now=None, user=None):
    """Meetings in the next 24 hours, missing agendas the day before, feedback to give.

    Idempotent: each reminder is keyed by its meeting (and the meeting's version).
    With a user, only that member's reminders (computed when they open a page)."""
    from ..exchange.queries import meetings_between, meetings_awaiting_feedback

    now = now or utcnow()
    sent = 0
    for meeting in db.session.scalars(meetings_between(now, now + timedelta(hours=24), user)):
        exchange = meeting.exchange
        for person in exchange.participants:
            if user is not None and person.id != user.id:
                continue
            sent += bool(notify(person, "meeting_soon", f"meeting_soon:{meeting.id}:{meeting.sequence}",
                                exchange=exchange, meeting=meeting))
            if exchange.is_learner(person) and not any(item.author_id == person.id for item in meeting.agenda):
                sent += bool(notify(person, "agenda_missing", f"agenda_missing:{meeting.id}:{meeting.sequence}",
                                    exchange=exchange, meeting=meeting))
    for meeting, person in meetings_awaiting_feedback(user):
        sent += bool(notify(person, "feedback_due", f"feedback_due:{meeting.id}",
                            exchange=meeting.exchange, meeting=meeting))
    return sent
