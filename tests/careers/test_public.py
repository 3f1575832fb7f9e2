"""The public careers site as an anonymous visitor sees it: what is shown and what is not,
filters and search, the English alternative, caching, and the cost of each page.

Pages are parsed with html5lib, as a browser would."""

import datetime

import html5lib
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext

from plein.careers.models import ContractType, Vacancy, Workplace
from plein.careers.services import story as employer_story
from plein.careers.services import vacancies as vacancy_services
from plein.core.models import Organisation
from tests.careers.conftest import give_photo, today
from tests.factories import DepartmentFactory, LocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def nl(text: str) -> str:
    """A UI text as the Dutch pages show it (translated once the catalogue has it)."""
    with translation.override("nl"):
        return gettext(text)


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def card_titles(response) -> list[str]:
    page = parse(response)
    return [text_of(h) for h in page.iterfind(".//article[@class='vacancy-card']//h3")]


def vacancy_url(vacancy: Vacancy, language: str = "nl") -> str:
    return reverse(
        f"{'careers_en' if language == 'en' else 'careers'}:vacancy", args=[vacancy.slug]
    )


# --- What the public sees ----------------------------------------------------------------------


def test_an_anonymous_visitor_reads_an_open_vacancy_with_everything_it_needs(
    client, open_vacancy, recruiter, manager
):
    response = client.get(vacancy_url(open_vacancy))

    assert response.status_code == 200
    page = parse(response)
    assert page.get("lang") == "nl"
    assert text_of(page.find(".//h1")) == "Servicemonteur warmtepompen"
    facts = {text_of(dt): text_of(dd) for dt, dd in _facts(page)}
    assert "€3.000" in " ".join(facts.values()) and "€4.000" in " ".join(facts.values())
    assert "Vestiging Utrecht" in " ".join(facts.values())
    assert "Service Midden" in " ".join(facts.values())
    description = page.find(".//div[@class='prose vacancy__description']")
    assert description.find(".//strong") is not None
    contacts = text_of(page.find(".//aside[@class='vacancy__contacts']"))
    assert recruiter.full_name in contacts and manager.full_name in contacts
    apply = page.find(".//a[@class='btn btn--primary btn--block']")
    # The application form (applications slice; it replaced "apply by e-mail").
    assert apply.get("href") == reverse("careers:apply", args=[open_vacancy.slug])
    # No internal navigation and nothing personal on a public page.
    assert page.find(".//nav[@class='site-nav']") is None
    assert page.find(".//input[@name='csrfmiddlewaretoken']") is None


def _facts(page):
    for group in page.iterfind(".//dl[@class='vacancy-facts']/div"):
        yield group.find("dt"), group.find("dd")


@pytest.mark.parametrize("state", [Vacancy.State.DRAFT])
def test_a_draft_does_not_exist_for_the_public(client, make_vacancy, state):
    draft = make_vacancy(state=state)

    assert client.get(vacancy_url(draft)).status_code == 404
    assert client.get(vacancy_url(draft, "en")).status_code == 404
    assert draft.title_nl not in client.get(reverse("careers:vacancies")).content.decode()


def test_a_vacancy_scheduled_for_later_is_not_public_yet(client, make_vacancy):
    later = make_vacancy(
        publish_on=today() + datetime.timedelta(days=3),
        closes_on=today() + datetime.timedelta(days=30),
    )

    assert later.state == Vacancy.State.PUBLISHED
    assert client.get(vacancy_url(later)).status_code == 404
    assert card_titles(client.get(reverse("careers:vacancies"))) == []


