"""Retention: what Plein deletes on its own, and after how long (settings PLEIN_RETENTION_*).

Each step deletes rows older than its period in batches and returns how many went; running it
twice deletes nothing more. Expired sessions are cleared by people.clear_expired_sessions,
exports by `exports.expire_exports`.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from plein.articles.models import BoardQuestion
from plein.community.models import Attachment, Comment, Post
from plein.notifications.models import Notification
from plein.privacy.models import AuditEntry
from plein.questions.models import Answer
from plein.search import services as search

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class RetentionPeriods:
    deleted_content_days: int
    notification_days: int
    sign_in_days: int
    audit_days: int
    export_days: int
    session_days: int


def periods() -> RetentionPeriods:
    return RetentionPeriods(
        deleted_content_days=settings.PLEIN_RETENTION_DELETED_CONTENT_DAYS,
        notification_days=settings.PLEIN_RETENTION_NOTIFICATION_DAYS,
        sign_in_days=settings.PLEIN_RETENTION_SIGN_IN_DAYS,
        audit_days=settings.PLEIN_RETENTION_AUDIT_DAYS,
        export_days=settings.PLEIN_EXPORT_RETENTION_DAYS,
        session_days=settings.SESSION_COOKIE_AGE // (24 * 3600),
    )


def _before(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def purge_deleted_content() -> int:
    """Posts, comments, answers and board questions deleted or removed longer ago than the
    period are deleted for good, with their files."""
    cutoff = _before(settings.PLEIN_RETENTION_DELETED_CONTENT_DAYS)
    purged = 0
    while True:
        ids = list(Post.objects.filter(deleted_at__lt=cutoff).values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        files: list[str] = []
        for attachment in Attachment.objects.filter(post_id__in=ids):
            files.append(str(attachment.file.name))
            if attachment.thumbnail:
                files.append(str(attachment.thumbnail.name))
        with transaction.atomic():
            for post_id in ids:
                search.remove_for_post(post_id)
            Post.objects.filter(pk__in=ids).delete()
            transaction.on_commit(partial(_delete_files, files))
        purged += len(ids)
    for model in (Comment, Answer):
        while True:
            ids = list(
                model.objects.filter(deleted_at__lt=cutoff).values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                break
            with transaction.atomic():
                for pk in ids:
                    search.remove(model.__name__.lower(), pk)
                model.objects.filter(pk__in=ids).delete()
            purged += len(ids)
    removed = BoardQuestion.objects.filter(state=BoardQuestion.State.REMOVED, removed_at__lt=cutoff)
    for question_id in list(removed.values_list("pk", flat=True)):
        with transaction.atomic():
            search.remove("board_question", question_id)
            BoardQuestion.objects.filter(pk=question_id).delete()
        purged += 1
    return purged


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("retention: a file could not be deleted", extra={"file": name})


def _delete_in_batches(queryset: QuerySet[Any], batch: int = BATCH) -> int:
    deleted = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:batch])
        if not ids:
            return deleted
        deleted += queryset.model.objects.filter(pk__in=ids).delete()[0]


def purge_old_notifications() -> int:
    cutoff = _before(settings.PLEIN_RETENTION_NOTIFICATION_DAYS)
    return _delete_in_batches(Notification.objects.filter(updated_at__lt=cutoff))


def purge_sign_in_records() -> int:
    cutoff = _before(settings.PLEIN_RETENTION_SIGN_IN_DAYS)
    return _delete_in_batches(AccessLog.objects.filter(attempt_time__lt=cutoff)) + (
        _delete_in_batches(AccessAttempt.objects.filter(attempt_time__lt=cutoff))
    )


def purge_audit_entries() -> int:
    cutoff = _before(settings.PLEIN_RETENTION_AUDIT_DAYS)
    return _delete_in_batches(AuditEntry.objects.filter(at__lt=cutoff))


def apply_retention() -> dict[str, int]:
    done = {
        "deleted_content": purge_deleted_content(),
        "notifications": purge_old_notifications(),
        "sign_in_records": purge_sign_in_records(),
        "audit_entries": purge_audit_entries(),
    }
    logger.info("retention applied", extra=done)
    return done
