"""The retention jobs: each deletes what is older than its period, and nothing more when run
again."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessLog
from django.utils import timezone

from plein.community.models import Comment, Post
from plein.community.services import conversation, posts
from plein.core.worker import periodic_jobs
from plein.notifications.models import Kind, Notification
from plein.privacy.models import AuditEntry
from plein.privacy.services import retention
from plein.privacy.services.audit import record_access
from plein.search.models import Entry

pytestmark = pytest.mark.db_backend

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_deleted_posts_and_comments_are_purged_after_the_period(employee, manager, settings):
    settings.PLEIN_RETENTION_DELETED_CONTENT_DAYS = 30
    old = posts.publish_post(employee, "Oud bericht dat weg mag")
    recent = posts.publish_post(employee, "Net verwijderd bericht")
    kept = posts.publish_post(employee, "Gewoon een bericht")
    comment = conversation.add_comment(kept, manager, "Oude reactie")
    posts.delete_post(old, by=employee)
    posts.delete_post(recent, by=employee)
    conversation.delete_comment(comment, by=manager)
    Post.objects.filter(pk=old.pk).update(deleted_at=days_ago(31))
    Comment.objects.filter(pk=comment.pk).update(deleted_at=days_ago(31))

    assert retention.purge_deleted_content() == 2
    assert set(Post.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    assert not Comment.objects.exists()
    assert not Entry.objects.filter(post_id=old.pk).exists()
    assert retention.purge_deleted_content() == 0


def test_old_notifications_are_purged(employee, manager, settings):
    settings.PLEIN_RETENTION_NOTIFICATION_DAYS = 180
    old = Notification.objects.create(
        recipient=employee, kind=Kind.MENTION, url="/", updated_at=days_ago(181)
    )
    fresh = Notification.objects.create(recipient=employee, kind=Kind.MENTION, url="/")
    assert retention.purge_old_notifications() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert old.pk != fresh.pk
    assert retention.purge_old_notifications() == 0


def test_sign_in_records_are_purged(employee, settings):
    settings.PLEIN_RETENTION_SIGN_IN_DAYS = 180
    old = AccessLog.objects.create(username=employee.email)
    AccessLog.objects.create(username=employee.email)
    AccessAttempt.objects.create(username=employee.email, failures_since_start=2)
    # attempt_time is set on insert: age them afterwards.
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=days_ago(200))
    AccessAttempt.objects.update(attempt_time=days_ago(200))
    assert retention.purge_sign_in_records() == 2
    assert AccessLog.objects.count() == 1 and not AccessAttempt.objects.exists()
    assert retention.purge_sign_in_records() == 0


def test_audit_entries_are_purged_after_their_period(admin_person, employee, settings):
    settings.PLEIN_RETENTION_AUDIT_DAYS = 730
    old = record_access(admin_person, "export_downloaded", target="export:x", subject=employee)
    record_access(admin_person, "export_downloaded", target="export:y", subject=employee)
    AuditEntry.objects.filter(pk=old.pk).update(at=days_ago(731))
    assert retention.purge_audit_entries() == 1
    assert AuditEntry.objects.count() == 1
    assert retention.apply_retention()["audit_entries"] == 0


def test_the_jobs_are_scheduled_for_the_worker():
    tasks = {job.name: job.task_path for job in periodic_jobs()}
    assert tasks["privacy.apply_retention"] == "plein.privacy.tasks.apply_retention_task"
    assert tasks["privacy.expire_exports"] == "plein.privacy.tasks.expire_exports_task"
    assert tasks["privacy.erase_offboarded"] == "plein.privacy.tasks.erase_offboarded_task"
    assert "people.clear_expired_sessions" in tasks
