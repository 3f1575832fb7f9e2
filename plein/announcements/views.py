"""Announcements: the list for you, sending one, reading and confirming it, and its reach.

Every read goes through the post's visibility rule: an announcement whose post the viewer may
not read answers 404. Writes go through `services`. "Mark as read" and "I have read and
understood" are plain form POSTs (with a redirect back) that htmx turns into a swap of the
card's read state.
"""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from plein.announcements import cards, services
from plein.announcements.forms import AnnouncementForm
from plein.announcements.models import Announcement, AnnouncementReceipt
from plein.community.models import Post
from plein.community.services.gate import confirmation_from, show_policy_notice
from plein.community.views.feeds import safe_next
from plein.community.views.posts import conversation_parts, get_post_for_viewer_or_404
from plein.notifications.services import mark_read_about
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

PAGE_SIZE = 20
NAMES_PER_PAGE = 100


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _before(request: HttpRequest, name: str = "before") -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _announcement_or_404(viewer: Person, pk: int) -> Announcement:
    readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("pk"))
    announcement = (
        Announcement.objects.filter(pk=pk)
        .filter(Exists(readable))
        .select_related("post", "post__author", "post__group")
        .first()
    )
    if announcement is None:
        raise Http404
    return announcement


# --- The list ----------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def index(request: HttpRequest) -> HttpResponse:
    """Announcements sent to you (newest first, keyset pages), and the ones you sent with their
    reach; people who may see read receipts see every announcement's reach here."""
    viewer = _viewer(request)
    readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("announcement_id"))
    received = (
        AnnouncementReceipt.objects.filter(person=viewer)
        .filter(Exists(readable))
        .select_related("announcement", "announcement__post", "announcement__post__author")
        .order_by("-announcement_id")
    )
    before = _before(request)
    if before:
        received = received.filter(announcement_id__lt=before)
    receipts = list(received[: PAGE_SIZE + 1])
    more_received = len(receipts) > PAGE_SIZE
    receipts = receipts[:PAGE_SIZE]

    everyone = can(viewer, Perm.VIEW_READ_RECEIPTS)
    sent_rows: list[tuple[Announcement, services.Progress]] = []
    more_sent = False
    may_send = services.may_send_any(viewer)
    if may_send or everyone:
        sent = Announcement.objects.filter(
            Exists(Post.objects.visible_to(viewer).filter(pk=OuterRef("pk")))
        ).select_related("post", "post__author")
        if not everyone:
            sent = sent.filter(post__author=viewer)
        sent_before = _before(request, "sent_before")
        if sent_before:
            sent = sent.filter(pk__lt=sent_before)
        announcements = list(sent.order_by("-pk")[: PAGE_SIZE + 1])
        more_sent = len(announcements) > PAGE_SIZE
        announcements = announcements[:PAGE_SIZE]
        progress = services.progress_of(a.pk for a in announcements)
        sent_rows = [(a, progress.get(a.pk, services.Progress(0, 0, 0))) for a in announcements]
    return render(
        request,
        "announcements/index.html",
        {
            "receipts": receipts,
            "more_received_url": (
                f"{request.path}?before={receipts[-1].announcement_id}" if more_received else ""
            ),
            "sent_rows": sent_rows,
            "sent_everyone": everyone,
            "show_sent": may_send or everyone,
            "more_sent_url": (
                f"{request.path}?sent_before={sent_rows[-1][0].pk}" if more_sent else ""
            ),
            "may_send": may_send,
        },
    )


# --- Sending -----------------------------------------------------------------------------------


def _form(viewer: Person, data: object = None) -> AnnouncementForm:
    groups = services.groups_to_announce_to(viewer)
    return AnnouncementForm(
        data,
        wide=services.may_announce_widely(viewer),
        groups=groups,
        has_groups=groups.exists(),
    )


