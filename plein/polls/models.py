"""Polls: a post of kind POLL (its text is the question) with options and votes.

The post gives the poll its visibility: a poll in a closed group can be seen and voted on by the
group's members only. Votes record who voted even in an anonymous poll (so that each person
votes once and can change their vote), but an anonymous poll never shows who voted for what,
to anyone.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Post


class ResultsVisibility(models.TextChoices):
    AFTER_VOTING = "after_voting", _("After voting (and to everyone once the poll closes)")
    AFTER_CLOSING = "after_closing", _("Only once the poll has closed")


class Poll(models.Model):
    # The post's id is the poll's: /polls/<id>/ and /posts/<id>/ are one thing.
    post = models.OneToOneField(
        Post, primary_key=True, on_delete=models.CASCADE, related_name="poll"
    )
    multiple_choice = models.BooleanField(_("several answers allowed"), default=False)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    results_visibility = models.CharField(
        _("results shown"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_VOTING,
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return f"poll {self.pk}"

    def is_closed(self, now: datetime | None = None) -> bool:
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="poll_option_position"),
        ]

    def __str__(self) -> str:
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_votes"
    )
    # 0 in a single-choice poll, the option's id in a multiple-choice one: with the constraint
    # on (poll, person, slot) the database itself allows one vote per person in a single-choice
    # poll, and one per option in a multiple-choice poll.
    slot = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="poll_vote_once_per_option"),
            models.UniqueConstraint(fields=["poll", "person", "slot"], name="poll_vote_slot"),
        ]
        indexes = [models.Index(fields=["option", "id"], name="poll_vote_by_option")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.option_id}"
