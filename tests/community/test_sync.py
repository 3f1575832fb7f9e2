"""Department and location groups follow the people data: the sync service, its task and
its command, and what a synced member sees."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from plein.community.models import Group, Membership
from plein.community.services import groups
from plein.community.tasks import sync_people_groups_task
from plein.people.models import Person
from plein.people.services.lifecycle import offboard_person
from tests.factories import DepartmentFactory, LocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client_for):
    """These tests read the English source strings: the people they sign in as chose English."""

    def make(person: Person):
        Person.objects.filter(pk=person.pk).update(language="en")
        person.language = "en"
        return client_for(person)

    return make


def member_ids(group: Group) -> set[int]:
    return set(
        Membership.objects.filter(group=group, state=Membership.State.ACTIVE).values_list(
            "person_id", flat=True
        )
    )


@pytest.fixture
def techniek():
    """A department with a sub-department, people in both, and people who do not count."""
    techniek = DepartmentFactory(name="Techniek")
    service = DepartmentFactory(name="Service", parent=techniek)
    people = {
        "head": PersonFactory(department=techniek),
        "mechanic": PersonFactory(department=service),
        "elsewhere": PersonFactory(department=DepartmentFactory(name="Verkoop")),
        "alumnus": PersonFactory(department=techniek, status=Person.Status.ALUMNUS),
        "not_yet": PersonFactory(department=service, status=Person.Status.INVITED),
    }
    return techniek, service, people


def test_a_department_gets_a_group_with_exactly_its_active_people(techniek):
    department, service, people = techniek

    groups.sync_people_groups()

    group = Group.objects.get(department=department)
    assert group.kind == Group.Kind.DEPARTMENT
    assert group.visibility == Group.Visibility.OPEN
    assert member_ids(group) == {people["head"].pk, people["mechanic"].pk}
    assert member_ids(Group.objects.get(department=service)) == {people["mechanic"].pk}
    assert all(m.synced for m in Membership.objects.filter(group=group))


def test_a_location_gets_a_group_with_the_people_who_work_there():
    depot = LocationFactory(name="Depot Amersfoort")
    there = PersonFactory(location=depot)
    PersonFactory(location=LocationFactory(name="Kantoor Zwolle"))

    groups.sync_people_groups()

    group = Group.objects.get(location=depot)
    assert group.kind == Group.Kind.LOCATION
    assert member_ids(group) == {there.pk}


def test_someone_who_moves_department_changes_group_on_the_next_sync(techniek):
    department, service, people = techniek
    groups.sync_people_groups()
    verkoop = people["elsewhere"].department
    mechanic = people["mechanic"]

    mechanic.department = verkoop
    mechanic.save(update_fields=["department"])
    summary = groups.sync_people_groups()

    assert mechanic.pk not in member_ids(Group.objects.get(department=department))
    assert mechanic.pk not in member_ids(Group.objects.get(department=service))
    assert mechanic.pk in member_ids(Group.objects.get(department=verkoop))
    assert summary["removed"] == 2 and summary["added"] == 1


def test_someone_who_is_offboarded_leaves_the_synced_groups(techniek):
    department, _service, people = techniek
    groups.sync_people_groups()

    offboard_person(people["head"], by=None)
    groups.sync_people_groups()

    assert people["head"].pk not in member_ids(Group.objects.get(department=department))


def test_members_who_joined_by_hand_are_kept(techniek, employee):
    department, _service, people = techniek
    groups.sync_people_groups()
    group = Group.objects.get(department=department)

    groups.join(group, employee)  # a colleague from elsewhere who wants to read along
    groups.sync_people_groups()

    assert member_ids(group) == {people["head"].pk, people["mechanic"].pk, employee.pk}
    assert not groups.membership_of(group, employee).synced


def test_a_second_sync_changes_nothing(techniek):
    groups.sync_people_groups()
    again = groups.sync_people_groups()
    assert (again["created"], again["added"], again["removed"]) == (0, 0, 0)


def test_a_synced_member_cannot_leave_by_hand(client_for, employee):
    groups.sync_people_groups()
    group = Group.objects.get(department=employee.department)
    client = client_for(employee)

    leave_url = reverse("community:leave_group", args=[group.slug])
    page = client.get(reverse("community:group", args=[group.slug]))
    assert page.status_code == 200
    assert f'action="{leave_url}"' not in page.content.decode()

    response = client.post(leave_url, follow=True)

    assert groups.is_active_member(group, employee)
    notices = [str(m) for m in response.context["messages"]]
    assert notices == ["You are in this group because of your department or location."]


def test_an_admin_cannot_remove_a_synced_member_either(client_for, employee, community_manager):
    groups.sync_people_groups()
    group = Group.objects.get(department=employee.department)

    response = client_for(community_manager).post(
        reverse("community:manage_member", args=[group.slug, employee.pk]),
        {"action": "remove"},
        follow=True,
    )

    assert groups.is_active_member(group, employee)
    assert any("department or location" in str(m) for m in response.context["messages"])


def test_the_task_runs_the_sync(techniek):
    department, _service, people = techniek
    summary = sync_people_groups_task.call()
    assert summary["created"] >= 3
    assert member_ids(Group.objects.get(department=department)) == {
        people["head"].pk,
        people["mechanic"].pk,
    }


def test_the_command_prints_what_it_changed(techniek):
    out = io.StringIO()
    call_command("sync_groups", "--language", "en", stdout=out)
    assert "3 groups created. 4 members added. 0 members removed." in out.getvalue()

    out = io.StringIO()
    call_command("sync_groups", "--language", "en", stdout=out)
    assert "0 groups created. 0 members added. 0 members removed." in out.getvalue()
