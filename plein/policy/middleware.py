"""The prompt to read and accept a new version of the social media policy, on every page until
the person has.

Pages pay no query for it: the answer lives in the session. It is worked out at sign-in (the
`user_logged_in` receiver in apps.py), again at most every `RECHECK_SECONDS` (so a version
published while someone is signed in reaches them within minutes), and set right away when
the person accepts. `request.policy_pending` is None, or the version to accept with the
deadline after which posting waits for it (and whether that has passed).
"""

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from plein.policy import documents


def _parse(value: object) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


SESSION_KEY = "policy_pending"
RECHECK_SECONDS = 600


def refresh(request: HttpRequest, person: Any) -> dict[str, Any]:
    pending = documents.pending_for(person) if person.is_member else None
    seen = {
        "version": pending.number if pending else None,
        "deadline": pending.deadline.isoformat() if pending else None,
        "checked": int(time.time()),
    }
    request.session[SESSION_KEY] = seen
    return seen


def remember_accepted(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = {"version": None, "deadline": None, "checked": int(time.time())}


class PolicyPromptMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.policy_pending = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            seen = request.session.get(SESSION_KEY)
            if not isinstance(seen, dict) or time.time() - seen.get("checked", 0) > RECHECK_SECONDS:
                seen = refresh(request, user)
            if seen.get("version"):
                deadline = _parse(seen.get("deadline"))
                request.policy_pending = {  # type: ignore[attr-defined]
                    "version": seen["version"],
                    "deadline": deadline,
                    "overdue": deadline is not None and deadline <= timezone.now(),
                }
        return self.get_response(request)
