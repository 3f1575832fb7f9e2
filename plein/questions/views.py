"""Questions and answers: the lists, asking (with similar questions while typing), the question
page with its answers, answering, voting, accepting, and changing one's own writing.

A question is addressed by its post's id (`/questions/<post id>/`), so a feed card links to it
without a look-up. Every read goes through the visibility rule (a question or answer the viewer
may not read answers 404, exactly like one that does not exist); every write goes through
`plein.questions.services`, whose messages are shown on the forms. Each action works as a
plain form POST with a redirect; htmx requests get the fragment that changed.
"""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plein.community.forms_posts import EVERYONE
from plein.community.models import Group, Topic
from plein.community.services import gate
from plein.community.services import groups as group_services
from plein.community.services.gate import confirmation_from, show_policy_notice, topic_slug
from plein.community.views.posts import comment_parts
from plein.notifications.services import mark_read_about
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required
from plein.questions import queries, services
from plein.questions.forms import AnswerForm, AskForm, FilterForm, QuestionForm, Status
from plein.questions.models import Answer, Question
from plein.search.services import Hit, similar_questions

MIN_SIMILAR_LENGTH = 4  # characters typed before similar questions are looked up
SIMILAR_LIMIT = 5


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _question_or_404(viewer: Person, post_id: int) -> Question:
    question = queries.question_for_viewer(viewer, post_id)
    if question is None:
        raise Http404
    return question


