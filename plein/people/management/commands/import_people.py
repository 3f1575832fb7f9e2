"""`plein import-people FILE [--dry-run] [--language nl|en]`: the HR export, all or nothing."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from plein.people.services.importer import describe_changes, import_people


class Command(BaseCommand):
    help = (
        "Import people from an HR system's CSV export (UTF-8 or Excel, ';' or ','). "
        "Every line is checked first; one bad line and nothing changes. No invitations are sent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, change nothing"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="language of the report",
        )

    def handle(self, *args: Any, file: str, dry_run: bool, language: str, **options: Any) -> None:
        with translation.override(language):
            self._import(Path(file), dry_run=dry_run)

    def _import(self, path: Path, *, dry_run: bool) -> None:
        try:
            if path.stat().st_size > settings.PLEIN_IMPORT_MAX_BYTES:
                raise CommandError(
                    _("The file is larger than %(max)d MB.")
                    % {"max": settings.PLEIN_IMPORT_MAX_BYTES // (1024 * 1024)}
                )
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": path, "error": error.strerror or error}
            ) from error

        report = import_people(data, by=None, dry_run=dry_run)
        if report.issues:
            for issue in report.issues:
                if issue.line is not None:
                    self.stderr.write(str(issue))
            raise CommandError(report.error_summary)

        assert report.plan is not None
        if dry_run:
            for line in describe_changes(report.plan):
                self.stdout.write(line)
            self.stdout.write(
                _("Dry run: %(summary)s. Nothing was changed.") % {"summary": report.summary}
            )
        else:
            self.stdout.write(report.summary)
