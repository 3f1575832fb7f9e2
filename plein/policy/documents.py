"""The social media policy document: drafts, publishing, attachments, acknowledgements, and
what follows from them (the prompt on the next visit, posting blocked after the grace period,
the report per department).

Publishing a version asks every member to read and accept it: the prompt comes from the
session (`plein.policy.middleware`), so pages pay no query for it. After
`PLEIN_POLICY_GRACE_DAYS` (counted from the publication, or from a person's first day when that
is later) a person who has not accepted it cannot post until they do.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.permissions import Perm, require
from plein.policy.models import PolicyAcknowledgement, PolicyAttachment, PolicyVersion
from plein.policy.models.documents import SECTIONS

if TYPE_CHECKING:
    from plein.people.models import Person

TEXT_FIELDS = (
    "title_nl",
    "title_en",
    *(f"{section}_{language}" for section in SECTIONS for language in ("nl", "en")),
)


def grace_days() -> int:
    return max(int(getattr(settings, "PLEIN_POLICY_GRACE_DAYS", 14)), 0)


def attachment_max_bytes() -> int:
    return int(getattr(settings, "PLEIN_POLICY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


# --- Reading ---------------------------------------------------------------------------------


def current_version() -> PolicyVersion | None:
    return PolicyVersion.objects.current()


@dataclass(frozen=True)
class Pending:
    """The current version the person has not accepted yet, and from when posting waits."""

    number: int
    deadline: datetime.datetime


def pending_for(person: "Person") -> Pending | None:
    """One query."""
    if not getattr(person, "pk", None):
        return None
    row = _current_with_acknowledgement(person)
    if row is None or row["acknowledged"]:
        return None
    return Pending(int(row["number"]), _deadline(person, row["published_at"]))


def pending_version_number(person: "Person") -> int | None:
    pending = pending_for(person)
    return pending.number if pending is not None else None


def _deadline(person: "Person", published_at: datetime.datetime) -> datetime.datetime:
    start = max(published_at, getattr(person, "date_joined", None) or published_at)
    return start + datetime.timedelta(days=grace_days())


def _current_with_acknowledgement(person: "Person") -> dict[str, Any] | None:
    accepted = PolicyAcknowledgement.objects.filter(version=OuterRef("pk"), person=person)
    row = (
        PolicyVersion.objects.published()
        .annotate(acknowledged=Exists(accepted))
        .values("number", "published_at", "acknowledged")
        .first()
    )
    return dict(row) if row is not None else None


def posting_blocked_reason(person: "Person") -> str | None:
    """Why the person may not post now (the grace period to accept the current policy is over),
    or None. One indexed query at most."""
    if not getattr(person, "pk", None):
        return None
    row = _current_with_acknowledgement(person)
    if row is None or row["acknowledged"]:
        return None
    if timezone.now() < _deadline(person, row["published_at"]):
        return None
    return _(
        "Read and accept the new social media policy first: after that you can post again. "
        "You find it under “Social media policy” at the bottom of every page."
    )


def acknowledgement_of(person: "Person", version: PolicyVersion) -> PolicyAcknowledgement | None:
    return PolicyAcknowledgement.objects.filter(person=person, version=version).first()


# --- Writing ---------------------------------------------------------------------------------


def _copy_fields(source: PolicyVersion | None) -> dict[str, Any]:
    if source is None:
        return {}
    return {name: getattr(source, name) for name in (*TEXT_FIELDS, "video_url")}


@transaction.atomic
def start_draft(by: "Person") -> PolicyVersion:
    """The draft to edit: the existing one, or a new one copied from the current version."""
    require(by, Perm.MANAGE_POLICY)
    draft = PolicyVersion.objects.filter(status=PolicyVersion.Status.DRAFT).first()
    if draft is not None:
        return draft
    last = PolicyVersion.objects.aggregate(last=Max("number"))["last"] or 0
    fields = _copy_fields(current_version()) or {
        "title_nl": "Social media policy",
        "title_en": "Social media policy",
    }
    fields.setdefault("introduction_nl", "")
    source = current_version()
    draft = PolicyVersion.objects.create(number=last + 1, created_by=by, **fields)
    if source is not None:
        # The same files: a draft's removal only removes the file when no version uses it.
        PolicyAttachment.objects.bulk_create(
            PolicyAttachment(version=draft, title=item.title, file=item.file.name, size=item.size)
            for item in source.attachments.all()
        )
    return draft


def _clean_video(url: str) -> str:
    url = url.strip()
    if url and not url.lower().startswith("https://"):
        raise ValidationError({"video_url": _("Give a link that starts with https://.")})
    return url


@transaction.atomic
def update_draft(by: "Person", draft: PolicyVersion, **fields: str) -> PolicyVersion:
    require(by, Perm.MANAGE_POLICY)
    draft = PolicyVersion.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_draft:
        raise ValidationError(_("A published version cannot be changed: start a new version."))
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(draft, name, (fields[name] or "").strip())
    if "video_url" in fields:
        draft.video_url = _clean_video(fields["video_url"])
    draft.updated_at = timezone.now()
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def publish(by: "Person", draft: PolicyVersion) -> PolicyVersion:
    require(by, Perm.MANAGE_POLICY)
    draft = PolicyVersion.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_draft:
        raise ValidationError(_("This version has been published already."))
    missing = [name for name in ("title_nl", "introduction_nl") if not getattr(draft, name)]
    if missing:
        raise ValidationError(_("Give at least the Dutch title and introduction first."))
    draft.status = PolicyVersion.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = by
    draft.save(update_fields=["status", "published_at", "published_by"])
    return draft


def _is_pdf(upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0) if upload.size else 0)
    tail = upload.read()
    upload.seek(0)
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


@transaction.atomic
def add_attachment(
    by: "Person", draft: PolicyVersion, *, title: str, upload: UploadedFile
) -> PolicyAttachment:
    require(by, Perm.MANAGE_POLICY)
    draft = PolicyVersion.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_draft:
        raise ValidationError(_("Attachments can only be added to a draft."))
    limit = attachment_max_bytes()
    if not upload.size or upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file can be at most %(size)d MB.")
                % {"size": max(limit // (1024 * 1024), 1)}
            }
        )
    if not _is_pdf(upload):
        raise ValidationError({"file": _("This file is not a PDF. Only PDF files can be added.")})
    title = title.strip() or (upload.name or "").rsplit(".", 1)[0][:200]
    attachment = PolicyAttachment(version=draft, title=title, size=upload.size)
    attachment.file.save("attachment.pdf", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(by: "Person", attachment: PolicyAttachment) -> None:
    require(by, Perm.MANAGE_POLICY)
    version = PolicyVersion.objects.select_for_update().get(pk=attachment.version_id)
    if not version.is_draft:
        raise ValidationError(_("Attachments of a published version stay."))
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    if stored and not PolicyAttachment.objects.filter(file=stored).exists():
        transaction.on_commit(lambda: storage.delete(stored))


def acknowledge(person: "Person", version: PolicyVersion) -> PolicyAcknowledgement:
    """Record that the person read and accepted the version; once (a second call returns the
    first record)."""
    require(person, Perm.VIEW_INTERNAL)
    if version.is_draft:
        raise ValidationError(_("A draft cannot be accepted."))
    existing = acknowledgement_of(person, version)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PolicyAcknowledgement.objects.create(person=person, version=version)
    except IntegrityError:
        # A double click: the other request recorded it.
        return PolicyAcknowledgement.objects.get(person=person, version=version)


# --- The report --------------------------------------------------------------------------------


@dataclass
class DepartmentRate:
    name: str
    members: int
    acknowledged: int

    @property
    def percentage(self) -> int:
        return round(100 * self.acknowledged / self.members) if self.members else 0


def rates_per_department(version: PolicyVersion) -> tuple[list[DepartmentRate], DepartmentRate]:
    """Members and how many accepted the version, per department (one query), and the total."""
    from plein.people.models import Person

    accepted = PolicyAcknowledgement.objects.filter(version=version, person=OuterRef("pk"))
    rows = (
        Person.objects.members()
        .annotate(accepted=Exists(accepted))
        .values("department__name")
        .annotate(members=Count("pk"), acknowledged=Count("pk", filter=Q(accepted=True)))
        .order_by("department__name")
    )
    rates = [
        DepartmentRate(
            row["department__name"] or _("No department"), row["members"], row["acknowledged"]
        )
        for row in rows
    ]
    total = DepartmentRate(
        _("Everyone"), sum(r.members for r in rates), sum(r.acknowledged for r in rates)
    )
    return rates, total


def not_acknowledged(version: PolicyVersion) -> Any:
    from plein.people.models import Person

    accepted = PolicyAcknowledgement.objects.filter(version=version, person=OuterRef("pk"))
    return (
        Person.objects.members()
        .filter(~Exists(accepted))
        .select_related("department")
        .order_by("last_name", "first_name", "pk")
    )
