"""Articles, the leaders’ corner and "ask the board".

An article is written as a draft (visible only to its author), may be scheduled, and once it is
published it is a `Post` of kind ARTICLE plus this row: the post gives it visibility (the one
rule, `Post.objects.visible_to`), the feeds, comments and reactions. The post's body is the
article's intro; the whole text lives here.

"Ask the board" (seed 002: a weekly round in which staff ask their leaders questions and the
leaders answer themselves, in public): a `BoardRound` per period, `BoardQuestion`s voted up with
`BoardVote`s and answered by people with Perm.ANSWER_BOARD. A question may be asked without the
asker's name shown to colleagues; moderators still know who asked (see `shown_asker`).
"""

import math
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Group, Post
from plein.people.permissions import Perm, can

if TYPE_CHECKING:
    from plein.community.models import Viewer
    from plein.people.models import Person

WORDS_PER_MINUTE = 200


class Limits:
    """Lengths of the texts in this app (each text passes the content gate with its limit)."""

    ARTICLE = 40_000
    TITLE = 150
    INTRO = 600
    ALT_TEXT = 250
    BOARD_QUESTION = 1_000
    BOARD_ANSWER = 6_000
    IMAGES_PER_ARTICLE = 30
    QUESTIONS_PER_ROUND = 5  # per person: a round is a conversation, not a suggestion box


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> "ArticleQuerySet":
        return self.filter(state=Article.State.PUBLISHED, post__isnull=False)

    def visible_to(self, viewer: "Viewer") -> "ArticleQuerySet":
        """Published articles whose post the viewer may read (a correlated look-up per row)."""
        readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
        return self.published().filter(Exists(readable))

    def readable_by(self, viewer: "Viewer") -> "ArticleQuerySet":
        """What the viewer may open: the published articles they may read and their own drafts
        and scheduled articles. Nobody else ever sees a draft."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
        unpublished_own = Q(author_id=viewer.pk) & ~Q(state=Article.State.PUBLISHED)
        return self.filter((Q(state=Article.State.PUBLISHED) & Exists(readable)) | unpublished_own)

    def for_display(self) -> "ArticleQuerySet":
        return self.select_related("author", "author__department", "group", "post")

    def newest_first(self) -> "ArticleQuerySet":
        # Post ids follow publication time; drafts (no post) come last.
        return self.order_by(models.F("post_id").desc(nulls_last=True), "-id")


class Article(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="articles"
    )
    # Where it is (or will be) published; None: the whole organisation. Once published the
    # post's group is the truth (a moved post moves the article: see handlers).
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="articles"
    )
    title = models.CharField(_("title"), max_length=Limits.TITLE)
    intro = models.TextField(_("intro"), blank=True)
    intro_html = models.TextField(blank=True)
    body = models.TextField(_("text"), blank=True)
    body_html = models.TextField(blank=True)
    word_count = models.PositiveIntegerField(default=0)
    cover = models.ImageField(upload_to="articles/covers/", blank=True)
    cover_thumbnail = models.ImageField(upload_to="articles/covers/", blank=True)
    cover_alt = models.CharField(_("description of the cover image"), max_length=250, blank=True)
    cover_width = models.PositiveIntegerField(null=True, blank=True)
    cover_height = models.PositiveIntegerField(null=True, blank=True)
    leaders_blog = models.BooleanField(_("in the leaders’ corner"), default=False)

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField(null=True, blank=True)
    # Why a scheduled publication did not go ahead (shown to the author on their drafts).
    publish_problem = models.CharField(max_length=500, blank=True)
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="article"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["author", "state", "id"], name="article_by_author"),
            models.Index(
                fields=["publish_at"],
                condition=Q(state="scheduled"),
                name="article_due",
            ),
            models.Index(fields=["leaders_blog", "post"], name="article_leaders_blog"),
            models.Index(fields=["leaders_blog", "author", "post"], name="article_blog_of"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="scheduled") | Q(publish_at__isnull=False),
                name="article_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(post__isnull=False),
                name="article_published_has_post",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


def reading_minutes(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


class ArticleImage(models.Model):
    """An image in an article's text, written as `![description](upload:<id>)`. Served only to
    who may read the article (see views.articles.image)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(upload_to="articles/images/")
    thumbnail = models.ImageField(upload_to="articles/images/", blank=True)
    alt = models.CharField(max_length=250)
    original_name = models.CharField(max_length=255)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def markdown(self) -> str:
        alt = self.alt.replace("[", "").replace("]", "").replace("\n", " ")
        return f"![{alt}](upload:{self.pk})"


class ArticleRevision(models.Model):
    """An article's title and text before an edit after publication (the post keeps the
    intro's history)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=Limits.TITLE)
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"revision of article {self.article_id}"


# --- Ask the board ----------------------------------------------------------------------------


class BoardRound(models.Model):
    """One round of "ask the board": from `starts_on` to `ends_on`, both included (a week, Monday
    to Sunday, by default). Questions are asked and voted on while it is open; leaders may
    answer later too."""

    starts_on = models.DateField(unique=True)
    ends_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ask-the-board round")
        verbose_name_plural = _("ask-the-board rounds")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="board_round_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"

    def is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


class BoardQuestionQuerySet(models.QuerySet["BoardQuestion"]):
    def visible_to(self, viewer: "Viewer") -> "BoardQuestionQuerySet":
        """Every member reads every question that was not removed."""
        if not can(viewer, Perm.VIEW_INTERNAL):
            return self.none()
        return self.exclude(state=BoardQuestion.State.REMOVED)

    def with_my_vote(self, viewer: "Person") -> "BoardQuestionQuerySet":
        mine = BoardVote.objects.filter(question=OuterRef("pk"), person=viewer.pk)
        return self.annotate(voted=Exists(mine))

    def for_display(self) -> "BoardQuestionQuerySet":
        # The asker is read for moderators and for the asker's own questions only: templates
        # get it through `shown_asker`, never from the row.
        return self.select_related(
            "asker", "asker__department", "answered_by", "answered_by__department", "round"
        )

    def by_votes(self) -> "BoardQuestionQuerySet":
        return self.order_by("-vote_count", "id")


class BoardQuestion(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        REMOVED = "removed", _("Removed")

    round = models.ForeignKey(BoardRound, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_questions"
    )
    # Asked "without my name shown to colleagues": only moderators see who asked.
    anonymous = models.BooleanField(default=False)
    text = models.TextField()
    text_html = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answer_html = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_answers",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BoardQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question for the board")
        verbose_name_plural = _("questions for the board")
        indexes = [
            models.Index(fields=["round", "state", "vote_count"], name="board_q_by_round"),
            models.Index(fields=["state", "answered_at"], name="board_q_answered"),
            models.Index(fields=["asker", "round"], name="board_q_by_asker"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="answered") | Q(answered_at__isnull=False),
                name="board_q_answered_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"board question {self.pk}"

    @property
    def is_answered(self) -> bool:
        return self.state == self.State.ANSWERED


def shown_asker(question: BoardQuestion, viewer: "Viewer") -> "Person | None":
    """Who asked, as far as the viewer may know: nobody for an anonymous question, except to
    moderators and to the asker themselves."""
    if not question.anonymous:
        return question.asker
    if question.asker_id == viewer.pk or can(viewer, Perm.MODERATE):
        return question.asker
    return None


class BoardVote(models.Model):
    question = models.ForeignKey(BoardQuestion, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="board_vote_once")
        ]
        indexes = [models.Index(fields=["person", "question"], name="board_vote_by_person")]

    def __str__(self) -> str:
        return f"vote {self.person_id} on {self.question_id}"
