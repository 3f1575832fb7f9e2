""" "Ask the board": rounds, questions, votes, answers, anonymity and notifications."""

import datetime

import html5lib
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from plein.articles.models import BoardQuestion, BoardRound, BoardVote
from plein.articles.services import board
from plein.notifications.models import Kind, Notification
from plein.search.models import Entry
from plein.search.services import search

pytestmark = pytest.mark.django_db

ANONYMOUS_TEXT = "Waarom krijgen de flexkrachten geen #kerstpakket?"


def body(response) -> str:
    return response.content.decode()


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- Rounds -------------------------------------------------------------------------------------


def test_a_round_runs_from_monday_to_sunday_by_default():
    wednesday = datetime.date(2026, 5, 13)
    board_round = board.open_round(wednesday)
    assert board_round.starts_on == datetime.date(2026, 5, 11)  # Monday
    assert board_round.ends_on == datetime.date(2026, 5, 17)  # Sunday
    assert board.open_round(datetime.date(2026, 5, 17)) == board_round
    assert board.open_round(datetime.date(2026, 5, 18)).starts_on == datetime.date(2026, 5, 18)
    assert BoardRound.objects.count() == 2


def test_opening_the_round_twice_opens_it_once():
    from plein.articles.tasks import open_board_round_task

    first = open_board_round_task.call()
    second = open_board_round_task.call()
    assert first == second
    assert BoardRound.objects.count() == 1
    assert BoardRound.objects.get().is_open()


def test_the_period_is_configurable(settings):
    settings.PLEIN_BOARD_ROUND_DAYS = 14
    board_round = board.open_round(datetime.date(2026, 5, 13))
    assert (board_round.ends_on - board_round.starts_on).days == 13
    assert board_round.starts_on.weekday() == 0
    # Changed back to a week: the next round starts after the fortnight, never overlapping.
    settings.PLEIN_BOARD_ROUND_DAYS = 7
    following = board.open_round(board_round.ends_on + datetime.timedelta(days=1))
    assert following.starts_on == board_round.ends_on + datetime.timedelta(days=1)


# --- Asking and voting --------------------------------------------------------------------------


def test_a_question_is_asked_in_the_current_round_through_the_gate(employee):
    question = board.ask_board_question(employee, "Komt er een **nieuwe** bus?")
    assert question.round == board.current_round()
    assert question.text_html.strip() == "<p>Komt er een <strong>nieuwe</strong> bus?</p>"
    with pytest.raises(ValidationError) as raised:
        board.ask_board_question(employee, "x" * 1001)
    assert "text" in raised.value.message_dict
    with pytest.raises(ValidationError):
        board.ask_board_question(employee, "   ")


def test_a_person_asks_at_most_five_questions_a_round(employee):
    for number in range(5):
        board.ask_board_question(employee, f"Vraag {number}")
    with pytest.raises(ValidationError):
        board.ask_board_question(employee, "Nog een vraag")


def test_alumni_and_outsiders_cannot_ask(alumnus, outsider):
    for person in (alumnus, outsider):
        with pytest.raises(PermissionDenied):
            board.ask_board_question(person, "Mag ik iets vragen?")


def test_a_vote_counts_once_and_can_be_taken_back(employee, colleague, manager):
    question = board.ask_board_question(employee, "Wanneer komt de nieuwe planning?")
    assert board.vote(colleague, question) is True
    assert board.vote(colleague, question) is True  # twice: still one vote
    board.vote(manager, question)
    question.refresh_from_db()
    assert question.vote_count == 2
    assert BoardVote.objects.filter(question=question).count() == 2
    assert board.vote(colleague, question, up=False) is False
    question.refresh_from_db()
    assert question.vote_count == 1


def test_nobody_votes_for_their_own_question(employee):
    question = board.ask_board_question(employee, "Mijn eigen vraag")
    with pytest.raises(ValidationError):
        board.vote(employee, question)
    assert question.vote_count == 0


def test_votes_close_with_the_round(employee, colleague):
    monday = board.current_round().starts_on
    question = board.ask_board_question(employee, "Nog open?", now=at(monday))
    with pytest.raises(ValidationError):
        board.vote(colleague, question, now=at(monday + datetime.timedelta(days=7)))


