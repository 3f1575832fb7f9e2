"""The pages: writing through the editor (draft, preview, image, publish now or later), lists
that cost the same number of queries however much there is, and pages that parse as HTML."""

import datetime
from urllib.parse import urlencode

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from plein.articles.models import Article, ArticleImage
from plein.articles.services import board
from plein.community.models import Post
from plein.community.services import conversation, groups
from tests.articles.conftest import publish, uploaded_file
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def strict_parse(response):
    """The page is well-formed HTML (html5lib in strict mode raises on any parse error)."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(body(response))


def editor_post(client, url, **fields):
    data = {"title": "", "intro": "", "body": "", "group": "everyone", "when": "now", **fields}
    return client.post(url, data)


# --- The editor ---------------------------------------------------------------------------------


def test_writing_saving_previewing_and_publishing_through_the_editor(
    client_for, employee, colleague
):
    client = client_for(employee)
    new = client.get(reverse("articles:new"))
    assert new.status_code == 200
    strict_parse(new)

    saved = editor_post(
        client, reverse("articles:new"), title="Mijn eerste", body="## Kop\n\nTekst", action="draft"
    )
    article = Article.objects.get()
    assert saved["Location"] == reverse("articles:edit", args=[article.pk])
    assert article.state == Article.State.DRAFT

    edit_url = reverse("articles:edit", args=[article.pk])
    preview = editor_post(
        client, edit_url, title="Mijn eerste", body="## Nieuwe kop\n\n**Vet**", action="preview"
    )
    assert preview.status_code == 200
    assert '<h2 id="h-nieuwe-kop">Nieuwe kop</h2>' in body(preview)
    assert "**Vet**</textarea>" in body(preview)  # the text is kept in the editor
    article.refresh_from_db()
    assert article.body == "## Kop\n\nTekst"  # a preview saves nothing

    published = editor_post(
        client, edit_url, title="Mijn eerste", body="## Kop\n\nTekst", action="publish"
    )
    article.refresh_from_db()
    assert published["Location"] == reverse("articles:detail", args=[article.pk])
    assert article.state == Article.State.PUBLISHED
    assert Post.objects.filter(kind=Post.Kind.ARTICLE).count() == 1
    page = client_for(colleague).get(published["Location"])
    assert page.status_code == 200
    strict_parse(page)


def test_adding_an_image_saves_the_draft_and_puts_its_line_in_the_text(client_for, employee):
    client = client_for(employee)
    response = client.post(
        reverse("articles:new"),
        {
            "title": "Met foto",
            "body": "Eerst tekst.",
            "group": "everyone",
            "when": "now",
            "image": uploaded_file("monteur.jpg"),
            "image_alt": "Monteur bij een warmtepomp",
            "action": "image",
        },
    )
    article = Article.objects.get()
    image = ArticleImage.objects.get()
    assert response.status_code == 302
    assert image.alt == "Monteur bij een warmtepomp"
    assert article.body.endswith(f"![Monteur bij een warmtepomp](upload:{image.pk})")
    assert f'src="{reverse("articles:image", args=[image.pk, "file"])}"' in article.body_html
    editor = body(client.get(reverse("articles:edit", args=[article.pk])))
    assert f"upload:{image.pk}" in editor

    client.post(reverse("articles:remove_image", args=[article.pk, image.pk]))
    assert not ArticleImage.objects.exists()
    article.refresh_from_db()
    assert "<img" not in article.body_html


def test_an_image_without_a_description_is_refused_with_the_message_on_the_field(
    client_for, employee
):
    response = client_for(employee).post(
        reverse("articles:new"),
        {
            "title": "Met foto",
            "body": "Tekst",
            "group": "everyone",
            "when": "now",
            "image": uploaded_file(),
            "image_alt": "",
            "action": "image",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_image_alt"' in body(response)  # the error summary links to the field
    assert not ArticleImage.objects.exists()


def test_publishing_later_schedules_it(client_for, employee):
    client = client_for(employee)
    moment = timezone.localtime() + datetime.timedelta(days=1)
    response = editor_post(
        client,
        reverse("articles:new"),
        title="Morgen",
        body="Tekst",
        when="later",
        publish_at=moment.strftime("%Y-%m-%dT%H:%M"),
        action="publish",
    )
    article = Article.objects.get()
    assert response["Location"] == reverse("articles:mine")
    assert article.state == Article.State.SCHEDULED
    assert abs((article.publish_at - moment).total_seconds()) < 60
    assert not Post.objects.exists()
    mine = body(client.get(reverse("articles:mine")))
    assert "Morgen" in mine
    later_without_moment = editor_post(
        client,
        reverse("articles:edit", args=[article.pk]),
        title="Morgen",
        body="Tekst",
        when="later",
        action="publish",
    )
    assert 'href="#id_publish_at"' in body(later_without_moment)


def test_publishing_without_title_shows_what_to_do_and_keeps_the_draft(client_for, employee):
    response = editor_post(
        client_for(employee), reverse("articles:new"), title="", body="Tekst", action="publish"
    )
    assert response.status_code == 200
    assert 'href="#id_title"' in body(response)
    assert gettext("Give the article a title.") in body(response)
    assert Article.objects.get().state == Article.State.DRAFT
    assert not Post.objects.exists()


def test_the_group_choice_offers_only_ones_own_groups(client_for, employee, manager):
    mine = groups.create_group(by=employee, name="Mijn team")
    theirs = groups.create_group(by=manager, name="Niet mijn team")
    page = body(client_for(employee).get(reverse("articles:new")))
    assert f'value="{mine.pk}"' in page
    assert f'value="{theirs.pk}"' not in page
    response = editor_post(
        client_for(employee),
        reverse("articles:new"),
        title="Stiekem",
        body="x",
        group=str(theirs.pk),
        action="publish",
    )
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_the_leaders_corner_box_shows_only_for_leaders(client_for, employee, manager):
    assert 'name="leaders_blog"' not in body(client_for(employee).get(reverse("articles:new")))
    assert 'name="leaders_blog"' in body(client_for(manager).get(reverse("articles:new")))


def test_editing_a_published_article_from_the_editor(client_for, employee):
    article = publish(employee, title="Oud", body="Oude tekst")
    client = client_for(employee)
    form = body(client.get(reverse("articles:edit", args=[article.pk])))
    assert 'name="when"' not in form  # published: no scheduling, no moving
    response = editor_post(
        client,
        reverse("articles:edit", args=[article.pk]),
        title="Nieuw",
        body="Nieuwe tekst",
        action="save",
    )
    assert response["Location"] == reverse("articles:detail", args=[article.pk])
    article.refresh_from_db()
    assert (article.title, article.body) == ("Nieuw", "Nieuwe tekst")


def test_edit_in_the_cards_menu_opens_the_article_editor_not_the_post_editor(client_for, employee):
    article = publish(employee, title="Oud", body="Oude tekst")
    client = client_for(employee)
    feed = body(client.get(reverse("community:home")))
    assert reverse("community:edit_post", args=[article.post_id]) in feed
    response = client.get(reverse("community:edit_post", args=[article.post_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:edit", args=[article.pk])


def test_others_cannot_open_the_editor_of_a_published_article(client_for, employee, colleague):
    article = publish(employee)
    assert client_for(colleague).get(reverse("articles:edit", args=[article.pk])).status_code == 403


def test_pages_need_an_account_of_a_member(client, client_for, alumnus):
    for name in ("articles:index", "articles:leaders", "articles:board", "articles:board_archive"):
        assert client.get(reverse(name)).status_code == 302
        assert client_for(alumnus).get(reverse(name)).status_code == 403


# --- Lists: constant queries, valid HTML -------------------------------------------------------


def _articles(authors, count, **fields):
    for number in range(count):
        author = authors[number % len(authors)]
        publish(author, title=f"Artikel {number}", body=f"Tekst {number} #vakmanschap", **fields)


def test_the_articles_index_costs_the_same_for_many_articles(
    client_for, employee, manager, django_assert_max_num_queries
):
    _articles([employee, manager], 3)
    client = client_for(employee)
    client.get(reverse("articles:index"))  # warm up (session, caches)
    with django_assert_max_num_queries(8):
        few = client.get(reverse("articles:index"))
    _articles([employee, manager, PersonFactory()], 22, leaders_blog=False)
    with django_assert_max_num_queries(8):
        many = client.get(reverse("articles:index"))
    strict_parse(many)
    assert body(many).count('class="article-item"') == 20
    assert 'rel="next"' in body(many)
    assert body(few).count('class="article-item"') == 3


def test_the_leaders_corner_costs_the_same_for_many_leaders_and_questions(
    client_for, employee, manager, director, django_assert_max_num_queries
):
    board.current_round()
    client = client_for(employee)
    client.get(reverse("articles:leaders"))
    _articles([manager, director], 2, leaders_blog=True)
    board.ask_board_question(manager, "Een vraag")
    with django_assert_max_num_queries(12):
        client.get(reverse("articles:leaders"))
    leaders = [PersonFactory(roles=["manager"]) for _ in range(4)]
    _articles([*leaders, manager, director], 12, leaders_blog=True)
    for person in leaders:
        question = board.ask_board_question(person, f"Vraag van {person.first_name}")
        board.vote(employee, question)
        board.answer_board_question(question, by=director, text="Antwoord")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("articles:leaders"))
    strict_parse(page)
    assert body(page).count('class="leader-list__item"') == 6


def test_the_round_page_costs_the_same_for_many_questions(
    client_for, employee, director, django_assert_max_num_queries
):
    client = client_for(director)
    board.ask_board_question(employee, "Eerste vraag")
    client.get(reverse("articles:board"))
    with django_assert_max_num_queries(10):
        client.get(reverse("articles:board"))
    people = [PersonFactory() for _ in range(6)]
    for person in people:
        question = board.ask_board_question(
            person, f"Vraag van {person.first_name}", anonymous=True
        )
        for voter in people[:3]:
            if voter != person:
                board.vote(voter, question)
    board.answer_board_question(question, by=director, text="Antwoord")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("articles:board"))
    strict_parse(page)
    assert body(page).count('<article class="board-question') == 7
    assert body(page).count('action="/articles/board/questions/') >= 7  # vote and answer forms


def test_article_cards_in_the_feed_cost_the_same_for_many_articles(
    client_for, employee, manager, django_assert_max_num_queries
):
    conversation.follow_person(employee, manager)
    publish(manager, title="Eerste artikel")
    client = client_for(employee)
    client.get(reverse("community:home"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("community:home"))
    _articles([manager], 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("community:home"))
    assert body(page).count('class="article-card"') == 11


def test_the_other_pages_parse(client_for, employee, director):
    article = publish(director, leaders_blog=True, body="## Een\n\n## Twee\n\n## Drie")
    question = board.ask_board_question(employee, "Vraag?")
    client = client_for(director)
    for url in (
        reverse("articles:mine"),
        reverse("articles:detail", args=[article.pk]),
        reverse("articles:edit", args=[article.pk]),
        reverse("articles:delete", args=[article.pk]),
        reverse("articles:blog", args=[director.pk]),
        reverse("articles:board_archive") + "?" + urlencode({"q": "vraag", "unanswered": "on"}),
        reverse("articles:board_answer", args=[question.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        strict_parse(response)
