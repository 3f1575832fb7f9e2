"""Reading an announcement: pinned on the home feed until read (or confirmed), "Mark as read",
"I have read and understood", and only for the people it was sent to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.announcements import services
from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.community.models import Group
from plein.community.services import groups, posts
from plein.people.models import Person

pytestmark = pytest.mark.django_db

HOME = reverse("community:home")


def send(author: Person, title: str = "Nieuw rooster", **kwargs) -> Announcement:  # type: ignore[no-untyped-def]
    kwargs.setdefault("audience", Audience.ORGANISATION)
    return services.send_announcement(author, title=title, text=f"Lees dit: {title}.", **kwargs)


def pinned_titles(client) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(HOME)
    assert response.status_code == 200
    return [card.extra.context.announcement.title for card in response.context["pinned_cards"]]


def test_an_announcement_is_pinned_until_it_is_marked_as_read(
    client_for, community_manager, employee
):
    announcement = send(community_manager)
    client = client_for(employee)
    html = client.get(HOME).content.decode()
    assert pinned_titles(client) == ["Nieuw rooster"]
    assert 'id="pinned-title"' in html
    assert f'action="/announcements/{announcement.pk}/read/"' in html

    response = client.post(reverse("announcements:read", args=[announcement.pk]), {"next": HOME})
    assert response.status_code == 302
    assert response["Location"].startswith(HOME)
    assert pinned_titles(client) == []
    receipt = AnnouncementReceipt.objects.get(announcement=announcement, person=employee)
    assert receipt.read_at is not None and receipt.done_at is not None


def test_opening_the_announcement_counts_as_reading_it(client_for, community_manager, employee):
    announcement = send(community_manager)
    client = client_for(employee)
    response = client.get(reverse("community:post", args=[announcement.pk]))
    assert response.status_code == 302  # the community's post page sends it to its own page
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Nieuw rooster" in response.content.decode()
    assert pinned_titles(client) == []


def test_a_must_read_with_confirmation_stays_pinned_until_confirmed(
    client_for, community_manager, employee
):
    announcement = send(
        community_manager, title="Social media policy", requires_acknowledgement=True
    )
    client = client_for(employee)
    page = client.get(reverse("announcements:detail", args=[announcement.pk])).content.decode()
    assert f'action="/announcements/{announcement.pk}/acknowledge/"' in page
    assert pinned_titles(client) == ["Social media policy"]  # opened, not yet confirmed
    receipt = AnnouncementReceipt.objects.get(announcement=announcement, person=employee)
    assert receipt.read_at is not None and receipt.acknowledged_at is None

    client.post(reverse("announcements:acknowledge", args=[announcement.pk]))
    assert pinned_titles(client) == []
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is not None and receipt.done_at is not None
    page = client.get(reverse("announcements:detail", args=[announcement.pk])).content.decode()
    assert "/acknowledge/" not in page
    assert "badge--success" in page


def test_marking_as_read_with_htmx_returns_the_new_state(client_for, community_manager, employee):
    announcement = send(community_manager)
    response = client_for(employee).post(
        reverse("announcements:read", args=[announcement.pk]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<form" not in html
    assert "badge--success" in html
    assert "<html" not in html  # only the part that changed


def test_someone_it_was_not_sent_to_sees_it_without_pin_or_button(
    client_for, community_manager, seller, employee
):
    announcement = send(
        community_manager, audience=Audience.DEPARTMENTS, departments=[seller.department]
    )
    client = client_for(employee)
    assert pinned_titles(client) == []
    page = client.get(reverse("announcements:detail", args=[announcement.pk]))
    assert page.status_code == 200  # an organisation-wide post: readable by every member
    assert "/read/" not in page.content.decode()
    response = client.post(reverse("announcements:read", args=[announcement.pk]))
    assert response.status_code == 403
    assert not AnnouncementReceipt.objects.filter(person=employee).exists()


def test_a_group_announcement_in_a_closed_group_stays_inside_the_group(
    client_for, employee, seller, manager
):
    board = groups.create_group(by=employee, name="Bestuur", visibility=Group.Visibility.CLOSED)
    groups.join(board, seller)
    groups.approve(board, seller, by=employee)
    announcement = send(employee, audience=Audience.GROUP, group=board)
    assert pinned_titles(client_for(seller)) == ["Nieuw rooster"]
    outsider = client_for(manager)
    assert pinned_titles(outsider) == []
    assert outsider.get(reverse("announcements:detail", args=[announcement.pk])).status_code == 404
    assert outsider.post(reverse("announcements:read", args=[announcement.pk])).status_code == 404


def test_a_deleted_announcement_is_no_longer_pinned(client_for, community_manager, employee):
    announcement = send(community_manager)
    posts.delete_post(announcement.post, by=community_manager)
    assert pinned_titles(client_for(employee)) == []


def test_at_most_five_are_pinned_with_a_link_to_the_rest(client_for, community_manager, employee):
    for n in range(7):
        send(community_manager, title=f"Bericht {n}")
    response = client_for(employee).get(HOME)
    titles = [c.extra.context.announcement.title for c in response.context["pinned_cards"]]
    assert titles == [f"Bericht {n}" for n in (6, 5, 4, 3, 2)]
    [(more_url, _more_label)] = response.context["pinned_more"]
    assert more_url == reverse("announcements:index")
    assert f'href="{more_url}"' in response.content.decode()
    # A pinned post is not shown a second time further down.
    feed_ids = [card.post.pk for card in response.context["cards"]]
    assert not set(feed_ids) & {c.post.pk for c in response.context["pinned_cards"]}


def test_the_home_page_costs_the_same_queries_with_one_or_five_pinned(
    client_for, community_manager, employee
):
    client = client_for(employee)
    client.get(HOME)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    send(community_manager, title="Een")
    one = count()
    for n in range(4):
        send(community_manager, title=f"Nog {n}", requires_acknowledgement=True)
    five = count()
    assert five == one
    assert len(client.get(HOME).context["pinned_cards"]) == 5


def test_the_author_sees_the_progress_on_the_card(client_for, community_manager, employee, seller):
    announcement = send(community_manager)
    services.mark_read(announcement, employee)
    page = client_for(community_manager).get(
        reverse("announcements:detail", args=[announcement.pk])
    )
    progress = page.context["card"].extra.context.progress
    assert (progress.recipients, progress.read) == (2, 1)
    assert reverse("announcements:reach", args=[announcement.pk]) in page.content.decode()
    # A recipient sees no progress of others.
    other = client_for(seller).get(reverse("announcements:detail", args=[announcement.pk]))
    assert other.context["card"].extra.context.progress is None
    assert "/reach/" not in other.content.decode()


def test_opening_the_announcement_marks_its_notification_read(
    client_for, community_manager, employee, django_capture_on_commit_callbacks
):
    from plein.notifications.models import Notification
    from plein.notifications.services import unread_count

    with django_capture_on_commit_callbacks(execute=True):
        announcement = send(community_manager)
    assert unread_count(employee) == 1
    client = client_for(employee)
    assert client.get(reverse("announcements:detail", args=[announcement.pk])).status_code == 200
    assert unread_count(employee) == 0
    note = Notification.objects.get(recipient=employee, post_id=announcement.pk)
    assert note.read_at is not None
