"""The notifications pages: the list, the bell's poll, settings, group mutes, unsubscribe.

The list costs a fixed number of queries whatever the number of notifications (one for the
page, through `notifications_for`, which checks visibility and mutes per row). Older pages come
by keyset (`?before=<microseconds>_<id>`). Everything works without JavaScript; htmx asks for
fragments of the same URLs.

Live updates are polling, not a held connection: Plein runs in WSGI workers, where a stream
per open tab would take a worker each. The bell asks `bell/?seen=<stamp>` every ~25 seconds
(paused while the tab is hidden); the answer is an empty 204 while nothing changed, so the
cost is one cached look-up per tab per poll, and it passes any reverse proxy or buffer.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from plein.community.models import Group
from plein.notifications import services
from plein.notifications.forms import PreferencesForm
from plein.notifications.mail import person_for_unsubscribe_token
from plein.notifications.models import Notification
from plein.notifications.sentences import describe
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

PAGE_SIZE = 30
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _person(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


@dataclass
class Item:
    notification: Notification
    sentence: str


def _cursor_of(notification: Notification) -> str:
    micros = (notification.updated_at - EPOCH) // datetime.timedelta(microseconds=1)
    return f"{micros}_{notification.pk}"


def _parse_cursor(value: str) -> tuple[datetime.datetime, int] | None:
    micros, _sep, pk = value.partition("_")
    if not (micros.isdigit() and pk.isdigit()):
        return None
    return EPOCH + datetime.timedelta(microseconds=int(micros)), int(pk)


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
@never_cache
@vary_on_headers("HX-Request")
def notification_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    notifications = services.notifications_for(person).newest_first()
    cursor = _parse_cursor(request.GET.get("before", ""))
    if cursor is not None:
        updated_at, pk = cursor
        notifications = notifications.filter(
            Q(updated_at__lt=updated_at) | Q(updated_at=updated_at, pk__lt=pk)
        )
    rows = list(notifications[: PAGE_SIZE + 1])
    page, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
    context = {
        "items": [Item(n, describe(n)) for n in page],
        "next_cursor": _cursor_of(page[-1]) if more else "",
        "is_later_page": cursor is not None,
    }
    if _is_htmx(request):
        return render(request, "notifications/list.html#items", context)
    return render(request, "notifications/list.html", context)


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
@never_cache
def bell(request: HttpRequest) -> HttpResponse:
    """The bell's state for htmx polling: 204 while unchanged, else the new badge, with an
    HX-Trigger so an open notifications list fetches its newest items."""
    if not _is_htmx(request):
        return redirect("notifications:list")
    state = services.bell_state(_person(request))
    if request.GET.get("seen") == state.stamp:
        return HttpResponse(status=204)
    response = render(
        request,
        "notifications/_bell.html#state",
        {"notification_bell": state, "notification_poll_seconds": services.poll_seconds()},
    )
    response["HX-Trigger"] = "notifications-new"
    return response


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification: it is marked read and the person lands on what it is about.
    (A GET, so it is an ordinary link in the list and in e-mail; marking one's own
    notification read is harmless if a link is followed by anything else.)"""
    notification = services.mark_read(_person(request), pk)
    if notification is None:
        raise Http404
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = reverse("notifications:list")
    return redirect(url)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(_person(request))
    if _is_htmx(request):
        response = notification_list_fragment(request)
        response["HX-Trigger"] = "notifications-read"
        return response
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


def notification_list_fragment(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    rows = list(services.notifications_for(person).newest_first()[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    return render(
        request,
        "notifications/list.html#items",
        {
            "items": [Item(n, describe(n)) for n in page],
            "next_cursor": _cursor_of(page[-1]) if len(rows) > PAGE_SIZE else "",
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    deliveries = services.deliveries_of(person)
    mail_settings = services.mail_settings_of(person)
    if request.method == "POST":
        form = PreferencesForm(request.POST, deliveries=deliveries, digest=mail_settings.digest)
        if form.is_valid():
            for kind, delivery in form.deliveries().items():
                if deliveries.get(kind) != delivery:
                    services.set_delivery(person, kind, delivery)
            services.set_digest_frequency(person, form.cleaned_data["digest"])
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    else:
        form = PreferencesForm(deliveries=deliveries, digest=mail_settings.digest)
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "muted_groups": services.muted_groups(person),
            "unsubscribed": mail_settings.unsubscribed_at is not None,
        },
    )


def _group_or_404(person: Person, pk: int) -> Group:
    group = Group.objects.visible_to(person).filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


@permission_required(Perm.VIEW_INTERNAL)
@require_http_methods(["GET", "POST"])
def group_notifications(request: HttpRequest, pk: int) -> HttpResponse:
    """Mute or unmute one group: reached from the group's page."""
    person = _person(request)
    group = _group_or_404(person, pk)
    if request.method == "POST":
        muted = request.POST.get("muted") == "1"
        try:
            services.mute_group(person, group, muted=muted)
        except PermissionDenied as error:
            raise Http404 from error
        if muted:
            messages.success(
                request,
                _("You no longer get notifications from %(group)s.") % {"group": group.name},
            )
        else:
            messages.success(
                request,
                _("You get notifications from %(group)s again.") % {"group": group.name},
            )
        following = request.POST.get("next", "")
        if following and url_has_allowed_host_and_scheme(
            following, allowed_hosts={request.get_host()}
        ):
            return redirect(following)
        return redirect("notifications:group", pk=group.pk)
    return render(
        request,
        "notifications/group.html",
        {"group": group, "muted": services.is_muted(person, group)},
    )


@csrf_exempt  # the one-click POST comes from the mail client, without a session or token
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's unsubscribe link: GET asks to confirm (link scanners only GET), POST — from
    the confirm button or the mail client's one-click (RFC 8058) — stops notification e-mail.
    No sign-in: the signed token is the proof."""
    person = person_for_unsubscribe_token(token)
    if person is None:
        raise Http404
    done = request.method == "POST"
    if done:
        services.unsubscribe(person)
    with translation.override(person.language):
        return render(
            request,
            "notifications/unsubscribe.html",
            {"subscriber": person, "done": done, "token": token},
        )
