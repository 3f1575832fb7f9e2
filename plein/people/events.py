"""What the people services tell the rest of Plein (see `plein.core.events`)."""

from dataclasses import dataclass

from plein.people.models import Person


@dataclass(frozen=True)
class PersonOffboarded:
    """The person left and is an alumnus now (emitted inside the offboarding transaction)."""

    person: Person
