"""Writing candidate questions and their answers.

Who does what on one vacancy:
- anyone (no account) asks, on the public page, while the vacancy is open;
- the recruiter and the hiring manager (and HR) review: publish or reject a held question;
- the recruiter, the hiring manager and the future colleagues answer, in public.

Every text passes the content gate with the careers scope (it is shown in public). A BSN (or
any other blocked detail) is refused with the reason. A warning (a phone number, an e-mail
address in the text) is shown to the candidate, who may remove it or send anyway: a question
sent despite a warning is always held, so a person checks it before it is public.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.careers.candidate_questions.models import (
    EMAIL_KEEP_DAYS,
    AnswerRole,
    CandidateAnswer,
    CandidateQuestion,
    EmailState,
    HeldBecause,
    Limits,
    median_duration,
)
from plein.careers.models import FutureColleague, Vacancy
from plein.community.services.gate import GatedText, PolicyError, pass_gate, plain_excerpt
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.people.permissions import Perm, can
from plein.policy.engine import Scope

State = CandidateQuestion.State


def review_first() -> bool:
    """Whether every question waits for a review (PLEIN_CAREERS_QUESTIONS_REVIEW, default
    on)."""
    return bool(getattr(settings, "PLEIN_CAREERS_QUESTIONS_REVIEW", True))


def error_codes(error: ValidationError) -> set[str]:
    return {item.code or "" for item in error.error_list}


# --- Who may do what --------------------------------------------------------------------------


def can_review(person: Person, vacancy: Vacancy) -> bool:
    return person.pk in (vacancy.recruiter_id, vacancy.hiring_manager_id) or can(
        person, Perm.MANAGE_PEOPLE
    )


def answer_role(person: Person, vacancy: Vacancy) -> str | None:
    """The person's part in the vacancy, if it lets them answer candidates."""
    if not can(person, Perm.VIEW_INTERNAL):
        return None
    if person.pk == vacancy.recruiter_id:
        return AnswerRole.RECRUITER
    if person.pk == vacancy.hiring_manager_id:
        return AnswerRole.HIRING_MANAGER
    if FutureColleague.objects.shown().filter(vacancy=vacancy, person=person).exists():
        return AnswerRole.COLLEAGUE
    return None


def answerer_ids(vacancy: Vacancy) -> set[int]:
    colleagues = FutureColleague.objects.shown().filter(vacancy=vacancy)
    return {
        vacancy.recruiter_id,
        vacancy.hiring_manager_id,
        *colleagues.values_list("person_id", flat=True),
    }


def questions_url(vacancy: Vacancy, question: CandidateQuestion | None = None) -> str:
    url = reverse("careers:vacancy_questions", args=[vacancy.pk])
    return f"{url}#question-{question.pk}" if question is not None else url


def ask_urls(vacancy: Vacancy, language: str) -> dict[str, str]:
    """Where the public form posts, and where its script fetches the anti-spam challenge."""
    ns = "careers_en" if language == "en" else "careers"
    return {
        "ask": reverse(f"{ns}:ask_question", args=[vacancy.slug]),
        "challenge": reverse("careers:question_challenge"),
        "review_first": "1" if review_first() else "",
    }


# --- Asking -----------------------------------------------------------------------------------


def _gate(
    text: str, *, author: Person | None, max_length: int, confirmed: bool, can_hold: bool = True
) -> GatedText:
    # The candidate's "send it as it is" box stands for the gate's confirmation: with it,
    # warnings no longer stop the text (confirmation=None); without it they do ("").
    return pass_gate(
        text,
        author=author,
        max_length=max_length,
        scope=Scope.CAREERS,
        confirmation=None if confirmed else "",
        can_hold=can_hold,
    )


