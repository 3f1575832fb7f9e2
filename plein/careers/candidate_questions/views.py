"""Candidate questions: the public side (ask, the anti-spam challenge, thank you) and the
members' side (review and answer), plus HR's overview with the time to a first answer.

The public vacancy page is the same for every visitor and is cached, so its form carries no
CSRF token and no per-visitor challenge: the page's script fetches a challenge when the form
is sent. The ask view is exempt from CSRF on purpose: it acts for nobody (no account, no
session is read or changed), so a forged request could do no more than the form itself, and
the anti-spam measures apply to it like to any other.
"""

import datetime
import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from plein.careers import antispam
from plein.careers.candidate_questions import services
from plein.careers.candidate_questions.forms import AnswerForm, AskForm
from plein.careers.candidate_questions.models import CandidateQuestion
from plein.careers.machine_readable import namespace, vacancy_path
from plein.careers.models import Vacancy
from plein.careers.views.public import organisation_for, page_context
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

logger = logging.getLogger(__name__)
PURPOSE = "question"


def _public_vacancy(slug: str) -> Vacancy:
    vacancy = Vacancy.objects.public().for_page().filter(slug=slug).first()
    if vacancy is None:
        raise Http404
    return vacancy


def _private(response: HttpResponse, language: str) -> HttpResponse:
    add_never_cache_headers(response)
    response["Content-Language"] = language
    return response


