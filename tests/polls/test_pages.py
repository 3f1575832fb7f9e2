"""The poll pages and card: composing, voting with and without htmx, the results as text, and
a constant number of queries for a feed full of polls."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.community.models import Group
from plein.community.services import conversation, groups
from plein.polls import services
from plein.polls.models import Poll, PollVote, ResultsVisibility

pytestmark = pytest.mark.django_db

NEW = reverse("polls:new")


def make_poll(author, **kwargs) -> Poll:  # type: ignore[no-untyped-def]
    return services.create_poll(author, "Welke dag past?", ["Maandag", "Dinsdag"], **kwargs)


def test_a_colleague_creates_a_poll_in_their_group(client_for, employee):
    club = groups.create_group(by=employee, name="Fietsclub", visibility=Group.Visibility.CLOSED)
    client = client_for(employee)
    page = client.get(NEW, {"group": club.pk})
    assert page.status_code == 200
    assert page.context["form"]["group"].value() == str(club.pk)
    closes = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        NEW,
        {
            "question": "Welke route rijden we zaterdag?",
            "option_1": "Langs de Vecht",
            "option_2": "Over de Heuvelrug",
            "option_5": "Door de polder",
            "group": str(club.pk),
            "multiple_choice": "1",
            "closes_at": closes,
            "results_visibility": ResultsVisibility.AFTER_CLOSING,
            "anonymous": "on",
        },
    )
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("polls:detail", args=[poll.pk])
    assert poll.post.group == club
    assert poll.multiple_choice and poll.anonymous
    assert poll.results_visibility == ResultsVisibility.AFTER_CLOSING
    assert poll.closes_at is not None and poll.closes_at > timezone.now()
    assert [o.text for o in poll.options.all()] == [
        "Langs de Vecht",
        "Over de Heuvelrug",
        "Door de polder",
    ]


def test_a_poll_with_one_option_comes_back_with_the_error(client_for, employee):
    response = client_for(employee).post(
        NEW,
        {
            "question": "Ja?",
            "option_1": "Ja",
            "group": "everyone",
            "multiple_choice": "0",
            "results_visibility": ResultsVisibility.AFTER_VOTING,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["option_1"]
    assert 'class="error-summary"' in response.content.decode()
    assert not Poll.objects.exists()


def test_voting_without_javascript_redirects_back_and_shows_the_results(
    client_for, employee, manager
):
    poll = make_poll(manager)
    monday = poll.options.get(text="Maandag")
    client = client_for(employee)
    home = reverse("community:home")
    response = client.post(
        reverse("polls:vote", args=[poll.pk]), {"option": monday.pk, "next": home}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{home}#post-{poll.pk}"
    page = client.get(reverse("polls:detail", args=[poll.pk])).content.decode()
    # The numbers are text; the bar is decoration.
    assert (
        '<meter class="poll-results__bar" min="0" max="100" value="100" aria-hidden="true">' in page
    )
    assert "(100%)" in page
    assert employee.full_name in page  # not anonymous: who voted for what


def test_voting_with_htmx_returns_the_poll_part(client_for, employee, manager):
    poll = make_poll(manager)
    tuesday = poll.options.get(text="Dinsdag")
    response = client_for(employee).post(
        reverse("polls:vote", args=[poll.pk]),
        {"option": tuesday.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "poll-results" in html
    assert PollVote.objects.get().option == tuesday


def test_voting_on_a_closed_poll_says_so(client_for, employee, manager):
    poll = make_poll(manager)
    services.close_poll(poll, by=manager)
    response = client_for(employee).post(
        reverse("polls:vote", args=[poll.pk]),
        {"option": poll.options.first().pk},  # type: ignore[union-attr]
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert services.closed_message(Poll.objects.get()) in response.content.decode()
    assert not PollVote.objects.exists()


def test_the_author_closes_the_poll_from_the_card(client_for, manager):
    poll = make_poll(manager)
    client = client_for(manager)
    page = client.get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert f'action="/polls/{poll.pk}/close/"' in page
    client.post(reverse("polls:close", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.is_closed()


def test_the_community_post_page_sends_a_poll_to_its_own_page(client_for, employee, manager):
    poll = make_poll(manager)
    response = client_for(employee).get(reverse("community:post", args=[poll.pk]))
    assert response["Location"] == reverse("polls:detail", args=[poll.pk])


def test_a_feed_of_polls_costs_the_same_queries_for_one_and_ten(client_for, employee, manager):
    conversation.follow_person(employee, manager)
    client = client_for(employee)
    make_poll(manager)
    client.get(reverse("community:home"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("community:home")).status_code == 200
        return len(queries)

    one = count()
    for _ in range(9):
        poll = make_poll(manager, multiple_choice=True)
        services.vote(poll, employee, [poll.options.first().pk])  # type: ignore[union-attr]
    assert count() == one
    cards = client.get(reverse("community:home")).context["cards"]
    assert sum(1 for card in cards if card.extra is not None) == 10
