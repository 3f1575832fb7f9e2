"""The bounded candidate plans: a search never ranks every match of a common word, and a rare
word never walks every entry. SQLite's plan everywhere; PostgreSQL's when the suite runs on it
(`make test-postgres`): each backend's test runs on its own database only."""

import re

import pytest
from django.db import connection

from plein.search import backends
from plein.search.text import parse_query

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS5 plan")
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL plan (make test-postgres)"
)


def plan_of(sql: str, params: list) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(
            str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor
        )


@on_sqlite
@pytest.mark.parametrize(
    "filters",
    [
        backends.Filters(),
        backends.Filters(kinds=("post", "comment"), group_id=3, author_id=4),
        backends.Filters(since=__import__("datetime").datetime(2026, 1, 1)),
    ],
)
def test_sqlite_walks_the_fts5_matches_newest_first_and_stops_at_the_limit(filters):
    backend = backends.SQLiteBackend()
    for prefix in (False, True):
        sql, params = backend.candidates_sql(
            parse_query("klant planning"), filters, 400, prefix=prefix
        )
        plan = plan_of(sql, params)
        assert "VIRTUAL TABLE INDEX" in plan  # the MATCH drives the query
        # FTS5 hands the rows over in rowid order: no sort of all matches before the LIMIT.
        assert "TEMP B-TREE" not in plan
        assert sql.rstrip().endswith("ORDER BY search_entry_fts.rowid DESC LIMIT %s")
        assert params[-1] == 400
        assert "bm25" not in sql  # it would count every match of each word


def _fill_postgres_index(
    total: int,
    common_word: str,
    rare_word: str,
    rare_count: int,
    tags: str = "kpost",
    first: int = 1,
) -> list[int]:
    """Entries straight in SQL (the test needs numbers, not realistic text), then ANALYZE so
    the planner's lexeme statistics are those of a large index. Returns the ids, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_entry (kind, object_id, title, body, stems, tags, url, "
            "created_at, answered) "
            "SELECT 'post', n, '', %s || ' melding ' || n || CASE WHEN n < %s THEN ' ' || %s "
            "ELSE '' END, '', %s, '/x/', now(), false FROM generate_series(%s, %s) AS n "
            "ORDER BY n",
            [common_word, first + rare_count, rare_word, tags, first, first + total - 1],
        )
        cursor.execute("ANALYZE search_entry")
        cursor.execute("SELECT id FROM search_entry WHERE tags = %s ORDER BY id DESC", [tags])
        return [row[0] for row in cursor.fetchall()]


def _plans(trace) -> list[str]:
    """Each traced query's plan as `candidates` ran it (table scans and index scans off), with
    the rows each step really read."""
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        for _label, sql, params in trace:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return plans


def _heap_rows(plan: str) -> int:
    """The rows the plan's bitmap heap scan read from the table."""
    found = re.search(r"Bitmap Heap Scan on search_entry.*\(actual rows=(\d+)", plan)
    assert found, plan
    return int(found[1])


@on_postgres
def test_postgres_reads_only_the_newest_segments_for_a_common_word():
    ids = _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    trace: list = []
    found = backend.candidates(parse_query("klant"), backends.Filters(), trace=trace)
    # The newest 400 matches, newest first…
    assert found == ids[: backends.CANDIDATES]
    # …from one GIN query over the newest segments, which read at most their entries: never
    # the word's 40,000 matches, never the table.
    assert [label for label, _sql, _params in trace] == [trace[0][0]]
    assert trace[0][0].startswith("segments")
    (plan,) = _plans(trace)
    assert "Bitmap Index Scan on search_entry_document" in plan
    assert "Seq Scan" not in plan and "search_entry_pkey" not in plan
    assert _heap_rows(plan) <= backends.SPANS[0] * backends.SEGMENT


@on_postgres
def test_postgres_finds_a_rare_words_few_matches_through_the_gin_index():
    ids = _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    trace: list = []
    found = backend.candidates(parse_query("zeldzaamheid"), backends.Filters(), trace=trace)
    assert found == ids[-5:]  # the five oldest entries hold it
    labels = [label for label, _sql, _params in trace]
    # The planner's statistics know the word is rare: all its matches at once; then (too few
    # for a full list) as a prefix, which they know to be rare too: the GIN index, no walk.
    assert labels == ["all", "prefixes: GIN"]
    for plan in _plans(trace):
        assert "Seq Scan" not in plan and "search_entry_pkey" not in plan
        assert "Bitmap Index Scan on search_entry_document" in plan
        assert _heap_rows(plan) <= 5  # the word's own matches, nothing else


@on_postgres
def test_postgres_a_word_the_statistics_miss_still_reads_at_most_gin_cap(monkeypatch):
    """Statistics can be stale: a word taken for rare that is common is read at most GIN_CAP
    deep, then the segments give its newest matches."""
    ids = _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    monkeypatch.setattr(backends, "GIN_CAP", backends.SEGMENT + 1_000)
    monkeypatch.setattr(backend, "estimate", lambda *args: 1.0)
    trace: list = []
    found = backend.candidates(parse_query("klant"), backends.Filters(), trace=trace)
    assert found == ids[: backends.CANDIDATES]
    assert trace[0][0] == "all" and trace[1][0].startswith("segments")


@on_postgres
def test_postgres_an_unfinished_word_is_found_as_a_prefix_in_the_newest_entries():
    ids = _fill_postgres_index(40_000, "klanttevredenheid", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    trace: list = []
    found = backend.candidates(parse_query("klantte"), backends.Filters(), trace=trace)
    assert found == ids[: backends.CANDIDATES]
    # Whether the statistics guess the prefix common (the walk at once) or rare (the GIN index
    # first, which stops at GIN_CAP), the newest entries walked give the answer.
    assert trace[-1][0] == "prefixes: walk"
    walk = _plans(trace)[-1]
    assert "Index Scan Backward using search_entry_pkey" in walk
    assert "Bitmap" not in walk and "Seq Scan" not in walk


@on_postgres
def test_postgres_a_filtered_search_asks_the_gin_index_for_the_filters_token():
    ids = _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5, tags="kpost g12 a7")
    _fill_postgres_index(20_000, "klant", "zeldzaamheid", 0, tags="kpost g13 a8", first=40_001)
    backend = backends.PostgresBackend()
    for filters in (backends.Filters(group_id=12), backends.Filters(author_id=7, kinds=("post",))):
        trace: list = []
        found = backend.candidates(parse_query("klant"), filters, trace=trace)
        # Group 12's newest, though group 13's 20,000 entries are newer still.
        assert found == ids[: backends.CANDIDATES]
        for plan in _plans(trace):
            assert "Seq Scan" not in plan and "search_entry_pkey" not in plan
            assert "~g12" in plan or "~a7" in plan
            assert _heap_rows(plan) <= backends.GIN_CAP
