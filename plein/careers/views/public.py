"""The public careers site: no account needed, Dutch at /werken-bij/ and English at /careers/.

Every page here is the same for every visitor (no user menu, no CSRF token, no inline script or
style, so no CSP nonce), which is what makes it cacheable: `Cache-Control: public` with an ETag
on every page. The vacancy page computes its ETag (and Last-Modified) from the few rows it shows
before rendering anything, answers a conditional GET with a 304, and keeps its rendered bytes per
ETag in this process, so a page is rendered once per version however many people read it.
The language comes from the URL, not from a cookie or the signed-in person.
"""

import hashlib
import mimetypes
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from plein.careers.candidate_questions.forms import AskForm
from plein.careers.candidate_questions.services import ask_urls, public_questions
from plein.careers.forms import HOURS_BUCKETS, VacancyFilterForm
from plein.careers.machine_readable import (
    absolute,
    job_posting,
    json_for_script,
    namespace,
    vacancy_path,
)
from plein.careers.models import (
    CareersStory,
    CareersVideo,
    EmployerStory,
    FutureColleague,
    Vacancy,
    Workplace,
    public_people,
)
from plein.careers.services.attribution import remember_source
from plein.careers.services.story import embed_for
from plein.core.models import HEX_COLOUR, Organisation
from plein.people.models import Department, Location, Person

PAGE_SIZE = 20
LATEST_ON_HOME = 6
STORIES_ON_HOME = 6
# Pages: a browser asks again every time (a closed vacancy must not linger on a candidate's
# screen; with the ETag the answer is usually a cheap 304), a shared cache (a proxy, a CDN) may
# serve a page for five minutes. Feeds, photos and other files: five minutes for everyone.
SHARED_MAX_AGE = 300
PUBLIC_MAX_AGE = 300


def cache_publicly(response: HttpResponseBase) -> None:
    patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)


@dataclass(frozen=True)
class Alternate:
    language: str
    path: str
    label: str

    @property
    def url(self) -> str:
        return absolute(self.path)


def in_language(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Render the view in the URL's language (`language` from the URLconf) and mark the
    response as public and cacheable."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, language: str, **kwargs: Any) -> HttpResponseBase:
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, language=language, **kwargs)
        if (
            isinstance(response, HttpResponse)
            and response.status_code == 200
            and not response.has_header("ETag")
        ):
            # The page holds no nonce and nothing personal: its bytes are its version.
            set_response_etag(response)
            response = (
                get_conditional_response(request, etag=response["ETag"], response=response)
                or response
            )
        response["Content-Language"] = language
        if response.status_code in (200, 304) and "Cache-Control" not in response:
            cache_publicly(response)
        return response

    return wrapper


def organisation_for(request: HttpRequest) -> Organisation:
    # Shared with the `organisation` context processor: one query per page.
    org = getattr(request, "_plein_organisation", None)
    if org is None:
        org = Organisation.current()
        request._plein_organisation = org  # type: ignore[attr-defined]
    return org


def alternates(paths: dict[str, str]) -> list[Alternate]:
    labels = {"nl": "Nederlands", "en": "English"}
    return [Alternate(language, path, labels[language]) for language, path in paths.items()]


def page_context(
    language: str, paths: dict[str, str], *, switch_path: str = "", **extra: Any
) -> dict[str, Any]:
    """What the public layout needs. `paths` are the language versions search engines may
    list (hreflang); `switch_path` is where the language link goes when the other language
    has no version of its own (an English page showing Dutch text)."""
    ns = namespace(language)
    other = "nl" if language == "en" else "en"
    return {
        "language": language,
        "alternates": alternates(paths),
        "switch": Alternate(
            other, paths.get(other) or switch_path, "Nederlands" if other == "nl" else "English"
        ),
        "canonical": absolute(paths.get(language) or paths["nl"]),
        "x_default": absolute(paths["nl"]),
        "urls": {
            "home": reverse(f"{ns}:home"),
            "vacancies": reverse(f"{ns}:vacancies"),
            "rss": reverse(f"{ns}:rss"),
            "atom": reverse(f"{ns}:atom"),
        },
        **extra,
    }


def photo_url(person: Person) -> str:
    if not person.photo:
        return ""
    return reverse("careers:photo", args=[str(person.photo.name).rsplit("/", 1)[-1]])


def decorate(vacancies: list[Vacancy], language: str) -> list[Vacancy]:
    """Give each vacancy what a card shows in this language (no queries)."""
    for vacancy in vacancies:
        vacancy.public_url = vacancy_path(vacancy, language)  # type: ignore[attr-defined]
        vacancy.display_title = vacancy.title_in(language)  # type: ignore[attr-defined]
        vacancy.display_language = vacancy.content_language(language)  # type: ignore[attr-defined]
    return vacancies


# --- Home ---------------------------------------------------------------------------------------


