import pytest

from plein.community.services.groups import sync_people_groups
from plein.people.demo import load_demo as load_people_demo
from plein.people.models import Person
from plein.polls import services
from plein.polls.demo import load_demo
from plein.polls.models import Poll

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_an_open_and_an_anonymous_poll_and_is_loaded_once():
    load_people_demo(size="small", reset=True)
    sync_people_groups()
    assert load_demo() == "3 polls"
    employee = Person.objects.get(email="medewerker@demo.plein.nl")
    polls = services.polls_with_counts(Poll.objects.values_list("pk", flat=True))
    for poll in polls:
        poll.post = Poll.objects.select_related("post").get(pk=poll.pk).post
    views = {
        view.poll.post.body[:12]: view for view in services.views_for(employee, polls).values()
    }

    closed = views["Ons personee"]
    assert closed.closed and closed.results_visible and closed.voter_count > 20

    team_day = views["Teamdag Serv"]
    assert not team_day.closed and team_day.can_vote and team_day.poll.multiple_choice
    assert team_day.poll.post.group is not None  # in the Service Midden group

    anonymous = views["Hoe tevreden"]
    assert anonymous.poll.anonymous and not anonymous.results_visible

    assert load_demo() == "polls already there"
    assert Poll.objects.count() == 3
