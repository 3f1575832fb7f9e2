"""The careers site for machines, read with real parsers: schema.org JobPosting with a JSON-LD
extractor (extruct), RSS and Atom with feedparser, the sitemap and the job-board feed with
xml.etree."""

import datetime
import xml.etree.ElementTree as ET

import extruct
import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from plein.careers.models import ContractType, SalaryPeriod, Vacancy, Workplace
from plein.careers.services import vacancies as vacancy_services
from tests.careers.conftest import today

pytestmark = pytest.mark.django_db

# Google for Jobs: required, and recommended (https://developers.google.com/search/docs/
# appearance/structured-data/job-posting), as listed in ECOSYSTEM.md.
REQUIRED = {"title", "description", "datePosted", "hiringOrganization"}
RECOMMENDED = {"validThrough", "baseSalary", "employmentType", "directApply", "identifier"}


def vacancy_url(vacancy: Vacancy, language: str = "nl") -> str:
    namespace = "careers_en" if language == "en" else "careers"
    return reverse(f"{namespace}:vacancy", args=[vacancy.slug])


def job_postings(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(),
        base_url=settings.BASE_URL + url,
        syntaxes=["json-ld"],
        uniform=True,
    )
    return [item for item in data["json-ld"] if item.get("@type") == "JobPosting"]


def test_an_open_vacancy_carries_every_required_and_recommended_jobposting_field(
    client, make_vacancy, organisation_with_logo
):
    vacancy = make_vacancy(
        salary_min=3100,
        salary_max=4200,
        hours_min=32,
        hours_max=40,
        publish_on=today() - datetime.timedelta(days=2),
        closes_on=today() + datetime.timedelta(days=20),
    )

    [posting] = job_postings(client, vacancy_url(vacancy))

    assert posting["@context"].rstrip("/") == "https://schema.org"
    assert set(posting) >= REQUIRED | RECOMMENDED
    assert posting["title"] == "Servicemonteur warmtepompen"
    assert "<li>Onderhoud aan warmtepompen</li>" in posting["description"]
    assert posting["datePosted"] == (today() - datetime.timedelta(days=2)).isoformat()
    valid_through = datetime.datetime.fromisoformat(posting["validThrough"])
    assert valid_through.tzinfo is not None
    assert valid_through.date() == today() + datetime.timedelta(days=20)
    assert (valid_through.hour, valid_through.minute) == (23, 59)

    organisation = posting["hiringOrganization"]
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Van Dijk Installatietechniek"
    assert organisation["sameAs"] == settings.BASE_URL
    assert organisation["logo"] == settings.BASE_URL + reverse("people:logo")
    assert client.get(reverse("people:logo")).status_code == 200

    place = posting["jobLocation"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Orteliuslaan 12",
        "postalCode": "3528 BA",
        "addressLocality": "Utrecht",
        "addressCountry": "NL",
    }
    assert "jobLocationType" not in posting

    salary = posting["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "EUR"
    assert salary["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 3100,
        "maxValue": 4200,
        "unitText": "MONTH",
    }
    assert posting["employmentType"] == ["FULL_TIME", "PART_TIME"]
    assert posting["directApply"] is False
    assert posting["identifier"] == {
        "@type": "PropertyValue",
        "name": "Van Dijk Installatietechniek",
        "value": f"VAC-{vacancy.pk}",
    }
    assert posting["url"] == settings.BASE_URL + vacancy_url(vacancy)


def test_a_remote_vacancy_is_telecommute_with_a_country_requirement(
    client, make_vacancy, organisation_with_logo
):
    vacancy = make_vacancy(
        workplace=Workplace.REMOTE,
        location=None,
        salary_min=48000,
        salary_max=60000,
        salary_period=SalaryPeriod.YEAR,
        contract_type=ContractType.FREELANCE,
    )

    [posting] = job_postings(client, vacancy_url(vacancy))

    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "NL"}
    assert "jobLocation" not in posting
    assert posting["baseSalary"]["value"]["unitText"] == "YEAR"
    assert posting["employmentType"] == ["CONTRACTOR"]


@pytest.mark.parametrize(
    ("fields", "types"),
    [
        ({"hours_min": 38, "hours_max": 40}, ["FULL_TIME"]),
        ({"hours_min": 16, "hours_max": 24}, ["PART_TIME"]),
        ({"contract_type": ContractType.FIXED_TERM, "hours_min": 40}, ["FULL_TIME", "TEMPORARY"]),
        ({"contract_type": ContractType.INTERNSHIP}, ["INTERN"]),
    ],
)
def test_employment_type_follows_the_contract_and_hours(client, make_vacancy, fields, types):
    vacancy = make_vacancy(**fields)

    [posting] = job_postings(client, vacancy_url(vacancy))

    assert posting["employmentType"] == types


def test_the_english_page_carries_the_english_posting(client, make_vacancy):
    vacancy = make_vacancy(
        title_en="Heat pump service technician", description_en="You keep people **warm**."
    )

    [posting] = job_postings(client, vacancy_url(vacancy, "en"))

    assert posting["title"] == "Heat pump service technician"
    assert "<strong>warm</strong>" in posting["description"]
    assert posting["url"].endswith(f"/careers/jobs/{vacancy.slug}/")


