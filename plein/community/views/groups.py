"""Groups: the index, starting a group, the group page, its members, its settings and cover.

Every group is looked up through `Group.objects.visible_to` (secret groups exist only for their
members); posts come from the feed services, which read through `Post.objects.visible_to`.
The one exception: a person invited to a secret group may see that group's name and
description, so they can accept the invitation (see `_group_for_viewer_or_404`).
"""

from dataclasses import dataclass
from typing import cast

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from plein.community.events import GroupChanged
from plein.community.forms_groups import (
    DecisionForm,
    GroupCreateForm,
    GroupFilterForm,
    GroupSettingsForm,
    InviteForm,
    MemberActionForm,
)
from plein.community.forms_posts import PostForm
from plein.community.models import Group, Membership, Post
from plein.community.services import feeds
from plein.community.services import groups as group_services
from plein.community.services.attachments import ProcessedFile, process_upload
from plein.community.views.feeds import prepare_cards
from plein.core.events import emit
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

GROUPS_PAGE_SIZE = 24
MEMBERS_PAGE_SIZE = 50
PINNED_LIMIT = 5
INVITE_CANDIDATES = 8
SYNCED_KINDS = (Group.Kind.DEPARTMENT, Group.Kind.LOCATION)


def _viewer(request: HttpRequest) -> Person:
    # Only called behind permission_required(Perm.VIEW_INTERNAL): a signed-in member.
    return cast(Person, request.user)


