import pytest

from plein.community.models import Group
from plein.community.services import groups
from plein.people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def colleague(db) -> Person:
    return PersonFactory(
        email="bram@example.nl", first_name="Bram", last_name="Kok", job_title="Storingsmonteur"
    )


@pytest.fixture
def closed_group(manager, colleague) -> Group:
    """A closed project group: the manager (admin) and the colleague are members."""
    group = groups.create_group(
        by=manager,
        name="Reorganisatie magazijn",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )
    groups.invite(group, colleague, by=manager)
    groups.join(group, colleague)
    return group
