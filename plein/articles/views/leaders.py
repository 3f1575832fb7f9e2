"""The leaders' corner: the blogs of managers, directors and culture carriers, each leader's own
blog page, and the current "ask the board" round at a glance (seed 002: a blog with the
management, written by the leaders themselves, and a weekly chance to put questions to them)."""

from typing import cast

from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from plein.articles.models import Article, BoardQuestion
from plein.articles.services import board as board_services
from plein.articles.views.board import question_items
from plein.articles.views.common import before_cursor, more_url
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

LATEST = 6
MAX_BLOGGERS = 48
TOP_QUESTIONS = 3
RECENT_ANSWERS = 3
PAGE_SIZE = 20


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


@permission_required(Perm.VIEW_INTERNAL)
def corner(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    blog = Article.objects.visible_to(viewer).filter(leaders_blog=True)
    latest = list(blog.for_display().order_by("-post_id")[:LATEST])
    bloggers = list(
        blog.order_by()
        .values("author_id")
        .annotate(count=Count("pk"), newest=Max("post_id"))
        .order_by("-newest")[:MAX_BLOGGERS]
    )
    people = Person.objects.select_related("department").in_bulk(
        [row["author_id"] for row in bloggers]
    )
    leaders = [
        (people[row["author_id"]], row["count"]) for row in bloggers if row["author_id"] in people
    ]
    board_round = board_services.current_round()
    in_round = BoardQuestion.objects.visible_to(viewer).filter(round=board_round)
    counts = in_round.aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(state=BoardQuestion.State.ANSWERED))
    )
    top = list(in_round.for_display().with_my_vote(viewer).by_votes()[:TOP_QUESTIONS])
    recent = list(
        BoardQuestion.objects.visible_to(viewer)
        .filter(state=BoardQuestion.State.ANSWERED)
        .exclude(round=board_round)  # this round's are above
        .for_display()
        .order_by("-answered_at", "-id")[:RECENT_ANSWERS]
    )
    return render(
        request,
        "articles/leaders.html",
        {
            "latest": latest,
            "leaders": leaders,
            "round": board_round,
            "counts": counts,
            "top": question_items(viewer, top, round_open=board_round.is_open(), with_forms=False),
            "recent": question_items(viewer, recent, round_open=False, with_forms=False),
            "may_blog": can(viewer, Perm.WRITE_LEADERS_BLOG),
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
def blog(request: HttpRequest, pk: int) -> HttpResponse:
    """One leader's blog: their leaders' corner articles, and their answers to the board's
    questions."""
    viewer = _viewer(request)
    person = Person.objects.visible_to(viewer).select_related("department").filter(pk=pk).first()
    if person is None:
        raise Http404
    articles = (
        Article.objects.visible_to(viewer).filter(leaders_blog=True, author=person).for_display()
    )
    before = before_cursor(request)
    if before:
        articles = articles.filter(post_id__lt=before)
    page = list(articles.order_by("-post_id")[: PAGE_SIZE + 1])
    next_cursor = page[PAGE_SIZE - 1].post_id if len(page) > PAGE_SIZE else None
    answers = list(
        BoardQuestion.objects.visible_to(viewer)
        .filter(state=BoardQuestion.State.ANSWERED, answered_by=person)
        .for_display()
        .order_by("-answered_at", "-id")[: RECENT_ANSWERS * 2]
    )
    return render(
        request,
        "articles/blog.html",
        {
            "person": person,
            "articles": page[:PAGE_SIZE],
            "more_url": more_url(request, next_cursor),
            "answers": question_items(viewer, answers, round_open=False, with_forms=False),
            "is_self": person.pk == viewer.pk,
            "is_later_page": before is not None,
        },
    )
