"""Personal API tokens: create, revoke, and authenticate a request's bearer token."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.api.models import ApiToken
from plein.people.models import Person
from plein.people.permissions import Perm, can, require

TOKEN_PREFIX = "plein_"  # noqa: S105 (a public marker, not a secret)
SECRET_BYTES = 32
DISPLAY_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
MAX_ACTIVE_TOKENS = 25
NAME_MAX_LENGTH = 100
# last_used_at is written at most this often per token.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@dataclass
class NewToken:
    token: ApiToken
    # The secret itself: shown to its owner once, never stored.
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    person: Person, name: str, *, expires_at: datetime.datetime | None = None
) -> NewToken:
    require(person, Perm.VIEW_INTERNAL)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the token a name, so you know later what it is for."))
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Use a name of at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("Choose an expiry date in the future."))
    if ApiToken.objects.active().filter(person=person).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(max)d active tokens. Revoke one you no longer use first.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        person=person,
        name=name,
        prefix=secret[:DISPLAY_PREFIX_LENGTH],
        token_hash=hash_secret(secret),
        expires_at=expires_at,
    )
    return NewToken(token=token, secret=secret)


def revoke_token(token: ApiToken, *, by: Person) -> ApiToken:
    """Only the owner revokes a token; it stops working at once. Revoking twice is harmless."""
    if token.person_id != by.pk:
        raise PermissionDenied(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=token.revoked_at
        )
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The token for this secret if it may be used right now: not revoked, not expired, and its
    owner still a member of the community (checked on every request, so deactivating or
    offboarding someone stops their tokens at once)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("person")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None or not can(token.person, Perm.VIEW_INTERNAL):
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_PRECISION:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
