"""Creating, reading and configuring notifications. Other apps call `notify`.

`notify` is called by a service inside its transaction and does its work once that transaction
commits (nothing is told about content that was rolled back). A few recipients (a mention, a
reply) are written right then; a large audience (an announcement to the whole organisation) is
stored as one `FanOut` row and handed to the worker, so the author's request returns at once.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from plein.community.models import PUBLIC_AUDIENCES, Group, Membership, Moderation, Post
from plein.notifications.models import (
    Delivery,
    DigestFrequency,
    EmailState,
    FanOut,
    GroupMute,
    Kind,
    MailSettings,
    Notification,
    NotificationPreference,
    NotificationQuerySet,
    default_delivery,
)
from plein.people.models import Person

logger = logging.getLogger(__name__)

# Up to this many recipients are written when the content commits; more go to the worker.
FAN_OUT_ABOVE = 100
CHUNK = 1000
UNREAD_CAP = 99  # the bell says "99+" beyond this: counting stops there
UNREAD_CACHE_SECONDS = 60
POLL_SECONDS = 25  # how often an open page asks for the bell (PLEIN_NOTIFICATIONS_POLL_SECONDS)
MAX_ACTOR_IDS = 200  # distinct actors remembered per row; the count keeps going
TITLE_LENGTH = 300
FAN_OUT_GRACE = timedelta(minutes=10)
EXCERPT_LENGTH = 500


@dataclass(frozen=True)
class Payload:
    kind: str
    actor_id: int | None
    url: str
    title: str
    excerpt: str
    post_id: int | None
    group_id: int | None
    thread_key: str


def notify(
    recipients: Iterable[Person] | Iterable[int],
    *,
    kind: str,
    actor: Person | None,
    url: str,
    title: str,
    excerpt: str = "",
    post: Post | None = None,
    group: Group | None = None,
    thread_key: str = "",
) -> None:
    """Tell the recipients (people or their ids) that something happened. The actor is never
    told of their own action; people who are not active members, who muted `group`, or who
    switched this kind off are skipped. An unread notification with the same (kind,
    thread_key) grows instead of a new one being added."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    ids = {r if isinstance(r, int) else r.pk for r in recipients}
    if actor is not None:
        ids.discard(actor.pk)
    if not ids:
        return
    if group is None and post is not None and post.group_id is not None:
        group_id: int | None = post.group_id
    else:
        group_id = group.pk if group is not None else None
    payload = Payload(
        kind=kind,
        actor_id=actor.pk if actor is not None else None,
        url=url[:500],
        title=title[:TITLE_LENGTH],
        excerpt=excerpt[:EXCERPT_LENGTH],
        post_id=post.pk if post is not None else None,
        group_id=group_id,
        thread_key=thread_key[:120],
    )
    recipient_ids = sorted(ids)
    if len(recipient_ids) <= FAN_OUT_ABOVE:
        transaction.on_commit(lambda: deliver(recipient_ids, payload), robust=True)
        return
    # Stored in the content's transaction: the fan-out exists exactly when the content does.
    fan_out = FanOut.objects.create(recipient_ids=recipient_ids, payload=asdict(payload))

    def enqueue() -> None:
        from plein.notifications.tasks import deliver_fan_out

        deliver_fan_out.enqueue(fan_out.pk)

    transaction.on_commit(enqueue, robust=True)


def deliver_fan_out_now(fan_out_id: int) -> int:
    """The worker's side of a large `notify`: insert in chunks. Safe to run twice."""
    fan_out = FanOut.objects.filter(pk=fan_out_id).first()
    if fan_out is None or fan_out.done_at is not None:
        return 0
    payload = Payload(**fan_out.payload)
    ids: list[int] = list(fan_out.recipient_ids)
    created = 0
    for start in range(0, len(ids), CHUNK):
        created += deliver(ids[start : start + CHUNK], payload, source=f"fanout:{fan_out.pk}")
    FanOut.objects.filter(pk=fan_out.pk).update(done_at=timezone.now())
    return created


def deliver_waiting_fan_outs() -> int:
    """Fan-outs still undone a while after they were stored (their task was lost)."""
    stale = timezone.now() - FAN_OUT_GRACE
    waiting = FanOut.objects.filter(done_at__isnull=True, created_at__lt=stale)
    return sum(deliver_fan_out_now(pk) for pk in waiting.values_list("pk", flat=True))


