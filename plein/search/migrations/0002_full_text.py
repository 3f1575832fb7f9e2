"""The full-text structure of each backend next to search_entry (see plein.search.models)."""

from django.db import migrations

SQLITE_FORWARD = [
    # External content: the text lives once, in search_entry; the services keep the two in step
    # (plein.search.backends). Accents folded by the tokenizer; prefix indexes make "ko*" cheap.
    """
    CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title, body, stems, tags,
        content='search_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_entry_fts"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # Dutch stemming of accent-free words: "fietsen" finds "fiets", "cafe" finds "café". The
    # built-in Dutch stemmer leaves some plurals alone ("vakanties"), so the Python stems of the
    # newer Snowball stemmer are indexed too, with weight D (the `stems` column, as on SQLite).
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'plein_dutch') THEN
            CREATE TEXT SEARCH CONFIGURATION plein_dutch (COPY = pg_catalog.dutch);
            ALTER TEXT SEARCH CONFIGURATION plein_dutch
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
        END IF;
    END $$
    """,
    """
    ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('plein_dutch'::regconfig, title), 'A')
        || setweight(to_tsvector('plein_dutch'::regconfig, body), 'B')
        || setweight(to_tsvector('simple'::regconfig, stems), 'D')
    ) STORED
    """,
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    # The kind filter, combined with the GIN index (SQLite filters through FTS5 tokens).
    "CREATE INDEX search_entry_by_kind ON search_entry (kind, id)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_by_kind",
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