@require_GET
@in_language
def home(request: HttpRequest, language: str) -> HttpResponse:
    org = organisation_for(request)
    story = EmployerStory.current()
    videos = [
        (video, embed)
        for video in CareersVideo.objects.all()
        if (embed := embed_for(video)) is not None
    ]
    stories = list(
        CareersStory.objects.on_site()
        .select_related("post__author", "post__author__department")
        .order_by("-consented_at")[:STORIES_ON_HOME]
    )
    for item in stories:
        item.author_photo = photo_url(item.post.author)  # type: ignore[attr-defined]
    open_vacancies = Vacancy.objects.open()
    latest = decorate(list(open_vacancies.for_listing()[:LATEST_ON_HOME]), language)
    # Teams and locations with their number of open vacancies, counted from one light query.
    teams: Counter[tuple[int, str]] = Counter()
    places: Counter[tuple[int, str]] = Counter()
    remote_count = 0
    rows = open_vacancies.values_list(
        "department_id",
        "department__name",
        "location_id",
        "location__name",
        "location__city",
        "workplace",
    )
    for department_id, department_name, location_id, location_name, city, workplace in rows:
        teams[(department_id, department_name)] += 1
        if location_id is not None:
            places[(location_id, city or location_name)] += 1
        if workplace == Workplace.REMOTE:
            remote_count += 1
    total = sum(teams.values())
    paths = {lang: reverse(f"{namespace(lang)}:home") for lang in ("nl", "en")}
    return render(
        request,
        "careers/home.html",
        page_context(
            language,
            paths,
            org=org,
            story=story,
            story_language=story.content_language(language) if story else language,
            story_intro=story.intro_in(language) if story else "",
            story_html=story.body_html_in(language) if story else "",
            videos=[(video.title_in(language), embed) for video, embed in videos],
            stories=stories,
            latest=latest,
            teams=sorted(teams.items(), key=lambda item: item[0][1].lower()),
            places=sorted(places.items(), key=lambda item: item[0][1].lower()),
            remote_count=remote_count,
            total=total,
        ),
    )


# --- Vacancy list -------------------------------------------------------------------------------


@require_GET
@in_language
def vacancy_list(request: HttpRequest, language: str) -> HttpResponse:
    open_vacancies = Vacancy.objects.open()
    # The filter choices: only departments and locations that have open vacancies.
    departments = list(
        Department.objects.filter(pk__in=open_vacancies.values("department")).order_by("name")
    )
    locations = list(
        Location.objects.filter(pk__in=open_vacancies.values("location")).order_by("name")
    )
    form = VacancyFilterForm(request.GET or None, departments=departments, locations=locations)
    vacancies = open_vacancies.for_listing()
    searching = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            vacancies = vacancies.matching(data["q"])
        if data["department"]:
            vacancies = vacancies.filter(department_id=data["department"])
        if data["location"]:
            vacancies = vacancies.filter(location_id=data["location"])
        if data["hours"]:
            low, high, _label = HOURS_BUCKETS[data["hours"]]
            vacancies = vacancies.with_hours_between(low, high)
        if data["contract"]:
            vacancies = vacancies.filter(contract_type=data["contract"])
        if data["workplace"] == "flexible":
            vacancies = vacancies.filter(workplace__in=[Workplace.HYBRID, Workplace.REMOTE])
        elif data["workplace"]:
            vacancies = vacancies.filter(workplace=data["workplace"])
        searching = any(value not in (None, "") for value in data.values())
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    paths = {lang: reverse(f"{namespace(lang)}:vacancies") for lang in ("nl", "en")}
    return render(
        request,
        "careers/vacancy_list.html",
        page_context(
            language,
            paths,
            form=form,
            page=page,
            vacancies=decorate(list(page.object_list), language),
            searching=searching,
            query=query.urlencode(),
        ),
    )


# --- Vacancy page -------------------------------------------------------------------------------


