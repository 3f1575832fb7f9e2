from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "plein.announcements"
    label = "announcements"
    verbose_name = _("Announcements")

    def ready(self) -> None:
        from plein.announcements import cards
        from plein.community.cards import register_card_kind
        from plein.community.models import Post
        from plein.community.pinned import register_pinned_provider

        register_card_kind(Post.Kind.ANNOUNCEMENT, cards.extend_cards, detail_url=cards.detail_url)
        register_pinned_provider(cards.pinned_announcements)
