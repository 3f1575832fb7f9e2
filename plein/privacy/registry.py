"""What goes into a person's data export: sections that apps register.

An app that stores personal data registers a section in its (or privacy's) `ready()`:

    register_export_section("policy_acknowledgements", acknowledgements_of)

`acknowledgements_of(person)` returns something JSON-able (dates may be datetimes); it becomes
`<name>.json` in the ZIP. Files (a photo, attachments) are registered the same way with
`register_export_files(name, files_of)`, `files_of(person)` yielding `(path_in_zip, FieldFile)`.

The rule every section follows: the person's own data, and other people's content only as a
reference (an id, a link), never copied; other people's names only where the person can see
them in Plein today (their manager, who acted in a notification they can still open).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models.fields.files import FieldFile

from plein.people.models import Person

type Section = Callable[[Person], Any]
type FileSource = Callable[[Person], Iterable[tuple[str, FieldFile]]]

_sections: dict[str, Section] = {}
_file_sources: dict[str, FileSource] = {}


def register_export_section(name: str, section: Section) -> None:
    """`name` must be a plain file name (letters, digits, underscores); registering again
    replaces the section of that name."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"export section names are plain words: {name!r}")
    _sections[name] = section


def register_export_files(name: str, files: FileSource) -> None:
    _file_sources[name] = files


def export_sections() -> dict[str, Section]:
    return dict(sorted(_sections.items()))


def export_file_sources() -> dict[str, FileSource]:
    return dict(sorted(_file_sources.items()))
