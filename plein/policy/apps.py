from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "plein.policy"
    label = "policy"
    verbose_name = _("Policy")

    def ready(self) -> None:
        from plein.policy.services import moderation

        moderation.connect()

        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_ask_at_sign_in, dispatch_uid="policy_ask_at_sign_in")


def _ask_at_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Whether a new policy waits for this person: worked out once here, then read from the
    # session by every page (plein.policy.middleware).
    if request is not None and hasattr(request, "session"):
        from plein.policy.middleware import refresh

        refresh(request, user)
