import pytest

from plein.people.models import Person
from tests.core.test_worker import mail_server, start_worker  # noqa: F401 (fixtures)
from tests.factories import DepartmentFactory, LocationFactory, PersonFactory


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the services defer to the commit (notifications) inside the test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def sales(db):
    return DepartmentFactory(name="Verkoop")


@pytest.fixture
def sales_team(sales):
    return DepartmentFactory(name="Verkoop binnendienst", parent=sales)


@pytest.fixture
def zwolle(db):
    return LocationFactory(name="Vestiging Zwolle")


@pytest.fixture
def seller(sales, zwolle) -> Person:
    return PersonFactory(first_name="Sven", last_name="Verkoper", department=sales, location=zwolle)


@pytest.fixture
def flexible_seller(sales) -> Person:
    return PersonFactory(
        first_name="Fleur",
        last_name="Flex",
        department=sales,
        contract_type=Person.ContractType.FLEXIBLE,
    )
