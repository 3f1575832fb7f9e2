"""What the community's events mean for articles (subscribed in ArticlesConfig.ready).

Handlers run inside the community service's transaction, so the search index changes with the
post: an article whose post is removed disappears from search at once.
"""

from plein.articles.models import Article
from plein.articles.services import indexing
from plein.community.events import PostMoved, PostRemoved
from plein.community.models import Post


def on_post_removed(event: PostRemoved) -> None:
    if event.post.kind != Post.Kind.ARTICLE:
        return
    for article_id in Article.objects.filter(post=event.post).values_list("pk", flat=True):
        indexing.unindex_article(article_id)


def on_post_moved(event: PostMoved) -> None:
    """The article follows its post into another group (or to everyone)."""
    if event.post.kind != Post.Kind.ARTICLE:
        return
    Article.objects.filter(post=event.post).update(group=event.post.group)
    for article in Article.objects.filter(post=event.post).select_related("post"):
        indexing.index_article(article)
