from django.http import HttpRequest

from plein.people.permissions import permissions_of


def access(request: HttpRequest) -> dict[str, object]:
    """`plein_perms`: what the signed-in person may do, for showing only the actions they have."""
    return {"plein_perms": {perm.value for perm in permissions_of(request.user)}}
