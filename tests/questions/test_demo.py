"""The demo's questions: answered and unanswered ones across topics and groups, written through
the services (so they are in search and in the feeds), and loaded only once."""

import pytest

from plein.community.demo import load_community_demo
from plein.community.models import Group, Post
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person
from plein.questions.demo import QUESTIONS, load_demo
from plein.questions.models import Answer, AnswerVote, Question
from plein.search.services import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> str:
    load_people_demo(size="small", reset=True)
    load_community_demo()
    return load_demo()


def test_the_demo_has_answered_and_unanswered_questions(demo):
    assert Question.objects.count() == len(QUESTIONS) == 15
    assert Question.objects.answered().count() == 10
    assert Question.objects.unanswered().count() == 5
    assert demo == f"15 questions (10 answered), {Answer.objects.count()} answers"
    assert AnswerVote.objects.exists()
    assert set(
        Post.objects.filter(kind=Post.Kind.QUESTION).values_list("group__name", flat=True)
    ) >= {
        None,
        "Vakgroep warmtepompen",
        "Warmtepompen Woonstede Zwolle",
    }
    # Every accepted answer belongs to its own question, and scores match the votes.
    for question in Question.objects.answered().select_related("accepted_answer"):
        assert question.accepted_answer.question_id == question.pk
    for answer in Answer.objects.all():
        assert answer.score == answer.votes.count()

    # The closed project group's question is asked and answered by its members.
    question = Question.objects.get(post__group__name="Warmtepompen Woonstede Zwolle")
    group = Group.objects.get(name="Warmtepompen Woonstede Zwolle")
    members = set(group.memberships.values_list("person_id", flat=True))
    assert question.post.author_id in members
    assert set(question.answers.values_list("author_id", flat=True)) <= members

    sanne = Person.objects.get(email="medewerker@demo.plein.nl")
    hits = search(sanne, "werkbroek").hits
    assert hits and hits[0].kind == "question" and hits[0].answered


def test_loading_twice_adds_nothing(demo):
    before = (Question.objects.count(), Answer.objects.count(), AnswerVote.objects.count())
    assert load_demo() == "questions already present: nothing added"
    assert (Question.objects.count(), Answer.objects.count(), AnswerVote.objects.count()) == before
