from django.http import HttpRequest

from plein.core.models import Organisation


def organisation(request: HttpRequest) -> dict[str, object]:
    # One cheap query per page; cached on the request so template includes share it.
    org = getattr(request, "_plein_organisation", None)
    if org is None:
        org = Organisation.current()
        request._plein_organisation = org  # type: ignore[attr-defined]
    return {"organisation": org}
