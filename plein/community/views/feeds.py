"""Feeds: home (with its filters and the "N new posts" notice), topic, person and bookmarks;
following people and topics; the composer's @mention and #topic suggestions.

Every list reads posts through the feed services (which use `Post.objects.visible_to`) and
costs a fixed number of queries, whatever the number of posts. Older pages come by keyset
(`?before=<id>`); htmx asks for the next page's cards only and appends them.
"""

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.decorators import login_required
from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from plein.community.cards import CardExtra, extras_for
from plein.community.forms_posts import PostForm
from plein.community.models import (
    Attachment,
    Bookmark,
    Follow,
    Group,
    Membership,
    Post,
    PostTopic,
    Reaction,
    Topic,
)
from plein.community.pinned import pinned_for
from plein.community.services import conversation
from plein.community.services import feeds as feed_services
from plein.community.services.feeds import PAGE_SIZE, FeedPage, HomeFilter, Sources, decorate
from plein.community.services.gate import topic_slug
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

MAX_SUGGESTIONS = 8


# --- Cards: what a post needs beyond the post itself (views.posts and views.groups use them) -

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_PATH = re.compile(r"^/(?:shorts|embed|live|v)/([^/?#]+)")
VIMEO_PATH = re.compile(r"^/(?:video/)?(\d{1,12})(?:/([0-9a-f]{6,20}))?/?$")
TIME_PARTS = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
HREF = re.compile(r'<a [^>]*href="([^"]+)"')
MAX_VIDEOS = 3

DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument",
}
STATUS_BADGES = {
    Group.ProjectStatus.ON_TRACK: "badge--success",
    Group.ProjectStatus.AT_RISK: "badge--warning",
    Group.ProjectStatus.BLOCKED: "badge--danger",
    Group.ProjectStatus.DONE: "badge--info",
}


@dataclass
class VideoEmbed:
    """A video link turned into a click-to-load player. Nothing is fetched from the provider
    until the person clicks; without JavaScript `url` is an ordinary link to the video."""

    provider: str
    url: str
    embed_url: str


@dataclass
class ReactionButton:
    kind: str
    label: str
    pressed: bool
    count: int | None = None


@dataclass
class PostCard:
    post: Post
    images: list[Attachment]
    documents: list[tuple[Attachment, str]]  # with a name for its type ("PDF")
    videos: list[VideoEmbed]
    reactions: list[ReactionButton]
    reaction_count: int
    comment_count: int
    bookmarked: bool
    status_badge: str
    can_edit: bool
    can_remove: bool
    can_pin: bool
    can_see_history: bool
    shared_visible: bool
    extra: CardExtra | None = None  # an article's, question's, announcement's or poll's part


