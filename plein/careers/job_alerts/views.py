"""Job alerts on the public careers site: subscribe, confirm, unsubscribe. No account; Dutch
and English (the language of the page is the language of the e-mail).

Like the question form, these forms act for nobody (no session is read or changed), so they
are exempt from CSRF; the honeypot, the rate limits (per address asking and per e-mail address
subscribed) and the double opt-in keep abuse out. The links in the e-mails (confirm,
unsubscribe) lead to a page with one button: mail filters follow links to scan them, they do
not press buttons. The mail client's one-click unsubscribe (RFC 8058) POSTs to the unsubscribe
address and deletes at once. The subscribe form has no proof of work (a subscription is
harmless until its owner confirms it).
"""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from plein.careers import antispam
from plein.careers.job_alerts import services
from plein.careers.job_alerts.forms import SubscribeForm
from plein.careers.machine_readable import namespace
from plein.careers.models import Vacancy
from plein.careers.views.public import organisation_for, page_context
from plein.people.models import Department, Location

logger = logging.getLogger(__name__)


def _render(
    request: HttpRequest,
    language: str,
    template: str,
    *,
    name: str,
    status: int = 200,
    args: list[Any] | None = None,
    **extra: Any,
) -> HttpResponse:
    organisation_for(request)
    paths = {lang: reverse(f"{namespace(lang)}:{name}", args=args) for lang in ("nl", "en")}
    response = render(
        request, template, page_context(language, paths, current="alerts", **extra), status=status
    )
    add_never_cache_headers(response)
    response["Content-Language"] = language
    return response


def _choices() -> tuple[QuerySet[Department], QuerySet[Location]]:
    """Departments and locations that have had public vacancies: what there is to choose."""
    public = Vacancy.objects.exclude(published_at__isnull=True)
    return (
        Department.objects.filter(pk__in=public.values("department")).order_by("name"),
        Location.objects.filter(pk__in=public.values("location")).order_by("name"),
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, language: str) -> HttpResponse:
    with translation.override(language):
        request.LANGUAGE_CODE = language
        departments, locations = _choices()
        form = SubscribeForm(
            request.POST if request.method == "POST" else None,
            departments=departments,
            locations=locations,
        )
        if request.method == "POST":
            done = reverse(f"{namespace(language)}:job_alert_requested")
            if form.is_bot():
                logger.info("job alert honeypot")
                return redirect(done)
            address = antispam.client_address(request)
            wait = antispam.ALERT_LIMIT.retry_after(address)
            if wait:
                response = _render(
                    request,
                    language,
                    "careers/alerts/limited.html",
                    name="job_alerts",
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
            if form.is_valid():
                data = form.cleaned_data
                email = data["email"].strip().lower()
                if antispam.ALERT_EMAIL_LIMIT.retry_after(email):
                    # Said the same way as success: whether an address subscribed is nobody's
                    # business; its inbox is not flooded.
                    return redirect(done)
                try:
                    services.subscribe(
                        email=email,
                        language=language,
                        departments=list(data["departments"]),
                        locations=list(data["locations"]),
                        keywords=data["keywords"],
                    )
                except ValidationError as error:
                    for field, errors in error.error_dict.items():
                        form.add_error(field, errors)
                else:
                    antispam.ALERT_LIMIT.record(address)
                    antispam.ALERT_EMAIL_LIMIT.record(email)
                    return redirect(done)
        return _render(
            request, language, "careers/alerts/subscribe.html", name="job_alerts", form=form
        )


@require_GET
def requested(request: HttpRequest, language: str) -> HttpResponse:
    with translation.override(language):
        return _render(
            request, language, "careers/alerts/requested.html", name="job_alert_requested"
        )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str, language: str) -> HttpResponse:
    """The link in the confirmation e-mail shows one button; pressing it confirms. (Mail
    filters follow links to scan them: a link that confirmed by itself would subscribe anyone
    whose mail is scanned, defeating the double opt-in.)"""
    with translation.override(language):
        if request.method == "GET":
            return _render(
                request,
                language,
                "careers/alerts/confirm.html",
                name="job_alert_confirm",
                args=[token],
                alert=services.alert_to_confirm(token),
            )
        alert = services.confirm(token)
        return _render(
            request,
            language,
            "careers/alerts/confirmed.html",
            name="job_alert_confirm",
            args=[token],
            alert=alert,
            unsubscribe_path=reverse(
                f"{namespace(language)}:job_alert_unsubscribe",
                args=[services.unsubscribe_token(alert)],
            )
            if alert
            else "",
        )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str, language: str) -> HttpResponse:
    with translation.override(language):
        if request.method == "POST":
            gone = services.unsubscribe(token)
            return _render(
                request,
                language,
                "careers/alerts/unsubscribed.html",
                name="job_alert_unsubscribe",
                args=[token],
                was_subscribed=gone,
            )
        alert = services.alert_for_unsubscribe(token)
        return _render(
            request,
            language,
            "careers/alerts/unsubscribe.html",
            name="job_alert_unsubscribe",
            args=[token],
            alert=alert,
        )
