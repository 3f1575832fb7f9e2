from django.http import HttpRequest, HttpResponse

from plein.people.permissions import Perm, permission_required


@permission_required(Perm.VIEW_INTERNAL)
def _pending(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Placeholder while the community UI is being built; replaced by the real views."""
    return HttpResponse(status=501)


home = new_count = topic = follow_topic = person = follow_person = bookmarks = _pending
autocomplete_mentions = autocomplete_topics = _pending
