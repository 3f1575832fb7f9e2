from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "plein.careers"
    label = "careers"
    verbose_name = _("Careers")

    def ready(self) -> None:
        from plein.careers.job_alerts import handlers as job_alert_handlers

        job_alert_handlers.connect()
        from plein.careers.services import alumni
        from plein.core.events import subscribe
        from plein.people.events import PersonOffboarded

        subscribe(PersonOffboarded, alumni.on_person_offboarded)
