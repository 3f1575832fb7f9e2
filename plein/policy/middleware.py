"""The prompt to read and accept a new version of the social media policy, on every page until
the person has.

Pages pay no query for it: the answer lives in the session. It is worked out at sign-in (the
`user_logged_in` receiver in apps.py), again at most every `RECHECK_SECONDS` (so a version
published while someone is signed in reaches them within minutes), and set right away when
the person accepts. `request.policy_pending` is the version number to accept, or None.
"""

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from plein.policy import documents

SESSION_KEY = "policy_pending"
RECHECK_SECONDS = 600


def refresh(request: HttpRequest, person: Any) -> int | None:
    pending = documents.pending_version_number(person) if person.is_member else None
    request.session[SESSION_KEY] = {"version": pending, "checked": int(time.time())}
    return pending


def remember_accepted(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = {"version": None, "checked": int(time.time())}


class PolicyPromptMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.policy_pending = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            seen = request.session.get(SESSION_KEY)
            if not isinstance(seen, dict) or time.time() - seen.get("checked", 0) > RECHECK_SECONDS:
                pending = refresh(request, user)
            else:
                pending = seen.get("version")
            request.policy_pending = pending  # type: ignore[attr-defined]
        return self.get_response(request)
