"""The announcement pages: composing (who gets which choices), sending, the list for you."""

import pytest
from django.urls import reverse

from plein.announcements import services
from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.community.services import groups
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NEW = reverse("announcements:new")
INDEX = reverse("announcements:index")


def test_an_employee_who_administers_no_group_cannot_open_the_form(client_for, employee):
    assert client_for(employee).get(NEW).status_code == 403


def test_a_group_admin_can_only_choose_their_groups(client_for, employee, seller):
    choir = groups.create_group(by=employee, name="Koor")
    groups.create_group(by=seller, name="Niet van mij")
    response = client_for(employee).get(NEW)
    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _ in form.fields["audience"].choices] == [Audience.GROUP]
    assert list(form.fields["group"].queryset) == [choir]
    assert "departments" not in form.fields


def test_a_community_manager_sends_a_must_read_to_a_department(
    client_for, community_manager, seller, sales, employee
):
    response = client_for(community_manager).post(
        NEW,
        {
            "title": "Social media policy",
            "text": "Bekijk de video: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "audience": Audience.DEPARTMENTS,
            "departments": [sales.pk],
            "must_read": "on",
            "requires_acknowledgement": "on",
        },
    )
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("announcements:detail", args=[announcement.pk])
    assert announcement.must_read and announcement.requires_acknowledgement
    assert list(announcement.departments.all()) == [sales]
    assert list(AnnouncementReceipt.objects.values_list("person_id", flat=True)) == [seller.pk]
    page = client_for(seller).get(response["Location"])
    # The video link is a click-to-load player, like in any post.
    assert [video.provider for video in page.context["card"].videos] == ["YouTube"]


def test_a_form_error_is_shown_and_nothing_is_sent(client_for, manager):
    response = client_for(manager).post(
        NEW, {"title": "Zonder afdeling", "text": "Tekst", "audience": Audience.DEPARTMENTS}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["departments"]
    assert 'class="error-summary"' in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_list_shows_what_was_sent_to_you_with_its_state(
    client_for, community_manager, employee
):
    first = services.send_announcement(
        community_manager, title="Eerste", text="Een.", audience=Audience.ORGANISATION
    )
    services.send_announcement(
        community_manager, title="Tweede", text="Twee.", audience=Audience.ORGANISATION
    )
    services.mark_read(first, employee)
    response = client_for(employee).get(INDEX)
    receipts = response.context["receipts"]
    assert [(r.announcement.title, r.done_at is not None) for r in receipts] == [
        ("Tweede", False),
        ("Eerste", True),
    ]
    assert not response.context["show_sent"]


def test_the_sender_sees_their_announcements_with_the_share_read(
    client_for, community_manager, employee, seller
):
    announcement = services.send_announcement(
        community_manager, title="Nieuws", text="Nieuws.", audience=Audience.ORGANISATION
    )
    services.mark_read(announcement, employee)
    response = client_for(community_manager).get(INDEX)
    [(row, progress)] = response.context["sent_rows"]
    assert row == announcement
    assert (progress.recipients, progress.read, progress.read_percent) == (2, 1, 50)


def test_the_list_costs_the_same_queries_for_one_and_many(
    client_for, community_manager, employee, django_assert_max_num_queries
):
    client = client_for(community_manager)
    services.send_announcement(
        community_manager, title="Een", text="Een.", audience=Audience.ORGANISATION
    )
    client.get(INDEX)
    with django_assert_max_num_queries(10) as one:
        client.get(INDEX)
    PersonFactory.create_batch(5)
    for n in range(25):
        services.send_announcement(
            community_manager, title=f"Nummer {n}", text="Tekst.", audience=Audience.ORGANISATION
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(INDEX)
    assert len(response.context["sent_rows"]) == 20
    assert response.context["more_sent_url"]