def _int_or_none(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _members_may_start_groups() -> bool:
    return bool(getattr(django_settings, "PLEIN_MEMBERS_MAY_CREATE_GROUPS", True))


def may_start_groups(person: Person) -> bool:
    return _members_may_start_groups() or can(person, Perm.MODERATE)


def _active_membership_of(viewer: Person) -> QuerySet[Membership]:
    return Membership.objects.filter(
        group=OuterRef("pk"), person=viewer, state=Membership.State.ACTIVE
    )


def _with_member_count(groups: QuerySet[Group]) -> QuerySet[Group]:
    """One column per group, computed in the same query: no query per card."""
    count = (
        Membership.objects.filter(group=OuterRef("pk"), state=Membership.State.ACTIVE)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return groups.annotate(member_count=Coalesce(Subquery(count), 0))


def _group_for_viewer_or_404(
    request: HttpRequest, *, slug: str | None = None, pk: int | None = None, invited: bool = True
) -> Group:
    """The group if the viewer may know it exists; 404 otherwise (also for secret groups, so a
    non-member cannot tell a secret group from no group at all). With `invited`, a person
    invited to a secret group sees it too: the invitation page is the group page."""
    viewer = _viewer(request)
    lookup = Q(slug=slug) if slug is not None else Q(pk=pk)
    group = _with_member_count(Group.objects.visible_to(viewer)).filter(lookup).first()
    if group is None and invited:
        invitation = Membership.objects.filter(
            group=OuterRef("pk"), person=viewer, state=Membership.State.INVITED
        )
        group = _with_member_count(Group.objects.filter(lookup).filter(Exists(invitation))).first()
    if group is None:
        raise Http404
    return group


@dataclass
class ViewerInGroup:
    """Where the viewer stands in one group."""

    membership: Membership | None
    is_admin: bool  # a group admin, or a moderator

    @property
    def state(self) -> str:
        return self.membership.state if self.membership else ""

    @property
    def is_member(self) -> bool:
        return self.state == Membership.State.ACTIVE

    @property
    def is_invited(self) -> bool:
        return self.state == Membership.State.INVITED

    @property
    def has_requested(self) -> bool:
        return self.state == Membership.State.REQUESTED

    @property
    def is_synced(self) -> bool:
        return bool(self.membership and self.membership.synced)


def _viewer_in(group: Group, viewer: Person) -> ViewerInGroup:
    return ViewerInGroup(
        membership=group_services.membership_of(group, viewer),
        is_admin=group_services.is_group_admin(group, viewer),
    )


def _may_read_posts(group: Group, standing: ViewerInGroup) -> bool:
    # The same answer Post.objects.visible_to gives; used only to choose what to show.
    return group.visibility == Group.Visibility.OPEN or standing.is_member


def _may_see_members(group: Group, standing: ViewerInGroup) -> bool:
    return group.visibility == Group.Visibility.OPEN or standing.is_member or standing.is_admin


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("That did not work. Try again.")


# --- The index --------------------------------------------------------------------------------


@vary_on_headers("HX-Request", "HX-Target")
@permission_required(Perm.VIEW_INTERNAL)
def index(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = GroupFilterForm(request.GET or None)
    visible = Group.objects.visible_to(viewer)
    invited_ids = Membership.objects.filter(person=viewer, state=Membership.State.INVITED).values(
        "group_id"
    )
    invitations = Group.objects.filter(pk__in=invited_ids)
    filtered = False
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        if query:
            visible = visible.filter(name__icontains=query)
            invitations = invitations.filter(name__icontains=query)
        if kind:
            visible = visible.filter(kind=kind)
            invitations = invitations.filter(kind=kind)
        filtered = bool(query or kind)
    mine = list(_with_member_count(visible.filter(Exists(_active_membership_of(viewer)))))
    my_request = Membership.objects.filter(group=OuterRef("pk"), person=viewer).values("state")
    discover = (
        _with_member_count(visible)
        .exclude(Exists(_active_membership_of(viewer)))
        .exclude(pk__in=invited_ids)
        .annotate(my_state=Subquery(my_request[:1]))
        .order_by("name", "pk")
    )
    page = Paginator(discover, GROUPS_PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "form": form,
        "filtered": filtered,
        "my_groups": mine,
        "invitations": list(_with_member_count(invitations)),
        "page": page,
        "page_query": query_without_page.urlencode(),
        "may_start_groups": may_start_groups(viewer),
    }
    template = "community/group_list.html"
    if request.htmx and request.htmx.target == "group-results":  # type: ignore[attr-defined]
        template = "community/group_list.html#results"
    return render(request, template, context)


# --- Starting a group -------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def create(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if not may_start_groups(viewer):
        return render(request, "community/group_form.html", {"not_allowed": True}, status=403)
    form = GroupCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = group_services.create_group(
                by=viewer,
                name=data["name"],
                kind=data["kind"],
                visibility=data["visibility"],
                description=data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your group “%(name)s” is ready. You are its admin: invite colleagues.")
                % {"name": group.name},
            )
            return redirect("community:group", slug=group.slug)
    return render(request, "community/group_form.html", {"form": form})


# --- The group page ---------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def by_id(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group_for_viewer_or_404(request, pk=pk)
    return redirect("community:group", slug=group.slug)


def _pinned_posts(viewer: Person, group: Group) -> list[Post]:
    pinned = Post.objects.visible_to(viewer).filter(group=group, pinned_at__isnull=False)
    return list(
        feeds.decorate(pinned, viewer).for_display().order_by("-pinned_at", "-id")[:PINNED_LIMIT]
    )


def _more_url(request: HttpRequest, cursor: int | None) -> str:
    return f"{request.path}?{urlencode({'before': cursor})}" if cursor else ""


@vary_on_headers("HX-Request", "HX-Target")
@permission_required(Perm.VIEW_INTERNAL)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug)
    standing = _viewer_in(group, viewer)
    before = _int_or_none(request.GET.get("before"))
    may_read = _may_read_posts(group, standing)
    pinned: list[Post] = []
    posts: list[Post] = []
    next_cursor = None
    if may_read:
        pinned = _pinned_posts(viewer, group)
        pinned_ids = {post.pk for post in pinned}
        page = feeds.group_feed(viewer, group, before=before)
        # Pinned posts stand at the top of the first page; the feed does not repeat them.
        posts = [post for post in page.posts if post.pk not in pinned_ids]
        next_cursor = page.next_cursor
        if before is not None:
            pinned = []
    # The group admins' (and moderators') pin and remove rights, known without a query.
    admin_of = {group.pk} if standing.is_admin else set()
    context = {
        "group": group,
        "standing": standing,
        "may_read": may_read,
        "may_see_members": _may_see_members(group, standing),
        "member_count": group.member_count,  # type: ignore[attr-defined]
        "pinned_cards": prepare_cards(viewer, pinned, admin_group_ids=admin_of),
        "cards": prepare_cards(viewer, posts, admin_group_ids=admin_of),
        "more_url": _more_url(request, next_cursor),
        "is_later_page": before is not None,
        "synced_group": group.kind in SYNCED_KINDS,
        # On the group page the composer writes to this group (or, if chosen, to everyone).
        "composer": PostForm(groups=[group], initial={"group": str(group.pk)})
        if standing.is_member
        else None,
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "feed-more":
        return render(request, "community/_feed.html#page", context)
    return render(request, "community/group_detail.html", context)


@permission_required(Perm.VIEW_INTERNAL)
def cover(request: HttpRequest, slug: str) -> FileResponse:
    """Covers are internal: served only to people who may see the group."""
    group = _group_for_viewer_or_404(request, slug=slug)
    if not group.cover:
        raise Http404
    try:
        handle = group.cover.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Joining and leaving ----------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponseBase:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug)
    was_invited = _viewer_in(group, viewer).is_invited
    try:
        membership = group_services.join(group, viewer)
    except PermissionDenied:
        messages.error(request, _("This group is by invitation only."))
        return redirect(_next_url(request, reverse("community:group", args=[group.slug])))
    if membership.state == Membership.State.ACTIVE:
        text = (
            _("Welcome to “%(name)s”. You accepted the invitation.")
            if was_invited
            else _("You are now a member of “%(name)s”.")
        )
        messages.success(request, text % {"name": group.name})
    else:
        messages.success(
            request,
            _("You asked to join “%(name)s”. A group admin will decide on your request.")
            % {"name": group.name},
        )
    return redirect(_next_url(request, reverse("community:group", args=[group.slug])))


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponseBase:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug)
    state = _viewer_in(group, viewer).state
    group_url = reverse("community:group", args=[group.slug])
    try:
        group_services.leave(group, viewer)
    except ValidationError as error:
        messages.error(request, _first_message(error))
        return redirect(_next_url(request, group_url))
    if state == Membership.State.INVITED:
        text = _("You declined the invitation to “%(name)s”.")
    elif state == Membership.State.REQUESTED:
        text = _("You withdrew your request to join “%(name)s”.")
    else:
        text = _("You left “%(name)s”.")
    messages.success(request, text % {"name": group.name})
    if group.visibility == Group.Visibility.SECRET:
        return redirect("community:groups")  # the group page no longer exists for them
    return redirect(_next_url(request, group_url))


# --- Members ----------------------------------------------------------------------------------


def _members_page(
    request: HttpRequest,
    group: Group,
    standing: ViewerInGroup,
    *,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_see_members = _may_see_members(group, standing)
    context: dict[str, object] = {
        "group": group,
        "standing": standing,
        "may_see_members": may_see_members,
        "synced_group": group.kind in SYNCED_KINDS,
    }
    if may_see_members:
        memberships = (
            Membership.objects.filter(group=group, state=Membership.State.ACTIVE)
            .select_related("person", "person__department")
            .order_by("role", "person__last_name", "person__first_name", "person_id")
        )
        context["page"] = Paginator(memberships, MEMBERS_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    if standing.is_admin:
        requests = group_services.pending_requests(group)
        prefetch_related_objects([m.person for m in requests], "department")
        context["requests"] = requests
        context["invited"] = list(
            Membership.objects.filter(group=group, state=Membership.State.INVITED)
            .select_related("person", "person__department")
            .order_by("created_at")
        )
        context["invite_form"] = invite_form or InviteForm()
    return render(request, "community/group_members.html", context, status=status)


@permission_required(Perm.VIEW_INTERNAL)
def members(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug, invited=False)
    return _members_page(request, group, _viewer_in(group, viewer))


def _require_group_admin(standing: ViewerInGroup) -> None:
    if not standing.is_admin:
        raise PermissionDenied(_("Only a group admin can do this."))


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def decide_request(request: HttpRequest, slug: str, person_pk: int) -> HttpResponseBase:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug, invited=False)
    _require_group_admin(_viewer_in(group, viewer))
    form = DecisionForm(request.POST)
    person = get_object_or_404(Person, pk=person_pk)
    members_url = reverse("community:group_members", args=[group.slug])
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect(members_url)
    if form.cleaned_data["decision"] == "approve":
        try:
            group_services.approve(group, person, by=viewer)
        except ValidationError:
            messages.info(request, _("This request has already been handled."))
        else:
            messages.success(
                request,
                _("%(person)s is now a member of the group.") % {"person": person.full_name},
            )
    else:
        group_services.decline(group, person, by=viewer)
        messages.success(
            request,
            _("You declined the request of %(person)s.") % {"person": person.full_name},
        )
    return redirect(members_url)


def _resolve_colleague(form: InviteForm) -> tuple[Person | None, list[Person]]:
    """The colleague the inviter means: a mention token from the autocomplete, an e-mail
    address, or a name (with the one they picked when the name matched several). Returns
    (person, []) or (None, the candidates to choose from)."""
    text = form.cleaned_data["colleague"].strip()
    people = Person.objects.members()
    token = _mention_token_pk(text)
    if token is not None:
        return people.filter(pk=token).first(), []
    if "@" in text and " " not in text:
        return people.filter(email__iexact=text).first(), []
    matching = people.matching(text)
    chosen = form.cleaned_data.get("person")
    if chosen:
        picked = matching.filter(pk=chosen).first()
        if picked is not None:
            return picked, []
    matches = list(
        matching.select_related("department").order_by("last_name", "first_name", "id")[
            : INVITE_CANDIDATES + 1
        ]
    )
    if len(matches) == 1:
        return matches[0], []
    return None, matches


def _mention_token_pk(text: str) -> int | None:
    """The person id in an autocomplete token `@[Name](p:ID)`, if the text is one."""
    if not (text.startswith("@[") and text.endswith(")")):
        return None
    marker = text.rfind("](p:")
    if marker == -1:
        return None
    return _int_or_none(text[marker + 4 : -1])


def _candidate_label(person: Person) -> str:
    department = person.department.name if person.department else ""
    details = " · ".join(part for part in (person.job_title, department) if part)
    return f"{person.full_name} — {details}" if details else person.full_name


@permission_required(Perm.VIEW_INTERNAL)
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug, invited=False)
    standing = _viewer_in(group, viewer)
    _require_group_admin(standing)
    members_url = reverse("community:group_members", args=[group.slug])
    if request.method != "POST":
        return redirect(members_url)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _members_page(request, group, standing, invite_form=form, status=400)
    person, candidates = _resolve_colleague(form)
    if person is None:
        text = {"text": form.cleaned_data["colleague"]}
        if not candidates:
            form.add_error(
                "colleague",
                _("We found no colleague by that name or e-mail address. Check the spelling."),
            )
        else:
            form.offer([(p.pk, _candidate_label(p)) for p in candidates[:INVITE_CANDIDATES]])
            form.add_error(
                "person",
                _("Several colleagues match “%(text)s”. Choose one.") % text
                if len(candidates) <= INVITE_CANDIDATES
                else _("Many colleagues match “%(text)s”. Choose one, or type more of the name.")
                % text,
            )
        return _members_page(request, group, standing, invite_form=form, status=400)
    before = group_services.membership_of(group, person)
    try:
        membership = group_services.invite(group, person, by=viewer)
    except ValidationError as error:
        form.add_error("colleague", error)
        return _members_page(request, group, standing, invite_form=form, status=400)
    name = {"person": person.full_name}
    if before is not None and before.state == Membership.State.ACTIVE:
        messages.info(request, _("%(person)s is already a member.") % name)
    elif before is not None and before.state == Membership.State.REQUESTED:
        messages.success(request, _("%(person)s had asked to join and is now a member.") % name)
    elif membership.state == Membership.State.INVITED:
        messages.success(
            request,
            _("%(person)s is invited. They see the invitation on the groups page.") % name,
        )
    return redirect(members_url)


def _would_leave_without_admin(group: Group, membership: Membership) -> bool:
    """Taking away this admin would leave members without any group admin."""
    if membership.role != Membership.Role.ADMIN:
        return False
    others = group.memberships.filter(state=Membership.State.ACTIVE).exclude(pk=membership.pk)
    return others.exists() and not others.filter(role=Membership.Role.ADMIN).exists()


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def manage_member(request: HttpRequest, slug: str, person_pk: int) -> HttpResponseBase:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug, invited=False)
    _require_group_admin(_viewer_in(group, viewer))
    person = get_object_or_404(Person, pk=person_pk)
    membership = group_services.membership_of(group, person)
    members_url = reverse("community:group_members", args=[group.slug])
    form = MemberActionForm(request.POST)
    if membership is None or not form.is_valid():
        messages.error(request, _("%(person)s is not in this group.") % {"person": person})
        return redirect(members_url)
    action = form.cleaned_data["action"]
    name = {"person": person.full_name}
    if action in ("remove_admin", "remove") and _would_leave_without_admin(group, membership):
        messages.error(request, _("The group needs an admin: make someone else admin first."))
    elif action == "make_admin":
        group_services.set_admin(group, person, admin=True, by=viewer)
        messages.success(request, _("%(person)s is now a group admin.") % name)
    elif action == "remove_admin":
        group_services.set_admin(group, person, admin=False, by=viewer)
        messages.success(request, _("%(person)s is no longer a group admin.") % name)
    elif membership.synced:
        messages.error(
            request,
            _(
                "%(person)s is in this group because of their department or location; "
                "that changes with the people data."
            )
            % name,
        )
    else:
        was_invited = membership.state == Membership.State.INVITED
        group_services.remove_member(group, person, by=viewer)
        text = (
            _("The invitation of %(person)s is withdrawn.")
            if was_invited
            else _("%(person)s is no longer a member.")
        )
        messages.success(request, text % name)
    return redirect(members_url)


