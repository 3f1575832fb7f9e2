"""Notifications for the demo accounts, from what the demo community already holds.

Load the people and community demos first, and the other content demos before this one.
Most demo posts and comments are bulk-inserted, so no event told anyone about them; this tells
each demo account, through `services.deliver`, what it would have been told: who mentioned
them, who commented on their posts, who replied to their comments, which groups invited them.
A busy post batches into one growing notification, as in real life. Everything is dated at
the content's own time; all but the newest few count as read, and nothing of the demo's
history is mailed (nor what the other content demos notified: their fan-outs are delivered here
and their e-mail skipped).

Idempotent: each notification carries a `demo:` source, so a second run adds nothing.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from plein.community.models import Comment, Membership, Mention, Post
from plein.community.services.gate import plain_excerpt
from plein.notifications.models import EmailState, FanOut, Kind, Notification
from plein.notifications.services import Payload, deliver, deliver_fan_out_now
from plein.people.demo.accounts import DEMO_PEOPLE
from plein.people.models import Person

PER_SOURCE = 12  # events of each sort per account: enough for a full, readable list
UNREAD = 4  # the newest few of each account wait unread; the history before them was read
TITLE_CHARS = 120
EXCERPT_CHARS = 200


@dataclass(frozen=True)
class Event:
    at: datetime
    source: str
    payload: Payload


def load_demo() -> str:
    """Add the demo accounts' notifications. Returns a one-line summary."""
    accounts = list(Person.objects.members().filter(email__in=[spec.email for spec in DEMO_PEOPLE]))
    if not accounts:
        return "no demo accounts: load the people demo first"
    if Notification.objects.filter(recipient__in=accounts, source__startswith="demo:").exists():
        return "demo notifications already present: nothing added"
    now = timezone.now()
    added = 0
    with transaction.atomic():
        for person in accounts:
            events = sorted(_events_for(person), key=lambda event: event.at)
            for event in events:
                added += deliver([person.pk], event.payload, source=event.source)
                _date(person, event)
        history = Notification.objects.filter(recipient__in=accounts, source__startswith="demo:")
        for person in accounts:
            newest = history.filter(recipient=person).order_by("-updated_at", "-id")
            kept = list(newest.values_list("pk", flat=True)[:UNREAD])
            newest.exclude(pk__in=kept).update(read_at=now)
        # The other content demos notified people through their services as well (an
        # announcement to everyone waits for the worker as a fan-out): deliver those now, and
        # mail none of it: it is all history by the time anyone signs in.
        for fan_out_id in FanOut.objects.filter(done_at__isnull=True).values_list("pk", flat=True):
            deliver_fan_out_now(fan_out_id)
        everything = Notification.objects.all()
        everything.filter(email_state=EmailState.PENDING).update(email_state=EmailState.SKIPPED)
        everything.filter(digested_at__isnull=True).update(digested_at=now)
    unread = Notification.objects.filter(recipient__in=accounts, read_at__isnull=True).count()
    return f"{added} notifications for {len(accounts)} demo accounts ({unread} unread)"


def _date(person: Person, event: Event) -> None:
    """Stamp the row this event created or grew with the event's own time."""
    payload = event.payload
    Notification.objects.filter(recipient=person, source=event.source).update(created_at=event.at)
    Notification.objects.filter(
        recipient=person, kind=payload.kind, thread_key=payload.thread_key, read_at__isnull=True
    ).update(updated_at=event.at)


def _post_title(post: Post) -> str:
    return plain_excerpt(post.body, TITLE_CHARS)


def _events_for(person: Person) -> Iterator[Event]:
    # Mentioned in a post.
    mentions = (
        Mention.objects.filter(person=person, post__isnull=False, post__deleted_at__isnull=True)
        .exclude(post__author=person)
        .select_related("post")
        .order_by("-post__created_at")[:PER_SOURCE]
    )
    for mention in mentions:
        post = mention.post
        assert post is not None
        yield Event(
            post.created_at,
            f"demo:mention:post:{post.pk}",
            Payload(
                kind=Kind.MENTION,
                actor_id=post.author_id,
                url=reverse("community:post", args=[post.pk]),
                title=_post_title(post),
                excerpt="",
                post_id=post.pk,
                group_id=post.group_id,
                thread_key=f"post:{post.pk}",
            ),
        )
    # Comments on their posts, and replies to their comments.
    comments = (
        Comment.objects.filter(deleted_at__isnull=True, post__deleted_at__isnull=True)
        .exclude(author=person)
        .select_related("post", "parent")
    )
    on_posts = comments.filter(post__author=person, parent__isnull=True).order_by("-created_at")
    replies = comments.filter(parent__author=person).order_by("-created_at")
    for comment, kind in [
        *((c, Kind.COMMENT) for c in on_posts[:PER_SOURCE]),
        *((c, Kind.REPLY) for c in replies[:PER_SOURCE]),
    ]:
        post = comment.post
        yield Event(
            comment.created_at,
            f"demo:{kind}:comment:{comment.pk}",
            Payload(
                kind=kind,
                actor_id=comment.author_id,
                url=reverse("community:comment_permalink", args=[comment.pk]),
                title=_post_title(post),
                excerpt=plain_excerpt(comment.body, EXCERPT_CHARS),
                post_id=post.pk,
                group_id=post.group_id,
                thread_key=(
                    f"comment:{comment.parent_id}"
                    if kind == Kind.REPLY
                    else f"post:{post.pk}:comments"
                ),
            ),
        )
    # Invitations still open.
    invitations = Membership.objects.filter(
        person=person, state=Membership.State.INVITED
    ).select_related("group")
    for membership in invitations:
        group = membership.group
        yield Event(
            membership.created_at,
            f"demo:invitation:{membership.pk}",
            Payload(
                kind=Kind.INVITATION,
                actor_id=group.created_by_id,
                url=reverse("community:group", args=[group.slug]),
                title=group.name,
                excerpt="",
                post_id=None,
                group_id=group.pk,
                thread_key=f"group:{group.pk}:invitation",
            ),
        )