def _eligible(ids: Sequence[int], payload: Payload) -> dict[int, str]:
    """Recipient id → how they want this kind, for those who are to be told at all."""
    people = Person.objects.members().filter(pk__in=ids)
    if payload.group_id is not None:
        muted = GroupMute.objects.filter(person=OuterRef("pk"), group_id=payload.group_id)
        people = people.exclude(Exists(muted))
    if payload.post_id is not None:
        post = Post.objects.filter(
            pk=payload.post_id, deleted_at__isnull=True, moderation=Moderation.PUBLISHED
        ).first()
        if post is None:
            return {}
        if post.audience not in PUBLIC_AUDIENCES and post.group_id is not None:
            member = Membership.objects.filter(
                person=OuterRef("pk"), group_id=post.group_id, state=Membership.State.ACTIVE
            )
            people = people.filter(Exists(member))
    chosen = NotificationPreference.objects.filter(person=OuterRef("pk"), kind=payload.kind).values(
        "delivery"
    )[:1]
    rows = people.annotate(delivery=Subquery(chosen)).values_list("pk", "delivery")
    fallback = default_delivery(payload.kind)
    wanted = {pk: delivery or fallback for pk, delivery in rows}
    return {pk: delivery for pk, delivery in wanted.items() if delivery != Delivery.OFF}


def deliver(ids: Sequence[int], payload: Payload, *, source: str = "") -> int:
    """Write the in-app notifications for these recipients; returns how many rows were added.
    Rows already carrying `source` are left alone, so a repeated delivery adds nothing."""
    now = timezone.now()
    with transaction.atomic():
        wanted = _eligible(ids, payload)
        if not wanted:
            return 0
        grown: list[Notification] = []
        if payload.thread_key:
            existing = Notification.objects.select_for_update().filter(
                recipient_id__in=list(wanted),
                kind=payload.kind,
                thread_key=payload.thread_key,
                read_at__isnull=True,
            )
            if source:
                existing = existing.exclude(source=source)
            for notification in existing:
                _grow(notification, payload, now)
                grown.append(notification)
            Notification.objects.bulk_update(
                grown,
                [
                    "actor",
                    "actor_ids",
                    "actor_count",
                    "url",
                    "title",
                    "excerpt",
                    "updated_at",
                    "digested_at",
                ],
            )
        already = {n.recipient_id for n in grown}
        if source:
            already |= set(
                Notification.objects.filter(
                    recipient_id__in=list(wanted), source=source
                ).values_list("recipient_id", flat=True)
            )
        new = [
            Notification(
                recipient_id=pk,
                kind=payload.kind,
                thread_key=payload.thread_key,
                source=source,
                actor_id=payload.actor_id,
                actor_ids=[payload.actor_id] if payload.actor_id else [],
                actor_count=1,
                url=payload.url,
                title=payload.title,
                excerpt=payload.excerpt,
                post_id=payload.post_id,
                group_id=payload.group_id,
                created_at=now,
                updated_at=now,
                email_state=(
                    EmailState.PENDING if delivery == Delivery.IMMEDIATE else EmailState.NONE
                ),
            )
            for pk, delivery in wanted.items()
            if pk not in already
        ]
        # A concurrent writer may have added the same unread thread meanwhile: skip, not fail.
        Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    forget_unread_counts(wanted)
    if any(n.email_state == EmailState.PENDING for n in new):
        from plein.notifications.tasks import send_pending_emails

        send_pending_emails.enqueue()
    return len(new)


def _grow(notification: Notification, payload: Payload, now: datetime) -> None:
    actor_ids = list(notification.actor_ids or [])
    if payload.actor_id is None:
        # Anonymous (a question to the board): each one counts, nobody is named.
        notification.actor_count += 1
    elif payload.actor_id not in actor_ids:
        notification.actor_count += 1
        actor_ids.append(payload.actor_id)
        actor_ids = actor_ids[-MAX_ACTOR_IDS:]
    notification.actor_ids = actor_ids
    notification.actor_id = payload.actor_id
    notification.url = payload.url
    notification.title = payload.title
    notification.excerpt = payload.excerpt
    notification.updated_at = now
    # Worth telling again in the next digest; an e-mail already sent is not sent again.
    notification.digested_at = None


def poll_seconds() -> int:
    return int(getattr(settings, "PLEIN_NOTIFICATIONS_POLL_SECONDS", POLL_SECONDS))


# --- Reading --------------------------------------------------------------------------------


def _unread_key(person_id: int) -> str:
    return f"notifications:unread:{person_id}"


def forget_unread_counts(person_ids: Iterable[int]) -> None:
    if not _cache_saves_a_query():
        return
    keys = [_unread_key(pk) for pk in person_ids]
    for start in range(0, len(keys), CHUNK):
        cache.delete_many(keys[start : start + CHUNK])


@dataclass(frozen=True)
class BellState:
    count: int  # unread, up to UNREAD_CAP + 1
    stamp: str  # changes whenever the unread notifications change (new, grown, read)

    @property
    def capped(self) -> bool:
        return self.count > UNREAD_CAP