@pytest.mark.parametrize(
    ("state", "notice"),
    [
        (Vacancy.State.CLOSED, "This vacancy is closed"),
        (Vacancy.State.FILLED, "This vacancy has been filled"),
    ],
)
def test_a_closed_or_filled_vacancy_says_so_and_leaves_the_lists(
    client, make_vacancy, state, notice
):
    vacancy = make_vacancy(state=state)

    response = client.get(vacancy_url(vacancy))

    assert response.status_code == 200
    page = parse(response)
    status = page.find(".//div[@class='notice notice--warning vacancy__closed']")
    assert status is not None and nl(notice) in text_of(status)
    assert page.find(".//a[@class='btn btn--primary btn--block']") is None  # no "apply"
    assert page.find(".//meta[@name='robots']").get("content") == "noindex"
    assert card_titles(client.get(reverse("careers:vacancies"))) == []


def test_a_published_vacancy_past_its_closing_date_counts_as_closed(client, open_vacancy):
    Vacancy.objects.filter(pk=open_vacancy.pk).update(
        closes_on=today() - datetime.timedelta(days=1)
    )

    page = parse(client.get(vacancy_url(open_vacancy)))

    assert page.find(".//div[@class='notice notice--warning vacancy__closed']") is not None
    assert card_titles(client.get(reverse("careers:vacancies"))) == []


def test_the_home_page_tells_the_story_and_shows_teams_locations_and_vacancies(
    client, make_vacancy, recruiter
):
    employer_story.save_employer_story(
        recruiter,
        intro_nl="Wij houden Nederland warm.",
        body_nl="Sinds 1978 **vakmensen** in de installatietechniek.",
    )
    employer_story.add_video(
        recruiter, url="https://youtu.be/dQw4w9WgXcQ", title_nl="Een dag op de bus"
    )
    make_vacancy()
    make_vacancy(title_nl="Planner", workplace=Workplace.REMOTE, location=None)
    make_vacancy(state=Vacancy.State.CLOSED, title_nl="Gesloten vacature")

    response = Client().get(reverse("careers:home"))

    assert response.status_code == 200
    page = parse(response)
    assert "Wij houden Nederland warm." in text_of(page.find(".//section[@class='careers-hero']"))
    story = page.find(".//section[@id='who-we-are']")
    assert story.find(".//strong") is not None
    # The video is a link until clicked: no iframe, nothing loaded from YouTube.
    placeholder = page.find(".//a[@class='video-embed__placeholder']")
    assert placeholder.get("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert placeholder.get("data-embed-src").startswith("https://www.youtube-nocookie.com/embed/")
    assert page.find(".//iframe") is None
    assert "Een dag op de bus" in text_of(page.find(".//figcaption"))
    assert sorted(card_titles(response)) == ["Planner", "Servicemonteur warmtepompen"]
    teams = text_of(page.find(".//section[@aria-labelledby='teams-title']"))
    assert "Service Midden" in teams and "Utrecht" in teams


# --- Filters and search ------------------------------------------------------------------------


@pytest.fixture
def assorted(make_vacancy):
    """Four open vacancies that differ in one respect each."""
    ict = DepartmentFactory(name="ICT")
    zwolle = LocationFactory(name="Regiokantoor Zwolle", city="Zwolle")
    return {
        "monteur": make_vacancy(title_nl="Servicemonteur warmtepompen"),
        "zwolle": make_vacancy(title_nl="Storingsmonteur", location=zwolle),
        "data": make_vacancy(
            title_nl="Data-analist",
            description_nl="Dashboards in Power BI.",
            department=ict,
            workplace=Workplace.REMOTE,
            location=None,
            hours_min=24,
            hours_max=32,
        ),
        "stage": make_vacancy(
            title_nl="Stage HR",
            contract_type=ContractType.INTERNSHIP,
            workplace=Workplace.HYBRID,
            salary_min=600,
            salary_max=600,
            hours_min=16,
            hours_max=24,
            description_nl="Een afstudeeropdracht over **werving** met Python.",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"monteur", "zwolle", "data", "stage"}),
        ({"department": "ict"}, {"data"}),
        ({"location": "zwolle"}, {"zwolle"}),
        ({"hours": "upto24"}, {"data", "stage"}),
        ({"hours": "32plus"}, {"monteur", "zwolle", "data"}),
        ({"contract": ContractType.INTERNSHIP}, {"stage"}),
        ({"workplace": "remote"}, {"data"}),
        ({"workplace": "flexible"}, {"data", "stage"}),
        ({"workplace": "on_site"}, {"monteur", "zwolle"}),
        ({"q": "monteur"}, {"monteur", "zwolle"}),
        ({"q": "python"}, {"stage"}),  # a word from the description
        ({"q": "monteur", "location": "zwolle"}, {"zwolle"}),
        ({"q": "loodgieter"}, set()),
    ],
)
def test_visitors_filter_by_department_location_hours_contract_remote_and_search(
    client, assorted, query, expected
):
    params = dict(query)
    if params.get("department") == "ict":
        params["department"] = str(assorted["data"].department_id)
    if params.get("location") == "zwolle":
        params["location"] = str(assorted["zwolle"].location_id)

    response = client.get(reverse("careers:vacancies"), params)

    assert response.status_code == 200
    titles = {assorted[key].title_nl for key in expected}
    assert set(card_titles(response)) == titles
    count = text_of(parse(response).find(".//h2[@id='results-title']"))
    assert count.startswith(str(len(expected)))


