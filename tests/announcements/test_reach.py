"""The reach report: totals and per department in aggregate (small departments grouped so no
one stands out), names of who has not read it only for community managers and HR."""

import pytest
from django.urls import reverse

from plein.announcements import services
from plein.announcements.models import Announcement, Audience
from plein.people.models import Department, Person
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def staff(department: Department, count: int) -> list[Person]:
    return PersonFactory.create_batch(count, department=department)


def send(author: Person, **kwargs) -> Announcement:  # type: ignore[no-untyped-def]
    return services.send_announcement(
        author,
        title="Veiligheidsregels",
        text="Lees de nieuwe regels.",
        audience=Audience.ORGANISATION,
        **kwargs,
    )


@pytest.fixture
def organisation(db) -> dict[str, list[Person]]:
    sizes = {"Montage": 8, "Service": 5, "Financiën": 3, "ICT": 1}
    return {name: staff(DepartmentFactory(name=name), n) for name, n in sizes.items()}


def test_the_reach_per_department_groups_small_departments(manager, organisation):
    announcement = send(manager, requires_acknowledgement=True)
    for person in organisation["Montage"][:6]:
        services.mark_read(announcement, person)
    for person in organisation["Montage"][:2]:
        services.acknowledge(announcement, person)
    services.acknowledge(announcement, organisation["ICT"][0])

    reach = services.reach(announcement)
    # manager's own department (Klantenservice, 0 others) has no recipients: the author is not
    # one; 8 + 5 + 3 + 1 = 17 recipients.
    assert (reach.total.total, reach.total.read, reach.total.acknowledged) == (17, 7, 3)
    montage = reach.rows[0]
    assert (montage.label, montage.total, montage.read, montage.acknowledged) == (
        "Montage",
        8,
        6,
        2,
    )
    assert (montage.read_percent, montage.acknowledged_percent) == (75, 25)
    # Financiën (3) and ICT (1) are too small: together 4, still fewer than 5, so the smallest
    # department shown (Service, 5) joins them: nobody's reading can be worked out.
    assert [row.label for row in reach.rows] == ["Montage"]
    assert reach.other is not None
    assert reach.other.departments == ["Financiën", "ICT", "Service"]
    assert (reach.other.total, reach.other.read, reach.other.acknowledged) == (9, 1, 1)


def test_every_row_of_the_report_has_at_least_the_minimum_group_size(manager):
    for n, size in enumerate([1, 2, 5, 6, 4, 12]):
        staff(DepartmentFactory(name=f"Afdeling {n}"), size)
    reach = services.reach(send(manager))
    rows = [*reach.rows, *([reach.other] if reach.other else [])]
    assert all(row.total >= services.MIN_GROUP_SIZE for row in rows)
    assert sum(row.total for row in rows) == reach.total.total == 30


def test_the_sending_manager_sees_the_aggregate_but_no_names(client_for, manager, organisation):
    announcement = send(manager)
    response = client_for(manager).get(reverse("announcements:reach", args=[announcement.pk]))
    assert response.status_code == 200
    assert response.context["names_page"] is None
    html = response.content.decode()
    assert "Montage" in html
    assert organisation["Montage"][0].last_name not in html


def test_a_community_manager_sees_who_has_not_read_it(
    client_for, manager, community_manager, organisation
):
    announcement = send(manager)
    reader, *others = organisation["Service"]
    services.mark_read(announcement, reader)
    response = client_for(community_manager).get(
        reverse("announcements:reach", args=[announcement.pk])
    )
    assert response.status_code == 200
    listed = {receipt.person_id for receipt in response.context["names_page"].object_list}
    assert reader.pk not in listed
    assert {person.pk for person in others} <= listed
    assert others[0].full_name in response.content.decode()


def test_hr_sees_the_names_too(client_for, manager, recruiter, organisation):
    announcement = send(manager)
    response = client_for(recruiter).get(reverse("announcements:reach", args=[announcement.pk]))
    assert response.context["names_page"].paginator.count == 18  # the 17 and HR herself


def test_a_colleague_who_did_not_send_it_cannot_see_the_reach(
    client_for, manager, employee, organisation
):
    announcement = send(manager)
    other_manager = PersonFactory(roles=["manager"])
    for person in (employee, other_manager):
        response = client_for(person).get(reverse("announcements:reach", args=[announcement.pk]))
        assert response.status_code == 403


def test_the_reach_page_costs_the_same_queries_for_few_and_many_recipients(
    client_for, community_manager, django_assert_max_num_queries
):
    department = DepartmentFactory(name="Groot")
    staff(department, 3)
    few = send(community_manager)
    staff(department, 150)
    staff(DepartmentFactory(name="Nog een"), 20)
    many = send(community_manager)
    client = client_for(community_manager)
    client.get(reverse("announcements:reach", args=[few.pk]))
    with django_assert_max_num_queries(9):
        assert client.get(reverse("announcements:reach", args=[few.pk])).status_code == 200
    with django_assert_max_num_queries(9):
        response = client.get(reverse("announcements:reach", args=[many.pk]))
    assert response.status_code == 200
    assert len(response.context["names_page"].object_list) == 100
