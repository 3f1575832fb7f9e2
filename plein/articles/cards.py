"""How an article shows in the community's feeds: its cover, title, intro, reading time and a
link to the whole article (registered in ArticlesConfig.ready). One query per page of posts."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.urls import reverse

from plein.articles.models import Article
from plein.community.cards import CardExtra
from plein.community.models import Post
from plein.people.models import Person


@dataclass(frozen=True)
class ArticleCard:
    article: Article
    url: str
    # The feed pages are the community's: the first article card of a page brings the
    # stylesheet along (a <link> in the body, as the notifications bell does).
    with_styles: bool = False


def article_cards(viewer: Person, posts: Sequence[Post]) -> Mapping[int, CardExtra]:
    # The posts are already visible to the viewer: their articles are readable.
    articles = Article.objects.filter(post_id__in=[post.pk for post in posts]).only(
        "pk",
        "post_id",
        "title",
        "word_count",
        "leaders_blog",
        "cover",
        "cover_thumbnail",
        "cover_alt",
        "cover_width",
        "cover_height",
    )
    by_post = {article.post_id: article for article in articles if article.post_id is not None}
    extras: dict[int, CardExtra] = {}
    for post in posts:
        article = by_post.get(post.pk)
        if article is None:
            continue
        url = reverse("articles:detail", args=[article.pk])
        extras[post.pk] = CardExtra(
            template="articles/_card.html",
            context=ArticleCard(article, url, with_styles=not extras),
            replaces_body=True,
        )
    return extras


def edit_url(post: Post) -> str:
    article_id = Article.objects.filter(post=post).values_list("pk", flat=True).first()
    if article_id is None:
        return reverse("articles:index")
    return reverse("articles:edit", args=[article_id])


def detail_url(post: Post) -> str:
    article_id = Article.objects.filter(post=post).values_list("pk", flat=True).first()
    if article_id is None:
        return reverse("articles:index")
    return reverse("articles:detail", args=[article_id])
