"""The versioned JSON API (v1): feeds, posts, comments and reactions.

Authentication is a personal token only (`Authorization: Bearer plein_…`): no session, so no
CSRF to think about. Every read goes through the visibility rule (`visible_to`), every write
through the community services (and so through the content gate). What a person may not see
answers 404, exactly like what does not exist.
"""

from time import time as clock
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, Throttled
from ninja.errors import ValidationError as RequestValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from plein.api import services
from plein.api.models import ApiToken
from plein.api.schemas import (
    CommentIn,
    CommentOut,
    CommentPage,
    ErrorOut,
    HeldOut,
    HomeMode,
    MeOut,
    PostIn,
    PostOut,
    PostPage,
    ReactionIn,
    ReactionOut,
    TokenInfo,
    ValidationErrorOut,
)
from plein.community.models import Comment, Group, Moderation, Post, Reaction, Topic
from plein.community.services import conversation, feeds
from plein.community.services import groups as group_services
from plein.community.services import posts as post_services
from plein.community.services.gate import HELD_MESSAGE, policy_error_in, topic_slug
from plein.people.models import Person
from plein.people.permissions import Perm

COMMENT_PAGE_SIZE = 50
DEFAULT_RATE_PER_MINUTE = 600


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = services.authenticate_token(token)
        if api_token is None:
            return None
        person = api_token.person
        # Answers (and the services' error messages) in the person's own language.
        translation.activate(person.language)
        request.LANGUAGE_CODE = person.language
        request.user = person
        return api_token


