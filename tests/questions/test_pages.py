"""The questions pages over HTTP: the lists and their filters, asking with similar questions,
the question page with its answers, votes and acceptance, and question cards in the feed."""

import re

import pytest
from django.urls import reverse

from plein.community.models import Post
from plein.community.services import conversation, groups, posts
from plein.questions import services
from plein.questions.models import Question

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.title for q in response.context["page"].questions]


# --- Lists ----------------------------------------------------------------------------------


def test_the_list_shows_newest_first_with_answer_counts_and_the_answered_mark(
    client_for, employee, manager
):
    first = services.ask_question(employee, "Hoe boek ik een vergaderruimte?")
    services.ask_question(employee, "Wie heeft de sleutel van bus 12?")
    services.accept_answer(services.answer_question(first, manager, "Via Outlook."), by=employee)
    services.answer_question(first, employee, "Gelukt, dank je!")
    response = client_for(employee).get(reverse("questions:list"))
    assert titles(response) == [
        "Wie heeft de sleutel van bus 12?",
        "Hoe boek ik een vergaderruimte?",
    ]
    html = response.content.decode()
    assert "2 antwoorden" in html or "2 answers" in html
    assert html.count("question-badge--answered") == 1


def test_unanswered_and_answered_filters(client_for, employee, manager):
    answered = services.ask_question(employee, "Hoe boek ik een vergaderruimte?")
    services.ask_question(employee, "Wie heeft de sleutel van bus 12?")
    services.accept_answer(services.answer_question(answered, manager, "Via Outlook."), by=employee)
    client = client_for(manager)
    unanswered = client.get(reverse("questions:list"), {"status": "unanswered"})
    assert titles(unanswered) == ["Wie heeft de sleutel van bus 12?"]
    done = client.get(reverse("questions:list"), {"status": "answered"})
    assert titles(done) == ["Hoe boek ik een vergaderruimte?"]


def test_unanswered_per_topic_and_per_group(client_for, employee, manager):
    project = groups.create_group(by=manager, name="Warmtepompen Zwolle")
    groups.join(project, employee)
    services.ask_question(employee, "Welke vloerpot?", topics=["installatie"], group=project)
    services.ask_question(employee, "Welk buffervat?", topics=["installatie"])
    services.ask_question(employee, "Wie rijdt er mee?", group=project)
    client = client_for(manager)
    by_topic = client.get(
        reverse("questions:list"), {"status": "unanswered", "topic": "installatie"}
    )
    assert titles(by_topic) == ["Welk buffervat?", "Welke vloerpot?"]
    by_group = client.get(reverse("questions:list"), {"group": project.slug})
    assert titles(by_group) == ["Wie rijdt er mee?", "Welke vloerpot?"]
    both = client.get(reverse("questions:list"), {"group": project.slug, "topic": "#Installatie"})
    assert titles(both) == ["Welke vloerpot?"]
    unknown = client.get(reverse("questions:list"), {"topic": "bestaat-niet"})
    assert titles(unknown) == []


def test_the_list_hides_closed_group_questions_from_non_members(
    client_for, employee, manager, closed_group
):
    services.ask_question(manager, "Wie gaat er mee naar Nieuwegein?", group=closed_group)
    services.ask_question(manager, "Wie weet waar de boormachine is?")
    assert titles(client_for(employee).get(reverse("questions:list"))) == [
        "Wie weet waar de boormachine is?"
    ]
    # Asking for the closed group by name shows nothing either.
    filtered = client_for(employee).get(reverse("questions:list"), {"group": closed_group.slug})
    assert titles(filtered) == []


def test_the_list_pages_by_keyset_and_htmx_gets_only_the_next_items(client_for, employee):
    made = [services.ask_question(employee, f"Vraag nummer {n}?").title for n in range(25)]
    client = client_for(employee)
    first = client.get(reverse("questions:list"))
    assert titles(first) == made[::-1][:20]
    more = first.context["more_url"]
    assert more.startswith("?before=")
    second = client.get(reverse("questions:list") + more, **HTMX)
    assert titles(second) == made[::-1][20:]
    assert "<h1" not in second.content.decode()
    assert second.context["more_url"] == ""


