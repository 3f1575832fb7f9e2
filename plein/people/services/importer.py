"""Importing people from an HR system's CSV export: all of it, or nothing.

Three steps, each usable on its own:

    parse_people_csv(data)  bytes -> rows of typed values + every problem found in the file alone
    plan_import(parsed)     compares with the database: who is created, who changes, what clashes
    apply_import(plan, by)  writes the plan in one transaction

`import_people(data, by=..., dry_run=...)` runs them in order for the CLI and the web page. Every
problem is collected (line number in the file, the column as written in the header, a message
in the active language) before anything is written; a file with one bad line changes nothing.
No invitations are sent: HR invites the new people later.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.people.models import Department, Location, Person
from plein.people.permissions import Perm, require
from plein.people.services.importer_csv import (
    COLUMNS,
    DEPARTMENT_SEPARATOR,
    ImportIssue,
    ParsedImport,
    ParsedRow,
    issue_order,
    parse_people_csv,
)
from plein.people.services.organisation import (
    get_or_create_department_path,
    get_or_create_location,
)
from plein.people.services.persons import build_person

__all__ = [
    "COLUMNS",
    "Action",
    "ImportIssue",
    "ImportPlan",
    "ImportReport",
    "apply_import",
    "describe_changes",
    "import_people",
    "parse_people_csv",
    "plan_import",
]

# Lookups with many values are split so no query passes SQLite's limit on bound parameters.
QUERY_CHUNK = 2_000
BULK_BATCH = 500


# --- Plans and reports ------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRef:
    names: tuple[str, ...]
    pk: int | None  # None: (part of) the chain is created when the import is applied

    def __str__(self) -> str:
        return f" {DEPARTMENT_SEPARATOR} ".join(self.names)


@dataclass(frozen=True)
class LocationRef:
    name: str
    pk: int | None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ManagerRef:
    employee_number: str
    pk: int | None  # None: a person created by this same import

    def __str__(self) -> str:
        return self.employee_number


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class PlannedPerson:
    line: int
    employee_number: str
    name: str
    action: Action
    values: dict[str, Any]  # resolved values for every column in the file
    person: Person | None = None
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ImportPlan:
    people: list[PlannedPerson] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for planned in self.people if planned.action == action)

    @property
    def to_create(self) -> int:
        return self.count(Action.CREATE)

    @property
    def to_update(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def changed_people(self) -> list[PlannedPerson]:
        return [planned for planned in self.people if planned.action != Action.UNCHANGED]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass
class ImportReport:
    dry_run: bool
    issues: list[ImportIssue] = field(default_factory=list)
    plan: ImportPlan | None = None
    result: ImportResult | None = None

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def applied(self) -> bool:
        return self.result is not None

    @property
    def error_summary(self) -> str:
        lines = {issue.line for issue in self.issues if issue.line is not None}
        if not lines:
            return _("The file cannot be imported: %(reason)s Nothing was changed.") % {
                "reason": self.issues[0].message if self.issues else ""
            }
        return ngettext(
            "%(count)d line has errors; nothing was changed.",
            "%(count)d lines have errors; nothing was changed.",
            len(lines),
        ) % {"count": len(lines)}

    @property
    def summary(self) -> str:
        if self.result is not None:
            done = self.result
            return _(
                "%(created)s, %(updated)s, %(unchanged)s. No invitations were sent: invite the "
                "new people when you are ready."
            ) % {
                "created": ngettext(
                    "%(count)d person created", "%(count)d people created", done.created
                )
                % {"count": done.created},
                "updated": _("%(count)d updated") % {"count": done.updated},
                "unchanged": _("%(count)d unchanged") % {"count": done.unchanged},
            }
        plan = self.plan
        if plan is None:
            return self.error_summary
        return _("%(create)d to create, %(update)d to update, %(unchanged)d unchanged") % {
            "create": plan.to_create,
            "update": plan.to_update,
            "unchanged": plan.unchanged,
        }


# --- Step 2: plan -----------------------------------------------------------------------------


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), QUERY_CHUNK):
        yield values[start : start + QUERY_CHUNK]


class _Organisation:
    """The departments and locations in memory, so planning costs two queries, not one a row."""

    def __init__(self) -> None:
        self.department_names: dict[int, str] = {}
        self.department_parent: dict[int, int | None] = {}
        self.department_child: dict[tuple[int | None, str], int] = {}
        for pk, name, parent_id in Department.objects.values_list("pk", "name", "parent_id"):
            self.department_names[pk] = name
            self.department_parent[pk] = parent_id
            self.department_child.setdefault((parent_id, name.strip().casefold()), pk)
        self.locations: dict[str, tuple[int, str]] = {}
        self.location_names: dict[int, str] = {}
        for pk, name in Location.objects.values_list("pk", "name"):
            self.locations.setdefault(name.strip().casefold(), (pk, name))
            self.location_names[pk] = name

    def department(self, names: tuple[str, ...]) -> DepartmentRef:
        parent: int | None = None
        for name in names:
            found = self.department_child.get((parent, name.casefold()))
            if found is None:
                return DepartmentRef(names, None)
            parent = found
        return DepartmentRef(names, parent)

    def department_path(self, pk: int | None) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[int] = set()
        while pk is not None and pk in self.department_names and pk not in seen:
            seen.add(pk)
            names.append(self.department_names[pk])
            pk = self.department_parent[pk]
        return tuple(reversed(names))

    def location(self, name: str) -> LocationRef:
        found = self.locations.get(name.casefold())
        return LocationRef(found[1], found[0]) if found else LocationRef(name, None)


@dataclass
class _Known:
    """What the database knows about the people in the file, loaded per chunk of rows."""

    by_number: dict[str, Person]
    by_email: dict[str, Person]
    managers: dict[str, int]  # employee number -> id, for managers not in the file
    manager_numbers: dict[int, str]  # id -> employee number ("" if none) of current managers
    organisation: _Organisation

    @classmethod
    def load(cls, numbers: set[str], emails: set[str], managers: set[str]) -> "_Known":
        by_number: dict[str, Person] = {}
        for chunk in _chunks(sorted(numbers)):
            for person in Person.objects.filter(employee_number__in=chunk):
                by_number[person.employee_number or ""] = person
        by_email: dict[str, Person] = {}
        for chunk in _chunks(sorted(emails)):
            lowered = Person.objects.annotate(email_lower=Lower("email"))
            for person in lowered.filter(email_lower__in=chunk):
                by_email[person.email.lower()] = person
        known_managers: dict[str, int] = {}
        for chunk in _chunks(sorted(managers - numbers)):
            found = Person.objects.filter(employee_number__in=chunk)
            for number, pk in found.values_list("employee_number", "pk"):
                known_managers[number or ""] = pk
        manager_numbers: dict[int, str] = {}
        current = sorted({p.manager_id for p in by_number.values() if p.manager_id is not None})
        for first in range(0, len(current), QUERY_CHUNK):
            found = Person.objects.filter(pk__in=current[first : first + QUERY_CHUNK])
            for pk, number in found.values_list("pk", "employee_number"):
                manager_numbers[pk] = number or ""
        return cls(by_number, by_email, known_managers, manager_numbers, _Organisation())


def plan_import(parsed: ParsedImport) -> ImportPlan:
    """Compare every row with the database. Queries are per chunk of rows, not per row."""
    plan = ImportPlan(issues=list(parsed.issues))
    rows = [row for row in parsed.rows if row.values.get("employee_number")]
    if not rows:
        return plan
    numbers = {row.values["employee_number"] for row in rows}
    known = _Known.load(
        numbers,
        emails={row.values["email"] for row in rows if row.values.get("email")},
        managers={row.values["manager"] for row in rows if row.values.get("manager")},
    )
    for row in rows:
        issues, planned = _plan_row(row, parsed.headers, numbers, known)
        plan.issues.extend(issues)
        if planned is not None:
            plan.people.append(planned)
    plan.issues.sort(key=issue_order)
    return plan


def _plan_row(
    row: ParsedRow, headers: dict[str, str], numbers: set[str], known: _Known
) -> tuple[list[ImportIssue], PlannedPerson | None]:
    values = row.values
    number = values["employee_number"]
    existing = known.by_number.get(number)
    issues: list[ImportIssue] = []

    def problem(key: str, message: str) -> None:
        issues.append(ImportIssue(row.line, headers.get(key, ""), message))

    owner = known.by_email.get(values["email"]) if values.get("email") else None
    if owner is not None and (existing is None or owner.pk != existing.pk):
        if owner.employee_number:
            message = _(
                "This e-mail address already belongs to %(name)s, employee number %(number)s."
            ) % {"name": owner.full_name, "number": owner.employee_number}
        else:
            message = _(
                "This e-mail address already belongs to %(name)s, who has no employee number "
                "in Plein."
            ) % {"name": owner.full_name}
        problem("email", message)

    # Contract and dates as they will be: from the file, else as they are now.
    contract = values.get("contract_type") or (
        existing.contract_type if existing else Person.ContractType.PERMANENT
    )
    start = values.get("start_date", existing.start_date if existing else None)
    end = values.get("end_date", existing.end_date if existing else None)
    if row.valid and contract == Person.ContractType.FLEXIBLE and end is None:
        problem(
            "end_date" if "end_date" in headers else "contract_type",
            _("A flexible worker needs an end date."),
        )
    if row.valid and start and end and end < start:
        problem(
            "end_date" if "end_date" in headers else "start_date",
            _("The end date is before the start date."),
        )

    resolved = dict(values)
    manager_number = values.get("manager")
    if manager_number == number:
        problem("manager", _("A person cannot be their own manager."))
    elif manager_number in known.by_number:
        resolved["manager"] = ManagerRef(manager_number, known.by_number[manager_number].pk)
    elif manager_number in numbers:
        resolved["manager"] = ManagerRef(manager_number, None)  # created by this import
    elif manager_number in known.managers:
        resolved["manager"] = ManagerRef(manager_number, known.managers[manager_number])
    elif manager_number:
        problem(
            "manager",
            _("No one has employee number %(number)s, in this file or in Plein.")
            % {"number": manager_number},
        )
    elif "manager" in values:
        resolved["manager"] = None
    if values.get("department"):
        resolved["department"] = known.organisation.department(values["department"])
    elif "department" in values:
        resolved["department"] = None
    if values.get("location"):
        resolved["location"] = known.organisation.location(values["location"])
    elif "location" in values:
        resolved["location"] = None

    if issues or not row.valid:
        return issues, None
    name = " ".join(
        part for key in ("first_name", "name_prefix", "last_name") if (part := values.get(key))
    )
    if existing is None:
        return issues, PlannedPerson(row.line, number, name, Action.CREATE, resolved)
    changes = _changes(existing, resolved, known)
    action = Action.UPDATE if changes else Action.UNCHANGED
    return issues, PlannedPerson(
        row.line, number, name, action, resolved, person=existing, changes=changes
    )


def _changes(person: Person, values: dict[str, Any], known: _Known) -> list[FieldChange]:
    organisation = known.organisation
    changes: list[FieldChange] = []

    def changed(key: str, old: object, new: object) -> None:
        label = str(getattr(Person._meta.get_field(key), "verbose_name", key))
        changes.append(FieldChange(key, label, _display(old), _display(new)))

    for key, new in values.items():
        if key == "employee_number":
            continue
        if key == "department":
            old_path = organisation.department_path(person.department_id)
            new_path = new.names if new else ()
            if tuple(n.casefold() for n in old_path) != tuple(n.casefold() for n in new_path):
                changed(key, f" {DEPARTMENT_SEPARATOR} ".join(old_path), new)
        elif key == "location":
            old_name = organisation.location_names.get(person.location_id or 0, "")
            if old_name.casefold() != (new.name.casefold() if new else ""):
                changed(key, old_name, new)
        elif key == "manager":
            if person.manager_id is None:
                old_number: str | None = ""
            else:
                # None when the current manager has no employee number: never equal to the file.
                old_number = known.manager_numbers.get(person.manager_id) or None
            if (new.employee_number if new else "") != old_number:
                changed(key, old_number if old_number is not None else "—", new)
        elif key in ("contract_type", "language"):
            if new is not None and getattr(person, key) != new:
                changed(key, getattr(person, key), new)
        elif getattr(person, key) != new:
            changed(key, getattr(person, key), new)
    return changes


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if value in Person.ContractType.values:
        return str(Person.ContractType(value).label)
    return str(value)


# --- Step 3: apply ----------------------------------------------------------------------------


@transaction.atomic
def apply_import(plan: ImportPlan, *, by: Person | None) -> ImportResult:
    """Write the plan, all of it or nothing. Plan inside the same transaction (as
    `import_people` does), so the database cannot change between checking and writing."""
    if by is not None:
        require(by, Perm.IMPORT_PEOPLE)
    if plan.issues:
        raise ValueError("an import plan with issues cannot be applied")
    changed = plan.changed_people
    departments, locations = _resolve_organisation(changed)

    new_people: list[Person] = []
    # attname -> value -> ids of the people who get that value: one UPDATE per distinct value,
    # so a new manager or department for 5,000 people is one statement, not 5,000.
    assignments: dict[str, dict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
    # Managers who are created by this import: their ids exist only after inserting.
    pending_managers: list[tuple[Person, str]] = []

    for planned in changed:
        values = planned.values
        if planned.action == Action.CREATE:
            person = _new_person(planned, departments, locations)
            new_people.append(person)
            manager = values.get("manager")
            if manager is not None and manager.pk is None:
                pending_managers.append((person, manager.employee_number))
            continue
        existing = planned.person
        assert existing is not None
        for change in planned.changes:
            value = values[change.field]
            if change.field == "department":
                department_id = departments[value].pk if value else None
                assignments["department_id"][department_id].append(existing.pk)
            elif change.field == "location":
                location_id = locations[value].pk if value else None
                assignments["location_id"][location_id].append(existing.pk)
            elif change.field == "manager" and value is not None and value.pk is None:
                pending_managers.append((existing, value.employee_number))
            elif change.field == "manager":
                assignments["manager_id"][value.pk if value else None].append(existing.pk)
            else:
                assignments[change.field][value].append(existing.pk)

    Person.objects.bulk_create(new_people, batch_size=BULK_BATCH)
    created_pk = {person.employee_number: person.pk for person in new_people}
    for person, manager_number in pending_managers:
        assignments["manager_id"][created_pk[manager_number]].append(person.pk)
    _write_updates(assignments)
    return ImportResult(created=plan.to_create, updated=plan.to_update, unchanged=plan.unchanged)


def _resolve_organisation(
    changed: list[PlannedPerson],
) -> tuple[dict[DepartmentRef, Department], dict[LocationRef, Location]]:
    """Every department and location the changes refer to, creating the missing ones."""
    department_refs = {p.values["department"] for p in changed if p.values.get("department")}
    location_refs = {p.values["location"] for p in changed if p.values.get("location")}
    existing_departments = Department.objects.in_bulk({ref.pk for ref in department_refs if ref.pk})
    existing_locations = Location.objects.in_bulk({ref.pk for ref in location_refs if ref.pk})
    departments: dict[DepartmentRef, Department] = {}
    created_paths: dict[tuple[str, ...], Department] = {}
    for ref in sorted(department_refs, key=lambda ref: ref.names):
        if ref.pk is not None:
            departments[ref] = existing_departments[ref.pk]
            continue
        key = tuple(name.casefold() for name in ref.names)
        if key not in created_paths:
            created_paths[key] = get_or_create_department_path(list(ref.names))
        departments[ref] = created_paths[key]
    locations: dict[LocationRef, Location] = {}
    created_locations: dict[str, Location] = {}
    for location_ref in sorted(location_refs, key=lambda ref: ref.name):
        if location_ref.pk is not None:
            locations[location_ref] = existing_locations[location_ref.pk]
            continue
        name_key = location_ref.name.casefold()
        if name_key not in created_locations:
            created_locations[name_key] = get_or_create_location(location_ref.name)
        locations[location_ref] = created_locations[name_key]
    return departments, locations


def _new_person(
    planned: PlannedPerson,
    departments: dict[DepartmentRef, Department],
    locations: dict[LocationRef, Location],
) -> Person:
    """The person `persons.create_person` would make, for inserting thousands in bulk. The
    e-mail addresses were checked against the database in one go when planning."""
    values = planned.values
    department, location = values.get("department"), values.get("location")
    manager: ManagerRef | None = values.get("manager")
    return build_person(
        email=values["email"],
        first_name=values["first_name"],
        name_prefix=values.get("name_prefix", ""),
        last_name=values["last_name"],
        contract_type=values.get("contract_type") or Person.ContractType.PERMANENT,
        start_date=values.get("start_date"),
        end_date=values.get("end_date"),
        department=departments[department] if department else None,
        location=locations[location] if location else None,
        manager_id=manager.pk if manager is not None else None,
        job_title=values.get("job_title", ""),
        team=values.get("team", ""),
        phone=values.get("phone", ""),
        employee_number=planned.employee_number,
        language=values.get("language") or settings.LANGUAGE_CODE,
        status=Person.Status.INVITED,
    )


def _write_updates(assignments: dict[str, dict[Any, list[int]]]) -> None:
    for attname, by_value in assignments.items():
        for value, ids in by_value.items():
            for start in range(0, len(ids), QUERY_CHUNK):
                Person.objects.filter(pk__in=ids[start : start + QUERY_CHUNK]).update(
                    **{attname: value}
                )


# --- The one entry point ----------------------------------------------------------------------


def import_people(data: bytes, *, by: Person | None, dry_run: bool) -> ImportReport:
    """Validate the whole file; unless `dry_run`, apply it in one transaction. `by` is the
    person importing (None: an operator on the command line)."""
    if by is not None:
        require(by, Perm.IMPORT_PEOPLE)
    report = ImportReport(dry_run=dry_run)
    parsed = parse_people_csv(data)
    if dry_run or parsed.issues:
        report.plan = plan_import(parsed)
        report.issues = report.plan.issues
        return report
    try:
        with transaction.atomic():
            # Planned inside the transaction: on SQLite it holds the write lock already, so
            # nothing changes between checking and writing.
            report.plan = plan_import(parsed)
            report.issues = report.plan.issues
            if report.issues:
                return report
            report.result = apply_import(report.plan, by=by)
    except IntegrityError:
        # Someone changed the same people while this import ran; the transaction is gone.
        report.result = None
        report.issues = [
            ImportIssue(
                None,
                "",
                _(
                    "The people changed in Plein while the import ran, so nothing was imported. "
                    "Try again."
                ),
            )
        ]
    return report


def describe_changes(plan: ImportPlan) -> Iterable[str]:
    """One line per person who would be created or changed, for the command line."""
    for planned in plan.changed_people:
        if planned.action == Action.CREATE:
            yield _("line %(line)d: create %(number)s %(name)s") % {
                "line": planned.line,
                "number": planned.employee_number,
                "name": planned.name,
            }
        else:
            details = "; ".join(
                _("%(field)s: “%(old)s” → “%(new)s”")
                % {"field": change.label, "old": change.old, "new": change.new}
                for change in planned.changes
            )
            yield _("line %(line)d: update %(number)s %(name)s: %(changes)s") % {
                "line": planned.line,
                "number": planned.employee_number,
                "name": planned.name,
                "changes": details,
            }
