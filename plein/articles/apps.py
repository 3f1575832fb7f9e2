from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "plein.articles"
    label = "articles"
    verbose_name = _("Articles and the leaders’ corner")

    def ready(self) -> None:
        from plein.articles import cards, handlers
        from plein.articles.services import indexing
        from plein.community import events
        from plein.community.cards import register_card_kind
        from plein.community.models import Post
        from plein.core.events import subscribe

        register_card_kind(
            Post.Kind.ARTICLE,
            cards.article_cards,
            detail_url=cards.detail_url,
            edit_url=cards.edit_url,
        )
        subscribe(events.PostRemoved, handlers.on_post_removed)
        subscribe(events.PostMoved, handlers.on_post_moved)
        indexing.register_sources()
