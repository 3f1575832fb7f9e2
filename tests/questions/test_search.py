"""Questions and answers in search: an answered question comes first for its words, answers are
found under their question, and nothing of a closed group reaches a non-member (nor its
suggestions while typing)."""

import pytest

from plein.community.services import posts
from plein.questions import services
from plein.search.services import registered_sources, search, similar_questions

pytestmark = pytest.mark.django_db


def test_an_answered_question_is_the_first_result_for_its_words(employee, manager, colleague):
    for text in (
        "De buitenunit van de warmtepomp maakt lawaai bij klant in Houten.",
        "Warmtepomp lawaai klachten nemen toe deze winter, warmtepomp lawaai!",
        "Lawaai van de warmtepomp? Ik hoor het vaker.",
    ):
        posts.publish_post(colleague, text)
    question = services.ask_question(
        employee, "Waarom maakt een warmtepomp 's nachts lawaai?", "Klant klaagt over brommen."
    )
    answer = services.answer_question(question, manager, "Zet de stille modus aan in de nacht.")
    services.accept_answer(answer, by=employee)

    hits = search(colleague, "warmtepomp lawaai").hits
    assert hits[0].kind == "question"
    assert hits[0].url == f"/questions/{question.post_id}/"
    assert hits[0].answered


def test_unaccepting_takes_the_answered_mark_away_in_search(employee, manager):
    question = services.ask_question(employee, "Hoe werkt de nieuwe koffieautomaat?")
    answer = services.answer_question(question, manager, "Pasje ertegen houden.")
    services.accept_answer(answer, by=employee)
    assert search(manager, "koffieautomaat", kinds=["question"]).hits[0].answered
    services.unaccept(question, by=employee)
    assert not search(manager, "koffieautomaat", kinds=["question"]).hits[0].answered


def test_answers_are_found_under_their_questions_title_until_deleted(employee, manager):
    question = services.ask_question(employee, "Wie weet iets van vloerverwarming?")
    answer = services.answer_question(question, manager, "Kijk naar de verdeler in de meterkast.")
    hits = search(employee, "verdeler meterkast").hits
    assert [(hit.kind, hit.title, hit.url) for hit in hits] == [
        ("answer", question.title, f"/questions/{question.post_id}/#answer-{answer.pk}")
    ]
    services.delete_answer(answer, by=manager)
    assert search(employee, "verdeler meterkast").hits == []


def test_a_changed_question_is_found_by_its_new_words(employee):
    question = services.ask_question(employee, "Wie heeft een ladder?")
    services.edit_question(question, by=employee, title="Wie heeft een steiger?", details="")
    assert search(employee, "ladder").hits == []
    assert search(employee, "steiger").hits[0].title == "Wie heeft een steiger?"


def test_a_closed_groups_question_is_never_found_or_suggested_to_a_non_member(
    employee, manager, colleague, closed_group
):
    question = services.ask_question(
        manager, "Hoe gaat de verhuizing van het magazijn?", group=closed_group
    )
    answer = services.answer_question(question, colleague, "In drie stappen, vanaf maart.")
    services.accept_answer(answer, by=manager)

    assert search(employee, "verhuizing magazijn").hits == []
    assert similar_questions(employee, "Wanneer is de verhuizing van het magazijn?") == []
    suggested = similar_questions(colleague, "Wanneer is de verhuizing van het magazijn?")
    assert [hit.url for hit in suggested] == [f"/questions/{question.post_id}/"]


def test_questions_and_answers_can_be_rebuilt_from_their_sources(employee, manager):
    question = services.ask_question(employee, "Waar staat de defibrillator?")
    answer = services.answer_question(question, manager, "Naast de receptie.")
    services.delete_answer(services.answer_question(question, manager, "Weet ik niet."), by=manager)
    sources = registered_sources()
    questions = list(sources["question"]())
    answers = list(sources["answer"]())
    assert [(d.object_id, d.post_id, d.title) for d in questions] == [
        (question.pk, question.post_id, question.title)
    ]
    assert [(d.object_id, d.post_id, d.title) for d in answers] == [
        (answer.pk, question.post_id, question.title)
    ]
