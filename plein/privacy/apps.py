from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "plein.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from plein.privacy import handlers, sections

        sections.register_sections()
        handlers.connect()
