"""Reading questions and answers for the pages: the lists (newest, unanswered, answered, per
topic, per group) with keyset pagination, and one question with its answers.

Everything is read through `Question.objects.visible_to` / `Answer.objects.visible_to` and
costs a fixed number of queries, whatever the number of questions or answers.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from plein.community.models import Group, PostTopic, Topic
from plein.people.models import Person
from plein.questions.models import Answer, AnswerVote, Question, QuestionQuerySet

PAGE_SIZE = 20


@dataclass
class QuestionPage:
    questions: list[Question]
    next_cursor: int | None  # the post id to continue below, None on the last page


def question_list(
    viewer: Person,
    *,
    status: str = "all",
    group: Group | None = None,
    topic: Topic | None = None,
    before: int | None = None,
) -> QuestionPage:
    """Newest first. Two queries: the questions (with their post, author, group and answer
    count) and their topics."""
    questions: QuestionQuerySet = Question.objects.visible_to(viewer)
    if status == "unanswered":
        questions = questions.unanswered()
    elif status == "answered":
        questions = questions.answered()
    if group is not None:
        questions = questions.filter(post__group=group)
    if topic is not None:
        tagged = PostTopic.objects.filter(topic=topic, post=OuterRef("post_id"))
        questions = questions.filter(Exists(tagged))
    if before:
        questions = questions.filter(post_id__lt=before)
    rows = list(
        questions.with_answer_count()
        .for_display()
        .prefetch_related(
            Prefetch("post__topics", queryset=Topic.objects.order_by("name"), to_attr="topic_list")
        )
        .newest_first()[: PAGE_SIZE + 1]
    )
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return QuestionPage(questions=rows, next_cursor=rows[-1].post_id if has_more else None)


def question_for_viewer(viewer: Person, post_id: int) -> Question | None:
    return (
        Question.objects.visible_to(viewer)
        .for_display()
        .prefetch_related(
            Prefetch("post__topics", queryset=Topic.objects.order_by("name"), to_attr="topic_list")
        )
        .filter(post_id=post_id)
        .first()
    )


@dataclass
class AnswerView:
    answer: Answer
    accepted: bool
    voted: bool
    can_vote: bool
    can_edit: bool
    can_remove: bool


def answers_of(viewer: Person, question: Question, *, moderator_or_admin: bool) -> list[AnswerView]:
    """The answers, accepted first, then by score, then oldest first, in one query."""
    mine = AnswerVote.objects.filter(answer=OuterRef("pk"), person=viewer)
    answers = (
        Answer.objects.visible_to(viewer)
        .filter(question=question)
        .select_related("author", "author__department")
        .annotate(voted=Exists(mine))
        .best_first(question.accepted_answer_id)
    )
    return [
        AnswerView(
            answer=answer,
            accepted=answer.pk == question.accepted_answer_id,
            voted=bool(answer.voted),  # type: ignore[attr-defined]
            can_vote=answer.author_id != viewer.pk,
            can_edit=answer.author_id == viewer.pk,
            can_remove=answer.author_id == viewer.pk or moderator_or_admin,
        )
        for answer in answers
    ]


def answer_view(viewer: Person, answer_id: int) -> AnswerView | None:
    """One answer as the vote button needs it (after a vote)."""
    mine = AnswerVote.objects.filter(answer=OuterRef("pk"), person=viewer)
    answer = (
        Answer.objects.visible_to(viewer)
        .select_related("author", "question")
        .annotate(voted=Exists(mine))
        .filter(pk=answer_id)
        .first()
    )
    if answer is None:
        return None
    return AnswerView(
        answer=answer,
        accepted=answer.pk == answer.question.accepted_answer_id,
        voted=bool(answer.voted),
        can_vote=answer.author_id != viewer.pk,
        can_edit=answer.author_id == viewer.pk,
        can_remove=False,
    )
