"""Asking, answering, voting and accepting through the services: who may do what, what the
question looks like afterwards, and who is told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from plein.community.models import Post, Topic
from plein.community.services import conversation, groups
from plein.notifications.models import Kind, Notification
from plein.questions import services
from plein.questions.models import Answer, AnswerVote, Question
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the services hand to `transaction.on_commit` (the notifications)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Asking ---------------------------------------------------------------------------------


def test_a_question_is_a_post_of_its_kind_with_its_topics(employee):
    question = services.ask_question(
        employee,
        "Hoe ontlucht ik een #warmtepomp met een buffervat?",
        "Het vat blijft borrelen na het vullen.",
        topics=["ventilatie", "#Warmtepomp"],
    )
    post = question.post
    assert post.kind == Post.Kind.QUESTION
    assert post.author == employee
    assert question.title == "Hoe ontlucht ik een #warmtepomp met een buffervat?"
    assert post.body == "Het vat blijft borrelen na het vullen.\n\n#ventilatie #Warmtepomp"
    assert sorted(post.topics.values_list("slug", flat=True)) == ["ventilatie", "warmtepomp"]
    assert not question.is_answered


def test_a_question_without_details_keeps_its_title_as_the_post_text(employee):
    question = services.ask_question(employee, "Waar vind ik de storingscodes van de Daikin?")
    assert question.post.body == question.title
    assert services.details_of(question) == ""


@pytest.mark.parametrize(
    ("title", "topics", "message"),
    [
        ("", [], "Write your question."),
        ("x" * 201, [], "at most 200"),
        ("Een vraag", ["geen spaties!"], "cannot be a topic"),
        ("Een vraag", [f"t{n}" for n in range(11)], "at most 10 topics"),
    ],
)
def test_a_question_that_cannot_be_asked_changes_nothing(employee, title, topics, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.ask_question(employee, title, topics=topics)
    assert message in " ".join(error.value.messages)
    assert not Post.objects.exists()
    assert not Question.objects.exists()


def test_only_members_ask_in_a_closed_group(employee, closed_group):
    with pytest.raises(PermissionDenied):
        services.ask_question(employee, "Mag ik dit vragen?", group=closed_group)
    assert not Question.objects.exists()


# --- Visibility -----------------------------------------------------------------------------


def test_a_closed_groups_question_and_answers_are_hidden_from_non_members(
    employee, manager, colleague, closed_group
):
    question = services.ask_question(manager, "Wie verhuist er mee?", group=closed_group)
    answer = services.answer_question(question, colleague, "Ik ga mee naar Nieuwegein.")
    assert Question.objects.visible_to(colleague).filter(pk=question.pk).exists()
    assert Answer.objects.visible_to(colleague).filter(pk=answer.pk).exists()
    assert not Question.objects.visible_to(employee).filter(pk=question.pk).exists()
    assert not Answer.objects.visible_to(employee).filter(pk=answer.pk).exists()
    with pytest.raises(PermissionDenied):
        services.answer_question(question, employee, "Ik niet.")
    with pytest.raises(PermissionDenied):
        services.vote(answer, employee)
    assert answer.votes.count() == 0


def test_an_answer_disappears_with_its_question(employee, manager):
    question = services.ask_question(employee, "Werkt de printer op de tweede verdieping?")
    answer = services.answer_question(question, manager, "Sinds vanmorgen weer.")
    question.post.deleted_at = question.post.created_at
    question.post.save()
    assert not Answer.objects.visible_to(manager).filter(pk=answer.pk).exists()
    assert not Question.objects.visible_to(employee).exists()


def test_a_deactivated_person_reads_no_question(employee, outsider):
    services.ask_question(employee, "Wie heeft de sleutel van bus 12?")
    assert not Question.objects.visible_to(outsider).exists()


# --- Answers and votes ----------------------------------------------------------------------


def test_answers_pass_the_gate_and_can_be_changed_by_their_author_only(employee, manager):
    question = services.ask_question(employee, "Hoe vraag ik verlof aan?")
    answer = services.answer_question(question, manager, "In **AFAS**, onder Verlof.")
    assert "<strong>AFAS</strong>" in answer.body_html
    with pytest.raises(ValidationError):
        services.answer_question(question, manager, "   ")
    with pytest.raises(PermissionDenied):
        services.edit_answer(answer, "Vraag het mij", by=employee)
    services.edit_answer(answer, "In AFAS Pocket, onder Verlof.", by=manager)
    answer.refresh_from_db()
    assert answer.body == "In AFAS Pocket, onder Verlof."
    assert answer.edited_at is not None


def test_a_vote_counts_once_and_never_for_ones_own_answer(employee, manager, colleague):
    question = services.ask_question(employee, "Welke pakking past op een Calenta?")
    answer = services.answer_question(question, manager, "De set van Remeha, art. 7654.")
    assert services.vote(answer, colleague).score == 1
    assert services.vote(answer, colleague).score == 1
    assert services.vote(answer, employee).score == 2
    with pytest.raises(ValidationError):
        services.vote(answer, manager)
    assert AnswerVote.objects.filter(answer=answer).count() == 2
    assert services.unvote(answer, colleague).score == 1
    assert services.unvote(answer, colleague).score == 1


def test_a_deleted_answer_cannot_be_voted_for(employee, manager):
    question = services.ask_question(employee, "Is de kantine open in de zomer?")
    answer = services.answer_question(question, manager, "Ja, tot twee uur.")
    services.delete_answer(answer, by=manager)
    with pytest.raises(PermissionDenied):
        services.vote(answer, employee)


def test_only_the_author_a_group_admin_or_a_moderator_removes_an_answer(
    employee, manager, colleague, community_manager, closed_group
):
    question = services.ask_question(colleague, "Wanneer is de verhuizing?", group=closed_group)
    answer = services.answer_question(question, colleague, "Ik denk in maart.")
    with pytest.raises(PermissionDenied):
        services.delete_answer(answer, by=employee)  # cannot even read it
    second = services.answer_question(question, manager, "Op 14 maart.")
    with pytest.raises(PermissionDenied):
        services.delete_answer(second, by=colleague)
    services.delete_answer(answer, by=manager)  # the group admin
    answer.refresh_from_db()
    assert answer.deleted_at is not None and answer.removed_by == manager
    org_question = services.ask_question(employee, "Wie rijdt er mee naar de beurs?")
    org_answer = services.answer_question(org_question, colleague, "Ik!")
    services.delete_answer(org_answer, by=community_manager)
    assert not Answer.objects.visible_to(employee).filter(pk=org_answer.pk).exists()


# --- Accepting ------------------------------------------------------------------------------


def test_the_asker_accepts_and_may_change_or_undo_it(employee, manager, colleague):
    question = services.ask_question(employee, "Hoe reset ik de tablet?")
    first = services.answer_question(question, manager, "Aan/uit tien seconden vasthouden.")
    second = services.answer_question(question, colleague, "Via Instellingen, Systeem, Reset.")
    services.accept_answer(first, by=employee)
    question.refresh_from_db()
    assert question.accepted_answer == first and question.answered_at is not None
    services.accept_answer(second, by=employee)
    question.refresh_from_db()
    assert question.accepted_answer == second
    services.unaccept(question, by=employee)
    question.refresh_from_db()
    assert question.accepted_answer is None and question.answered_at is None


def test_a_colleague_who_did_not_ask_cannot_accept(employee, manager, colleague):
    question = services.ask_question(employee, "Hoe reset ik de tablet?")
    answer = services.answer_question(question, manager, "Aan/uit tien seconden vasthouden.")
    with pytest.raises(PermissionDenied):
        services.accept_answer(answer, by=colleague)
    with pytest.raises(PermissionDenied):
        services.accept_answer(answer, by=manager)  # answering does not make you the asker
    services.accept_answer(answer, by=employee)
    with pytest.raises(PermissionDenied):
        services.unaccept(question, by=colleague)
    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_a_group_admin_and_a_moderator_may_accept_too(
    manager, colleague, community_manager, closed_group
):
    other = PersonFactory()
    groups.invite(closed_group, other, by=manager)
    groups.join(closed_group, other)
    question = services.ask_question(colleague, "Waar komen de stellingen?", group=closed_group)
    answer = services.answer_question(question, other, "Langs de achterwand.")
    services.accept_answer(answer, by=manager)  # the group's admin
    question.refresh_from_db()
    assert question.accepted_answer == answer and question.accepted_by == manager
    org_question = services.ask_question(colleague, "Wie heeft de boormachine?")
    org_answer = services.answer_question(org_question, other, "Die ligt in bus 4.")
    services.accept_answer(org_answer, by=community_manager)
    org_question.refresh_from_db()
    assert org_question.accepted_answer == org_answer


def test_deleting_the_accepted_answer_leaves_the_question_unanswered(employee, manager):
    question = services.ask_question(employee, "Wat is het wifi-wachtwoord voor gasten?")
    answer = services.answer_question(question, manager, "Het staat op het scherm bij de balie.")
    services.accept_answer(answer, by=employee)
    services.delete_answer(answer, by=manager)
    question.refresh_from_db()
    assert question.accepted_answer is None
    assert Question.objects.unanswered().filter(pk=question.pk).exists()


# --- Notifications --------------------------------------------------------------------------


def test_the_asker_is_told_of_answers_in_one_growing_notification(
    employee, manager, colleague, on_commit
):
    question = services.ask_question(employee, "Wie kent een goede lunchplek in Zwolle?")
    with on_commit():
        services.answer_question(question, manager, "De Librije, als je het breed hebt.")
    with on_commit():
        services.answer_question(question, colleague, "Bakkerij Bolletje aan de Diezerstraat.")
    told = Notification.objects.get(recipient=employee, kind=Kind.ANSWER)
    assert told.actor == colleague and told.actor_count == 2
    assert told.title == question.title
    assert told.url.startswith(f"/questions/{question.post_id}/#answer-")
    assert not Notification.objects.filter(recipient__in=[manager, colleague]).exists()


def test_the_answers_author_is_told_when_it_is_accepted(employee, manager, on_commit):
    question = services.ask_question(employee, "Hoe vraag ik een nieuwe pas aan?")
    answer = services.answer_question(question, manager, "Bij de receptie.")
    with on_commit():
        services.accept_answer(answer, by=employee)
    told = Notification.objects.get(recipient=manager, kind=Kind.ANSWER_ACCEPTED)
    assert told.actor == employee
    assert told.url.endswith(f"#answer-{answer.pk}")


def test_group_members_and_topic_followers_hear_of_a_new_question(
    employee, manager, colleague, closed_group, on_commit
):
    topic = Topic.objects.create(name="magazijn", slug="magazijn")
    follower = PersonFactory()
    conversation.follow_topic(follower, topic)
    conversation.follow_topic(employee, topic)  # not in the closed group
    with on_commit():
        services.ask_question(manager, "Waar komt de nieuwe stelling?", group=closed_group)
    assert set(
        Notification.objects.filter(kind=Kind.NEW_QUESTION).values_list("recipient", flat=True)
    ) == {colleague.pk}
    with on_commit():
        services.ask_question(colleague, "Wie weet hoe de heftruck oplaadt?", topics=["magazijn"])
    told = set(
        Notification.objects.filter(
            kind=Kind.NEW_QUESTION, title="Wie weet hoe de heftruck oplaadt?"
        ).values_list("recipient", flat=True)
    )
    assert told == {follower.pk, employee.pk}


def test_nobody_is_told_about_a_question_of_a_closed_group_they_left(
    employee, manager, colleague, closed_group, on_commit
):
    question = services.ask_question(colleague, "Mag de bus mee naar huis?", group=closed_group)
    groups.remove_member(closed_group, colleague, by=manager)
    with on_commit(), pytest.raises(PermissionDenied):
        services.answer_question(question, colleague, "Ik denk van wel.")
    with on_commit():
        services.answer_question(question, manager, "Alleen met toestemming.")
    assert not Notification.objects.filter(recipient=colleague, kind=Kind.ANSWER).exists()
