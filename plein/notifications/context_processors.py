from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from plein.notifications.services import BellState, bell_state, poll_seconds
from plein.people.permissions import Perm, can


def bell(request: HttpRequest) -> dict[str, object]:
    """`notification_bell`: the header's unread count. Lazy: a page that does not show the bell
    (signed out, an e-mail) costs no query; one that does costs one cached look-up."""
    user = getattr(request, "user", None)
    if user is None or not can(user, Perm.VIEW_INTERNAL):
        return {"notification_bell": None}

    def state() -> BellState:
        cached = getattr(request, "_plein_bell", None)
        if cached is None:
            cached = bell_state(user)
            request._plein_bell = cached  # type: ignore[attr-defined]
        return cached

    return {
        "notification_bell": SimpleLazyObject(state),
        "notification_poll_seconds": poll_seconds(),
    }
