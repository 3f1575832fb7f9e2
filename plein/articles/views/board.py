""" "Ask the board": the round page (ask, vote, answer), the archive with its search, and
removing a question.

Who asked an anonymous question is decided in one place, `models.shown_asker`: the pages get
the asker only through it, never from the row, so no page can show it by accident.
"""

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from plein.articles.forms import AnswerForm, ArchiveSearchForm, QuestionForm
from plein.articles.models import BoardQuestion, BoardRound, shown_asker
from plein.articles.services import board as board_services
from plein.community.services.gate import confirmation_from, show_policy_notice
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

MAX_QUESTIONS_SHOWN = 200
ROUNDS_PER_PAGE = 26
MAX_SEARCH_RESULTS = 50


class Show:
    ALL = "all"
    OPEN = "open"
    ANSWERED = "answered"


@dataclass
class QuestionItem:
    question: BoardQuestion
    asker: Person | None  # None: not to be shown to this viewer (anonymous)
    mine: bool
    voted: bool
    can_vote: bool
    can_answer: bool
    can_change_answer: bool
    can_remove: bool
    answer_form: AnswerForm | None = None


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def question_items(
    viewer: Person,
    questions: list[BoardQuestion],
    *,
    round_open: bool,
    with_forms: bool = True,
    failed: tuple[int, AnswerForm] | None = None,
) -> list[QuestionItem]:
    answerer = can(viewer, Perm.ANSWER_BOARD)
    moderator = can(viewer, Perm.MODERATE)
    items = []
    for question in questions:
        mine = question.asker_id == viewer.pk
        item = QuestionItem(
            question=question,
            asker=shown_asker(question, viewer),
            mine=mine,
            voted=bool(getattr(question, "voted", False)),
            can_vote=round_open and not mine,
            can_answer=answerer and question.state == BoardQuestion.State.OPEN,
            can_change_answer=question.is_answered and question.answered_by_id == viewer.pk,
            can_remove=moderator or (mine and question.state == BoardQuestion.State.OPEN),
        )
        if with_forms and (item.can_answer or item.can_change_answer):
            if failed is not None and failed[0] == question.pk:
                item.answer_form = failed[1]
            else:
                item.answer_form = AnswerForm(
                    auto_id=f"answer-{question.pk}-%s",
                    initial={"answer": question.answer} if question.is_answered else None,
                )
        items.append(item)
    return items


def _round_or_404(pk: int | None) -> BoardRound:
    if pk is None:
        return board_services.current_round()
    board_round = BoardRound.objects.filter(pk=pk).first()
    if board_round is None:
        raise Http404
    return board_round


def _render_round(
    request: HttpRequest,
    board_round: BoardRound,
    *,
    question_form: QuestionForm | None = None,
    failed: tuple[int, AnswerForm] | None = None,
) -> HttpResponse:
    viewer = _viewer(request)
    show = request.GET.get("show", Show.ALL)
    questions = (
        BoardQuestion.objects.visible_to(viewer)
        .filter(round=board_round)
        .for_display()
        .with_my_vote(viewer)
        .by_votes()
    )
    if show == Show.OPEN:
        questions = questions.filter(state=BoardQuestion.State.OPEN)
    elif show == Show.ANSWERED:
        questions = questions.filter(state=BoardQuestion.State.ANSWERED)
    else:
        show = Show.ALL
    listed = list(questions[: MAX_QUESTIONS_SHOWN + 1])
    is_open = board_round.is_open()
    allow_anonymous = board_services.anonymous_questions_allowed()
    earlier = BoardRound.objects.filter(starts_on__lt=board_round.starts_on).order_by("-starts_on")
    later = BoardRound.objects.filter(
        starts_on__gt=board_round.starts_on, starts_on__lte=timezone.localdate()
    ).order_by("starts_on")
    context = {
        "round": board_round,
        "is_open": is_open,
        "items": question_items(
            viewer, listed[:MAX_QUESTIONS_SHOWN], round_open=is_open, failed=failed
        ),
        "more_than_shown": len(listed) > MAX_QUESTIONS_SHOWN,
        "show": show,
        "question_form": question_form or QuestionForm(allow_anonymous=allow_anonymous),
        "form": question_form if question_form is not None and question_form.errors else None,
        "previous_round": earlier.first(),
        "next_round": later.first(),
        "is_current": board_round.is_open(),
        "leader": can(viewer, Perm.ANSWER_BOARD),
    }
    return render(request, "articles/board_round.html", context)


