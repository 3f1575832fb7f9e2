"""How a poll shows in the community's feeds (registered in PollsConfig.ready()): the question,
the options as a form to vote, and the results when the viewer may see them. Three queries for
a whole page of posts: the polls, their options with counts, the viewer's votes."""

from collections.abc import Mapping, Sequence

from django.urls import reverse

from plein.community.cards import CardExtra
from plein.community.models import Post
from plein.people.models import Person
from plein.polls import services

CARD_TEMPLATE = "polls/_card.html"


def detail_url(post: Post) -> str:
    return reverse("polls:detail", args=[post.pk])


def extend_cards(viewer: Person, posts: Sequence[Post]) -> Mapping[int, CardExtra]:
    by_id = {post.pk: post for post in posts}
    polls = services.polls_with_counts(by_id)
    for poll in polls:
        poll.post = by_id[poll.pk]  # already read, with what the card needs
    return {
        pk: CardExtra(template=CARD_TEMPLATE, context=view, replaces_body=True)
        for pk, view in services.views_for(viewer, polls).items()
    }
