from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "plein.questions"
    label = "questions"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from plein.community import events
        from plein.community.cards import register_card_kind
        from plein.community.models import Post
        from plein.core.events import subscribe
        from plein.questions import cards, handlers, indexing
        from plein.search.services import register_source

        register_card_kind(
            Post.Kind.QUESTION,
            cards.extend_cards,
            detail_url=cards.detail_url,
            edit_url=cards.edit_url,
        )
        subscribe(events.PostEdited, handlers.on_post_edited)
        register_source(indexing.QUESTION, indexing.all_question_documents)
        register_source(indexing.ANSWER, indexing.all_answer_documents)
