"""Personas shared by every test, like Healthchecks' alice/bob/charlie."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from plein.people.models import Person, Role
from plein.policy.services import rules
from plein.policy.services.rules import RuleData
from tests.factories import PASSWORD, DepartmentFactory, LocationFactory, PersonFactory

# Whole areas whose behaviour depends on the database engine (hand-written feed SQL, the
# visibility rule, imports, the API's queries): every test in them runs on PostgreSQL too.
# Elsewhere a test says so itself with @pytest.mark.db_backend.
ENGINE_DEPENDENT = ("community", "people", "api", "search", "notifications")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.parts
        if "tests" in parts and parts[parts.index("tests") + 1] in ENGINE_DEPENDENT:
            item.add_marker(pytest.mark.db_backend)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def department():
    return DepartmentFactory(name="Klantenservice")


@pytest.fixture
def location():
    return LocationFactory(name="Hoofdkantoor Utrecht")


@pytest.fixture
def employee(db, department, location) -> Person:
    return PersonFactory(
        email="anna@example.nl",
        first_name="Anna",
        last_name="Jansen",
        department=department,
        location=location,
        job_title="Monteur",
    )


@pytest.fixture
def flexible_worker(db, department) -> Person:
    return PersonFactory(
        email="flex@example.nl",
        first_name="Femke",
        last_name="Bakker",
        contract_type=Person.ContractType.FLEXIBLE,
        department=department,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=30),
    )


@pytest.fixture
def manager(db, department) -> Person:
    return PersonFactory(
        email="manager@example.nl",
        first_name="Mark",
        last_name="de Vries",
        department=department,
        roles=[Role.MANAGER],
    )


@pytest.fixture
def community_manager(db) -> Person:
    return PersonFactory(
        email="community@example.nl",
        first_name="Chris",
        last_name="Smit",
        roles=[Role.COMMUNITY_MANAGER],
    )


@pytest.fixture
def recruiter(db) -> Person:
    return PersonFactory(
        email="hr@example.nl", first_name="Hanna", last_name="Visser", roles=[Role.HR]
    )


@pytest.fixture
def admin_person(db) -> Person:
    return PersonFactory(
        email="admin@example.nl",
        first_name="Ad",
        last_name="Mulder",
        roles=[Role.ADMINISTRATOR],
    )


@pytest.fixture
def alumnus(db) -> Person:
    return PersonFactory(
        email="oud@example.nl",
        first_name="Olga",
        last_name="Dekker",
        status=Person.Status.ALUMNUS,
    )


@pytest.fixture
def outsider(db) -> Person:
    """Someone whose account was deactivated: no access to anything internal."""
    return PersonFactory(
        email="weg@example.nl",
        first_name="Willem",
        last_name="Bos",
        status=Person.Status.DEACTIVATED,
    )


def enable_totp(person: Person) -> str:
    """Give the person a TOTP authenticator; returns the secret to compute codes from."""
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    return secret


@pytest.fixture
def admin_with_mfa(admin_person) -> tuple[Person, str]:
    return admin_person, enable_totp(admin_person)


@pytest.fixture
def client_for():
    """A logged-in test client for a persona: `client_for(employee)`."""

    def make(person: Person) -> Client:
        client = Client()
        client.force_login(person)
        return client

    return make


# An organisation blocked word put in force through the rules service, as HR or a community
# manager does on /policy/rules/ (HR here: someone who does not moderate): held for review
# internally, blocked in public. A word the shipped list does not hold, so the tests say exactly
# which rule acts.
BLOCKED_WORD = "prutswerk"


@pytest.fixture
def blocked_word(db) -> str:
    keeper = PersonFactory(email="huisregels@example.nl", roles=[Role.HR])
    rules.add_rule(
        keeper,
        "org-blocked-internal",
        RuleData(kind="blocked_word", action="hold", scopes=["internal"], terms=[BLOCKED_WORD]),
    )
    rules.add_rule(
        keeper,
        "org-blocked-public",
        RuleData(
            kind="blocked_word",
            action="block",
            scopes=["careers", "outbound"],
            terms=[BLOCKED_WORD],
        ),
    )
    return BLOCKED_WORD
