"""`plein manage sync_groups`: bring department and location groups in line with the people data
now, instead of waiting for the periodic job."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.community.services.groups import sync_people_groups


class Command(BaseCommand):
    help = (
        "Create a group for every department and location and make its members exactly the "
        "people in it (sub-departments included). Members who joined by hand stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="language of the summary",
        )

    def handle(self, *args: Any, language: str, **options: Any) -> None:
        summary = sync_people_groups()
        with translation.override(language):
            self.stdout.write(
                _("Groups synchronised with the people data.")
                + " "
                + ngettext(
                    "%(count)d group created.", "%(count)d groups created.", summary["created"]
                )
                % {"count": summary["created"]}
                + " "
                + ngettext("%(count)d member added.", "%(count)d members added.", summary["added"])
                % {"count": summary["added"]}
                + " "
                + ngettext(
                    "%(count)d member removed.", "%(count)d members removed.", summary["removed"]
                )
                % {"count": summary["removed"]}
            )
