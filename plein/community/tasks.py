from django.tasks import task

from plein.community.services import groups


@task()
def sync_people_groups_task() -> dict[str, int]:
    """Department and location groups follow the people data. Idempotent: a second run
    finds nothing to change."""
    return groups.sync_people_groups()
