"""The social media policy: reading the current version (in either language), accepting it,
its attachments; and for community managers and HR the versions, the draft, publishing, and the
acknowledgement report."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.community.services.gate import render as render_markdown
from plein.community.views.feeds import video_for_link
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required
from plein.policy import documents
from plein.policy.forms import AttachmentForm, PolicyDraftForm
from plein.policy.middleware import remember_accepted
from plein.policy.models import PolicyAttachment, PolicyVersion

NAMES_PER_PAGE = 100


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _sections(version: PolicyVersion, language: str) -> list[dict[str, str]]:
    headings = {
        "introduction": "",
        "corporate_accounts": _("The organisation's accounts"),
        "private_accounts": _("Your own accounts"),
        "encouragement": _("How far we encourage you"),
    }
    sections = []
    for name, heading in headings.items():
        text = getattr(version, f"{name}_{language}") or ""
        if text.strip():
            sections.append({"name": name, "heading": heading, "html": render_markdown(text)})
    return sections


def _reading_language(request: HttpRequest, version: PolicyVersion) -> str:
    wanted = request.GET.get("lang") or (get_language() or "nl")[:2]
    if wanted == "en" and version.has_english():
        return "en"
    return "nl"


def _document_page(request: HttpRequest, version: PolicyVersion) -> HttpResponse:
    viewer = _viewer(request)
    language = _reading_language(request, version)
    video = None
    if version.video_url:
        video = video_for_link(version.video_url)
    acknowledgement = None if version.is_draft else documents.acknowledgement_of(viewer, version)
    current = documents.current_version()
    if acknowledgement is not None and current is not None and current.pk == version.pk:
        remember_accepted(request)
    return render(
        request,
        "policy/document.html",
        {
            "version": version,
            "language": language,
            "other_language": "en" if language == "nl" else "nl",
            "title": version.title_en if language == "en" else version.title_nl,
            "sections": _sections(version, language),
            "video": video,
            "attachments": list(version.attachments.all()),
            "acknowledgement": acknowledgement,
            "is_current": current is not None and current.pk == version.pk,
            "current": current,
            "may_manage": can(viewer, Perm.MANAGE_POLICY),
            "wanted_english_missing": request.GET.get("lang") == "en" and not version.has_english(),
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
def current(request: HttpRequest) -> HttpResponse:
    version = documents.current_version()
    if version is None:
        return render(
            request,
            "policy/none.html",
            {"may_manage": can(_viewer(request), Perm.MANAGE_POLICY)},
        )
    return _document_page(request, version)


def _visible_version_or_404(request: HttpRequest, number: int) -> PolicyVersion:
    version = get_object_or_404(PolicyVersion, number=number)
    if version.is_draft and not can(_viewer(request), Perm.MANAGE_POLICY):
        raise Http404
    return version


@permission_required(Perm.VIEW_INTERNAL)
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    return _document_page(request, _visible_version_or_404(request, number))


@require_POST
@permission_required(Perm.VIEW_INTERNAL)
def acknowledge(request: HttpRequest, number: int) -> HttpResponse:
    version = _visible_version_or_404(request, number)
    try:
        documents.acknowledge(_viewer(request), version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("policy:version", number=version.number)
    current = documents.current_version()
    if current is not None and current.pk == version.pk:
        remember_accepted(request)
    messages.success(request, _("Thank you: you have accepted the social media policy."))
    return redirect("policy:version", number=version.number)


@permission_required(Perm.VIEW_INTERNAL)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(PolicyAttachment.objects.select_related("version"), pk=pk)
    if item.version.is_draft and not can(_viewer(request), Perm.MANAGE_POLICY):
        raise Http404
    response = FileResponse(
        item.file.open("rb"), content_type="application/pdf", filename=f"{item.title}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Managing -------------------------------------------------------------------------------


@permission_required(Perm.MANAGE_POLICY)
def manage(request: HttpRequest) -> HttpResponse:
    versions = list(PolicyVersion.objects.select_related("published_by").order_by("-number"))
    return render(
        request,
        "policy/manage.html",
        {
            "versions": versions,
            "draft": next((v for v in versions if v.is_draft), None),
            "current": documents.current_version(),
        },
    )


@require_POST
@permission_required(Perm.MANAGE_POLICY)
def new_draft(request: HttpRequest) -> HttpResponse:
    draft = documents.start_draft(_viewer(request))
    return redirect("policy:edit", number=draft.number)


def _draft_or_404(number: int) -> PolicyVersion:
    version = get_object_or_404(PolicyVersion, number=number)
    if not version.is_draft:
        raise Http404
    return version


@permission_required(Perm.MANAGE_POLICY)
def edit(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft_or_404(number)
    form = PolicyDraftForm(request.POST or None, instance=PolicyVersion.objects.get(pk=draft.pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: str(form.cleaned_data.get(name) or "") for name in form.Meta.fields}
        try:
            documents.update_draft(_viewer(request), draft, **fields)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("policy:edit", number=draft.number)
    return render(
        request,
        "policy/edit.html",
        {
            "form": form,
            "draft": draft,
            "attachment_form": AttachmentForm(),
            "attachments": list(draft.attachments.all()),
        },
    )


@require_POST
@permission_required(Perm.MANAGE_POLICY)
def add_attachment(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft_or_404(number)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.add_attachment(
                _viewer(request),
                draft,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("Attachment added."))
            return redirect("policy:edit", number=draft.number)
    return render(
        request,
        "policy/edit.html",
        {
            "form": PolicyDraftForm(instance=draft),
            "draft": draft,
            "attachment_form": form,
            "attachments": list(draft.attachments.all()),
        },
        status=400,
    )


@require_POST
@permission_required(Perm.MANAGE_POLICY)
def remove_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PolicyAttachment.objects.select_related("version"), pk=pk)
    try:
        documents.remove_attachment(_viewer(request), item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return (
        redirect("policy:edit", number=item.version.number)
        if item.version.is_draft
        else redirect("policy:manage")
    )


@require_POST
@permission_required(Perm.MANAGE_POLICY)
def publish(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft_or_404(number)
    try:
        documents.publish(_viewer(request), draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("policy:edit", number=draft.number)
    messages.success(
        request,
        _("Version %(number)d is published. Everyone is asked to accept it on their next visit.")
        % {"number": draft.number},
    )
    return redirect("policy:manage")


@permission_required(Perm.MANAGE_POLICY)
def report(request: HttpRequest) -> HttpResponse:
    version = documents.current_version()
    if version is None:
        return render(request, "policy/report.html", {"version": None})
    rates, total = documents.rates_per_department(version)
    page = Paginator(documents.not_acknowledged(version), NAMES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "policy/report.html",
        {"version": version, "rates": rates, "total": total, "page": page},
    )