def _answer_or_404(viewer: Person, pk: int) -> Answer:
    answer = (
        Answer.objects.visible_to(viewer)
        .select_related("question", "question__post", "question__post__group")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    return answer


def _add_service_error(form: Form, error: ValidationError | PermissionDenied, text: str) -> None:
    """Show a service's message next to the field it is about (or above the form). `text` is
    the field that holds the text the content gate checked."""
    if isinstance(error, ValidationError):
        show_policy_notice(form, error, fallback=text)
    if isinstance(error, PermissionDenied):
        message = str(error) if error.args and str(error) != Perm.VIEW_INTERNAL.value else ""
        form.add_error(
            "group" if "group" in form.fields else None,
            message or _("You cannot do this here."),
        )
        return
    fields_by_code = {
        "empty": text,
        "too_long": text,
        "text": text,
        "policy_warn": text,
        "policy_block": text,
        "policy_hold": text,
    }
    for item in error.error_list if hasattr(error, "error_list") else [error]:
        code = item.code or ""
        target: str | None = fields_by_code.get(code, code)
        if target not in form.fields:
            target = None
        form.add_error(target, " ".join(str(m) for m in item.messages))


# --- Lists ----------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def question_list(request: HttpRequest) -> HttpResponse:
    """Newest questions, with filters: unanswered or answered, per group, per topic."""
    viewer = _viewer(request)
    groups = list(Group.objects.joined_by(viewer).order_by("name").only("pk", "name", "slug"))
    group = topic = None
    group_slug = request.GET.get("group", "")
    if group_slug:
        group = next((g for g in groups if g.slug == group_slug), None)
        if group is None:
            group = Group.objects.visible_to(viewer).filter(slug=group_slug).first()
            if group is not None:
                groups.append(group)
    form = FilterForm(request.GET or None, groups=groups)
    status = Status.ALL
    if form.is_valid():
        status = form.cleaned_data["status"]
        if form.cleaned_data["topic"]:
            topic = Topic.objects.filter(slug=topic_slug(form.cleaned_data["topic"])).first()
    filtered = bool(group_slug or request.GET.get("topic"))
    unknown = (bool(group_slug) and group is None) or (
        bool(request.GET.get("topic")) and topic is None
    )
    before = _positive_int(request.GET.get("before"))
    page = (
        queries.QuestionPage(questions=[], next_cursor=None)
        if unknown
        else queries.question_list(viewer, status=status, group=group, topic=topic, before=before)
    )
    params = {"status": status if status != Status.ALL else ""}
    if group is not None:
        params["group"] = group.slug
    if topic is not None:
        params["topic"] = topic.slug
    kept = {key: value for key, value in params.items() if value}
    more_url = ""
    if page.next_cursor:
        more_url = "?" + urlencode({**kept, "before": str(page.next_cursor)})
    context = {
        "form": form,
        "page": page,
        "status": status,
        "group": group,
        "topic": topic,
        "filtered": filtered or status != Status.ALL,
        "more_url": more_url,
        "is_later_page": bool(before),
        "status_links": _status_links(kept),
        "query": urlencode(kept),
    }
    if _is_htmx(request) and before:
        return render(request, "questions/list.html#page", context)
    return render(request, "questions/list.html", context)


def _status_links(kept: dict[str, str]) -> list[tuple[str, str, bool]]:
    current = kept.get("status") or Status.ALL
    links = []
    for value, label in (
        (Status.ALL, _("All questions")),
        (Status.UNANSWERED, _("Unanswered")),
        (Status.ANSWERED, _("Answered")),
    ):
        params = {**kept, "status": value if value != Status.ALL else ""}
        query = urlencode({k: v for k, v in params.items() if v})
        links.append(
            (reverse("questions:list") + (f"?{query}" if query else ""), label, value == current)
        )
    return links


# --- Asking ---------------------------------------------------------------------------------


def _similar(viewer: Person, title: str) -> list[Hit]:
    if len(title.strip()) < MIN_SIMILAR_LENGTH:
        return []
    return similar_questions(viewer, title, limit=SIMILAR_LIMIT)


def _with_similar_attrs(form: AskForm) -> AskForm:
    """While typing the title, htmx asks for similar questions (debounced)."""
    form.fields["title"].widget.attrs.update(
        {
            "hx-get": reverse("questions:similar"),
            "hx-trigger": "input changed delay:400ms",
            "hx-target": "#similar-questions",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )
    return form


@permission_required(Perm.VIEW_INTERNAL)
def ask(request: HttpRequest) -> HttpResponse:
    """Ask a question. Before it is posted the person sees answered questions that look like
    it (while typing with htmx; without JavaScript after the first submit) and may open one
    or ask anyway."""
    viewer = _viewer(request)
    groups = list(Group.objects.joined_by(viewer).order_by("name"))
    similar: list[Hit] = []
    if request.method != "POST":
        group = request.GET.get("group", "")
        initial = {
            "group": group if group in {str(g.pk) for g in groups} else EVERYONE,
            "title": request.GET.get("title", "")[:200],
            "topics": request.GET.get("topic", "")[:60],
        }
        form = _with_similar_attrs(AskForm(initial=initial, groups=groups))
        if initial["title"]:
            similar = _similar(viewer, initial["title"])
        return render(request, "questions/ask.html", {"form": form, "similar": similar})
    form = _with_similar_attrs(AskForm(request.POST, groups=groups))
    if form.is_valid():
        data = form.cleaned_data
        if not data["ask_anyway"]:
            similar = _similar(viewer, data["title"])
        if not similar:
            try:
                question = services.ask_question(
                    viewer,
                    data["title"],
                    data["details"],
                    group=data["group"],
                    topics=data["topics"],
                    confirmation=confirmation_from(request.POST),
                )
            except (ValidationError, PermissionDenied) as error:
                _add_service_error(form, error, "details")
            else:
                messages.success(request, _("Your question has been posted."))
                return redirect("questions:detail", pk=question.post_id)
    context = {"form": form, "similar": similar, "checked_similar": bool(similar)}
    return render(request, "questions/ask.html", context)


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """Answered questions like the one being typed (the ask form's htmx fragment)."""
    title = request.GET.get("title", "")[:200]
    if not _is_htmx(request):
        return redirect(reverse("questions:ask") + "?" + urlencode({"title": title}))
    hits = _similar(_viewer(request), title)
    return render(request, "questions/ask.html#similar", {"similar": hits})


# --- The question page ----------------------------------------------------------------------


def _render_detail(
    request: HttpRequest, question: Question, *, answer_form: AnswerForm | None = None
) -> HttpResponse:
    viewer = _viewer(request)
    post = question.post
    group_admin = post.group is not None and group_services.is_group_admin(post.group, viewer)
    moderator = can(viewer, Perm.MODERATE)
    answers = queries.answers_of(viewer, question, moderator_or_admin=group_admin or moderator)
    details, tags = services.split_details(question)
    # Without its closing line of #topics (shown as links below it) the text is rendered again.
    details_html = gate.render(details) if tags and details else (post.body_html if details else "")
    # Comments on the question (clarifications); its answer form has a text field too.
    context = comment_parts(viewer, post, auto_id="comment-%s")
    context |= {
        "details_html": details_html,
        "question": question,
        "post": post,
        "topics": getattr(post, "topic_list", []),
        "answers": answers,
        "answer_count": len(answers),
        "may_accept": post.author_id == viewer.pk or group_admin or moderator,
        "may_edit": post.author_id == viewer.pk,
        "may_remove": post.author_id == viewer.pk or group_admin or moderator,
        "answer_form": answer_form or AnswerForm(),
        "form": answer_form,  # for the page title's "Error:"
    }
    return render(request, "questions/detail.html", context)


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    mark_read_about(viewer, question.post)
    return _render_detail(request, question)


@permission_required(Perm.VIEW_INTERNAL)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    if question.post.author_id != viewer.pk:
        raise PermissionDenied
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.edit_question(
                    question,
                    by=viewer,
                    title=form.cleaned_data["title"],
                    details=form.cleaned_data["details"],
                    topics=form.cleaned_data["topics"],
                    confirmation=confirmation_from(request.POST),
                )
            except (ValidationError, PermissionDenied) as error:
                _add_service_error(form, error, "details")
            else:
                messages.success(request, _("Your question has been changed."))
                return redirect("questions:detail", pk=question.post_id)
    else:
        details, tags = services.split_details(question)
        form = QuestionForm(
            initial={"title": question.title, "details": details, "topics": " ".join(tags)}
        )
    return render(request, "questions/edit.html", {"question": question, "form": form})


# --- Answers --------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            new = services.answer_question(
                question,
                viewer,
                form.cleaned_data["text"],
                confirmation=confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "text")
        else:
            messages.success(request, _("Thank you: your answer has been posted."))
            return redirect(reverse("questions:detail", args=[pk]) + f"#answer-{new.pk}")
    return _render_detail(request, question, answer_form=form)


@permission_required(Perm.VIEW_INTERNAL)
def edit_answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    item = _answer_or_404(viewer, pk)
    if item.author_id != viewer.pk:
        raise PermissionDenied
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.edit_answer(
                    item,
                    form.cleaned_data["text"],
                    by=viewer,
                    confirmation=confirmation_from(request.POST),
                )
            except (ValidationError, PermissionDenied) as error:
                _add_service_error(form, error, "text")
            else:
                messages.success(request, _("Your answer has been changed."))
                return redirect(
                    reverse("questions:detail", args=[item.question.post_id]) + f"#answer-{pk}"
                )
    else:
        form = AnswerForm(initial={"text": item.body})
    return render(request, "questions/answer_edit.html", {"answer": item, "form": form})


@permission_required(Perm.VIEW_INTERNAL)
def delete_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes (the author) or removes (group admin, moderator)."""
    viewer = _viewer(request)
    item = _answer_or_404(viewer, pk)
    if not services.may_remove_answer(item, viewer):
        raise PermissionDenied
    question_url = reverse("questions:detail", args=[item.question.post_id])
    if request.method == "POST":
        services.delete_answer(item, by=viewer)
        if item.author_id == viewer.pk:
            messages.success(request, _("Your answer has been deleted."))
        else:
            messages.success(request, _("The answer has been removed."))
        return redirect(question_url + "#answers")
    return render(
        request,
        "questions/answer_delete.html",
        {"answer": item, "question": item.question, "question_url": question_url},
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """`vote=1` says the answer helped, `vote=0` takes that back. Twice is the same as once."""
    viewer = _viewer(request)
    item = _answer_or_404(viewer, pk)
    try:
        if request.POST.get("vote") == "0":
            services.unvote(item, viewer)
        else:
            services.vote(item, viewer)
    except ValidationError as error:
        if _is_htmx(request):
            return HttpResponse(error.messages[0], status=400)
        messages.error(request, error.messages[0])
    if _is_htmx(request):
        view = queries.answer_view(viewer, pk)
        if view is None:
            raise Http404
        return render(request, "questions/detail.html#vote", {"item": view})
    return redirect(reverse("questions:detail", args=[item.question.post_id]) + f"#answer-{pk}")


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    item = _answer_or_404(viewer, pk)
    services.accept_answer(item, by=viewer)
    messages.success(request, _("The answer is marked as the accepted answer."))
    return redirect(reverse("questions:detail", args=[item.question.post_id]) + f"#answer-{pk}")


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def unaccept(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    question = _question_or_404(viewer, pk)
    services.unaccept(question, by=viewer)
    messages.success(request, _("The question has no accepted answer any more."))
    return redirect(reverse("questions:detail", args=[pk]) + "#answers")
