"""Alumni: people who left land in the "Alumni" community group (on the PersonOffboarded event,
and a daily sync for anyone who became an alumnus another way, e.g. an import)."""

from django.db import transaction
from django.utils.translation import gettext as _

from plein.community.models import Group, Membership
from plein.people.events import PersonOffboarded
from plein.people.models import Person

ALUMNI_SLUG = "alumni"


def alumni_group() -> Group:
    group, _created = Group.objects.get_or_create(
        slug=ALUMNI_SLUG,
        defaults={
            "name": _("Alumni"),
            "kind": Group.Kind.INTEREST,
            "visibility": Group.Visibility.CLOSED,
            "description": _("Former colleagues: they see our vacancies and can refer people."),
        },
    )
    return group


def add_to_alumni(person: Person) -> None:
    Membership.objects.get_or_create(group=alumni_group(), person=person, defaults={"synced": True})


def on_person_offboarded(event: PersonOffboarded) -> None:
    add_to_alumni(event.person)


@transaction.atomic
def sync_alumni_group() -> int:
    group = alumni_group()
    missing = Person.objects.filter(status=Person.Status.ALUMNUS).exclude(memberships__group=group)
    ids = list(missing.values_list("pk", flat=True))
    Membership.objects.bulk_create(
        [Membership(group=group, person_id=pk, synced=True) for pk in ids], ignore_conflicts=True
    )
    return len(ids)
