"""The internal social network: groups, posts, comments, reactions, topics, follows.

Visibility is one rule (see `PostQuerySet.visible_to`): a post is readable by a member of the
community when it is organisation-wide or in an open group, or when the reader is an active
member of its (closed or secret) group. `Post.audience` copies the group's visibility so the rule
is an indexed column test; the services keep it in step when a group changes or a post moves.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.people.permissions import Perm, can

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plein.people.models import Person

    type Viewer = Person | AnonymousUser


class Audience(models.TextChoices):
    ORGANISATION = "org", _("Everyone in the organisation")
    OPEN = "open", _("Open group")
    CLOSED = "closed", _("Closed group")
    SECRET = "secret", _("Secret group")


PUBLIC_AUDIENCES = (Audience.ORGANISATION, Audience.OPEN)


class Moderation(models.TextChoices):
    """Whether others may see a post or comment: the content gate holds some for review (only
    the author and moderators see them until a moderator approves; see plein.policy)."""

    PUBLISHED = "published", _("Published")
    HELD = "held", _("Awaiting review")


class GroupQuerySet(models.QuerySet["Group"]):
    def visible_to(self, viewer: "Viewer") -> "GroupQuerySet":
        """Groups the viewer may know exist: open and closed ones, and secret ones they are in."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        mine = Membership.objects.filter(
            group=OuterRef("pk"), person=viewer.pk, state=Membership.State.ACTIVE
        )
        return self.filter(~Q(visibility=Group.Visibility.SECRET) | Exists(mine))

    def joined_by(self, person: "Person") -> "GroupQuerySet":
        return self.filter(memberships__person=person, memberships__state=Membership.State.ACTIVE)


class Group(models.Model):
    class Visibility(models.TextChoices):
        OPEN = "open", _("Open: anyone can join and read")
        CLOSED = "closed", _("Closed: members are approved; only they read along")
        SECRET = "secret", _("Secret: invisible to non-members; by invitation only")

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        LOCATION = "location", _("Location")
        PROJECT = "project", _("Project")
        DISCIPLINE = "discipline", _("Discipline")
        INTEREST = "interest", _("Interest")

    class ProjectStatus(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INTEREST)
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    # Department and location groups follow the people data (see services.sync).
    department = models.OneToOneField(
        "people.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="community_group",
    )
    location = models.OneToOneField(
        "people.Location",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="community_group",
    )
    cover = models.ImageField(_("cover image"), upload_to="community/covers/", blank=True)
    # The latest "working on" status posted in a project group: the project's state at a glance.
    project_status = models.CharField(
        _("project status"), max_length=10, choices=ProjectStatus.choices, blank=True
    )
    project_status_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="group_kind_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def audience(self) -> str:
        return str(self.visibility)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Group admin")

    class State(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    # Kept by the people-data sync (department and location groups): not left by hand.
    synced = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="membership_once"),
        ]
        indexes = [
            models.Index(fields=["person", "state", "group"], name="membership_by_person"),
            models.Index(fields=["group", "state", "role"], name="membership_by_group"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.group_id}"


class Topic(models.Model):
    """A #topic. `slug` is the lower-case, accent-free form that matching uses."""

    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return f"#{self.name}"


def _member_group_ids(viewer: "Viewer") -> models.QuerySet:
    return Membership.objects.filter(person=viewer.pk, state=Membership.State.ACTIVE).values(
        "group_id"
    )


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, viewer: "Viewer") -> "PostQuerySet":
        """THE visibility rule for posts. Every read of posts goes through here."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        return self.filter(deleted_at__isnull=True, moderation=Moderation.PUBLISHED).filter(
            Q(audience__in=PUBLIC_AUDIENCES) | Q(group_id__in=_member_group_ids(viewer))
        )

    def held_for_author(self, viewer: "Viewer") -> "PostQuerySet":
        """The viewer's own posts that wait for a moderator: only they see them (labelled)."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        return self.filter(deleted_at__isnull=True, moderation=Moderation.HELD, author=viewer.pk)

    def for_display(self) -> "PostQuerySet":
        """What a post card needs, in a constant number of queries."""
        return self.select_related(
            "author",
            "author__department",
            "group",
            "shared_post",
            "shared_post__author",
            "shared_post__group",
        ).prefetch_related("attachments")

    def newest_first(self) -> "PostQuerySet":
        return self.order_by("-id")


