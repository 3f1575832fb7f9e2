"""Search over posts, articles, questions and answers, comments, people, groups and topics.

Other apps index their content with `index(Document(...))` inside their write transaction and
`remove(kind, object_id)`, and register a source so `plein reindex` can rebuild everything.
Community posts and comments are indexed here, from the community's events (see `indexing`).

The visibility rule is applied at query time: a post-based result is shown only when
`Post.objects.visible_to(viewer)` has its post (a correlated EXISTS per candidate), so a post
that is deleted or moved into a closed group disappears from search at once. Results, counts,
snippets, autocomplete and similar questions all come from the same filtered candidates.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from plein.community.models import Comment, Group, Moderation, Post, Topic
from plein.people.models import Department, Person, Skill
from plein.people.permissions import Perm, can
from plein.search import backends
from plein.search import people as people_index
from plein.search.models import Entry
from plein.search.text import (
    BODY_LENGTH,
    MAX_TERMS,
    RANKED_LENGTH,
    TITLE_LENGTH,
    Term,
    fold,
    highlight,
    parse_query,
    plain_text,
    relevance,
    stem,
    stems,
    words,
)

if TYPE_CHECKING:
    from plein.community.models import Viewer

KINDS = ("post", "article", "question", "answer", "comment", "board_question")
SECTIONS = ("person", "group", "topic")  # queried live, not indexed
PAGE_SIZE = 20
SECTION_SIZE = 5
ANSWERED_BOOST = 4.0  # an answered question outranks posts that merely use its words


@dataclass(frozen=True)
class Document:
    kind: str  # one of KINDS
    object_id: int
    title: str  # may be "" (posts, comments)
    text: str  # plain text or Markdown (stripped here)
    url: str
    # The content is readable exactly when Post.objects.visible_to(viewer) has this post;
    # None: readable by every member of the community (can(viewer, Perm.VIEW_INTERNAL)).
    post_id: int | None
    group_id: int | None
    # None when the author must not be revealed (anonymous questions): the person filter then
    # never finds the document.
    author_id: int | None
    created_at: datetime
    answered: bool = False  # questions: answered ones rank first for their words


# What a hit shows (search.html, the suggestions, similar questions): not the entry's word
# forms, nor the author's or group's other columns.
HIT_FIELDS = (
    "kind",
    "object_id",
    "title",
    "body",
    "url",
    "created_at",
    "answered",
    "author__first_name",
    "author__name_prefix",
    "author__last_name",
    "group__name",
    "group__slug",
)

KIND_LABELS = {
    "post": _("Post"),
    "article": _("Article"),
    "question": _("Question"),
    "answer": _("Answer"),
    "comment": _("Comment"),
    "board_question": _("Question to the board"),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    snippet: SafeString  # escaped text with <mark> around the matched words
    title_html: SafeString
    author: Person | None
    group: Group | None
    created_at: datetime
    answered: bool
    score: float

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


@dataclass
class SearchResults:
    query: str
    terms: list[Term]
    hits: list[Hit] = field(default_factory=list)
    count: int = 0  # visible matches among the candidates
    capped: bool = False  # more matches exist than were considered: "400+"
    page: int = 1
    page_size: int = PAGE_SIZE
    people: list[Person] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.count

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def empty(self) -> bool:
        return not (self.hits or self.people or self.groups or self.topics)


@dataclass
class Suggestions:
    people: list[Person] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.people or self.groups or self.topics or self.hits)


# --- Writing -----------------------------------------------------------------------------------


def row_for(document: Document) -> backends.Row:
    if document.kind not in KINDS:
        raise ValueError(f"unknown search document kind {document.kind!r}")
    title = plain_text(document.title)[:TITLE_LENGTH]
    body = plain_text(document.text)[:BODY_LENGTH]
    return backends.Row(
        kind=document.kind,
        object_id=document.object_id,
        title=title,
        body=body,
        stems=stems(f"{title} {body}", all_stems=_backend().all_stems),
        tags=backends.tags_for(document.kind, document.group_id, document.author_id),
        url=document.url[:300],
        post_id=document.post_id,
        group_id=document.group_id,
        author_id=document.author_id,
        created_at=document.created_at,
        answered=document.answered,
    )


def _backend() -> backends.Backend:
    return backends.get_backend()


def index(document: Document) -> None:
    """Insert or replace the document (kind, object_id). Call inside the writer's transaction."""
    with transaction.atomic():
        _backend().write(row_for(document))


def remove(kind: str, object_id: int) -> None:
    ids = list(Entry.objects.filter(kind=kind, object_id=object_id).values_list("id", flat=True))
    with transaction.atomic():
        _backend().delete(ids)


def remove_for_post(post_id: int) -> None:
    """The post's own document and everything readable through it (comments, answers…)."""
    ids = list(Entry.objects.filter(post_id=post_id).values_list("id", flat=True))
    with transaction.atomic():
        _backend().delete(ids)


