"""Questions inside the community's post cards (see `plein.community.cards`): the title, the
number of answers and whether one was accepted, for every question on a page in one query."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.urls import reverse

from plein.community.cards import CardExtra
from plein.community.models import Post
from plein.people.models import Person
from plein.questions.models import Question

TEMPLATE = "questions/_card.html"


@dataclass(frozen=True)
class QuestionCard:
    question: Question
    url: str
    answer_count: int
    details_html: str  # the post's text, unless it only repeats the title


def detail_url(post: Post) -> str:
    return reverse("questions:detail", args=[post.pk])


def edit_url(post: Post) -> str:
    return reverse("questions:edit", args=[post.pk])


def extend_cards(viewer: Person, posts: Sequence[Post]) -> Mapping[int, CardExtra]:
    by_id = {post.pk: post for post in posts}
    questions = Question.objects.filter(post_id__in=list(by_id)).with_answer_count()
    extras: dict[int, CardExtra] = {}
    for question in questions:
        post = by_id[question.post_id]
        question.post = post  # the card's post: no second look-up
        extras[post.pk] = CardExtra(
            template=TEMPLATE,
            context=QuestionCard(
                question=question,
                url=detail_url(post),
                answer_count=question.answer_count,  # type: ignore[attr-defined]
                details_html=post.body_html if post.body != question.title else "",
            ),
            replaces_body=True,
        )
    return extras
