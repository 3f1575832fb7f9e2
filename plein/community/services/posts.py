"""Writing posts: publish, edit (history kept), delete, pin, remove, share, move."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.community import events
from plein.community.models import (
    Attachment,
    Group,
    Mention,
    Moderation,
    Post,
    PostRevision,
    PostTopic,
    Topic,
)
from plein.community.services import groups as group_services
from plein.community.services.attachments import ProcessedFile, process_upload
from plein.community.services.gate import GatedText, Limits, pass_gate, topic_slug
from plein.core.events import emit
from plein.people.models import Person
from plein.people.permissions import Perm, can, require

MAX_ATTACHMENTS = 10
HOLDABLE_KINDS = (Post.Kind.UPDATE, Post.Kind.WORKING_ON, Post.Kind.SHARE)


@dataclass
class Upload:
    name: str
    file: IO[bytes]


def _check_can_post_in(group: Group | None, author: Person) -> None:
    require(author, Perm.VIEW_INTERNAL)
    if group is not None and not group_services.is_active_member(group, author):
        raise PermissionDenied(_("Join the group to post in it."))


def resolve_mentions(gated: GatedText, viewer: Person) -> tuple[list[Person], list[Group]]:
    people = list(Person.objects.members().filter(pk__in=gated.mentioned_person_ids))
    if len(people) != len(gated.mentioned_person_ids):
        raise ValidationError(
            _("You mention someone who is not (or no longer) in Plein."), code="text"
        )
    groups = list(Group.objects.visible_to(viewer).filter(pk__in=gated.mentioned_group_ids))
    if len(groups) != len(gated.mentioned_group_ids):
        raise ValidationError(_("You mention a group that does not exist."), code="text")
    return people, groups


def _topics(names: Sequence[str]) -> list[Topic]:
    topics = []
    for name in names:
        slug = topic_slug(name)
        topic = Topic.objects.filter(slug=slug).first() or Topic.objects.create(
            name=name, slug=slug
        )
        topics.append(topic)
    return topics


def _write_refs(post: Post, gated: GatedText, people: list[Person], groups: list[Group]) -> None:
    PostTopic.objects.filter(post=post).delete()
    PostTopic.objects.bulk_create(
        [PostTopic(post=post, topic=topic) for topic in _topics(gated.topic_names)]
    )
    Mention.objects.filter(post=post).delete()
    Mention.objects.bulk_create(
        [Mention(post=post, person=person) for person in people]
        + [Mention(post=post, group=group) for group in groups]
    )


def publish_post(
    author: Person,
    text: str,
    *,
    group: Group | None = None,
    kind: str = Post.Kind.UPDATE,
    project_status: str = "",
    uploads: Sequence[Upload] = (),
    shared_post: Post | None = None,
    confirmation: str = "",
) -> Post:
    """Publish a post. Everything is checked (text through the gate, files by content) before
    anything is written; then one transaction writes it all. `confirmation` is the token of a
    policy warning the author chose to post anyway. A text the rules hold is stored unseen
    (`moderation` HELD) and published when a moderator approves it; only the plain kinds can
    be held (the other kinds' apps index and notify at once, so they ask for a change)."""
    _check_can_post_in(group, author)
    gated = pass_gate(
        text,
        author=author,
        max_length=Limits.POST,
        allow_empty=bool(uploads) or shared_post is not None,
        confirmation=confirmation,
        can_hold=kind in HOLDABLE_KINDS,
    )
    people, groups = resolve_mentions(gated, author)
    if kind == Post.Kind.WORKING_ON:
        if group is None or group.kind != Group.Kind.PROJECT:
            raise ValidationError(
                _("Post what you are working on in a project group."), code="group"
            )
        if project_status not in Group.ProjectStatus.values:
            raise ValidationError(_("Choose the status of the project."), code="project_status")
    else:
        project_status = ""
    if shared_post is not None:
        if not Post.objects.visible_to(author).filter(pk=shared_post.pk).exists():
            raise PermissionDenied
        kind = Post.Kind.SHARE
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Attach at most %(count)d files to one post.") % {"count": MAX_ATTACHMENTS},
            code="attachments",
        )
    processed: list[ProcessedFile] = [process_upload(u.file, u.name) for u in uploads]

    with transaction.atomic():
        post = Post.objects.create(
            author=author,
            group=group,
            audience=group_services.audience_for(group),
            kind=kind,
            body=gated.markdown,
            body_html=gated.html,
            project_status=project_status,
            shared_post=shared_post,
            moderation=Moderation.HELD if gated.held else Moderation.PUBLISHED,
        )
        _write_refs(post, gated, people, groups)
        for position, item in enumerate(processed):
            attachment = Attachment(
                post=post,
                kind=item.kind,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                width=item.width,
                height=item.height,
                position=position,
            )
            attachment.file.save(item.file.name or "file", item.file, save=False)
            if item.thumbnail is not None:
                attachment.thumbnail.save(
                    item.thumbnail.name or "thumb.jpg", item.thumbnail, save=False
                )
            attachment.save()
        if gated.held:
            emit(events.ContentHeld(post=post, rule_ids=_rule_ids(gated)))
            return post
        if project_status and group is not None:
            Group.objects.filter(pk=group.pk).update(
                project_status=project_status, project_status_at=post.created_at
            )
        emit(events.PostPublished(post, tuple(people), tuple(groups)))
    return post