@pytest.mark.parametrize("state", [Vacancy.State.CLOSED, Vacancy.State.FILLED])
def test_a_closed_or_filled_vacancy_has_no_structured_data(client, make_vacancy, state):
    vacancy = make_vacancy(state=state)

    assert job_postings(client, vacancy_url(vacancy)) == []
    assert job_postings(client, vacancy_url(vacancy, "en")) == []


def test_closing_a_vacancy_removes_its_structured_data(client, open_vacancy, recruiter):
    assert len(job_postings(client, vacancy_url(open_vacancy))) == 1

    vacancy_services.close_vacancy(open_vacancy, recruiter)

    assert job_postings(client, vacancy_url(open_vacancy)) == []


def test_text_cannot_break_out_of_the_json_ld_script(client, make_vacancy):
    vacancy = make_vacancy(title_nl="Monteur </script><script>alert(1)</script>")

    response = client.get(vacancy_url(vacancy))

    assert "<script>alert(1)" not in response.content.decode()
    [posting] = job_postings(client, vacancy_url(vacancy))
    assert posting["title"] == "Monteur </script><script>alert(1)</script>"


# --- Feeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_the_feeds_list_the_open_vacancies_and_parse_cleanly(client, make_vacancy, name, version):
    newest = make_vacancy(title_nl="Storingsmonteur", publish_on=today())
    older = make_vacancy(publish_on=today() - datetime.timedelta(days=5))
    make_vacancy(state=Vacancy.State.CLOSED, title_nl="Gesloten")
    make_vacancy(state=Vacancy.State.DRAFT, title_nl="Concept")

    response = client.get(reverse(f"careers:{name}"))

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.language == "nl"
    assert feed.feed.link == settings.BASE_URL + reverse("careers:vacancies")
    assert [entry.title for entry in feed.entries] == ["Storingsmonteur", older.title_nl]
    entry = feed.entries[0]
    assert entry.link == settings.BASE_URL + vacancy_url(newest)
    assert "€3.000" in entry.summary
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert timezone.localtime(published).date() == today()
    assert "Service Midden" in [tag.term for tag in entry.tags]


def test_the_english_feed_has_english_titles_where_there_are_some(client, make_vacancy):
    make_vacancy(title_en="Service technician", description_en="In English.")

    feed = feedparser.parse(client.get(reverse("careers_en:rss")).content)

    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Service technician"]
    assert feed.entries[0].link == settings.BASE_URL + "/careers/jobs/servicemonteur-warmtepompen/"


# --- Sitemap and job boards ------------------------------------------------------------------

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_sitemap_lists_the_careers_pages_and_open_vacancies_with_alternates(
    client, make_vacancy
):
    dutch_only = make_vacancy()
    both = make_vacancy(title_nl="Planner", title_en="Planner", description_en="Plans.")
    closed = make_vacancy(state=Vacancy.State.CLOSED, title_nl="Gesloten")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SITEMAP}urlset"
    locations = {url.find(f"{SITEMAP}loc").text: url for url in root.iter(f"{SITEMAP}url")}
    base = settings.BASE_URL
    assert {
        f"{base}/werken-bij/",
        f"{base}/careers/",
        f"{base}/werken-bij/vacatures/",
        f"{base}/careers/jobs/",
        f"{base}{vacancy_url(dutch_only)}",
        f"{base}{vacancy_url(both)}",
        f"{base}{vacancy_url(both, 'en')}",
    } == set(locations)
    assert f"{base}{vacancy_url(closed)}" not in locations
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in locations[f"{base}{vacancy_url(both)}"].iter(f"{XHTML}link")
    }
    assert alternates == {
        "nl": f"{base}{vacancy_url(both)}",
        "en": f"{base}{vacancy_url(both, 'en')}",
    }
    lastmod = locations[f"{base}{vacancy_url(both)}"].find(f"{SITEMAP}lastmod").text
    assert datetime.date.fromisoformat(lastmod) == today()


def test_the_job_board_feed_carries_what_job_boards_need(client, make_vacancy):
    vacancy = make_vacancy(salary_min=3100, salary_max=4200)
    make_vacancy(state=Vacancy.State.FILLED, title_nl="Vervuld")

    response = client.get(reverse("careers:job_board"))

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "source"
    [job] = root.findall("job")
    fields = {child.tag: child.text for child in job}
    assert fields["referencenumber"] == f"VAC-{vacancy.pk}"
    assert fields["title"] == "Servicemonteur warmtepompen"
    assert fields["url"] == settings.BASE_URL + vacancy_url(vacancy)
    assert fields["city"] == "Utrecht" and fields["postalcode"] == "3528 BA"
    assert fields["country"] == "NL"
    assert (fields["salarymin"], fields["salarymax"], fields["salarycurrency"]) == (
        "3100",
        "4200",
        "EUR",
    )
    assert fields["salaryperiod"] == "month"
    assert (fields["hoursmin"], fields["hoursmax"]) == ("32", "40")
    assert fields["jobtype"] == "fulltime, parttime"
    assert fields["contract"] == "permanent"
    assert fields["date"] == vacancy.publish_on.isoformat()
    assert fields["expirationdate"] == vacancy.closes_on.isoformat()
    assert "<li>" in fields["description"]
