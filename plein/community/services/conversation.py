"""Conversation: comments with one level of replies, reactions, bookmarks, follows."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.community import events
from plein.community.models import (
    Bookmark,
    Comment,
    Follow,
    Mention,
    Moderation,
    Post,
    Reaction,
    Topic,
)
from plein.community.services import groups as group_services
from plein.community.services.gate import Limits, pass_gate
from plein.community.services.posts import resolve_mentions
from plein.core.events import emit
from plein.people.models import Person
from plein.people.permissions import Perm, can
from plein.policy.suspensions import suspended_until, suspension_message


def _visible_post(post_id: int, viewer: Person) -> Post:
    post = Post.objects.visible_to(viewer).filter(pk=post_id).first()
    if post is None:
        raise PermissionDenied
    return post


def add_comment(
    post: Post,
    author: Person,
    text: str,
    *,
    parent: Comment | None = None,
    confirmation: str = "",
) -> Comment:
    """A comment the rules hold is stored unseen until a moderator approves it."""
    post = _visible_post(post.pk, author)
    if parent is not None:
        if parent.post_id != post.pk or parent.deleted_at is not None:
            raise ValidationError(_("You can only reply to a comment on this post."), code="text")
        # One level of replies: a reply to a reply joins its thread.
        parent = parent.parent or parent
    gated = pass_gate(
        text,
        author=author,
        max_length=Limits.COMMENT,
        confirmation=confirmation,
        can_hold=True,
    )
    people, groups = resolve_mentions(gated, author)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post,
            parent=parent,
            author=author,
            body=gated.markdown,
            body_html=gated.html,
            moderation=Moderation.HELD if gated.held else Moderation.PUBLISHED,
        )
        Mention.objects.bulk_create(
            [Mention(comment=comment, person=person) for person in people]
            + [Mention(comment=comment, group=group) for group in groups]
        )
        if gated.held:
            rule_ids = (m.rule.id for m in gated.matches if m.action == "hold")
            emit(events.ContentHeld(comment=comment, rule_ids=tuple(dict.fromkeys(rule_ids))))
        else:
            emit(events.CommentAdded(comment, tuple(people)))
    return comment


def release_held_comment(comment: Comment) -> Comment:
    """A moderator approved a held comment: publish it now, with the usual effects."""
    comment.moderation = Moderation.PUBLISHED
    comment.save(update_fields=["moderation"])
    people = tuple(
        m.person
        for m in Mention.objects.filter(comment=comment).select_related("person")
        if m.person is not None
    )
    emit(events.CommentAdded(comment, people))
    return comment


def hold_comment(comment: Comment) -> Comment:
    """Hidden from everyone else until the author's edit is approved."""
    comment.moderation = Moderation.HELD
    comment.save(update_fields=["moderation"])
    emit(events.CommentRemoved(comment))
    return comment


def delete_comment(comment: Comment, *, by: Person) -> None:
    if comment.author_id != by.pk:
        group = comment.post.group
        if not can(by, Perm.MODERATE) and not (
            group is not None and group_services.is_group_admin(group, by)
        ):
            raise PermissionDenied
    comment.deleted_at = timezone.now()
    with transaction.atomic():
        comment.save(update_fields=["deleted_at"])
        emit(events.CommentRemoved(comment))


def react(
    person: Person, kind: str, *, post: Post | None = None, comment: Comment | None = None
) -> Reaction:
    """One reaction per person per item: reacting again changes the kind."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Choose one of the reactions."))
    target_post = post if post is not None else (comment.post if comment else None)
    if target_post is None:
        raise ValueError("react to a post or a comment")
    until = suspended_until(person)
    if until is not None:
        raise ValidationError(suspension_message(until), code="suspended")
    _visible_post(target_post.pk, person)
    lookup = {"post": post} if post is not None else {"comment": comment}
    try:
        with transaction.atomic():
            reaction, created = Reaction.objects.get_or_create(
                person=person, **lookup, defaults={"kind": kind}
            )
    except IntegrityError:
        reaction = Reaction.objects.get(person=person, **lookup)
        created = False
    if not created and reaction.kind != kind:
        reaction.kind = kind
        reaction.save(update_fields=["kind"])
    return reaction


def unreact(person: Person, *, post: Post | None = None, comment: Comment | None = None) -> None:
    lookup = {"post": post} if post is not None else {"comment": comment}
    Reaction.objects.filter(person=person, **lookup).delete()


def toggle_bookmark(person: Person, post: Post) -> bool:
    """Returns whether the post is bookmarked now."""
    _visible_post(post.pk, person)
    deleted, _count = Bookmark.objects.filter(person=person, post=post).delete()
    if deleted:
        return False
    Bookmark.objects.get_or_create(person=person, post=post)
    return True


def follow_person(follower: Person, person: Person, *, follow: bool = True) -> None:
    if follower.pk == person.pk:
        raise ValidationError(_("You cannot follow yourself."))
    if follow:
        Follow.objects.get_or_create(follower=follower, person=person)
    else:
        Follow.objects.filter(follower=follower, person=person).delete()


def follow_topic(follower: Person, topic: Topic, *, follow: bool = True) -> None:
    if follow:
        Follow.objects.get_or_create(follower=follower, topic=topic)
    else:
        Follow.objects.filter(follower=follower, topic=topic).delete()