def test_the_list_costs_the_same_queries_for_one_question_as_for_twenty(
    client_for, employee, manager, django_assert_max_num_queries
):
    client = client_for(employee)
    project = groups.create_group(by=manager, name="Fietsen")
    groups.join(project, employee)
    question = services.ask_question(manager, "Eerste vraag #fiets", group=project)
    services.answer_question(question, employee, "Eerste antwoord")
    client.get(reverse("questions:list"))

    def count(**params: str) -> int:
        with django_assert_max_num_queries(10) as queries:
            response = client.get(reverse("questions:list"), params)
        assert response.status_code == 200
        return len(queries)

    one = count()
    one_filtered = count(status="unanswered", topic="fiets", group=project.slug)
    for n in range(19):
        question = services.ask_question(manager, f"Vraag {n} #fiets", group=project)
        services.answer_question(question, employee, f"Antwoord {n}")
    assert count() == one
    assert count(status="unanswered", topic="fiets", group=project.slug) == one_filtered


# --- Asking ---------------------------------------------------------------------------------


@pytest.fixture
def answered_lookalike(employee, manager) -> Question:
    question = services.ask_question(manager, "Hoe ontlucht ik een radiator in een flat?")
    answer = services.answer_question(question, employee, "Met een ontluchtingssleutel, boven.")
    services.accept_answer(answer, by=manager)
    return question


def test_typing_a_question_suggests_answered_lookalikes(client_for, colleague, answered_lookalike):
    response = client_for(colleague).get(
        reverse("questions:similar"), {"title": "Radiator ontluchten in een flat"}, **HTMX
    )
    html = response.content.decode()
    assert f'href="/questions/{answered_lookalike.post_id}/"' in html
    assert 'name="ask_anyway" value="1"' in html
    assert "<h1" not in html
    nothing = client_for(colleague).get(
        reverse("questions:similar"), {"title": "Parkeren bij kantoor"}, **HTMX
    )
    assert nothing.content.decode().strip() == ""


def test_suggestions_never_show_a_closed_groups_question_to_a_non_member(
    client_for, employee, manager, colleague, closed_group
):
    secret = services.ask_question(
        manager, "Wie verhuist mee met het magazijn?", group=closed_group
    )
    services.accept_answer(services.answer_question(secret, colleague, "Iedereen."), by=manager)
    typed = {"title": "Verhuist het magazijn mee?"}
    outside = client_for(employee).get(reverse("questions:similar"), typed, **HTMX)
    assert "verhuist mee" not in outside.content.decode().lower()
    inside = client_for(colleague).get(reverse("questions:similar"), typed, **HTMX)
    assert f"/questions/{secret.post_id}/" in inside.content.decode()


def test_without_javascript_the_lookalikes_come_first_and_then_one_asks_anyway(
    client_for, colleague, answered_lookalike
):
    client = client_for(colleague)
    data = {"title": "Radiator ontluchten in een flat?", "details": "", "group": "everyone"}
    first = client.post(reverse("questions:ask"), data)
    assert first.status_code == 200
    assert [hit.url for hit in first.context["similar"]] == [
        f"/questions/{answered_lookalike.post_id}/"
    ]
    assert Question.objects.count() == 1
    second = client.post(reverse("questions:ask"), {**data, "ask_anyway": "1"})
    asked = Question.objects.exclude(pk=answered_lookalike.pk).get()
    assert second.status_code == 302
    assert second["Location"] == f"/questions/{asked.post_id}/"
    assert asked.title == "Radiator ontluchten in een flat?"


def test_asking_in_a_group_with_topics(client_for, employee, manager):
    project = groups.create_group(by=manager, name="Nieuwe planningssoftware")
    groups.join(project, employee)
    response = client_for(employee).post(
        reverse("questions:ask"),
        {
            "title": "Kan ik mijn planning op de tablet zien?",
            "details": "Ik zie alleen vandaag.",
            "topics": "planning, #ict",
            "group": str(project.pk),
        },
    )
    question = Question.objects.get()
    assert response["Location"] == f"/questions/{question.post_id}/"
    assert question.post.group == project
    assert sorted(question.post.topics.values_list("slug", flat=True)) == ["ict", "planning"]


