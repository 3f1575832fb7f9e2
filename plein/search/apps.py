from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "plein.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from plein.search import indexing

        indexing.connect()
