"""/privacy/: the privacy statement for everyone; for a signed-in person their export, consents
and erasure; for administrators data-subject requests and the audit log."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.careers.models import StoryConsent
from plein.core.models import Organisation
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required
from plein.privacy.forms import DataSubjectRequestForm, EraseForm
from plein.privacy.models import Consent, DataExport
from plein.privacy.services import audit as audit_services
from plein.privacy.services import consents as consent_services
from plein.privacy.services import erasure, exports, retention


def _person(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)
    return request.user


def statement_context() -> dict[str, object]:
    return {
        "periods": retention.periods(),
        "erase_on_offboarding": settings.PLEIN_ERASE_ON_OFFBOARDING,
        "erase_after_days": settings.PLEIN_ERASE_AFTER_DAYS,
        "organisation_name": Organisation.current().name,
    }


def home(request: HttpRequest) -> HttpResponse:
    """The privacy statement (readable without signing in) and, for a signed-in person, what
    they can do with their own data."""
    language = "nl" if (get_language() or "nl").startswith("nl") else "en"
    context: dict[str, object] = {
        **statement_context(),
        "statement_template": f"privacy/statement_{language}.html",
    }
    if request.user.is_authenticated:
        person = _person(request)
        context.update(
            {
                "exports": exports.exports_of(person),
                "consents": consent_services.consents_of(person),
                "story_consents": list(
                    StoryConsent.objects.filter(person=person)
                    .select_related("story")
                    .order_by("-at")[:50]
                ),
                "access_about_me": audit_services.entries_about(person),
                "handles_requests": can(person, Perm.HANDLE_PRIVACY_REQUESTS),
            }
        )
    return render(request, "privacy/home.html", context)


@login_required
@require_POST
def request_export(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    export = exports.request_export(person)
    if export.requested_at and export.state == DataExport.State.REQUESTED:
        messages.success(
            request,
            _("Your export is being prepared. You will get a notification when it is ready."),
        )
    return redirect(reverse("privacy:home") + "#exports")


@login_required
def download_export(request: HttpRequest, public_id: uuid.UUID) -> HttpResponseBase:
    path = exports.export_for_download(_person(request), public_id)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"plein-export-{timezone.localdate().isoformat()}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request)
    consent = get_object_or_404(Consent, pk=pk, person=person)
    consent_services.withdraw_consent(consent, by=person)
    messages.success(request, _("You withdrew your consent."))
    return redirect(reverse("privacy:home") + "#consents")


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_person(person, by=person, confirm_email=form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            logout(request)
            messages.success(request, _("Your data has been erased. Goodbye, and thank you."))
            return redirect("privacy:home")
    return render(
        request,
        "privacy/erase.html",
        {"form": form, "person": person, "home_url": reverse("privacy:home") + "#exports"},
    )


@permission_required(Perm.HANDLE_PRIVACY_REQUESTS)
def requests(request: HttpRequest) -> HttpResponse:
    """Data-subject requests handled for someone else: an export or an erasure, with reason."""
    admin = _person(request)
    form = DataSubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = Person.objects.filter(
            email__iexact=form.cleaned_data["email"], erased_at__isnull=True
        ).first()
        reason = form.cleaned_data["reason"]
        if subject is None:
            form.add_error("email", _("Nobody in Plein has this e-mail address."))
        elif subject.pk == admin.pk:
            form.add_error("email", _("For your own data, use the buttons on the privacy page."))
        else:
            try:
                if form.cleaned_data["action"] == DataSubjectRequestForm.Action.EXPORT:
                    exports.request_export(subject, by=admin, reason=reason)
                    messages.success(
                        request,
                        _("The export of %(name)s is being prepared; it appears below.")
                        % {"name": subject.full_name},
                    )
                else:
                    name = subject.full_name
                    erasure.erase_person(subject, by=admin, reason=reason)
                    messages.success(
                        request, _("The data of %(name)s has been erased.") % {"name": name}
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("privacy:requests")
    handled = list(
        DataExport.objects.filter(requested_by=admin)
        .select_related("person")
        .order_by("-requested_at")[:20]
    )
    return render(request, "privacy/requests.html", {"form": form, "handled": handled})


@permission_required(Perm.HANDLE_PRIVACY_REQUESTS)
def audit(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("before")
    try:
        before_id = int(before) if before else None
    except ValueError as error:
        raise Http404 from error
    page_size = 50
    entries = audit_services.audit_log(_person(request), before_id=before_id, limit=page_size + 1)
    more = len(entries) > page_size
    entries = entries[:page_size]
    return render(
        request,
        "privacy/audit.html",
        {
            "entries": entries,
            "next_before": entries[-1].pk if more and entries else None,
            "audit_days": settings.PLEIN_RETENTION_AUDIT_DAYS,
        },
    )
