"""Announcements: a post of kind ANNOUNCEMENT sent to chosen people, with read receipts.

The post carries what all content shares (visibility, comments, reactions, the feeds). This app
adds who it was sent to and whether each of them has read it.

Who can *read* an announcement is the post's rule: a group announcement is a post in that group
(the group's visibility applies); an announcement to the organisation, to departments or to
locations is an organisation-wide post that every member may read. Who it is *sent to* (who gets
a receipt, a notification and sees it pinned on their home feed until they have read it) is the
audience below. So a department announcement is not secret from other departments: it is
addressed to one department, the way a notice on the department's board is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Post
from plein.people.models import Department, Location


class Audience(models.TextChoices):
    ORGANISATION = "organisation", _("The whole organisation")
    DEPARTMENTS = "departments", _("One or more departments")
    LOCATIONS = "locations", _("One or more locations")
    GROUP = "group", _("The members of a group")


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def for_display(self) -> "AnnouncementQuerySet":
        return self.select_related("post", "post__author", "post__group").prefetch_related(
            "departments", "locations"
        )


class Announcement(models.Model):
    # The post's id is the announcement's: /announcements/<id>/ and /posts/<id>/ are one thing.
    post = models.OneToOneField(
        Post, primary_key=True, on_delete=models.CASCADE, related_name="announcement"
    )
    title = models.CharField(_("title"), max_length=150)
    must_read = models.BooleanField(_("must read"), default=False)
    # "I have read and understood": a must-read that asks for it is done only when confirmed.
    requires_acknowledgement = models.BooleanField(_("ask for confirmation"), default=False)
    audience = models.CharField(_("sent to"), max_length=20, choices=Audience.choices)
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    locations = models.ManyToManyField(Location, blank=True, related_name="+")
    # Flexible workers receive it only when the sender ticks this.
    include_flexible = models.BooleanField(_("flexible workers too"), default=False)
    published_at = models.DateTimeField(default=timezone.now)
    # Set once the receipts are written and the recipients notified (see services.deliver).
    delivered_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [
            # The safety net that delivers announcements whose task never ran.
            models.Index(
                fields=["published_at"],
                condition=Q(delivered_at__isnull=True),
                name="announcement_undelivered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AnnouncementReceipt(models.Model):
    """One recipient of one announcement: when they read it and, if asked, confirmed it."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="receipts"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcement_receipts"
    )
    # The recipient's department when it was sent: the reach report counts per department as
    # the audience was, not as people moved since.
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Read, or (when the announcement asks for it) confirmed: until then it stays pinned.
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "person"], name="receipt_once"),
        ]
        indexes = [
            # "Announcements for you", newest first.
            models.Index(fields=["person", "announcement"], name="receipt_by_person"),
            # What is pinned on someone's home feed: only the few still to be read.
            models.Index(
                fields=["person", "announcement"],
                condition=Q(done_at__isnull=True),
                name="receipt_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} for {self.person_id}"
