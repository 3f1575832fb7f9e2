"""The audit log of privileged access: who opened whose data, when and why."""

from django.core.exceptions import PermissionDenied

from plein.people.models import Person
from plein.people.permissions import Perm, can
from plein.privacy.models import AuditEntry


def record_access(
    actor: Person | None,
    action: str,
    *,
    target: str,
    target_label: str = "",
    subject: Person | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry. Call it in the same transaction as the access it records."""
    if action not in AuditEntry.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        subject=subject,
        target=target[:200],
        target_label=target_label[:200],
        reason=reason[:500],
    )


def audit_log(viewer: Person, *, before_id: int | None = None, limit: int = 50) -> list[AuditEntry]:
    """Newest first, keyset by id; for those who handle privacy requests."""
    if not can(viewer, Perm.HANDLE_PRIVACY_REQUESTS):
        raise PermissionDenied
    entries = AuditEntry.objects.select_related("actor", "subject").order_by("-id")
    if before_id is not None:
        entries = entries.filter(id__lt=before_id)
    return list(entries[:limit])


def entries_about(person: Person) -> list[AuditEntry]:
    """What privileged access to this person's data was recorded (shown to them, exported)."""
    return list(
        AuditEntry.objects.filter(subject=person).select_related("actor").order_by("-id")[:200]
    )
