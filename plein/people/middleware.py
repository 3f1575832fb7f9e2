from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from plein.people.permissions import is_administrator


class PersonLanguageMiddleware:
    """A signed-in person sees Plein in the language of their profile; everyone else gets the
    language cookie (or Dutch)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "language", None):
            language = user.language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if user.is_authenticated and getattr(user, "language", None):
            response.headers.setdefault("Content-Language", user.language)
        return response


class RequireMfaForAdministratorsMiddleware:
    """An administrator without a second factor can do one thing: set it up."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/people/language/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and is_administrator(user)
            and not is_mfa_enabled(user)
        ):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
