"""PostgreSQL: time segments and filter tokens in the document, so the GIN index finds the newest
matches of a word without collecting all of them.

Every entry's document gets two kinds of lexemes that no query word can produce (query words are
\\w+ only, these start with "~"):
- its time segment, "~s<id / 5000>": entry ids grow with time, so "klant & ('~s880' | '~s879')"
  asks for the matches among the newest 10,000 entries. GIN's fast scan drives an AND by its
  rarest part, so this costs what the smaller of the two costs, not every match of "klant";
- the filter tokens of the `tags` column ("~kpost", "~g12", "~a34": kind, group, author), as
  SQLite's FTS5 table has them, so a filtered search is one GIN scan too.

The column is made anew: on a large index this rewrites search_entry (minutes at millions of
entries; `plein reindex` is not needed afterwards).
"""

from django.db import migrations

SEGMENT = 5_000  # plein.search.backends.SEGMENT: change both together, with a migration

DOCUMENT = f"""
    ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('plein_dutch'::regconfig, title), 'A')
        || setweight(to_tsvector('plein_dutch'::regconfig, body), 'B')
        || setweight(to_tsvector('simple'::regconfig, stems), 'D')
        || array_to_tsvector(string_to_array(
            '~s' || (id / {SEGMENT})::text || ' ~' || replace(tags, ' ', ' ~'), ' '
        ))
    ) STORED
"""
OLD_DOCUMENT = """
    ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('plein_dutch'::regconfig, title), 'A')
        || setweight(to_tsvector('plein_dutch'::regconfig, body), 'B')
        || setweight(to_tsvector('simple'::regconfig, stems), 'D')
    ) STORED
"""

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_entry_by_kind",  # the kind is a token now
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
    DOCUMENT,
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    "ANALYZE search_entry",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
    OLD_DOCUMENT,
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    "CREATE INDEX search_entry_by_kind ON search_entry (kind, id)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_people_names")]

    operations = [migrations.RunPython(forward, backward)]
