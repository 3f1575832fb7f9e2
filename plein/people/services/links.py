import hashlib
import hmac

from django.conf import settings
from django.urls import reverse

from plein.people.models import Invitation


def invitation_token(invitation: Invitation) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"invitation:{invitation.public_id}".encode(), hashlib.sha256
    ).hexdigest()


def invitation_url(invitation: Invitation) -> str:
    path = reverse(
        "people:accept_invitation",
        kwargs={"public_id": invitation.public_id, "token": invitation_token(invitation)},
    )
    return f"{settings.BASE_URL}{path}"
