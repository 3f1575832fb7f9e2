"""Feeds for machines: RSS 2.0 and Atom of the open vacancies (per language), the job-board
XML feed and /sitemap.xml. All public and cacheable."""

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plein.careers.machine_readable import (
    SitemapEntry,
    absolute,
    job_board_xml,
    namespace,
    sitemap_xml,
    vacancy_path,
)
from plein.careers.models import Vacancy
from plein.careers.views.public import PUBLIC_MAX_AGE
from plein.core.models import Organisation

FEED_SIZE = 200  # far more than the open vacancies of one organisation


class VacancyFeed(Feed):
    """The open vacancies, newest first. One instance per language and format (see urls)."""

    feed_type: type[Rss201rev2Feed] | type[Atom1Feed] = Rss201rev2Feed

    def __init__(self, language: str, atom: bool = False) -> None:
        super().__init__()
        self.site_language = language
        self.language = language
        if atom:
            self.feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(self.site_language):
            response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Organisation:
        return Organisation.current()

    def title(self, obj: Organisation) -> str:
        return _("Vacancies at %(organisation)s") % {"organisation": obj.name}

    # Absolute from PLEIN_BASE_URL: Django would otherwise take the host from the request.
    def link(self, obj: Organisation) -> str:
        return absolute(reverse(f"{namespace(self.site_language)}:vacancies"))

    def feed_url(self, obj: Organisation) -> str:
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return absolute(reverse(f"{namespace(self.site_language)}:{kind}"))

    def description(self, obj: Organisation) -> str:
        return _("The open vacancies of %(organisation)s.") % {"organisation": obj.name}

    def subtitle(self, obj: Organisation) -> str:
        return self.description(obj)

    def author_name(self, obj: Organisation) -> str:
        return obj.name

    def items(self, obj: Organisation) -> list[Vacancy]:
        return list(Vacancy.objects.open().for_listing()[:FEED_SIZE])

    def item_title(self, item: Vacancy) -> str:
        return item.title_in(self.site_language)

    def item_link(self, item: Vacancy) -> str:
        return absolute(vacancy_path(item, self.site_language))

    def item_guid(self, item: Vacancy) -> str:
        return absolute(vacancy_path(item, self.site_language))

    def item_description(self, item: Vacancy) -> str:
        facts = " · ".join(
            escape(str(fact))
            for fact in (
                item.salary_label,
                item.hours_label,
                item.get_contract_type_display(),
                item.place_label,
            )
            if fact
        )
        return f"<p>{facts}</p>{item.description_html_in(self.site_language)}"

    def item_pubdate(self, item: Vacancy) -> datetime.datetime:
        # When it went public: the start of its publication day, or the moment HR published it
        # that day.
        start = timezone.make_aware(
            datetime.datetime.combine(item.publish_on, datetime.time(0, 0)),
            timezone.get_default_timezone(),
        )
        return max(start, item.published_at) if item.published_at else start

    def item_updateddate(self, item: Vacancy) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Vacancy) -> list[str]:
        return [
            item.department.name,
            str(item.get_contract_type_display()),
            *([item.place_label] if item.place_label else []),
        ]


@require_GET
def job_board(request: HttpRequest) -> HttpResponse:
    vacancies = Vacancy.objects.open().for_listing()
    response = HttpResponse(
        job_board_xml(vacancies, Organisation.current()), content_type="application/xml"
    )
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """The careers site's pages in both languages, and every open vacancy (its English
    address only when it has an English version)."""
    both = ("nl", "en")
    entries = [
        SitemapEntry({lang: reverse(f"{namespace(lang)}:home") for lang in both}),
        SitemapEntry({lang: reverse(f"{namespace(lang)}:vacancies") for lang in both}),
    ]
    listed = Vacancy.objects.open().only("slug", "title_en", "description_html_en", "updated_at")
    for vacancy in listed.order_by("-publish_on", "-id"):
        languages = both if vacancy.has_english else ("nl",)
        entries.append(
            SitemapEntry(
                {lang: vacancy_path(vacancy, lang) for lang in languages},
                lastmod=timezone.localtime(vacancy.updated_at).date(),
            )
        )
    response = HttpResponse(sitemap_xml(entries), content_type="application/xml")
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