def test_the_filter_choices_are_the_departments_and_locations_with_open_vacancies(client, assorted):
    LocationFactory(name="Magazijn zonder vacatures", city="Nieuwegein")

    page = parse(client.get(reverse("careers:vacancies")))

    locations = [text_of(o) for o in page.iterfind(".//select[@name='location']/option")]
    assert "Nieuwegein" not in locations
    assert {"Utrecht", "Zwolle"} <= set(locations)


def test_a_nonsense_filter_shows_everything_instead_of_an_error(client, assorted):
    response = client.get(reverse("careers:vacancies"), {"department": "abc", "page": "zz"})

    assert response.status_code == 200
    assert len(card_titles(response)) == 4


def test_the_list_pages_in_twenties(client, make_vacancy):
    for number in range(23):
        make_vacancy(title_nl=f"Monteur {number:02d}")

    first = client.get(reverse("careers:vacancies"))
    second = client.get(reverse("careers:vacancies"), {"page": 2})

    assert len(card_titles(first)) == 20 and len(card_titles(second)) == 3
    assert parse(first).find(".//a[@rel='next']").get("href") == "?page=2"


# --- English -----------------------------------------------------------------------------------


def test_english_pages_live_at_careers_with_hreflang_alternates(client, make_vacancy):
    vacancy = make_vacancy(
        title_en="Heat pump service technician",
        description_en="You keep our customers **warm**.",
    )

    response = client.get(vacancy_url(vacancy, "en"))

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    page = parse(response)
    assert page.get("lang") == "en"
    assert text_of(page.find(".//h1")) == "Heat pump service technician"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in page.iterfind(".//link[@rel='alternate']")
        if link.get("hreflang")
    }
    assert alternates["nl"].endswith(f"/werken-bij/vacatures/{vacancy.slug}/")
    assert alternates["en"].endswith(f"/careers/jobs/{vacancy.slug}/")
    assert alternates["x-default"] == alternates["nl"]
    # The Dutch page links to the English one for the visitor too.
    dutch = parse(client.get(vacancy_url(vacancy)))
    switch = dutch.find(".//a[@hreflang='en']")
    assert switch.get("href") == f"/careers/jobs/{vacancy.slug}/" and switch.get("lang") == "en"


def test_a_vacancy_without_english_text_shows_the_dutch_text_marked_as_dutch(client, open_vacancy):
    page = parse(client.get(vacancy_url(open_vacancy, "en")))

    assert page.get("lang") == "en"
    assert page.find(".//h1").get("lang") == "nl"
    assert page.find(".//div[@class='prose vacancy__description']").get("lang") == "nl"
    hreflangs = {link.get("hreflang") for link in page.iterfind(".//link[@rel='alternate']")}
    assert "nl" in hreflangs


