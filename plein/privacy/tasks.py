from django.tasks import task

from plein.privacy.services import erasure, exports, retention


@task()
def build_export_task(export_id: int) -> bool:
    return exports.build_export(export_id)


@task()
def expire_exports_task() -> int:
    # Hourly: expired files go, and exports whose task was lost are handed out again.
    exports.rebuild_stalled_exports()
    return exports.expire_exports()


@task()
def apply_retention_task() -> dict[str, int]:
    return retention.apply_retention()


@task()
def erase_offboarded_task() -> int:
    return erasure.erase_due_offboarded()
