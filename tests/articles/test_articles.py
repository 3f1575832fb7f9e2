"""Articles through their services and pages: drafts that only the author sees, publication
(now and scheduled, once), group articles that stay in their group (images and cover too),
edits with history, deletion, search and notifications."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from plein.articles.models import Article, ArticleRevision
from plein.articles.services import articles
from plein.articles.services.articles import ArticleInput
from plein.articles.tasks import publish_scheduled_article_task
from plein.community.models import Follow, Post, PostRevision
from plein.community.services import conversation, groups
from plein.notifications.models import Kind, Notification
from plein.search.models import Entry
from tests.articles.conftest import publish, upload

pytestmark = pytest.mark.django_db

LONG = " ".join(["woord"] * 820)  # 820 words: 5 minutes


def body(response) -> str:
    return response.content.decode()


# --- Drafts ------------------------------------------------------------------------------------


def test_a_draft_is_visible_to_its_author_only(client_for, employee, colleague, community_manager):
    draft = articles.save_draft(employee, ArticleInput(title="Halve gedachte", body="Nog niet af"))
    assert draft.state == Article.State.DRAFT
    assert draft.post is None
    assert not Post.objects.exists()
    page = client_for(employee).get(reverse("articles:detail", args=[draft.pk]))
    assert page.status_code == 200
    assert "Halve gedachte" in body(page)
    assert gettext("This is a draft: only you can see it.") in body(page)
    for other in (colleague, community_manager):
        client = client_for(other)
        assert client.get(reverse("articles:detail", args=[draft.pk])).status_code == 404
        assert client.get(reverse("articles:edit", args=[draft.pk])).status_code == 404
        assert "Halve gedachte" not in body(client.get(reverse("articles:index")))


def test_a_draft_may_be_saved_without_title_but_not_published(employee):
    draft = articles.save_draft(employee, ArticleInput(title="", body=""))
    with pytest.raises(ValidationError) as raised:
        articles.publish_article(draft, by=employee)
    assert set(raised.value.message_dict) == {"title", "body"}
    assert not Post.objects.exists()


def test_only_the_author_can_change_a_draft(employee, colleague):
    draft = articles.save_draft(employee, ArticleInput(title="Mijn stuk", body="Tekst"))
    with pytest.raises(PermissionDenied):
        articles.save_draft(colleague, ArticleInput(title="Overgenomen", body="x"), article=draft)
    with pytest.raises(PermissionDenied):
        articles.publish_article(draft, by=colleague)


def test_every_text_passes_the_gate_with_the_article_limits(employee):
    with pytest.raises(ValidationError) as raised:
        articles.save_draft(
            employee,
            ArticleInput(title="x" * 151, body="y" * 40_001, intro="z" * 601),
        )
    assert set(raised.value.message_dict) == {"title", "body", "intro"}
    assert "40000" in " ".join(raised.value.message_dict["body"])


# --- Publishing ---------------------------------------------------------------------------------


def test_publishing_makes_an_article_post_that_shows_in_the_feed_as_an_article(
    client_for, employee, colleague
):
    article = publish(
        employee,
        title="Zo spoor je een storing op",
        body="## Eerst\n\nKijk naar de foutcode. #warmtepompen\n\n## Dan\n\n" + LONG,
    )
    post = article.post
    assert post.kind == Post.Kind.ARTICLE
    assert post.author == employee
    assert "Kijk naar de foutcode" in post.body
    assert list(post.topics.values_list("slug", flat=True)) == ["warmtepompen"]
    assert article.reading_minutes == 5

    conversation.follow_person(colleague, employee)
    feed = body(client_for(colleague).get(reverse("community:home")))
    assert "Zo spoor je een storing op" in feed
    assert (
        ngettext("%(minutes)s minute read", "%(minutes)s minutes read", 5) % {"minutes": 5} in feed
    )
    assert reverse("articles:detail", args=[article.pk]) in feed
    # The community's post page sends readers to the article page.
    response = client_for(colleague).get(reverse("community:post", args=[post.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:detail", args=[article.pk])


def test_the_article_page_shows_the_whole_article_with_contents_reactions_and_comments(
    client_for, employee, colleague
):
    article = publish(
        employee,
        title="Drie stappen",
        body="## Een\n\nA\n\n## Twee\n\nB\n\n## Drie\n\nC",
        intro="Een korte **inleiding**.",
    )
    conversation.add_comment(article.post, colleague, "Mooi geschreven!")
    conversation.react(colleague, "thanks", post=article.post)
    page = body(client_for(colleague).get(reverse("articles:detail", args=[article.pk])))
    assert "<h1" in page and "Drie stappen" in page
    assert "Een korte <strong>inleiding</strong>." in page
    assert 'href="#h-twee"' in page  # the table of contents
    assert "Mooi geschreven!" in page
    assert f'action="{reverse("community:comment", args=[article.post.pk])}"' in page
    assert f'action="{reverse("community:react", args=[article.post.pk])}"' in page
    assert 'aria-pressed="true"' in page  # their reaction


def test_a_comment_on_the_article_page_lands_back_on_the_article(client_for, employee, colleague):
    article = publish(employee)
    client = client_for(colleague)
    response = client.post(
        reverse("community:comment", args=[article.post.pk]), {"text": "Goed stuk"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("articles:detail", args=[article.pk])
    assert "Goed stuk" in body(response)


def test_publishing_into_a_group_needs_membership(employee, closed_group):
    draft = articles.save_draft(
        employee, ArticleInput(title="Binnenkomer", body="Tekst", group=None)
    )
    draft.group = closed_group
    draft.save()
    with pytest.raises(ValidationError) as raised:
        articles.publish_article(draft, by=employee)
    assert "group" in raised.value.message_dict
    assert not Post.objects.exists()


def test_a_closed_group_article_and_its_images_stay_inside_the_group(
    client_for, manager, employee, closed_group, media
):
    draft = articles.save_draft(
        manager,
        ArticleInput(
            title="Het nieuwe rooster",
            body="Eerste versie",
            group=closed_group,
            cover=upload("omslag.jpg"),
            cover_alt="Het rooster op het whiteboard",
        ),
    )
    image = articles.add_image(draft, by=manager, upload=upload("bord.jpg"), alt="Het bord")
    draft = articles.save_draft(
        manager,
        ArticleInput(
            title=draft.title,
            body=f"Zie hier:\n\n{image.markdown}",
            group=closed_group,
            cover_alt="Het rooster op het whiteboard",
        ),
        article=draft,
    )
    article = articles.publish_article(draft, by=manager)
    urls = [
        reverse("articles:detail", args=[article.pk]),
        reverse("articles:image", args=[image.pk, "file"]),
        reverse("articles:image", args=[image.pk, "thumb"]),
        reverse("articles:cover", args=[article.pk, "file"]),
        reverse("articles:cover", args=[article.pk, "thumb"]),
        reverse("community:post", args=[article.post.pk]),
    ]
    outsider_client = client_for(employee)
    for url in urls:
        assert outsider_client.get(url).status_code == 404, url
    assert "Het nieuwe rooster" not in body(outsider_client.get(reverse("articles:index")))
    assert "Het nieuwe rooster" not in body(outsider_client.get(reverse("community:home")))

    member_client = client_for(manager)
    for url in urls[:5]:
        response = member_client.get(url)
        assert response.status_code == 200, url
    assert member_client.get(urls[1])["Content-Type"] == "image/jpeg"
    page = body(member_client.get(urls[0]))
    assert 'alt="Het bord"' in page and 'alt="Het rooster op het whiteboard"' in page

    groups.join(closed_group, employee)  # asks to join: still not a member
    assert outsider_client.get(urls[0]).status_code == 404


def test_images_of_a_draft_are_served_to_the_author_only(client_for, employee, colleague):
    draft = articles.save_draft(employee, ArticleInput(title="Concept", body=""))
    image = articles.add_image(draft, by=employee, upload=upload(), alt="Foto")
    url = reverse("articles:image", args=[image.pk, "file"])
    assert client_for(employee).get(url).status_code == 200
    assert client_for(colleague).get(url).status_code == 404


def test_an_image_needs_a_description_and_must_be_an_image(employee):
    draft = articles.save_draft(employee, ArticleInput(title="Concept", body=""))
    with pytest.raises(ValidationError) as raised:
        articles.add_image(draft, by=employee, upload=upload(), alt="  ")
    assert "image_alt" in raised.value.message_dict
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    with pytest.raises(ValidationError) as raised:
        articles.add_image(draft, by=employee, upload=upload("plan.pdf", pdf), alt="Plan")
    assert "image" in raised.value.message_dict
    assert not draft.images.exists()


def test_the_text_may_only_show_the_articles_own_images(employee, colleague):
    theirs = articles.save_draft(colleague, ArticleInput(title="Van een ander", body=""))
    foreign = articles.add_image(theirs, by=colleague, upload=upload(), alt="Niet van jou")
    with pytest.raises(ValidationError) as raised:
        articles.save_draft(
            employee, ArticleInput(title="Leentje", body=f"![Geleend](upload:{foreign.pk})")
        )
    assert "body" in raised.value.message_dict


def test_a_cover_needs_a_description(employee):
    with pytest.raises(ValidationError) as raised:
        articles.save_draft(
            employee, ArticleInput(title="Met omslag", body="x", cover=upload(), cover_alt="")
        )
    assert "cover_alt" in raised.value.message_dict


def test_only_leaders_and_culture_carriers_write_in_the_leaders_corner(
    employee, manager, culture_carrier
):
    with pytest.raises(ValidationError) as raised:
        articles.save_draft(employee, ArticleInput(title="Ik ook", body="x", leaders_blog=True))
    assert "leaders_blog" in raised.value.message_dict
    assert publish(manager, leaders_blog=True).leaders_blog
    assert publish(culture_carrier, leaders_blog=True).leaders_blog


# --- Scheduling -----------------------------------------------------------------------------------


def test_a_scheduled_article_is_published_once_when_it_is_due(
    employee, colleague, django_capture_on_commit_callbacks
):
    draft = articles.save_draft(employee, ArticleInput(title="Maandagochtend", body="Tekst"))
    moment = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        articles.schedule_article(draft, by=employee, publish_at=moment)
    draft.refresh_from_db()
    assert draft.state == Article.State.SCHEDULED
    assert not Post.objects.exists()
    # Its task was enqueued for that moment.
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get(task_path=publish_scheduled_article_task.module_path)
    assert abs((task.run_after - moment).total_seconds()) < 1

    assert articles.publish_scheduled_article(draft.pk) is False  # not due yet
    assert articles.publish_due_articles(now=moment - datetime.timedelta(minutes=1)) == 0
    assert not Post.objects.exists()

    later = moment + datetime.timedelta(minutes=1)
    assert articles.publish_due_articles(now=later) == 1
    assert articles.publish_due_articles(now=later) == 0  # the periodic job again
    assert articles.publish_scheduled_article(draft.pk, now=later) is False  # the task again
    assert Post.objects.filter(kind=Post.Kind.ARTICLE).count() == 1
    draft.refresh_from_db()
    assert draft.state == Article.State.PUBLISHED
    assert draft.publish_at is None


def test_a_scheduled_time_must_lie_in_the_future(employee):
    draft = articles.save_draft(employee, ArticleInput(title="Gisteren", body="Tekst"))
    with pytest.raises(ValidationError) as raised:
        articles.schedule_article(
            draft, by=employee, publish_at=timezone.now() - datetime.timedelta(minutes=5)
        )
    assert "publish_at" in raised.value.message_dict


def test_a_scheduled_article_that_can_no_longer_go_out_returns_to_the_drafts(employee, manager):
    group = groups.create_group(by=manager, name="Tijdelijk team")
    groups.join(group, employee)
    draft = articles.save_draft(
        employee, ArticleInput(title="Voor het team", body="Tekst", group=group)
    )
    moment = timezone.now() + datetime.timedelta(hours=1)
    articles.schedule_article(draft, by=employee, publish_at=moment)
    groups.leave(group, employee)
    assert articles.publish_due_articles(now=moment + datetime.timedelta(minutes=1)) == 0
    draft.refresh_from_db()
    assert draft.state == Article.State.DRAFT
    assert gettext("Join the group to publish in it.") in draft.publish_problem
    assert not Post.objects.exists()


def test_unscheduling_makes_it_a_draft_again(employee):
    draft = articles.save_draft(employee, ArticleInput(title="Later", body="Tekst"))
    moment = timezone.now() + datetime.timedelta(hours=1)
    articles.schedule_article(draft, by=employee, publish_at=moment)
    articles.unschedule_article(draft, by=employee)
    assert draft.state == Article.State.DRAFT
    assert articles.publish_due_articles(now=moment + datetime.timedelta(hours=1)) == 0


# --- After publication ------------------------------------------------------------------------


def test_editing_a_published_article_keeps_the_earlier_version(client_for, employee, colleague):
    article = publish(employee, title="Eerste titel", body="Eerste tekst", intro="Eerste intro")
    articles.edit_article(
        article,
        ArticleInput(title="Betere titel", body="Betere tekst", intro="Betere intro"),
        by=employee,
    )
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.title, revision.body) == ("Eerste titel", "Eerste tekst")
    assert PostRevision.objects.get(post=article.post).body.startswith("Eerste intro")
    article.post.refresh_from_db()
    assert article.post.body.startswith("Betere intro")
    page = body(client_for(colleague).get(reverse("articles:detail", args=[article.pk])))
    assert "Betere tekst" in page and gettext("edited") in page
    with pytest.raises(PermissionDenied):
        articles.edit_article(article, ArticleInput(title="Van mij", body="x"), by=colleague)


def test_moderators_see_the_earlier_versions_of_an_article(
    client_for, employee, colleague, community_manager
):
    article = publish(employee, title="Eerste titel", body="Wat er eerst stond")
    articles.edit_article(article, ArticleInput(title="Tweede titel", body="Nu"), by=employee)
    url = reverse("articles:history", args=[article.pk])
    assert client_for(colleague).get(url).status_code == 403
    page = body(client_for(community_manager).get(url))
    assert "Wat er eerst stond" in page and "Eerste titel" in page
    detail = body(client_for(community_manager).get(reverse("articles:detail", args=[article.pk])))
    assert f'href="{url}"' in detail


def test_deleting_a_published_article_removes_it_everywhere(client_for, employee, colleague):
    article = publish(employee, title="Weg ermee")
    assert Entry.objects.filter(kind="article", object_id=article.pk).exists()
    articles.delete_article(article, by=employee)
    assert (
        client_for(colleague).get(reverse("articles:detail", args=[article.pk])).status_code == 404
    )
    assert not Entry.objects.filter(kind="article", object_id=article.pk).exists()
    assert "Weg ermee" not in body(client_for(colleague).get(reverse("articles:index")))


def test_a_moderator_removes_an_article_but_a_colleague_cannot(
    client_for, employee, colleague, community_manager
):
    article = publish(employee)
    url = reverse("articles:delete", args=[article.pk])
    assert client_for(colleague).post(url).status_code == 403
    assert client_for(community_manager).post(url).status_code == 302
    article.post.refresh_from_db()
    assert article.post.deleted_at is not None
    assert article.post.removed_by == community_manager


def test_deleting_a_draft_deletes_it_and_its_files(employee, media):
    draft = articles.save_draft(employee, ArticleInput(title="Weg", body=""))
    articles.add_image(draft, by=employee, upload=upload(), alt="Foto")
    articles.delete_article(draft, by=employee)
    assert not Article.objects.exists()


# --- Search and notifications ------------------------------------------------------------------


def test_a_published_article_is_indexed_through_its_post(employee, closed_group, manager):
    article = publish(
        manager, title="Interne plannen", body="Geheim #strategie", group=closed_group
    )
    entry = Entry.objects.get(kind="article", object_id=article.pk)
    assert entry.post_id == article.post_id
    assert entry.group_id == closed_group.pk
    assert entry.title == "Interne plannen"
    from plein.search.services import search

    assert search(employee, "plannen").count == 0
    assert search(manager, "plannen").count == 1


def test_group_members_are_told_of_a_new_article(
    employee, colleague, manager, django_capture_on_commit_callbacks
):
    group = groups.create_group(by=manager, name="Team Utrecht")
    groups.join(group, employee)
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(manager, title="Nieuw in het team", group=group)
    told = Notification.objects.get(kind=Kind.NEW_ARTICLE)
    assert told.recipient == employee
    assert told.actor == manager
    assert told.url == reverse("articles:detail", args=[article.pk])
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_followers_are_told_of_an_article_for_everyone(
    employee, colleague, manager, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=colleague, person=manager)
    with django_capture_on_commit_callbacks(execute=True):
        publish(manager, title="Voor iedereen")
    assert list(
        Notification.objects.filter(kind=Kind.NEW_ARTICLE).values_list("recipient", flat=True)
    ) == [colleague.pk]


def test_people_mentioned_in_the_text_are_told(
    employee, colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(employee, body=f"Dank aan @[Cees Collega](p:{colleague.pk}) voor de hulp.")
    assert Notification.objects.filter(kind=Kind.MENTION, recipient=colleague).count() == 1
