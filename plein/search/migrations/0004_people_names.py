"""A word index of people's names, job titles and teams, for the search page's people section.

Scanning every member with LIKE costs ~25 ms of CPU at 20,000 people (measured on the
benchmark organisation); the index finds the few that match in well under a millisecond. It is
kept by the database itself (SQLite triggers; a PostgreSQL expression index), so every way a
person is written — services, imports, the admin, fixtures — keeps it current.

On SQLite a later migration that rebuilds people_person (an AlterField that SQLite cannot do in
place) drops the triggers: tests/search/test_people_index.py notices.
"""

from django.db import migrations

COLUMNS = "first_name, name_prefix, last_name, job_title, team"
NEW = ", ".join(f"new.{c.strip()}" for c in COLUMNS.split(","))
OLD = ", ".join(f"old.{c.strip()}" for c in COLUMNS.split(","))

SQLITE_FORWARD = [
    f"""
    CREATE VIRTUAL TABLE people_person_fts USING fts5(
        {COLUMNS},
        content='people_person', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    f"""
    CREATE TRIGGER people_person_fts_insert AFTER INSERT ON people_person BEGIN
        INSERT INTO people_person_fts (rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END
    """,
    f"""
    CREATE TRIGGER people_person_fts_delete AFTER DELETE ON people_person BEGIN
        INSERT INTO people_person_fts (people_person_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD});
    END
    """,
    f"""
    CREATE TRIGGER people_person_fts_update AFTER UPDATE OF {COLUMNS} ON people_person BEGIN
        INSERT INTO people_person_fts (people_person_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD});
        INSERT INTO people_person_fts (rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END
    """,
    "INSERT INTO people_person_fts (people_person_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS people_person_fts_insert",
    "DROP TRIGGER IF EXISTS people_person_fts_delete",
    "DROP TRIGGER IF EXISTS people_person_fts_update",
    "DROP TABLE IF EXISTS people_person_fts",
]

# Accents folded, no stemming: names are not Dutch words.
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'plein_names') THEN
            CREATE TEXT SEARCH CONFIGURATION plein_names (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION plein_names
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$
    """,
    # The expression must match plein.search.people.POSTGRES_DOCUMENT exactly.
    """
    CREATE INDEX people_person_names ON people_person USING gin (
        to_tsvector('plein_names'::regconfig,
            first_name || ' ' || name_prefix || ' ' || last_name || ' ' || job_title || ' ' || team)
    )
    """,
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS people_person_names"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_prefix_four"), ("people", "0005_person_erased_at")]

    operations = [migrations.RunPython(forward, backward)]
