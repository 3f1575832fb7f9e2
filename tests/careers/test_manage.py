"""HR's pages: who may use them, writing a vacancy (with the error summary), its states, the
employer story and videos; and members volunteering as future colleagues."""

import datetime

import html5lib
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from plein.careers.models import CareersVideo, EmployerStory, FutureColleague, Vacancy
from plein.careers.services import vacancies as vacancy_services
from tests.careers.conftest import today

pytestmark = pytest.mark.django_db


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def nl(text: str) -> str:
    with translation.override("nl"):
        return gettext(text)


def form_data(vacancy_data, **overrides) -> dict[str, str]:
    data = vacancy_data(**overrides)
    for key, value in list(data.items()):
        if value is None:
            data[key] = ""
        elif hasattr(value, "pk"):
            data[key] = str(value.pk)
        else:
            data[key] = str(value)
    return data


MANAGE_PAGES = [
    ("careers:manage", []),
    ("careers:manage_new_vacancy", []),
    ("careers:manage_story", []),
    ("careers:manage_stories", []),
]


@pytest.mark.parametrize(("name", "args"), MANAGE_PAGES)
def test_only_hr_and_administrators_manage_the_careers_site(
    client, client_for, employee, manager, community_manager, recruiter, name, args
):
    url = reverse(name, args=args)

    assert client.get(url).status_code == 302  # to sign in
    for person in (employee, manager, community_manager):
        assert client_for(person).get(url).status_code == 403
    assert client_for(recruiter).get(url).status_code == 200


def test_hr_writes_a_vacancy_as_a_draft(client_for, recruiter, vacancy_data):
    response = client_for(recruiter).post(
        reverse("careers:manage_new_vacancy"), form_data(vacancy_data)
    )

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("careers:manage_vacancy", args=[vacancy.pk])
    assert vacancy.state == Vacancy.State.DRAFT and vacancy.created_by == recruiter
    assert vacancy.recruiter == recruiter


def test_a_vacancy_without_salary_range_is_refused_with_a_clear_message(
    client_for, recruiter, vacancy_data
):
    response = client_for(recruiter).post(
        reverse("careers:manage_new_vacancy"),
        form_data(vacancy_data, salary_min=None, salary_max=None),
    )

    assert response.status_code == 200
    assert not Vacancy.objects.exists()
    page = parse(response)
    summary = page.find(".//div[@class='error-summary']")
    links = {a.get("href"): text_of(a) for a in summary.iterfind(".//a")}
    assert links["#id_salary_min"] == nl(
        "Enter the lowest salary of the range: every vacancy states its pay "
        "(EU pay transparency directive)."
    )
    assert links["#id_salary_max"] == nl(
        "Enter the highest salary of the range: every vacancy states its pay "
        "(EU pay transparency directive)."
    )
    assert page.find(".//input[@id='id_salary_min']").get("aria-invalid") == "true"
    assert text_of(page.find(".//title")).startswith(nl("Error"))


def test_a_closing_date_before_the_publication_date_is_refused(client_for, recruiter, vacancy_data):
    response = client_for(recruiter).post(
        reverse("careers:manage_new_vacancy"),
        form_data(
            vacancy_data,
            publish_on=today() + datetime.timedelta(days=10),
            closes_on=today() + datetime.timedelta(days=2),
        ),
    )

    assert response.status_code == 200 and not Vacancy.objects.exists()
    summary = parse(response).find(".//div[@class='error-summary']")
    links = {a.get("href"): text_of(a) for a in summary.iterfind(".//a")}
    assert links["#id_closes_on"] == nl(
        "The closing date must be on or after the publication date."
    )


def test_the_recruiter_and_hiring_manager_choices_are_hr_people_and_managers(
    client_for, recruiter, manager, employee
):
    page = parse(client_for(recruiter).get(reverse("careers:manage_new_vacancy")))

    recruiters = {o.get("value") for o in page.iterfind(".//select[@name='recruiter']/option")}
    managers = {o.get("value") for o in page.iterfind(".//select[@name='hiring_manager']/option")}
    assert str(recruiter.pk) in recruiters and str(employee.pk) not in recruiters
    assert str(manager.pk) in managers and str(employee.pk) not in managers


def test_hr_publishes_closes_and_fills_with_buttons(client_for, recruiter, make_vacancy):
    vacancy = make_vacancy(state=Vacancy.State.DRAFT)
    hr = client_for(recruiter)
    url = reverse("careers:vacancy_transition", args=[vacancy.pk])
    public = reverse("careers:vacancy", args=[vacancy.slug])

    assert hr.get(url).status_code == 405
    hr.post(url, {"action": "publish"})
    assert hr.get(public).status_code == 200
    hr.post(url, {"action": "close"})
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.CLOSED
    response = hr.post(url, {"action": "close"}, follow=True)  # again: refused with a message
    assert nl("Only a published vacancy can be closed.") in response.content.decode()
    hr.post(url, {"action": "reopen", "closes_on": str(today() + datetime.timedelta(days=9))})
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.PUBLISHED
    hr.post(url, {"action": "fill"})
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.FILLED
    page = parse(hr.get(reverse("careers:manage_vacancy", args=[vacancy.pk])))
    assert page.find(".//form[@class='stack form-narrow careers-vacancy-form']") is None


