"""Consent records: what a person agreed to, in the words they were shown, until they withdraw.

Other apps call `record_consent` when someone agrees and `withdraw_consent` when they stop;
`consent_in_force` answers "may we?". The careers app keeps its own story consents (see
`sections.consents` and the /privacy/ page, which lists them); candidates' consents will use this.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.models import Person
from plein.privacy.models import Consent


def record_consent(
    *,
    purpose: str,
    text: str,
    version: str = "",
    person: Person | None = None,
    email: str = "",
) -> Consent:
    """Record a consent given now. Giving the same consent again while it is in force returns
    the existing record (its text and date are what was agreed first)."""
    if person is None and not email.strip():
        raise ValidationError(_("A consent needs a person or an e-mail address."))
    if not purpose.strip() or not text.strip():
        raise ValidationError(_("A consent needs its purpose and the text that was shown."))
    if person is not None:
        existing = Consent.objects.in_force().filter(person=person, purpose=purpose).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return Consent.objects.create(
                person=person,
                email=email.strip().lower(),
                purpose=purpose.strip()[:80],
                text=text.strip(),
                version=version[:40],
            )
    except IntegrityError:
        # Given twice at the same moment: the first record stands.
        return Consent.objects.in_force().get(person=person, purpose=purpose)


def withdraw_consent(consent: Consent, *, by: Person) -> Consent:
    """Only the person themselves withdraws their consent. Withdrawing twice changes nothing."""
    if consent.person_id != by.pk:
        raise PermissionDenied
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=consent.withdrawn_at
        )
    return consent


def consent_in_force(person: Person, purpose: str) -> bool:
    return Consent.objects.in_force().filter(person=person, purpose=purpose).exists()


def consents_of(person: Person) -> list[Consent]:
    return list(Consent.objects.filter(person=person).order_by("-given_at"))
