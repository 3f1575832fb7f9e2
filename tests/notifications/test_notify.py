"""Creating in-app notifications: `notify`, batching, the community's events, fan-out."""

import pytest

from plein.community.models import Group
from plein.community.services import conversation, groups, posts
from plein.notifications import services
from plein.notifications.models import Delivery, EmailState, FanOut, Kind, Notification
from plein.notifications.services import notify
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def mention(person) -> str:
    return f"@[{person.first_name}](p:{person.pk})"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what `notify` defers to the commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_mention_in_a_post_notifies_the_person_once_it_commits(employee, manager, on_commit):
    with on_commit():
        post = posts.publish_post(manager, f"Goed werk {mention(employee)}!")
    [notification] = Notification.objects.filter(recipient=employee)
    assert notification.kind == Kind.MENTION
    assert notification.actor == manager
    assert notification.post == post
    assert notification.url == f"/posts/{post.pk}/"
    assert notification.title == f"Goed werk @{employee.first_name}!"
    assert notification.email_state == EmailState.PENDING  # addressed: mailed at once
    assert services.unread_count(employee) == 1
    assert not Notification.objects.filter(recipient=manager).exists()


def test_nothing_is_written_when_the_content_is_not_committed(employee, manager):
    # The test's transaction never commits: what `notify` deferred never runs.
    posts.publish_post(manager, f"Hoi {mention(employee)}")
    assert not Notification.objects.exists()


def test_the_actor_is_never_told_of_their_own_action(employee, on_commit):
    with on_commit():
        post = posts.publish_post(employee, f"Notitie aan mezelf {mention(employee)}")
        conversation.add_comment(post, employee, "En nog een reactie van mezelf")
    assert not Notification.objects.exists()


def test_people_who_are_not_active_members_are_skipped(employee, alumnus, outsider, on_commit):
    with on_commit():
        notify(
            [alumnus, outsider, employee.pk],
            kind=Kind.ANNOUNCEMENT,
            actor=None,
            url="/a/",
            title="Nieuwe cao",
        )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [employee.pk]


def test_a_busy_thread_grows_one_notification_with_distinct_actors(employee, on_commit):
    with on_commit():
        post = posts.publish_post(employee, "Wie heeft er tips voor de nieuwe planning?")
    commenters = [PersonFactory() for _ in range(5)]
    for commenter in commenters:
        with on_commit():
            conversation.add_comment(post, commenter, "Ik!")
    with on_commit():
        conversation.add_comment(post, commenters[0], "Nog een keer ik")
    [notification] = Notification.objects.filter(recipient=employee)
    assert notification.kind == Kind.COMMENT
    assert notification.actor_count == 5
    assert notification.actor == commenters[0]


def test_once_read_the_next_comment_starts_a_new_notification(employee, manager, on_commit):
    with on_commit():
        post = posts.publish_post(employee, "Vraag over de roosters")
        conversation.add_comment(post, manager, "Antwoord één")
    services.mark_all_read(employee)
    with on_commit():
        conversation.add_comment(post, manager, "Antwoord twee")
    assert Notification.objects.filter(recipient=employee).count() == 2
    assert services.unread_count(employee) == 1


def test_a_reply_tells_the_comment_author_and_the_post_author_once_each(
    employee, manager, community_manager, on_commit
):
    with on_commit():
        post = posts.publish_post(employee, "Ons nieuwe kantoor")
        parent = conversation.add_comment(post, manager, "Mooi!")
        conversation.add_comment(post, community_manager, "Eens", parent=parent)
    kinds = dict(Notification.objects.values_list("recipient_id", "kind"))
    assert kinds[manager.pk] == Kind.REPLY
    assert kinds[employee.pk] == Kind.COMMENT
    assert Notification.objects.filter(recipient=employee).count() == 1
    assert Notification.objects.get(recipient=employee).actor_count == 2


def test_a_mention_in_a_comment_beats_the_comment_notification(employee, manager, on_commit):
    with on_commit():
        post = posts.publish_post(employee, "Het plan voor Q3")
        conversation.add_comment(post, manager, f"{mention(employee)} kijk je hier even naar?")
    [notification] = Notification.objects.filter(recipient=employee)
    assert notification.kind == Kind.MENTION
    assert notification.excerpt == f"@{employee.first_name} kijk je hier even naar?"


