import pytest
from django.contrib.auth.password_validation import validate_password
from django.test import Client
from django.utils import timezone

from plein.people.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from plein.people.models import Department, Location, Person, PersonRole, Role, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> str:
    return load_demo(size="small")


def roster() -> list[tuple[str | None, str, str]]:
    return list(
        Person.objects.order_by("employee_number").values_list(
            "employee_number", "email", "job_title"
        )
    )


def test_it_builds_an_organisation_of_about_three_hundred_people(demo):
    people = Person.objects.count()
    assert 280 <= people <= 320
    assert demo == (
        f"{people} people, {Department.objects.count()} departments, "
        f"{Location.objects.count()} locations"
    )
    assert Location.objects.filter(kind=Location.Kind.HEAD_OFFICE).count() == 1
    assert Location.objects.filter(kind=Location.Kind.REGIONAL_OFFICE).count() >= 2
    assert Location.objects.filter(kind=Location.Kind.FIELD).exists()
    assert Skill.objects.filter(people__isnull=False).distinct().count() >= 30


def test_every_role_is_present(demo):
    granted = set(PersonRole.objects.values_list("role", flat=True))
    assert granted == {
        Role.MANAGER.value,
        Role.COMMUNITY_MANAGER.value,
        Role.HR.value,
        Role.ADMINISTRATOR.value,
    }
    active = Person.objects.filter(status=Person.Status.ACTIVE)
    assert active.filter(contract_type=Person.ContractType.PERMANENT).count() > 150
    assert active.filter(contract_type=Person.ContractType.FLEXIBLE).exists()
    assert Person.objects.filter(status=Person.Status.ALUMNUS).exists()


def test_flexible_workers_are_a_realistic_share_with_future_end_dates(demo):
    today = timezone.localdate()
    flexible = Person.objects.filter(
        status=Person.Status.ACTIVE, contract_type=Person.ContractType.FLEXIBLE
    )
    assert 0.10 <= flexible.count() / Person.objects.count() <= 0.20
    assert not flexible.filter(end_date__isnull=True).exists()
    assert not flexible.filter(end_date__lt=today).exists()
    # The directory counts them as members, so none has silently lost access.
    assert Person.objects.members().filter(contract_type="flexible").count() == flexible.count()


def test_alumni_have_left_in_the_past(demo):
    alumni = Person.objects.filter(status=Person.Status.ALUMNUS)
    assert 0.02 <= alumni.count() / Person.objects.count() <= 0.08
    assert not alumni.filter(offboarded_at__isnull=True).exists()
    assert not alumni.filter(offboarded_at__gt=timezone.now()).exists()
    assert not PersonRole.objects.filter(person__in=alumni).exists()


def test_departments_form_a_tree_with_a_manager_each(demo):
    children = Department.objects.filter(parent__isnull=False).select_related("parent")
    assert children.exists()
    for department in children:
        assert department.path.startswith(department.parent.path)
    managers = set(
        PersonRole.objects.filter(role=Role.MANAGER).values_list("person__department", flat=True)
    )
    assert managers == set(Department.objects.values_list("pk", flat=True))


def test_people_report_to_a_manager_of_their_own_department(demo):
    active = Person.objects.filter(status=Person.Status.ACTIVE).select_related("manager")
    without_manager = [person for person in active if person.manager is None]
    assert len(without_manager) == 1  # the managing director
    managers = set(PersonRole.objects.filter(role=Role.MANAGER).values_list("person_id", flat=True))
    for person in active:
        if person.manager is not None:
            assert person.manager_id in managers
            if person.pk not in managers:
                assert person.manager.department_id == person.department_id


def test_the_demo_password_passes_the_password_rules():
    validate_password(DEMO_PASSWORD)


@pytest.mark.parametrize("email", [email for email, _role, _what in DEMO_ACCOUNTS])
def test_each_demo_account_signs_in_with_the_documented_password(demo, email):
    client = Client()
    client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert client.session.get("_auth_user_id") == str(Person.objects.get(email=email).pk)


def test_there_is_one_demo_account_per_role(demo):
    assert [role for _email, role, _what in DEMO_ACCOUNTS] == [
        "Employee",
        "Flexible worker",
        "Manager",
        "Community manager",
        "HR / recruiter",
        "Administrator",
        "Alumnus",
    ]
    roles = {email: Person.objects.get(email=email).roles for email, _r, _w in DEMO_ACCOUNTS}
    assert roles["medewerker@demo.plein.nl"] == [Role.EMPLOYEE]
    assert roles["flex@demo.plein.nl"] == [Role.FLEXIBLE]
    assert Role.MANAGER in roles["manager@demo.plein.nl"]
    assert Role.COMMUNITY_MANAGER in roles["community@demo.plein.nl"]
    assert Role.HR in roles["hr@demo.plein.nl"]
    assert Role.ADMINISTRATOR in roles["admin@demo.plein.nl"]
    assert roles["alumnus@demo.plein.nl"] == [Role.ALUMNUS]
    manager = Person.objects.get(email="manager@demo.plein.nl")
    assert manager.reports.filter(email="medewerker@demo.plein.nl").exists()


def test_other_people_cannot_sign_in_until_invited(demo):
    generated = Person.objects.exclude(email__in=[email for email, _r, _w in DEMO_ACCOUNTS])
    assert not any(person.has_usable_password() for person in generated)
    client = Client()
    client.post("/accounts/login/", {"login": generated.first().email, "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_same_seed_gives_the_same_organisation():
    load_demo(size="small", seed=7)
    first = roster()
    load_demo(size="small", reset=True, seed=7)
    assert roster() == first
    load_demo(size="small", reset=True, seed=8)
    assert roster() != first


def test_reset_replaces_the_organisation_instead_of_adding_to_it(demo):
    people = Person.objects.count()
    departments = Department.objects.count()
    locations = Location.objects.count()
    load_demo(size="small", reset=True)
    assert Person.objects.count() == people
    assert Department.objects.count() == departments
    assert Location.objects.count() == locations
    assert Person.objects.filter(email="admin@demo.plein.nl").count() == 1


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="Unknown demo size"):
        load_demo(size="huge")
    assert not Person.objects.exists()


def test_a_first_load_reuses_departments_and_locations_that_already_exist(department, location):
    # The conftest made "Klantenservice" and "Hoofdkantoor Utrecht" before anyone was added.
    load_demo(size="small")
    assert Department.objects.filter(name="Klantenservice").count() == 1
    assert Location.objects.filter(name="Hoofdkantoor Utrecht").count() == 1
    assert Person.objects.filter(department=department).count() > 5
