from django.http import HttpRequest, HttpResponse

from plein.people.permissions import Perm, permission_required


@permission_required(Perm.VIEW_INTERNAL)
def _pending(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Placeholder while the community UI is being built; replaced by the real views."""
    return HttpResponse(status=501)


index = create = by_id = detail = members = join = leave = decide_request = invite = _pending
manage_member = settings = cover = _pending
