"""Self-service data export: asked for on /privacy/, built by the worker, downloaded by its
owner until it expires.

Building is idempotent: the ZIP is written to a temporary name, and only the run that then finds
the export still unfinished (under a row lock) moves it into place, marks it ready and notifies;
any other run (a task handed out again after a worker died) throws its copy away, and a run
that finds the export ready or expired does nothing at all.
"""

import json
import logging
import os
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.people.permissions import Perm, can
from plein.privacy.models import AuditEntry, DataExport
from plein.privacy.registry import export_file_sources, export_sections
from plein.privacy.services.audit import record_access

logger = logging.getLogger(__name__)


def export_dir() -> Path:
    path = Path(settings.PLEIN_EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def request_export(person: Person, *, by: Person | None = None, reason: str = "") -> DataExport:
    """Ask for an export of `person`'s data. `by` is an administrator handling a data-subject
    request for someone else (recorded in the audit log, with the reason). An export already
    waiting is returned instead of a second one."""
    on_behalf = by is not None and by.pk != person.pk
    if on_behalf:
        if not can(by, Perm.HANDLE_PRIVACY_REQUESTS):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError(_("Say why you need this person's data (the request)."))
    if person.erased_at is not None:
        raise ValidationError(_("This person's data has been erased."))
    with transaction.atomic():
        # The person's row lock serialises two requests made at the same moment.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        waiting = DataExport.objects.pending().filter(person=person).first()
        if waiting is not None:
            return waiting
        export = DataExport.objects.create(
            person=person,
            requested_by=by if on_behalf else None,
            reason=reason.strip()[:500] if on_behalf else "",
        )
        if on_behalf:
            record_access(
                by,
                AuditEntry.Action.EXPORT_REQUESTED,
                target=f"export:{export.public_id}",
                subject=person,
                reason=export.reason,
            )

        def enqueue() -> None:
            from plein.privacy.tasks import build_export_task

            build_export_task.enqueue(export.pk)

        transaction.on_commit(enqueue)
    return export


def exports_of(person: Person) -> list[DataExport]:
    return list(DataExport.objects.filter(person=person).order_by("-requested_at")[:10])


def _write_zip(export: DataExport, target: Path) -> None:
    person = export.person
    with (
        translation.override(person.language),
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(
            "README.txt",
            _(
                "This archive holds the data Plein keeps about %(name)s, made on %(date)s.\n"
                "Each .json file is one part (profile, posts, comments, ...); the files folder "
                "holds your photo and the files you uploaded. Other people's posts and comments "
                "are not included: where your data refers to them you find a link.\n"
            )
            % {"name": person.full_name, "date": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        )
        for name, section in export_sections().items():
            data = section(person)
            archive.writestr(
                f"{name}.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
        for source in export_file_sources().values():
            for path, field_file in source(person):
                try:
                    with field_file.open("rb") as handle:
                        archive.writestr(path, handle.read())
                except (FileNotFoundError, OSError):
                    logger.warning("export: a stored file is missing", extra={"file": path})


def build_export(export_id: int) -> bool:
    """The worker's side. Returns True when this run made the export ready."""
    export = DataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or not export.is_pending:
        return False
    DataExport.objects.filter(pk=export.pk, state=DataExport.State.REQUESTED).update(
        state=DataExport.State.BUILDING, started_at=timezone.now()
    )
    directory = export_dir()
    final_name = f"{export.public_id}.zip"
    temporary = directory / f".{export.public_id}-{uuid.uuid4().hex}.part"
    try:
        _write_zip(export, temporary)
    except Exception:
        temporary.unlink(missing_ok=True)
        DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.FAILED)
        raise
    with transaction.atomic():
        fresh = DataExport.objects.select_for_update().filter(pk=export.pk).first()
        if fresh is None or not fresh.is_pending:
            temporary.unlink(missing_ok=True)
            return False
        os.replace(temporary, directory / final_name)
        now = timezone.now()
        fresh.state = DataExport.State.READY
        fresh.ready_at = now
        fresh.expires_at = DataExport.expiry_from(now)
        fresh.file_name = final_name
        fresh.size = (directory / final_name).stat().st_size
        fresh.save(update_fields=["state", "ready_at", "expires_at", "file_name", "size"])
        _tell_ready(fresh)
    logger.info("data export ready", extra={"export_id": fresh.pk, "bytes": fresh.size})
    return True


def _tell_ready(export: DataExport) -> None:
    recipient = export.requested_by or export.person
    with translation.override(recipient.language):
        title = _("Download it before %(date)s.") % {
            "date": timezone.localtime(export.expires_at).strftime("%d-%m-%Y")
        }
    notify(
        [recipient],
        kind=Kind.DATA_EXPORT,
        actor=None,
        url=reverse("privacy:home") + "#exports",
        title=title,
    )


def export_for_download(viewer: Person, public_id: uuid.UUID, *, reason: str = "") -> Path:
    """The ZIP's path for its owner, or for the administrator who asked for it on a
    data-subject request (recorded in the audit log). Anyone else, and an expired export: 404."""
    export = DataExport.objects.select_related("person").filter(public_id=public_id).first()
    if export is None or not export.is_downloadable:
        raise Http404
    if export.person_id != viewer.pk:
        if export.requested_by_id != viewer.pk or not can(viewer, Perm.HANDLE_PRIVACY_REQUESTS):
            raise Http404
        record_access(
            viewer,
            AuditEntry.Action.EXPORT_DOWNLOADED,
            target=f"export:{export.public_id}",
            subject=export.person,
            reason=reason or export.reason,
        )
    path = export_dir() / export.file_name
    if not path.is_file():
        raise Http404
    return path


STALLED_AFTER = timedelta(hours=1)


def rebuild_stalled_exports() -> int:
    """Exports still waiting an hour after they were asked for (their task was lost): hand
    them to the worker again. Building is idempotent, so a duplicate is harmless."""
    from plein.privacy.tasks import build_export_task

    stalled = DataExport.objects.pending().filter(requested_at__lt=timezone.now() - STALLED_AFTER)
    ids = list(stalled.values_list("pk", flat=True)[:100])
    for export_id in ids:
        build_export_task.enqueue(export_id)
    return len(ids)


def expire_exports() -> int:
    """Delete the files of exports past their date and of failed ones. Safe to run twice."""
    now = timezone.now()
    done = 0
    due = DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now)
    for export in due.iterator():
        if export.file_name:
            (export_dir() / export.file_name).unlink(missing_ok=True)
        done += DataExport.objects.filter(pk=export.pk, state=DataExport.State.READY).update(
            state=DataExport.State.EXPIRED, file_name=""
        )
    # Half-written files of runs that died mid-way.
    stale = now.timestamp() - 24 * 3600
    for part in export_dir().glob(".*.part"):
        if part.stat().st_mtime < stale:
            part.unlink(missing_ok=True)
    return done


def delete_exports_of(person: Person) -> None:
    """Erasure: every export of the person goes, files after the transaction commits."""
    names = [
        n for n in DataExport.objects.filter(person=person).values_list("file_name", flat=True) if n
    ]
    DataExport.objects.filter(person=person).delete()

    def unlink() -> None:
        for name in names:
            (export_dir() / name).unlink(missing_ok=True)

    transaction.on_commit(unlink)
