"""What the community's events mean for notifications (subscribed in NotificationsConfig).

Handlers run inside the community service's transaction; `notify` defers its work until the
transaction commits. Each person is told once per event, the most personal way first: being
mentioned beats a reply to your comment, which beats a comment on your post.
"""

from django.db import transaction
from django.urls import reverse

from plein.community.events import (
    CommentAdded,
    GroupInvitation,
    PostEdited,
    PostMoved,
    PostPublished,
    PostRemoved,
)
from plein.community.models import Post
from plein.community.services.gate import plain_excerpt
from plein.notifications.models import Kind, Notification
from plein.notifications.services import forget_unread_counts, notify

TITLE_CHARS = 120
EXCERPT_CHARS = 200


def _post_url(post: Post) -> str:
    return reverse("community:post", args=[post.pk])


def _post_title(post: Post) -> str:
    return plain_excerpt(post.body, TITLE_CHARS)


def on_post_published(event: PostPublished) -> None:
    post = event.post
    notify(
        event.mentioned,
        kind=Kind.MENTION,
        actor=post.author,
        url=_post_url(post),
        title=_post_title(post),
        post=post,
        thread_key=f"post:{post.pk}",
    )


def on_post_edited(event: PostEdited) -> None:
    post = event.post
    notify(
        event.newly_mentioned,
        kind=Kind.MENTION,
        actor=post.author,
        url=_post_url(post),
        title=_post_title(post),
        post=post,
        thread_key=f"post:{post.pk}",
    )


def on_comment_added(event: CommentAdded) -> None:
    comment = event.comment
    post = comment.post
    url = reverse("community:comment_permalink", args=[comment.pk])
    title = _post_title(post)
    excerpt = plain_excerpt(comment.body, EXCERPT_CHARS)

    def tell(recipients: list[int], kind: str, thread_key: str) -> None:
        notify(
            recipients,
            kind=kind,
            actor=comment.author,
            url=url,
            title=title,
            excerpt=excerpt,
            post=post,
            thread_key=thread_key,
        )

    told = {comment.author_id}
    mentioned = [p.pk for p in event.mentioned if p.pk not in told]
    tell(mentioned, Kind.MENTION, f"post:{post.pk}")
    told.update(mentioned)
    if comment.parent is not None and comment.parent.author_id not in told:
        tell([comment.parent.author_id], Kind.REPLY, f"comment:{comment.parent_id}")
        told.add(comment.parent.author_id)
    if post.author_id not in told:
        tell([post.author_id], Kind.COMMENT, f"post:{post.pk}:comments")


def on_group_invitation(event: GroupInvitation) -> None:
    group = event.membership.group
    notify(
        [event.membership.person_id],
        kind=Kind.INVITATION,
        actor=event.by,
        url=reverse("community:group", args=[group.slug]),
        title=group.name,
        group=group,
        thread_key=f"group:{group.pk}:invitation",
    )


def on_post_hidden(event: PostRemoved | PostMoved) -> None:
    """Notifications about a post that was removed or moved are hidden by the visibility rule
    as soon as it changes; the cached bell counts of those told about it are forgotten (on
    commit) so the badge follows at once."""
    recipients = list(
        Notification.objects.filter(post=event.post, read_at__isnull=True).values_list(
            "recipient_id", flat=True
        )
    )
    if recipients:
        transaction.on_commit(lambda: forget_unread_counts(recipients), robust=True)
