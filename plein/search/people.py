"""People whose name, job title or team holds a word (as a word or the start of one), through
the word index of migration 0004: no scan of everyone."""

from django.db import connection
from django.db.models.expressions import RawSQL

from plein.search.text import Term

POSTGRES_DOCUMENT = (
    "to_tsvector('plein_names'::regconfig, "
    "first_name || ' ' || name_prefix || ' ' || last_name || ' ' || job_title || ' ' || team)"
)


def ids_matching(term: Term) -> RawSQL:
    """A subquery of the ids of people (any status) with a word starting with the term."""
    # Words are \w+ only (see text.parse_query): nothing in them is query syntax.
    if connection.vendor == "postgresql":
        return RawSQL(  # noqa: S611 - fixed text and a placeholder
            f"SELECT id FROM people_person WHERE {POSTGRES_DOCUMENT} "  # noqa: S608
            "@@ to_tsquery('plein_names', %s)",
            [f"{term.word}:*"],
        )
    return RawSQL(
        "SELECT rowid FROM people_person_fts WHERE people_person_fts MATCH %s",
        [f'"{term.word}"*'],
    )