def ask_question(
    vacancy: Vacancy,
    *,
    text: str,
    name: str = "",
    email: str = "",
    language: str = "nl",
    proof_ok: bool = False,
    send_despite_warning: bool = False,
) -> CandidateQuestion:
    """A candidate's question. Raises ValidationError by field ("text", "name"; the gate's
    codes kept: "policy_block", "policy_warn", ...) and stores nothing when it may not be
    stored. `proof_ok`: the anti-spam proof of work was valid."""
    if not vacancy.is_open():
        raise ValidationError(
            _("This vacancy is closed: it no longer takes questions."), code="closed"
        )
    errors: dict[str, list[ValidationError]] = {}
    warned = False
    gated: dict[str, GatedText | None] = {"text": None, "name": None}
    for field, value, limit in (("text", text, Limits.QUESTION), ("name", name, Limits.NAME)):
        if field == "name" and not value.strip():
            continue
        try:
            try:
                gated[field] = _gate(value, author=None, max_length=limit, confirmed=False)
            except ValidationError as error:
                if "policy_warn" not in error_codes(error) or not send_despite_warning:
                    raise
                warned = True
                gated[field] = _gate(value, author=None, max_length=limit, confirmed=True)
        except ValidationError as error:
            errors[field] = [_for_candidates(item) for item in error.error_list]
    if errors:
        raise ValidationError(errors)
    question_text = gated["text"]
    assert question_text is not None
    name_text = gated["name"]
    policy_hold = question_text.held or (name_text is not None and name_text.held)
    held_because: str
    if policy_hold:
        held_because = HeldBecause.POLICY
    elif warned:
        held_because = HeldBecause.WARNING
    elif not proof_ok:
        held_because = HeldBecause.NO_PROOF
    elif review_first():
        held_because = HeldBecause.REVIEW
    else:
        held_because = ""
    with transaction.atomic():
        question = CandidateQuestion.objects.create(
            vacancy=vacancy,
            state=State.HELD if held_because else State.PUBLISHED,
            held_because=held_because,
            text=question_text.markdown,
            text_html=question_text.html,
            asker_name=" ".join(name.split())[: Limits.NAME],
            email=email.strip().lower(),
            language="en" if language == "en" else "nl",
        )
        if question.state == State.PUBLISHED:
            _tell_answerers(question, answerer_ids(vacancy))
        else:
            # Only those who review see a held question.
            _tell_answerers(question, {vacancy.recruiter_id, vacancy.hiring_manager_id})
    return question


def _for_candidates(error: ValidationError) -> ValidationError:
    """The gate's reason, said to someone outside the organisation: what it found, with each
    rule's suggestion (a candidate's form shows no marked-up copy of the text)."""
    reason = " ".join(error.messages)
    if isinstance(error, PolicyError) and error.notice.highlights:
        reason = " ".join(
            dict.fromkeys(
                f"“{highlight.text}”: {highlight.suggestion}"
                for highlight in error.notice.highlights
            )
        )
    if error.code == "policy_block":
        message = _(
            "Your question was not sent: it contains something that may never be shown in "
            "public. %(reason)s Remove it and send your question again."
        ) % {"reason": reason}
        return ValidationError(message, code="policy_block")
    if error.code == "policy_warn":
        message = _(
            "Your question may contain personal details, and questions are public. "
            "%(reason)s Remove them, or send your question as it is: then someone checks it "
            "before it is shown."
        ) % {"reason": reason}
        return ValidationError(message, code="policy_warn")
    return error


def _tell_answerers(
    question: CandidateQuestion, recipients: Iterable[int], actor: Person | None = None
) -> None:
    vacancy = question.vacancy
    notify(
        recipients,
        kind=Kind.CANDIDATE_QUESTION,
        actor=actor,
        url=questions_url(vacancy, question),
        title=vacancy.title_nl,
        excerpt=plain_excerpt(question.text, 300),
        thread_key=f"candidate_questions:{vacancy.pk}",
    )


# --- Reviewing --------------------------------------------------------------------------------


def _locked(question: CandidateQuestion) -> CandidateQuestion:
    return (
        CandidateQuestion.objects.select_for_update().select_related("vacancy").get(pk=question.pk)
    )


@transaction.atomic
def publish_question(question: CandidateQuestion, by: Person) -> CandidateQuestion:
    locked = _locked(question)
    if not can_review(by, locked.vacancy):
        raise PermissionDenied
    if locked.state != State.HELD:
        raise ValidationError(_("This question was already reviewed."), code="reviewed")
    _publish(locked, by)
    return locked


def _publish(locked: CandidateQuestion, by: Person) -> None:
    locked.state = State.PUBLISHED
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = by
    locked.save(update_fields=["state", "reviewed_at", "reviewed_by"])
    reviewers = {locked.vacancy.recruiter_id, locked.vacancy.hiring_manager_id}
    # The reviewers were told when it came in; now the future colleagues can answer it.
    _tell_answerers(locked, answerer_ids(locked.vacancy) - reviewers, actor=by)


@transaction.atomic
def reject_question(question: CandidateQuestion, by: Person) -> CandidateQuestion:
    """Not shown, and the candidate's e-mail address is erased at once."""
    locked = _locked(question)
    if not can_review(by, locked.vacancy):
        raise PermissionDenied
    if locked.state == State.REJECTED:
        return locked
    if locked.is_answered:
        raise ValidationError(
            _("This question has been answered; it stays on the page."), code="answered"
        )
    locked.state = State.REJECTED
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = by
    locked.email = ""
    locked.save(update_fields=["state", "reviewed_at", "reviewed_by", "email"])
    return locked


# --- Answering --------------------------------------------------------------------------------


