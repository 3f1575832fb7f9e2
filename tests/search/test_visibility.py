"""The visibility rule in search: one test per leak path. Results, snippets, counts, the header
box's suggestions and the similar questions shown while typing a question all come from what
the viewer may read, at the moment of searching."""

import pytest

from plein.community.services import conversation, groups, posts
from plein.search import services
from tests.search.conftest import index_question

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

SECRET_WORD = "zeppelinhangar"


def everything_shown(viewer, query: str) -> str:
    """All a viewer can learn from searching: hits, snippets, titles, counts, suggestions."""
    results = services.search(viewer, query)
    suggestions = services.autocomplete(viewer, query)
    similar = services.similar_questions(viewer, query)
    parts = [str(results.count), str(results.capped)]
    for hit in [*results.hits, *suggestions.hits, *similar]:
        parts += [hit.url, hit.title, str(hit.snippet), str(hit.title_html)]
    parts += [g.name for g in [*results.groups, *suggestions.groups]]
    parts += [t.slug for t in [*results.topics, *suggestions.topics]]
    return " ".join(parts)


def test_a_closed_groups_post_and_comment_reach_only_members(employee, manager, closed_group):
    post = posts.publish_post(manager, f"Plan voor de {SECRET_WORD}", group=closed_group)
    conversation.add_comment(post, manager, f"De {SECRET_WORD} wordt groter")
    member = services.search(manager, SECRET_WORD)
    assert member.count == 2
    assert "<mark>" in member.hits[0].snippet

    outside = services.search(employee, SECRET_WORD)
    assert outside.count == 0
    assert outside.hits == []
    assert SECRET_WORD not in everything_shown(employee, SECRET_WORD)
    assert services.autocomplete(employee, SECRET_WORD).hits == []


def test_counts_do_not_count_what_the_viewer_cannot_read(employee, manager, closed_group):
    posts.publish_post(manager, "Kerstpakket kiezen", group=closed_group)
    posts.publish_post(manager, "Kerstpakket kiezen kan tot vrijdag")
    assert services.search(employee, "kerstpakket").count == 1
    assert services.search(manager, "kerstpakket").count == 2


def test_a_deleted_post_disappears_with_its_comments_at_once(employee, manager):
    post = posts.publish_post(manager, "Vergeten sleutelbos bij de receptie")
    conversation.add_comment(post, employee, "Is de sleutelbos al opgehaald?")
    assert services.search(employee, "sleutelbos").count == 2
    posts.delete_post(post, by=manager)
    assert services.search(employee, "sleutelbos").count == 0
    assert services.autocomplete(employee, "sleutelbos").hits == []


def test_a_deleted_comment_disappears(employee, manager):
    post = posts.publish_post(manager, "Lunch vandaag")
    comment = conversation.add_comment(post, employee, "Heerlijke tomatensoep")
    conversation.delete_comment(comment, by=employee)
    assert services.search(manager, "tomatensoep").count == 0


def test_a_post_moved_into_a_closed_group_disappears_for_non_members(
    employee, manager, closed_group
):
    post = posts.publish_post(manager, "Nieuwe locatie voor het magazijn")
    conversation.add_comment(post, manager, "Het magazijn verhuist in mei")
    assert services.search(employee, "magazijn").count == 2
    posts.move_post(post, closed_group, by=manager)
    assert services.search(employee, "magazijn").count == 0
    assert SECRET_WORD not in everything_shown(employee, "magazijn")
    assert "magazijn" not in everything_shown(employee, "magazijn")
    # The member still finds both, now under the group filter too.
    assert services.search(manager, "magazijn", group_id=closed_group.pk).count == 2


def test_leaving_a_closed_group_hides_its_content_from_search(employee, manager, closed_group):
    groups.invite(closed_group, employee, by=manager)
    groups.join(closed_group, employee)
    posts.publish_post(manager, "Begroting voor volgend jaar", group=closed_group)
    assert services.search(employee, "begroting").count == 1
    groups.remove_member(closed_group, employee, by=manager)
    assert services.search(employee, "begroting").count == 0


def test_secret_groups_are_never_found_by_non_members(employee, manager, secret_group):
    posts.publish_post(manager, "Overname #zuidplan gaat door", group=secret_group)
    assert services.search(employee, "overname").groups == []
    assert services.autocomplete(employee, "overname").groups == []
    assert services.search(employee, "zuidplan").topics == []  # a topic used only in secret
    assert services.search(employee, "overname").count == 0
    assert [g.name for g in services.search(manager, "overname").groups] == ["Overname Zuid"]
    assert [t.slug for t in services.search(manager, "zuidplan").topics] == ["zuidplan"]


def test_an_anonymous_question_is_not_found_through_its_asker(employee, colleague, manager):
    question = index_question(
        colleague, "Mag ik thuiswerken tijdens de verbouwing?", anonymous=True
    )
    found = services.search(employee, "thuiswerken")
    assert [hit.url for hit in found.hits] == [f"/posts/{question.pk}/"]
    assert found.hits[0].author is None
    assert services.search(employee, "thuiswerken", author_id=colleague.pk).count == 0
    assert services.search(employee, "sanne thuiswerken").count == 0
    assert all(hit.author is None for hit in services.similar_questions(employee, "thuiswerken"))


def test_similar_questions_keep_closed_groups_to_their_members(employee, manager, closed_group):
    index_question(
        manager, "Wie bestelt de steigers voor Noord?", group=closed_group, answered=True
    )
    assert services.similar_questions(employee, "steigers bestellen") == []
    assert len(services.similar_questions(manager, "steigers bestellen")) == 1


@pytest.mark.parametrize("persona", ["alumnus", "outsider"])
def test_alumni_and_outsiders_find_nothing(request, persona, manager, colleague):
    viewer = request.getfixturevalue(persona)
    posts.publish_post(manager, "Jaarfeest in juni")
    groups.create_group(by=manager, name="Jaarfeest commissie")
    results = services.search(viewer, "jaarfeest")
    assert results.empty and results.count == 0
    assert services.autocomplete(viewer, "jaarfeest").empty
    assert services.autocomplete(viewer, "sanne").empty
    assert services.similar_questions(viewer, "jaarfeest") == []
    assert services.search(viewer, "sanne").people == []


def test_snippets_show_only_the_results_own_text_escaped(employee, manager):
    post = posts.publish_post(manager, "Let op <script>alert(1)</script> de **ladder** is kapot")
    hit = services.search(employee, "ladder").hits[0]
    assert hit.url == f"/posts/{post.pk}/"
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>ladder</mark>" in hit.snippet
