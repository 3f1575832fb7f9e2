"""The organisation's structure: the department tree and the locations."""

from django.core.files.base import ContentFile
from django.db import transaction

from plein.core.models import Organisation
from plein.people.models import Department, Location, Person
from plein.people.permissions import Perm, require


def _path_for(department: Department) -> str:
    parent_path = department.parent.path if department.parent_id and department.parent else "/"
    return f"{parent_path}{department.pk}/"


@transaction.atomic
def create_department(name: str, parent: Department | None = None, code: str = "") -> Department:
    department = Department.objects.create(name=name.strip(), parent=parent, code=code)
    department.path = _path_for(department)
    department.save(update_fields=["path"])
    return department


@transaction.atomic
def move_department(department: Department, new_parent: Department | None) -> Department:
    """Re-hang a department and its whole subtree under another parent."""
    if new_parent is not None and new_parent.path.startswith(department.path):
        raise ValueError("A department cannot be moved under itself.")
    old_path = department.path
    department.parent = new_parent
    department.path = _path_for(department)
    department.save(update_fields=["parent", "path"])
    for descendant in Department.objects.filter(path__startswith=old_path).exclude(
        pk=department.pk
    ):
        descendant.path = department.path + descendant.path[len(old_path) :]
        descendant.save(update_fields=["path"])
    return department


def get_or_create_department_path(names: list[str]) -> Department:
    """Find or create a chain like ["Operations", "Service", "Team Noord"]; returns the leaf."""
    parent: Department | None = None
    for name in names:
        existing = Department.objects.filter(name__iexact=name.strip(), parent=parent).first()
        parent = existing or create_department(name, parent)
    assert parent is not None
    return parent


def get_or_create_location(name: str, **fields: str) -> Location:
    existing = Location.objects.filter(name__iexact=name.strip()).first()
    return existing or Location.objects.create(name=name.strip(), **fields)


def subtree(department: Department) -> list[int]:
    return list(
        Department.objects.filter(path__startswith=department.path).values_list("pk", flat=True)
    )


@transaction.atomic
def save_organisation(
    org: Organisation,
    *,
    by: Person,
    logo: ContentFile[bytes] | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """Name, brand colour and logo. The logo arrives already checked and re-encoded."""
    require(by, Perm.MANAGE_ORGANISATION)
    old_logo = org.logo.name if org.logo else ""
    if logo is not None:
        org.logo.save(logo.name or "logo.png", logo, save=False)
    elif remove_logo:
        org.logo = ""
    org.full_clean()
    org.save()
    if old_logo and (logo is not None or remove_logo):
        storage = org.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return org
