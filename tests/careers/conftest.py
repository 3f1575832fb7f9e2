"""Careers fixtures: a department and office, and vacancies made through the services."""

import datetime
import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from plein.careers.models import ContractType, SalaryPeriod, Vacancy, Workplace
from plein.careers.services import vacancies as vacancy_services
from plein.core.models import Organisation
from plein.people.models import Department, Location, Person
from tests.factories import DepartmentFactory, LocationFactory

DESCRIPTION = (
    "Als servicemonteur zorg je dat klanten warm zitten.\n\n"
    "**Wat ga je doen?**\n\n- Onderhoud aan warmtepompen\n- Storingen verhelpen"
)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def service(db) -> Department:
    return DepartmentFactory(name="Service Midden")


@pytest.fixture
def office(db) -> Location:
    return LocationFactory(
        name="Vestiging Utrecht", city="Utrecht", address="Orteliuslaan 12, 3528 BA Utrecht"
    )


@pytest.fixture
def vacancy_data(service, office, recruiter, manager):
    """Valid data for a vacancy; `vacancy_data(title_nl=...)` overrides fields."""

    def make(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title_nl": "Servicemonteur warmtepompen",
            "description_nl": DESCRIPTION,
            "title_en": "",
            "description_en": "",
            "department": service,
            "workplace": Workplace.ON_SITE,
            "location": office,
            "hours_min": 32,
            "hours_max": 40,
            "salary_min": 3000,
            "salary_max": 4000,
            "salary_period": SalaryPeriod.MONTH,
            "contract_type": ContractType.PERMANENT,
            "publish_on": today() - datetime.timedelta(days=3),
            "closes_on": today() + datetime.timedelta(days=30),
            "recruiter": recruiter,
            "hiring_manager": manager,
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def make_vacancy(vacancy_data, recruiter):
    """`make_vacancy(state="published", **fields)`: a vacancy through the services."""

    def make(state: str = Vacancy.State.PUBLISHED, by: Person | None = None, **fields: Any):
        hr = by or recruiter
        vacancy = vacancy_services.create_vacancy(hr, vacancy_data(**fields))
        if state == Vacancy.State.DRAFT:
            return vacancy
        vacancy = vacancy_services.publish_vacancy(vacancy, hr)
        if state == Vacancy.State.CLOSED:
            vacancy = vacancy_services.close_vacancy(vacancy, hr)
        elif state == Vacancy.State.FILLED:
            vacancy = vacancy_services.fill_vacancy(vacancy, hr)
        return vacancy

    return make


@pytest.fixture
def open_vacancy(make_vacancy) -> Vacancy:
    return make_vacancy()


def png_bytes(colour: tuple[int, int, int] = (31, 95, 139)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def organisation_with_logo(db, settings, tmp_path) -> Organisation:
    settings.MEDIA_ROOT = tmp_path
    org = Organisation.current()
    org.name = "Van Dijk Installatietechniek"
    org.logo.save("logo.png", ContentFile(png_bytes()), save=False)
    org.save()
    return org


def give_photo(person: Person, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    person.photo.save("x.jpg", ContentFile(jpeg_bytes()), save=False)
    person.save(update_fields=["photo"])


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """CVs (applications slice) go to the test's own private directory, never the data dir."""
    settings.PLEIN_PRIVATE_ROOT = tmp_path / "private"
    return settings.PLEIN_PRIVATE_ROOT
