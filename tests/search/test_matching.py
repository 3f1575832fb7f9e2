"""What a search finds and in which order, on the database the suite runs on (SQLite FTS5 by
default; PostgreSQL full text with DATABASE_URL): word forms, accents, prefixes, filters."""

import datetime

import pytest
from django.utils import timezone

from plein.community.models import Post
from plein.community.services import conversation, posts
from plein.search import services
from plein.search.models import Entry
from tests.search.conftest import index_question

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]


def urls(results: services.SearchResults) -> list[str]:
    return [hit.url for hit in results.hits]


def test_it_finds_a_colleagues_answered_question_by_another_dutch_word_form(employee, colleague):
    question = index_question(
        colleague,
        "Hoe vraag ik vakantie aan?",
        "Ik wil in de zomer drie weken weg.",
        answered=True,
    )
    results = services.search(employee, "vakanties zomers")
    assert urls(results) == [f"/posts/{question.pk}/"]
    assert results.hits[0].answered
    assert "<mark>vakantie</mark>" in results.hits[0].title_html


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("De fietsen staan in de stalling", "fiets"),  # plural in the text, singular typed
        ("Mijn fiets is gestolen", "fietsen"),  # singular in the text, plural typed
        ("Nieuwe ontwikkelaars gezocht", "ontwikkelaar"),
        ("Gezellig in het café op de hoek", "cafe"),  # accents ignored
        ("Overleg over de reünie", "reunie"),
        ("We gaan naar Zürich", "ZURICH"),  # capitals ignored
        ("Vakantiedagen opnemen kan via HR", "vakantiedag"),
        ("De warmtepompinstallatie is klaar", "warmtepomp"),  # prefix
        ("Vergadering om drie uur", "verga"),  # an unfinished word
    ],
)
def test_word_forms_accents_and_prefixes_match(employee, colleague, text, query):
    post = posts.publish_post(colleague, text)
    assert urls(services.search(employee, query)) == [f"/posts/{post.pk}/"]


def test_every_word_must_match(employee, colleague):
    both = posts.publish_post(colleague, "Koffie en taart in de kantine")
    posts.publish_post(colleague, "Koffie in de werkplaats")
    assert urls(services.search(employee, "koffie taart")) == [f"/posts/{both.pk}/"]


def test_an_answered_question_is_the_first_result_for_its_words(employee, colleague, manager):
    for text in (
        "Declaratie van reiskosten gaat voortaan via de app, reiskosten declaratie!",
        "Wie weet hoe declaratie van reiskosten werkt?",
        "Reiskosten declaratie ingediend, duurde lang.",
    ):
        posts.publish_post(manager, text)
    open_question = index_question(manager, "Reiskosten declaratie kwijt?")
    answered = index_question(colleague, "Hoe declareer ik reiskosten?", answered=True)
    results = services.search(employee, "reiskosten declaratie")
    assert results.hits[0].url == f"/posts/{answered.pk}/"
    assert f"/posts/{open_question.pk}/" in urls(results)
    assert results.count == 5


def test_newer_comes_first_on_equal_relevance(employee, colleague):
    older = posts.publish_post(colleague, "Parkeren bij de hoofdingang")
    newer = posts.publish_post(colleague, "Parkeren bij de hoofdingang")
    assert urls(services.search(employee, "parkeren")) == [
        f"/posts/{newer.pk}/",
        f"/posts/{older.pk}/",
    ]


def test_comments_are_found_and_link_to_their_place(employee, colleague):
    post = posts.publish_post(colleague, "Wie gaat er mee lunchen?")
    comment = conversation.add_comment(post, employee, "Ik! Broodjes kroket graag.")
    results = services.search(colleague, "kroketten")
    assert [(hit.kind, hit.url) for hit in results.hits] == [
        ("comment", f"/comments/{comment.pk}/")
    ]
    assert results.hits[0].author == employee


