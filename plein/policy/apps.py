from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "plein.policy"
    label = "policy"
    verbose_name = _("Policy")

    def ready(self) -> None:
        from plein.policy.services import moderation

        moderation.connect()
