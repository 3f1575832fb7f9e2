"""`plein policy check`: the rules engine for operators.

Reads texts from standard input, one per line. A line that is a JSON object with a string
field "text" is read as JSON (its "id", when there is one, is copied to the output); any other
line is the text itself. Two cases are reported on standard error with the line number: a JSON
object without a string "text" (skipped: there is no text to check), and a line that starts
with `{` but is not valid JSON (checked as plain text, so no text goes unchecked). Empty lines
are skipped (and counted).

Prints one JSON object per finding per line (JSON lines), in the order of the input and of the
position in the text:

    {"line": 3, "kind": "bsn", "value": "123456782", "start": 12, "end": 23,
     "rule": "bsn", "action": "block"}

`line` is 1-based; `start`/`end` are character offsets into the text (for a JSON line: into
its "text" value), end exclusive; special categories add "category". Every finding of every
detector is printed: a finding no rule of the chosen scope acts on has "rule" and "action"
null (`--matches-only` leaves those out); a finding two rules act on is printed once per rule.
The exit code is 0 when the input was read, also when lines were skipped.

Which rules: `--rules FILE` (a JSON file on top of the defaults), `--rules-from-db` (the rules
in force in Plein's database: what the content gate uses), `--default-rules` (the defaults as
shipped). Without any of them: the database's rules when a database is set up (DATABASE_URL, or
the SQLite file in PLEIN_DATA_DIR), else the defaults, without touching Django.
"""

import json
import os
import sys
from pathlib import Path
from typing import TextIO

from plein.policy.engine import Rule, RuleSet, Scope
from plein.policy.findings import Finding


def _output(
    line_number: int, finding: Finding, rule: Rule | None, record_id: object
) -> dict[str, object]:
    record: dict[str, object] = {"line": line_number}
    if record_id is not None:
        record["id"] = record_id
    record.update(
        {
            "kind": str(finding.kind),
            "value": finding.value,
            "start": finding.start,
            "end": finding.end,
            "rule": rule.id if rule is not None else None,
            "action": str(rule.action) if rule is not None else None,
        }
    )
    if finding.category is not None:
        record["category"] = finding.category
    return record


def _read_line(raw: str, line_number: int, errors: TextIO) -> tuple[str, object] | None:
    """(text, id) of one input line; None when there is nothing to check."""
    stripped = raw.strip()
    if not stripped:
        return None
    if not stripped.startswith("{"):
        return raw.rstrip("\r\n"), None
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as error:
        # Rather check too much than too little: it may be a text that starts with a brace.
        print(
            f"line {line_number}: not valid JSON ({error.msg}); checked as plain text",
            file=errors,
        )
        return raw.rstrip("\r\n"), None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        print(f'line {line_number}: a JSON object without a "text" string; skipped', file=errors)
        return None
    return data["text"], data.get("id")


def run(
    source: TextIO,
    out: TextIO,
    errors: TextIO,
    *,
    scope: str = Scope.INTERNAL,
    rules: RuleSet | None = None,
    matches_only: bool = False,
) -> int:
    rule_set = rules if rules is not None else RuleSet()
    for line_number, raw in enumerate(source, start=1):
        read = _read_line(raw, line_number, errors)
        if read is None:
            continue
        text, record_id = read
        for finding, matching in rule_set.inspect(text, scope):
            if not matching and matches_only:
                continue
            acting: list[Rule | None] = list(matching) or [None]
            for rule in acting:
                record = _output(line_number, finding, rule, record_id)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return 0


def database_is_set_up() -> bool:
    """Whether there is a database to read rules from, judged without setting up Django (which
    would create the data folder)."""
    if os.environ.get("DATABASE_URL"):
        return True
    data_dir = Path(os.environ.get("PLEIN_DATA_DIR") or Path.cwd() / "var")
    return (data_dir / "plein.sqlite3").exists()


class NoDatabaseRules(Exception):
    pass


def rules_from_database() -> RuleSet:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plein.settings")
    import django
    from django.db import DatabaseError

    django.setup()
    from plein.policy.active import active_rule_set

    try:
        return active_rule_set()
    except DatabaseError as error:
        raise NoDatabaseRules(
            f"cannot read the rules from the database ({error}); run `plein up` or "
            "`plein manage migrate` first, or use --default-rules"
        ) from None


def main(scope: str, rules_path: Path | None, matches_only: bool, source: str = "auto") -> int:
    """`source`: "file" (rules_path), "db", "defaults", or "auto" (the database's rules when a
    database is set up)."""
    from plein.policy.rules_file import load_rule_set

    if rules_path is not None:
        rule_set = load_rule_set(rules_path)
    elif source == "db" or (source == "auto" and database_is_set_up()):
        rule_set = rules_from_database()
    else:
        rule_set = RuleSet()
    return run(
        sys.stdin, sys.stdout, sys.stderr, scope=scope, rules=rule_set, matches_only=matches_only
    )
