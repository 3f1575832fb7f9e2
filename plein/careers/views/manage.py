"""HR's side of the careers site: vacancies (nl + en) and their states, the employer story and
its videos, and the community stories chosen for the site. HR and administrators only
(Perm.MANAGE_PEOPLE)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.careers.forms import (
    EmployerStoryForm,
    ReopenForm,
    StoryRequestForm,
    VacancyForm,
    VideoForm,
)
from plein.careers.machine_readable import vacancy_path
from plein.careers.models import (
    CareersStory,
    CareersVideo,
    EmployerStory,
    FutureColleague,
    Vacancy,
    VacancyTransition,
)
from plein.careers.services import stories as story_services
from plein.careers.services import story as employer_story
from plein.careers.services import vacancies as vacancy_services
from plein.careers.views.public import render_vacancy
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

STATE_TABS = [
    ("", None),
    (Vacancy.State.DRAFT, Vacancy.State.DRAFT),
    (Vacancy.State.PUBLISHED, Vacancy.State.PUBLISHED),
    (Vacancy.State.CLOSED, Vacancy.State.CLOSED),
    (Vacancy.State.FILLED, Vacancy.State.FILLED),
]
CANDIDATE_POSTS = 20


def _hr(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@permission_required(Perm.MANAGE_PEOPLE)
def dashboard(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in Vacancy.State.values:
        state = ""
    counts = dict(Vacancy.objects.values_list("state").annotate(n=Count("pk")).order_by())
    vacancies = (
        Vacancy.objects.select_related("department", "location", "recruiter")
        .annotate(colleague_count=Count("colleagues"))
        .order_by("-updated_at", "-id")
    )
    if state:
        vacancies = vacancies.filter(state=state)
    tabs = [
        (
            value,
            Vacancy.State(value).label if value else _("All"),
            counts.get(value, 0) if value else sum(counts.values()),
        )
        for value, _state in STATE_TABS
    ]
    return render(
        request,
        "careers/manage/dashboard.html",
        {"vacancies": list(vacancies[:300]), "tabs": tabs, "state": state},
    )


@permission_required(Perm.MANAGE_PEOPLE)
def vacancy_create(request: HttpRequest) -> HttpResponse:
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = vacancy_services.create_vacancy(_hr(request), form.cleaned_for_service())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The vacancy was saved as a draft. Publish it when it is ready.")
            )
            return redirect("careers:manage_vacancy", vacancy.pk)
    return render(request, "careers/manage/vacancy_form.html", {"form": form, "vacancy": None})


@permission_required(Perm.MANAGE_PEOPLE)
def vacancy_manage(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.for_page(), pk=pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST":
        if vacancy.state == Vacancy.State.FILLED:
            messages.error(request, _("A filled vacancy can no longer be changed."))
            return redirect("careers:manage_vacancy", vacancy.pk)
        if form.is_valid():
            try:
                vacancy_services.update_vacancy(vacancy, _hr(request), form.cleaned_for_service())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The vacancy was saved."))
                return redirect("careers:manage_vacancy", vacancy.pk)
    colleagues = list(
        FutureColleague.objects.filter(vacancy=vacancy)
        .select_related("person")
        .order_by("created_at")
    )
    transitions = list(
        VacancyTransition.objects.filter(vacancy=vacancy).select_related("by").order_by("-at")
    )
    return render(
        request,
        "careers/manage/vacancy_form.html",
        {
            "form": form,
            "vacancy": vacancy,
            "is_open": vacancy.is_open(),
            "colleagues": colleagues,
            "transitions": transitions,
            "reopen_form": ReopenForm(),
            "public_url": vacancy_path(vacancy, "nl"),
        },
    )


@require_POST
@permission_required(Perm.MANAGE_PEOPLE)
def vacancy_transition(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy, pk=pk)
    action = request.POST.get("action", "")
    hr = _hr(request)
    try:
        if action == "publish":
            vacancy = vacancy_services.publish_vacancy(vacancy, hr)
            if vacancy.is_open():
                messages.success(request, _("The vacancy is published and visible to everyone."))
            else:
                messages.success(
                    request,
                    _("The vacancy is published and becomes visible on %(date)s.")
                    % {"date": vacancy.publish_on.strftime("%d-%m-%Y")},
                )
        elif action == "close":
            vacancy_services.close_vacancy(vacancy, hr)
            messages.success(request, _("The vacancy is closed: people can no longer apply."))
        elif action == "fill":
            vacancy_services.fill_vacancy(vacancy, hr)
            messages.success(request, _("The vacancy is marked as filled. Congratulations!"))
        elif action == "reopen":
            form = ReopenForm(request.POST)
            if not form.is_valid():
                for message in form.errors.get("closes_on", []):
                    messages.error(request, str(message))
                return redirect("careers:manage_vacancy", vacancy.pk)
            vacancy_services.reopen_vacancy(vacancy, hr, form.cleaned_data["closes_on"])
            messages.success(request, _("The vacancy is open again."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("careers:manage_vacancy", vacancy.pk)


@permission_required(Perm.MANAGE_PEOPLE)
def vacancy_preview(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.for_page(), pk=pk)
    language = "en" if request.GET.get("lang") == "en" else "nl"
    with translation.override(language):
        response = render_vacancy(request, vacancy, language, preview=True)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@permission_required(Perm.MANAGE_PEOPLE)
def remove_colleague(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy, pk=pk)
    person = get_object_or_404(Person, pk=person_pk)
    if vacancy_services.withdraw_volunteer(vacancy, person, by=_hr(request)):
        messages.success(
            request,
            _("%(name)s is no longer shown on this vacancy.") % {"name": person.full_name},
        )
    return redirect("careers:manage_vacancy", vacancy.pk)


# --- Employer story -----------------------------------------------------------------------------


@permission_required(Perm.MANAGE_PEOPLE)
def story(request: HttpRequest) -> HttpResponse:
    current = EmployerStory.current()
    initial = (
        {
            "intro_nl": current.intro_nl,
            "intro_en": current.intro_en,
            "body_nl": current.body_nl,
            "body_en": current.body_en,
        }
        if current
        else {}
    )
    form = EmployerStoryForm(
        request.POST if request.POST.get("form") == "story" else None, initial=initial
    )
    video_form = VideoForm(request.POST if request.POST.get("form") == "video" else None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            employer_story.save_employer_story(_hr(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The story was saved. It is on the careers site now."))
            return redirect("careers:manage_story")
    if request.method == "POST" and video_form.is_bound and video_form.is_valid():
        try:
            employer_story.add_video(_hr(request), **video_form.cleaned_data)
        except ValidationError as error:
            _add_errors(video_form, error)
        else:
            messages.success(request, _("The video was added."))
            return redirect("careers:manage_story")
    return render(
        request,
        "careers/manage/story.html",
        {
            "form": form,
            "video_form": video_form,
            "videos": list(CareersVideo.objects.all()),
            "public_url": reverse("careers:home"),
        },
    )


@require_POST
@permission_required(Perm.MANAGE_PEOPLE)
def remove_video(request: HttpRequest, pk: int) -> HttpResponse:
    video = get_object_or_404(CareersVideo, pk=pk)
    employer_story.remove_video(_hr(request), video)
    messages.success(request, _("The video was removed."))
    return redirect("careers:manage_story")


# --- Community stories --------------------------------------------------------------------------


@permission_required(Perm.MANAGE_PEOPLE)
def stories(request: HttpRequest) -> HttpResponse:
    hr = _hr(request)
    form = StoryRequestForm(request.POST or None)
    if request.method == "POST":
        post_pk = request.POST.get("post_pk")
        chosen: int | None = None
        if post_pk and post_pk.isdigit():
            chosen = int(post_pk)
        elif form.is_valid():
            chosen = form.cleaned_data["post"]
        if chosen is not None:
            post = story_services.storytelling_posts(hr).filter(pk=chosen).first()
            try:
                if post is None:
                    raise ValidationError(
                        _(
                            "This post cannot be chosen: only posts for the whole organisation "
                            "or in open groups (updates, work in progress and articles) can be "
                            "shown on the careers site."
                        )
                    )
                story_services.request_story(post, hr)
            except ValidationError as error:
                _add_errors(form, error)
                if post_pk:
                    for message in error.messages:
                        messages.error(request, message)
                    return redirect("careers:manage_stories")
            else:
                messages.success(
                    request,
                    _(
                        "We asked %(name)s whether the post may be shown. It appears on the "
                        "careers site once they agree."
                    )
                    % {"name": post.author.full_name},
                )
                return redirect("careers:manage_stories")
    chosen_stories = list(
        CareersStory.objects.select_related("post", "post__author").order_by("-updated_at")[:200]
    )
    live = set(CareersStory.objects.on_site().values_list("pk", flat=True))
    for item in chosen_stories:
        item.is_live = item.pk in live  # type: ignore[attr-defined]
    chosen_posts = {item.post_id for item in chosen_stories}
    candidates = [
        post
        for post in story_services.storytelling_posts(hr)
        .select_related("author", "group")
        .order_by("-id")[: CANDIDATE_POSTS + len(chosen_posts)]
        if post.pk not in chosen_posts
    ][:CANDIDATE_POSTS]
    return render(
        request,
        "careers/manage/stories.html",
        {"form": form, "stories": chosen_stories, "candidates": candidates},
    )


@require_POST
@permission_required(Perm.MANAGE_PEOPLE)
def story_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(CareersStory, pk=pk)
    try:
        if request.POST.get("action") == "hide":
            story_services.hide_story(item, _hr(request))
            messages.success(request, _("The story is hidden from the careers site."))
        elif request.POST.get("action") == "show":
            story_services.show_story(item, _hr(request))
            messages.success(request, _("The story is on the careers site again."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("careers:manage_stories")