def test_someone_newly_mentioned_in_an_edit_is_told(employee, manager, on_commit):
    with on_commit():
        post = posts.publish_post(manager, "Het overleg is verplaatst")
    assert not Notification.objects.exists()
    with on_commit():
        posts.edit_post(post, f"Het overleg is verplaatst, {mention(employee)}", by=manager)
    assert Notification.objects.get(recipient=employee).kind == Kind.MENTION


def test_a_group_invitation_is_a_notification(employee, manager, on_commit):
    group = groups.create_group(by=manager, name="Kernteam", visibility=Group.Visibility.SECRET)
    with on_commit():
        groups.invite(group, employee, by=manager)
    notification = Notification.objects.get(recipient=employee)
    assert notification.kind == Kind.INVITATION
    assert notification.group == group
    assert notification.title == "Kernteam"


def test_a_mention_in_a_closed_group_does_not_reach_someone_who_cannot_read_it(
    employee, manager, on_commit
):
    group = groups.create_group(by=manager, name="Directie", visibility=Group.Visibility.CLOSED)
    with on_commit():
        posts.publish_post(manager, f"Over {mention(employee)}", group=group)
    assert not Notification.objects.exists()


def test_muted_groups_give_no_notifications(employee, manager, on_commit):
    group = groups.create_group(by=manager, name="Fietsclub", visibility=Group.Visibility.OPEN)
    groups.join(group, employee)
    services.mute_group(employee, group)
    with on_commit():
        posts.publish_post(manager, f"Rit zaterdag {mention(employee)}", group=group)
    assert not Notification.objects.exists()
    services.mute_group(employee, group, muted=False)
    with on_commit():
        posts.publish_post(manager, f"Rit zondag {mention(employee)}", group=group)
    assert Notification.objects.filter(recipient=employee).count() == 1


def test_a_kind_switched_off_is_not_created_and_in_app_only_is_not_mailed(
    employee, manager, on_commit
):
    services.set_delivery(employee, Kind.MENTION, Delivery.OFF)
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(employee)}")
    assert not Notification.objects.exists()
    services.set_delivery(employee, Kind.MENTION, Delivery.IN_APP)
    with on_commit():
        posts.publish_post(manager, f"Nog eens hoi {mention(employee)}")
    assert Notification.objects.get(recipient=employee).email_state == EmailState.NONE


def test_a_large_audience_is_handed_to_the_worker_and_delivered_once(employee, on_commit):
    people = [PersonFactory() for _ in range(services.FAN_OUT_ABOVE + 5)]
    with on_commit():
        notify(
            [*people, employee],
            kind=Kind.ANNOUNCEMENT,
            actor=employee,
            url="/x/",
            title="Nieuwe cao",
        )
    # The author's side wrote one row; the notifications come from the worker.
    assert not Notification.objects.exists()
    fan_out = FanOut.objects.get()
    assert len(fan_out.recipient_ids) == len(people)
    assert services.deliver_fan_out_now(fan_out.pk) == len(people)
    # A worker killed before it marked the fan-out done runs it again: nothing new.
    FanOut.objects.filter(pk=fan_out.pk).update(done_at=None)
    assert services.deliver_fan_out_now(fan_out.pk) == 0
    assert Notification.objects.count() == len(people)
    assert Notification.objects.filter(recipient=people[0]).get().actor_count == 1


def test_an_unknown_kind_is_refused(employee):
    with pytest.raises(ValueError):
        notify([employee], kind="gossip", actor=None, url="/", title="x")


def test_anonymous_events_batch_without_naming_anyone(employee, on_commit):
    for _ in range(3):
        with on_commit():
            notify(
                [employee],
                kind=Kind.BOARD_QUESTION,
                actor=None,
                url="/board/",
                title="Een vraag",
                thread_key="board_round:1",
            )
    [notification] = Notification.objects.all()
    assert notification.actor is None
    assert notification.actor_count == 3
    assert notification.actor_ids == []
