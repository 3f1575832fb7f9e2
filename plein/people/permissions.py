"""The one place that says who may do what. Views, services, templates and the API ask here.

A permission is granted by a role. Employee and flexible worker have the same member rights:
a flexible worker is never a second-class member. An alumnus has none of the internal ones.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode

from plein.people.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plein.people.models import Person


class Perm(StrEnum):
    VIEW_INTERNAL = "view_internal"  # the community, the directory, profiles
    EDIT_OWN_PROFILE = "edit_own_profile"
    INVITE_PEOPLE = "invite_people"
    IMPORT_PEOPLE = "import_people"
    MANAGE_PEOPLE = "manage_people"  # offboard, deactivate, change contract data
    MANAGE_ROLES = "manage_roles"
    MANAGE_ORGANISATION = "manage_organisation"  # name, logo, brand colour, departments
    USE_ADMIN = "use_admin"
    MODERATE = "moderate"
    VIEW_TEAM = "view_team"
    WRITE_LEADERS_BLOG = "write_leaders_blog"  # a blog in the leaders' corner
    ANSWER_BOARD = "answer_board"  # answer "ask the board" questions on behalf of the board
    ANNOUNCE = "announce"  # announcements to the organisation, departments and locations
    VIEW_READ_RECEIPTS = "view_read_receipts"  # who has not read a must-read, by name
    # Data-subject requests on someone else's behalf (export, erasure) and the audit log.
    HANDLE_PRIVACY_REQUESTS = "handle_privacy_requests"
    MANAGE_POLICY = "manage_policy"  # posting rules, the social media policy and its report
    REFER_CANDIDATES = "refer_candidates"  # share tracked vacancy links, refer someone directly


_MEMBER = {Perm.VIEW_INTERNAL, Perm.EDIT_OWN_PROFILE, Perm.REFER_CANDIDATES}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.EMPLOYEE: frozenset(_MEMBER),
    Role.FLEXIBLE: frozenset(_MEMBER),
    Role.MANAGER: frozenset(
        {*_MEMBER, Perm.VIEW_TEAM, Perm.WRITE_LEADERS_BLOG, Perm.ANSWER_BOARD, Perm.ANNOUNCE}
    ),
    Role.COMMUNITY_MANAGER: frozenset(
        {
            *_MEMBER,
            Perm.MODERATE,
            Perm.INVITE_PEOPLE,
            Perm.ANNOUNCE,
            Perm.VIEW_READ_RECEIPTS,
            Perm.MANAGE_POLICY,
        }
    ),
    Role.HR: frozenset(
        {
            *_MEMBER,
            Perm.INVITE_PEOPLE,
            Perm.IMPORT_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.VIEW_TEAM,
            Perm.ANNOUNCE,
            Perm.VIEW_READ_RECEIPTS,
            Perm.MANAGE_POLICY,
        }
    ),
    Role.CULTURE_CARRIER: frozenset({*_MEMBER, Perm.WRITE_LEADERS_BLOG}),
    Role.ADMINISTRATOR: frozenset(
        {
            *_MEMBER,
            Perm.INVITE_PEOPLE,
            Perm.IMPORT_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.MANAGE_ROLES,
            Perm.MANAGE_ORGANISATION,
            Perm.USE_ADMIN,
            Perm.MODERATE,
            Perm.HANDLE_PRIVACY_REQUESTS,
        }
    ),
    Role.ALUMNUS: frozenset({Perm.EDIT_OWN_PROFILE, Perm.REFER_CANDIDATES}),
}


def permissions_of(person: "Person | AnonymousUser | None") -> frozenset[Perm]:
    if person is None or not person.is_authenticated or not person.is_active:
        return frozenset()
    if not (person.is_member or person.is_alumnus):
        return frozenset()
    granted: set[Perm] = set()
    for role in person.roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def can(person: "Person | AnonymousUser | None", perm: Perm) -> bool:
    return perm in permissions_of(person)


def require(person: "Person | AnonymousUser | None", perm: Perm) -> None:
    """For services: raise PermissionDenied unless the person holds the permission."""
    if not can(person, perm):
        raise PermissionDenied(perm.value)


def has_role(person: "Person | AnonymousUser | None", role: Role) -> bool:
    return person is not None and person.is_authenticated and role in getattr(person, "roles", ())


def is_administrator(person: "Person | AnonymousUser | None") -> bool:
    return has_role(person, Role.ADMINISTRATOR) and bool(person and person.is_active)


def permission_required(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """View decorator: sign-in first (redirect), then the permission (403)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                login_url = resolve_url(settings.LOGIN_URL)
                return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
            require(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
