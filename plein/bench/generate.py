# ruff: noqa: S311 - seeded pseudo-random data for a benchmark, not secrets
"""A large organisation for the benchmark, generated in minutes.

People come from the people demo (`load_demo`: 20,000 people with departments, locations and
skills); department and location groups come from the real `sync_people_groups`. Everything
else (groups, memberships, follows, topics, posts, comments, reactions) is written with raw
bulk inserts: `executemany` in large transactions on SQLite, `COPY` on PostgreSQL. Post bodies
come from a pool rendered once by the real content gate, so no Markdown is rendered per row.

Posts grow in stages (`grow_posts(target)`), so the home feed can be measured at 10k, 100k, 1M
and 2M posts in one run. Each chunk of posts is written with its comments and reactions in one
transaction and recorded in a small meta table: an interrupted run resumes where it stopped, and
a database that already holds the data is reused. The random stream of a chunk depends only on
the seed and the chunk's position, so a resumed run writes the same data as a fresh one.

This is for a throwaway benchmark database: on SQLite the journal and fsync are switched off
while generating, on PostgreSQL foreign-key triggers are (session_replication_role=replica).
"""

import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import accumulate
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from plein.bench import texts
from plein.bench.sizes import SIZES, VIEWER_EMAIL, Size
from plein.community.models import (
    Comment,
    Follow,
    Group,
    Membership,
    Post,
    PostTopic,
    Reaction,
    Topic,
)
from plein.people.models import Person

__all__ = ["SIZES", "VIEWER_EMAIL", "Generator", "Size"]

META_TABLE = "plein_bench_meta"
CHUNK_POSTS = 50_000
HISTORY_DAYS = 3 * 365
THREAD_COMMENTS = 50  # the "post with 50 comments" page
THREAD_REACTIONS = 30
Log = Callable[[str], None]


# --- Text pools ----------------------------------------------------------------------------------


def _post_bodies(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(markdown, sanitised html) pairs, rendered once by the real content gate."""
    from plein.community.services.gate import render

    bodies = []
    for _ in range(count):
        city = rng.choice(texts.CITIES)
        paragraphs = [rng.choice(texts.OPENERS).format(city=city)]
        if rng.random() < 0.8:
            paragraphs.append(rng.choice(texts.MIDDLES) + " " + rng.choice(texts.MIDDLES))
        closer = rng.choice(texts.CLOSERS)
        if closer:
            paragraphs.append(closer)
        if rng.random() < 0.2:
            paragraphs[0] = paragraphs[0].replace("warmtepomp", "**warmtepomp**")
        text = "\n\n".join(paragraphs)
        bodies.append((text, render(text)))
    return bodies


def _comment_bodies(rng: random.Random, count: int) -> list[tuple[str, str]]:
    from plein.community.services.gate import render

    bodies = []
    for _ in range(count):
        text = rng.choice(texts.COMMENTS)
        if rng.random() < 0.4:
            text += " " + rng.choice(texts.MIDDLES)
        bodies.append((text, render(text)))
    return bodies


# --- Meta table ------------------------------------------------------------------------------


def _ensure_meta_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} "
            "(key varchar(100) PRIMARY KEY, value text NOT NULL)"
        )


def is_benchmark_database() -> bool:
    """A database `plein bench` may fill (and empty): new, or made by the generator."""
    tables = connection.introspection.table_names()
    if META_TABLE in tables:
        return True
    return Person._meta.db_table not in tables or not Person.objects.exists()


def get_meta(key: str, default: Any = None) -> Any:
    _ensure_meta_table()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", [key])  # noqa: S608
        row = cursor.fetchone()
    return json.loads(row[0]) if row else default


def set_meta(key: str, value: Any) -> None:
    _ensure_meta_table()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {META_TABLE} WHERE key = %s", [key])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)",  # noqa: S608
            [key, json.dumps(value)],
        )


# --- Bulk writing ----------------------------------------------------------------------------


class BulkTable:
    """Raw bulk inserts into a model's table. Columns the generator does not set get the model
    field's default, so a column added to the model later does not break the generator."""

    def __init__(self, model: type[Model], columns: Sequence[str]) -> None:
        self.table = model._meta.db_table
        given = set(columns)
        tail_columns: list[str] = []
        tail_values: list[object] = []
        for field in model._meta.concrete_fields:
            if field.column is None or field.column in given or field.primary_key:
                continue
            tail_columns.append(field.column)
            tail_values.append(field.get_db_prep_save(field.get_default(), connection))
        self.columns = [*columns, *tail_columns]
        self.tail = tuple(tail_values)

    def write(self, rows: Iterable[tuple[object, ...]]) -> int:
        tail = self.tail
        count = 0
        column_list = ", ".join(self.columns)
        if connection.vendor == "postgresql":
            raw = connection.connection
            assert raw is not None
            # The table and column names are our models' own.
            statement = f"COPY {self.table} ({column_list}) FROM STDIN"
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row + tail)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(self.columns))
        buffered: list[Any] = [row + tail for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} ({column_list}) VALUES ({placeholders})",  # noqa: S608
                buffered,
            )
        return len(buffered)