class Post(models.Model):
    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        WORKING_ON = "working_on", _("What I'm working on")
        SHARE = "share", _("Shared post")
        # Kinds whose content lives in another app, each with a row pointing at its post: the
        # post carries what all content shares (visibility, comments, reactions, the feed).
        ARTICLE = "article", _("Article")
        QUESTION = "question", _("Question")
        ANNOUNCEMENT = "announcement", _("Announcement")
        POLL = "poll", _("Poll")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    # No group: organisation-wide.
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ORGANISATION
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.UPDATE)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    project_status = models.CharField(
        max_length=10, choices=Group.ProjectStatus.choices, blank=True
    )
    shared_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="shares"
    )
    topics = models.ManyToManyField(Topic, through="PostTopic", related_name="posts")
    pinned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["author", "id"], name="post_by_author"),
            models.Index(fields=["group", "id"], name="post_by_group"),
            models.Index(fields=["audience", "id"], name="post_by_audience"),
        ]

    def __str__(self) -> str:
        return f"post {self.pk}"


class PostTopic(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "topic"], name="post_topic_once")]
        indexes = [models.Index(fields=["topic", "post"], name="post_topic_by_topic")]

    def __str__(self) -> str:
        return f"{self.post_id}#{self.topic_id}"


class PostRevision(models.Model):
    """The text of a post before an edit: moderators can see what was changed."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="community/attachments/")
    thumbnail = models.ImageField(upload_to="community/thumbnails/", blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.original_name


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(self, viewer: "Viewer") -> "CommentQuerySet":
        """A comment is readable exactly when its post is."""
        # A correlated look-up per comment (by primary key), not "post in (every visible
        # post)": the database must never build the set of all readable posts.
        readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
        return self.filter(deleted_at__isnull=True, moderation=Moderation.PUBLISHED).filter(
            Exists(readable)
        )

    def in_thread_for(self, viewer: "Viewer", post: "Post") -> "CommentQuerySet":
        """The comments of a post the viewer reads: those everyone may read, plus the viewer's
        own that wait for review (shown to them labelled). Caller checked the post is
        readable."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        return self.filter(post=post, deleted_at__isnull=True).filter(
            Q(moderation=Moderation.PUBLISHED) | Q(moderation=Moderation.HELD, author=viewer.pk)
        )


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    # One level of replies: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["post", "id"], name="comment_by_post")]

    def __str__(self) -> str:
        return f"comment {self.pk}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        THANKS = "thanks", _("Thanks")
        INSIGHTFUL = "insightful", _("Insightful")
        CELEBRATE = "celebrate", _("Celebrate")
        SUPPORT = "support", _("Support")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "post"],
                condition=Q(post__isnull=False),
                name="reaction_once_per_post",
            ),
            models.UniqueConstraint(
                fields=["person", "comment"],
                condition=Q(comment__isnull=False),
                name="reaction_once_per_comment",
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True)
                | Q(post__isnull=True, comment__isnull=False),
                name="reaction_on_one_thing",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "kind"], name="reaction_by_post"),
            models.Index(fields=["comment", "kind"], name="reaction_by_comment"),
        ]

    def __str__(self) -> str:
        return self.kind


class Mention(models.Model):
    """Who or which group a post or comment mentions (extracted by the content gate)."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentioned_in",
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="mentioned_in"
    )

    class Meta:
        indexes = [
            models.Index(fields=["person", "id"], name="mention_by_person"),
            # The home feed reads "posts that mention me" newest first through this.
            models.Index(fields=["person", "post"], name="mention_by_person_post"),
        ]

    def __str__(self) -> str:
        return f"mention {self.pk}"


class Follow(models.Model):
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "person"],
                condition=Q(person__isnull=False),
                name="follow_person_once",
            ),
            models.UniqueConstraint(
                fields=["follower", "topic"],
                condition=Q(topic__isnull=False),
                name="follow_topic_once",
            ),
        ]
        indexes = [models.Index(fields=["follower", "id"], name="follow_by_follower")]

    def __str__(self) -> str:
        return f"follow {self.pk}"


class Bookmark(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "post"], name="bookmark_once")]
        indexes = [models.Index(fields=["person", "id"], name="bookmark_by_person")]

    def __str__(self) -> str:
        return f"bookmark {self.pk}"
