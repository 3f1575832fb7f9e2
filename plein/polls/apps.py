from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "plein.polls"
    label = "polls"
    verbose_name = _("Polls")

    def ready(self) -> None:
        from plein.community.cards import register_card_kind
        from plein.community.models import Post
        from plein.polls import cards

        register_card_kind(Post.Kind.POLL, cards.extend_cards, detail_url=cards.detail_url)
