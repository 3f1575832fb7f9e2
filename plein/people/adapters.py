import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from django.http import HttpRequest

# Signing in counts as confirming one's identity for this long: an administrator who must set
# up two-step verification right after signing in is not asked for the password a second time.
FRESH_SIGN_IN_SECONDS = 5 * 60


class AccountAdapter(DefaultAccountAdapter):
    """Plein is invitation-only: people join through an invitation or the HR import."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or request is None or not request.user.is_authenticated:
            return required
        records = get_authentication_records(request, request.user)
        signed_in_at = max((record.get("at", 0) for record in records), default=0)
        return time.time() - signed_in_at >= FRESH_SIGN_IN_SECONDS
