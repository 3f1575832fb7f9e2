from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from plein.people.permissions import is_administrator


class PersonLanguageMiddleware:
    """Plein speaks Dutch unless someone chose English: a signed-in person in their profile,
    anyone else with the language switch (a cookie). The browser's Accept-Language is not
    consulted: Dutch is the default, by design."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response

    @staticmethod
    def language_for(request: HttpRequest) -> str:
        available = dict(settings.LANGUAGES)
        user = request.user
        if user.is_authenticated and getattr(user, "language", None) in available:
            return str(user.language)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in available:
            return str(cookie)
        return str(settings.LANGUAGE_CODE)


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