def _page(
    request: HttpRequest,
    language: str,
    vacancy: Vacancy,
    template: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    organisation_for(request)
    paths = {
        lang: reverse(f"{namespace(lang)}:ask_question", args=[vacancy.slug])
        for lang in ("nl", "en")
    }
    context = page_context(
        language,
        paths,
        vacancy=vacancy,
        title=vacancy.title_in(language),
        vacancy_url=vacancy_path(vacancy, language),
        ask=services.ask_urls(vacancy, language),
        **extra,
    )
    return _private(render(request, template, context, status=status), language)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        vacancy = _public_vacancy(slug)
        if request.method == "GET":
            return _page(
                request,
                language,
                vacancy,
                "careers/questions/ask.html",
                form=AskForm(),
                is_open=vacancy.is_open(),
            )
        return _ask(request, vacancy, language)


def _ask(request: HttpRequest, vacancy: Vacancy, language: str) -> HttpResponse:
    form = AskForm(request.POST)
    address = antispam.client_address(request)
    if form.is_bot():
        # The same answer as for a person, so the bot learns nothing; nothing is stored.
        logger.info("careers question honeypot", extra={"vacancy_id": vacancy.pk})
        return redirect(_thanks_url(vacancy, language, held=True))
    wait = antispam.QUESTION_LIMIT.retry_after(address)
    if wait:
        response = _page(
            request,
            language,
            vacancy,
            "careers/questions/limited.html",
            status=429,
            wait=services.duration_label(datetime.timedelta(seconds=max(wait, 60))),
        )
        response["Retry-After"] = str(wait)
        return response
    warned = False
    if form.is_valid():
        data = form.cleaned_data
        proof_ok = antispam.verify_proof(data["pow_challenge"], data["pow_nonce"], PURPOSE)
        try:
            question = services.ask_question(
                vacancy,
                text=data["text"],
                name=data["name"],
                email=data["email"],
                language=language,
                proof_ok=proof_ok,
                send_despite_warning=data["send_anyway"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                    warned |= any(item.code == "policy_warn" for item in errors)
            else:
                form.add_error(None, error)
        else:
            antispam.QUESTION_LIMIT.record(address)
            return redirect(
                _thanks_url(vacancy, language, held=question.state == CandidateQuestion.State.HELD)
            )
    return _page(
        request,
        language,
        vacancy,
        "careers/questions/ask.html",
        form=form,
        warned=warned,
        is_open=vacancy.is_open(),
    )


def _thanks_url(vacancy: Vacancy, language: str, *, held: bool) -> str:
    url = reverse(f"{namespace(language)}:question_asked", args=[vacancy.slug])
    return f"{url}?held=1" if held else url


@require_GET
def asked(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        vacancy = _public_vacancy(slug)
        return _page(
            request,
            language,
            vacancy,
            "careers/questions/asked.html",
            held=request.GET.get("held") == "1",
        )


@require_GET
def challenge(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(antispam.new_challenge(PURPOSE))
    add_never_cache_headers(response)
    return response


# --- Members: review and answer ---------------------------------------------------------------


def _me(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@permission_required(Perm.VIEW_INTERNAL)
def vacancy_questions(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    vacancy = get_object_or_404(Vacancy.objects.for_page(), pk=pk)
    reviewer = services.can_review(me, vacancy)
    role = services.answer_role(me, vacancy)
    if not reviewer and role is None:
        raise PermissionDenied
    bound: dict[int, AnswerForm] = {}
    if request.method == "POST":
        response = _act(request, me, vacancy, bound)
        if response is not None:
            return response
    visible = [CandidateQuestion.State.PUBLISHED]
    if reviewer:
        visible.append(CandidateQuestion.State.HELD)
    questions = list(
        CandidateQuestion.objects.filter(vacancy=vacancy, state__in=visible)
        .prefetch_related("answers__author")
        .order_by("-asked_at", "-id")[:300]
    )
    for question in questions:
        question.answer_form = bound.get(question.pk) or AnswerForm(  # type: ignore[attr-defined]
            prefix=f"q{question.pk}"
        )
    held = [q for q in questions if q.state == CandidateQuestion.State.HELD]
    waiting = [
        q for q in questions if q.state != CandidateQuestion.State.HELD and not q.is_answered
    ]
    answered = [q for q in questions if q.state != CandidateQuestion.State.HELD and q.is_answered]
    medians, _overall = services.answer_times([vacancy.pk])
    return render(
        request,
        "careers/questions/manage.html",
        {
            "vacancy": vacancy,
            "reviewer": reviewer,
            "can_answer": role is not None,
            "held": held,
            "waiting": waiting,
            "answered": answered,
            "median": services.duration_label(medians.get(vacancy.pk)),
            "public_url": vacancy_path(vacancy, "nl"),
            "is_open": vacancy.is_open(),
        },
    )


def _act(
    request: HttpRequest, me: Person, vacancy: Vacancy, bound: dict[int, AnswerForm]
) -> HttpResponse | None:
    question = get_object_or_404(
        CandidateQuestion.objects.filter(vacancy=vacancy), pk=request.POST.get("question") or 0
    )
    action = request.POST.get("action")
    back = services.questions_url(vacancy, question)
    try:
        if action == "publish":
            services.publish_question(question, me)
            messages.success(request, _("The question is on the vacancy page now."))
            return redirect(back)
        if action == "reject":
            services.reject_question(question, me)
            messages.success(request, _("The question was rejected: it is not shown."))
            return redirect(services.questions_url(vacancy))
        if action != "answer":
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    bound[question.pk] = form
    if form.is_valid():
        try:
            services.answer_question(
                question,
                me,
                form.cleaned_data["text"],
                send_despite_warning=form.cleaned_data["send_anyway"],
            )
        except ValidationError as error:
            form.add_error("text", error)
            form.warned = "policy_warn" in services.error_codes(error)  # type: ignore[attr-defined]
        else:
            messages.success(request, _("Thank you! Your answer is on the vacancy page."))
            return redirect(back)
    return None


@permission_required(Perm.VIEW_INTERNAL)
def my_questions(request: HttpRequest) -> HttpResponse:
    """Vacancies the person recruits for, manages or volunteered for, with their questions."""
    me = _me(request)
    held = Count("candidate_questions", filter=Q(candidate_questions__state="held"))
    waiting = Count(
        "candidate_questions",
        filter=Q(
            candidate_questions__state="published",
            candidate_questions__first_answered_at__isnull=True,
        ),
    )
    answered = Count(
        "candidate_questions", filter=Q(candidate_questions__first_answered_at__isnull=False)
    )
    vacancies = list(
        Vacancy.objects.filter(
            Q(recruiter=me) | Q(hiring_manager=me) | Q(pk__in=me.volunteered_for.values("vacancy"))
        )
        .exclude(state=Vacancy.State.DRAFT)
        .annotate(held_count=held, waiting_count=waiting, answered_count=answered)
        .order_by("-publish_on", "-id")[:200]
    )
    for vacancy in vacancies:
        vacancy.reviews = me.pk in (vacancy.recruiter_id, vacancy.hiring_manager_id)  # type: ignore[attr-defined]
    return render(request, "careers/questions/mine.html", {"vacancies": vacancies})


# --- HR overview --------------------------------------------------------------------------------


@permission_required(Perm.MANAGE_PEOPLE)
def overview(request: HttpRequest) -> HttpResponse:
    held = Count("candidate_questions", filter=Q(candidate_questions__state="held"))
    published = Count("candidate_questions", filter=Q(candidate_questions__state="published"))
    answered = Count(
        "candidate_questions", filter=Q(candidate_questions__first_answered_at__isnull=False)
    )
    vacancies = list(
        Vacancy.objects.annotate(
            question_count=Count("candidate_questions"),
            held_count=held,
            published_count=published,
            answered_count=answered,
        )
        .filter(question_count__gt=0)
        .order_by("-publish_on", "-id")[:300]
    )
    medians, overall = services.answer_times()
    for vacancy in vacancies:
        vacancy.median = services.duration_label(medians.get(vacancy.pk))  # type: ignore[attr-defined]
    return render(
        request,
        "careers/questions/overview.html",
        {
            "vacancies": vacancies,
            "overall": services.duration_label(overall),
            "section": "questions",
        },
    )