@cache
def _release_fingerprint() -> str:
    """Part of every ETag: what a new release can change on an unchanged vacancy's page (the
    templates, the hashed static file names the page links to, the translations)."""
    digest = hashlib.sha256()
    for name in PAGE_TEMPLATES:
        origin = get_template(name).origin.name  # type: ignore[attr-defined]
        digest.update(Path(origin).read_bytes())
    for asset in PAGE_ASSETS:
        digest.update(static(asset).encode())
    for catalogue in sorted(Path(settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/django.mo")):
        digest.update(catalogue.read_bytes())
    return digest.hexdigest()[:16]


PAGE_TEMPLATES = (
    "careers/vacancy.html",
    "careers/public_base.html",
    "careers/_vacancy_facts.html",
    "careers/_vacancy_questions.html",
    "careers/questions/_ask_form.html",
    "careers/_apply.html",
)
PAGE_ASSETS = (
    "core/css/plein.css",
    "core/css/community.css",
    "careers/careers.css",
    "careers/ask.js",
)


class RenderedPages:
    """Rendered vacancy pages by ETag, in this process. The page is the same for everyone (no
    nonce, nothing personal) and its ETag covers everything it shows, so a page rendered once
    serves every later visitor until the vacancy, its people or the release change."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, etag: str) -> bytes | None:
        with self.lock:
            page = self.pages.get(etag)
            if page is not None:
                self.pages.move_to_end(etag)
            return page

    def put(self, etag: str, page: bytes) -> None:
        with self.lock:
            self.pages[etag] = page
            self.pages.move_to_end(etag)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


rendered_pages = RenderedPages(size=512)


def _etag(
    vacancy: Vacancy,
    language: str,
    is_open: bool,
    org: Organisation,
    colleagues: list[Any],
    questions: list[Any],
) -> str:
    people = [vacancy.recruiter, vacancy.hiring_manager, *(c.person for c in colleagues)]
    parts = [
        _release_fingerprint(),
        language,
        str(vacancy.pk),
        vacancy.updated_at.isoformat(),
        str(is_open),
        org.updated_at.isoformat(),
        # Shown on the page but changed elsewhere (the people data), so part of its version.
        vacancy.department.name,
        repr([vacancy.location.name, vacancy.location.city, vacancy.location.address])
        if vacancy.location
        else "",
        *(f"{p.pk}:{p.full_name}:{p.job_title}:{p.email}:{p.photo}" for p in people),
        *(c.person.department.name if c.person.department else "" for c in colleagues),
        # Candidate questions and their answers (answerers' names included).
        *(
            f"q{q.pk}:"
            + ",".join(f"{a.pk}:{a.author_name}:{a.author_job_title}" for a in q.public_answers)
            for q in questions
        ),
    ]
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def render_vacancy(
    request: HttpRequest, vacancy: Vacancy, language: str, *, preview: bool = False
) -> HttpResponse:
    """The vacancy page (also HR's preview of a draft). JSON-LD only while the vacancy is open."""
    org = organisation_for(request)
    is_open = vacancy.is_open()
    colleagues = (
        list(FutureColleague.objects.shown().filter(vacancy=vacancy).for_public_page())
        if is_open or preview
        else []
    )
    questions = public_questions(vacancy) if is_open or preview else []
    last_modified = max(
        vacancy.updated_at,
        org.updated_at,
        *(q.reviewed_at or q.asked_at for q in questions),
        *(a.created_at for q in questions for a in q.public_answers),  # type: ignore[attr-defined]
    ).timestamp()
    etag = _etag(vacancy, language, is_open, org, colleagues, questions)
    if not preview:
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified)
        )
        if not_modified is not None:
            if not_modified.status_code == 304:
                not_modified["ETag"] = etag
                not_modified["Last-Modified"] = http_date(last_modified)
            return not_modified
        cached = rendered_pages.get(etag)
        if cached is not None:
            response = HttpResponse(cached)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            return response
    for colleague in colleagues:
        colleague.photo_url = photo_url(colleague.person)  # type: ignore[attr-defined]
    # The English address is listed as an alternative only when there is English text.
    paths = {"nl": vacancy_path(vacancy, "nl")}
    if vacancy.has_english:
        paths["en"] = vacancy_path(vacancy, "en")
    context = page_context(
        language,
        paths,
        switch_path=vacancy_path(vacancy, "nl" if language == "en" else "en"),
        vacancy=vacancy,
        is_open=is_open,
        preview=preview,
        title=vacancy.title_in(language),
        content_language=vacancy.content_language(language),
        description_html=vacancy.description_html_in(language),
        colleagues=colleagues,
        questions=questions,
        ask_form=AskForm(),
        ask=ask_urls(vacancy, language),
        json_ld=json_for_script(job_posting(vacancy, language, org)) if is_open else None,
    )
    # Searching engines should forget a closed vacancy; the page stays for people with a link.
    response = render(request, "careers/vacancy.html", context)
    if not preview:
        rendered_pages.put(etag, response.content)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    return response


@require_GET
@in_language
def vacancy_detail(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    # The slug is unique: no ordering needed (first() would add one).
    vacancy = next(iter(Vacancy.objects.public().for_public_page().filter(slug=slug)[:1]), None)
    if vacancy is None:
        raise Http404
    response = render_vacancy(request, vacancy, language)
    remember_source(request, response)  # a referral code or campaign: see services.attribution
    return response


# --- Assets -------------------------------------------------------------------------------------


@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The brand colour as a style sheet: the public pages carry no inline style (and so need no
    CSP nonce, which would make them uncacheable). Versioned by `?v=`, so cached for long."""
    org = organisation_for(request)
    colour = org.brand_colour if HEX_COLOUR.match(org.brand_colour or "") else "#1f5f8b"
    response = HttpResponse(f":root{{--brand:{colour};}}\n", content_type="text/css")
    max_age = 60 * 60 * 24 * 365 if request.GET.get("v") else PUBLIC_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@require_GET
def photo(request: HttpRequest, name: str) -> FileResponse:
    """The profile photo of someone the careers site shows (a volunteer on an open vacancy, the
    author of a story on the site): public for as long as they are shown."""
    if "/" in name or not name.endswith(".jpg"):
        raise Http404
    path = f"people/photos/{name}"
    if not public_people().filter(photo=path).exists():
        raise Http404
    full = Path(settings.MEDIA_ROOT) / path
    if not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=mimetypes.types_map[".jpg"])
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