def test_the_url_decides_the_language_not_the_visitors_cookie_or_profile(
    client_for, open_vacancy, employee
):
    employee.language = "en"
    employee.save(update_fields=["language"])

    page = parse(client_for(employee).get(vacancy_url(open_vacancy)))

    assert page.get("lang") == "nl"


# --- Caching -----------------------------------------------------------------------------------


def test_the_vacancy_page_is_publicly_cacheable_and_answers_conditional_gets(client, open_vacancy):
    response = client.get(vacancy_url(open_vacancy))

    # Browsers ask again every time (a closed vacancy must not linger), proxies keep it 5 minutes.
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=0", "s-maxage=300"}
    assert response.has_header("ETag") and response.has_header("Last-Modified")
    assert "Set-Cookie" not in response.headers
    # The page uses no CSP nonce, so the same bytes can be served to everyone.
    assert "nonce" not in response["Content-Security-Policy"]
    assert "nonce=" not in response.content.decode()

    again = client.get(vacancy_url(open_vacancy), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert "public" in again["Cache-Control"] and again["ETag"] == response["ETag"]

    since = client.get(
        vacancy_url(open_vacancy), headers={"If-Modified-Since": response["Last-Modified"]}
    )
    assert since.status_code == 304


def test_the_etag_changes_when_what_the_page_shows_changes(
    client, open_vacancy, recruiter, vacancy_data, employee
):
    etag = client.get(vacancy_url(open_vacancy))["ETag"]

    vacancy_services.volunteer(open_vacancy, employee)
    after_volunteer = client.get(vacancy_url(open_vacancy), headers={"If-None-Match": etag})
    assert after_volunteer.status_code == 200
    assert employee.full_name in after_volunteer.content.decode()

    etag = after_volunteer["ETag"]
    vacancy_services.close_vacancy(open_vacancy, recruiter)
    after_close = client.get(vacancy_url(open_vacancy), headers={"If-None-Match": etag})
    assert after_close.status_code == 200
    assert after_close["ETag"] != etag


@pytest.mark.parametrize("name", ["careers:home", "careers:vacancies", "careers_en:home"])
def test_the_home_and_list_pages_answer_conditional_gets_too(client, open_vacancy, name):
    response = client.get(reverse(name))

    assert response.status_code == 200 and "s-maxage=300" in response["Cache-Control"]
    again = client.get(reverse(name), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_an_old_if_modified_since_gets_the_page(client, open_vacancy):
    old = http_date(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC).timestamp())

    response = client.get(vacancy_url(open_vacancy), headers={"If-Modified-Since": old})

    assert response.status_code == 200


def test_the_brand_colour_comes_from_a_cacheable_style_sheet(client, open_vacancy):
    page = parse(client.get(vacancy_url(open_vacancy)))
    sheet = next(
        link.get("href")
        for link in page.iterfind(".//link[@rel='stylesheet']")
        if "huisstijl.css" in link.get("href")
    )
    assert page.find(".//style") is None

    css = client.get(sheet)

    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode().strip() == ":root{--brand:#1f5f8b;}"
    assert "max-age=31536000" in css["Cache-Control"]


# --- Cost --------------------------------------------------------------------------------------


def test_the_vacancy_page_costs_a_handful_of_queries(
    client, open_vacancy, employee, manager, django_assert_max_num_queries
):
    for person in (employee, manager, PersonFactory(), PersonFactory()):
        vacancy_services.volunteer(open_vacancy, person)
    Organisation.current()  # exists in every installation; its first creation is not counted

    # Organisation, vacancy, colleagues, candidate questions with their answers (one query).
    with django_assert_max_num_queries(4):
        response = client.get(vacancy_url(open_vacancy))
    assert response.status_code == 200
    with django_assert_max_num_queries(4):
        assert (
            client.get(
                vacancy_url(open_vacancy), headers={"If-None-Match": response["ETag"]}
            ).status_code
            == 304
        )


def test_the_list_and_home_cost_the_same_whatever_the_number_of_vacancies(
    client, make_vacancy, recruiter, django_assert_max_num_queries
):
    employer_story.save_employer_story(recruiter, intro_nl="Wij.", body_nl="Ons verhaal.")
    Organisation.current()
    for number in range(12):
        make_vacancy(
            title_nl=f"Monteur {number}",
            location=LocationFactory(name=f"Plaats {number}", city=f"Stad {number}"),
        )

    with django_assert_max_num_queries(5):
        assert client.get(reverse("careers:vacancies"), {"q": "monteur"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("careers:home")).status_code == 200


# --- Photos ------------------------------------------------------------------------------------


def test_a_volunteers_photo_is_public_only_while_they_are_shown(
    client, open_vacancy, employee, recruiter, settings, tmp_path
):
    give_photo(employee, settings, tmp_path)
    url = reverse("careers:photo", args=[employee.photo.name.rsplit("/", 1)[-1]])
    assert client.get(url).status_code == 404  # not on any public page yet

    vacancy_services.volunteer(open_vacancy, employee)
    page = parse(client.get(vacancy_url(open_vacancy)))
    assert page.find(f".//img[@src='{url}']") is not None
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"

    vacancy_services.close_vacancy(open_vacancy, recruiter)
    assert client.get(url).status_code == 404


def test_a_volunteer_who_left_disappears_from_the_page(client, open_vacancy, employee):
    vacancy_services.volunteer(open_vacancy, employee)
    employee.status = employee.Status.ALUMNUS
    employee.save(update_fields=["status"])

    assert employee.full_name not in client.get(vacancy_url(open_vacancy)).content.decode()


def test_a_remote_vacancy_says_where_instead_of_an_address(client, make_vacancy):
    vacancy = make_vacancy(workplace=Workplace.REMOTE, location=None)

    page = parse(client.get(vacancy_url(vacancy)))

    where = {text_of(dt): text_of(dd) for dt, dd in _facts(page)}
    assert where[nl("Where")] == nl("Fully remote, from anywhere in the Netherlands")


def test_a_renamed_department_shows_at_once_although_the_vacancy_did_not_change(
    client, open_vacancy, service
):
    first = client.get(vacancy_url(open_vacancy))
    service.name = "Service Utrecht"
    service.save(update_fields=["name"])

    again = client.get(vacancy_url(open_vacancy), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert "Service Utrecht" in again.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_public_pages_are_well_formed_html(client, make_vacancy, recruiter, language):
    employer_story.save_employer_story(recruiter, intro_nl="Wij.", body_nl="Ons **verhaal**.")
    vacancy = make_vacancy()
    closed = make_vacancy(state=Vacancy.State.CLOSED)
    namespace = "careers_en" if language == "en" else "careers"
    strict = html5lib.HTMLParser(strict=True)

    for url in (
        reverse(f"{namespace}:home"),
        reverse(f"{namespace}:vacancies"),
        reverse(f"{namespace}:vacancies") + "?q=monteur&hours=32plus",
        vacancy_url(vacancy, language),
        vacancy_url(closed, language),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        strict.parse(response.content.decode())  # raises on any parse error
        page = parse(response)
        ids = [element.get("id") for element in page.iter() if element.get("id")]
        assert len(ids) == len(set(ids)), f"duplicate ids on {url}"
        assert len(page.findall(".//h1")) == 1, url


def test_a_vacancy_page_is_rendered_once_per_version(client, open_vacancy, employee):
    first = client.get(vacancy_url(open_vacancy))
    second = Client().get(vacancy_url(open_vacancy))  # another visitor, no validator

    assert "careers/vacancy.html" in [t.name for t in first.templates]
    assert second.templates == [] and second.content == first.content
    assert second["ETag"] == first["ETag"]

    vacancy_services.volunteer(open_vacancy, employee)
    third = Client().get(vacancy_url(open_vacancy))
    assert "careers/vacancy.html" in [t.name for t in third.templates]
    assert employee.full_name in third.content.decode()
