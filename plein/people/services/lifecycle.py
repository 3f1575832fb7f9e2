"""The lifecycle of a person after joining: offboard to alumnus, deactivate, end access, roles."""

import logging

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.events import emit
from plein.people.events import PersonOffboarded
from plein.people.models import Invitation, Person, PersonRole, Role, new_session_token
from plein.people.permissions import Perm, require

logger = logging.getLogger(__name__)


def end_all_sessions(person: Person) -> None:
    """Every session of this person stops working on its next request; the rows go too."""
    person.session_token = new_session_token()
    Person.objects.filter(pk=person.pk).update(session_token=person.session_token)
    _delete_session_rows(person)


def _delete_session_rows(person: Person) -> None:
    # Sessions store the user id inside the encoded data, so there is no index to ask; the
    # token change above already invalidates them, this only tidies up the recent ones.
    recent = Session.objects.filter(expire_date__gt=timezone.now())
    doomed = [
        session.session_key
        for session in recent.iterator(chunk_size=500)
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk)
    ]
    Session.objects.filter(session_key__in=doomed).delete()


def offboard_person(person: Person, *, by: Person | None) -> Person:
    """The person leaves: they become an alumnus, lose internal access and every session."""
    if by is not None:
        require(by, Perm.MANAGE_PEOPLE)
    if person.status == Person.Status.ALUMNUS:
        return person
    with transaction.atomic():
        person.status = Person.Status.ALUMNUS
        person.offboarded_at = timezone.now()
        if person.end_date is None or person.end_date > timezone.localdate():
            person.end_date = timezone.localdate()
        person.save(update_fields=["status", "offboarded_at", "end_date"])
        PersonRole.objects.filter(person=person).delete()
        Invitation.objects.filter(person=person, accepted_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        end_all_sessions(person)
        emit(PersonOffboarded(person))
    logger.info("person offboarded", extra={"person_id": person.pk})
    return person


def deactivate_person(person: Person, *, by: Person | None) -> Person:
    if by is not None:
        require(by, Perm.MANAGE_PEOPLE)
        if by.pk == person.pk:
            raise ValidationError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        person.status = Person.Status.DEACTIVATED
        person.save(update_fields=["status"])
        Invitation.objects.filter(person=person, accepted_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        end_all_sessions(person)
    logger.info("person deactivated", extra={"person_id": person.pk})
    return person


def reactivate_person(person: Person, *, by: Person | None) -> Person:
    if by is not None:
        require(by, Perm.MANAGE_PEOPLE)
    person.status = Person.Status.ACTIVE if person.has_usable_password() else Person.Status.INVITED
    person.save(update_fields=["status"])
    return person


def end_expired_flexible_access() -> int:
    """Deactivate flexible workers whose end date has passed. Returns how many."""
    today = timezone.localdate()
    expired = Person.objects.filter(
        status=Person.Status.ACTIVE,
        contract_type=Person.ContractType.FLEXIBLE,
        end_date__lt=today,
    )
    count = 0
    for person in expired.iterator():
        deactivate_person(person, by=None)
        count += 1
    return count


def grant_role(person: Person, role: Role, *, by: Person | None) -> None:
    if by is not None:
        require(by, Perm.MANAGE_ROLES)
    PersonRole.objects.get_or_create(person=person, role=role.value)


def revoke_role(person: Person, role: Role, *, by: Person | None) -> None:
    if by is not None:
        require(by, Perm.MANAGE_ROLES)
    PersonRole.objects.filter(person=person, role=role.value).delete()
