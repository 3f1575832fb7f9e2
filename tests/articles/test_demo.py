"""The demo's articles, leaders' corner and rounds of "ask the board"."""

import pytest
from django.urls import reverse

from plein.articles.demo import load_demo as load_articles_demo
from plein.articles.models import Article, BoardQuestion, BoardRound, shown_asker
from plein.articles.services import board
from plein.community.demo import load_community_demo
from plein.community.models import Post
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person
from plein.people.permissions import Perm, can

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> str:
    load_people_demo(size="small", reset=True)
    load_community_demo()
    return load_articles_demo()


def demo_person(mailbox: str) -> Person:
    return Person.objects.get(email=f"{mailbox}@demo.plein.nl")


def test_the_demo_has_articles_with_a_cover_an_image_and_a_leaders_blog(demo):
    published = Article.objects.published()
    assert published.count() >= 6
    assert published.filter(cover__gt="").exists()
    assert published.filter(images__isnull=False).exists()
    assert published.filter(group__isnull=False).exists()
    bloggers = set(published.filter(leaders_blog=True).values_list("author__job_title", flat=True))
    assert {"Algemeen directeur", "Regiomanager Service Midden"} <= bloggers
    assert all(
        can(article.author, Perm.WRITE_LEADERS_BLOG)
        for article in published.filter(leaders_blog=True)
    )
    assert Article.objects.filter(state=Article.State.DRAFT).exists()
    assert Article.objects.filter(state=Article.State.SCHEDULED).exists()
    assert all(
        post.kind == Post.Kind.ARTICLE for post in Post.objects.filter(article__isnull=False)
    )


def _rounds_have_voted_answered_open_and_anonymous_questions() -> None:
    assert BoardRound.objects.count() >= 3
    current = board.current_round()
    assert BoardQuestion.objects.filter(round=current).exists()
    assert BoardQuestion.objects.filter(round=current, state="open").exists()
    assert BoardQuestion.objects.filter(state="answered").count() >= 5
    assert BoardQuestion.objects.filter(vote_count__gte=10).exists()
    anonymous = BoardQuestion.objects.filter(anonymous=True)
    assert anonymous.exists()
    sanne = demo_person("medewerker")
    for question in anonymous:
        assert shown_asker(question, sanne) is None or question.asker == sanne
    assert BoardQuestion.objects.filter(asker=sanne, round=current).exists()


def test_the_demo_has_rounds_that_open_and_load_once(demo, client):
    _rounds_have_voted_answered_open_and_anonymous_questions()
    counts = (Article.objects.count(), BoardQuestion.objects.count())
    load_articles_demo()
    assert (Article.objects.count(), BoardQuestion.objects.count()) == counts
    client.force_login(demo_person("medewerker"))
    for url in (
        reverse("articles:index"),
        reverse("articles:leaders"),
        reverse("articles:board"),
        reverse("articles:board_archive"),
        reverse("community:home"),
    ):
        assert client.get(url).status_code == 200, url
    for article in Article.objects.published()[:3]:
        assert client.get(reverse("articles:detail", args=[article.pk])).status_code in (200, 404)
