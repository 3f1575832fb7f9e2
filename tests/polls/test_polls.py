"""Polls: creating (2 to 10 options through the gate), voting (single or multiple, changing
one's vote, refused after closing), when results show, anonymity, and visibility."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from plein.community.models import Group, Post
from plein.community.services import groups
from plein.polls import services
from plein.polls.models import Poll, PollVote, ResultsVisibility
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LUNCH = ["Pizza", "Soep", "Broodjes"]


def make_poll(author, **kwargs) -> Poll:  # type: ignore[no-untyped-def]
    kwargs.setdefault("options", LUNCH)
    options = kwargs.pop("options")
    return services.create_poll(author, "Wat eten we vrijdag?", options, **kwargs)


def option_ids(poll: Poll, *texts: str) -> list[int]:
    by_text = {option.text: option.pk for option in poll.options.all()}
    return [by_text[text] for text in texts]


def view_of(poll: Poll, viewer) -> services.PollView:  # type: ignore[no-untyped-def]
    [with_counts] = services.polls_with_counts([poll.pk])
    with_counts.post = poll.post
    return services.views_for(viewer, [with_counts], with_voters=True)[poll.pk]


# --- Creating ------------------------------------------------------------------------------------


def test_a_poll_is_a_post_with_its_options_in_order(employee):
    poll = make_poll(employee)
    assert poll.post.kind == Post.Kind.POLL
    assert poll.post.body == "Wat eten we vrijdag?"
    assert [o.text for o in poll.options.all()] == LUNCH


@pytest.mark.parametrize(
    "options",
    [["Alleen dit"], ["", "Een", "  "], [f"Optie {n}" for n in range(11)], ["Pizza", "pizza"]],
)
def test_a_poll_needs_two_to_ten_different_options(employee, options):
    with pytest.raises(ValidationError) as error:
        make_poll(employee, options=options)
    assert error.value.error_list[0].code == "options"
    assert not Post.objects.exists()


def test_every_option_passes_the_gate(employee):
    with pytest.raises(ValidationError):
        make_poll(employee, options=["Goed", "x" * 201])
    with pytest.raises(ValidationError):
        make_poll(employee, options=["Goed", "null\x00byte"])
    assert not Poll.objects.exists()


def test_the_closing_time_must_be_in_the_future(employee):
    with pytest.raises(ValidationError):
        make_poll(employee, closes_at=timezone.now() - datetime.timedelta(minutes=1))


def test_a_poll_in_a_group_needs_membership(employee, manager):
    club = groups.create_group(by=manager, name="Fietsclub")
    with pytest.raises(PermissionDenied):
        make_poll(employee, group=club)


# --- Voting --------------------------------------------------------------------------------------


def test_single_choice_one_vote_per_person_and_changing_it(employee, manager):
    poll = make_poll(manager)
    services.vote(poll, employee, option_ids(poll, "Pizza"))
    with pytest.raises(ValidationError):
        services.vote(poll, employee, option_ids(poll, "Pizza", "Soep"))
    services.vote(poll, employee, option_ids(poll, "Soep"))  # changed before closing
    assert list(PollVote.objects.values_list("option__text", flat=True)) == ["Soep"]


def test_the_database_refuses_a_second_vote_in_a_single_choice_poll(employee, manager):
    from django.db import IntegrityError, transaction

    poll = make_poll(manager)
    pizza, soup, _ = option_ids(poll, *LUNCH)
    services.vote(poll, employee, [pizza])
    with pytest.raises(IntegrityError), transaction.atomic():
        PollVote.objects.create(poll=poll, option_id=soup, person=employee, slot=0)


def test_multiple_choice_allows_several_options(employee, manager):
    poll = make_poll(manager, multiple_choice=True)
    services.vote(poll, employee, option_ids(poll, "Pizza", "Broodjes"))
    assert set(PollVote.objects.values_list("option__text", flat=True)) == {"Pizza", "Broodjes"}
    with pytest.raises(ValidationError):
        services.vote(poll, employee, [])


def test_an_option_of_another_poll_is_refused(employee, manager):
    poll = make_poll(manager)
    other = make_poll(manager, options=["Ja", "Nee"])
    with pytest.raises(ValidationError):
        services.vote(poll, employee, option_ids(other, "Ja"))


def test_voting_after_the_closing_time_is_refused_with_a_clear_message(employee, manager):
    poll = make_poll(manager, closes_at=timezone.now() + datetime.timedelta(hours=1))
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    poll.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.vote(poll, employee, option_ids(poll, "Pizza"))
    assert error.value.code == "closed"
    assert not PollVote.objects.exists()


def test_only_the_author_closes_the_poll(employee, manager):
    poll = make_poll(manager)
    with pytest.raises(PermissionDenied):
        services.close_poll(poll, by=employee)
    services.close_poll(poll, by=manager)
    assert poll.is_closed()
    with pytest.raises(ValidationError):
        services.vote(poll, employee, option_ids(poll, "Pizza"))


# --- Results -------------------------------------------------------------------------------------


def test_results_after_voting_show_only_once_one_has_voted(employee, manager, community_manager):
    poll = make_poll(manager)
    assert not view_of(poll, employee).results_visible
    assert view_of(poll, employee).results == []
    services.vote(poll, community_manager, option_ids(poll, "Soep"))
    services.vote(poll, employee, option_ids(poll, "Pizza"))
    view = view_of(poll, employee)
    assert view.results_visible
    assert [(r.option.text, r.count, r.percent, r.mine) for r in view.results] == [
        ("Pizza", 1, 50, True),
        ("Soep", 1, 50, False),
        ("Broodjes", 0, 0, False),
    ]
    assert view.voter_count == 2


def test_results_after_closing_stay_hidden_until_the_poll_closes(employee, manager):
    poll = make_poll(manager, results_visibility=ResultsVisibility.AFTER_CLOSING)
    services.vote(poll, employee, option_ids(poll, "Pizza"))
    assert not view_of(poll, employee).results_visible
    assert not view_of(poll, manager).results_visible  # the author waits too
    services.close_poll(poll, by=manager)
    assert view_of(poll, PersonFactory()).results_visible  # everyone, once closed


def test_who_voted_for_what_is_shown_only_when_not_anonymous(employee, manager):
    named = make_poll(manager)
    services.vote(named, employee, option_ids(named, "Pizza"))
    assert view_of(named, employee).results[0].voters == [employee.full_name]

    secret = make_poll(manager, anonymous=True)
    services.vote(secret, employee, option_ids(secret, "Pizza"))
    view = view_of(secret, employee)
    assert view.results[0].count == 1
    assert all(result.voters == [] for result in view.results)


def test_a_multiple_choice_percentage_is_of_the_voters(employee, manager, community_manager):
    poll = make_poll(manager, multiple_choice=True)
    services.vote(poll, employee, option_ids(poll, "Pizza", "Soep"))
    services.vote(poll, community_manager, option_ids(poll, "Pizza"))
    view = view_of(poll, employee)
    assert [(r.count, r.percent) for r in view.results] == [(2, 100), (1, 50), (0, 0)]
    assert view.voter_count == 2


# --- Visibility ----------------------------------------------------------------------------------


def test_a_poll_in_a_closed_group_cannot_be_seen_or_voted_on_by_outsiders(
    client_for, employee, manager
):
    board = groups.create_group(by=manager, name="Bestuur", visibility=Group.Visibility.CLOSED)
    poll = make_poll(manager, group=board)
    with pytest.raises(PermissionDenied):
        services.vote(poll, employee, option_ids(poll, "Pizza"))
    client = client_for(employee)
    assert client.get(reverse("polls:detail", args=[poll.pk])).status_code == 404
    response = client.post(
        reverse("polls:vote", args=[poll.pk]), {"option": option_ids(poll, "Pizza")}
    )
    assert response.status_code == 404
    assert not PollVote.objects.exists()
    home = client.get(reverse("community:home"))
    assert poll.pk not in [card.post.pk for card in home.context["cards"]]