def _rule_ids(gated: GatedText) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match.rule.id for match in gated.matches if match.action == "hold"))


def release_held_post(post: Post) -> Post:
    """A moderator approved a held post: publish it now, with the effects publishing has
    (search index, notifications for mentions). Caller holds a transaction."""
    post.moderation = Moderation.PUBLISHED
    post.save(update_fields=["moderation"])
    mentions = Mention.objects.filter(post=post).select_related("person", "group")
    people = tuple(m.person for m in mentions if m.person is not None)
    groups = tuple(m.group for m in mentions if m.group is not None)
    if post.project_status and post.group_id is not None:
        Group.objects.filter(pk=post.group_id).update(
            project_status=post.project_status, project_status_at=post.created_at
        )
    emit(events.PostPublished(post, people, groups))
    return post


def hold_post(post: Post) -> Post:
    """A moderator asked the author to edit a published post: hidden from everyone else until
    the edit is approved. (Removed from search and notifications like a removed post.)"""
    post.moderation = Moderation.HELD
    post.save(update_fields=["moderation"])
    emit(events.PostRemoved(post))
    return post


def _require_author(post: Post, person: Person) -> None:
    if post.author_id != person.pk:
        raise PermissionDenied(_("Only the author can do this."))


def edit_post(post: Post, text: str, *, by: Person, confirmation: str = "") -> Post:
    """An edit of a published post may not bring in what the rules hold (it asks for a change);
    an edit of a held post stays held and goes back to the moderators."""
    _require_author(post, by)
    was_held = post.moderation == Moderation.HELD
    gated = pass_gate(
        text,
        author=by,
        max_length=Limits.POST,
        allow_empty=post.attachments.exists(),
        confirmation=confirmation,
        can_hold=was_held,
    )
    people, groups = resolve_mentions(gated, by)
    with transaction.atomic():
        before = set(
            Mention.objects.filter(post=post, person__isnull=False).values_list(
                "person_id", flat=True
            )
        )
        PostRevision.objects.create(post=post, body=post.body, edited_by=by)
        post.body, post.body_html = gated.markdown, gated.html
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        _write_refs(post, gated, people, groups)
        if was_held:
            emit(events.ContentHeld(post=post, rule_ids=_rule_ids(gated)))
        else:
            emit(events.PostEdited(post, tuple(p for p in people if p.pk not in before)))
    return post


def delete_post(post: Post, *, by: Person) -> None:
    """The author deletes; a group admin or moderator removes."""
    if post.author_id != by.pk:
        group_admin = post.group is not None and group_services.is_group_admin(post.group, by)
        if not group_admin and not can(by, Perm.MODERATE):
            raise PermissionDenied
        post.removed_by = by
    post.deleted_at = timezone.now()
    with transaction.atomic():
        post.save(update_fields=["deleted_at", "removed_by"])
        emit(events.PostRemoved(post))


def pin_post(post: Post, *, by: Person, pinned: bool = True) -> Post:
    if post.group is None or not group_services.is_group_admin(post.group, by):
        raise PermissionDenied(_("Only a group admin can pin posts."))
    post.pinned_at = timezone.now() if pinned else None
    post.save(update_fields=["pinned_at"])
    return post


def move_post(post: Post, group: Group | None, *, by: Person) -> Post:
    """Moving a post into a closed group hides it from non-members at once."""
    _require_author(post, by)
    _check_can_post_in(group, by)
    post.group = group
    post.audience = group_services.audience_for(group)
    with transaction.atomic():
        post.save(update_fields=["group", "audience"])
        emit(events.PostMoved(post))
    return post


def share_post(
    original: Post, *, by: Person, group: Group | None, text: str = "", confirmation: str = ""
) -> Post:
    return publish_post(by, text, group=group, shared_post=original, confirmation=confirmation)
