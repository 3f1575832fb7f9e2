"""Vacancies through their services: the states and their transitions, and the rules a vacancy
always keeps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from plein.careers import events
from plein.careers.models import Vacancy, VacancyTransition, Workplace
from plein.careers.services import vacancies as vacancy_services
from plein.careers.tasks import close_expired_vacancies
from tests.careers.conftest import today

State = Vacancy.State


def test_a_new_vacancy_is_a_draft_with_safe_html_and_a_slug(vacancy_data, recruiter):
    vacancy = vacancy_services.create_vacancy(
        recruiter,
        vacancy_data(description_nl="Hallo <script>alert(1)</script> **sterk** #warmtepompen"),
    )

    assert vacancy.state == State.DRAFT
    assert vacancy.slug == "servicemonteur-warmtepompen"
    assert "<script>" not in vacancy.description_html_nl
    assert "<strong>sterk</strong>" in vacancy.description_html_nl
    # A #topic is internal: on the public site it stays text, not a link into Plein.
    assert "#warmtepompen" in vacancy.description_html_nl
    assert "href" not in vacancy.description_html_nl


def test_slugs_stay_unique(make_vacancy):
    first = make_vacancy()
    second = make_vacancy()
    assert first.slug != second.slug
    assert second.slug.startswith(first.slug)


def test_it_walks_draft_published_closed_filled_and_records_who(make_vacancy, recruiter):
    vacancy = make_vacancy(state=State.DRAFT)

    vacancy = vacancy_services.publish_vacancy(vacancy, recruiter)
    assert vacancy.state == State.PUBLISHED and vacancy.published_at is not None
    assert vacancy.is_open()
    vacancy = vacancy_services.close_vacancy(vacancy, recruiter)
    assert vacancy.state == State.CLOSED and not vacancy.is_open()
    vacancy = vacancy_services.fill_vacancy(vacancy, recruiter)
    assert vacancy.state == State.FILLED

    steps = list(
        VacancyTransition.objects.filter(vacancy=vacancy)
        .order_by("at", "pk")
        .values_list("from_state", "to_state", "by")
    )
    assert steps == [
        (State.DRAFT, State.PUBLISHED, recruiter.pk),
        (State.PUBLISHED, State.CLOSED, recruiter.pk),
        (State.CLOSED, State.FILLED, recruiter.pk),
    ]


@pytest.mark.parametrize(
    ("start", "transition"),
    [
        (State.DRAFT, "close_vacancy"),
        (State.DRAFT, "fill_vacancy"),
        (State.PUBLISHED, "publish_vacancy"),
        (State.CLOSED, "close_vacancy"),
        (State.FILLED, "close_vacancy"),
        (State.FILLED, "publish_vacancy"),
    ],
)
def test_it_refuses_transitions_that_do_not_start_from_the_state(
    make_vacancy, recruiter, start, transition
):
    vacancy = make_vacancy(state=start)

    with pytest.raises(vacancy_services.TransitionError):
        getattr(vacancy_services, transition)(vacancy, recruiter)

    vacancy.refresh_from_db()
    assert vacancy.state == start
    assert not VacancyTransition.objects.filter(vacancy=vacancy, from_state=start).exists()


def test_a_closed_vacancy_reopens_with_a_new_closing_date(make_vacancy, recruiter):
    vacancy = make_vacancy(state=State.CLOSED)
    new_date = today() + datetime.timedelta(days=14)

    vacancy = vacancy_services.reopen_vacancy(vacancy, recruiter, new_date)

    assert vacancy.state == State.PUBLISHED and vacancy.closes_on == new_date
    assert vacancy.is_open()


def test_a_vacancy_whose_closing_date_passed_cannot_be_published(make_vacancy, recruiter):
    vacancy = make_vacancy(
        state=State.DRAFT,
        publish_on=today() - datetime.timedelta(days=20),
        closes_on=today() - datetime.timedelta(days=1),
    )

    with pytest.raises(ValidationError) as error:
        vacancy_services.publish_vacancy(vacancy, recruiter)

    assert "closes_on" in error.value.message_dict
    vacancy.refresh_from_db()
    assert vacancy.state == State.DRAFT


def test_a_filled_vacancy_can_no_longer_change(make_vacancy, recruiter, vacancy_data):
    vacancy = make_vacancy(state=State.FILLED)

    with pytest.raises(ValidationError):
        vacancy_services.update_vacancy(vacancy, recruiter, vacancy_data(title_nl="Iets anders"))

    vacancy.refresh_from_db()
    assert vacancy.title_nl == "Servicemonteur warmtepompen"


def test_the_address_of_a_published_vacancy_stays_when_its_title_changes(
    make_vacancy, recruiter, vacancy_data
):
    vacancy = make_vacancy()
    slug = vacancy.slug

    vacancy = vacancy_services.update_vacancy(
        vacancy, recruiter, vacancy_data(title_nl="Servicemonteur warmtepompen en cv")
    )

    assert vacancy.slug == slug and vacancy.title_nl == "Servicemonteur warmtepompen en cv"


def test_the_worker_closes_vacancies_past_their_closing_date_once(make_vacancy):
    expired = make_vacancy()
    Vacancy.objects.filter(pk=expired.pk).update(
        publish_on=today() - datetime.timedelta(days=40),
        closes_on=today() - datetime.timedelta(days=1),
    )
    still_open = make_vacancy()

    assert close_expired_vacancies.call() == 1
    assert close_expired_vacancies.call() == 0

    expired.refresh_from_db()
    still_open.refresh_from_db()
    assert expired.state == State.CLOSED
    assert VacancyTransition.objects.get(vacancy=expired, to_state=State.CLOSED).by is None
    assert still_open.state == State.PUBLISHED


def test_publishing_closing_and_filling_emit_events(make_vacancy, recruiter, monkeypatch):
    seen: list[object] = []
    monkeypatch.setattr(vacancy_services, "emit", seen.append)

    vacancy = make_vacancy(state=State.CLOSED)
    vacancy_services.fill_vacancy(vacancy, recruiter)

    assert [type(event) for event in seen] == [
        events.VacancyPublished,
        events.VacancyClosed,
        events.VacancyFilled,
    ]
    assert all(event.vacancy.pk == vacancy.pk for event in seen)  # type: ignore[attr-defined]


# --- The rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"salary_min": 4000, "salary_max": 3000}, "salary_max"),
        ({"salary_min": 45000, "salary_max": 60000}, "salary_min"),  # a yearly salary per month
        ({"hours_min": 40, "hours_max": 32}, "hours_max"),
        ({"hours_min": 0, "hours_max": 80}, "hours_min"),
        (
            {
                "publish_on": today() + datetime.timedelta(days=10),
                "closes_on": today() + datetime.timedelta(days=5),
            },
            "closes_on",
        ),
        ({"location": None}, "location"),
        ({"title_en": "Service technician"}, "description_en"),
        ({"description_nl": "x" * 10_001}, "description_nl"),
        ({"description_nl": "   "}, "description_nl"),
    ],
)
def test_it_refuses_a_vacancy_that_breaks_a_rule(vacancy_data, recruiter, fields, field):
    with pytest.raises(ValidationError) as error:
        vacancy_services.create_vacancy(recruiter, vacancy_data(**fields))

    assert field in error.value.message_dict
    assert not Vacancy.objects.exists()


def test_a_remote_vacancy_needs_no_location(vacancy_data, recruiter):
    vacancy = vacancy_services.create_vacancy(
        recruiter, vacancy_data(workplace=Workplace.REMOTE, location=None)
    )
    assert vacancy.location is None
    assert vacancy.place_label == gettext("Remote")


def test_only_hr_writes_vacancies(vacancy_data, employee, manager):
    for person in (employee, manager):
        with pytest.raises(PermissionDenied):
            vacancy_services.create_vacancy(person, vacancy_data())
    assert not Vacancy.objects.exists()


def test_labels_say_salary_hours_and_place_in_dutch(make_vacancy):
    vacancy = make_vacancy(salary_min=3100, salary_max=4200)

    # Dutch number formatting: a dot groups the thousands.
    assert "€3.100" in vacancy.salary_label and "€4.200" in vacancy.salary_label
    assert "32" in vacancy.hours_label and "40" in vacancy.hours_label
    assert vacancy.place_label == "Utrecht"