def move_post(post_id: int, group_id: int | None) -> None:
    """The post changed group: its documents follow (the group filter; readability is live)."""
    entries = list(Entry.objects.filter(post_id=post_id))
    with transaction.atomic():
        backend = _backend()
        for entry in entries:
            backend.write(
                backends.Row(
                    kind=entry.kind,
                    object_id=entry.object_id,
                    title=entry.title,
                    body=entry.body,
                    stems=entry.stems,
                    tags=backends.tags_for(entry.kind, group_id, entry.author_id),
                    url=entry.url,
                    post_id=entry.post_id,
                    group_id=group_id,
                    author_id=entry.author_id,
                    created_at=entry.created_at,
                    answered=entry.answered,
                )
            )


_sources: dict[str, Callable[[], Iterable[Document]]] = {}


def register_source(kind: str, documents: Callable[[], Iterable[Document]]) -> None:
    """For `plein reindex`: `documents()` yields every current document of this kind."""
    _sources[kind] = documents


def registered_sources() -> dict[str, Callable[[], Iterable[Document]]]:
    return dict(_sources)


# --- Reading -----------------------------------------------------------------------------------


def _filters(
    kinds: Sequence[str] | None,
    group_id: int | None,
    author_id: int | None,
    since: date | None,
    until: date | None,
) -> backends.Filters:
    zone = timezone.get_current_timezone()
    return backends.Filters(
        kinds=tuple(k for k in (kinds or ()) if k in KINDS),
        group_id=group_id,
        author_id=author_id,
        since=datetime.combine(since, time.min, zone) if since else None,
        until=datetime.combine(until + timedelta(days=1), time.min, zone) if until else None,
    )


def readable_entries(viewer: "Viewer") -> "QuerySet[Entry]":
    """Entries the viewer may read: THE visibility rule by the entry's post."""
    if not can(viewer, Perm.VIEW_INTERNAL):
        return Entry.objects.none()
    readable_post = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
    live_comment = Comment.objects.filter(
        pk=OuterRef("object_id"), deleted_at__isnull=True, moderation=Moderation.PUBLISHED
    )
    return Entry.objects.filter(Q(post__isnull=True) | Exists(readable_post)).exclude(
        Q(kind="comment") & ~Exists(live_comment)
    )


def _ranked(
    viewer: "Viewer", terms: Sequence[Term], filters: backends.Filters, *, any_term: bool = False
) -> tuple[list[tuple[int, float, bool]], bool]:
    """The viewer's readable candidates, best first: (entry id, score, answered); capped?"""
    if not terms or not can(viewer, Perm.VIEW_INTERNAL):
        return [], False
    backend = _backend()
    found = backend.candidates(terms, filters, any_term=any_term)
    if not found:
        return [], False
    capped = len(found) >= backends.CANDIDATES
    readable = (
        readable_entries(viewer)
        .filter(pk__in=backend.id_list(found))
        .annotate(start=Substr("body", 1, RANKED_LENGTH))
        .values_list("id", "answered", "title", "start")
    )
    ranked = [
        (entry_id, relevance(title, start, terms) * (ANSWERED_BOOST if answered else 1.0), answered)
        for entry_id, answered, title, start in readable
    ]
    ranked.sort(key=lambda item: (-item[1], -item[0]))
    return ranked, capped


def _hits(ranked: Sequence[tuple[int, float, bool]], terms: Sequence[Term]) -> list[Hit]:
    ids = [entry_id for entry_id, _, _ in ranked]
    entries = (
        Entry.objects.filter(pk__in=ids)
        .select_related("author", "group")
        .only(*HIT_FIELDS)
        .in_bulk()
    )
    hits = []
    for entry_id, score, _answered in ranked:
        entry = entries.get(entry_id)
        if entry is None:  # removed between the two reads
            continue
        hits.append(
            Hit(
                kind=entry.kind,
                object_id=entry.object_id,
                title=entry.title,
                url=entry.url,
                snippet=highlight(entry.body, terms),
                title_html=highlight(entry.title, terms, length=None),
                author=entry.author,
                group=entry.group,
                created_at=entry.created_at,
                answered=entry.answered,
                score=score,
            )
        )
    return hits


def search(
    viewer: "Viewer",
    query: str,
    *,
    kinds: Sequence[str] | None = None,
    group_id: int | None = None,
    author_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
) -> SearchResults:
    """Ranked results: relevance among the newest candidates, answered questions boosted,
    newer first on a tie. People, groups and topics on the first page, unless filtered out."""
    terms = parse_query(query)
    results = SearchResults(query=query, terms=terms, page=max(1, page))
    if not terms or not can(viewer, Perm.VIEW_INTERNAL):
        return results
    filters = _filters(kinds, group_id, author_id, since, until)
    content_wanted = not kinds or bool(filters.kinds)
    if content_wanted:
        ranked, results.capped = _ranked(viewer, terms, filters)
        results.count = len(ranked)
        start = (results.page - 1) * PAGE_SIZE
        results.hits = _hits(ranked[start : start + PAGE_SIZE], terms)
    narrowed = group_id or author_id or since or until
    if results.page == 1 and not narrowed:
        wanted = set(kinds or SECTIONS)
        size = SECTION_SIZE if content_wanted else PAGE_SIZE  # more when only these are asked
        if "person" in wanted:
            results.people = people_matching(viewer, terms, size)
        if "group" in wanted:
            results.groups = groups_matching(viewer, terms, size)
        if "topic" in wanted:
            results.topics = topics_matching(viewer, terms, size)
    return results


