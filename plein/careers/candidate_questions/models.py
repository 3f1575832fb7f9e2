"""Candidates ask, colleagues answer: questions about a vacancy, asked on its public page
without an account, answered in public by the recruiter, the hiring manager and the future
colleagues of the vacancy.

    held ──publish──▶ published          (a question with a first answer counts as answered)
      └───reject───▶ rejected

What is kept about the candidate: the question, the name they chose to give (optional), and
their e-mail address (optional) only until the first answer has been mailed to them (or the
question is rejected, or `EMAIL_KEEP_DAYS` pass): then it is erased. The address they asked
from is never stored (the rate limit counts a keyed hash of it in the cache, for a day).
"""

import datetime
import statistics

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.careers.models import Vacancy


class Limits:
    QUESTION = 1_000
    ANSWER = 3_000
    NAME = 80


# An unanswered question's e-mail address is erased after this many days.
EMAIL_KEEP_DAYS = 90


class HeldBecause(models.TextChoices):
    REVIEW = "review", _("All questions are reviewed first")
    NO_PROOF = "no_proof", _("Sent without the anti-spam check (no JavaScript)")
    WARNING = "warning", _("Sent despite a warning about personal details")
    POLICY = "policy", _("The posting rules ask for a review")


class EmailState(models.TextChoices):
    NONE = "none", _("No e-mail to send")
    PENDING = "pending", _("Waiting to be mailed")
    SENDING = "sending", _("Being mailed")
    SENT = "sent", _("Mailed")


class CandidateQuestionQuerySet(models.QuerySet["CandidateQuestion"]):
    def on_page(self) -> "CandidateQuestionQuerySet":
        return self.filter(state=CandidateQuestion.State.PUBLISHED)

    def held(self) -> "CandidateQuestionQuerySet":
        return self.filter(state=CandidateQuestion.State.HELD)


class CandidateQuestion(models.Model):
    class State(models.TextChoices):
        HELD = "held", _("Waiting for review")
        PUBLISHED = "published", _("On the vacancy page")
        REJECTED = "rejected", _("Rejected")

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="candidate_questions"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.HELD)
    held_because = models.CharField(max_length=10, choices=HeldBecause.choices, blank=True)
    text = models.TextField()
    text_html = models.TextField()
    asker_name = models.CharField(max_length=Limits.NAME, blank=True)
    # Only to tell the candidate of the first answer; erased once that is mailed.
    email = models.EmailField(blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The language of the page the question was asked on: the e-mail is written in it.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="nl")
    asked_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_answered_at = models.DateTimeField(null=True, blank=True)

    objects = CandidateQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate question")
        verbose_name_plural = _("candidate questions")
        indexes = [
            models.Index(fields=["vacancy", "state", "asked_at"], name="candidate_q_by_vacancy"),
            models.Index(fields=["email_state"], name="candidate_q_by_email_state"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_answered(self) -> bool:
        return self.first_answered_at is not None

    @property
    def time_to_first_answer(self) -> datetime.timedelta | None:
        if self.first_answered_at is None:
            return None
        return self.first_answered_at - self.asked_at


class AnswerRole(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")
    COLLEAGUE = "colleague", _("Future colleague")


class CandidateAnswer(models.Model):
    question = models.ForeignKey(
        CandidateQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's part in the vacancy when they answered (shown next to their name).
    role = models.CharField(max_length=16, choices=AnswerRole.choices)
    text = models.TextField()
    text_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["question", "created_at"], name="candidate_a_by_question")]

    def __str__(self) -> str:
        return self.text[:60]


def median_duration(durations: list[datetime.timedelta]) -> datetime.timedelta | None:
    if not durations:
        return None
    seconds = statistics.median(duration.total_seconds() for duration in durations)
    return datetime.timedelta(seconds=seconds)