def test_an_employee_cannot_change_a_vacancys_state(client_for, employee, open_vacancy):
    url = reverse("careers:vacancy_transition", args=[open_vacancy.pk])

    assert client_for(employee).post(url, {"action": "close"}).status_code == 403
    open_vacancy.refresh_from_db()
    assert open_vacancy.state == Vacancy.State.PUBLISHED


def test_hr_previews_a_draft_that_the_public_cannot_see(
    client, client_for, recruiter, make_vacancy
):
    draft = make_vacancy(state=Vacancy.State.DRAFT)

    response = client_for(recruiter).get(reverse("careers:vacancy_preview", args=[draft.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert text_of(parse(response).find(".//h1")) == draft.title_nl
    assert client.get(reverse("careers:vacancy", args=[draft.slug])).status_code == 404


def test_the_dashboard_lists_vacancies_by_state_in_constant_queries(
    client_for, recruiter, make_vacancy, django_assert_max_num_queries
):
    for state in (Vacancy.State.DRAFT, Vacancy.State.PUBLISHED, Vacancy.State.CLOSED) * 4:
        make_vacancy(state=state)
    hr = client_for(recruiter)
    hr.get(reverse("careers:manage"))

    with django_assert_max_num_queries(8):
        response = hr.get(reverse("careers:manage"), {"state": "closed"})

    rows = parse(response).findall(".//table/tbody/tr")
    assert len(rows) == 4


# --- Employer story and videos -----------------------------------------------------------------


def test_hr_edits_the_employer_story_and_the_careers_site_shows_it(client, client_for, recruiter):
    hr = client_for(recruiter)
    hr.post(
        reverse("careers:manage_story"),
        {
            "form": "story",
            "intro_nl": "Wij houden Nederland warm.",
            "body_nl": "Sinds 1978 **vakmensen**.",
            "intro_en": "We keep the Netherlands warm.",
            "body_en": "Craftspeople since 1978.",
        },
    )

    story = EmployerStory.current()
    assert story is not None and "<strong>vakmensen</strong>" in story.body_html_nl
    assert "Sinds 1978" in client.get(reverse("careers:home")).content.decode()
    assert "Craftspeople since 1978." in client.get(reverse("careers_en:home")).content.decode()


def test_a_video_must_be_a_youtube_or_vimeo_link(client_for, recruiter):
    hr = client_for(recruiter)

    refused = hr.post(
        reverse("careers:manage_story"),
        {"form": "video", "url": "https://example.com/film.mp4", "title_nl": "Film"},
    )
    assert refused.status_code == 200 and not CareersVideo.objects.exists()
    assert parse(refused).find(".//div[@class='error-summary']") is not None

    hr.post(
        reverse("careers:manage_story"),
        {"form": "video", "url": "https://vimeo.com/76979871", "title_nl": "Werken bij"},
    )
    video = CareersVideo.objects.get()
    hr.post(reverse("careers:remove_video", args=[video.pk]))
    assert not CareersVideo.objects.exists()


# --- Future colleagues ---------------------------------------------------------------------------


def test_a_member_volunteers_as_a_future_colleague_and_stops_again(
    client, client_for, employee, open_vacancy
):
    member = client_for(employee)
    page = parse(member.get(reverse("careers:take_part")))
    assert (
        page.find(f".//form[@action='/werken-bij/meedoen/vacatures/{open_vacancy.pk}/']")
        is not None
    )

    member.post(reverse("careers:volunteer", args=[open_vacancy.pk]), {"action": "join"})
    assert FutureColleague.objects.filter(vacancy=open_vacancy, person=employee).exists()
    public = client.get(reverse("careers:vacancy", args=[open_vacancy.slug]))
    assert employee.full_name in public.content.decode()

    member.post(reverse("careers:volunteer", args=[open_vacancy.pk]), {"action": "leave"})
    assert not FutureColleague.objects.exists()
    public = client.get(reverse("careers:vacancy", args=[open_vacancy.slug]))
    assert employee.full_name not in public.content.decode()


def test_nobody_volunteers_for_a_closed_vacancy_or_without_an_account(
    client, client_for, employee, alumnus, make_vacancy
):
    closed = make_vacancy(state=Vacancy.State.CLOSED)
    url = reverse("careers:volunteer", args=[closed.pk])

    client_for(employee).post(url, {"action": "join"})
    assert client.post(url, {"action": "join"}).status_code == 302
    assert client_for(alumnus).post(url, {"action": "join"}).status_code == 403
    assert not FutureColleague.objects.exists()


def test_hr_removes_a_volunteer(client_for, recruiter, employee, open_vacancy):
    vacancy_services.volunteer(open_vacancy, employee)

    client_for(recruiter).post(
        reverse("careers:remove_colleague", args=[open_vacancy.pk, employee.pk])
    )

    assert not FutureColleague.objects.exists()