def people_matching(
    viewer: "Viewer", terms: Sequence[Term], limit: int = SECTION_SIZE
) -> list[Person]:
    """Members whose name, job title, team, department or a skill holds every word: first
    those whose name, job title or team holds them all, then the others, each by name."""
    if not can(viewer, Perm.VIEW_INTERNAL):
        return []
    members = Person.objects.members().select_related("department")
    order = ("last_name", "first_name", "id")
    by_name = members
    people = members
    for term in terms:
        word = term.typed or term.word
        # Whose name, job title or team has the word (the word index), in a department that
        # has it, or with a skill that has it: one list of ids (a UNION the database builds
        # from three indexes), so that nobody is scanned.
        named = Person.objects.filter(pk__in=people_index.ids_matching(term)).values("id")
        in_department = Person.objects.filter(
            department_id__in=Department.objects.filter(name__icontains=word).values("id")
        ).values("id")
        skilled = Person.skills.through.objects.filter(
            skill_id__in=Skill.objects.filter(name__icontains=word).values("id")
        ).values("person_id")
        by_name = by_name.filter(pk__in=named)
        people = people.filter(pk__in=named.union(in_department, skilled))
    # The names first: the word index finds them at once, while a common skill ("Klant…")
    # can have thousands of holders to sort.
    found = list(by_name.order_by(*order)[:limit])
    if len(found) < limit:
        others = people.exclude(pk__in=[person.pk for person in found])
        found += others.order_by(*order)[: limit - len(found)]
    return found


def groups_matching(
    viewer: "Viewer", terms: Sequence[Term], limit: int = SECTION_SIZE
) -> list[Group]:
    queryset = Group.objects.visible_to(viewer)
    for term in terms:
        word = term.typed or term.word
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(slug__icontains=term.word) | Q(description__icontains=word)
        )
    return list(queryset.order_by("name", "id")[:limit])


def topics_matching(
    viewer: "Viewer", terms: Sequence[Term], limit: int = SECTION_SIZE
) -> list[Topic]:
    if not can(viewer, Perm.VIEW_INTERNAL):
        return []
    # Only topics the viewer can read a post of: a topic used only in a secret group stays unknown.
    used = Post.objects.visible_to(viewer).filter(topics=OuterRef("pk"))
    queryset = Topic.objects.all()
    for term in terms:
        queryset = queryset.filter(slug__icontains=fold(term.word).replace(" ", "-"))
    return list(queryset.filter(Exists(used)).order_by("slug")[:limit])


def similar_questions(viewer: "Viewer", text: str, *, limit: int = 5) -> list[Hit]:
    """Questions sharing the most words with a question being typed: answered ones first."""
    terms = _significant_terms(text)
    if not terms:
        return []
    filters = backends.Filters(kinds=("question",))
    ranked, _ = _ranked(viewer, terms, filters, any_term=True)
    ranked.sort(key=lambda item: (not item[2], -item[1], -item[0]))
    return _hits(ranked[:limit], terms)


def autocomplete(viewer: "Viewer", query: str, *, limit: int = 4) -> Suggestions:
    """For the header box: people, groups, topics and the best content hits."""
    terms = parse_query(query)
    if not terms or not can(viewer, Perm.VIEW_INTERNAL):
        return Suggestions()
    ranked, _ = _ranked(viewer, terms, backends.Filters())
    return Suggestions(
        people=people_matching(viewer, terms, limit),
        groups=groups_matching(viewer, terms, limit),
        topics=topics_matching(viewer, terms, limit),
        hits=_hits(ranked[:limit], terms),
    )


# Words that say nothing about what a question is about (for similar questions only).
STOP_WORDS = frozenset(
    (
        "aan",
        "al",
        "alle",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "doe",
        "doen",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "geen",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "ik",
        "in",
        "is",
        "je",
        "jij",
        "jullie",
        "kan",
        "kun",
        "kunnen",
        "maar",
        "me",
        "meer",
        "met",
        "mij",
        "mijn",
        "moet",
        "moeten",
        "na",
        "naar",
        "niet",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "onze",
        "ook",
        "op",
        "over",
        "te",
        "tot",
        "u",
        "uit",
        "van",
        "veel",
        "voor",
        "waar",
        "wanneer",
        "wat",
        "we",
        "welk",
        "welke",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zijn",
        "zo",
        "zou",
    )
)


def _significant_terms(text: str) -> list[Term]:
    """The longest distinct words of a text that are not stop words: what it is about."""
    found: dict[str, None] = {}
    for word in words(plain_text(text)):
        if len(word) > 2 and word not in STOP_WORDS and not word.isdigit():
            found.setdefault(word, None)
    chosen = sorted(found, key=len, reverse=True)[:MAX_TERMS]
    return [Term(word, stem(word)) for word in chosen]
