import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Django's deploy checks that do not apply: HSTS preload is a choice, not a default.
IGNORED_DEPLOY_CHECKS = {"security.W021"}


def production_problems() -> list[str]:
    """What makes this configuration unsafe to put in front of people."""
    problems = []
    if settings.DEBUG:
        problems.append("PLEIN_DEBUG is on: turn it off in production.")
    if not settings.SECRET_KEY_FROM_ENV:
        problems.append(
            "PLEIN_SECRET_KEY is not set: set a long random value (the generated key in the "
            "data folder is for the embedded mode only)."
        )
    elif (
        len(settings.SECRET_KEY) < 50
        or len(set(settings.SECRET_KEY)) < 5
        or (settings.SECRET_KEY.startswith("django-insecure"))
    ):
        problems.append("PLEIN_SECRET_KEY is too short or too simple: use 50+ random characters.")
    if not os.environ.get("PLEIN_ALLOWED_HOSTS"):
        problems.append("PLEIN_ALLOWED_HOSTS is not set: list the host names Plein answers to.")
    if not settings.BASE_URL.startswith("https://"):
        problems.append("PLEIN_BASE_URL does not start with https://: serve Plein over HTTPS.")
    return problems


class Command(BaseCommand):
    help = "Refuse an unsafe production configuration (wraps Django's deployment checks)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = production_problems()
        try:
            call_command("check", deploy=True, fail_level="WARNING", verbosity=0)
        except CommandError as error:
            text = str(error)
            lines = [
                line.strip()
                for line in text.splitlines()
                if line.strip().startswith("?:")
                and not any(c in line for c in IGNORED_DEPLOY_CHECKS)
            ]
            problems.extend(lines)
        if problems:
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(
                f"{len(problems)} problem(s) make this configuration unsafe for production."
            )
        self.stdout.write("The configuration is safe for production.")
