"""The recruiter's side of applications: the list, one application with its log, the stage
changes and the CV. Only the vacancy's recruiter and hiring manager, and HR, see anything
(`Application.objects.visible_to`); to anyone else an application does not exist (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.careers.forms_applications import ApplicationFilterForm, RejectForm
from plein.careers.models import Application, Stage, Vacancy
from plein.careers.services import applications as application_services
from plein.careers.services import cv as cv_files
from plein.careers.services.applications import NEXT_STAGES, TRANSITIONS
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

PAGE_SIZE = 50


def _me(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def get_application_for_viewer_or_404(request: HttpRequest, pk: int) -> Application:
    application = (
        Application.objects.visible_to(_me(request))
        .select_related(
            "vacancy",
            "vacancy__recruiter",
            "vacancy__hiring_manager",
            "referrer",
            "returning_colleague",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


@permission_required(Perm.VIEW_INTERNAL)
def application_list(request: HttpRequest) -> HttpResponse:
    visible = Application.objects.visible_to(_me(request))
    vacancies = list(
        Vacancy.objects.filter(pk__in=visible.values("vacancy")).order_by("title_nl")[:500]
    )
    form = ApplicationFilterForm(request.GET or None, vacancies=vacancies, stages=Stage.choices)
    applications = visible.for_list()
    if form.is_valid():
        if form.cleaned_data["vacancy"]:
            applications = applications.filter(vacancy_id=form.cleaned_data["vacancy"])
        if form.cleaned_data["stage"]:
            applications = applications.filter(stage=form.cleaned_data["stage"])
        if form.cleaned_data["talent_pool"]:
            applications = applications.filter(talent_pool=True)
    counts = dict(visible.values_list("stage").annotate(n=Count("pk")).order_by())
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "careers/manage/applications.html",
        {
            "form": form,
            "page": page,
            "applications": list(page.object_list),
            "stage_counts": [(label, counts.get(value, 0)) for value, label in Stage.choices],
            "query": query.urlencode(),
            "section": "applications",
        },
    )
    add_never_cache_headers(response)
    return response


@permission_required(Perm.VIEW_INTERNAL)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_viewer_or_404(request, pk)
    return _render_detail(request, application, RejectForm())


def _render_detail(
    request: HttpRequest, application: Application, reject_form: RejectForm
) -> HttpResponse:
    events = list(application.events.select_related("by"))
    next_stages = [Stage(stage) for stage in NEXT_STAGES[application.stage]]
    response = render(
        request,
        "careers/manage/application.html",
        {
            "application": application,
            "events": events,
            "advance_to": [stage for stage in next_stages if stage != Stage.REJECTED],
            "can_reject": Stage.REJECTED in next_stages,
            "reject_form": reject_form,
            "section": "applications",
        },
        status=400 if reject_form.errors else 200,
    )
    add_never_cache_headers(response)
    return response


@require_POST
@permission_required(Perm.VIEW_INTERNAL)
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_viewer_or_404(request, pk)
    to = request.POST.get("to", "")
    try:
        if to == Stage.REJECTED:
            form = RejectForm(request.POST)
            if not form.is_valid():
                return _render_detail(request, application, form)
            application_services.reject(
                application,
                _me(request),
                reason=form.cleaned_data["reason"],
                tell_candidate=form.cleaned_data["tell_candidate"],
            )
        elif to in TRANSITIONS:
            TRANSITIONS[Stage(to)](application, _me(request))
        else:
            raise Http404
    except ValidationError as error:
        if hasattr(error, "error_dict") and "reason" in error.error_dict:
            form = RejectForm(request.POST)
            form.is_valid()
            form.add_error("reason", error.error_dict["reason"])
            return _render_detail(request, application, form)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The application is now “%(stage)s”.") % {"stage": Stage(to).label},
        )
    return redirect("careers:application", pk=application.pk)


@permission_required(Perm.VIEW_INTERNAL)
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    application = get_application_for_viewer_or_404(request, pk)
    path = cv_files.path_of(application.cv_path)
    if path is None:
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"CV {application.name}.{application.cv_kind}",
        content_type=cv_files.CONTENT_TYPES[application.cv_kind],
    )
    add_never_cache_headers(response)
    return response