def _cache_saves_a_query() -> bool:
    """With the database cache (embedded mode), a cache look-up is itself a query, and a miss
    costs several: the indexed count is asked directly instead. Redis saves the query."""
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    return not backend.endswith("DatabaseCache")


def bell_state(person: Person) -> BellState:
    """The unread notifications the person may see: one query (newest first, through the
    unread index, stopping after UNREAD_CAP + 1 rows), or a cache hit where a cache saves the
    query; every write that changes the count forgets the cached value."""
    use_cache = _cache_saves_a_query()
    key = _unread_key(person.pk)
    cached = cache.get(key) if use_cache else None
    if cached is None:
        rows = list(
            Notification.objects.for_recipient(person)
            .unread()
            .order_by("-updated_at", "-id")
            .values_list("pk", "updated_at")[: UNREAD_CAP + 1]
        )
        newest = f"{rows[0][0]}.{rows[0][1].timestamp():.6f}" if rows else "0"
        cached = (len(rows), f"{len(rows)}-{newest}")
        if use_cache:
            cache.set(key, cached, UNREAD_CACHE_SECONDS)
    return BellState(count=int(cached[0]), stamp=str(cached[1]))


def unread_count(person: Person) -> int:
    return bell_state(person).count


def notifications_for(person: Person) -> NotificationQuerySet:
    return Notification.objects.for_recipient(person).select_related("actor")


def mark_read(person: Person, notification_id: int) -> Notification | None:
    """Mark one of the person's notifications read; returns it (None when it is not theirs or
    not visible to them any more)."""
    notification = notifications_for(person).filter(pk=notification_id).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        forget_unread_counts([person.pk])
    return notification


def mark_read_about(person: Person, post: Post) -> int:
    """The person opened the post's page: what told them about it has done its job.

    Reads before it writes (the bell's count is usually cached): a page view takes no write
    lock unless there is something to mark."""
    if bell_state(person).count == 0:
        return 0
    unread = list(
        Notification.objects.filter(recipient=person, read_at__isnull=True, post=post).values_list(
            "pk", flat=True
        )
    )
    if not unread:
        return 0
    count = Notification.objects.filter(pk__in=unread, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_counts([person.pk])
    return count


def mark_all_read(person: Person) -> int:
    count = Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_counts([person.pk])
    return count


# --- Preferences and mutes -------------------------------------------------------------------


def deliveries_of(person: Person) -> dict[str, str]:
    """Every kind → the person's choice (or the default)."""
    chosen = dict(
        NotificationPreference.objects.filter(person=person).values_list("kind", "delivery")
    )
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in Kind.values}


def set_delivery(person: Person, kind: str, delivery: str) -> None:
    if kind not in Kind.values or delivery not in Delivery.values:
        raise ValueError("unknown kind or delivery")
    if delivery == default_delivery(kind):
        NotificationPreference.objects.filter(person=person, kind=kind).delete()
        return
    NotificationPreference.objects.update_or_create(
        person=person, kind=kind, defaults={"delivery": delivery}
    )


def mail_settings_of(person: Person) -> MailSettings:
    chosen = MailSettings.objects.filter(person=person).first()
    return chosen or MailSettings(person=person)


def set_digest_frequency(person: Person, frequency: str) -> None:
    if frequency not in DigestFrequency.values:
        raise ValueError("unknown digest frequency")
    MailSettings.objects.update_or_create(
        person=person, defaults={"digest": frequency, "unsubscribed_at": None}
    )


def unsubscribe(person: Person) -> None:
    """The one-click unsubscribe: no more notification e-mail (in-app stays)."""
    MailSettings.objects.update_or_create(
        person=person,
        defaults={"digest": DigestFrequency.NEVER, "unsubscribed_at": timezone.now()},
    )


def is_muted(person: Person, group: Group) -> bool:
    return GroupMute.objects.filter(person=person, group=group).exists()


def mute_group(person: Person, group: Group, *, muted: bool = True) -> None:
    """Mute or unmute a group the person can see. Muting also hides the group's notifications
    that are already there."""
    if not Group.objects.visible_to(person).filter(pk=group.pk).exists():
        raise PermissionDenied
    if muted:
        GroupMute.objects.get_or_create(person=person, group=group)
    else:
        GroupMute.objects.filter(person=person, group=group).delete()
    forget_unread_counts([person.pk])


def muted_groups(person: Person) -> list[Group]:
    return list(
        Group.objects.filter(
            Exists(GroupMute.objects.filter(person=person, group=OuterRef("pk")))
        ).order_by("name")
    )