def _seconds(value: str) -> int:
    match = TIME_PARTS.match(value.strip().lower()) if value else None
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def video_for_link(link: str) -> VideoEmbed | None:
    """A YouTube (watch, youtu.be, shorts) or Vimeo link as an embed, or None."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host == "youtu.be" or host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = parts.path.strip("/").split("/")[0]
        elif parts.path == "/watch":
            candidate = query.get("v", [""])[0]
        else:
            match = YOUTUBE_PATH.match(parts.path)
            candidate = match[1] if match else ""
        if not YOUTUBE_ID.match(candidate):
            return None
        start = _seconds((query.get("t") or query.get("start") or [""])[0])
        embed = f"https://www.youtube-nocookie.com/embed/{candidate}?autoplay=1"
        if start:
            embed += f"&start={start}"
        return VideoEmbed(
            provider="YouTube",
            url=f"https://www.youtube.com/watch?v={candidate}",
            embed_url=embed,
        )
    if host in VIMEO_HOSTS:
        match = VIMEO_PATH.match(parts.path)
        if not match:
            return None
        video_id, unlisted_hash = match[1], match[2] or query.get("h", [""])[0]
        embed = f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1"
        url = f"https://vimeo.com/{video_id}"
        if unlisted_hash and re.fullmatch(r"[0-9a-f]{6,20}", unlisted_hash):
            embed += f"&h={unlisted_hash}"
            url += f"/{unlisted_hash}"
        return VideoEmbed(provider="Vimeo", url=url, embed_url=embed)
    return None


def video_embeds(body_html: str) -> list[VideoEmbed]:
    """The videos linked from sanitised post HTML (links only: text in code stays text)."""
    found: dict[str, VideoEmbed] = {}
    for href in HREF.findall(body_html):
        video = video_for_link(html.unescape(href))
        if video is not None:
            found.setdefault(video.embed_url, video)
        if len(found) >= MAX_VIDEOS:
            break
    return list(found.values())


def reaction_buttons(
    mine: str | None, counts: dict[str, int] | None = None
) -> list[ReactionButton]:
    return [
        ReactionButton(
            kind=kind,
            label=str(label),
            pressed=kind == mine,
            count=None if counts is None else counts.get(kind, 0),
        )
        for kind, label in Reaction.Kind.choices
    ]


def _reaction_counts(post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Reaction.objects.filter(post_id__in=list(post_ids))
        .values_list("post_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for post_id, kind, n in rows:
        counts[post_id][kind] = n
    return counts


def admin_group_ids_of(viewer: Person, group_ids: Iterable[int]) -> set[int]:
    """The groups among `group_ids` in which the viewer may pin and remove posts."""
    wanted = set(group_ids)
    if not wanted:
        return set()
    if can(viewer, Perm.MODERATE):
        return wanted
    return set(
        Membership.objects.filter(
            person=viewer,
            group_id__in=wanted,
            state=Membership.State.ACTIVE,
            role=Membership.Role.ADMIN,
        ).values_list("group_id", flat=True)
    )


def prepare_cards(
    viewer: Person,
    posts: Sequence[Post],
    *,
    admin_group_ids: set[int] | None = None,
    kind_counts: bool = False,
) -> list[PostCard]:
    """Turn posts (from a feed service, or decorated with `feeds.decorate(...).for_display()`)
    into cards for `community/_post.html`.

    Costs at most three queries whatever the number of posts: the groups the viewer administers
    (skipped when `admin_group_ids` is given), whether shared originals are visible (only when
    the page holds shares) and, with `kind_counts`, the reactions per kind.
    """
    if admin_group_ids is None or can(viewer, Perm.MODERATE):
        # Moderators may pin and remove in every group (no query for them).
        admin_group_ids = admin_group_ids_of(viewer, (p.group_id for p in posts if p.group_id))
    shared_ids = {p.shared_post_id for p in posts if p.shared_post_id}
    visible_shared = (
        set(Post.objects.visible_to(viewer).filter(pk__in=shared_ids).values_list("pk", flat=True))
        if shared_ids
        else set()
    )
    per_kind = _reaction_counts(p.pk for p in posts) if kind_counts else {}
    moderator = can(viewer, Perm.MODERATE)
    extras = extras_for(viewer, posts)
    cards = []
    for post in posts:
        attachments = list(post.attachments.all())
        is_author = post.author_id == viewer.pk
        group_admin = post.group_id is not None and post.group_id in admin_group_ids
        cards.append(
            PostCard(
                post=post,
                images=[a for a in attachments if a.kind == Attachment.Kind.IMAGE],
                documents=[
                    (a, document_type(a)) for a in attachments if a.kind == Attachment.Kind.DOCUMENT
                ],
                videos=video_embeds(post.body_html),
                reactions=reaction_buttons(
                    getattr(post, "my_reaction", None),
                    per_kind.get(post.pk, {}) if kind_counts else None,
                ),
                reaction_count=getattr(post, "reaction_count", None) or 0,
                comment_count=getattr(post, "comment_count", None) or 0,
                bookmarked=bool(getattr(post, "bookmarked", False)),
                status_badge=STATUS_BADGES.get(post.project_status, "badge--neutral"),  # type: ignore[call-overload]
                can_edit=is_author,
                can_remove=is_author or group_admin or moderator,
                can_pin=group_admin,
                can_see_history=moderator and post.edited_at is not None,
                shared_visible=post.shared_post_id in visible_shared,
                extra=extras.get(post.pk),
            )
        )
    return cards


def document_type(attachment: Attachment) -> str:
    return DOCUMENT_TYPES.get(attachment.content_type, attachment.content_type)


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go back to after an action: the page it came from, if it is ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@dataclass
class ViewerContext:
    """What the pages around a feed need to know about the viewer."""

    groups: list[Group]  # active memberships: the composer's choices (partial rows, see below)
    admin_group_ids: set[int]
    topics: list[Topic]  # followed topics: the filter links
    followed_people: list[int] = field(default_factory=list)

    @property
    def sources(self) -> Sources:
        """What the home feed draws on, from the same query (no second look-up)."""
        return Sources(
            people=self.followed_people,
            groups=[group.pk for group in self.groups],
            topics=[topic.pk for topic in self.topics],
        )


def _lit(value: str) -> Value:
    return Value(value, output_field=CharField())


def viewer_context(viewer: Person) -> ViewerContext:
    """The viewer's groups (with their role), followed topics and people, in one query.

    The groups are built from the columns read here (id, name, slug, kind, visibility): enough
    for the composer and links; the services re-read what they need when posting.
    """
    # Both halves of the union have the same seven columns; the last says which half.
    memberships = (
        Membership.objects.filter(person=viewer, state=Membership.State.ACTIVE)
        .values_list(
            "group_id", "group__name", "group__slug", "group__kind", "group__visibility", "role"
        )
        .annotate(source=_lit("g"))
    )
    topics = (
        Follow.objects.filter(follower=viewer, topic__isnull=False)
        .values_list("topic_id", "topic__name", "topic__slug")
        .annotate(a=_lit(""), b=_lit(""), c=_lit(""), source=_lit("t"))
    )
    people = (
        Follow.objects.filter(follower=viewer, person__isnull=False)
        .values_list("person_id")
        .annotate(n=_lit(""), s=_lit(""), a=_lit(""), b=_lit(""), c=_lit(""), source=_lit("p"))
    )
    context = ViewerContext(groups=[], admin_group_ids=set(), topics=[])
    rows = memberships.union(topics, people, all=True)
    for pk, name, slug, kind, visibility, role, source in rows:
        if source == "p":
            context.followed_people.append(pk)
        elif source == "g":
            context.groups.append(
                Group(pk=pk, name=name, slug=slug, kind=kind, visibility=visibility)
            )
            if role == Membership.Role.ADMIN:
                context.admin_group_ids.add(pk)
        else:
            context.topics.append(Topic(pk=pk, name=name, slug=slug))
    context.groups.sort(key=lambda g: g.name.lower())
    context.topics.sort(key=lambda t: t.slug)
    return context


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _before(request: HttpRequest) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _is_load_more(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and getattr(htmx, "target", None) == "feed-more"


def _more_url(request: HttpRequest, cursor: int | None) -> str:
    if cursor is None:
        return ""
    query = request.GET.copy()
    query["before"] = str(cursor)
    return f"{request.path}?{query.urlencode()}"


def _feed_response(
    request: HttpRequest,
    template: str,
    cards: list[PostCard],
    next_cursor: int | None,
    context: dict[str, object],
) -> HttpResponse:
    """The whole page, or for htmx's "load more" only the next cards (appended)."""
    context |= {
        "cards": cards,
        "more_url": _more_url(request, next_cursor),
        "is_later_page": _before(request) is not None,
    }
    if _is_load_more(request):
        return render(request, "community/_feed.html#page", context)
    return render(request, template, context)


