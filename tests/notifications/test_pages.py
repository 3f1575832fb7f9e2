"""The notifications pages: the bell, the list, marking read, settings, group mutes, unsubscribe.

People here read Plein in English where a test looks at words (the Dutch translations are
added at the end); counts and links are language-independent.
"""

import html5lib
import pytest
from django.core.cache import cache
from django.test import Client

from plein.community.models import Group, Post
from plein.community.services import groups, posts
from plein.notifications import services
from plein.notifications.mail import unsubscribe_token
from plein.notifications.models import (
    Delivery,
    DigestFrequency,
    GroupMute,
    Kind,
    MailSettings,
    Notification,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader(employee):
    employee.language = "en"
    employee.save(update_fields=["language"])
    return employee


def make_notifications(recipient, count, *, post=None, kind=Kind.MENTION, group=None, start=0):
    for index in range(start, start + count):
        actor = PersonFactory(first_name=f"Actor{index}", last_name="Test")
        services.deliver(
            [recipient.pk],
            services.Payload(
                kind=kind,
                actor_id=actor.pk,
                url=f"/somewhere/{index}/",
                title=f"Title {index}",
                excerpt=f"Excerpt {index}",
                post_id=post.pk if post else None,
                group_id=group.pk if group else None,
                thread_key=f"t:{index}",
            ),
        )


def test_the_bell_shows_the_unread_count_with_accessible_text(client_for, reader):
    make_notifications(reader, 3)
    page = client_for(reader).get("/people/").content.decode()
    assert 'class="bell__badge" aria-hidden="true">3<' in page
    assert "Notifications, 3 unread" in page
    assert 'href="/notifications/"' in page


def test_the_bell_is_not_shown_to_people_without_internal_access(client, alumnus, client_for):
    page = client_for(alumnus).get("/").content.decode()
    assert "bell__state" not in page


def test_the_list_reads_in_whole_sentences_and_marks_unread_with_a_word(client_for, reader):
    make_notifications(reader, 2)
    notification = Notification.objects.filter(recipient=reader).order_by("id").first()
    services.deliver(
        [reader.pk],
        services.Payload(
            kind=Kind.MENTION,
            actor_id=PersonFactory(first_name="Bram").pk,
            url="/somewhere/0/",
            title="Title 0",
            excerpt="",
            post_id=None,
            group_id=None,
            thread_key="t:0",
        ),
    )
    page = client_for(reader).get("/notifications/").content.decode()
    assert "Bram" in page and "and 1 other person mentioned you" in page
    assert page.count('notification__new">New<') == 2
    assert f'href="/notifications/{notification.pk}/open/"' in page


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_number_of_queries_however_many_notifications(
    client_for, reader, django_assert_max_num_queries, count
):
    group = groups.create_group(by=reader, name="Team", visibility=Group.Visibility.CLOSED)
    post = posts.publish_post(reader, "In de groep", group=group)
    make_notifications(reader, count, post=post, group=group)
    client = client_for(reader)
    client.get("/notifications/")  # warm the session and the bell's cache
    with django_assert_max_num_queries(6):
        response = client.get("/notifications/")
    assert response.content.decode().count('class="notification ') == min(count, 30)


def test_older_notifications_come_by_keyset(client_for, reader):
    make_notifications(reader, 35)
    client = client_for(reader)
    first = client.get("/notifications/").content.decode()
    assert "Actor34 Test" in first and "Actor4 Test" not in first
    link = first.split('href="/notifications/?before=')[1].split('"')[0]
    second = client.get(f"/notifications/?before={link}").content.decode()
    assert "Actor4 Test" in second and "Actor0 Test" in second and "Actor5 Test" not in second
    fragment = client.get(f"/notifications/?before={link}", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "Actor0 Test" in fragment.content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_content(client_for, reader):
    make_notifications(reader, 2)
    notification = Notification.objects.filter(recipient=reader).first()
    client = client_for(reader)
    assert services.unread_count(reader) == 2
    response = client.get(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert services.unread_count(reader) == 1
    assert "Notifications, 1 unread" in client.get("/notifications/").content.decode()


def test_nobody_opens_someone_elses_notification(client_for, reader, manager):
    make_notifications(reader, 1)
    notification = Notification.objects.get()
    assert client_for(manager).get(f"/notifications/{notification.pk}/open/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_works_without_javascript_and_with_htmx(client_for, reader):
    make_notifications(reader, 3)
    client = client_for(reader)
    response = client.post("/notifications/read-all/")
    assert response.status_code == 302
    assert services.unread_count(reader) == 0
    assert "Notifications, none unread" in client.get("/notifications/").content.decode()
    make_notifications(reader, 1)
    response = client.post("/notifications/read-all/", headers={"HX-Request": "true"})
    assert response["HX-Trigger"] == "notifications-read"
    assert "notification--unread" not in response.content.decode()
    assert services.unread_count(reader) == 0


def test_mark_all_as_read_is_post_only(client_for, reader):
    make_notifications(reader, 1)
    assert client_for(reader).get("/notifications/read-all/").status_code == 405
    assert services.unread_count(reader) == 1


def test_the_bell_poll_answers_204_until_something_changes(client_for, reader):
    client = client_for(reader)
    htmx = {"HX-Request": "true"}
    stamp = services.bell_state(reader).stamp
    assert client.get(f"/notifications/bell/?seen={stamp}", headers=htmx).status_code == 204
    make_notifications(reader, 1)
    response = client.get(f"/notifications/bell/?seen={stamp}", headers=htmx)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-new"
    body = response.content.decode()
    assert "Notifications, 1 unread" in body
    new_stamp = services.bell_state(reader).stamp
    assert f"seen={new_stamp}" in body
    assert response["Cache-Control"].startswith("max-age=0")
    # Without htmx it is just the way to the list.
    assert client.get("/notifications/bell/").status_code == 302


def test_a_notification_about_a_post_moved_into_a_closed_group_disappears(
    client_for, reader, manager, django_capture_on_commit_callbacks
):
    post = posts.publish_post(manager, "Voor iedereen")
    make_notifications(reader, 1, post=post)
    client = client_for(reader)
    assert "Title 0" in client.get("/notifications/").content.decode()
    group = groups.create_group(by=manager, name="Klein team", visibility=Group.Visibility.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        posts.move_post(post, group, by=manager)
    page = client.get("/notifications/").content.decode()
    assert "Title 0" not in page
    assert "Notifications, none unread" in page  # the bell follows at once
    assert client.get(f"/notifications/{Notification.objects.get().pk}/open/").status_code == 404


def test_a_deleted_post_takes_its_notifications_out_of_the_list(
    client_for, reader, manager, django_capture_on_commit_callbacks
):
    post = posts.publish_post(manager, "Even iets")
    make_notifications(reader, 1, post=post)
    with django_capture_on_commit_callbacks(execute=True):
        posts.delete_post(post, by=manager)
    assert Post.objects.get().deleted_at is not None
    page = client_for(reader).get("/notifications/").content.decode()
    assert "Title 0" not in page
    assert "Notifications, none unread" in page


def test_the_pages_are_well_formed_html(client_for, reader, manager):
    group = groups.create_group(by=manager, name="Lunchclub", visibility=Group.Visibility.OPEN)
    make_notifications(reader, 3, group=group)
    services.mute_group(reader, group)
    services.mute_group(reader, group, muted=False)
    client = client_for(reader)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for url in (
        "/notifications/",
        "/notifications/settings/",
        f"/notifications/groups/{group.pk}/",
        f"/notifications/unsubscribe/{unsubscribe_token(reader)}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        parser.parse(response.content.decode())


def test_settings_save_per_kind_and_the_digest_frequency(client_for, reader):
    client = client_for(reader)
    page = client.get("/notifications/settings/").content.decode()
    assert "Mentions of you" in page
    data = {f"kind_{kind}": delivery for kind, delivery in services.deliveries_of(reader).items()}
    data["kind_new_article"] = Delivery.OFF
    data["kind_mention"] = Delivery.DIGEST
    data["digest"] = DigestFrequency.WEEKLY
    response = client.post("/notifications/settings/", data)
    assert response.status_code == 302
    deliveries = services.deliveries_of(reader)
    assert deliveries[Kind.NEW_ARTICLE] == Delivery.OFF
    assert deliveries[Kind.MENTION] == Delivery.DIGEST
    assert deliveries[Kind.REPLY] == Delivery.IMMEDIATE
    assert MailSettings.objects.get(person=reader).digest == DigestFrequency.WEEKLY


def test_settings_refuse_an_unknown_choice(client_for, reader):
    data = {f"kind_{kind}": delivery for kind, delivery in services.deliveries_of(reader).items()}
    data["kind_mention"] = "carrier-pigeon"
    data["digest"] = DigestFrequency.DAILY
    response = client_for(reader).post("/notifications/settings/", data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert services.deliveries_of(reader)[Kind.MENTION] == Delivery.IMMEDIATE


def test_a_group_is_muted_from_its_page_and_unmuted_from_the_settings(client_for, reader, manager):
    group = groups.create_group(by=manager, name="Lunchclub", visibility=Group.Visibility.OPEN)
    client = client_for(reader)
    group_page = client.get(f"/groups/{group.slug}/").content.decode()
    assert f'href="/notifications/groups/{group.pk}/"' in group_page
    assert "Mute this group" in client.get(f"/notifications/groups/{group.pk}/").content.decode()
    response = client.post(
        f"/notifications/groups/{group.pk}/", {"muted": "1", "next": f"/groups/{group.slug}/"}
    )
    assert response["Location"] == f"/groups/{group.slug}/"
    assert GroupMute.objects.filter(person=reader, group=group).exists()
    settings_page = client.get("/notifications/settings/").content.decode()
    assert "Lunchclub" in settings_page
    client.post(f"/notifications/groups/{group.pk}/", {"muted": "0"})
    assert not GroupMute.objects.exists()


def test_muting_hides_the_groups_notifications_already_there(client_for, reader, manager):
    group = groups.create_group(by=manager, name="Lunchclub", visibility=Group.Visibility.OPEN)
    make_notifications(reader, 1, group=group)
    client = client_for(reader)
    client.post(f"/notifications/groups/{group.pk}/", {"muted": "1"})
    assert "Title 0" not in client.get("/notifications/").content.decode()
    assert services.unread_count(reader) == 0


def test_a_secret_group_someone_cannot_see_cannot_be_muted(client_for, reader, manager):
    group = groups.create_group(by=manager, name="Geheim", visibility=Group.Visibility.SECRET)
    assert client_for(reader).get(f"/notifications/groups/{group.pk}/").status_code == 404
    assert (
        client_for(reader).post(f"/notifications/groups/{group.pk}/", {"muted": "1"}).status_code
        == 404
    )


def test_unsubscribe_works_in_one_click_without_signing_in(reader):
    token = unsubscribe_token(reader)
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert not MailSettings.objects.filter(person=reader).exists()  # a GET changes nothing
    response = anonymous.post(
        f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert MailSettings.objects.get(person=reader).unsubscribed_at is not None


def test_a_forged_unsubscribe_link_does_nothing(reader):
    token = unsubscribe_token(reader)
    response = Client().post(f"/notifications/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 404
    assert not MailSettings.objects.exists()


def test_the_pages_ask_to_sign_in(client):
    for url in ("/notifications/", "/notifications/settings/", "/notifications/bell/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"] or "login" in response["Location"]


@pytest.fixture
def memory_cache(settings):
    """A cache that saves the count query (as Redis does in scale mode)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


def test_with_a_cache_the_bell_costs_no_query_and_follows_every_change(
    memory_cache, client_for, reader, manager, django_assert_num_queries
):
    make_notifications(reader, 2)
    assert services.unread_count(reader) == 2
    with django_assert_num_queries(0):
        assert services.unread_count(reader) == 2
    make_notifications(reader, 1, start=2)
    assert services.unread_count(reader) == 3  # a new one forgets the cached count
    services.mark_read(reader, Notification.objects.filter(recipient=reader).first().pk)
    assert services.unread_count(reader) == 2
    group = groups.create_group(by=manager, name="Club", visibility=Group.Visibility.OPEN)
    make_notifications(reader, 1, group=group, start=3)
    assert services.unread_count(reader) == 3
    services.mute_group(reader, group)
    assert services.unread_count(reader) == 2
    services.mark_all_read(reader)
    assert services.unread_count(reader) == 0
