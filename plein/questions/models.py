"""Questions and answers: knowledge shared across locations and teams.

A question is a `Post` of kind QUESTION (which gives it visibility, the feeds, topics, comments
and reactions) plus a `Question` row with its title and the accepted answer. Answers and votes
live here. Visibility is the post's: a question, and each of its answers, is readable exactly
when its post is (`Post.objects.visible_to`), read through correlated look-ups by primary key.

Votes are "this helped" votes: up only. In a workplace a wrong or weaker answer is corrected by
a better answer, not voted down; the asker (or a group admin) accepts the best one.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Post

if TYPE_CHECKING:
    from plein.community.models import Viewer


class Limits:
    TITLE = 200
    ANSWER = 5000
    TOPICS = 10  # topics given in the topics field of one question


class QuestionQuerySet(models.QuerySet["Question"]):
    def visible_to(self, viewer: "Viewer") -> "QuestionQuerySet":
        """A question is readable exactly when its post is (a look-up per row, by key)."""
        readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
        return self.filter(Exists(readable))

    def unanswered(self) -> "QuestionQuerySet":
        return self.filter(accepted_answer__isnull=True)

    def answered(self) -> "QuestionQuerySet":
        return self.filter(accepted_answer__isnull=False)

    def with_answer_count(self) -> "QuestionQuerySet":
        counts = (
            Answer.objects.filter(question=OuterRef("pk"), deleted_at__isnull=True)
            .order_by()
            .values("question")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(answer_count=Coalesce(Subquery(counts), 0))

    def for_display(self) -> "QuestionQuerySet":
        return self.select_related(
            "post", "post__author", "post__author__department", "post__group"
        )

    def newest_first(self) -> "QuestionQuerySet":
        # The post's id: questions are created with their post, so both orders agree, and the
        # post id is what the feeds, the topic index and the keyset pagination use.
        return self.order_by("-post_id")


class Question(models.Model):
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="question")
    title = models.CharField(_("question"), max_length=Limits.TITLE)
    accepted_answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the current accepted answer was accepted (None while unanswered).
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            # "Unanswered", newest first (the one-to-one key serves "newest").
            models.Index(
                fields=["-post"],
                condition=Q(accepted_answer__isnull=True),
                name="question_unanswered",
            ),
            models.Index(
                fields=["-post"],
                condition=Q(accepted_answer__isnull=False),
                name="question_answered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answered(self) -> bool:
        return self.accepted_answer_id is not None


class AnswerQuerySet(models.QuerySet["Answer"]):
    def visible_to(self, viewer: "Viewer") -> "AnswerQuerySet":
        """An answer is readable exactly when its question's post is."""
        readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("question__post_id"))
        return self.filter(deleted_at__isnull=True).filter(Exists(readable))

    def best_first(self, accepted_id: int | None) -> "AnswerQuerySet":
        """The accepted answer, then by score, then oldest first."""
        accepted = models.Case(
            models.When(pk=accepted_id or 0, then=models.Value(0)),
            default=models.Value(1),
        )
        return self.order_by(accepted, "-score", "created_at", "id")


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers"
    )
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The number of votes: kept by the vote services in the same transaction as the vote row.
    score = models.IntegerField(default=0)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "-score", "id"], name="answer_by_question"),
            models.Index(fields=["author", "id"], name="answer_by_author"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"


class AnswerVote(models.Model):
    """One "this helped" vote per person per answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "person"], name="answer_vote_once"),
        ]
        indexes = [models.Index(fields=["person", "answer"], name="answer_vote_by_person")]

    def __str__(self) -> str:
        return f"vote {self.person_id} on {self.answer_id}"
