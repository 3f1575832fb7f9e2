"""What the people services tell the rest of Plein (see `plein.core.events`)."""

from dataclasses import dataclass

from plein.people.models import Person


@dataclass(frozen=True)
class PersonOffboarded:
    """The person left and became an alumnus (emitted inside the offboarding transaction)."""

    person: Person
    by: Person | None = None  # who offboarded them (None: the system, e.g. an import)
