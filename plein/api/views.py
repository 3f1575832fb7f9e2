"""The page where a person creates and revokes their personal API tokens."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plein.api import services
from plein.api.forms import CreateTokenForm
from plein.api.models import ApiToken
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

TOKENS_SHOWN = 50


@never_cache
@permission_required(Perm.VIEW_INTERNAL)
def tokens(request: HttpRequest) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    form = CreateTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["expires_in"]
        expires_at = timezone.now() + datetime.timedelta(days=int(days)) if days else None
        try:
            created = services.create_token(
                person, form.cleaned_data["name"], expires_at=expires_at
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown in this answer only, never stored: no redirect, and the page is not cached.
            new_secret = created.secret
            form = CreateTokenForm()
    owned = list(ApiToken.objects.owned_by(person.pk)[:TOKENS_SHOWN])
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": owned, "new_secret": new_secret},
    )


@require_POST
@permission_required(Perm.VIEW_INTERNAL)
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    person: Person = request.user  # type: ignore[assignment]
    token = get_object_or_404(ApiToken.objects.owned_by(person.pk), pk=pk)
    services.revoke_token(token, by=person)
    messages.success(
        request,
        _("The token “%(name)s” has been revoked. It no longer works.") % {"name": token.name},
    )
    return redirect("api:tokens")