def test_an_empty_question_gets_a_message_on_the_form(client_for, employee):
    response = client_for(employee).post(
        reverse("questions:ask"), {"title": "", "group": "everyone"}
    )
    assert response.status_code == 200
    assert 'href="#id_title"' in response.content.decode()
    assert not Question.objects.exists()


def test_asking_in_a_group_one_is_not_in_is_refused(client_for, employee, closed_group):
    response = client_for(employee).post(
        reverse("questions:ask"),
        {"title": "Mag ik meedoen?", "group": str(closed_group.pk), "ask_anyway": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["group"]
    assert not Question.objects.exists()


# --- The question page ----------------------------------------------------------------------


def test_a_closed_groups_question_page_is_a_404_for_non_members(
    client_for, employee, manager, colleague, closed_group
):
    question = services.ask_question(manager, "Wie verhuist mee?", group=closed_group)
    answer = services.answer_question(question, colleague, "Ik!")
    outsider = client_for(employee)
    assert outsider.get(reverse("questions:detail", args=[question.post_id])).status_code == 404
    assert outsider.post(reverse("questions:vote", args=[answer.pk])).status_code == 404
    assert outsider.post(reverse("questions:accept", args=[answer.pk])).status_code == 404
    assert (
        outsider.post(
            reverse("questions:answer", args=[question.post_id]), {"text": "x"}
        ).status_code
        == 404
    )
    assert (
        client_for(colleague).get(reverse("questions:detail", args=[question.post_id])).status_code
        == 200
    )


def test_answers_are_ordered_accepted_first_then_by_votes_then_oldest_first(
    client_for, employee, manager, colleague
):
    question = services.ask_question(employee, "Hoe lang duurt een onderhoudsbeurt?")
    oldest = services.answer_question(question, manager, "Een uur.")
    voted = services.answer_question(question, colleague, "Drie kwartier.")
    accepted = services.answer_question(question, manager, "Tussen de 45 en 60 minuten.")
    services.vote(voted, employee)
    services.accept_answer(accepted, by=employee)
    response = client_for(employee).get(reverse("questions:detail", args=[question.post_id]))
    order = [item.answer.pk for item in response.context["answers"]]
    assert order == [accepted.pk, voted.pk, oldest.pk]
    html = response.content.decode()
    assert html.index(f'id="answer-{accepted.pk}"') < html.index(f'id="answer-{oldest.pk}"')


def test_the_question_page_costs_the_same_queries_for_one_answer_as_for_ten(
    client_for, employee, manager, django_assert_max_num_queries
):
    question = services.ask_question(employee, "Wie kent een goede garage?")
    services.answer_question(question, manager, "Garage Jansen.")
    client = client_for(employee)
    url = reverse("questions:detail", args=[question.post_id])
    client.get(url)
    with django_assert_max_num_queries(10) as one:
        client.get(url)
    for n in range(9):
        services.answer_question(question, manager, f"Ook goed: garage {n}.")
    with django_assert_max_num_queries(10) as ten:
        response = client.get(url)
    assert len(response.context["answers"]) == 10
    assert len(ten) == len(one)


def test_comments_on_a_question_are_shown_under_it_in_constant_queries(
    client_for, employee, manager, colleague, django_assert_max_num_queries
):
    """A card in the feed counts a question's comments and links to them: they are on the
    question's page, between the question and its answers."""
    question = services.ask_question(employee, "Wie kent een goede garage?")
    services.answer_question(question, manager, "Garage Jansen.")
    first = conversation.add_comment(question.post, manager, "In welke plaats zoek je er een?")
    client = client_for(employee)
    url = reverse("questions:detail", args=[question.post_id])
    client.get(url)
    with django_assert_max_num_queries(12) as one:
        page = client.get(url)
    body = page.content.decode()
    assert "In welke plaats zoek je er een?" in body
    assert body.index('id="comments"') < body.index('id="answers"')
    element_ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(element_ids) == len(set(element_ids))  # two forms with a text field
    conversation.add_comment(question.post, employee, "In Zwolle.", parent=first)
    for n in range(5):
        conversation.add_comment(question.post, colleague, f"Ik ken er een, nummer {n}.")
    with django_assert_max_num_queries(12) as seven:
        page = client.get(url)
    assert len(seven) == len(one)
    assert page.context["comment_count"] == 7
    assert "In Zwolle." in page.content.decode()


def test_a_vote_works_with_htmx_and_without(client_for, employee, manager):
    question = services.ask_question(employee, "Welke schoenen zijn S3?")
    answer = services.answer_question(question, manager, "Alle werkschoenen uit het magazijn.")
    client = client_for(employee)
    url = reverse("questions:vote", args=[answer.pk])
    fragment = client.post(url, {"vote": "1"}, **HTMX)
    html = fragment.content.decode()
    assert 'aria-pressed="true"' in html and 'value="0"' in html
    assert "<h1" not in html
    answer.refresh_from_db()
    assert answer.score == 1
    plain = client.post(url, {"vote": "0"})
    assert plain.status_code == 302
    assert plain["Location"].endswith(f"#answer-{answer.pk}")
    answer.refresh_from_db()
    assert answer.score == 0


def test_one_cannot_vote_for_ones_own_answer(client_for, employee, manager):
    question = services.ask_question(employee, "Welke schoenen zijn S3?")
    answer = services.answer_question(question, manager, "Alle werkschoenen uit het magazijn.")
    client = client_for(manager)
    page = client.get(reverse("questions:detail", args=[question.post_id])).content.decode()
    assert "answer-vote__button" not in page
    response = client.post(reverse("questions:vote", args=[answer.pk]), {"vote": "1"}, **HTMX)
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.score == 0


def test_only_the_asker_sees_and_may_use_the_accept_button(
    client_for, employee, manager, colleague
):
    question = services.ask_question(employee, "Hoe laat begint de toolbox?")
    answer = services.answer_question(question, manager, "Om half acht.")
    url = reverse("questions:detail", args=[question.post_id])
    accept_url = reverse("questions:accept", args=[answer.pk])
    assert accept_url not in client_for(colleague).get(url).content.decode()
    assert client_for(colleague).post(accept_url).status_code == 403
    asker = client_for(employee)
    assert accept_url in asker.get(url).content.decode()
    response = asker.post(accept_url)
    assert response["Location"] == f"{url}#answer-{answer.pk}"
    question.refresh_from_db()
    assert question.accepted_answer == answer
    page = asker.get(url).content.decode()
    assert reverse("questions:unaccept", args=[question.post_id]) in page
    asker.post(reverse("questions:unaccept", args=[question.post_id]))
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_answering_shows_the_gates_message_on_the_form(client_for, employee, manager):
    question = services.ask_question(employee, "Hoe laat begint de toolbox?")
    client = client_for(manager)
    url = reverse("questions:answer", args=[question.post_id])
    too_long = client.post(url, {"text": "x" * 5001})
    assert too_long.status_code == 200
    assert 'href="#id_text"' in too_long.content.decode()
    posted = client.post(url, {"text": "Om **half acht**."})
    answer = question.answers.get()
    assert posted["Location"] == f"/questions/{question.post_id}/#answer-{answer.pk}"
    assert "<strong>half acht</strong>" in client.get(posted["Location"]).content.decode()


def test_changing_and_deleting_ones_answer(client_for, employee, manager):
    question = services.ask_question(employee, "Hoe laat begint de toolbox?")
    answer = services.answer_question(question, manager, "Om acht uur.")
    other = client_for(employee)
    assert other.get(reverse("questions:edit_answer", args=[answer.pk])).status_code == 403
    assert other.post(reverse("questions:delete_answer", args=[answer.pk])).status_code == 403
    client = client_for(manager)
    client.post(reverse("questions:edit_answer", args=[answer.pk]), {"text": "Om half acht."})
    answer.refresh_from_db()
    assert answer.body == "Om half acht."
    assert client.get(reverse("questions:delete_answer", args=[answer.pk])).status_code == 200
    client.post(reverse("questions:delete_answer", args=[answer.pk]))
    page = client.get(reverse("questions:detail", args=[question.post_id])).content.decode()
    assert "Om half acht." not in page


def test_changing_ones_question(client_for, employee, manager):
    question = services.ask_question(employee, "Hoe laat begint de toolbox?")
    url = reverse("questions:edit", args=[question.post_id])
    assert client_for(manager).get(url).status_code == 403
    client = client_for(employee)
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "title": "Hoe laat begint de toolbox morgen?",
            "details": "In Zwolle.",
            "topics": "veiligheid",
        },
    )
    question.refresh_from_db()
    assert question.title == "Hoe laat begint de toolbox morgen?"
    assert question.post.body == "In Zwolle.\n\n#veiligheid"
    form = client.get(url).context["form"]
    assert form.initial == {
        "title": "Hoe laat begint de toolbox morgen?",
        "details": "In Zwolle.",
        "topics": "veiligheid",
    }


