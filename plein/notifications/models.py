"""Notifications: what happened that concerns a person, in-app and by e-mail.

One row per (recipient, thing that happened). A busy thread does not add a row per reply: while
the recipient has not read it, the row for (recipient, kind, thread_key) grows instead (more
actors, the latest actor, a newer `updated_at` that moves it to the top). A partial unique
constraint makes that rule hold under concurrent writers too.

The sentence around the content ("Anna and 12 others replied to …") is not stored: it is
rendered per kind in the reader's language when the list is shown or the e-mail is built. Only
content is stored (`title`, `excerpt`), never translated.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Group, Post
from plein.people.models import Person


class Kind(models.TextChoices):
    MENTION = "mention", _("Mentions of you")
    REPLY = "reply", _("Replies to your comments")
    COMMENT = "comment", _("Comments on your posts")
    ANSWER = "answer", _("Answers to your questions")
    ANSWER_ACCEPTED = "answer_accepted", _("Your answer accepted")
    INVITATION = "invitation", _("Invitations to groups")
    ANNOUNCEMENT = "announcement", _("Announcements")
    MUST_READ = "must_read", _("Announcements you must read")
    BOARD_ANSWERED = "board_answered", _("Answers from the board")
    BOARD_QUESTION = "board_question", _("Questions for the board")
    NEW_ARTICLE = "new_article", _("New articles")
    NEW_QUESTION = "new_question", _("New questions")
    DATA_EXPORT = "data_export", _("Your data export is ready")
    CANDIDATE_QUESTION = "candidate_question", _("Questions from candidates about vacancies")
    MODERATION = "moderation", _("Moderators' decisions about your posts")
    NEW_APPLICATION = "new_application", _("New applications for your vacancies")


class Delivery(models.TextChoices):
    """How a person wants one kind of notification."""

    IMMEDIATE = "immediate", _("In Plein and by e-mail at once")
    DIGEST = "digest", _("In Plein and in the e-mail digest")
    IN_APP = "in_app", _("Only in Plein")
    OFF = "off", _("Not at all")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


# What is addressed to the person is mailed at once; the rest waits for the digest.
ADDRESSED_KINDS = frozenset(
    {
        Kind.MENTION,
        Kind.REPLY,
        Kind.ANSWER,
        Kind.BOARD_ANSWERED,
        Kind.INVITATION,
        Kind.MUST_READ,
        Kind.DATA_EXPORT,
        # A candidate waits for the answer (and the time to it is measured).
        Kind.CANDIDATE_QUESTION,
        Kind.MODERATION,
    }
)


def default_delivery(kind: str) -> str:
    return Delivery.IMMEDIATE if kind in ADDRESSED_KINDS else Delivery.DIGEST


class EmailState(models.TextChoices):
    NONE = "none", _("Not to be mailed at once")
    PENDING = "pending", _("Waiting to be mailed")
    SENDING = "sending", _("Being mailed")
    SENT = "sent", _("Mailed")
    SKIPPED = "skipped", _("Not mailed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_recipient(self, person: Person) -> "NotificationQuerySet":
        """What the person may be shown now: their own notifications, minus those about a post
        they can no longer read (deleted, moved into a closed group) and those of muted groups.
        Correlated look-ups per row (by primary key), never "post in (every readable post)"."""
        readable = Post.objects.visible_to(person).filter(pk=OuterRef("post_id"))
        muted = GroupMute.objects.filter(person=person, group=OuterRef("group_id"))
        return (
            self.filter(recipient=person)
            .filter(Q(post__isnull=True) | Exists(readable))
            .exclude(Q(group__isnull=False) & Exists(muted))
        )

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def newest_first(self) -> "NotificationQuerySet":
        return self.order_by("-updated_at", "-id")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Notifications with the same key batch while unread ("post:12", "question:3:answers").
    thread_key = models.CharField(max_length=120, blank=True)
    # Idempotency key of the delivery that created the row (a fan-out batch): a task that runs
    # twice inserts nothing new.
    source = models.CharField(max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Distinct actors since the row was created (for "Anna and 12 others"), the latest last.
    actor_ids = models.JSONField(default=list, blank=True)
    actor_count = models.PositiveIntegerField(default=1)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    excerpt = models.CharField(max_length=500, blank=True)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set when a digest took it in (or decided it had nothing to say about it).
    digested_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "thread_key"],
                condition=Q(read_at__isnull=True) & ~Q(thread_key=""),
                name="notification_unread_thread_once",
            ),
            models.UniqueConstraint(
                fields=["recipient", "source"],
                condition=~Q(source=""),
                name="notification_source_once",
            ),
        ]
        indexes = [
            # The list (keyset, newest first) and the unread count.
            models.Index(fields=["recipient", "updated_at", "id"], name="notification_list"),
            models.Index(
                fields=["recipient", "updated_at", "id"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # The digest job: what has not been through a digest yet.
            models.Index(
                fields=["recipient", "id"],
                condition=Q(digested_at__isnull=True),
                name="notification_undigested",
            ),
            # The e-mail task's claim.
            models.Index(
                fields=["email_state", "id"],
                condition=Q(email_state="pending"),
                name="notification_mail_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def others_count(self) -> int:
        return max(self.actor_count - 1, 0)


class NotificationPreference(models.Model):
    """A person's choice for one kind; without a row the kind's default applies."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notification_pref_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.kind}={self.delivery}"


class MailSettings(models.Model):
    """How often the digest comes, and whether e-mail comes at all."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_mail_settings",
    )
    digest = models.CharField(
        max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    # Set by the one-click unsubscribe link: no e-mail from notifications at all.
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.person_id}:{self.digest}"


class GroupMute(models.Model):
    """A muted group: none of its notifications reach the person."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_groups"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="group_mute_once")]
        indexes = [models.Index(fields=["group", "person"], name="group_mute_by_group")]

    def __str__(self) -> str:
        return f"{self.person_id} mutes {self.group_id}"


class DigestRun(models.Model):
    """One digest per person per period: the row can be inserted only once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices)
    period = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "frequency", "period"], name="digest_run_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.frequency} digest {self.period} for {self.person_id}"


class FanOut(models.Model):
    """A large notification handed to the worker: the recipients and what to tell them.

    The author's request stores this one row and returns; the task inserts the notifications in
    chunks. `source` (the row's id) is on every notification it creates, so a task that runs
    twice (a worker killed half-way) skips what was already inserted."""

    recipient_ids = models.JSONField()
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"fan-out {self.pk}"