class TokenRateThrottle(BaseThrottle):
    """Requests per token per clock minute, counted in the shared cache (so all worker
    processes count together)."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        limit = getattr(settings, "PLEIN_API_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE)
        key = f"plein:api:rate:{token.pk}:{int(clock() // 60)}"
        try:
            count = cache.incr(key)
        except ValueError:  # the first request of this minute
            count = 1
            cache.set(key, count, timeout=120)
        return count <= limit

    def wait(self) -> float:
        return 60 - clock() % 60


class PleinAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response.headers["Content-Language"] = translation.get_language() or ""
        return response

    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Short ids ("create_post") make readable client code when generated from the schema.
        return operation.view_func.__name__


api = PleinAPI(
    title="Plein API",
    version="1",
    description=(
        "Read the feeds; create and read posts, comments and reactions. Authenticate with a "
        "personal token (create one under API tokens in your profile menu): "
        "`Authorization: Bearer plein_…`. Content you may not see answers 404, like content "
        "that does not exist."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
    throttle=TokenRateThrottle(),
    openapi_url="/openapi.json",
    # Swagger UI from our own static files: django-ninja serves them only with "ninja" in
    # INSTALLED_APPS; otherwise it would load them from a CDN (blocked by our CSP, and useless
    # offline), so then there is no docs page at all.
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)

ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 403: ErrorOut, 422: ValidationErrorOut}


# --- Errors -----------------------------------------------------------------------------------


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": _("A valid API token is required.")}, status=401
    )
    response.headers["WWW-Authenticate"] = 'Bearer realm="plein"'
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    body: dict[str, Any] = {"detail": list(exc.messages)}
    policy = policy_error_in(exc)
    if policy is not None:
        # The posting rules' word, as a form shows it: what is marked and why, and for a
        # warning the token that posts this very text anyway.
        body["code"] = policy.code
        body["findings"] = [
            {"text": h.text, "suggestion": h.suggestion, "action": str(h.action)}
            for h in policy.notice.highlights
        ]
        body["confirmation"] = policy.notice.token or None
    return api.create_response(request, body, status=422)


@api.exception_handler(RequestValidationError)
def invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """A request that does not match the schema: the same shape as the services' errors, one
    line per problem, led by where it is ("kind: Input should be …")."""
    lines = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "data", "kind") → "kind"; ("query", "before") → "before".
        where = ".".join(location[2:] if location[:1] == ["body"] else location[1:])
        lines.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
    return api.create_response(request, {"detail": lines}, status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc)
    # `require()` raises with a permission's code name: no sentence for a person.
    if not message or message in set(Perm):
        message = _("You may not do this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": _("The request is too large.")}, status=413)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Too many requests. Wait a moment and try again.")}, status=429
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


# --- Helpers ----------------------------------------------------------------------------------


def _person(request: HttpRequest) -> Person:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token.person


def _visible_post(person: Person, post_id: int) -> Post:
    """The post if the person may read it; 404 otherwise (also when it does not exist)."""
    post = Post.objects.visible_to(person).filter(pk=post_id).first()
    if post is None:
        raise Http404
    return post


def _post_out(person: Person, post_id: int) -> PostOut:
    post = (
        feeds.decorate(Post.objects.visible_to(person).filter(pk=post_id), person)
        .for_display()
        .first()
    )
    if post is None:
        raise Http404
    return PostOut.of(post)


def _page(page: feeds.FeedPage) -> PostPage:
    return PostPage(items=[PostOut.of(p) for p in page.posts], next_before=page.next_cursor)


# --- Me ---------------------------------------------------------------------------------------


@api.get("/me", response={200: MeOut, **ERRORS}, tags=["me"])
def me(request: HttpRequest) -> MeOut:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    person = token.person
    return MeOut(
        id=person.pk,
        name=person.full_name,
        email=person.email,
        job_title=person.job_title,
        language=person.language,
        token=TokenInfo(name=token.name, prefix=token.prefix, expires_at=token.expires_at),
    )


# --- Feeds ------------------------------------------------------------------------------------


@api.get("/feed/home", response={200: PostPage, **ERRORS}, tags=["feeds"])
def home_feed(request: HttpRequest, before: int | None = None, mode: HomeMode = "all") -> PostPage:
    """Your own posts, people you follow, your groups and topics you follow; newest first."""
    person = _person(request)
    return _page(feeds.home_feed(person, before=before, mode=feeds.HomeFilter(mode)))


@api.get("/groups/{group_id}/posts", response={200: PostPage, **ERRORS}, tags=["feeds"])
def group_posts(request: HttpRequest, group_id: int, before: int | None = None) -> PostPage:
    """404 for a group you cannot read: a secret group you are not in, or a closed one you
    are not (yet) a member of."""
    person = _person(request)
    group = Group.objects.visible_to(person).filter(pk=group_id).first()
    if group is None or (
        group.visibility != Group.Visibility.OPEN
        and not group_services.is_active_member(group, person)
    ):
        raise Http404
    return _page(feeds.group_feed(person, group, before=before))


@api.get("/topics/{slug}/posts", response={200: PostPage, **ERRORS}, tags=["feeds"])
def topic_posts(request: HttpRequest, slug: str, before: int | None = None) -> PostPage:
    """An unknown topic gives an empty page, like a topic with no posts you may see."""
    person = _person(request)
    topic = Topic.objects.filter(slug=topic_slug(slug)).first()
    if topic is None:
        return PostPage(items=[], next_before=None)
    return _page(feeds.topic_feed(person, topic, before=before))


@api.get("/people/{person_id}/posts", response={200: PostPage, **ERRORS}, tags=["feeds"])
def person_posts(request: HttpRequest, person_id: int, before: int | None = None) -> PostPage:
    person = _person(request)
    author = Person.objects.visible_to(person).filter(pk=person_id).first()
    if author is None:
        raise Http404
    return _page(feeds.person_feed(person, author, before=before))


# --- Posts ------------------------------------------------------------------------------------


def _held(pk: int) -> Status[HeldOut]:
    """202: stored, and waiting for a moderator (only its author and moderators see it)."""
    return Status(202, HeldOut(id=pk, detail=str(HELD_MESSAGE)))


@api.post("/posts", response={201: PostOut, 202: HeldOut, **WRITE_ERRORS}, tags=["posts"])
def create_post(request: HttpRequest, data: PostIn) -> Status[PostOut] | Status[HeldOut]:
    person = _person(request)
    group = None
    if data.group_id is not None:
        group = Group.objects.visible_to(person).filter(pk=data.group_id).first()
        if group is None:
            raise ValidationError(_("This group does not exist."))
    post = post_services.publish_post(
        person,
        data.text,
        group=group,
        kind=data.kind,
        project_status=data.project_status or "",
        confirmation=data.confirmation,
    )
    if post.moderation != Moderation.PUBLISHED:
        return _held(post.pk)
    return Status(201, _post_out(person, post.pk))


@api.get("/posts/{post_id}", response={200: PostOut, **ERRORS}, tags=["posts"])
def get_post(request: HttpRequest, post_id: int) -> PostOut:
    return _post_out(_person(request), post_id)


# --- Comments ---------------------------------------------------------------------------------


@api.get("/posts/{post_id}/comments", response={200: CommentPage, **ERRORS}, tags=["comments"])
def list_comments(request: HttpRequest, post_id: int, after: int | None = None) -> CommentPage:
    """Oldest first; pass `next_after` as `after` for the next page."""
    person = _person(request)
    post = _visible_post(person, post_id)
    comments = (
        Comment.objects.visible_to(person).filter(post=post).select_related("author").order_by("id")
    )
    if after is not None:
        comments = comments.filter(pk__gt=after)
    rows = list(comments[: COMMENT_PAGE_SIZE + 1])
    has_more = len(rows) > COMMENT_PAGE_SIZE
    rows = rows[:COMMENT_PAGE_SIZE]
    return CommentPage(
        items=[CommentOut.of(c) for c in rows],
        next_after=rows[-1].pk if has_more else None,
    )


@api.post(
    "/posts/{post_id}/comments",
    response={201: CommentOut, 202: HeldOut, **WRITE_ERRORS},
    tags=["comments"],
)
def create_comment(
    request: HttpRequest, post_id: int, data: CommentIn
) -> Status[CommentOut] | Status[HeldOut]:
    person = _person(request)
    post = _visible_post(person, post_id)
    parent = None
    if data.parent_id is not None:
        parent = Comment.objects.visible_to(person).filter(pk=data.parent_id, post=post).first()
        if parent is None:
            raise ValidationError(_("You can only reply to a comment on this post."))
    comment = conversation.add_comment(
        post, person, data.text, parent=parent, confirmation=data.confirmation
    )
    if comment.moderation != Moderation.PUBLISHED:
        return _held(comment.pk)
    comment.author = person
    return Status(201, CommentOut.of(comment))


# --- Reactions --------------------------------------------------------------------------------


@api.post(
    "/posts/{post_id}/reactions",
    response={200: ReactionOut, 201: ReactionOut, **WRITE_ERRORS},
    tags=["reactions"],
)
def react(request: HttpRequest, post_id: int, data: ReactionIn) -> Status[ReactionOut]:
    """One reaction per person per post: 201 for a new one, 200 when it replaced your earlier
    reaction."""
    person = _person(request)
    post = _visible_post(person, post_id)
    existed = Reaction.objects.filter(person=person, post=post).exists()
    reaction = conversation.react(person, data.kind, post=post)
    out = ReactionOut(post_id=post.pk, kind=reaction.kind)  # type: ignore[arg-type]
    return Status(200 if existed else 201, out)


@api.delete("/posts/{post_id}/reactions", response={204: None, **ERRORS}, tags=["reactions"])
def unreact(request: HttpRequest, post_id: int) -> Status[None]:
    person = _person(request)
    post = _visible_post(person, post_id)
    conversation.unreact(person, post=post)
    return Status(204, None)
