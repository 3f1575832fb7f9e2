from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from plein.community.models import Group
from plein.people.permissions import Perm, permission_required


@permission_required(Perm.VIEW_INTERNAL)
def group_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    return redirect("community:group", slug=group.slug)


@permission_required(Perm.VIEW_INTERNAL)
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(slug)
