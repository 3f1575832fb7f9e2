"""Who may send an announcement to whom, and who receives it (receipts written once)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plein.announcements import services
from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.community.models import Group, Post
from plein.community.services import groups
from plein.notifications.models import Kind, Notification
from plein.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def recipients(announcement: Announcement) -> set[str]:
    return set(
        AnnouncementReceipt.objects.filter(announcement=announcement).values_list(
            "person__email", flat=True
        )
    )


def send(author: Person, **kwargs) -> Announcement:  # type: ignore[no-untyped-def]
    kwargs.setdefault("title", "Nieuw rooster")
    kwargs.setdefault("text", "Vanaf maandag werken we met het nieuwe rooster.")
    kwargs.setdefault("audience", Audience.ORGANISATION)
    return services.send_announcement(author, **kwargs)


def test_an_employee_may_not_announce_to_the_organisation(employee):
    with pytest.raises(PermissionDenied):
        send(employee)
    assert not Post.objects.exists()


@pytest.mark.parametrize("persona", ["manager", "community_manager", "recruiter"])
def test_managers_community_managers_and_hr_announce_to_the_organisation(
    request, persona, employee, seller
):
    author = request.getfixturevalue(persona)
    announcement = send(author)
    assert announcement.post.kind == Post.Kind.ANNOUNCEMENT
    assert announcement.post.group is None
    assert {employee.email, seller.email} <= recipients(announcement)
    assert author.email not in recipients(announcement)  # never a recipient of oneself


def test_a_group_admin_announces_to_their_group_only(employee, seller):
    choir = groups.create_group(by=employee, name="Koor", visibility=Group.Visibility.CLOSED)
    groups.join(choir, seller)
    groups.approve(choir, seller, by=employee)
    announcement = send(employee, audience=Audience.GROUP, group=choir)
    assert announcement.post.group == choir
    assert recipients(announcement) == {seller.email}
    with pytest.raises(PermissionDenied):
        send(employee, audience=Audience.ORGANISATION)
    other = groups.create_group(by=seller, name="Hardlopen")
    groups.join(other, employee)
    with pytest.raises(PermissionDenied):  # a member, not an admin
        send(employee, audience=Audience.GROUP, group=other)


def test_a_department_announcement_reaches_the_department_and_its_sub_departments(
    community_manager, seller, sales_team, employee
):
    team_member = PersonFactory(department=sales_team)
    announcement = send(
        community_manager, audience=Audience.DEPARTMENTS, departments=[seller.department]
    )
    assert recipients(announcement) == {seller.email, team_member.email}
    assert employee.email not in recipients(announcement)
    # The post itself is organisation-wide: readable by everyone, addressed to the department.
    assert Post.objects.visible_to(employee).filter(pk=announcement.pk).exists()


def test_a_location_announcement_reaches_the_people_at_that_location(
    manager, seller, zwolle, employee
):
    announcement = send(manager, audience=Audience.LOCATIONS, locations=[zwolle])
    assert recipients(announcement) == {seller.email}


def test_flexible_workers_receive_it_only_when_the_sender_includes_them(
    community_manager, seller, flexible_seller
):
    without = send(
        community_manager, audience=Audience.DEPARTMENTS, departments=[seller.department]
    )
    assert recipients(without) == {seller.email}
    including = send(
        community_manager,
        audience=Audience.DEPARTMENTS,
        departments=[seller.department],
        include_flexible=True,
    )
    assert recipients(including) == {seller.email, flexible_seller.email}


def test_people_who_left_do_not_receive_it(community_manager, employee, alumnus, outsider):
    announcement = send(community_manager)
    assert employee.email in recipients(announcement)
    assert alumnus.email not in recipients(announcement)
    assert outsider.email not in recipients(announcement)


def test_a_department_announcement_needs_a_department(community_manager):
    with pytest.raises(ValidationError) as error:
        send(community_manager, audience=Audience.DEPARTMENTS)
    assert error.value.error_list[0].code == "departments"
    assert not Post.objects.exists()


def test_the_title_and_text_pass_the_gate(community_manager):
    with pytest.raises(ValidationError):
        send(community_manager, title="x" * 151)
    with pytest.raises(ValidationError):
        send(community_manager, text="")
    assert not Post.objects.exists() and not Announcement.objects.exists()


def test_asking_for_a_confirmation_makes_it_a_must_read(community_manager, employee):
    announcement = send(community_manager, requires_acknowledgement=True)
    assert announcement.must_read


def test_recipients_are_notified_must_read_or_announcement(
    community_manager, employee, seller, on_commit
):
    with on_commit():
        must = send(community_manager, title="Verplicht", must_read=True)
        plain = send(community_manager, title="Ter info")
    kinds = dict(Notification.objects.filter(recipient=employee).values_list("thread_key", "kind"))
    assert kinds == {
        f"announcement:{must.pk}": Kind.MUST_READ,
        f"announcement:{plain.pk}": Kind.ANNOUNCEMENT,
    }
    notification = Notification.objects.get(recipient=seller, kind=Kind.MUST_READ)
    assert notification.url == f"/announcements/{must.pk}/"
    assert notification.title == "Verplicht"


def test_a_large_audience_is_delivered_by_the_worker_idempotently(
    community_manager, employee, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "DELIVER_INLINE_UP_TO", 1)
    PersonFactory.create_batch(3)
    enqueued: list[int] = []
    monkeypatch.setattr(services, "_enqueue_delivery", enqueued.append)
    with django_capture_on_commit_callbacks(execute=True):
        announcement = send(community_manager)
    assert enqueued == [announcement.pk]
    assert not AnnouncementReceipt.objects.exists()  # the author's request wrote none
    assert announcement.recipient_count == 4  # as expected at sending

    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliver(announcement.pk) == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliver(announcement.pk) == 0  # a second run changes nothing
    assert AnnouncementReceipt.objects.filter(announcement=announcement).count() == 4
    assert Notification.objects.filter(thread_key=f"announcement:{announcement.pk}").count() == 4
    announcement.refresh_from_db()
    assert announcement.delivered_at is not None


def test_receipts_half_written_by_a_killed_worker_are_completed_without_duplicates(
    community_manager, employee, seller
):
    announcement = send(community_manager)
    AnnouncementReceipt.objects.filter(announcement=announcement, person=seller).delete()
    Announcement.objects.filter(pk=announcement.pk).update(delivered_at=None)
    assert services.deliver(announcement.pk) == 2
    assert recipients(announcement) == {employee.email, seller.email}


def test_the_periodic_job_delivers_an_announcement_whose_task_was_lost(
    community_manager, employee, monkeypatch
):
    monkeypatch.setattr(services, "DELIVER_INLINE_UP_TO", 0)
    announcement = send(community_manager)
    assert services.deliver_waiting() == 0  # too recent: its task may still come
    Announcement.objects.filter(pk=announcement.pk).update(
        published_at=announcement.published_at - services.REDELIVER_AFTER * 2
    )
    assert services.deliver_waiting() == 1
    assert recipients(announcement) == {employee.email}