def test_filters_by_kind_group_person_and_period(employee, colleague, manager):
    from plein.community.models import Group
    from plein.community.services import groups

    group = groups.create_group(by=manager, name="Fietsclub")
    in_group = posts.publish_post(manager, "Fietstocht zaterdag", group=group)
    by_colleague = posts.publish_post(colleague, "Fietstocht was geweldig")
    comment = conversation.add_comment(by_colleague, employee, "Volgende fietstocht ga ik mee")
    old = posts.publish_post(colleague, "Fietstocht van vorig jaar")
    Post.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    Entry.objects.filter(kind="post", object_id=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )

    assert services.search(employee, "fietstocht").count == 4
    assert urls(services.search(employee, "fietstocht", kinds=["comment"])) == [
        f"/comments/{comment.pk}/"
    ]
    assert urls(services.search(employee, "fietstocht", group_id=group.pk)) == [
        f"/posts/{in_group.pk}/"
    ]
    assert sorted(urls(services.search(employee, "fietstocht", author_id=colleague.pk))) == sorted(
        [f"/posts/{by_colleague.pk}/", f"/posts/{old.pk}/"]
    )
    recent = services.search(
        employee, "fietstocht", since=timezone.localdate() - datetime.timedelta(days=30)
    )
    assert f"/posts/{old.pk}/" not in urls(recent)
    assert recent.count == 3
    until = services.search(
        employee, "fietstocht", until=timezone.localdate() - datetime.timedelta(days=300)
    )
    assert urls(until) == [f"/posts/{old.pk}/"]
    assert Group.objects.count() == 1


def test_an_edited_post_is_found_by_its_new_words_only(employee, colleague):
    post = posts.publish_post(colleague, "Borrel op vrijdag")
    posts.edit_post(post, "Barbecue op vrijdag", by=colleague)
    assert services.search(employee, "borrel").count == 0
    assert urls(services.search(employee, "barbecue")) == [f"/posts/{post.pk}/"]


def test_article_and_question_posts_are_left_to_their_apps(employee, colleague):
    posts.publish_post(colleague, "Een artikel over sollicitaties", kind=Post.Kind.ARTICLE)
    assert services.search(employee, "sollicitaties").count == 0


def test_people_groups_and_topics_are_found_too(employee, colleague, manager, secret_group):
    from plein.community.services import groups

    groups.create_group(by=manager, name="Planning en roosters")
    posts.publish_post(colleague, "Nieuwe #planning is klaar")
    results = services.search(employee, "planner")
    assert [person.pk for person in results.people] == [colleague.pk]
    results = services.search(employee, "planning")
    assert [group.name for group in results.groups] == ["Planning en roosters"]
    assert [topic.slug for topic in results.topics] == ["planning"]
    only_people = services.search(employee, "planner", kinds=["person"])
    assert only_people.hits == [] and only_people.people == [colleague]


def test_similar_questions_share_words_and_put_answered_ones_first(employee, colleague):
    open_one = index_question(colleague, "Hoe werkt de printer op de tweede verdieping?")
    answered = index_question(colleague, "Printer op kantoor doet het niet", answered=True)
    index_question(colleague, "Wanneer is de kerstborrel?")
    similar = services.similar_questions(employee, "Waarom print de printer niet op de verdieping")
    assert [hit.url for hit in similar] == [f"/posts/{answered.pk}/", f"/posts/{open_one.pk}/"]


def test_nothing_for_a_query_without_words(employee, colleague):
    posts.publish_post(colleague, "Iets")
    assert services.search(employee, "  ?! ").empty
    assert services.search(employee, "").count == 0


def test_query_syntax_is_plain_text(employee, colleague):
    """Quotes, stars, colons and operators are not the engine's syntax: nothing breaks."""
    post = posts.publish_post(colleague, "Storing NOT opgelost: title body")
    for query in ('"storing', "storing*", "title:storing", "storing NOT", "storing (", 'body: "'):
        results = services.search(employee, query)
        assert f"/posts/{post.pk}/" in urls(results), query
