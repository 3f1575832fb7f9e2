"""The feed pages through HTTP: home (filters, pages, "N new posts"), topics, people, bookmarks,
autocomplete; and that a closed or secret group's content never reaches a non-member there."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.community.models import Group, Topic
from plein.community.services import conversation, groups, posts
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def closed_group(manager):
    return groups.create_group(
        by=manager,
        name="Project Noord",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )


@pytest.fixture
def secret_group(manager):
    return groups.create_group(
        by=manager, name="Reorganisatie Zuid", visibility=Group.Visibility.SECRET
    )


def body(response) -> str:
    return response.content.decode()


def feed_ids(response) -> list[int]:
    return [card.post.pk for card in response.context["cards"]]


# --- Home -----------------------------------------------------------------------------------


def test_home_shows_the_composer_and_the_feed_newest_first(client_for, employee, manager):
    conversation.follow_person(employee, manager)
    older = posts.publish_post(manager, "Eerste update van de week")
    newer = posts.publish_post(employee, "Ik ben **er** weer")
    response = client_for(employee).get(reverse("community:home"))
    assert response.status_code == 200
    html = body(response)
    assert 'action="/posts/new/"' in html
    assert 'enctype="multipart/form-data"' in html
    assert feed_ids(response) == [newer.pk, older.pk]
    assert "<strong>er</strong>" in html
    assert f'id="post-{newer.pk}"' in html


def test_an_empty_feed_teaches_what_to_do_first(client_for, employee):
    html = body(client_for(employee).get(reverse("community:home")))
    assert 'class="empty-state feed-welcome"' in html
    assert f'href="{reverse("people:directory")}"' in html
    assert f'href="{reverse("community:groups")}"' in html
    assert 'href="#composer-text"' in html  # write your first post: the composer's textarea
    assert 'id="composer-text"' in html


def test_alumni_keep_their_own_landing_page(client_for, alumnus):
    response = client_for(alumnus).get(reverse("community:home"))
    assert response.status_code == 200
    assert response.templates[0].name == "core/home.html"
    assert "data-composer " not in body(response)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("community:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_home_costs_the_same_queries_for_one_post_as_for_twenty(
    client_for, employee, manager, django_assert_max_num_queries
):
    conversation.follow_person(employee, manager)
    interest = groups.create_group(by=manager, name="Fietsen")
    groups.join(interest, employee)
    conversation.follow_topic(
        employee, Topic.objects.get_or_create(slug="veiligheid", name="veiligheid")[0]
    )
    posts.publish_post(manager, "Een #veiligheid update", group=interest)
    client = client_for(employee)
    client.get(reverse("community:home"))  # session and caches warmed up

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("community:home"))
        assert response.status_code == 200
        return len(queries)

    # 8 for the feed, + the bell's unread count (every page) + the pinned announcements look-up.
    with django_assert_max_num_queries(10):
        one = count()
    for n in range(19):
        posts.publish_post(manager, f"Update {n} over #veiligheid", group=interest)
    with django_assert_max_num_queries(10):
        twenty = count()
    assert twenty == one
    assert len(client.get(reverse("community:home")).context["cards"]) == 20


def test_older_posts_come_by_keyset_and_htmx_appends_only_the_cards(client_for, employee):
    made = [posts.publish_post(employee, f"Update {n}").pk for n in range(25)]
    client = client_for(employee)
    first = client.get(reverse("community:home"))
    assert feed_ids(first) == made[::-1][:20]
    more_url = first.context["more_url"]
    assert f"before={made[5]}" in more_url
    assert "Older posts" in body(first) or "Oudere berichten" in body(first)

    page = client.get(more_url)  # without JavaScript: a whole page
    assert feed_ids(page) == made[::-1][20:]
    assert "<html" in body(page)

    fragment = client.get(more_url, headers={**HTMX, "HX-Target": "feed-more"})
    assert "<html" not in body(fragment)
    assert 'class="feed__item"' in body(fragment)
    assert 'id="feed-more"' not in body(fragment)  # the last page has no further link
    assert fragment["Vary"].count("HX-Request") == 1


def test_the_filters_show_people_groups_or_a_topic(client_for, employee, manager):
    stranger = PersonFactory()
    conversation.follow_person(employee, manager)
    interest = groups.create_group(by=stranger, name="Fietsen")
    groups.join(interest, employee)
    from_person = posts.publish_post(manager, "Van de manager")
    in_group = posts.publish_post(stranger, "In de fietsgroep", group=interest)
    on_topic = posts.publish_post(stranger, "Over #veiligheid")
    conversation.follow_topic(employee, Topic.objects.get(slug="veiligheid"))
    client = client_for(employee)
    home = reverse("community:home")
    assert feed_ids(client.get(home, {"mode": "people"})) == [from_person.pk]
    assert feed_ids(client.get(home, {"mode": "groups"})) == [in_group.pk]
    topic_page = client.get(home, {"mode": "topic", "topic": "veiligheid"})
    assert feed_ids(topic_page) == [on_topic.pk]
    assert 'href="/feed/?mode=topic&amp;topic=veiligheid" aria-current="page"' in body(topic_page)
    assert feed_ids(client.get(home, {"mode": "nonsense"})) == [
        on_topic.pk,
        in_group.pk,
        from_person.pk,
    ]


def test_the_new_posts_notice_counts_what_arrived_since_the_newest_shown(
    client_for, employee, manager, closed_group
):
    conversation.follow_person(employee, manager)
    shown = posts.publish_post(manager, "Al gezien")
    client = client_for(employee)
    home = client.get(reverse("community:home"))
    poll = home.context["poll_url"]
    assert poll == f"{reverse('community:new_count')}?after={shown.pk}"
    assert f'hx-get="{poll}"' in body(home)
    assert 'hx-trigger="every 30s"' in body(home)

    nothing = client.get(poll, headers=HTMX)
    assert nothing.status_code == 200
    assert nothing.content == b""

    posts.publish_post(manager, "Nieuw 1")
    posts.publish_post(manager, "Nieuw 2")
    posts.publish_post(manager, "Alleen voor Noord", group=closed_group)  # not for employee
    two = client.get(poll, headers=HTMX)
    assert two.context["count"] == 2
    assert f'href="{reverse("community:home")}"' in body(two)
    assert "no-cache" in two["Cache-Control"]


# --- Visibility: a closed group's post never reaches a non-member ----------------------------


def test_a_closed_group_post_stays_off_a_non_members_home_and_topic_pages(
    client_for, employee, manager, closed_group
):
    secret = posts.publish_post(manager, "Offerte Noord #aanbesteding", group=closed_group)
    public = posts.publish_post(manager, "Iedereen mag dit lezen #aanbesteding")
    conversation.follow_person(employee, manager)
    client = client_for(employee)

    home = client.get(reverse("community:home"))
    assert feed_ids(home) == [public.pk]
    assert "Offerte Noord" not in body(home)

    topic = client.get(reverse("community:topic", args=["aanbesteding"]))
    assert feed_ids(topic) == [public.pk]
    assert topic.context["post_count"] == 1
    assert "Offerte Noord" not in body(topic)

    member = client_for(manager).get(reverse("community:topic", args=["aanbesteding"]))
    assert member.context["post_count"] == 2
    assert secret.pk in feed_ids(member)


def test_removing_a_member_hides_the_groups_posts_at_once(
    client_for, employee, manager, closed_group
):
    groups.join(closed_group, employee)
    groups.approve(closed_group, employee, by=manager)
    post = posts.publish_post(manager, "Voor de projectleden", group=closed_group)
    client = client_for(employee)
    assert feed_ids(client.get(reverse("community:home"))) == [post.pk]
    groups.remove_member(closed_group, employee, by=manager)
    assert feed_ids(client.get(reverse("community:home"))) == []
    assert client.get(reverse("community:post", args=[post.pk])).status_code == 404


def test_a_topic_nobody_may_read_still_renders_with_an_empty_state(
    client_for, employee, manager, closed_group
):
    posts.publish_post(manager, "Besloten plannen #intern gebruik", group=closed_group)
    response = client_for(employee).get(reverse("community:topic", args=["intern"]))
    assert response.status_code == 200
    assert response.context["post_count"] == 0
    assert 'class="empty-state"' in body(response)
    assert "Besloten plannen" not in body(response)


def test_a_person_page_shows_only_what_the_viewer_may_read_and_follows(
    client_for, employee, manager, closed_group
):
    public = posts.publish_post(manager, "Open update")
    posts.publish_post(manager, "Besloten update", group=closed_group)
    client = client_for(employee)
    page = client.get(reverse("community:person_posts", args=[manager.pk]))
    assert feed_ids(page) == [public.pk]
    assert page.context["following"] is False
    response = client.post(reverse("community:follow_person", args=[manager.pk]), {"follow": "1"})
    assert response.status_code == 302
    assert manager.followers.filter(follower=employee).exists()
    fragment = client.post(
        reverse("community:follow_person", args=[manager.pk]), {"follow": "0"}, headers=HTMX
    )
    assert 'aria-pressed="false"' in body(fragment)
    assert not manager.followers.filter(follower=employee).exists()


def test_following_a_topic_from_its_page(client_for, employee, manager):
    posts.publish_post(manager, "Over #warmtepompen")
    client = client_for(employee)
    response = client.post(
        reverse("community:follow_topic", args=["warmtepompen"]), {"follow": "1"}
    )
    assert response.status_code == 302
    assert client.get(reverse("community:topic", args=["warmtepompen"])).context["following"]


def test_bookmarks_list_only_posts_that_are_still_visible(
    client_for, employee, manager, closed_group
):
    groups.join(closed_group, employee)
    groups.approve(closed_group, employee, by=manager)
    kept = posts.publish_post(manager, "Handige instructie")
    hidden = posts.publish_post(manager, "Projectplan", group=closed_group)
    client = client_for(employee)
    for post in (kept, hidden):
        client.post(reverse("community:bookmark", args=[post.pk]))
    assert feed_ids(client.get(reverse("community:bookmarks"))) == [hidden.pk, kept.pk]
    groups.remove_member(closed_group, employee, by=manager)
    assert feed_ids(client.get(reverse("community:bookmarks"))) == [kept.pk]


# --- Autocomplete ---------------------------------------------------------------------------


def suggestions(client, name: str, query: str) -> list[dict[str, str]]:
    response = client.get(reverse(f"community:autocomplete_{name}"), {"q": query})
    assert response.status_code == 200
    return json.loads(response.content)


def test_mention_suggestions_give_the_exact_token_to_insert(client_for, employee, manager):
    found = suggestions(client_for(employee), "mentions", "mark")
    assert {"label": "Mark de Vries", "token": f"@[Mark de Vries](p:{manager.pk})"}.items() <= (
        found[0].items()
    )


def test_a_secret_group_is_only_suggested_to_its_members(
    client_for, employee, manager, secret_group
):
    assert suggestions(client_for(employee), "mentions", "reorganisatie") == []
    found = suggestions(client_for(manager), "mentions", "reorganisatie")
    assert [item["token"] for item in found] == [f"@[Reorganisatie Zuid](g:{secret_group.pk})"]


def test_topic_suggestions_only_come_from_posts_the_viewer_may_read(
    client_for, employee, manager, closed_group
):
    posts.publish_post(manager, "Over #warmtepompen")
    posts.publish_post(manager, "Geheim #warmtenet-noord", group=closed_group)
    assert [t["label"] for t in suggestions(client_for(employee), "topics", "#warm")] == [
        "#warmtepompen"
    ]
    assert [t["token"] for t in suggestions(client_for(manager), "topics", "warm")] == [
        "#warmtenet-noord",
        "#warmtepompen",
    ]


def test_alumni_get_no_suggestions(client_for, alumnus, employee):
    response = client_for(alumnus).get(reverse("community:autocomplete_mentions"), {"q": "anna"})
    assert response.status_code == 403
