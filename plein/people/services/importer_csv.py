"""Reading an HR system's CSV export: from bytes to typed rows and every problem in the file.

Knows nothing of the database; `importer` compares the rows with it and applies them. Accepts
UTF-8 (with or without BOM), Excel's Windows-1252 and UTF-16 "Unicode text", separated by ';',
',' or tabs, with Dutch or English column names.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.people.models import Person
from plein.people.services.persons import normalise_email

MAX_ROWS = 50_000
DEPARTMENT_SEPARATOR = ">"

# --- Columns ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # the Person field (or the pseudo-field) the column fills
    dutch: str  # the header we write in the example file
    english: str
    required: bool
    description: Promise
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "employee_number",
        "personeelsnummer",
        "employee_number",
        True,
        gettext_lazy("Unique number in the HR system; used to find the person again."),
        ("personeelsnr", "employeeno", "employeeid"),
    ),
    Column(
        "email",
        "e-mail",
        "email",
        True,
        gettext_lazy("Work e-mail address; the person signs in with it."),
        ("emailadres", "emailaddress"),
    ),
    Column(
        "first_name", "voornaam", "first_name", True, gettext_lazy("First name."), ("roepnaam",)
    ),
    Column(
        "name_prefix",
        "tussenvoegsel",
        "name_prefix",
        False,
        gettext_lazy("For example “van der”."),
        ("tussenvoegsels", "prefix"),
    ),
    Column("last_name", "achternaam", "last_name", True, gettext_lazy("Last name."), ("surname",)),
    Column(
        "job_title",
        "functie",
        "job_title",
        False,
        gettext_lazy("Function."),
        ("function", "functietitel"),
    ),
    Column("team", "team", "team", False, gettext_lazy("Team name.")),
    Column(
        "department",
        "afdeling",
        "department",
        False,
        gettext_lazy(
            "Department; a path like “Operations > Service > Noord” creates "
            "the departments that do not exist yet."
        ),
    ),
    Column(
        "location",
        "locatie",
        "location",
        False,
        gettext_lazy("Location; created when it does not exist yet."),
        ("vestiging",),
    ),
    Column(
        "contract_type",
        "contract",
        "contract",
        False,
        gettext_lazy(
            "“vast” (permanent) or “flex” (flexible, external); empty keeps "
            "the current value, permanent for new people."
        ),
        ("contracttype", "contractsoort", "dienstverband"),
    ),
    Column(
        "start_date",
        "startdatum",
        "start_date",
        False,
        gettext_lazy("Start date: 2026-03-01 or 1-3-2026."),
        ("datumindienst", "indienst"),
    ),
    Column(
        "end_date",
        "einddatum",
        "end_date",
        False,
        gettext_lazy("End date, required for flexible workers."),
        ("datumuitdienst", "uitdienst"),
    ),
    Column(
        "phone",
        "telefoon",
        "phone",
        False,
        gettext_lazy("Phone number."),
        ("telefoonnummer", "phonenumber", "telephone"),
    ),
    Column(
        "language",
        "taal",
        "language",
        False,
        gettext_lazy("“nl” or “en”; empty keeps the current value, Dutch for new people."),
    ),
    Column(
        "manager",
        "manager",
        "manager",
        False,
        gettext_lazy("Employee number of the manager: someone in this file or already in Plein."),
        ("leidinggevende", "managerpersoneelsnummer", "manageremployeenumber"),
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = tuple(column.key for column in COLUMNS if column.required)


def _header_key(name: str) -> str:
    # "E-mail", "e_mail" and "EMAIL " all become "email".
    return re.sub(r"[\W_]+", "", name.casefold())


HEADER_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.dutch, _column.english, *_column.aliases):
        HEADER_ALIASES[_header_key(_name)] = _column.key

CONTRACT_VALUES = {
    "vast": Person.ContractType.PERMANENT,
    "permanent": Person.ContractType.PERMANENT,
    "flex": Person.ContractType.FLEXIBLE,
    "flexibel": Person.ContractType.FLEXIBLE,
    "flexible": Person.ContractType.FLEXIBLE,
    "extern": Person.ContractType.FLEXIBLE,
    "external": Person.ContractType.FLEXIBLE,
}
LANGUAGE_VALUES = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
}
TEXT_LIMITS = {
    "employee_number": 40,
    "first_name": 80,
    "name_prefix": 20,
    "last_name": 120,
    "job_title": 120,
    "team": 120,
    "phone": 40,
    "email": 254,
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DAY_FIRST_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
EXCEL_SEPARATOR_LINE = re.compile(r"^sep=(.)$", re.IGNORECASE)

_validate_email = EmailValidator()


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem. `line` counts the header as line 1; None is about the file as a whole."""

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.line is not None and self.column:
            return _("line %(line)d, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        if self.line is not None:
            return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class ParsedRow:
    line: int
    # Only the columns the file has: a column that is absent leaves that field alone.
    values: dict[str, Any]
    valid: bool = True


@dataclass
class ParsedImport:
    rows: list[ParsedRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    # Column key -> the header as written in the file (for messages).
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    delimiter: str = ""


class ImportRejected(Exception):
    """The file cannot be read at all; the message says why."""


# --- Step 1: parse ----------------------------------------------------------------------------


def parse_people_csv(data: bytes) -> ParsedImport:
    parsed = ParsedImport()
    try:
        text, parsed.encoding = _decode(data)
    except ImportRejected as rejected:
        parsed.issues.append(ImportIssue(None, "", str(rejected)))
        return parsed
    lines = text.splitlines(keepends=True)
    first_line = 0
    while first_line < len(lines) and not lines[first_line].strip():
        first_line += 1
    if first_line == len(lines):
        parsed.issues.append(ImportIssue(None, "", _("The file is empty.")))
        return parsed
    delimiter = None
    separator = EXCEL_SEPARATOR_LINE.match(lines[first_line].strip())
    if separator and separator.group(1) in ";,\t|":
        # Excel's own hint "sep=;" on the first line.
        delimiter = separator.group(1)
        first_line += 1
    if delimiter is None:
        delimiter = _detect_delimiter(lines[first_line : first_line + 20])
    parsed.delimiter = delimiter

    body = "".join(lines[first_line:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    offset = first_line  # physical lines before the header
    previous_end = 0
    header: list[str] | None = None
    columns: list[tuple[int, str, str]] = []  # (index, key, header as written)
    emails_seen: dict[str, int] = {}
    max_rows: int = getattr(settings, "PLEIN_IMPORT_MAX_ROWS", MAX_ROWS)
    numbers_seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = offset + previous_end + 1
            previous_end = reader.line_num
            if header is None:
                if not any(cell.strip() for cell in cells):
                    continue
                header = cells
                columns = _read_header(header, line, parsed)
                if parsed.issues:
                    return parsed
                continue
            if not any(cell.strip() for cell in cells):
                continue  # Excel leaves rows of empty cells at the end
            if len(parsed.rows) >= max_rows:
                parsed.issues.append(
                    ImportIssue(
                        None,
                        "",
                        _("The file has more than %(max)d people. Split it into smaller files.")
                        % {"max": max_rows},
                    )
                )
                return parsed
            if len(cells) != len(header):
                parsed.issues.append(
                    ImportIssue(
                        line,
                        "",
                        _(
                            "This line has %(found)d values but the header has %(expected)d "
                            "columns. Check for a separator inside a value without quotes."
                        )
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
                parsed.rows.append(ParsedRow(line, {}, valid=False))
                continue
            row = _read_row(cells, columns, line, parsed)
            parsed.rows.append(row)
            _check_unique(row, "employee_number", numbers_seen, parsed)
            _check_unique(row, "email", emails_seen, parsed)
    except csv.Error as error:
        line = offset + previous_end + 1  # where the broken record starts
        parsed.issues.append(
            ImportIssue(
                line,
                "",
                _("This is not valid CSV (%(error)s). Check the quotes on this line.")
                % {"error": error},
            )
        )
        return parsed
    if header is None:
        parsed.issues.append(ImportIssue(None, "", _("The file is empty.")))
    elif not parsed.rows:
        parsed.issues.append(ImportIssue(None, "", _("The file has a header but no people.")))
    parsed.issues.sort(key=issue_order)
    return parsed


def _decode(data: bytes) -> tuple[str, str]:
    if len(data) > settings.PLEIN_IMPORT_MAX_BYTES:
        raise ImportRejected(
            _("The file is larger than %(max)d MB.")
            % {"max": settings.PLEIN_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportRejected(_("The file is empty."))
    # Excel's "Unicode text" is UTF-16 with a byte order mark (and tabs between values).
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF8):
            try:
                return data[len(bom) :].decode(encoding), "utf-16"
            except UnicodeDecodeError:
                raise ImportRejected(_("The file cannot be read as text.")) from None
    kind = filetype.guess(data[:8192])
    if kind is not None:
        if kind.extension in {"xlsx", "xls", "ods"}:
            raise ImportRejected(
                _(
                    "This is a spreadsheet (.%(extension)s), not a CSV file. Save it as CSV "
                    "(“CSV UTF-8” or “CSV (gescheiden door lijstscheidingsteken)”) and upload that."
                )
                % {"extension": kind.extension}
            )
        raise ImportRejected(
            _(
                "This is a %(kind)s file (%(mime)s), not a CSV file. Export the people from the HR "
                "system as CSV."
            )
            % {"kind": kind.extension.upper(), "mime": kind.mime}
        )
    if b"\x00" in data:
        raise ImportRejected(
            _("This is not a text file (it contains NUL bytes). Export the people as CSV.")
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise ImportRejected(
                _(
                    "The file says it is UTF-8 but contains bytes that are not. Save it again as "
                    "“CSV UTF-8”."
                )
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # What Excel writes for "CSV (gescheiden door lijstscheidingsteken)" on Windows.
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ImportRejected(
            _("The file is not UTF-8 or Windows-1252 text. Save it as “CSV UTF-8”.")
        ) from None


def _detect_delimiter(first_lines: list[str]) -> str:
    sample = "".join(first_lines)
    header = first_lines[0] if first_lines else ""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ""
    if delimiter and delimiter in header:
        return delimiter
    # Column names never contain a separator: the header decides.
    counts = {candidate: header.count(candidate) for candidate in (";", "\t", ",")}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ";"


def _read_header(header: list[str], line: int, parsed: ParsedImport) -> list[tuple[int, str, str]]:
    columns: list[tuple[int, str, str]] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip()
        if not name:
            columns.append((index, "", ""))  # allowed while every value in it is empty
            continue
        key = HEADER_ALIASES.get(_header_key(name))
        if key is None:
            unknown.append(name)
            continue
        if key in seen:
            parsed.issues.append(
                ImportIssue(
                    line,
                    name,
                    _("This column means the same as “%(other)s”. Keep one of them.")
                    % {"other": seen[key]},
                )
            )
            continue
        seen[key] = name
        columns.append((index, key, name))
    if unknown:
        parsed.issues.append(
            ImportIssue(
                line,
                "",
                ngettext(
                    "Unknown column: %(names)s. Remove it or use one of: %(known)s.",
                    "Unknown columns: %(names)s. Remove them or use one of: %(known)s.",
                    len(unknown),
                )
                % {"names": ", ".join(unknown), "known": _known_columns()},
            )
        )
    missing = [COLUMNS_BY_KEY[key] for key in REQUIRED_KEYS if key not in seen]
    if missing:
        parsed.issues.append(
            ImportIssue(
                line,
                "",
                ngettext(
                    "A required column is missing: %(names)s.",
                    "Required columns are missing: %(names)s.",
                    len(missing),
                )
                % {"names": ", ".join(f"{c.dutch} ({c.english})" for c in missing)},
            )
        )
    parsed.headers = {key: name for _index, key, name in columns if key}
    return columns


def _known_columns() -> str:
    return ", ".join(column.dutch for column in COLUMNS)


def _read_row(
    cells: list[str], columns: list[tuple[int, str, str]], line: int, parsed: ParsedImport
) -> ParsedRow:
    row = ParsedRow(line, {})

    def problem(column: str, message: str) -> None:
        parsed.issues.append(ImportIssue(line, column, message))
        row.valid = False

    for index, key, name in columns:
        raw = cells[index].strip()
        if not key:
            if raw:
                problem(
                    _("column %(number)d") % {"number": index + 1},
                    _("This column has no name in the header. Name it or empty it."),
                )
            continue
        try:
            row.values[key] = _clean_value(key, raw)
        except ValidationError as error:
            problem(name, " ".join(error.messages))
    for key in REQUIRED_KEYS:
        if key in row.values and not row.values[key]:
            problem(parsed.headers[key], _("This field is required."))
    start, end = row.values.get("start_date"), row.values.get("end_date")
    if start and end and end < start:
        problem(parsed.headers["end_date"], _("The end date is before the start date."))
    return row


def _clean_value(key: str, raw: str) -> Any:
    if key in TEXT_LIMITS and len(raw) > TEXT_LIMITS[key]:
        raise ValidationError(
            _("At most %(max)d characters; this has %(count)d.")
            % {"max": TEXT_LIMITS[key], "count": len(raw)}
        )
    if key == "email":
        if not raw:
            return ""
        email = normalise_email(raw)
        _validate_email(email)
        return email
    if key in ("start_date", "end_date"):
        return _parse_date(raw) if raw else None
    if key == "contract_type":
        if not raw:
            return None
        contract = CONTRACT_VALUES.get(raw.casefold())
        if contract is None:
            raise ValidationError(
                _(
                    "Unknown contract type “%(value)s”: use “vast” (permanent) or “flex” "
                    "(flexible, external)."
                )
                % {"value": raw}
            )
        return contract
    if key == "language":
        if not raw:
            return None
        language = LANGUAGE_VALUES.get(raw.casefold())
        if language is None:
            raise ValidationError(
                _("Unknown language “%(value)s”: use “nl” or “en”.") % {"value": raw}
            )
        return language
    if key == "department":
        if not raw:
            return ()
        names = tuple(part.strip() for part in raw.split(DEPARTMENT_SEPARATOR))
        if any(not name for name in names):
            raise ValidationError(
                _("A department path has an empty part; write it like “Operations > Service”.")
            )
        if any(len(name) > 120 for name in names):
            raise ValidationError(_("A department name has more than 120 characters."))
        return names
    if key == "location" and len(raw) > 120:
        raise ValidationError(
            _("At most %(max)d characters; this has %(count)d.") % {"max": 120, "count": len(raw)}
        )
    if key == "manager" and len(raw) > 40:
        raise ValidationError(_("This is not an employee number (too long)."))
    return raw


def _parse_date(raw: str) -> date:
    iso = ISO_DATE.match(raw)
    day_first = DAY_FIRST_DATE.match(raw)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if day_first:
            return date(int(day_first.group(4)), int(day_first.group(3)), int(day_first.group(1)))
    except ValueError:
        pass
    raise ValidationError(
        _("Enter a valid date.") + " " + _("Write it as 2026-03-31 or 31-3-2026.")
    )


def _check_unique(row: ParsedRow, key: str, seen: dict[str, int], parsed: ParsedImport) -> None:
    value = row.values.get(key)
    if not value:
        return
    folded = value.casefold()
    if folded in seen:
        message = (
            _("Employee number %(value)s is also on line %(line)d.")
            if key == "employee_number"
            else _("E-mail address %(value)s is also on line %(line)d.")
        )
        parsed.issues.append(
            ImportIssue(
                row.line, parsed.headers[key], message % {"value": value, "line": seen[folded]}
            )
        )
        row.valid = False
    else:
        seen[folded] = row.line


def issue_order(issue: ImportIssue) -> tuple[int, int]:
    return (issue.line if issue.line is not None else -1, 0)
