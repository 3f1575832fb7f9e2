from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from plein.people.permissions import Perm, can


class PleinAdminSite(admin.AdminSite):
    """The Django admin, for administrators who signed in with their second factor.

    Its own login form is not used: sign-in goes through the normal page, with the same
    brute-force protection and the MFA step.
    """

    site_header = _("Plein administration")
    site_title = _("Plein administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_authenticated and can(user, Perm.USE_ADMIN) and is_mfa_enabled(user))

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            # Signed in but not an administrator with MFA: say so instead of looping.
            raise PermissionDenied
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
