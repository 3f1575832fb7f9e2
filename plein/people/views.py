import base64
import json
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from plein.core.models import Organisation
from plein.people.forms import (
    AcceptInvitationForm,
    DirectoryFilterForm,
    InviteForm,
    OrganisationForm,
    ProfileForm,
    RolesForm,
)
from plein.people.models import Department, Location, Person, Role
from plein.people.permissions import Perm, can, permission_required
from plein.people.services import invitations, lifecycle, organisation, persons, photos

PAGE_SIZE = 24


def _encode_cursor(person: Person) -> str:
    raw = json.dumps([person.last_name, person.first_name, person.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(value: str | None) -> tuple[str, str, int] | None:
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        last_name, first_name, pk = json.loads(raw)
        return str(last_name), str(first_name), int(pk)
    except (ValueError, TypeError):
        return None


def get_person_for_viewer_or_404(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(request.user).select_related(  # type: ignore[arg-type]
            "department", "location", "manager"
        ),
        pk=pk,
    )


@vary_on_headers("HX-Request", "HX-Target")
@permission_required(Perm.VIEW_INTERNAL)
def directory(request: HttpRequest) -> HttpResponse:
    departments = list(Department.objects.all())
    locations = list(Location.objects.all())
    form = DirectoryFilterForm(request.GET or None, departments=departments, locations=locations)
    people = Person.objects.for_directory()
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            people = people.matching(data["q"])
        if data["department"]:
            people = people.in_department_tree(data["department"])
        if data["location"]:
            people = people.filter(location=data["location"])
        if data["skill"]:
            people = people.with_skill(data["skill"])
        if data["contract"]:
            people = people.filter(contract_type=data["contract"])
        filtered = any(data.values())
    cursor = _decode_cursor(request.GET.get("after"))
    page = list(people.after(cursor).prefetch_related("skills")[: PAGE_SIZE + 1])
    has_next = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    query = request.GET.copy()
    query.pop("after", None)
    next_query = None
    if has_next:
        query["after"] = _encode_cursor(page[-1])
        next_query = query.urlencode()
    context = {
        "form": form,
        "people": page,
        "next_query": next_query,
        "is_later_page": cursor is not None,
        "filtered": filtered,
    }
    template = "people/directory.html"
    if request.htmx and request.htmx.target == "directory-results":  # type: ignore[attr-defined]
        template = "people/directory.html#results"
    return render(request, template, context)


@permission_required(Perm.EDIT_OWN_PROFILE)
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_viewer_or_404(request, pk)
    skills = list(person.skills.all())
    reports = list(
        Person.objects.members().filter(manager=person).order_by("last_name", "first_name")[:50]
    )
    context = {
        "person": person,
        "skills": skills,
        "reports": reports,
        "is_self": person.pk == request.user.pk,
        "can_manage": can(request.user, Perm.MANAGE_PEOPLE) and person.pk != request.user.pk,
        "can_invite": can(request.user, Perm.INVITE_PEOPLE),
        "roles_form": RolesForm(initial={"roles": sorted(person.granted_role_names)})
        if can(request.user, Perm.MANAGE_ROLES)
        else None,
    }
    return render(request, "people/profile.html", context)


@permission_required(Perm.EDIT_OWN_PROFILE)
def edit_profile(request: HttpRequest) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    initial = {
        "job_title": person.job_title,
        "team": person.team,
        "phone": person.phone,
        "bio": person.bio,
        "skills": ", ".join(skill.name for skill in person.skills.all()),
        "spoken_languages": person.spoken_languages,
        "language": person.language,
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            persons.update_own_profile(
                person,
                by=person,
                photo=data["photo"] or None,
                remove_photo=data["remove_photo"],
                skills=data["skills"],
                job_title=data["job_title"],
                team=data["team"],
                phone=data["phone"],
                bio=data["bio"],
                spoken_languages=data["spoken_languages"],
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error("photo", error)
        else:
            translation.activate(person.language)
            messages.success(request, _("Your profile has been saved."))
            response = redirect("people:profile", pk=person.pk)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                person.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite="Lax",
            )
            return response
    return render(request, "people/edit_profile.html", {"form": form, "person": person})


@permission_required(Perm.EDIT_OWN_PROFILE)
def photo(request: HttpRequest, name: str) -> FileResponse:
    """Photos are internal: served only to people who may see the profile they belong to."""
    if "/" in name or not name.endswith(".jpg"):
        raise Http404
    path = f"people/photos/{name}"
    owner = (
        Person.objects.visible_to(request.user)  # type: ignore[arg-type]
        .filter(photo=path)
        .only("pk")
        .first()
    )
    if owner is None:
        raise Http404
    full = Path(settings.MEDIA_ROOT) / path
    if not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=mimetypes.types_map[".jpg"])
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        persons.set_language(request.user, language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


@permission_required(Perm.INVITE_PEOPLE)
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = persons.create_person(by=request.user, **data)  # type: ignore[arg-type]
                invitations.invite_person(person, invited_by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s has been invited. The invitation e-mail is on its way to %(email)s.")
                % {"name": person.full_name, "email": person.email},
            )
            return redirect("people:profile", pk=person.pk)
    return render(request, "people/invite.html", {"form": form})


def _managed_person(request: HttpRequest, pk: int, perm: Perm) -> Person:
    if not can(request.user, perm):
        raise PermissionDenied
    return get_person_for_viewer_or_404(request, pk)


@require_POST
@permission_required(Perm.INVITE_PEOPLE)
def resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk, Perm.INVITE_PEOPLE)
    try:
        invitations.invite_person(person, invited_by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A new invitation is on its way to %(email)s.") % {"email": person.email}
        )
    return redirect("people:profile", pk=person.pk)


def _lifecycle_action(
    request: HttpRequest, pk: int, *, action: str, title: str, explanation: str, done: str
) -> HttpResponse:
    person = _managed_person(request, pk, Perm.MANAGE_PEOPLE)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        service = {
            "offboard": lifecycle.offboard_person,
            "deactivate": lifecycle.deactivate_person,
            "reactivate": lifecycle.reactivate_person,
        }[action]
        try:
            service(person, by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done % {"name": person.full_name})
        return redirect("people:profile", pk=person.pk)
    return render(
        request,
        "people/confirm_action.html",
        {
            "person": person,
            "title": title % {"name": person.full_name},
            "explanation": explanation % {"name": person.full_name},
            "action": action,
        },
    )


@permission_required(Perm.MANAGE_PEOPLE)
def offboard(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle_action(
        request,
        pk,
        action="offboard",
        title=_("Offboard %(name)s"),
        explanation=_(
            "%(name)s becomes an alumnus: every open session ends at once, internal content is "
            "out of reach and granted roles are removed. Their profile stays for alumni contact."
        ),
        done=_("%(name)s has been offboarded and is now an alumnus."),
    )


@permission_required(Perm.MANAGE_PEOPLE)
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle_action(
        request,
        pk,
        action="deactivate",
        title=_("Deactivate %(name)s"),
        explanation=_(
            "%(name)s can no longer sign in: every open session ends at once. "
            "You can reactivate the account later."
        ),
        done=_("%(name)s has been deactivated."),
    )


@permission_required(Perm.MANAGE_PEOPLE)
def reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle_action(
        request,
        pk,
        action="reactivate",
        title=_("Reactivate %(name)s"),
        explanation=_("%(name)s can sign in again with their existing password."),
        done=_("%(name)s has been reactivated."),
    )


@require_POST
@permission_required(Perm.MANAGE_ROLES)
def roles(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_viewer_or_404(request, pk)
    form = RolesForm(request.POST)
    if form.is_valid():
        wanted = set(form.cleaned_data["roles"])
        if person.pk == request.user.pk and Role.ADMINISTRATOR.value not in wanted:
            messages.error(request, _("You cannot remove your own administrator role."))
            return redirect("people:profile", pk=person.pk)
        for role in (Role.MANAGER, Role.COMMUNITY_MANAGER, Role.HR, Role.ADMINISTRATOR):
            if role.value in wanted:
                lifecycle.grant_role(person, role, by=request.user)  # type: ignore[arg-type]
            else:
                lifecycle.revoke_role(person, role, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("The roles of %(name)s have been saved.") % {"name": person.full_name}
        )
    return redirect("people:profile", pk=person.pk)


def accept_invitation(request: HttpRequest, public_id: str, token: str) -> HttpResponse:
    try:
        invitation = invitations.get_usable_invitation(str(public_id), token)
    except invitations.InvitationError as error:
        return render(request, "people/invitation_invalid.html", {"reason": str(error)}, status=410)
    person = invitation.person
    # The person reads this page in the language they were invited in.
    translation.activate(person.language)
    request.LANGUAGE_CODE = person.language
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.accept_invitation(invitation, form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
        except invitations.InvitationError as error:
            return render(
                request, "people/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        else:
            login(request, person, backend="plein.people.auth.PersonBackend")
            messages.success(
                request, _("Welcome to Plein, %(name)s!") % {"name": person.first_name}
            )
            return redirect("people:edit_profile")
    return render(request, "people/accept_invitation.html", {"form": form, "person": person})


@permission_required(Perm.MANAGE_ORGANISATION)
def organisation_settings(request: HttpRequest) -> HttpResponse:
    org = Organisation.current()
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST" and form.is_valid():
        logo = form.cleaned_data.get("logo_upload")
        try:
            processed = photos.process_logo(logo) if logo else None
        except ValidationError as error:
            form.add_error("logo_upload", error)
        else:
            organisation.save_organisation(
                form.save(commit=False),
                logo=processed,
                remove_logo=form.cleaned_data.get("remove_logo", False),
                by=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("The organisation settings have been saved."))
            return redirect("people:organisation")
    return render(request, "people/organisation.html", {"form": form, "org": org})


def logo(request: HttpRequest) -> FileResponse:
    """The organisation's logo is public: the careers site and the sign-in page show it."""
    org = Organisation.current()
    if not org.logo:
        raise Http404
    response = FileResponse(org.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"
    return response
