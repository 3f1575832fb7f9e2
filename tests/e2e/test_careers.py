"""The careers site in a real browser: an anonymous visitor on a phone filters the vacancies and
opens one (with its JobPosting data); HR closes it, and the structured data is gone."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from plein.careers.models import CareersStory, Vacancy
from plein.careers.services import story as employer_story
from plein.careers.services import vacancies as vacancy_services
from plein.community.services import posts
from plein.core.models import Organisation
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import DepartmentFactory, LocationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def nl(text: str) -> str:
    with translation.override("nl"):
        return gettext(text)


def vacancy(by, manager, department, location, title: str, **fields) -> Vacancy:
    today = timezone.localdate()
    data = {
        "title_nl": title,
        "description_nl": f"Als {title.lower()} zorg je dat klanten warm zitten.\n\n"
        "**Wat ga je doen?**\n\n- Onderhoud\n- Storingen verhelpen",
        "department": department,
        "workplace": "on_site",
        "location": location,
        "hours_min": 32,
        "hours_max": 40,
        "salary_min": 3000,
        "salary_max": 4000,
        "salary_period": "month",
        "contract_type": "permanent",
        "publish_on": today - datetime.timedelta(days=2),
        "closes_on": today + datetime.timedelta(days=30),
        "recruiter": by,
        "hiring_manager": manager,
        **fields,
    }
    return vacancy_services.publish_vacancy(vacancy_services.create_vacancy(by, data), by)


def json_ld(page: Page) -> list[dict]:
    scripts = page.locator("script[type='application/ld+json']")
    return [json.loads(scripts.nth(i).text_content() or "") for i in range(scripts.count())]


def test_a_visitor_on_a_phone_finds_a_vacancy_and_hr_closes_it(
    new_page, recruiter, manager, employee, password
):
    service = DepartmentFactory(name="Service Noord")
    zwolle = LocationFactory(
        name="Regiokantoor Zwolle", city="Zwolle", address="Hanzelaan 80, 8017 JG Zwolle"
    )
    utrecht = LocationFactory(name="Kantoor Utrecht", city="Utrecht")
    employer_story.save_employer_story(
        recruiter, intro_nl="Wij houden Nederland warm.", body_nl="Sinds 1978 **vakmensen**."
    )
    wanted = vacancy(recruiter, manager, service, zwolle, "Storingsmonteur")
    vacancy(recruiter, manager, service, utrecht, "Servicemonteur")
    vacancy_services.volunteer(wanted, employee)

    visitor = new_page(**PHONE)
    visitor.goto(reverse("careers:home"))
    expect(visitor.locator("h1")).to_contain_text(Organisation.current().name)
    assert_accessible(visitor)
    visitor.locator("header .careers-nav a[href='/werken-bij/vacatures/']").click()
    expect(visitor.locator("article.vacancy-card")).to_have_count(2)
    assert_accessible(visitor)
    # The filters sit behind a disclosure on the phone; no JavaScript needed.
    visitor.locator("details.careers-filters__more > summary").click()
    visitor.locator("select[name=location]").select_option(label="Zwolle")
    visitor.locator("form.careers-filters button[type=submit]").click()
    cards = visitor.locator("article.vacancy-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Storingsmonteur")
    expect(visitor.locator("details.careers-filters__more")).to_have_attribute("open", "")
    assert_accessible(visitor)
    # Nothing on the page is wider than the phone.
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    cards.first.get_by_role("link", name="Storingsmonteur").click()
    expect(visitor.locator("h1")).to_have_text("Storingsmonteur")
    expect(visitor.locator(".colleague__name")).to_have_text(employee.full_name)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(visitor)
    [posting] = json_ld(visitor)
    assert posting["@type"] == "JobPosting" and posting["title"] == "Storingsmonteur"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Zwolle"
    assert posting["baseSalary"]["value"]["minValue"] == 3000
    vacancy_page = visitor.url

    hr = new_page()
    sign_in(hr, recruiter.email, password)
    hr.goto(reverse("careers:manage"))
    assert_accessible(hr)
    hr.get_by_role("link", name="Storingsmonteur").click()
    assert_accessible(hr)
    hr.locator("form:has(input[name=action][value=close]) button").click()
    expect(hr.locator(".notice--success")).to_be_visible()
    expect(hr.locator(".page-header .badge")).to_have_text(nl("Closed"))

    visitor.goto(vacancy_page)
    expect(visitor.locator(".vacancy__closed")).to_contain_text(nl("This vacancy is closed"))
    assert json_ld(visitor) == []
    expect(visitor.locator("meta[name=robots]")).to_have_attribute("content", "noindex")
    assert_accessible(visitor)
    visitor.goto(reverse("careers:vacancies"))
    expect(visitor.locator("article.vacancy-card")).to_have_count(1)


def test_a_werken_bij_video_loads_only_after_a_click(new_page, recruiter):
    employer_story.save_employer_story(recruiter, intro_nl="Wij.", body_nl="Ons verhaal.")
    employer_story.add_video(
        recruiter, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", title_nl="Een dag op de bus"
    )
    requests: list[str] = []
    page = new_page(**PHONE)
    page.route(
        "**/*", lambda route: route.abort() if "youtube" in route.request.url else route.continue_()
    )
    page.on("request", lambda request: requests.append(request.url))
    page.goto(reverse("careers:home"))
    assert_accessible(page)
    assert not [url for url in requests if "youtube" in url]

    page.locator("a.video-embed__placeholder").click()

    frame = page.locator("iframe.video-embed__frame")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    expect(frame).to_have_attribute("title", "Een dag op de bus")


def test_the_english_careers_site_is_in_english(new_page, recruiter, manager):
    vacancy(
        recruiter,
        manager,
        DepartmentFactory(name="ICT"),
        LocationFactory(name="Kantoor Utrecht", city="Utrecht"),
        "Data-analist",
        title_en="Data analyst",
        description_en="You make the numbers **talk**.",
    )
    page = new_page(**PHONE)
    page.goto(reverse("careers:vacancies"))
    page.locator("header a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Data analyst").click()
    expect(page.locator("h1")).to_have_text("Data analyst")
    [posting] = json_ld(page)
    assert posting["title"] == "Data analyst"
    assert_accessible(page)


def test_a_colleague_agrees_to_show_a_post_and_volunteers(
    new_page, recruiter, manager, employee, password
):
    service = DepartmentFactory(name="Service West")
    rotterdam = LocationFactory(name="Regiokantoor Rotterdam", city="Rotterdam")
    vacancy(recruiter, manager, service, rotterdam, "Monteur ventilatie")
    post = posts.publish_post(employee, "Mijn eerste jaar als monteur: elke dag iets nieuws.")

    hr = new_page()
    sign_in(hr, recruiter.email, password)
    hr.goto(reverse("careers:manage_stories"))
    assert_accessible(hr)
    hr.locator(f"form:has(input[name=post_pk][value='{post.pk}']) button").click()
    expect(hr.locator(".notice--success")).to_be_visible()

    colleague = new_page(**PHONE)
    sign_in(colleague, employee.email, password)
    colleague.goto(reverse("careers:take_part"))
    assert_accessible(colleague)
    colleague.locator("form:has(input[name=answer][value=agree]) button").click()
    expect(colleague.locator(".notice--success")).to_be_visible()
    colleague.locator("form:has(input[name=action][value=join]) button").click()
    expect(colleague.locator(".badge--success")).to_be_visible()
    assert_accessible(colleague)

    visitor = new_page(**PHONE)
    visitor.goto(reverse("careers:home"))
    expect(visitor.locator(".careers-stories blockquote")).to_contain_text("Mijn eerste jaar")
    visitor.locator("article.vacancy-card a").first.click()
    expect(visitor.locator(".colleague__name")).to_have_text(employee.full_name)
    assert CareersStory.objects.on_site().count() == 1
