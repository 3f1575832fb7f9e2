"""Alumni: offboarded people land in the Alumni group by themselves, see the vacancies and can
refer; an application from an alumnus is marked as a returning colleague."""

import pytest
from django.urls import reverse

from plein.careers.models import Application
from plein.careers.services.alumni import ALUMNI_SLUG, sync_alumni_group
from plein.careers.tasks import sync_alumni_group as sync_task
from plein.community.models import Group, Membership
from plein.people.models import Person
from tests.careers.applying import apply

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]


def alumni_members() -> set[int]:
    return set(
        Membership.objects.filter(group__slug=ALUMNI_SLUG, state="active").values_list(
            "person_id", flat=True
        )
    )


def test_offboarding_puts_the_person_in_the_alumni_group(client_for, employee, recruiter):
    response = client_for(recruiter).post(reverse("people:offboard", args=[employee.pk]))
    assert response.status_code == 302
    assert alumni_members() == {employee.pk}
    group = Group.objects.get(slug=ALUMNI_SLUG)
    assert group.visibility == Group.Visibility.CLOSED
    # Offboarding twice changes nothing.
    client_for(recruiter).post(reverse("people:offboard", args=[employee.pk]))
    assert Membership.objects.filter(group=group).count() == 1


def test_the_daily_sync_adds_alumni_made_another_way(alumnus, employee):
    assert alumni_members() == set()
    assert sync_task.call() == 1
    assert alumni_members() == {alumnus.pk}
    assert sync_alumni_group() == 0


def test_an_alumnus_sees_the_referral_pages_and_the_vacancies(client_for, alumnus, open_vacancy):
    client = client_for(alumnus)
    home = client.get("/")
    assert reverse("careers:my_referrals") in home.text
    page = client.get(reverse("careers:my_referrals"))
    assert page.status_code == 200
    assert open_vacancy.title_nl in page.text
    assert reverse("careers:share", args=[open_vacancy.pk]) in page.text
    assert client.get(reverse("careers:vacancy", args=[open_vacancy.slug])).status_code == 200
    # Still nothing internal.
    assert client.get(reverse("people:directory")).status_code == 403


def test_an_application_from_an_alumnus_is_a_returning_colleague(
    client, client_for, alumnus, recruiter, open_vacancy
):
    apply(client, open_vacancy, name="Olga Dekker", email=alumnus.email.upper())
    application = Application.objects.get()
    assert application.returning_colleague == alumnus
    hr = client_for(recruiter)
    detail = hr.get(reverse("careers:application", args=[application.pk]))
    assert "badge--info" in detail.text
    listing = hr.get(reverse("careers:applications"))
    assert "badge--info" in listing.text


def test_an_active_employee_applying_is_no_returning_colleague(client, employee, open_vacancy):
    apply(client, open_vacancy, email=employee.email)
    assert Application.objects.get().returning_colleague is None
    assert Person.objects.get(pk=employee.pk).status == Person.Status.ACTIVE
