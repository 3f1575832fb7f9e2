import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plein.community.models import Group, Post
from plein.community.services import conversation, feeds, groups, posts
from plein.community.services.gate import pass_gate
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_group(manager):
    return groups.create_group(
        by=manager,
        name="Project Noord",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )


def test_the_gate_renders_safe_markdown_and_extracts_mentions_and_topics(employee, manager):
    gated = pass_gate(
        f"**Let op** @[Mark](p:{manager.pk}) over #Warmtepompen <script>alert(1)</script>",
        author=employee,
        max_length=1000,
    )
    assert "<strong>Let op</strong>" in gated.html
    assert "<script>" not in gated.html
    assert "&lt;script&gt;" in gated.html
    assert gated.mentioned_person_ids == [manager.pk]
    assert gated.topic_names == ["Warmtepompen"]
    assert f'href="/people/{manager.pk}/"' in gated.html


def test_the_gate_refuses_empty_and_too_long_text(employee):
    with pytest.raises(ValidationError):
        pass_gate("   ", author=employee, max_length=10)
    with pytest.raises(ValidationError):
        pass_gate("x" * 11, author=employee, max_length=10)


def test_a_mention_of_someone_who_does_not_exist_is_refused(employee):
    with pytest.raises(ValidationError):
        posts.publish_post(employee, "Hoi @[Niemand](p:999999)")
    assert not Post.objects.exists()


def test_closed_group_posts_are_for_members_only(employee, manager, closed_group):
    post = posts.publish_post(manager, "Geheim plan #noord", group=closed_group)
    assert not Post.objects.visible_to(employee).filter(pk=post.pk).exists()
    assert Post.objects.visible_to(manager).filter(pk=post.pk).exists()
    groups.join(closed_group, employee)  # a request, not yet membership
    assert not Post.objects.visible_to(employee).filter(pk=post.pk).exists()
    groups.approve(closed_group, employee, by=manager)
    assert Post.objects.visible_to(employee).filter(pk=post.pk).exists()
    groups.remove_member(closed_group, employee, by=manager)
    assert not Post.objects.visible_to(employee).filter(pk=post.pk).exists()


def test_moving_a_post_into_a_closed_group_hides_it_at_once(employee, manager, closed_group):
    post = posts.publish_post(manager, "Eerst voor iedereen")
    assert Post.objects.visible_to(employee).filter(pk=post.pk).exists()
    posts.move_post(post, closed_group, by=manager)
    assert not Post.objects.visible_to(employee).filter(pk=post.pk).exists()


def test_the_home_feed_holds_own_followed_people_groups_and_topics(employee, manager):
    stranger = PersonFactory()
    own = posts.publish_post(employee, "Mijn eigen update")
    followed = posts.publish_post(manager, "Van de manager")
    unrelated = posts.publish_post(stranger, "Van iemand anders")
    interest = groups.create_group(by=stranger, name="Fietsen")
    in_group = posts.publish_post(stranger, "In de fietsgroep", group=interest)
    on_topic = posts.publish_post(stranger, "Over #veiligheid")
    conversation.follow_person(employee, manager)
    groups.join(interest, employee)
    from plein.community.models import Topic

    conversation.follow_topic(employee, Topic.objects.get(slug="veiligheid"))
    page = feeds.home_feed(employee)
    assert [p.pk for p in page.posts] == [on_topic.pk, in_group.pk, followed.pk, own.pk]
    assert unrelated.pk not in [p.pk for p in page.posts]


def test_feed_pages_follow_each_other_without_gaps(employee):
    made = [posts.publish_post(employee, f"Update {n}").pk for n in range(45)]
    seen: list[int] = []
    cursor = None
    while True:
        page = feeds.home_feed(employee, before=cursor)
        seen.extend(p.pk for p in page.posts)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == sorted(made, reverse=True)


def test_one_reaction_per_person_and_reacting_again_changes_it(employee, manager):
    post = posts.publish_post(manager, "Mooi werk")
    conversation.react(employee, "like", post=post)
    conversation.react(employee, "thanks", post=post)
    assert list(post.reactions.values_list("kind", flat=True)) == ["thanks"]
    with pytest.raises(ValidationError):
        conversation.react(employee, "angry", post=post)


def test_non_members_cannot_comment_on_closed_group_posts(employee, manager, closed_group):
    post = posts.publish_post(manager, "Alleen voor leden", group=closed_group)
    with pytest.raises(PermissionDenied):
        conversation.add_comment(post, employee, "Mag ik meedoen?")


def test_a_blocked_status_shows_on_the_project_group(manager, closed_group):
    posts.publish_post(
        manager,
        "Wacht op onderdelen",
        group=closed_group,
        kind=Post.Kind.WORKING_ON,
        project_status="blocked",
    )
    closed_group.refresh_from_db()
    assert closed_group.project_status == "blocked"


def test_a_mention_brings_the_post_into_the_mentioned_persons_feed(employee, manager):
    stranger = PersonFactory()
    post = posts.publish_post(stranger, f"Kun jij hiernaar kijken @[Anna](p:{employee.pk})?")
    assert post.pk in [p.pk for p in feeds.home_feed(employee).posts]
    assert post.pk not in [p.pk for p in feeds.home_feed(manager).posts]
