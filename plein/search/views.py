"""The search page (/search/?q=…) and the header box's suggestions (htmx)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from plein.community.models import Group
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required
from plein.search import services
from plein.search.forms import SearchForm


def _filter_groups(viewer: Person, asked: str | None) -> list[Group]:
    """The viewer's own groups, and the one in the URL if the viewer may know it exists."""
    groups = Group.objects.visible_to(viewer)
    chosen = groups.joined_by(viewer)
    if asked and asked.isdigit():
        chosen = chosen | groups.filter(pk=int(asked))
    return list(chosen.distinct().order_by("name", "pk"))


@require_GET
@permission_required(Perm.VIEW_INTERNAL)
def search(request: HttpRequest) -> HttpResponse:
    viewer = request.user
    assert isinstance(viewer, Person)
    form = SearchForm(request.GET or None, groups=_filter_groups(viewer, request.GET.get("group")))
    results = None
    person = None
    if form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            person = Person.objects.visible_to(viewer).filter(pk=data["person"]).first()
        if data["q"].strip():
            results = services.search(
                viewer,
                data["q"],
                kinds=form.kinds(),
                group_id=data["group"],
                author_id=person.pk if person else (-1 if data["person"] else None),
                since=form.since(),
                page=data["page"] or 1,
            )
    filtered = (
        form.is_bound
        and form.is_valid()
        and any(form.cleaned_data[name] for name in ("kind", "group", "period", "person"))
    )
    query = request.GET.copy()
    query.pop("page", None)
    without_person = query.copy()
    without_person.pop("person", None)
    context = {
        "form": form,
        "results": results,
        "person": person,
        "filtered": filtered,
        "base_query": query.urlencode(),
        "without_person_query": without_person.urlencode(),
    }
    template = "search/search.html"
    if request.htmx and request.htmx.target == "search-results":  # type: ignore[attr-defined]
        template = "search/search.html#results"
    return render(request, template, context)


@require_GET
@permission_required(Perm.VIEW_INTERNAL)
def suggest(request: HttpRequest) -> HttpResponse:
    """The header box's suggestions: a fragment of links (people, groups, topics, top hits)."""
    viewer = request.user
    assert isinstance(viewer, Person)
    query = request.GET.get("q", "")[:200]
    suggestions = services.autocomplete(viewer, query)
    return render(
        request, "search/_suggestions.html", {"suggestions": suggestions, "q": query.strip()}
    )
