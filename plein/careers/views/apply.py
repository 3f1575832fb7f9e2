"""The candidate's side: the application form (public, no account) and the single-use link to
delete an application. Unlike the vacancy page these pages carry a CSRF token, so they are
private and never cached."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from plein.careers.forms_applications import TALENT_POOL_STATEMENT, ApplicationForm
from plein.careers.machine_readable import namespace, vacancy_path
from plein.careers.models import Vacancy
from plein.careers.models.applications import Flag
from plein.careers.services import applications as application_services
from plein.careers.services import attribution
from plein.careers.services import cv as cv_files
from plein.careers.services.applications import LinkState
from plein.careers.views.public import organisation_for, page_context


def private_in_language(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, language: str, **kwargs: Any) -> HttpResponseBase:
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, language=language, **kwargs)
        response["Content-Language"] = language
        add_never_cache_headers(response)
        return response

    return wrapper


def _vacancy(slug: str) -> Vacancy:
    vacancy = next(iter(Vacancy.objects.public().for_page().filter(slug=slug)[:1]), None)
    if vacancy is None:
        raise Http404
    return vacancy


def _context(vacancy: Vacancy, language: str, **extra: Any) -> dict[str, Any]:
    paths = {"nl": reverse("careers:apply", args=[vacancy.slug])}
    paths["en"] = reverse("careers_en:apply", args=[vacancy.slug])
    return page_context(
        language,
        paths,
        vacancy=vacancy,
        title=vacancy.title_in(language),
        vacancy_url=vacancy_path(vacancy, language),
        **extra,
    )


@csrf_exempt
def apply(request: HttpRequest, slug: str, language: str) -> HttpResponseBase:
    # The size guard must be in place before anything reads the body (CSRF protection does),
    # so this view opts out of the middleware and protects its inner view itself.
    request.upload_handlers.insert(0, cv_files.CVSizeLimitHandler(request))
    return _apply(request, slug=slug, language=language)


@csrf_protect
@require_http_methods(["GET", "POST"])
@private_in_language
def _apply(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    vacancy = _vacancy(slug)
    organisation_for(request)
    max_size = filesizeformat(cv_files.max_bytes())
    if not vacancy.is_open():
        return render(
            request, "careers/apply.html", _context(vacancy, language, closed=True), status=410
        )
    if request.method == "POST" and not _within_rate(request):
        form = ApplicationForm(request.POST, max_size=max_size)
        # Only this message: the rest of the form is not even looked at.
        form._errors, form.cleaned_data = ErrorDict(), {}  # type: ignore[attr-defined]
        form.add_error(
            None,
            _(
                "We received many applications from your connection in the last hour. Please "
                "try again later."
            ),
        )
        return render(
            request, "careers/apply.html", _context(vacancy, language, form=form), status=429
        )
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, max_size=max_size)
        too_big = getattr(request, "cv_too_big", False)
        if too_big:
            form.fields["cv"].required = False
        if form.is_valid() and not too_big:
            data = form.cleaned_data
            try:
                application = application_services.submit_application(
                    vacancy,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    motivation=data["motivation"],
                    cv=data["cv"],
                    talent_pool=data["talent_pool"],
                    talent_pool_statement=str(TALENT_POOL_STATEMENT),
                    language=language,
                    attribution=form.attribution(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                thanks = reverse(f"{namespace(language)}:applied", args=[vacancy.slug])
                if Flag.BSN_REDACTED in application.flags:
                    thanks += "?bsn=1"
                return redirect(thanks)
        elif too_big:
            form.add_error("cv", cv_files.too_big_message())
    else:
        form = ApplicationForm(
            initial=attribution.for_apply_page(request).as_dict(), max_size=max_size
        )
    return render(request, "careers/apply.html", _context(vacancy, language, form=form))


def _within_rate(request: HttpRequest) -> bool:
    """At most PLEIN_APPLY_PER_HOUR submissions per address per clock hour (counted in the
    shared cache): a brake on scripted spam, far above what a person sends."""
    limit = int(getattr(settings, "PLEIN_APPLY_PER_HOUR", 20))
    address = request.META.get("REMOTE_ADDR", "")
    key = f"plein:careers:apply:{address}:{int(time.time() // 3600)}"
    try:
        count = cache.incr(key)
    except ValueError:  # the first of this hour
        count = 1
        cache.set(key, count, timeout=2 * 3600)
    return count <= limit


def _add_errors(form: ApplicationForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("cv" if error.code and error.code.startswith("cv") else None, error)


@require_http_methods(["GET"])
@private_in_language
def applied(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    vacancy = _vacancy(slug)
    return render(
        request,
        "careers/applied.html",
        _context(vacancy, language, bsn_removed=request.GET.get("bsn") == "1"),
    )


@csrf_protect
@require_http_methods(["GET", "POST"])
@private_in_language
def delete_application(
    request: HttpRequest, public_id: str, token: str, language: str
) -> HttpResponse:
    """GET asks (mail scanners follow links: a GET must not delete); POST deletes, once."""
    if request.method == "POST":
        state = application_services.delete_by_candidate(public_id, token)
        done = state == LinkState.VALID
        application = None
    else:
        state, application = application_services.check_delete_link(public_id, token)
        done = False
    paths = {
        "nl": reverse("careers:delete_application", args=[public_id, token]),
        "en": reverse("careers_en:delete_application", args=[public_id, token]),
    }
    statuses = {LinkState.INVALID: 404, LinkState.USED: 410, LinkState.EXPIRED: 410}
    status = 200 if done or state == LinkState.VALID else statuses[state]
    context = page_context(
        language,
        paths,
        state=str(state),
        done=done,
        application=application,
        title=application.vacancy.title_in(language) if application else "",
    )
    return render(request, "careers/delete_application.html", context, status=status)