def _timestamp_formatter() -> Callable[[float], str]:
    """Seconds since the epoch as the database's own datetime text (UTC)."""
    suffix = "+00:00" if connection.vendor == "postgresql" else ""

    def fmt(seconds: float) -> str:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S") + suffix

    return fmt


class _BulkSession:
    """Connection settings for fast loading; undone (by reconnecting) on exit."""

    def __enter__(self) -> "_BulkSession":
        connection.close()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for pragma in (
                    "journal_mode=OFF",
                    "synchronous=OFF",
                    "foreign_keys=OFF",
                    "cache_size=-1000000",
                    "temp_store=MEMORY",
                ):
                    cursor.execute(f"PRAGMA {pragma}")
            else:
                cursor.execute("SET session_replication_role = replica")
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SET maintenance_work_mem = '512MB'")
        return self

    def __exit__(self, *exc: object) -> None:
        connection.close()


# --- The generator ---------------------------------------------------------------------------


@dataclass
class Organisation:
    viewer: int
    members: list[int]  # active people who write, comment and react
    group_ids: list[int]
    group_members: dict[int, list[int]]
    group_audience: dict[int, str]
    group_weights: list[float]
    topic_ids: list[int]
    topic_slugs: dict[int, str]


class Generator:
    def __init__(self, size: Size, *, seed: int = 2026, log: Log = print) -> None:
        self.size = size
        self.seed = seed
        self.log = log
        self._organisation: Organisation | None = None

    # People, groups, memberships, follows, topics.

    def prepare_organisation(self) -> dict[str, float]:
        """Generate what posts need, unless the database already holds it. Returns the seconds
        each step took (empty when everything was reused)."""
        _ensure_meta_table()
        timings: dict[str, float] = {}
        done = get_meta("organisation")
        if done and done.get("size") == self.size.name and done.get("seed") == self.seed:
            return timings
        from plein.people.demo import load_demo

        self.log(f"generating {self.size.people_demo} people demo…")
        started = time.perf_counter()
        self._clear_community()
        load_demo(size=self.size.people_demo, reset=True, seed=self.seed)
        timings["people"] = time.perf_counter() - started

        started = time.perf_counter()
        from plein.community.services.groups import sync_people_groups

        sync_people_groups()
        timings["department_and_location_groups"] = time.perf_counter() - started

        started = time.perf_counter()
        with _BulkSession(), transaction.atomic():
            self._create_groups_and_topics()
            counts = self._create_memberships_and_follows()
        timings["groups_memberships_follows"] = time.perf_counter() - started
        self.log(
            "organisation: "
            + ", ".join(f"{value:,} {key}" for key, value in counts.items())
            + f" in {sum(timings.values()):.1f} s"
        )
        set_meta(
            "organisation",
            {"size": self.size.name, "seed": self.seed, "counts": counts, "seconds": timings},
        )
        set_meta("posts", {"generated": 0, "seconds": 0.0, "thread_posts": []})
        return timings

    def _clear_community(self) -> None:
        tables = [
            model._meta.db_table
            for model in (Reaction, Comment, PostTopic, Post, Follow, Membership, Topic, Group)
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
            else:
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608

    def _create_groups_and_topics(self) -> None:
        rng = random.Random(f"{self.seed}-groups")
        existing = Group.objects.count()
        now = time.time()
        fmt = _timestamp_formatter()
        groups = BulkTable(
            Group,
            ["name", "slug", "description", "kind", "visibility", "project_status", "created_at"],
        )
        kinds = [
            (Group.Kind.PROJECT, 0.35),
            (Group.Kind.DISCIPLINE, 0.15),
            (Group.Kind.INTEREST, 0.5),
        ]
        rows = []
        for index in range(max(0, self.size.groups - existing)):
            kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            word = rng.choice(texts.GROUP_WORDS)
            city = rng.choice(texts.CITIES)
            name = (
                f"Project {word} {city} {index}"
                if kind == Group.Kind.PROJECT
                else f"{word} {city} {index}"
            )
            draw = rng.random()
            visibility = (
                Group.Visibility.OPEN
                if draw < 0.7
                else Group.Visibility.CLOSED
                if draw < 0.9
                else Group.Visibility.SECRET
            )
            status = rng.choice(Group.ProjectStatus.values) if kind == Group.Kind.PROJECT else ""
            rows.append(
                (
                    name,
                    f"bench-{index}",
                    f"Groep voor iedereen die met {word.lower()} bezig is.",
                    str(kind),
                    str(visibility),
                    status,
                    fmt(now - rng.uniform(30, HISTORY_DAYS) * 86400),
                )
            )
        groups.write(rows)
        topics = BulkTable(Topic, ["name", "slug", "created_at"])
        topic_rows = []
        for index in range(self.size.topics):
            word = texts.TOPIC_WORDS[index % len(texts.TOPIC_WORDS)]
            name = (
                word
                if index < len(texts.TOPIC_WORDS)
                else f"{word}{index // len(texts.TOPIC_WORDS)}"
            )
            topic_rows.append((name, name, fmt(now - HISTORY_DAYS * 86400)))
        topics.write(topic_rows)

    def _create_memberships_and_follows(self) -> dict[str, int]:
        rng = random.Random(f"{self.seed}-memberships")
        viewer = Person.objects.get(email=VIEWER_EMAIL)
        people = list(Person.objects.members().order_by("pk").values_list("pk", "department_id"))
        member_ids = [pk for pk, _ in people]
        by_department: dict[int | None, list[int]] = {}
        for pk, department_id in people:
            by_department.setdefault(department_id, []).append(pk)
        synced: dict[int, set[int]] = {}
        for person_id, group_id in Membership.objects.order_by("pk").values_list(
            "person_id", "group_id"
        ):
            synced.setdefault(person_id, set()).add(group_id)
        free_groups = list(
            Group.objects.filter(department__isnull=True, location__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # Popularity: a few groups and people attract many, most attract few (Zipf-like).
        group_weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(free_groups))))
        rng.shuffle(free_groups)
        person_weights = list(accumulate(1 / (rank + 1) ** 0.7 for rank in range(len(member_ids))))
        popular_people = member_ids[:]
        rng.shuffle(popular_people)
        fmt = _timestamp_formatter()
        joined = fmt(time.time() - HISTORY_DAYS * 86400)

        memberships = BulkTable(
            Membership, ["group_id", "person_id", "role", "state", "synced", "created_at"]
        )
        membership_rows: list[tuple[object, ...]] = []
        first_member: set[int] = set()
        for person_id in member_ids:
            own = synced.get(person_id, set())
            wanted = self.size.groups_per_person - len(own)
            if person_id != viewer.pk:
                wanted += rng.randint(-3, 3)
            chosen: set[int] = set()
            for _ in range(4):
                if len(chosen) >= wanted or len(chosen) >= len(free_groups):
                    break
                picks = rng.choices(
                    free_groups, cum_weights=group_weights, k=max(0, wanted - len(chosen))
                )
                chosen.update(picks)
            for group_id in list(chosen)[: max(0, wanted)]:
                role = Membership.Role.MEMBER
                if group_id not in first_member:
                    first_member.add(group_id)
                    role = Membership.Role.ADMIN
                membership_rows.append(
                    (group_id, person_id, str(role), str(Membership.State.ACTIVE), False, joined)
                )
        memberships.write(membership_rows)

        follows = BulkTable(Follow, ["follower_id", "person_id", "topic_id", "created_at"])
        topic_ids = list(Topic.objects.values_list("pk", flat=True))
        topic_weights = list(accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(topic_ids))))
        follow_rows: list[tuple[object, ...]] = []
        for person_id, department_id in people:
            wanted = self.size.follows_per_person
            if person_id != viewer.pk:
                wanted += rng.randint(-10, 10)
            colleagues = by_department.get(department_id, [])
            targets: set[int] = set()
            if colleagues:
                targets.update(rng.sample(colleagues, min(len(colleagues), wanted // 3)))
            for _ in range(4):
                if len(targets) >= wanted:
                    break
                targets.update(
                    rng.choices(popular_people, cum_weights=person_weights, k=wanted - len(targets))
                )
            targets.discard(person_id)
            for target in list(targets)[:wanted]:
                follow_rows.append((person_id, target, None, joined))
            topics_wanted = self.size.topics_per_person
            if person_id != viewer.pk:
                topics_wanted = rng.randint(0, 2 * topics_wanted)
            for topic_id in set(rng.choices(topic_ids, cum_weights=topic_weights, k=topics_wanted)):
                follow_rows.append((person_id, None, topic_id, joined))
        follows.write(follow_rows)
        return {
            "people": len(member_ids),
            "groups": Group.objects.count(),
            "topics": len(topic_ids),
            "memberships": Membership.objects.count(),
            "follows": len(follow_rows),
        }

    def organisation(self) -> Organisation:
        if self._organisation is not None:
            return self._organisation
        viewer = Person.objects.get(email=VIEWER_EMAIL)
        members = list(Person.objects.members().order_by("pk").values_list("pk", flat=True))
        group_members: dict[int, list[int]] = {}
        for group_id, person_id in (
            Membership.objects.filter(state=Membership.State.ACTIVE)
            .order_by("group_id", "person_id")
            .values_list("group_id", "person_id")
        ):
            group_members.setdefault(group_id, []).append(person_id)
        audiences = dict(Group.objects.order_by("pk").values_list("pk", "visibility"))
        group_ids = [pk for pk in audiences if group_members.get(pk)]
        # Busy groups are busy because they are big; the square root keeps the company-wide
        # department group from drowning out the rest.
        weights = [math.sqrt(len(group_members[pk])) for pk in group_ids]
        topics = dict(Topic.objects.order_by("pk").values_list("pk", "slug"))
        self._organisation = Organisation(
            viewer=viewer.pk,
            members=members,
            group_ids=group_ids,
            group_members=group_members,
            group_audience=audiences,
            group_weights=weights,
            topic_ids=list(topics),
            topic_slugs=topics,
        )
        return self._organisation

    # Posts, comments, reactions.

    def posts_generated(self) -> int:
        return int((get_meta("posts") or {}).get("generated", 0))

    def grow_posts(self, target: int) -> float:
        """Generate posts (with their comments and reactions) until `target` exist. Returns the
        seconds spent."""
        state = get_meta("posts") or {"generated": 0, "seconds": 0.0, "thread_posts": []}
        if state["generated"] >= target:
            return 0.0
        organisation = self.organisation()
        started = time.perf_counter()
        pools_rng = random.Random(f"{self.seed}-pools")
        post_bodies = _post_bodies(pools_rng, 1_500)
        comment_bodies = _comment_bodies(pools_rng, 400)
        with _BulkSession():
            while state["generated"] < target:
                chunk_start = state["generated"]
                count = min(CHUNK_POSTS, target - chunk_start)
                chunk_started = time.perf_counter()
                with transaction.atomic():
                    thread_post = self._write_chunk(
                        organisation,
                        chunk_start,
                        count,
                        post_bodies,
                        comment_bodies,
                        thread=chunk_start + count == target,
                    )
                    state["generated"] = chunk_start + count
                    state["seconds"] += time.perf_counter() - chunk_started
                    if thread_post is not None:
                        state["thread_posts"].append(thread_post)
                    set_meta("posts", state)
                if state["generated"] % 500_000 == 0 or state["generated"] == target:
                    self.log(
                        f"  {state['generated']:,} posts "
                        f"({time.perf_counter() - started:.0f} s this stage)"
                    )
            self._after_load()
        return time.perf_counter() - started

    def _after_load(self) -> None:
        """What a running PostgreSQL does by itself after a bulk load (autovacuum): sequences
        past the inserted ids, the visibility map for index-only scans, and planner
        statistics for every table (the people tables too). SQLite gets no ANALYZE: Plein does
        not run one in production, so the benchmark measures it without statistics."""
        if connection.vendor != "postgresql":
            return
        loaded: tuple[type[Model], ...] = (Post, Comment, Reaction, PostTopic, Membership, Follow)
        with connection.cursor() as cursor:
            for model in loaded:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
        connection.close()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            # The people too: 20,000 were written by the people demo, and the GIN index of
            # their names keeps new entries in a pending list until a VACUUM merges it (which
            # every search of a name would otherwise read whole).
            for table in (*(model._meta.db_table for model in loaded), Person._meta.db_table):
                cursor.execute(f"VACUUM {table}")
            cursor.execute("ANALYZE")

    def _next_id(self, model: type[Model]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            row = cursor.fetchone()
        return int(row[0]) + 1

    def _write_chunk(
        self,
        org: Organisation,
        chunk_start: int,
        count: int,
        post_bodies: list[tuple[str, str]],
        comment_bodies: list[tuple[str, str]],
        *,
        thread: bool,
    ) -> int | None:
        """Posts number chunk_start..chunk_start+count of the whole history, with their topics,
        comments and reactions. Returns the id of the post given exactly 50 comments, if any."""
        size = self.size
        rng = random.Random(f"{self.seed}-posts-{chunk_start}")
        fmt = _timestamp_formatter()
        post_id = first_post_id = self._next_id(Post)
        comment_id = self._next_id(Comment)
        history_start = time.time() - HISTORY_DAYS * 86400
        step = HISTORY_DAYS * 86400 / size.posts
        members = org.members
        n_members = len(members)
        author_weights = [1 / (rank + 1) ** 0.5 for rank in range(n_members)]
        authors_shuffled = members[:]
        random.Random(f"{self.seed}-authors").shuffle(authors_shuffled)
        authors = rng.choices(authors_shuffled, author_weights, k=count)
        groups = rng.choices(org.group_ids, org.group_weights, k=count)
        public = ("org", "open")
        thread_index = count - 100 if thread and count > 100 else (count - 1 if thread else -1)

        post_rows: list[tuple[object, ...]] = []
        topic_rows: list[tuple[object, ...]] = []
        created: list[str] = []
        recent_public: list[int] = []
        popularity: list[float] = []
        for index in range(count):
            seconds = history_start + (chunk_start + index) * step
            stamp = fmt(seconds)
            created.append(stamp)
            draw = rng.random()
            if draw < 0.15 or index == thread_index:
                group_id = None
                audience = "org"
                author = authors[index]
            else:
                group_id = groups[index]
                audience = org.group_audience[group_id]
                group_members = org.group_members[group_id]
                author = group_members[rng.randrange(len(group_members))]
            kind, status, shared = "update", "", None
            body, html = post_bodies[rng.randrange(len(post_bodies))]
            if recent_public and draw > 0.97:
                kind, shared = "share", recent_public[rng.randrange(len(recent_public))]
                body, html = "Interessant voor jullie.", "<p>Interessant voor jullie.</p>"
            elif group_id is not None and draw > 0.85 and rng.random() < 0.3:
                kind = "working_on"
                status = rng.choice(("on_track", "on_track", "at_risk", "blocked", "done"))
            if rng.random() < 0.25:
                topic_id = org.topic_ids[rng.randrange(len(org.topic_ids))]
                slug = org.topic_slugs[topic_id]
                body = f"{body}\n\n#{slug}"
                html = f'{html}\n<p><a href="/topics/{slug}/">#{slug}</a></p>'
                topic_rows.append((post_id, topic_id))
            deleted = stamp if rng.random() < 0.005 and index != thread_index else None
            row = (post_id, author, group_id, audience, kind, body, html, status, shared)
            post_rows.append((*row, stamp, deleted))
            if audience in public and deleted is None:
                recent_public.append(post_id)
                if len(recent_public) > 200:
                    recent_public.pop(0)
            popularity.append(rng.paretovariate(1.5))
            post_id += 1
        BulkTable(
            Post,
            [
                "id",
                "author_id",
                "group_id",
                "audience",
                "kind",
                "body",
                "body_html",
                "project_status",
                "shared_post_id",
                "created_at",
                "deleted_at",
            ],
        ).write(post_rows)
        BulkTable(PostTopic, ["post_id", "topic_id"]).write(topic_rows)

        # Comments: spread over the chunk's posts by popularity; a fifth are replies.
        n_comments = round(count * size.comments_per_post)
        per_post = Counter(rng.choices(range(count), popularity, k=n_comments))
        if thread_index >= 0:
            per_post[thread_index] = THREAD_COMMENTS
        comment_rows: list[tuple[object, ...]] = []
        comment_posts: list[int] = []
        # In the order of their posts, as they would be written: comment ids follow time.
        for index, how_many in sorted(per_post.items()):
            top_level: list[int] = []
            base = created[index]
            for _ in range(how_many):
                parent = (
                    top_level[rng.randrange(len(top_level))]
                    if top_level and rng.random() < 0.3
                    else None
                )
                body, html = comment_bodies[rng.randrange(len(comment_bodies))]
                comment_rows.append(
                    (
                        comment_id,
                        first_post_id + index,
                        parent,
                        members[rng.randrange(n_members)],
                        body,
                        html,
                        base,
                    )
                )
                if parent is None:
                    top_level.append(comment_id)
                comment_posts.append(index)
                comment_id += 1
        BulkTable(
            Comment, ["id", "post_id", "parent_id", "author_id", "body", "body_html", "created_at"]
        ).write(comment_rows)

        # Reactions: at most one per person per post or comment.
        kinds = ("like", "like", "like", "thanks", "insightful", "celebrate", "support")
        reaction_rows: list[tuple[object, ...]] = []
        n_reactions = round(count * size.post_reactions_per_post)
        per_post = Counter(rng.choices(range(count), popularity, k=n_reactions))
        if thread_index >= 0:
            per_post[thread_index] = THREAD_REACTIONS
        for index, how_many in per_post.items():
            stamp = created[index]
            for person in rng.sample(members, min(how_many, n_members)):
                reaction_rows.append(
                    (person, first_post_id + index, None, kinds[rng.randrange(7)], stamp)
                )
        if comment_rows:
            n_comment_reactions = round(count * size.comment_reactions_per_post)
            per_comment = Counter(
                rng.randrange(len(comment_rows)) for _ in range(n_comment_reactions)
            )
            for row_index, how_many in per_comment.items():
                comment_row = comment_rows[row_index]
                comment_pk, commented_at = comment_row[0], comment_row[6]
                for person in rng.sample(members, min(how_many, n_members)):
                    kind = kinds[rng.randrange(7)]
                    reaction_rows.append((person, None, comment_pk, kind, commented_at))
        BulkTable(Reaction, ["person_id", "post_id", "comment_id", "kind", "created_at"]).write(
            reaction_rows
        )
        return first_post_id + thread_index if thread_index >= 0 else None


def thread_post_id() -> int | None:
    """The newest post that was given exactly 50 comments."""
    threads = (get_meta("posts") or {}).get("thread_posts") or []
    return int(threads[-1]) if threads else None