@permission_required(Perm.VIEW_INTERNAL)
def round_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _render_round(request, _round_or_404(pk))


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def ask(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    allow_anonymous = board_services.anonymous_questions_allowed()
    form = QuestionForm(request.POST, allow_anonymous=allow_anonymous)
    if form.is_valid():
        try:
            question = board_services.ask_board_question(
                viewer,
                form.cleaned_data["text"],
                anonymous=bool(form.cleaned_data.get("anonymous")),
                confirmation=confirmation_from(request.POST),
            )
        except ValidationError as error:
            show_policy_notice(form, error)
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            if question.anonymous:
                messages.success(
                    request,
                    _("Your question is in, without your name. Colleagues can now vote for it."),
                )
            else:
                messages.success(request, _("Your question is in. Colleagues can now vote for it."))
            return redirect(
                reverse("articles:board_round", args=[question.round_id])
                + f"#question-{question.pk}"
            )
    return _render_round(request, board_services.current_round(), question_form=form)


def _question_or_404(viewer: Person, pk: int) -> BoardQuestion:
    question = BoardQuestion.objects.visible_to(viewer).for_display().filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def _question_url(question: BoardQuestion) -> str:
    return reverse("articles:board_round", args=[question.round_id]) + f"#question-{question.pk}"


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
@vary_on_headers("HX-Request")
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Vote a question up (`up=1`) or take the vote back (`up=0`). htmx gets the button back."""
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    try:
        board_services.vote(viewer, question, up=request.POST.get("up", "1") == "1")
    except ValidationError as error:
        if _is_htmx(request):
            return HttpResponse(error.messages[0], status=400)
        messages.error(request, error.messages[0])
        return redirect(_question_url(question))
    if _is_htmx(request):
        fresh = (
            BoardQuestion.objects.visible_to(viewer)
            .for_display()
            .with_my_vote(viewer)
            .get(pk=question.pk)
        )
        item = question_items(viewer, [fresh], round_open=fresh.round.is_open(), with_forms=False)[
            0
        ]
        return render(request, "articles/_question.html#vote", {"item": item})
    return redirect(_question_url(question))


@permission_required(Perm.ANSWER_BOARD)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer (or correct one's answer). The round page carries the same form; this page is
    where it comes back with a message, and where it opens without the round around it."""
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    if question.is_answered and question.answered_by_id != viewer.pk:
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None,
        initial={"answer": question.answer} if question.is_answered else None,
    )
    if request.method == "POST" and form.is_valid():
        first = not question.is_answered
        try:
            board_services.answer_board_question(
                question,
                by=viewer,
                text=form.cleaned_data["answer"],
                confirmation=confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                form.add_error(None, str(error))
            else:
                show_policy_notice(form, error, fallback="answer")
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
        else:
            if first:
                messages.success(
                    request, _("Your answer is published. The colleague who asked is told.")
                )
            else:
                messages.success(request, _("Your answer has been changed."))
            return redirect(_question_url(question))
    item = question_items(viewer, [question], round_open=False, with_forms=False)[0]
    return render(
        request, "articles/board_answer.html", {"item": item, "form": form, "question": question}
    )


@permission_required(Perm.VIEW_INTERNAL)
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    item = question_items(viewer, [question], round_open=False, with_forms=False)[0]
    if not item.can_remove:
        raise PermissionDenied
    if request.method == "POST":
        board_services.remove_board_question(question, by=viewer)
        if item.mine:
            messages.success(request, _("Your question has been withdrawn."))
        else:
            messages.success(request, _("The question has been removed."))
        return redirect("articles:board_round", pk=question.round_id)
    return render(request, "articles/board_remove.html", {"item": item, "question": question})


@permission_required(Perm.VIEW_INTERNAL)
def archive(request: HttpRequest) -> HttpResponse:
    """Past rounds with how many questions were asked and answered, and a search through the
    questions and their answers (answered ones by default)."""
    viewer = _viewer(request)
    form = ArchiveSearchForm(request.GET or None)
    query = ""
    results: list[QuestionItem] = []
    if form.is_valid():
        query = " ".join(form.cleaned_data["q"].split())
    if query:
        found = (
            BoardQuestion.objects.visible_to(viewer)
            .filter(Q(text__icontains=query) | Q(answer__icontains=query))
            .for_display()
            .order_by("-created_at", "-id")
        )
        if not form.cleaned_data.get("unanswered"):
            found = found.filter(state=BoardQuestion.State.ANSWERED)
        results = question_items(
            viewer, list(found[:MAX_SEARCH_RESULTS]), round_open=False, with_forms=False
        )
    rounds = BoardRound.objects.filter(starts_on__lte=timezone.localdate()).annotate(
        asked=Count("questions", filter=~Q(questions__state=BoardQuestion.State.REMOVED)),
        answered=Count("questions", filter=Q(questions__state=BoardQuestion.State.ANSWERED)),
    )
    before = request.GET.get("before", "")
    try:
        before_date = date.fromisoformat(before) if before else None
    except ValueError:
        before_date = None
    if before_date is not None:
        rounds = rounds.filter(starts_on__lt=before_date)
    page = list(rounds.order_by("-starts_on")[: ROUNDS_PER_PAGE + 1])
    more = ""
    if len(page) > ROUNDS_PER_PAGE:
        last = page[ROUNDS_PER_PAGE - 1].starts_on.isoformat()
        more = f"{reverse('articles:board_archive')}?before={last}"
    return render(
        request,
        "articles/board_archive.html",
        {
            "search_form": form,
            "query": query,
            "results": results,
            "rounds": page[:ROUNDS_PER_PAGE],
            "more_url": more,
            "max_results": MAX_SEARCH_RESULTS,
        },
    )
