"""Invitations: the single-use link that lets a new person set a password and join."""

import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.models import Invitation, Person
from plein.people.permissions import Perm, require
from plein.people.services.links import invitation_token
from plein.people.tasks import send_invitation_email


class InvitationError(Exception):
    """The invitation link cannot be used; the message says why, in the person's language."""


def invite_person(person: Person, *, invited_by: Person | None) -> Invitation:
    """Send (or send again) an invitation. Earlier open invitations stop working."""
    if invited_by is not None:
        require(invited_by, Perm.INVITE_PEOPLE)
    if person.status not in (Person.Status.INVITED, Person.Status.ACTIVE):
        raise ValidationError(_("Only new or active people can be invited."))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(person=person, accepted_at=None, revoked_at=None).update(
            revoked_at=now
        )
        invitation = Invitation.objects.create(
            person=person,
            invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=settings.PLEIN_INVITATION_DAYS),
        )
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


def get_usable_invitation(public_id: str, token: str) -> Invitation:
    invitation = Invitation.objects.select_related("person").filter(public_id=public_id).first()
    if invitation is None or not hmac.compare_digest(invitation_token(invitation), token):
        raise InvitationError(_("This invitation link is not valid. Ask HR for a new one."))
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Sign in with your e-mail address.")
        )
    if invitation.revoked_at is not None:
        raise InvitationError(
            _("A newer invitation was sent for this account. Use the link in the latest e-mail.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("This invitation has expired. Ask HR or your manager to send a new one.")
        )
    if invitation.person.status not in (Person.Status.INVITED, Person.Status.ACTIVE):
        raise InvitationError(_("This account can no longer be activated."))
    return invitation


def accept_invitation(invitation: Invitation, password: str) -> Person:
    """Set the password and activate the account. Validates the password first, changes nothing
    when it is refused."""
    person = invitation.person
    validate_password(password, user=person)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise InvitationError(_("This invitation has already been used."))
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        person.set_password(password)
        person.status = Person.Status.ACTIVE
        person.save(update_fields=["password", "status"])
    return person
