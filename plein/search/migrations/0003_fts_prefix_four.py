"""SQLite: prefixes of four letters get their own FTS5 index too ("klan*" was a merge of every
word starting with it). The table is made anew and filled from search_entry."""

from django.db import migrations

FTS_TABLE = (
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, body, stems, tags, content='search_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')"
)


def remake(prefix: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
        schema_editor.execute(FTS_TABLE.format(prefix=prefix))
        schema_editor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(remake("2 3 4"), remake("2 3"))]
