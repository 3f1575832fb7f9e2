"""The search page and the header box's suggestions, through HTTP."""

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.community.services import conversation, groups, posts
from plein.people.models import Person
from tests.search.conftest import index_question

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
SUGGEST = reverse("search:suggest")


@pytest.fixture
def client_for(client_for):
    """These tests read the English source strings: the people they sign in as chose English."""

    def make(person: Person):
        Person.objects.filter(pk=person.pk).update(language="en")
        person.language = "en"
        return client_for(person)

    return make


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_the_page_shows_ranked_highlighted_results(client_for, employee, colleague):
    post = posts.publish_post(colleague, "De nieuwe <b>werkroosters</b> staan online")
    response = client_for(employee).get(SEARCH, {"q": "werkrooster"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 result for “werkrooster”" in body
    assert f'href="/posts/{post.pk}/"' in body
    assert "<mark>werkroosters</mark>" in body
    assert "&lt;b&gt;" in body or "<b>werkroosters" not in body
    assert "Post by Sanne de Boer" in body


def test_the_empty_page_teaches_how_to_search(client_for, employee):
    response = client_for(employee).get(SEARCH)
    body = response.content.decode()
    assert response.status_code == 200
    assert "You need not finish a word" in body
    assert "Accents and capitals do not matter" in body


def test_no_results_says_what_to_try(client_for, employee):
    response = client_for(employee).get(SEARCH, {"q": "xylofoonles", "kind": "posts"})
    body = response.content.decode()
    assert "Nothing found for “xylofoonles”" in body
    assert "Clear the filters" in body


def test_the_kind_filter_narrows_the_results(client_for, employee, colleague):
    post = posts.publish_post(colleague, "Wie heeft de boormachine geleend?")
    comment = conversation.add_comment(post, employee, "De boormachine ligt in de bus")
    client = client_for(employee)
    everything = client.get(SEARCH, {"q": "boormachine"}).content.decode()
    assert f"/posts/{post.pk}/" in everything and f"/comments/{comment.pk}/" in everything
    only_comments = client.get(SEARCH, {"q": "boormachine", "kind": "comments"}).content.decode()
    assert f"/comments/{comment.pk}/" in only_comments
    assert f'href="/posts/{post.pk}/"' not in only_comments


def test_the_person_and_group_filters(client_for, employee, colleague, manager):
    group = groups.create_group(by=manager, name="Wagenpark")
    groups.join(group, employee)
    in_group = posts.publish_post(manager, "Bandenwissel gepland", group=group)
    by_colleague = posts.publish_post(colleague, "Bandenwissel gedaan")
    client = client_for(employee)
    response = client.get(SEARCH, {"q": "bandenwissel", "group": group.pk})
    body = response.content.decode()
    assert f"/posts/{in_group.pk}/" in body and f'href="/posts/{by_colleague.pk}/"' not in body
    response = client.get(SEARCH, {"q": "bandenwissel", "person": colleague.pk})
    body = response.content.decode()
    assert (
        f'href="/posts/{by_colleague.pk}/"' in body and f'href="/posts/{in_group.pk}/"' not in body
    )
    assert "Only by Sanne de Boer" in body


def test_a_group_filter_for_an_unknown_or_secret_group_is_refused(
    client_for, employee, manager, secret_group
):
    posts.publish_post(manager, "Fusiegesprek", group=secret_group)
    response = client_for(employee).get(SEARCH, {"q": "fusiegesprek", "group": secret_group.pk})
    body = response.content.decode()
    assert "Overname Zuid" not in body
    assert "Fusiegesprek" not in body


def test_pagination_walks_through_the_results(client_for, employee, colleague):
    for n in range(25):
        posts.publish_post(colleague, f"Rooster week {n}")
    client = client_for(employee)
    first = client.get(SEARCH, {"q": "rooster"})
    assert "25 results" in first.content.decode()
    assert first.content.decode().count('class="card search-hit"') == 20
    assert "page=2" in first.content.decode()
    second = client.get(SEARCH, {"q": "rooster", "page": 2})
    assert second.content.decode().count('class="card search-hit"') == 5
    assert 'start="21"' in second.content.decode()


def test_the_query_count_does_not_grow_with_the_results(
    client_for, employee, colleague, manager, django_assert_max_num_queries
):
    group = groups.create_group(by=manager, name="Koffieclub")
    client = client_for(employee)
    posts.publish_post(manager, "Koffie #koffie", group=group)
    client.get(SEARCH, {"q": "koffie"})  # session warmed up

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH, {"q": "koffie"})
        assert response.status_code == 200
        return len(queries)

    # PostgreSQL asks the GIN index segment by segment, then as prefixes (a bounded number of
    # statements, whatever the results: see backends.PostgresBackend.candidates).
    limit = 14 if connection.vendor == "sqlite" else 18
    with django_assert_max_num_queries(limit):
        one = count()
    for n in range(19):
        in_group = n % 3 == 0
        author = manager if in_group or n % 2 else colleague
        post = posts.publish_post(author, f"Koffie nummer {n}", group=group if in_group else None)
        conversation.add_comment(post, employee, "Lekker koffie")
    index_question(colleague, "Waar staat de koffie?", answered=True)
    with django_assert_max_num_queries(limit):
        many = count()
    assert many == one


def test_htmx_gets_only_the_results(client_for, employee, colleague):
    posts.publish_post(colleague, "Parkeerplaats vol")
    response = client_for(employee).get(
        SEARCH, {"q": "parkeerplaats"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results"
    )
    body = response.content.decode()
    assert "<mark>Parkeerplaats</mark>" in body
    assert "<header" not in body


def test_the_header_box_is_on_every_page_for_members(client_for, employee, alumnus):
    body = client_for(employee).get(reverse("community:home")).content.decode()
    document = parse(client_for(employee).get(reverse("community:home")))
    forms = [f for f in document.iter("form") if f.get("role") == "search"]
    assert forms and forms[0].get("action") == SEARCH
    assert 'for="header-search-q"' in body
    alumni_home = client_for(alumnus).get("/")
    assert "header-search" not in alumni_home.content.decode()


def test_suggestions_for_the_header_box(client_for, employee, colleague, manager):
    groups.create_group(by=manager, name="Planningsteam")
    post = posts.publish_post(colleague, "De planning voor maart")
    response = client_for(employee).get(SUGGEST, {"q": "plann"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sanne de Boer" in body  # job title Planner
    assert "Planningsteam" in body
    assert f"/posts/{post.pk}/" in body
    assert "All results for “plann”" in body


def test_search_needs_a_member(client, client_for, alumnus):
    assert client.get(SEARCH, {"q": "x"}).status_code == 302
    assert client_for(alumnus).get(SEARCH, {"q": "x"}).status_code == 403
    assert client_for(alumnus).get(SUGGEST, {"q": "x"}).status_code == 403


def test_the_page_speaks_dutch_by_default(client, employee, colleague):
    posts.publish_post(colleague, "Verlof aanvragen")
    client.force_login(employee)
    body = client.get(SEARCH, {"q": "verlof"}).content.decode()
    assert 'lang="nl"' in body
