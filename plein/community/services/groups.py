"""Groups and memberships: create, join, request, approve, invite, leave, admins, visibility."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.community import events
from plein.community.models import Audience, Group, Membership, Post
from plein.core.events import emit
from plein.people.models import Department, Location, Person
from plein.people.permissions import Perm, can, require

STARTABLE_KINDS = (Group.Kind.PROJECT, Group.Kind.DISCIPLINE, Group.Kind.INTEREST)


def membership_of(group: Group, person: Person) -> Membership | None:
    return Membership.objects.filter(group=group, person=person).first()


def is_active_member(group: Group, person: Person) -> bool:
    return Membership.objects.filter(
        group=group, person=person, state=Membership.State.ACTIVE
    ).exists()


def is_group_admin(group: Group, person: Person) -> bool:
    if can(person, Perm.MODERATE):
        return True
    return Membership.objects.filter(
        group=group, person=person, state=Membership.State.ACTIVE, role=Membership.Role.ADMIN
    ).exists()


# Slugs that would collide with the group URLs themselves (/groups/new/, /groups/id/…).
RESERVED_SLUGS = {"new", "id"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "groep"
    if base in RESERVED_SLUGS:
        base = f"{base}-groep"
    slug, n = base, 1
    while Group.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_group(
    *,
    by: Person,
    name: str,
    kind: str = Group.Kind.INTEREST,
    visibility: str = Group.Visibility.OPEN,
    description: str = "",
) -> Group:
    """Anyone in the community may start a project, discipline or interest group; department
    and location groups come from the people data."""
    require(by, Perm.VIEW_INTERNAL)
    if visibility not in Group.Visibility.values:
        raise ValidationError({"visibility": _("Choose who can see the group.")})
    if kind not in STARTABLE_KINDS:
        raise ValidationError(_("Department and location groups are created from the people data."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    group = Group.objects.create(
        name=name[:120],
        slug=_unique_slug(name),
        kind=kind,
        visibility=visibility,
        description=description.strip()[:2000],
        created_by=by,
    )
    Membership.objects.create(group=group, person=by, role=Membership.Role.ADMIN)
    emit(events.GroupChanged(group))
    return group


def join(group: Group, person: Person) -> Membership:
    """Open: join at once. Closed: ask to join. Secret: only by invitation (accepting it)."""
    require(person, Perm.VIEW_INTERNAL)
    existing = membership_of(group, person)
    if existing and existing.state == Membership.State.ACTIVE:
        return existing
    if existing and existing.state == Membership.State.INVITED:
        existing.state = Membership.State.ACTIVE
        existing.save(update_fields=["state"])
        return existing
    if group.visibility == Group.Visibility.SECRET:
        raise PermissionDenied(_("This group is by invitation only."))
    state = (
        Membership.State.ACTIVE
        if group.visibility == Group.Visibility.OPEN
        else Membership.State.REQUESTED
    )
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, person=person, state=state)
    except IntegrityError:
        membership = membership_of(group, person)
        assert membership is not None
        return membership


def leave(group: Group, person: Person) -> None:
    membership = membership_of(group, person)
    if membership is None:
        return
    if membership.synced:
        raise ValidationError(_("You are in this group because of your department or location."))
    if (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(
            group=group, role=Membership.Role.ADMIN, state=Membership.State.ACTIVE
        )
        .exclude(pk=membership.pk)
        .exists()
        and group.memberships.exclude(pk=membership.pk).exists()
    ):
        raise ValidationError(_("Make someone else group admin before you leave."))
    membership.delete()


def _require_admin(group: Group, by: Person) -> None:
    if not is_group_admin(group, by):
        raise PermissionDenied(_("Only a group admin can do this."))


def approve(group: Group, person: Person, *, by: Person) -> Membership:
    _require_admin(group, by)
    membership = Membership.objects.get(
        group=group, person=person, state=Membership.State.REQUESTED
    )
    membership.state = Membership.State.ACTIVE
    membership.save(update_fields=["state"])
    return membership


def decline(group: Group, person: Person, *, by: Person) -> None:
    _require_admin(group, by)
    Membership.objects.filter(group=group, person=person, state=Membership.State.REQUESTED).delete()


def invite(group: Group, person: Person, *, by: Person) -> Membership:
    _require_admin(group, by)
    if not person.is_member:
        raise ValidationError(_("Only colleagues who use Plein can be invited."))
    membership, created = Membership.objects.get_or_create(
        group=group, person=person, defaults={"state": Membership.State.INVITED}
    )
    if not created and membership.state == Membership.State.REQUESTED:
        membership.state = Membership.State.ACTIVE
        membership.save(update_fields=["state"])
    elif created:
        emit(events.GroupInvitation(membership, by))
    return membership


def remove_member(group: Group, person: Person, *, by: Person) -> None:
    """Takes effect at once: the visibility rule reads memberships on every request."""
    _require_admin(group, by)
    Membership.objects.filter(group=group, person=person).delete()


def set_admin(group: Group, person: Person, *, admin: bool, by: Person) -> None:
    _require_admin(group, by)
    Membership.objects.filter(group=group, person=person, state=Membership.State.ACTIVE).update(
        role=Membership.Role.ADMIN if admin else Membership.Role.MEMBER
    )


@transaction.atomic
def change_visibility(group: Group, visibility: str, *, by: Person) -> Group:
    """The group's posts follow at once: their audience is the group's visibility."""
    _require_admin(group, by)
    group.visibility = visibility
    group.save(update_fields=["visibility"])
    Post.objects.filter(group=group).update(audience=visibility)
    emit(events.GroupChanged(group))
    return group


def audience_for(group: Group | None) -> str:
    return Audience.ORGANISATION if group is None else group.audience


def pending_requests(group: Group) -> list[Membership]:
    return list(
        Membership.objects.filter(group=group, state=Membership.State.REQUESTED)
        .select_related("person")
        .order_by("created_at")
    )


def sync_people_groups() -> dict[str, int]:
    """Department and location groups mirror the people data: one open group per department
    and location, with exactly its active people as synced members."""
    created = added = removed = 0
    for department in Department.objects.filter(community_group__isnull=True):
        Group.objects.create(
            name=department.name,
            slug=_unique_slug(f"afdeling {department.name}"),
            kind=Group.Kind.DEPARTMENT,
            department=department,
        )
        created += 1
    for location in Location.objects.filter(community_group__isnull=True):
        Group.objects.create(
            name=location.name,
            slug=_unique_slug(f"locatie {location.name}"),
            kind=Group.Kind.LOCATION,
            location=location,
        )
        created += 1
    people = Person.objects.members()
    for group in Group.objects.filter(Q(department__isnull=False) | Q(location__isnull=False)):
        if group.department is not None:
            wanted = set(
                people.filter(department__path__startswith=group.department.path).values_list(
                    "pk", flat=True
                )
            )
        else:
            wanted = set(people.filter(location=group.location).values_list("pk", flat=True))
        current = set(
            Membership.objects.filter(group=group, synced=True).values_list("person_id", flat=True)
        )
        manual = set(
            Membership.objects.filter(group=group, synced=False).values_list("person_id", flat=True)
        )
        to_add = wanted - current - manual
        Membership.objects.bulk_create(
            [Membership(group=group, person_id=pk, synced=True) for pk in to_add],
            ignore_conflicts=True,
        )
        Membership.objects.filter(group=group, synced=True, person_id__in=current - wanted).delete()
        added += len(to_add)
        removed += len(current - wanted)
    return {
        "created": created,
        "added": added,
        "removed": removed,
        "at": int(timezone.now().timestamp()),
    }
