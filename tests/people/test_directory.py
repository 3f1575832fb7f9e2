import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plein.people.models import Person
from plein.people.services.persons import set_skills
from tests.factories import DepartmentFactory, LocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [person.full_name for person in response.context["people"]]


def test_it_lists_members_in_name_order_with_their_function(client_for, employee, manager):
    response = client_for(employee).get(reverse("people:directory"))
    assert response.status_code == 200
    assert names(response) == ["Anna Jansen", "Mark de Vries"]
    assert "Monteur" in response.content.decode()


def test_it_leaves_out_alumni_deactivated_and_expired_flexible_workers(
    client_for, employee, alumnus, outsider
):
    PersonFactory(
        first_name="Erik",
        last_name="Verlopen",
        contract_type=Person.ContractType.FLEXIBLE,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = client_for(employee).get(reverse("people:directory"))
    assert names(response) == ["Anna Jansen"]


def test_it_searches_names_functions_and_skills(client_for, employee):
    welder = PersonFactory(first_name="Bram", last_name="Kok", job_title="Lasser")
    set_skills(welder, ["Warmtepompen", "F-gassen"])
    PersonFactory(first_name="Carla", last_name="Meijer", job_title="Boekhouder")
    client = client_for(employee)
    assert names(client.get(reverse("people:directory"), {"q": "warmtepomp"})) == ["Bram Kok"]
    assert names(client.get(reverse("people:directory"), {"q": "boekh"})) == ["Carla Meijer"]
    assert names(client.get(reverse("people:directory"), {"q": "kok lasser"})) == ["Bram Kok"]
    assert names(client.get(reverse("people:directory"), {"skill": "f-gassen"})) == ["Bram Kok"]


def test_department_filter_includes_the_whole_subtree(client_for, employee):
    operations = DepartmentFactory(name="Operations")
    north = DepartmentFactory(name="Service Noord", parent=operations)
    sales = DepartmentFactory(name="Verkoop")
    PersonFactory(first_name="Nina", last_name="Noord", department=north)
    PersonFactory(first_name="Otto", last_name="Ops", department=operations)
    PersonFactory(first_name="Vera", last_name="Verkoop", department=sales)
    response = client_for(employee).get(reverse("people:directory"), {"department": operations.pk})
    assert names(response) == ["Nina Noord", "Otto Ops"]


def test_location_and_contract_filters(client_for, employee, flexible_worker):
    zwolle = LocationFactory(name="Zwolle")
    PersonFactory(first_name="Zara", last_name="Zwolle", location=zwolle)
    client = client_for(employee)
    assert names(client.get(reverse("people:directory"), {"location": zwolle.pk})) == [
        "Zara Zwolle"
    ]
    assert names(client.get(reverse("people:directory"), {"contract": "flexible"})) == [
        "Femke Bakker"
    ]


def test_it_pages_with_a_cursor_without_gaps_or_repeats(client_for, employee):
    for n in range(60):
        PersonFactory(first_name=f"P{n:02d}", last_name="Zelfde" if n % 2 else f"Achter{n:02d}")
    client = client_for(employee)
    seen: list[str] = []
    url = reverse("people:directory")
    params: dict[str, str] = {}
    for _page in range(10):
        response = client.get(url, params)
        seen.extend(names(response))
        if not response.context["next_query"]:
            break
        params = dict(pair.split("=", 1) for pair in response.context["next_query"].split("&"))
    assert len(seen) == 61
    assert len(set(seen)) == 61


def test_the_directory_costs_the_same_queries_for_ten_or_a_hundred_people(
    client_for, employee, django_assert_max_num_queries
):
    department = DepartmentFactory(name="Service")
    for n in range(100):
        person = PersonFactory(department=department, last_name=f"Naam{n:03d}")
        if n % 10 == 0:
            set_skills(person, ["Excel", f"Skill {n}"])
    client = client_for(employee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:directory"))
    assert len(response.context["people"]) == 24


def test_htmx_requests_get_only_the_results(client_for, employee):
    response = client_for(employee).get(
        reverse("people:directory"),
        {"q": "anna"},
        headers={"HX-Request": "true", "HX-Target": "directory-results"},
    )
    body = response.content.decode()
    assert "Anna Jansen" in body
    assert "<html" not in body


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("people:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_alumni_cannot_open_the_directory(client_for, alumnus):
    assert client_for(alumnus).get(reverse("people:directory")).status_code == 403
