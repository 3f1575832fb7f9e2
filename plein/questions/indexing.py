"""Questions and answers in the search index.

A question is found by its title and details, an answer by its text (under its question's
title). Both carry the question's post: search shows them exactly to who may read that post.
A question with an accepted answer is indexed as answered, which ranks it first for its words.
The services call these functions inside their transactions, so the index commits or rolls back
with the content.
"""

from collections.abc import Iterator

from django.urls import reverse

from plein.questions.models import Answer, Question
from plein.search.services import Document, index, remove

QUESTION = "question"
ANSWER = "answer"


def _url(question: Question) -> str:
    return reverse("questions:detail", args=[question.post_id])


def question_document(question: Question) -> Document:
    post = question.post
    return Document(
        kind=QUESTION,
        object_id=question.pk,
        title=question.title,
        text=post.body if post.body != question.title else "",
        url=_url(question),
        post_id=post.pk,
        group_id=post.group_id,
        author_id=post.author_id,
        created_at=post.created_at,
        answered=question.accepted_answer_id is not None,
    )


def answer_document(answer: Answer, question: Question) -> Document:
    return Document(
        kind=ANSWER,
        object_id=answer.pk,
        title=question.title,
        text=answer.body,
        url=f"{_url(question)}#answer-{answer.pk}",
        post_id=question.post_id,
        group_id=question.post.group_id,
        author_id=answer.author_id,
        created_at=answer.created_at,
    )


def index_question(question: Question) -> None:
    index(question_document(question))


def index_answer(answer: Answer) -> None:
    index(answer_document(answer, answer.question))


def index_answers(question: Question) -> None:
    for answer in Answer.objects.filter(question=question, deleted_at__isnull=True):
        index(answer_document(answer, question))


def remove_answer(answer: Answer) -> None:
    remove(ANSWER, answer.pk)


def all_question_documents() -> Iterator[Document]:
    """For a full re-index: every question whose post still exists."""
    questions = Question.objects.filter(post__deleted_at__isnull=True).select_related("post")
    for question in questions.order_by("pk").iterator(chunk_size=500):
        yield question_document(question)


def all_answer_documents() -> Iterator[Document]:
    answers = Answer.objects.filter(
        deleted_at__isnull=True, question__post__deleted_at__isnull=True
    ).select_related("question", "question__post")
    for answer in answers.order_by("pk").iterator(chunk_size=500):
        yield answer_document(answer, answer.question)