@transaction.atomic
def answer_question(
    question: CandidateQuestion, by: Person, text: str, *, send_despite_warning: bool = False
) -> CandidateAnswer:
    """A public answer. A held question is published with it when the person may review.
    Raises ValidationError (gate codes kept) and writes nothing when it may not be stored."""
    locked = _locked(question)
    vacancy = locked.vacancy
    role = answer_role(by, vacancy)
    if role is None:
        raise PermissionDenied
    if locked.state == State.REJECTED:
        raise ValidationError(_("This question was rejected: it cannot be answered."))
    if locked.state == State.HELD and not can_review(by, vacancy):
        raise ValidationError(_("This question waits for a review before it can be answered."))
    gated = _gate(
        text,
        author=by,
        max_length=Limits.ANSWER,
        confirmed=send_despite_warning,
        can_hold=False,  # an answer is public at once: what needs a review is refused
    )
    if gated.held:
        raise ValidationError(
            _(
                "Your answer mentions something the posting rules want a person to check "
                "before it is public. Rephrase it without personal details."
            ),
            code="policy_hold",
        )
    if locked.state == State.HELD:
        _publish(locked, by)
    now = timezone.now()
    answer = CandidateAnswer.objects.create(
        question=locked,
        author=by,
        role=role,
        text=gated.markdown,
        text_html=gated.html,
        created_at=now,
    )
    if locked.first_answered_at is None:
        locked.first_answered_at = now
        fields = ["first_answered_at"]
        if locked.email:
            locked.email_state = EmailState.PENDING
            fields.append("email_state")
            transaction.on_commit(_enqueue_answer_emails, robust=True)
        locked.save(update_fields=fields)
    return answer


def _enqueue_answer_emails() -> None:
    from plein.careers.candidate_questions.tasks import send_candidate_answer_emails

    send_candidate_answer_emails.enqueue()


def erase_old_addresses(now: datetime.datetime | None = None) -> int:
    """Data minimisation: an unanswered question's e-mail address is erased after
    EMAIL_KEEP_DAYS (the periodic job)."""
    before = (now or timezone.now()) - datetime.timedelta(days=EMAIL_KEEP_DAYS)
    return (
        CandidateQuestion.objects.filter(asked_at__lt=before, email_state=EmailState.NONE)
        .exclude(email="")
        .update(email="")
    )


# --- Reading ----------------------------------------------------------------------------------


def public_questions(vacancy: Vacancy) -> list[CandidateQuestion]:
    """The published questions of a vacancy page with their answers, in one query (a LEFT
    JOIN: one row per answer)."""
    rows = (
        CandidateQuestion.objects.on_page()
        .filter(vacancy=vacancy)
        .order_by("asked_at", "id", "answers__created_at", "answers__id")
        .values_list(
            "pk",
            "asker_name",
            "text_html",
            "asked_at",
            "reviewed_at",
            "first_answered_at",
            "answers__pk",
            "answers__text_html",
            "answers__role",
            "answers__created_at",
            "answers__author__first_name",
            "answers__author__name_prefix",
            "answers__author__last_name",
            "answers__author__job_title",
        )
    )
    questions: dict[int, CandidateQuestion] = {}
    answers: dict[int, list[CandidateAnswer]] = defaultdict(list)
    for row in rows:
        pk, asker, html, asked, reviewed, first, answer_pk, answer_html, role, created, *author = (
            row
        )
        if pk not in questions:
            questions[pk] = CandidateQuestion(
                pk=pk,
                asker_name=asker,
                text_html=html,
                asked_at=asked,
                reviewed_at=reviewed,
                first_answered_at=first,
            )
        if answer_pk is not None:
            answer = CandidateAnswer(
                pk=answer_pk, text_html=answer_html, role=role, created_at=created
            )
            first_name, prefix, last_name, job_title = author
            answer.author_name = " ".join(  # type: ignore[attr-defined]
                part for part in (first_name, prefix, last_name) if part
            ) or _("A former colleague")
            answer.author_job_title = job_title or ""  # type: ignore[attr-defined]
            answers[pk].append(answer)
    for pk, question in questions.items():
        question.public_answers = answers.get(pk, [])  # type: ignore[attr-defined]
    return list(questions.values())


def answer_times(
    vacancy_ids: Iterable[int] | None = None,
) -> tuple[dict[int, datetime.timedelta | None], datetime.timedelta | None]:
    """Median time from asking to the first answer, per vacancy and overall."""
    rows = CandidateQuestion.objects.filter(first_answered_at__isnull=False)
    if vacancy_ids is not None:
        rows = rows.filter(vacancy_id__in=list(vacancy_ids))
    per_vacancy: dict[int, list[datetime.timedelta]] = defaultdict(list)
    everything: list[datetime.timedelta] = []
    for vacancy_id, asked, first in rows.values_list("vacancy_id", "asked_at", "first_answered_at"):
        if first is None:
            continue
        per_vacancy[vacancy_id].append(first - asked)
        everything.append(first - asked)
    return (
        {pk: median_duration(durations) for pk, durations in per_vacancy.items()},
        median_duration(everything),
    )


def duration_label(duration: datetime.timedelta | None) -> str:
    """ "3 hours", "2 days", "45 minutes": a median as people say it."""
    if duration is None:
        return ""
    minutes = int(duration.total_seconds() // 60)
    if minutes < 120:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