def test_voting_over_http_works_with_and_without_htmx(client_for, employee, colleague):
    question = board.ask_board_question(employee, "Komt er een nieuwe bus?")
    client = client_for(colleague)
    url = reverse("articles:board_vote", args=[question.pk])
    response = client.post(url, {"up": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{question.pk}")
    fragment = client.post(url, {"up": "0"}, headers={"HX-Request": "true"})
    assert "<html" not in body(fragment)
    assert 'aria-pressed="false"' in body(fragment)
    again = client.post(url, {"up": "1"}, headers={"HX-Request": "true"})
    assert 'aria-pressed="true"' in body(again)
    question.refresh_from_db()
    assert question.vote_count == 1


def test_the_round_lists_questions_by_votes(client_for, employee, colleague, manager, director):
    few = board.ask_board_question(employee, "Weinig stemmen")
    many = board.ask_board_question(colleague, "Veel stemmen")
    for person in (employee, manager, director):
        board.vote(person, many)
    page = body(client_for(employee).get(reverse("articles:board")))
    assert page.index(f'id="question-{many.pk}"') < page.index(f'id="question-{few.pk}"')


# --- Answering ---------------------------------------------------------------------------------


def test_only_people_who_answer_for_the_board_may_answer(employee, colleague, community_manager):
    question = board.ask_board_question(employee, "Wie beslist over de lease-auto's?")
    for person in (colleague, community_manager):
        with pytest.raises(PermissionDenied):
            board.answer_board_question(question, by=person, text="Ik weet het ook niet")
    question.refresh_from_db()
    assert question.state == BoardQuestion.State.OPEN


def test_a_colleague_cannot_answer_over_http(client_for, employee, colleague):
    question = board.ask_board_question(employee, "Wie beslist?")
    url = reverse("articles:board_answer", args=[question.pk])
    assert client_for(colleague).post(url, {"answer": "Ik"}).status_code == 403
    question.refresh_from_db()
    assert not question.is_answered


def test_the_answer_is_public_and_the_asker_is_told(
    client_for, employee, colleague, director, django_capture_on_commit_callbacks
):
    question = board.ask_board_question(employee, "Komt er een tweede vestiging in het noorden?")
    with django_capture_on_commit_callbacks(execute=True):
        board.answer_board_question(question, by=director, text="Ja, in **Zwolle**, na de zomer.")
    question.refresh_from_db()
    assert question.state == BoardQuestion.State.ANSWERED
    assert question.answered_by == director
    told = Notification.objects.get(kind=Kind.BOARD_ANSWERED)
    assert told.recipient == employee
    assert told.actor == director
    assert told.url.endswith(f"#question-{question.pk}")

    page = body(client_for(colleague).get(reverse("articles:board")))
    assert "Ja, in <strong>Zwolle</strong>, na de zomer." in page
    assert gettext("Answered") in page
    assert director.full_name in page


def test_only_the_leader_who_answered_may_change_the_answer_and_the_asker_is_told_once(
    employee, manager, director, django_capture_on_commit_callbacks
):
    question = board.ask_board_question(employee, "Wat is de planning?")
    with django_capture_on_commit_callbacks(execute=True):
        board.answer_board_question(question, by=director, text="Eerste antwoord")
        board.answer_board_question(question, by=director, text="Beter antwoord")
    with pytest.raises(PermissionDenied):
        board.answer_board_question(question, by=manager, text="Mijn antwoord")
    question.refresh_from_db()
    assert question.answer == "Beter antwoord"
    assert question.answer_edited_at is not None
    assert Notification.objects.filter(kind=Kind.BOARD_ANSWERED).count() == 1


def test_leaders_are_told_of_new_questions_in_one_notification_per_round(
    employee, colleague, manager, director, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        board.ask_board_question(employee, "Eerste vraag")
        board.ask_board_question(colleague, "Tweede vraag")
    for leader in (manager, director):
        assert Notification.objects.filter(recipient=leader, kind=Kind.BOARD_QUESTION).count() == 1
    assert not Notification.objects.filter(recipient__in=[employee, colleague]).exists()


# --- Anonymity -----------------------------------------------------------------------------------


@pytest.fixture
def anonymous_question(employee, colleague, director, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = board.ask_board_question(employee, ANONYMOUS_TEXT, anonymous=True)
    board.vote(colleague, question)
    return question


def _who_asked(page: str, question: BoardQuestion) -> str:
    document = html5lib.parse(page, namespaceHTMLElements=False)
    item = document.find(f".//article[@id='question-{question.pk}']")
    assert item is not None
    return " ".join("".join(item.itertext()).split())


def test_an_anonymous_question_hides_the_asker_from_colleagues_and_leaders(
    client_for,
    anonymous_question,
    employee,
    colleague,
    director,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        board.answer_board_question(anonymous_question, by=director, text="Goede vraag.")
    pages = [reverse("articles:board"), reverse("articles:leaders")]
    search_page = reverse("articles:board_archive") + "?q=kerstpakket"
    for viewer in (colleague, director):
        client = client_for(viewer)
        for url in [*pages, search_page]:
            page = body(client.get(url))
            assert "kerstpakket" in page, url
            assert employee.full_name not in page, url
            assert employee.email not in page, url
            assert f"/people/{employee.pk}/" not in page, url
        assert employee.full_name not in _who_asked(body(client.get(pages[0])), anonymous_question)
    # Nothing told the leaders who asked.
    question_notes = Notification.objects.filter(kind=Kind.BOARD_QUESTION)
    assert question_notes.exists()
    for note in question_notes:
        assert note.actor_id is None
        assert employee.pk not in note.actor_ids
    # And search cannot find the asker either.
    entry = Entry.objects.get(kind="board_question", object_id=anonymous_question.pk)
    assert entry.author_id is None
    results = search(colleague, "kerstpakket")
    assert results.count == 1
    assert all(hit.author is None for hit in results.hits)


def test_moderators_and_the_asker_still_see_who_asked(
    client_for, anonymous_question, employee, community_manager
):
    moderator_view = _who_asked(
        body(client_for(community_manager).get(reverse("articles:board"))), anonymous_question
    )
    assert employee.full_name in moderator_view
    own_view = _who_asked(
        body(client_for(employee).get(reverse("articles:board"))), anonymous_question
    )
    assert employee.full_name in own_view
    assert gettext("Only you and the moderators see that you asked this") in own_view


def test_anonymous_questions_can_be_switched_off(settings, client_for, employee):
    settings.PLEIN_BOARD_ANONYMOUS_QUESTIONS = False
    with pytest.raises(ValidationError) as raised:
        board.ask_board_question(employee, "Zonder naam?", anonymous=True)
    assert "anonymous" in raised.value.message_dict
    page = body(client_for(employee).get(reverse("articles:board")))
    assert 'name="anonymous"' not in page


def test_asking_anonymously_over_http(client_for, employee):
    response = client_for(employee).post(
        reverse("articles:board_ask"), {"text": "Anoniem gevraagd", "anonymous": "on"}
    )
    question = BoardQuestion.objects.get()
    assert response.status_code == 302
    assert question.anonymous
    assert question.asker == employee


def test_a_question_that_fails_the_gate_comes_back_with_the_message(client_for, employee):
    response = client_for(employee).post(reverse("articles:board_ask"), {"text": ""})
    assert response.status_code == 200
    assert 'class="error-summary"' in body(response)
    assert not BoardQuestion.objects.exists()


# --- Removing, the archive -----------------------------------------------------------------------


def test_a_moderator_removes_a_question_and_it_disappears(
    client_for, employee, colleague, community_manager
):
    question = board.ask_board_question(employee, "Iets ongepasts")
    assert (
        client_for(colleague).post(reverse("articles:board_remove", args=[question.pk])).status_code
        == 403
    )
    client_for(community_manager).post(reverse("articles:board_remove", args=[question.pk]))
    question.refresh_from_db()
    assert question.state == BoardQuestion.State.REMOVED
    assert "Iets ongepasts" not in body(client_for(colleague).get(reverse("articles:board")))
    assert not Entry.objects.filter(kind="board_question", object_id=question.pk).exists()


def test_the_asker_may_withdraw_an_unanswered_question(employee, director):
    question = board.ask_board_question(employee, "Laat maar")
    board.remove_board_question(question, by=employee)
    assert question.state == BoardQuestion.State.REMOVED
    answered = board.ask_board_question(employee, "Beantwoord")
    board.answer_board_question(answered, by=director, text="Antwoord")
    answered.refresh_from_db()
    with pytest.raises(PermissionDenied):
        board.remove_board_question(answered, by=employee)


def test_answered_questions_stay_findable_in_the_archive(client_for, employee, colleague, director):
    last_week = board.open_round(timezone.localdate() - datetime.timedelta(days=7))
    old = board.ask_board_question(
        employee,
        "Hoe zit het met de #thuiswerkvergoeding?",
        now=at(last_week.starts_on),
    )
    board.answer_board_question(old, by=director, text="Die gaat omhoog per januari.")
    unanswered = board.ask_board_question(colleague, "Hoe zit het met de parkeerplaatsen?")
    client = client_for(colleague)
    archive = body(client.get(reverse("articles:board_archive")))
    assert reverse("articles:board_round", args=[last_week.pk]) in archive
    found = body(client.get(reverse("articles:board_archive") + "?q=omhoog"))
    assert f"#question-{old.pk}" in found
    assert "Die gaat omhoog per januari." in found
    only_answered = body(client.get(reverse("articles:board_archive") + "?q=hoe+zit"))
    assert f"#question-{old.pk}" in only_answered
    assert f"#question-{unanswered.pk}" not in only_answered
    entry = Entry.objects.get(kind="board_question", object_id=old.pk)
    assert entry.answered and "omhoog" in entry.body
    old_round = body(client.get(reverse("articles:board_round", args=[last_week.pk])))
    assert "Die gaat omhoog per januari." in old_round
    assert f'action="{reverse("articles:board_vote", args=[old.pk])}"' not in old_round


def test_the_sources_for_a_rebuilt_index_keep_the_anonymity(employee, colleague, director):
    from plein.search.services import registered_sources
    from tests.articles.conftest import publish

    article = publish(director, title="Koers voor volgend jaar", leaders_blog=True)
    question = board.ask_board_question(employee, ANONYMOUS_TEXT, anonymous=True)
    board.answer_board_question(question, by=director, text="Daar kijken we naar.")
    removed = board.ask_board_question(colleague, "Weg ermee")
    board.remove_board_question(removed, by=colleague)
    sources = registered_sources()
    articles_found = list(sources["article"]())
    assert [(d.object_id, d.post_id) for d in articles_found] == [(article.pk, article.post_id)]
    questions_found = list(sources["board_question"]())
    assert [d.object_id for d in questions_found] == [question.pk]
    assert questions_found[0].author_id is None
    assert questions_found[0].answered
    assert "Daar kijken we naar." in questions_found[0].text
