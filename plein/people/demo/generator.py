"""Build the demo organisation: deterministic for a seed (Faker nl_NL and random.Random are both
seeded, dates are relative to today), and fast enough to make 20,000 people for benchmarks.

Everyone except the demo accounts gets an unusable password (no hashing); the one demo hash is
computed once and shared. Rows go in with bulk_create in batches.
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import batched

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from faker import Faker

from plein.core.models import Organisation
from plein.people.demo import data
from plein.people.demo.accounts import DEMO_PASSWORD, DEMO_PEOPLE, DemoPersonSpec
from plein.people.demo.data import DepartmentSpec, FunctionSpec
from plein.people.models import (
    Department,
    Invitation,
    Location,
    Person,
    PersonRole,
    Role,
    Skill,
)
from plein.people.services.organisation import create_department, get_or_create_location
from plein.people.services.persons import build_person

SIZES = {"small": 300, "large": 20_000}
BATCH_SIZE = 2_000
BIO_SHARE = 0.35
ALUMNUS_SHARE = 0.065  # of the generated permanent staff
SOON_ENDING_SHARE = 0.08  # of the flexible workers: contract ends within ten days

_TRANSLITERATE = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "ß": "ss", "æ": "ae"})


def load_demo(size: str = "small", reset: bool = False, seed: int = 2026) -> str:
    """Build the demo organisation; with reset, first remove every person and all people data.
    Returns a one-line summary ("300 people, 17 departments, 6 locations")."""
    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}.")
    with transaction.atomic():
        if reset:
            remove_people_data()
        builder = _Builder(SIZES[size], seed, teams_as_departments=size == "large")
        builder.build()
    return (
        f"{Person.objects.count()} people, {Department.objects.count()} departments, "
        f"{Location.objects.count()} locations"
    )


def remove_people_data() -> None:
    """Remove people, departments, locations, skills, roles, invitations, second factors and
    sessions. Caller holds a transaction."""
    Session.objects.all().delete()
    Authenticator.objects.all().delete()
    EmailAddress.objects.all().delete()
    Invitation.objects.all().delete()
    PersonRole.objects.all().delete()
    Person.skills.through.objects.all().delete()
    Person.objects.update(manager=None)
    Person.objects.all().delete()
    Skill.objects.all().delete()
    Location.objects.all().delete()
    Department.objects.update(parent=None)
    Department.objects.all().delete()


@dataclass
class _Unit:
    """A department being filled: its manager and, for the large demo, its team departments."""

    spec: DepartmentSpec
    department: Department
    manager: Person | None = None
    teams: dict[str, tuple[Department, Person]] = field(default_factory=dict)


class _Builder:
    def __init__(self, size: int, seed: int, *, teams_as_departments: bool) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.teams_as_departments = teams_as_departments
        self.today = timezone.localdate()
        self.demo_hash = make_password(DEMO_PASSWORD)
        self.emails: dict[str, int] = {}
        for spec in DEMO_PEOPLE:
            self.emails[spec.email.split("@")[0]] = 1
        self.locations: dict[str, Location] = {}
        self.units: dict[str, _Unit] = {}
        self.skills: dict[str, Skill] = {}
        # Managers by depth (saved level by level: each points at the one above), then the rest.
        self.manager_levels: list[list[Person]] = [[], [], [], []]
        self.people: list[Person] = []
        self.skill_names: dict[int, tuple[str, ...]] = {}  # id(person) -> skills
        self.grants: list[tuple[Person, Role]] = []

    # --- structure ------------------------------------------------------------------------

    def build(self) -> None:
        self._rename_organisation()
        self._create_locations()
        self._create_departments()
        self._create_skills()
        counts = self._headcounts()
        for key, unit in self.units.items():
            self._fill(unit, counts[key])
        self._number_employees()
        self._save()

    def _rename_organisation(self) -> None:
        organisation = Organisation.current()
        default_name = Organisation._meta.get_field("name").default
        if organisation.name == default_name:
            organisation.name = data.ORGANISATION_NAME
            organisation.save(update_fields=["name", "updated_at"])

    # Locations, departments and skills that already exist (a first load into a database that
    # has an organisation but no people yet) are reused rather than duplicated.

    def _create_locations(self) -> None:
        for spec in data.LOCATIONS:
            self.locations[spec.key] = get_or_create_location(
                spec.name, kind=spec.kind, city=spec.city, address=spec.address
            )

    def _department(self, name: str, parent: Department | None, code: str = "") -> Department:
        existing = Department.objects.filter(name__iexact=name, parent=parent).first()
        return existing or create_department(name, parent=parent, code=code)

    def _create_departments(self) -> None:
        for spec in data.DEPARTMENTS:
            parent = self.units[spec.parent].department if spec.parent else None
            self.units[spec.key] = _Unit(spec, self._department(spec.name, parent, spec.code))

    def _create_skills(self) -> None:
        names: dict[str, None] = {}
        for spec in data.DEPARTMENTS:
            names.update(dict.fromkeys(spec.skills))
            for function in spec.functions:
                names.update(dict.fromkeys(function.skills))
        for person_spec in DEMO_PEOPLE:
            names.update(dict.fromkeys(person_spec.skills))
        names.update(dict.fromkeys(("Leidinggeven", "Coaching")))
        existing = {skill.name.lower(): skill for skill in Skill.objects.all()}
        Skill.objects.bulk_create(
            Skill(name=name) for name in names if name.lower() not in existing
        )
        by_lower_name = {skill.name.lower(): skill for skill in Skill.objects.all()}
        self.skills = {name: by_lower_name[name.lower()] for name in names}

    def _headcounts(self) -> dict[str, int]:
        """People per department (manager included), by largest remainder over the weights."""
        total_weight = sum(spec.weight for spec in data.DEPARTMENTS)
        exact = {spec.key: self.size * spec.weight / total_weight for spec in data.DEPARTMENTS}
        counts = {key: max(2, int(value)) for key, value in exact.items()}
        by_remainder = sorted(exact, key=lambda key: (-(exact[key] - int(exact[key])), key))
        for key in by_remainder[: max(0, self.size - sum(counts.values()))]:
            counts[key] += 1
        return counts

    # --- people ---------------------------------------------------------------------------

    def _fill(self, unit: _Unit, headcount: int) -> None:
        spec = unit.spec
        demo_specs = [p for p in DEMO_PEOPLE if p.department == spec.key]
        demo_manager = next((p for p in demo_specs if p.manages_department), None)
        level = 0 if spec.key == "directie" else (1 if spec.parent is None else 2)
        if demo_manager is not None:
            unit.manager = self._demo_person(demo_manager, unit)
        else:
            unit.manager = self._generated_manager(spec, spec.manager_title, unit.department)
        if spec.key != "directie":
            parent_key = spec.parent or "directie"
            unit.manager.manager = self.units[parent_key].manager
        self.manager_levels[level].append(unit.manager)
        self.grants.append((unit.manager, Role.MANAGER))

        remaining = headcount - 1
        if self.teams_as_departments:
            for team in spec.teams:
                team_department = self._department(team, unit.department)
                leader = self._generated_manager(spec, "Teamleider", team_department, team=team)
                leader.manager = unit.manager
                self.manager_levels[3].append(leader)
                self.grants.append((leader, Role.MANAGER))
                unit.teams[team] = (team_department, leader)
                remaining -= 1

        for demo_spec in demo_specs:
            if demo_spec is not demo_manager:
                self._demo_person(demo_spec, unit)
                remaining -= 1

        functions = spec.functions
        weights = [function.weight for function in functions]
        for _ in range(max(0, remaining)):
            function = self.rng.choices(functions, weights)[0]
            self._generated_person(unit, function)

    def _generated_manager(
        self, spec: DepartmentSpec, title: str, department: Department, team: str = ""
    ) -> Person:
        first_name, name_prefix, last_name, spoken = self._identity()
        start_date = self.today - timedelta(days=self.rng.randint(3 * 365, 22 * 365))
        person = self._new_person(
            first_name,
            name_prefix,
            last_name,
            department=department,
            location=self.locations[spec.offices[0][0]],
            job_title=title,
            team=team,
            start_date=start_date,
            spoken=spoken,
        )
        trade = list(dict.fromkeys(s for function in spec.functions for s in function.skills))
        picked = self.rng.sample(trade, k=min(2, len(trade)))
        self.skill_names[id(person)] = tuple(dict.fromkeys(("Leidinggeven", *picked)))
        if self.rng.random() < BIO_SHARE:
            person.bio = self._bio(spec, title, self.skill_names[id(person)], start_date)
        return person

    def _generated_person(self, unit: _Unit, function: FunctionSpec) -> None:
        spec = unit.spec
        rng = self.rng
        flexible = rng.random() < function.flexible_share
        field_work = function.location in (data.FIELD, data.WAREHOUSE)
        first_name, name_prefix, last_name, spoken = self._identity(
            polish=flexible and field_work and rng.random() < 0.3,
            international=spec.key in ("ict", "marketing", "financien") and rng.random() < 0.12,
        )
        if function.location is not None:
            location = self.locations[function.location]
        else:
            keys, location_weights = zip(*spec.offices, strict=True)
            location = self.locations[rng.choices(keys, location_weights)[0]]
        team = function.team or (rng.choice(spec.teams) if spec.teams else "")
        department, manager = unit.department, unit.manager
        if team in unit.teams:
            department, manager = unit.teams[team]

        status = Person.Status.ACTIVE
        offboarded_at = None
        if flexible:
            start_date = self.today - timedelta(days=rng.randint(7, 540))
            if rng.random() < SOON_ENDING_SHARE:
                end_date: date | None = self.today + timedelta(days=rng.randint(0, 10))
            else:
                end_date = self.today + timedelta(days=rng.randint(14, 365))
        elif rng.random() < ALUMNUS_SHARE:
            left = self.today - timedelta(days=rng.randint(14, 3 * 365))
            start_date = left - timedelta(days=rng.randint(365, 12 * 365))
            end_date = left
            status = Person.Status.ALUMNUS
            offboarded_at = self._moment(left)
            manager = None
        else:
            start_date = self.today - timedelta(days=min(int(rng.expovariate(1 / 1600)), 30 * 365))
            end_date = None

        person = self._new_person(
            first_name,
            name_prefix,
            last_name,
            department=department,
            location=location,
            job_title=function.title,
            team=team,
            start_date=start_date,
            end_date=end_date,
            spoken=spoken,
            flexible=flexible,
            status=status,
        )
        person.manager = manager
        person.offboarded_at = offboarded_at
        own = rng.sample(
            function.skills, k=rng.randint(min(2, len(function.skills)), len(function.skills))
        )
        shared = rng.sample(spec.skills, k=rng.randint(0, min(2, len(spec.skills))))
        self.skill_names[id(person)] = tuple(dict.fromkeys((*own, *shared)))
        if rng.random() < BIO_SHARE:
            person.bio = self._bio(spec, function.title, self.skill_names[id(person)], start_date)
        self.people.append(person)
        if status == Person.Status.ACTIVE:
            self._grant_by_function(person, spec, function)

    def _grant_by_function(
        self, person: Person, spec: DepartmentSpec, function: FunctionSpec
    ) -> None:
        # HR advisers and recruiters work as HR in Plein; salary administration does not.
        if spec.key == "hr" and function.title in ("HR-adviseur", "Recruiter"):
            self.grants.append((person, Role.HR))

    def _demo_person(self, spec: DemoPersonSpec, unit: _Unit) -> Person:
        flexible = spec.role == Role.FLEXIBLE
        alumnus = spec.role == Role.ALUMNUS
        if alumnus:
            left = self.today - timedelta(days=150)
            start_date, end_date = left - timedelta(days=6 * 365), left
        elif flexible:
            start_date = self.today - timedelta(days=90)
            end_date = self.today + timedelta(days=91)
        elif spec.manages_department:
            start_date, end_date = self.today - timedelta(days=14 * 365), None
        else:
            start_date, end_date = self.today - timedelta(days=8 * 365 + 40), None
        person = self._new_person(
            spec.first_name,
            spec.name_prefix,
            spec.last_name,
            email=spec.email,
            department=unit.department,
            location=self.locations[spec.location],
            job_title=spec.job_title,
            team=spec.team,
            start_date=start_date,
            end_date=end_date,
            spoken=list(spec.spoken_languages),
            flexible=flexible,
            status=Person.Status.ALUMNUS if alumnus else Person.Status.ACTIVE,
        )
        person.password = self.demo_hash
        person.language = "nl"
        person.bio = spec.bio
        self.skill_names[id(person)] = spec.skills
        if alumnus:
            person.offboarded_at = self._moment(end_date or self.today)
        elif not spec.manages_department:
            person.manager = unit.manager
        if spec.role in (Role.COMMUNITY_MANAGER, Role.HR, Role.ADMINISTRATOR):
            self.grants.append((person, spec.role))
        if not spec.manages_department:
            self.people.append(person)
        return person

    def _new_person(
        self,
        first_name: str,
        name_prefix: str,
        last_name: str,
        *,
        department: Department,
        location: Location,
        job_title: str,
        team: str,
        start_date: date,
        spoken: list[str],
        end_date: date | None = None,
        flexible: bool = False,
        status: str = Person.Status.ACTIVE,
        email: str = "",
    ) -> Person:
        if not email:
            email = self._email(first_name, name_prefix, last_name)
        if "nl" not in spoken or ("en" in spoken and self.rng.random() < 0.22):
            language = "en"
        else:
            language = "nl"
        person = build_person(
            email=email,
            first_name=first_name,
            name_prefix=name_prefix,
            last_name=last_name,
            status=status,
            contract_type=(
                Person.ContractType.FLEXIBLE if flexible else Person.ContractType.PERMANENT
            ),
            start_date=start_date,
            end_date=end_date,
            job_title=job_title,
            team=team,
            department=department,
            location=location,
            phone=self.fake.numerify("06-########"),
            language=language,
        )
        person.spoken_languages = spoken
        return person

    # --- names, e-mail, bios --------------------------------------------------------------

    def _identity(
        self, *, polish: bool = False, international: bool = False
    ) -> tuple[str, str, str, list[str]]:
        """(first name, name prefix, last name, spoken languages) for a new colleague."""
        rng = self.rng
        background = "nl"
        if polish:
            background = "pl"
        elif international:
            background = "int"
        else:
            draw = rng.random()
            background = "tr" if draw < 0.05 else "ar" if draw < 0.10 else "nl"
        if background == "pl":
            first = rng.choice(data.POLISH_FIRST_NAMES)
            last = rng.choice(data.POLISH_LAST_NAMES)
            if first.endswith("a") and last.endswith("ki"):
                last = last[:-1] + "a"  # Kowalski -> Kowalska
            spoken = rng.choice((["pl", "en"], ["pl", "en"], ["pl", "nl", "en"], ["pl", "nl"]))
            return first, "", last, spoken
        if background == "int":
            spoken = rng.choice((["en"], ["en"], ["en", "nl"], ["en", "de"]))
            return (
                rng.choice(data.INTERNATIONAL_FIRST_NAMES),
                "",
                rng.choice(data.INTERNATIONAL_LAST_NAMES),
                spoken,
            )
        if background == "tr":
            spoken = rng.choice((["nl", "tr"], ["nl", "tr"], ["nl", "tr", "en"]))
            return (
                rng.choice(data.TURKISH_FIRST_NAMES),
                "",
                rng.choice(data.TURKISH_LAST_NAMES),
                spoken,
            )
        if background == "ar":
            spoken = rng.choice(
                (["nl", "ar"], ["nl", "ar"], ["nl", "ar", "fr"], ["nl", "ar", "en"])
            )
            return (
                rng.choice(data.MOROCCAN_FIRST_NAMES),
                "",
                rng.choice(data.MOROCCAN_LAST_NAMES),
                spoken,
            )
        draw = rng.random()
        if draw < 0.76:
            spoken = ["nl"]
        elif draw < 0.96:
            spoken = ["nl", "en"]
        else:
            spoken = rng.choice((["nl", "en", "de"], ["nl", "en", "fr"], ["nl", "fy"]))
        prefix, last = _split_name_prefix(self.fake.last_name())
        return self.fake.first_name(), prefix, last, spoken

    def _email(self, first_name: str, name_prefix: str, last_name: str) -> str:
        mailbox = f"{_mailbox_part(first_name)}.{_mailbox_part(name_prefix + last_name)}"
        seen = self.emails.get(mailbox, 0)
        self.emails[mailbox] = seen + 1
        if seen:
            mailbox = f"{mailbox}{seen + 1}"
        return f"{mailbox}@{data.EMAIL_DOMAIN}"

    def _bio(self, spec: DepartmentSpec, title: str, skills: tuple[str, ...], start: date) -> str:
        rng = self.rng
        picked = [name for name in skills if name not in data.QUALIFICATIONS] or ["het vak"]
        skill = rng.choice(picked)
        other = rng.choice([s for s in picked if s != skill] or ["klanten helpen"])
        return rng.choice(data.BIO_TEMPLATES).format(
            year=start.year,
            function=_lower_first(title),
            department=spec.name,
            skill=_lower_first(skill),
            other_skill=_lower_first(other),
            purpose=spec.purpose or "alles soepel loopt",
            hobby=rng.choice(data.HOBBIES),
        )

    def _moment(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(17, 0)))

    # --- saving ---------------------------------------------------------------------------

    def _number_employees(self) -> None:
        everyone = [person for level in self.manager_levels for person in level] + self.people
        order = sorted(range(len(everyone)), key=lambda i: (everyone[i].start_date, i))
        for number, index in enumerate(order, start=data.FIRST_EMPLOYEE_NUMBER):
            everyone[index].employee_number = f"{data.EMPLOYEE_NUMBER_PREFIX}{number}"

    def _save(self) -> None:
        # Each level of managers points at the level above, so it goes in once that has its ids.
        for level in self.manager_levels:
            Person.objects.bulk_create(level, batch_size=BATCH_SIZE)
        for batch in batched(self.people, BATCH_SIZE):
            Person.objects.bulk_create(batch)

        everyone = [person for level in self.manager_levels for person in level] + self.people
        through = Person.skills.through
        rows = (
            through(person_id=person.pk, skill_id=self.skills[name].pk)
            for person in everyone
            for name in self.skill_names.get(id(person), ())
        )
        for skill_rows in batched(rows, BATCH_SIZE * 4):
            through.objects.bulk_create(skill_rows)
        PersonRole.objects.bulk_create(
            (PersonRole(person=person, role=role) for person, role in self.grants),
            batch_size=BATCH_SIZE,
        )


def _split_name_prefix(last_name: str) -> tuple[str, str]:
    """Split "van der Ploeg" into ("van der", "Ploeg"): Dutch directories sort on "Ploeg"."""
    words = last_name.split(" ")
    index = 0
    while index < len(words) - 1 and words[index] in data.NAME_PREFIX_WORDS:
        index += 1
    return " ".join(words[:index]), " ".join(words[index:])


def _mailbox_part(text: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower()) or "collega"


def _lower_first(text: str) -> str:
    """Lower "Servicemonteur" to "servicemonteur", but keep "HR-adviseur" and "AFAS"."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text
