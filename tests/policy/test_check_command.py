"""`plein policy check`: texts on standard input, one JSON object per finding on standard
output."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plein.cli import main

ROOT = Path(__file__).resolve().parents[2]

INPUT = "\n".join(
    [
        "Mijn BSN is 123456782, bel 06-12345678.",
        json.dumps({"id": "post-7", "text": "IBAN NL91 ABNA 0417 1643 00 en ik ben zwanger"}),
        "{niet goed} maar wel BSN 123456782",
        "",
        json.dumps({"body": "geen text-veld"}),
        "Fijne vrijdag!",
        "Mail anna@example.nl",
    ]
)


@pytest.fixture(autouse=True)
def no_database(monkeypatch, tmp_path):
    # These tests are about the default rules and rule files: no database is set up here (the
    # database's rules: tests/policy/test_rules_db.py).
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PLEIN_DATA_DIR", str(tmp_path))


def run_check(monkeypatch, capsys, stdin: str, *args: str) -> tuple[int, list[dict], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["policy", "check", *args])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_it_prints_every_finding_as_one_json_object_per_line(monkeypatch, capsys):
    code, records, errors = run_check(monkeypatch, capsys, INPUT)
    assert code == 0
    assert records == [
        {
            "line": 1,
            "kind": "bsn",
            "value": "123456782",
            "start": 12,
            "end": 21,
            "rule": "bsn",
            "action": "block",
        },
        {
            "line": 1,
            "kind": "phone",
            "value": "+31612345678",
            "start": 27,
            "end": 38,
            "rule": None,
            "action": None,
        },
        {
            "line": 2,
            "id": "post-7",
            "kind": "iban",
            "value": "NL91ABNA0417164300",
            "start": 5,
            "end": 27,
            "rule": "iban-internal",
            "action": "warn",
        },
        {
            "line": 2,
            "id": "post-7",
            "kind": "special_category",
            "value": "zwanger",
            "start": 38,
            "end": 45,
            "rule": "special-category-internal",
            "action": "warn",
            "category": "health",
        },
        {
            "line": 3,
            "kind": "bsn",
            "value": "123456782",
            "start": 25,
            "end": 34,
            "rule": "bsn",
            "action": "block",
        },
        {
            "line": 7,
            "kind": "email",
            "value": "anna@example.nl",
            "start": 5,
            "end": 20,
            "rule": None,
            "action": None,
        },
    ]
    assert errors.splitlines() == [
        "line 3: not valid JSON (Expecting property name enclosed in double quotes); "
        "checked as plain text",
        'line 5: a JSON object without a "text" string; skipped',
    ]


def test_the_scope_decides_the_rules(monkeypatch, capsys):
    _code, records, _errors = run_check(
        monkeypatch, capsys, INPUT, "--scope", "careers", "--matches-only"
    )
    assert [(r["line"], r["kind"], r["rule"], r["action"]) for r in records] == [
        (1, "bsn", "bsn", "block"),
        (1, "phone", "phone", "warn"),
        (2, "iban", "iban-public", "block"),
        (2, "special_category", "special-category-public", "hold"),
        (3, "bsn", "bsn", "block"),
        (7, "email", "email", "warn"),
    ]


def test_it_reads_rules_from_a_file(monkeypatch, capsys, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps(
            [{"id": "code", "kind": "confidential_term", "action": "hold", "terms": ["Orion"]}]
        )
    )
    _code, records, _errors = run_check(
        monkeypatch, capsys, "Project orion gaat live\n", "--rules", str(rules)
    )
    assert records == [
        {
            "line": 1,
            "kind": "confidential_term",
            "value": "Orion",
            "start": 8,
            "end": 13,
            "rule": "code",
            "action": "hold",
        }
    ]


def test_a_bad_rules_file_is_one_line_on_stderr_and_exit_code_1(monkeypatch, capsys, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text('[{"id": "x", "kind": "bsn", "action": "maybe"}]')
    code, records, errors = run_check(monkeypatch, capsys, "BSN 123456782\n", "--rules", str(rules))
    assert code == 1
    assert records == []
    assert errors.startswith(
        "plein policy: rule 'x': action 'maybe' is not one of warn, hold, block"
    )


def test_it_runs_as_a_command_with_utf8_input_and_offsets_in_characters(tmp_path):
    text = "Één collega, Jörg, heeft een burn-out; BSN 123456782\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLEIN_", "DJANGO_"))}
    env["PLEIN_DATA_DIR"] = str(tmp_path)  # no database there: the default rules
    result = subprocess.run(
        [sys.executable, "-m", "plein.cli", "policy", "check"],
        input=text.encode(),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["kind"], r["value"]) for r in records] == [
        ("special_category", "burn-out"),
        ("bsn", "123456782"),
    ]
    for record in records:
        assert text[record["start"] : record["end"]] in ("burn-out", "123456782")


def test_it_has_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["policy", "check", "--help"])
    assert exit_info.value.code == 0
    assert "--scope" in capsys.readouterr().out
