from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.http import HttpRequest


class PersonBackend(AuthenticationBackend):
    """E-mail and password sign-in (allauth). Django asks `get_user` on every request, and that
    refuses anyone who may no longer sign in, so deactivation and the end date of a flexible
    worker take effect on the very next request."""


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    # allauth authenticates with `email`; the form posts it as `login`; the admin as `username`.
    for source in (credentials or {}, request.POST):
        for key in ("email", "login", "username"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return ""
