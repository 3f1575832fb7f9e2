from django.http import HttpRequest, HttpResponse

from plein.people.permissions import Perm, permission_required


@permission_required(Perm.VIEW_INTERNAL)
def _pending(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Placeholder while the community UI is being built; replaced by the real views."""
    return HttpResponse(status=501)


compose = preview = detail = edit = delete = pin = history = share = react = _pending
reactions = bookmark = comment = comment_permalink = delete_comment = react_comment = _pending
attachment = _pending