def _add_service_error(form: AnnouncementForm, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        show_policy_notice(form, error)
    if isinstance(error, PermissionDenied):
        message = str(error) if error.args and str(error) not in {p.value for p in Perm} else ""
        form.add_error(None, message or _("You cannot send this announcement."))
        return
    for item in error.error_list:
        code = item.code or ""
        target = {
            "empty": "text",
            "too_long": "text",
            "policy_warn": "text",
            "policy_block": "text",
            "policy_hold": "text",
        }.get(code, code)
        form.add_error(target if target in form.fields else None, " ".join(item.messages))


@permission_required(Perm.VIEW_INTERNAL)
def new(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if not services.may_send_any(viewer):
        raise PermissionDenied
    form = _form(viewer, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            announcement = services.send_announcement(
                viewer,
                title=data["title"],
                text=data["text"],
                audience=data["audience"],
                departments=list(data.get("departments") or []),
                locations=list(data.get("locations") or []),
                group=data.get("group"),
                must_read=data["must_read"],
                requires_acknowledgement=data["requires_acknowledgement"],
                include_flexible=data["include_flexible"],
                confirmation=confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error)
        else:
            count = announcement.recipient_count
            messages.success(
                request,
                ngettext(
                    "Your announcement has been sent to %(count)d person.",
                    "Your announcement has been sent to %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("announcements:detail", pk=announcement.pk)
    return render(request, "announcements/new.html", {"form": form})


# --- Reading -----------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The announcement with its conversation. Opening it counts as reading it."""
    viewer = _viewer(request)
    post = get_post_for_viewer_or_404(viewer, pk)
    announcement = Announcement.objects.filter(pk=post.pk).first()
    if announcement is None:
        raise Http404
    announcement.post = post
    services.mark_read(announcement, viewer)
    mark_read_about(viewer, post)
    return render(
        request,
        "announcements/detail.html",
        {"announcement": announcement, **conversation_parts(viewer, post)},
    )


def _state_response(request: HttpRequest, announcement: Announcement) -> HttpResponse:
    """The card's read state for htmx; otherwise back to where the button was."""
    viewer = _viewer(request)
    if _is_htmx(request):
        [with_receipt] = cards.with_receipt_of(
            Announcement.objects.filter(pk=announcement.pk), viewer
        )
        with_receipt.post = announcement.post
        card = cards.cards_for(viewer, [with_receipt])[announcement.pk]
        return render(
            request,
            "announcements/_card.html#state",
            {
                "extra": card,
                "post": announcement.post,
                "next_url": safe_next(request, ""),
                "just_changed": True,
            },
        )
    return redirect(
        safe_next(request, reverse("announcements:detail", args=[announcement.pk]))
        + f"#post-{announcement.pk}"
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    announcement = _announcement_or_404(viewer, pk)
    if services.mark_read(announcement, viewer) is None:
        raise PermissionDenied(_("This announcement was not sent to you."))
    if not _is_htmx(request):
        messages.success(request, _("Marked as read."))
    return _state_response(request, announcement)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    announcement = _announcement_or_404(viewer, pk)
    try:
        services.acknowledge(announcement, viewer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("announcements:detail", pk=announcement.pk)
    if not _is_htmx(request):
        messages.success(request, _("Thank you: you confirmed you have read and understood it."))
    return _state_response(request, announcement)


# --- Reach -------------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def reach(request: HttpRequest, pk: int) -> HttpResponse:
    """Read and confirmed per department, for the sender; by name only for those whose role
    allows it (community managers, HR)."""
    viewer = _viewer(request)
    announcement = _announcement_or_404(viewer, pk)
    if not services.may_see_reach(announcement, viewer):
        raise PermissionDenied
    names_page = None
    if services.may_see_names(viewer):
        paginator = Paginator(services.not_done_receipts(announcement), NAMES_PER_PAGE)
        names_page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "announcements/reach.html",
        {
            "announcement": announcement,
            "post": announcement.post,
            "reach": services.reach(announcement),
            "names_page": names_page,
        },
    )