# --- Home ------------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request", "HX-Target")
def home(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if not can(viewer, Perm.VIEW_INTERNAL):
        # Alumni (and anyone else outside the community) keep their own landing page.
        return render(request, "core/home.html")
    context = viewer_context(viewer)
    try:
        mode = HomeFilter(request.GET.get("mode", HomeFilter.EVERYTHING))
    except ValueError:
        mode = HomeFilter.EVERYTHING
    topic: Topic | None = None
    if mode == HomeFilter.TOPIC:
        slug = request.GET.get("topic", "")
        topic = next((t for t in context.topics if t.slug == slug), None)
        if topic is None and slug:
            topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            topic = context.topics[0] if context.topics else None
    before = _before(request)
    page = (
        feed_services.home_feed(
            viewer, before=before, mode=mode, topic=topic, sources=context.sources
        )
        if mode != HomeFilter.TOPIC or topic is not None
        else FeedPage(posts=[], next_cursor=None)
    )
    # Other apps' posts pinned for the viewer (an unread announcement) head the first page.
    pinned_posts: list[Post] = []
    pinned_more: list[tuple[str, str]] = []
    if mode == HomeFilter.EVERYTHING and before is None and not _is_load_more(request):
        pinned_ids, pinned_more = pinned_for(viewer)
        if pinned_ids:
            by_id = {
                post.pk: post
                for post in decorate(
                    Post.objects.visible_to(viewer).filter(pk__in=pinned_ids), viewer
                ).for_display()
            }
            pinned_posts = [by_id[pk] for pk in pinned_ids if pk in by_id]
    pinned_pks = {post.pk for post in pinned_posts}
    all_cards = prepare_cards(
        viewer,
        [*pinned_posts, *(post for post in page.posts if post.pk not in pinned_pks)],
        admin_group_ids=context.admin_group_ids,
    )
    pinned_cards, cards = all_cards[: len(pinned_posts)], all_cards[len(pinned_posts) :]
    newest = page.posts[0].pk if page.posts and before is None else 0
    filters = [
        (HomeFilter.EVERYTHING, "", _("Everything")),
        (HomeFilter.PEOPLE, "", _("People I follow")),
        (HomeFilter.GROUPS, "", _("My groups")),
        *((HomeFilter.TOPIC, t.slug, f"#{t.name}") for t in context.topics),
    ]
    filter_links = [
        {
            "label": label,
            "url": reverse("community:home")
            + (
                "?" + urlencode({"mode": value, **({"topic": slug} if slug else {})})
                if value != HomeFilter.EVERYTHING
                else ""
            ),
            "current": value == mode and (not slug or (topic is not None and topic.slug == slug)),
        }
        for value, slug, label in filters
    ]
    return _feed_response(
        request,
        "community/home.html",
        cards,
        page.next_cursor,
        {
            "composer": PostForm(groups=context.groups),
            "pinned_cards": pinned_cards,
            "pinned_more": pinned_more,
            "groups": context.groups,
            "followed_topics": context.topics,
            "mode": mode.value,
            "topic": topic,
            "filter_links": filter_links,
            # The notice counts the whole home feed, so it only runs on "everything".
            "poll_url": (
                f"{reverse('community:new_count')}?after={newest}"
                if mode == HomeFilter.EVERYTHING and before is None
                else ""
            ),
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
@never_cache
def new_count(request: HttpRequest) -> HttpResponse:
    """ "N new posts — show", or nothing at all when there are none (htmx polls this)."""
    after = request.GET.get("after", "")
    count = feed_services.newer_count(_viewer(request), int(after) if after.isdigit() else 0)
    if count == 0:
        return HttpResponse("")
    return render(request, "community/_new_posts.html", {"count": count, "capped": count >= 100})


# --- Topics ------------------------------------------------------------------------------------

TOPIC_COUNT_CAP = 1000


def _topic_or_404(slug: str) -> Topic:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    return topic


@permission_required(Perm.VIEW_INTERNAL)
@vary_on_headers("HX-Request", "HX-Target")
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = _viewer(request)
    topic = _topic_or_404(slug)
    page = feed_services.topic_feed(viewer, topic, before=_before(request))
    context = viewer_context(viewer)
    # Counts only what the viewer may read: a closed group's posts are not "there" for others.
    # Counted up to a cap so the cost does not grow with the topic's history.
    readable = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
    post_count = len(
        PostTopic.objects.filter(topic=topic)
        .filter(Exists(readable))
        .values_list("post_id", flat=True)[: TOPIC_COUNT_CAP + 1]
    )
    following = any(t.pk == topic.pk for t in context.topics)
    return _feed_response(
        request,
        "community/topic.html",
        prepare_cards(viewer, page.posts, admin_group_ids=context.admin_group_ids),
        page.next_cursor,
        {
            "topic": topic,
            "post_count": min(post_count, TOPIC_COUNT_CAP),
            "post_count_capped": post_count > TOPIC_COUNT_CAP,
            "following": following,
            "composer": PostForm(groups=context.groups, initial={"text": f"#{topic.name} "}),
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def follow_topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = _topic_or_404(slug)
    follow = request.POST.get("follow") == "1"
    conversation.follow_topic(_viewer(request), topic, follow=follow)
    if getattr(request, "htmx", False):
        return render(
            request,
            "community/topic.html#follow",
            {"topic": topic, "following": follow, "next_url": safe_next(request, "")},
        )
    return redirect(safe_next(request, reverse("community:topic", args=[topic.slug])))


# --- People ------------------------------------------------------------------------------------


def _person_or_404(viewer: Person, pk: int) -> Person:
    person = Person.objects.visible_to(viewer).select_related("department").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@permission_required(Perm.VIEW_INTERNAL)
@vary_on_headers("HX-Request", "HX-Target")
def person(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    author = _person_or_404(viewer, pk)
    page = feed_services.person_feed(viewer, author, before=_before(request))
    following = (
        author.pk != viewer.pk and Follow.objects.filter(follower=viewer, person=author).exists()
    )
    return _feed_response(
        request,
        "community/person_posts.html",
        prepare_cards(viewer, page.posts),
        page.next_cursor,
        {"person": author, "following": following, "is_self": author.pk == viewer.pk},
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def follow_person(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    author = _person_or_404(viewer, pk)
    follow = request.POST.get("follow") == "1"
    if author.pk != viewer.pk:
        conversation.follow_person(viewer, author, follow=follow)
    if getattr(request, "htmx", False):
        return render(
            request,
            "community/person_posts.html#follow",
            {"person": author, "following": follow, "next_url": safe_next(request, "")},
        )
    return redirect(safe_next(request, reverse("community:person_posts", args=[author.pk])))


# --- Bookmarks ---------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
@vary_on_headers("HX-Request", "HX-Target")
def bookmarks(request: HttpRequest) -> HttpResponse:
    """The viewer's bookmarks that they may still read, newest bookmark first (keyset on the
    bookmark id)."""
    viewer = _viewer(request)
    rows = Bookmark.objects.filter(person=viewer).filter(
        Exists(Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id")))
    )
    before = _before(request)
    if before:
        rows = rows.filter(pk__lt=before)
    marks = list(rows.order_by("-id").values_list("pk", "post_id")[: PAGE_SIZE + 1])
    has_more = len(marks) > PAGE_SIZE
    marks = marks[:PAGE_SIZE]
    by_id = {
        post.pk: post
        for post in decorate(
            Post.objects.visible_to(viewer).filter(pk__in=[post_id for _, post_id in marks]),
            viewer,
        ).for_display()
    }
    posts = [by_id[post_id] for _, post_id in marks if post_id in by_id]
    return _feed_response(
        request,
        "community/bookmarks.html",
        prepare_cards(viewer, posts),
        marks[-1][0] if has_more and marks else None,
        {},
    )


# --- Autocomplete ----------------------------------------------------------------------------


def _token_label(name: str) -> str:
    return " ".join(name.replace("[", "").replace("]", "").split())[:120] or "?"


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def autocomplete_mentions(request: HttpRequest) -> JsonResponse:
    """People in the community and groups the viewer may know exist, as `{label, token}`."""
    viewer = _viewer(request)
    query = request.GET.get("q", "").strip().lstrip("@")[:60]
    if not query:
        return JsonResponse([], safe=False)
    people = Person.objects.members()
    for word in query.split()[:3]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(name_prefix__icontains=word)
        )
    results: list[dict[str, str]] = [
        {
            "label": person.full_name,
            "hint": " · ".join(
                part for part in (person.job_title, getattr(person.department, "name", "")) if part
            ),
            "token": f"@[{_token_label(person.full_name)}](p:{person.pk})",
            "kind": "person",
        }
        for person in people.select_related("department").order_by("first_name", "last_name", "id")[
            :6
        ]
    ]
    for group in (
        Group.objects.visible_to(viewer)
        .filter(name__icontains=query)
        .order_by("name")[: MAX_SUGGESTIONS - len(results)]
    ):
        results.append(
            {
                "label": group.name,
                "hint": _("Group"),
                "token": f"@[{_token_label(group.name)}](g:{group.pk})",
                "kind": "group",
            }
        )
    return JsonResponse(results, safe=False)


@permission_required(Perm.VIEW_INTERNAL)
@require_GET
def autocomplete_topics(request: HttpRequest) -> JsonResponse:
    """Topics that appear on posts the viewer may read (a topic only used in a secret group
    stays unknown to others)."""
    viewer = _viewer(request)
    slug = topic_slug(request.GET.get("q", "").strip().lstrip("#")[:60])
    if not slug:
        return JsonResponse([], safe=False)
    used = PostTopic.objects.filter(topic=OuterRef("pk")).filter(
        Exists(Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id")))
    )
    topics = (Topic.objects.filter(slug__startswith=slug).filter(Exists(used)).order_by("slug"))[
        :MAX_SUGGESTIONS
    ]
    return JsonResponse(
        [
            {"label": f"#{topic.name}", "hint": "", "token": f"#{topic.name}", "kind": "topic"}
            for topic in topics
        ],
        safe=False,
    )