def test_the_topics_show_once_as_links_to_their_questions(client_for, employee):
    question = services.ask_question(
        employee,
        "Wie heeft een warmtebeeldcamera?",
        "Voor een lek in #vloerverwarming.",
        topics=["gereedschap"],
    )
    page = client_for(employee).get(reverse("questions:detail", args=[question.post_id]))
    html = page.content.decode()
    assert "Voor een lek in" in html
    assert reverse("community:topic", args=["vloerverwarming"]) in html  # in the text itself
    assert reverse("community:topic", args=["gereedschap"]) not in html  # the added line is not
    assert html.count("?topic=gereedschap") == 1
    assert html.count("?topic=vloerverwarming") == 1


# --- In the community -----------------------------------------------------------------------


def test_a_question_shows_as_a_card_in_the_feed_and_its_post_page_leads_to_it(
    client_for, employee, manager
):
    question = services.ask_question(employee, "Wie heeft er een accuboor te leen?")
    services.answer_question(question, manager, "Ik, kom maar halen.")
    conversation.follow_person(manager, employee)
    client = client_for(manager)
    home = client.get(reverse("community:home")).content.decode()
    assert "Wie heeft er een accuboor te leen?" in home
    assert f'href="/questions/{question.post_id}/"' in home
    assert re.search(r"1 (antwoord|answer)\b", home)
    post_page = client.get(reverse("community:post", args=[question.post_id]))
    assert post_page.status_code == 302
    assert post_page["Location"] == f"/questions/{question.post_id}/"


def test_question_cards_cost_no_extra_queries_per_question(
    client_for, employee, manager, django_assert_max_num_queries
):
    client = client_for(employee)
    conversation.follow_person(employee, manager)
    posts.publish_post(manager, "Een gewone update")
    services.ask_question(manager, "Eerste vraag?")
    client.get(reverse("community:home"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("community:home"))
    for n in range(10):
        question = services.ask_question(manager, f"Vraag {n}?")
        services.answer_question(question, employee, "Antwoord")
    with django_assert_max_num_queries(12) as eleven:
        response = client.get(reverse("community:home"))
    assert (
        sum(1 for card in response.context["cards"] if card.post.kind == Post.Kind.QUESTION) == 11
    )
    assert len(eleven) == len(one)


def test_edit_from_the_question_card_opens_the_question_form(client_for, employee, colleague):
    question = services.ask_question(employee, "Hoe boek ik een vergaderruimte?")
    response = client_for(employee).get(reverse("community:edit_post", args=[question.post_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:edit", args=[question.post_id])
    # Someone else still may not edit it, through either door.
    assert (
        client_for(colleague)
        .get(reverse("community:edit_post", args=[question.post_id]))
        .status_code
        == 403
    )