# --- Settings ---------------------------------------------------------------------------------


def _save_group_details(
    group: Group,
    *,
    name: str,
    description: str,
    cover: ProcessedFile | None,
    remove_cover: bool,
) -> None:
    """Name, description and cover. The caller has checked that the person is a group admin
    and holds the transaction. The old cover file goes once the change is committed."""
    old_cover = group.cover.name if group.cover else ""
    group.name = name[:120]
    group.description = description.strip()[:2000]
    fields = ["name", "description"]
    if cover is not None:
        group.cover.save(cover.file.name or "cover.jpg", cover.file, save=False)
        fields.append("cover")
    elif remove_cover and old_cover:
        group.cover = ""
        fields.append("cover")
    group.save(update_fields=fields)
    if "cover" in fields and old_cover:
        storage = group.cover.storage
        transaction.on_commit(lambda: storage.delete(old_cover))


@permission_required(Perm.VIEW_INTERNAL)
def settings(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _viewer(request)
    group = _group_for_viewer_or_404(request, slug=slug, invited=False)
    _require_group_admin(_viewer_in(group, viewer))
    synced = group.kind in SYNCED_KINDS
    form = GroupSettingsForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "name": group.name,
            "description": group.description,
            "visibility": group.visibility,
        },
        synced=synced,
        has_cover=bool(group.cover),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        processed = None
        upload = data.get("cover")
        if upload:
            try:
                processed = process_upload(upload, upload.name or "cover")
                if processed.kind != "image":
                    raise ValidationError(
                        _("This file is not a photo. Choose a JPEG, PNG, WebP or GIF image.")
                    )
            except ValidationError as error:
                form.add_error("cover", error)
        if form.is_valid():
            with transaction.atomic():
                _save_group_details(
                    group,
                    name=data["name"],
                    description=data["description"],
                    cover=processed,
                    remove_cover=bool(data.get("remove_cover")),
                )
                visibility = data.get("visibility")
                if visibility and visibility != group.visibility:
                    group_services.change_visibility(group, visibility, by=viewer)
                else:
                    emit(GroupChanged(group))
            messages.success(request, _("The group settings have been saved."))
            return redirect("community:group", slug=group.slug)
    return render(
        request,
        "community/group_settings.html",
        {"group": group, "form": form, "synced_group": synced},
    )
