"""Notification e-mail: at once for what is addressed to the person, digests for the rest.

Every message is built in the recipient's language, as HTML and plain text, with a one-click
List-Unsubscribe (RFC 8058). What may be told is decided again at send time: the person must
still be an active member who wants this e-mail, and still able to read the post it is about
(`Notification.objects.for_recipient`), so a post deleted or moved into a closed group after
the notification was created is never mailed.

Never twice: an immediate e-mail is claimed (PENDING → SENDING in one conditional UPDATE: only
one worker wins), sent, then marked SENT. A digest is claimed by inserting the (person,
frequency, period) `DigestRun` row, which can be inserted only once. Messages are built inside
short transactions and sent outside them (on SQLite a transaction holds the whole database's
write lock; a slow mail server must not stall everyone). The Message-ID is derived from what is
sent, so even a retry after a crash between the server's "250 OK" and our write carries the
same id, which mail systems use to drop duplicates.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.core.claims import Claims
from plein.core.models import Organisation
from plein.notifications.models import (
    Delivery,
    DigestFrequency,
    DigestRun,
    EmailState,
    MailSettings,
    Notification,
)
from plein.notifications.sentences import describe
from plein.notifications.services import deliveries_of
from plein.people.models import Person

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "plein.notifications.unsubscribe"
# A claim older than this belongs to a worker that died mid-send (the SMTP timeout is far
# shorter): the message is built and sent again, with the same Message-ID.
STALE_CLAIM = datetime.timedelta(minutes=15)
CLAIM_BATCH = 200
CLAIMS = Claims(
    Notification,
    state="email_state",
    pending=EmailState.PENDING,
    sending=EmailState.SENDING,
    claimed_at="emailed_at",
    stale_after=STALE_CLAIM,
    batch=CLAIM_BATCH,
)
DIGEST_ITEMS = 30
DIGEST_HOUR = 7  # local time: digests go out in the morning
WEEKLY_DIGEST_WEEKDAY = 0  # Monday


def _domain() -> str:
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def absolute(path: str) -> str:
    return path if "://" in path else f"{settings.BASE_URL}{path}"


# --- Unsubscribe links --------------------------------------------------------------------------


def unsubscribe_token(person: Person) -> str:
    return signing.dumps(person.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def person_for_unsubscribe_token(token: str) -> Person | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def unsubscribe_url(person: Person) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(person)]))


def _message(
    person: Person,
    *,
    subject: str,
    template: str,
    context: dict[str, object],
    message_id: str,
) -> EmailMultiAlternatives:
    """Caller has activated the person's language."""
    link = unsubscribe_url(person)
    context = {
        **context,
        "person": person,
        "organisation": Organisation.current(),
        "settings_url": absolute(reverse("notifications:settings")),
        "unsubscribe_url": link,
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[person.email],
        headers={
            "Message-ID": f"<{message_id}@{_domain()}>",
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


class Outbox:
    """One mail server connection for a run, opened when the first message goes out."""

    def __init__(self) -> None:
        self.connection = mailers.default
        self.opened = False

    def send(self, message: EmailMultiAlternatives) -> None:
        if not self.opened:
            self.connection.open()
            self.opened = True
        self.connection.send_messages([message])

    def close(self) -> None:
        if self.opened:
            self.connection.close()


def _wants_mail(person: Person) -> bool:
    if not person.is_member:
        return False
    mail_settings = MailSettings.objects.filter(person=person).first()
    return mail_settings is None or mail_settings.unsubscribed_at is None


# --- Immediate e-mail ---------------------------------------------------------------------------


def send_pending_emails() -> int:
    """Send every pending immediate e-mail; returns how many were sent."""
    sent = 0
    outbox = Outbox()
    try:
        # The claim: only one worker turns a row from PENDING into SENDING.
        for pk in CLAIMS.pending_ids():
            if _send_claimed(pk, outbox):
                sent += 1
    finally:
        outbox.close()
    return sent


def _send_claimed(pk: int, outbox: Outbox) -> bool:
    """Caller holds the claim (the row is SENDING). Returns whether a message went out."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_related("recipient", "actor").filter(pk=pk).first()
        )
        message = _immediate_message(notification) if notification is not None else None
    if message is None:
        Notification.objects.filter(pk=pk, email_state=EmailState.SENDING).update(
            email_state=EmailState.SKIPPED
        )
        return False
    # Not accepted: handed back for the next run, and this one stops (the server is down).
    with CLAIMS.releasing(pk):
        outbox.send(message)
    Notification.objects.filter(pk=pk, email_state=EmailState.SENDING).update(
        email_state=EmailState.SENT, emailed_at=timezone.now()
    )
    logger.info("notification e-mail sent", extra={"notification_id": pk})
    return True


def _immediate_message(notification: Notification) -> EmailMultiAlternatives | None:
    """The e-mail for one notification, or None when it is no longer to be mailed."""
    person = notification.recipient
    if notification.read_at is not None or not _wants_mail(person):
        return None
    if deliveries_of(person).get(notification.kind) != Delivery.IMMEDIATE:
        return None
    # Visibility and mutes, as they are now.
    if not Notification.objects.for_recipient(person).filter(pk=notification.pk).exists():
        return None
    with translation.override(person.language):
        sentence = describe(notification)
        return _message(
            person,
            subject=sentence,
            template="notification",
            context={
                "notification": notification,
                "sentence": sentence,
                "open_url": absolute(reverse("notifications:open", args=[notification.pk])),
            },
            message_id=f"notification-{notification.pk}",
        )


# --- Digests ------------------------------------------------------------------------------------


def period_of(frequency: str, now: datetime.datetime) -> str:
    local = timezone.localtime(now)
    if frequency == DigestFrequency.WEEKLY:
        year, week, _weekday = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def due_frequencies(now: datetime.datetime) -> list[str]:
    """Which digests are due at this moment (the hourly job asks)."""
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return []
    due = [DigestFrequency.DAILY.value]
    if local.weekday() == WEEKLY_DIGEST_WEEKDAY:
        due.append(DigestFrequency.WEEKLY.value)
    return due


def send_due_digests(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(send_digests(frequency, now=now) for frequency in due_frequencies(now))


def _digest_recipients(frequency: str, period: str) -> list[int]:
    """Members on this frequency with something new, who have not had this period's digest."""
    waiting = Notification.objects.filter(
        recipient=OuterRef("pk"), read_at__isnull=True, digested_at__isnull=True
    )
    done = DigestRun.objects.filter(person=OuterRef("pk"), frequency=frequency, period=period)
    chosen = MailSettings.objects.filter(person=OuterRef("pk"))
    people = Person.objects.members().filter(Exists(waiting)).exclude(Exists(done))
    people = people.exclude(Exists(chosen.filter(unsubscribed_at__isnull=False)))
    if frequency == DigestFrequency.DAILY:
        # Daily is the default: everyone who did not choose otherwise.
        people = people.exclude(Exists(chosen.filter(~Q(digest=DigestFrequency.DAILY))))
    else:
        people = people.filter(Exists(chosen.filter(digest=frequency)))
    return list(people.order_by("pk").values_list("pk", flat=True))


def send_digests(frequency: str, *, now: datetime.datetime | None = None) -> int:
    """This period's digest for everyone on `frequency`; returns how many were mailed."""
    now = now or timezone.now()
    period = period_of(frequency, now)
    sent = 0
    outbox = Outbox()
    try:
        for person_id in _digest_recipients(frequency, period):
            if _send_digest(person_id, frequency, period, outbox):
                sent += 1
    finally:
        outbox.close()
    return sent


@dataclass
class DigestItem:
    notification: Notification
    sentence: str
    url: str


def _send_digest(person_id: int, frequency: str, period: str, outbox: Outbox) -> bool:
    with transaction.atomic():
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            return False
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(person=person, frequency=frequency, period=period)
        except IntegrityError:
            return False  # this period's digest is another run's
        undigested = Notification.objects.filter(recipient=person, digested_at__isnull=True)
        last_id = undigested.order_by("-id").values_list("pk", flat=True).first()
        message = _digest_message(person, frequency, run) if _wants_mail(person) else None
        marked_at = timezone.now()
        if last_id is not None:
            # Whatever this digest saw is done with, shown or not (read, muted, another
            # delivery, no longer visible): the next digest starts after it.
            undigested.filter(pk__lte=last_id).update(digested_at=marked_at)
    if message is None:
        return False
    try:
        outbox.send(message)
    except Exception:
        # Not accepted: undo the claim, so the next run of this period tries again.
        Notification.objects.filter(recipient=person, digested_at=marked_at).update(
            digested_at=None
        )
        DigestRun.objects.filter(pk=run.pk).delete()
        raise
    DigestRun.objects.filter(pk=run.pk).update(sent_at=timezone.now())
    logger.info("digest sent", extra={"person_id": person_id, "frequency": frequency})
    return True


def _digest_message(
    person: Person, frequency: str, run: DigestRun
) -> EmailMultiAlternatives | None:
    deliveries = deliveries_of(person)
    digest_kinds = [kind for kind, delivery in deliveries.items() if delivery == Delivery.DIGEST]
    candidates = (
        Notification.objects.for_recipient(person)
        .unread()
        .filter(digested_at__isnull=True, kind__in=digest_kinds)
        .exclude(email_state=EmailState.SENT)
        .select_related("actor")
        .order_by("-updated_at", "-id")
    )
    notifications = list(candidates[: DIGEST_ITEMS + 1])
    if not notifications:
        return None
    more = len(notifications) > DIGEST_ITEMS
    notifications = notifications[:DIGEST_ITEMS]
    DigestRun.objects.filter(pk=run.pk).update(notification_count=len(notifications))
    with translation.override(person.language):
        items = [
            DigestItem(
                notification=n,
                sentence=describe(n),
                url=absolute(reverse("notifications:open", args=[n.pk])),
            )
            for n in notifications
        ]
        count = len(items)
        if frequency == DigestFrequency.WEEKLY:
            subject = ngettext(
                "Your week in Plein: %(count)d new notification",
                "Your week in Plein: %(count)d new notifications",
                count,
            ) % {"count": count}
        else:
            subject = ngettext(
                "Your day in Plein: %(count)d new notification",
                "Your day in Plein: %(count)d new notifications",
                count,
            ) % {"count": count}
        return _message(
            person,
            subject=subject,
            template="digest",
            context={
                "items": items,
                "more": more,
                "weekly": frequency == DigestFrequency.WEEKLY,
                "list_url": absolute(reverse("notifications:list")),
                "title": subject,
                "intro": _("This is what happened in Plein that you have not seen yet."),
            },
            message_id=f"digest-{person.pk}-{frequency}-{run.period}",
        )
