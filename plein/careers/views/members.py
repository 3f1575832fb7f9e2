"""Members taking part in the careers site: volunteering as a future colleague on a vacancy,
and answering HR's request to show one of their posts (agree, decline, withdraw)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.careers.machine_readable import vacancy_path
from plein.careers.models import CareersStory, FutureColleague, Vacancy, today
from plein.careers.services import stories as story_services
from plein.careers.services import vacancies as vacancy_services
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

MAX_LISTED = 200


def _me(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@permission_required(Perm.VIEW_INTERNAL)
def take_part(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    my_stories = list(
        CareersStory.objects.filter(post__author=me)
        .select_related("post")
        .order_by("-updated_at")[:MAX_LISTED]
    )
    for item in my_stories:
        item.needs_new_consent = story_services.needs_new_consent(item)  # type: ignore[attr-defined]
    requests = [
        item
        for item in my_stories
        if item.state == CareersStory.State.REQUESTED or item.needs_new_consent  # type: ignore[attr-defined]
    ]
    answered = [item for item in my_stories if item not in requests]
    mine = FutureColleague.objects.filter(vacancy=OuterRef("pk"), person=me)
    vacancies = list(
        Vacancy.objects.filter(state=Vacancy.State.PUBLISHED, closes_on__gte=today())
        .select_related("department", "location")
        .annotate(
            volunteered=Exists(mine),
            own_department=Case(
                When(department_id=me.department_id or 0, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("own_department", "-publish_on", "-id")[:MAX_LISTED]
    )
    for vacancy in vacancies:
        vacancy.public_url = vacancy_path(vacancy, "nl")  # type: ignore[attr-defined]
    return render(
        request,
        "careers/take_part.html",
        {
            "requests": requests,
            "answered": answered,
            "vacancies": vacancies,
            "statement": story_services.consent_statement(me.language),
        },
    )


@require_POST
@permission_required(Perm.VIEW_INTERNAL)
def answer_story(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    item = get_object_or_404(CareersStory.objects.filter(post__author=me), pk=pk)
    action = request.POST.get("answer")
    try:
        if action == "agree":
            story_services.agree_to_story(item, me)
            messages.success(request, _("Thank you! Your post is on the careers site now."))
        elif action == "decline":
            story_services.decline_story(item, me)
            messages.success(request, _("Understood: your post will not be shown."))
        elif action == "withdraw":
            story_services.withdraw_story(item, me)
            messages.success(request, _("Your post has been taken off the careers site."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("careers:take_part")


@require_POST
@permission_required(Perm.VIEW_INTERNAL)
def volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    vacancy = get_object_or_404(Vacancy.objects.exclude(state=Vacancy.State.DRAFT), pk=pk)
    try:
        if request.POST.get("action") == "leave":
            vacancy_services.withdraw_volunteer(vacancy, me)
            messages.success(
                request,
                _("You are no longer shown on “%(title)s”.") % {"title": vacancy.title_nl},
            )
        else:
            vacancy_services.volunteer(vacancy, me)
            messages.success(
                request,
                _("Thank you! Candidates now see you as a future colleague on “%(title)s”.")
                % {"title": vacancy.title_nl},
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("careers:take_part")
