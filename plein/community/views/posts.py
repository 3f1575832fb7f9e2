"""Posts and conversation: compose, preview, read, edit, delete, pin, share, react, comment,
bookmark, and the attachments of posts.

Every read goes through `Post.objects.visible_to` / `Comment.objects.visible_to`; a post or
comment the viewer may not see answers 404, exactly like one that does not exist. Every write
goes through the community services, whose messages are shown on the forms. Each action works
as a plain form POST with a redirect; htmx requests get the fragment that changed.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.community import cards
from plein.community.forms_posts import EVERYONE, CommentForm, EditPostForm, PostForm, ShareForm
from plein.community.models import (
    Attachment,
    Comment,
    CommentQuerySet,
    Group,
    Moderation,
    Post,
    PostRevision,
    Reaction,
)
from plein.community.services import conversation, gate
from plein.community.services import groups as group_services
from plein.community.services import posts as post_services
from plein.community.services.feeds import decorate
from plein.community.services.gate import HELD_MESSAGE, Limits
from plein.community.views.feeds import (
    ReactionButton,
    prepare_cards,
    reaction_buttons,
    safe_next,
    video_embeds,
)
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

# --- Small helpers --------------------------------------------------------------------------


MAX_LISTED_REACTIONS = 1000


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _post_data(request: HttpRequest) -> tuple[QueryDict, MultiValueDict] | None:
    """The POST data, or None when the request body is over the server's limit."""
    try:
        return request.POST, request.FILES
    except RequestDataTooBig:
        return None


def _too_big_message(limit: int) -> str:
    return _("This is far too long: at most %(max)d characters are allowed.") % {"max": limit}


def _with_text_error[F: (PostForm, EditPostForm, CommentForm)](form: F, message: str) -> F:
    """An empty form that says what was wrong with the text that could not even be read."""
    form.full_clean()
    form.cleaned_data = {}
    form.add_error("text", message)
    return form


def get_post_for_viewer_or_404(viewer: Person, pk: int) -> Post:
    post = decorate(Post.objects.visible_to(viewer).filter(pk=pk), viewer).for_display().first()
    if post is None:
        raise Http404
    return post


def _visible_post_or_404(viewer: Person, pk: int) -> Post:
    post = Post.objects.visible_to(viewer).select_related("group").filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def joined_groups(viewer: Person) -> list[Group]:
    return list(Group.objects.joined_by(viewer).order_by("name"))


def add_service_error(
    form: PostForm | EditPostForm | CommentForm | ShareForm,
    error: ValidationError | PermissionDenied,
    *,
    file_names: Sequence[str] = (),
) -> None:
    """Show a service's message next to the field it is about (or above the form)."""
    if isinstance(error, ValidationError):
        gate.show_policy_notice(form, error)
    if isinstance(error, PermissionDenied):
        message = str(error) if error.args and str(error) != Perm.VIEW_INTERNAL.value else ""
        form.add_error(
            "group" if "group" in form.fields else None,
            message or _("You cannot do this here."),
        )
        return
    # The services say which part of the input a message is about with its code.
    fields_by_code = {
        "empty": "text",
        "too_long": "text",
        "text": "text",
        "policy_warn": "text",
        "policy_block": "text",
        "policy_hold": "text",
        "suspended": "",
    }
    for item in error.error_list if hasattr(error, "error_list") else [error]:
        message = " ".join(str(m) for m in item.messages)
        code = item.code or ""
        target: str | None = fields_by_code.get(code, code)
        if any(f"“{name}”" in message for name in file_names):
            target = "attachments"  # the attachment checks name the file they refuse
        if target not in form.fields:
            target = None
        form.add_error(target, message)


# --- Composing ------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def compose(request: HttpRequest) -> HttpResponse:
    """The composer's target. GET shows it on a page of its own (also the no-JS fallback)."""
    viewer = _viewer(request)
    groups = joined_groups(viewer)
    next_url = safe_next(request, reverse("community:home"))
    if request.method != "POST":
        initial = {
            "group": request.GET.get("group") or EVERYONE,
            "text": request.GET.get("text", ""),
        }
        form = PostForm(groups=groups, initial=initial)
        return render(request, "community/compose.html", {"form": form, "next_url": next_url})
    data = _post_data(request)
    if data is None:
        form = _with_text_error(PostForm(groups=groups), _too_big_message(Limits.POST))
        return render(request, "community/compose.html", {"form": form, "next_url": next_url})
    form = PostForm(data[0], data[1], groups=groups)
    if form.is_valid():
        files = form.cleaned_data["attachments"]
        uploads = [post_services.Upload(name=f.name or "file", file=f) for f in files]
        try:
            post = post_services.publish_post(
                viewer,
                form.cleaned_data["text"],
                group=form.cleaned_data["group"],
                kind=form.cleaned_data["kind"],
                project_status=form.cleaned_data["project_status"],
                uploads=uploads,
                confirmation=gate.confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error, file_names=[u.name for u in uploads])
        else:
            if post.moderation == Moderation.HELD:
                messages.info(request, HELD_MESSAGE)
                return redirect("community:post", pk=post.pk)
            messages.success(request, _("Your post has been published."))
            return redirect(f"{next_url}#post-{post.pk}")
    context = {"form": form, "next_url": next_url, "files_dropped": bool(data[1])}
    return render(request, "community/compose.html", context)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The text as it will be shown. htmx gets the fragment; without JS the composer page
    comes back with the preview above it."""
    data = _post_data(request)
    text = data[0].get("text", "") if data is not None else ""
    error = ""
    preview_html = ""
    if data is None or len(text) > Limits.POST:
        error = _("This text is %(length)d characters long; at most %(max)d are allowed.") % {
            "length": len(text) if data is not None else 0,
            "max": Limits.POST,
        }
        if data is None:
            error = _too_big_message(Limits.POST)
    elif not text.strip():
        error = _("Write something first.")
    else:
        preview_html = gate.render(text)
    context: dict[str, object] = {
        "preview_html": preview_html,
        "preview_error": error,
        "preview_videos": video_embeds(preview_html),
    }
    if _is_htmx(request):
        return render(request, "community/_composer.html#preview", context)
    viewer = _viewer(request)
    form = PostForm(data[0] if data is not None else None, groups=joined_groups(viewer))
    context |= {
        "form": form,
        "next_url": safe_next(request, reverse("community:home")),
        "show_preview": True,
        "files_dropped": bool(data and data[1]),
    }
    return render(request, "community/compose.html", context)


# --- Reading ---------------------------------------------------------------------------------


@dataclass
class CommentView:
    comment: Comment | None  # None: a deleted comment that still has replies
    reactions: list[ReactionButton] = field(default_factory=list)
    reaction_count: int = 0
    can_delete: bool = False
    replies: list["CommentView"] = field(default_factory=list)
    reply_form: CommentForm | None = None


def _decorate_comments(queryset: CommentQuerySet, viewer: Person) -> CommentQuerySet:
    counts = (
        Reaction.objects.filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mine = Reaction.objects.filter(comment=OuterRef("pk"), person=viewer).values("kind")[:1]
    return queryset.annotate(reaction_count=Subquery(counts), my_reaction=Subquery(mine))


def _comment_view(comment: Comment, viewer: Person, moderator: bool) -> CommentView:
    return CommentView(
        comment=comment,
        reactions=reaction_buttons(getattr(comment, "my_reaction", None)),
        reaction_count=getattr(comment, "reaction_count", None) or 0,
        can_delete=comment.author_id == viewer.pk or moderator,
    )


def comment_threads(viewer: Person, post: Post) -> list[CommentView]:
    """Top-level comments oldest first, each with its replies (one level), in one query."""
    comments = list(
        _decorate_comments(
            Comment.objects.in_thread_for(viewer, post).select_related(
                "author", "author__department"
            ),
            viewer,
        ).order_by("id")
    )
    moderator = can(viewer, Perm.MODERATE)
    threads: dict[int, CommentView] = {}
    order: list[int] = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = _comment_view(comment, viewer, moderator)
            order.append(comment.pk)
    for comment in comments:
        if comment.parent_id is not None:
            if comment.parent_id not in threads:
                threads[comment.parent_id] = CommentView(comment=None)
                order.append(comment.parent_id)
            threads[comment.parent_id].replies.append(_comment_view(comment, viewer, moderator))
    return [threads[pk] for pk in sorted(order)]


def conversation_parts(
    viewer: Person,
    post: Post,
    *,
    reply_form: CommentForm | None = None,
    reply_to: int | None = None,
) -> dict[str, Any]:
    """What every page that shows a post with its conversation needs (the community's post
    page, an article, an announcement): the card and `comment_parts`."""
    admin = post.group is not None and group_services.is_group_admin(post.group, viewer)
    card = prepare_cards(
        viewer,
        [post],
        admin_group_ids={post.group_id} if admin and post.group_id else set(),
        kind_counts=True,
    )[0]
    return {"card": card} | comment_parts(viewer, post, reply_form=reply_form, reply_to=reply_to)


def comment_parts(
    viewer: Person,
    post: Post,
    *,
    reply_form: CommentForm | None = None,
    reply_to: int | None = None,
    auto_id: str = "id_%s",
) -> dict[str, Any]:
    """The conversation under a post (community/_comments.html): the comment threads with a
    reply form each, the comment count and a fresh comment form (`auto_id` for its field ids,
    on a page with another form of the same fields)."""
    threads = comment_threads(viewer, post)
    for thread in threads:
        if thread.comment is None:
            continue
        if reply_to == thread.comment.pk and reply_form is not None:
            thread.reply_form = reply_form
        else:
            thread.reply_form = CommentForm(auto_id=f"reply-{thread.comment.pk}-%s")
        thread.reply_form.fields["text"].label = _("Your reply to %(name)s") % {
            "name": thread.comment.author.full_name
        }
    return {
        "post": post,
        "threads": threads,
        "comment_count": sum((1 if t.comment else 0) + len(t.replies) for t in threads),
        "comment_form": CommentForm(auto_id=auto_id),
    }


def _render_detail(
    request: HttpRequest,
    post: Post,
    *,
    comment_form: CommentForm | None = None,
    reply_form: CommentForm | None = None,
    reply_to: int | None = None,
) -> HttpResponse:
    context = conversation_parts(_viewer(request), post, reply_form=reply_form, reply_to=reply_to)
    context |= {
        "title": gate.plain_excerpt(post.body, 70)
        or _("Post by %(name)s") % {"name": post.author.full_name},
        "comment_form": comment_form or context["comment_form"],
        "reply_form": reply_form,
        "reply_to": reply_to,
        "form": comment_form if comment_form is not None and comment_form.errors else reply_form,
    }
    return render(request, "community/post_detail.html", context)


@permission_required(Perm.VIEW_INTERNAL)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    held = Post.objects.held_for_author(viewer).filter(pk=pk).select_related("group").first()
    if held is not None:
        # Only its author sees a held post: labelled, without comments or reactions.
        return render(request, "community/post_held.html", {"post": held})
    post = get_post_for_viewer_or_404(viewer, pk)
    # An article, question, … has its own page in its app.
    elsewhere = cards.detail_url(post)
    if elsewhere is not None:
        return redirect(elsewhere)
    return _render_detail(request, post)


@permission_required(Perm.VIEW_INTERNAL)
def comment_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    comment = Comment.objects.visible_to(_viewer(request)).filter(pk=pk).only("pk", "post").first()
    if comment is None:
        raise Http404
    return redirect(reverse("community:post", args=[comment.post_id]) + f"#comment-{comment.pk}")


@permission_required(Perm.VIEW_INTERNAL)
def reactions(request: HttpRequest, pk: int) -> HttpResponse:
    """Who reacted, per kind."""
    post = get_post_for_viewer_or_404(_viewer(request), pk)
    people: dict[str, list[Person]] = defaultdict(list)
    for reaction in (
        Reaction.objects.filter(post=post)
        .select_related("person", "person__department")
        .order_by("-created_at", "-id")[:MAX_LISTED_REACTIONS]
    ):
        people[reaction.kind].append(reaction.person)
    groups = [(label, people[kind]) for kind, label in Reaction.Kind.choices if people[kind]]
    return render(request, "community/reactions.html", {"post": post, "groups": groups})


@permission_required(Perm.VIEW_INTERNAL)
def attachment(request: HttpRequest, pk: int, variant: str) -> FileResponse:
    """A post's file, only for who may read the post (404 otherwise, as if it did not exist)."""
    if variant not in ("file", "thumb"):
        raise Http404
    item = (
        Attachment.objects.filter(pk=pk)
        .filter(Exists(Post.objects.visible_to(_viewer(request)).filter(pk=OuterRef("post_id"))))
        .only("kind", "file", "thumbnail", "original_name", "content_type")
        .first()
    )
    if item is None:
        raise Http404
    stored = item.file if variant == "file" else item.thumbnail
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    is_image = item.kind == Attachment.Kind.IMAGE
    response = FileResponse(
        handle,
        content_type="image/jpeg" if variant == "thumb" else item.content_type,
        as_attachment=not is_image,
        filename=item.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Changing a post -------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    post = Post.objects.held_for_author(viewer).filter(pk=pk).first() or _visible_post_or_404(
        viewer, pk
    )
    if post.author_id != viewer.pk:
        raise PermissionDenied
    # An article or a question is edited on its own app's page.
    elsewhere = cards.edit_url(post)
    if elsewhere is not None:
        return redirect(elsewhere)
    if request.method == "POST":
        data = _post_data(request)
        form = EditPostForm(data[0] if data else None)
        if data is None:
            form = _with_text_error(
                EditPostForm(initial={"text": post.body}), _too_big_message(Limits.POST)
            )
        elif form.is_valid():
            try:
                post_services.edit_post(
                    post,
                    form.cleaned_data["text"],
                    by=viewer,
                    confirmation=gate.confirmation_from(request.POST),
                )
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your post has been changed."))
                return redirect("community:post", pk=post.pk)
    else:
        form = EditPostForm(initial={"text": post.body})
    return render(request, "community/post_edit.html", {"post": post, "form": form})


def _may_remove(post: Post, viewer: Person) -> bool:
    if post.author_id == viewer.pk or can(viewer, Perm.MODERATE):
        return True
    return post.group is not None and group_services.is_group_admin(post.group, viewer)


@permission_required(Perm.VIEW_INTERNAL)
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes (the author) or removes (group admin, moderator)."""
    viewer = _viewer(request)
    post = get_post_for_viewer_or_404(viewer, pk)
    if not _may_remove(post, viewer):
        raise PermissionDenied
    default = (
        reverse("community:group", args=[post.group.slug])
        if post.group is not None
        else reverse("community:home")
    )
    if request.method == "POST":
        post_services.delete_post(post, by=viewer)
        if post.author_id == viewer.pk:
            messages.success(request, _("Your post has been deleted."))
        else:
            messages.success(request, _("The post has been removed."))
        next_url = safe_next(request, default)
        if next_url.split("#")[0] == reverse("community:post", args=[post.pk]):
            next_url = default
        return redirect(next_url)
    card = prepare_cards(viewer, [post], admin_group_ids=set())[0]
    return render(
        request,
        "community/post_delete.html",
        {"post": post, "card": card, "next_url": safe_next(request, default)},
    )


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def pin(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    post = _visible_post_or_404(viewer, pk)
    pinned = request.POST.get("pinned", "1") == "1"
    post_services.pin_post(post, by=viewer, pinned=pinned)
    messages.success(request, _("The post is pinned.") if pinned else _("The post is unpinned."))
    return redirect(safe_next(request, reverse("community:post", args=[post.pk])))


@permission_required(Perm.MODERATE)
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Earlier versions of an edited post: for moderators."""
    post = get_post_for_viewer_or_404(_viewer(request), pk)
    revisions = list(
        PostRevision.objects.filter(post=post).select_related("edited_by").order_by("-replaced_at")
    )
    return render(request, "community/post_history.html", {"post": post, "revisions": revisions})


@permission_required(Perm.VIEW_INTERNAL)
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share a post into a group (or with everyone), with a comment."""
    viewer = _viewer(request)
    post = get_post_for_viewer_or_404(viewer, pk)
    original = post
    if post.kind == Post.Kind.SHARE and post.shared_post_id:
        # Sharing a share passes on the original, when the viewer may see it.
        shared = Post.objects.visible_to(viewer).filter(pk=post.shared_post_id).exists()
        if shared and post.shared_post is not None:
            original = post.shared_post
    groups = joined_groups(viewer)
    form = ShareForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            new = post_services.share_post(
                original,
                by=viewer,
                group=form.cleaned_data["group"],
                text=form.cleaned_data["text"],
                confirmation=gate.confirmation_from(request.POST),
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            if new.moderation == Moderation.HELD:
                messages.info(request, HELD_MESSAGE)
                return redirect("community:post", pk=new.pk)
            messages.success(request, _("You shared the post."))
            return redirect("community:post", pk=new.pk)
    card = prepare_cards(viewer, [original], admin_group_ids=set())[0]
    return render(request, "community/share.html", {"post": original, "card": card, "form": form})


# --- Reactions, bookmarks ----------------------------------------------------------------------


def _reaction_change(request: HttpRequest, **target: Post | Comment) -> None:
    viewer = _viewer(request)
    if "remove" in request.POST:
        conversation.unreact(viewer, **target)  # type: ignore[arg-type]
        return
    kind = request.POST.get("add") or request.POST.get("kind", "")
    conversation.react(viewer, kind, **target)  # type: ignore[arg-type]


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or change one's reaction (`add=<kind>`), or take it back (`remove`). Adding the
    same reaction twice leaves one."""
    viewer = _viewer(request)
    post = _visible_post_or_404(viewer, pk)
    try:
        _reaction_change(request, post=post)
    except ValidationError as error:
        if _is_htmx(request):
            return HttpResponse(error.messages[0], status=400)
        messages.error(request, error.messages[0])
    if _is_htmx(request):
        fresh = decorate(Post.objects.visible_to(viewer).filter(pk=post.pk), viewer).get()
        with_counts = request.POST.get("counts") == "kinds"
        card = prepare_cards(viewer, [fresh], admin_group_ids=set(), kind_counts=with_counts)[0]
        return render(
            request,
            "community/_post.html#reactions",
            {
                "card": card,
                "post": fresh,
                "next_url": safe_next(request, ""),
                "counts": with_counts,
            },
        )
    default = reverse("community:post", args=[post.pk])
    return redirect(f"{safe_next(request, default).split('#')[0]}#post-{post.pk}")


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def react_comment(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    comment = Comment.objects.visible_to(viewer).filter(pk=pk).first()
    if comment is None:
        raise Http404
    try:
        _reaction_change(request, comment=comment)
    except ValidationError as error:
        if _is_htmx(request):
            return HttpResponse(error.messages[0], status=400)
        messages.error(request, error.messages[0])
    if _is_htmx(request):
        fresh = _decorate_comments(
            Comment.objects.visible_to(viewer).filter(pk=comment.pk), viewer
        ).get()
        view = _comment_view(fresh, viewer, can(viewer, Perm.MODERATE))
        return render(request, "community/_comments.html#comment-reactions", {"item": view})
    return redirect(reverse("community:post", args=[comment.post_id]) + f"#comment-{comment.pk}")


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    post = _visible_post_or_404(viewer, pk)
    saved = conversation.toggle_bookmark(viewer, post)
    if _is_htmx(request):
        return render(
            request,
            "community/_post.html#bookmark",
            {"post": post, "card": {"bookmarked": saved}, "next_url": safe_next(request, "")},
        )
    messages.success(
        request, _("Saved to your bookmarks.") if saved else _("Removed from your bookmarks.")
    )
    default = reverse("community:post", args=[post.pk])
    return redirect(f"{safe_next(request, default).split('#')[0]}#post-{post.pk}")


# --- Comments --------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment, or a reply when `parent` names a top-level comment. On an error the post
    comes back with the message on the form that was used; nothing is saved."""
    viewer = _viewer(request)
    post = get_post_for_viewer_or_404(viewer, pk)
    data = _post_data(request)
    raw_parent = (data[0].get("parent") or "") if data is not None else ""
    parent_id = int(raw_parent) if raw_parent.isdigit() else None
    # A reply form's fields have their own ids (see _comments.html), so errors link to them.
    auto_id = f"reply-{parent_id}-%s" if parent_id else "id_%s"
    form = CommentForm(data[0] if data is not None else None, auto_id=auto_id)
    if data is None:
        form = _with_text_error(CommentForm(auto_id=auto_id), _too_big_message(Limits.COMMENT))
    elif form.is_valid():
        parent = None
        if parent_id:
            parent = Comment.objects.visible_to(viewer).filter(pk=parent_id, post=post).first()
            if parent is None:
                form.add_error("text", _("You can only reply to a comment on this post."))
        if not form.errors:
            try:
                new = conversation.add_comment(
                    post,
                    viewer,
                    form.cleaned_data["text"],
                    parent=parent,
                    confirmation=gate.confirmation_from(request.POST),
                )
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error)
            else:
                if new.moderation == Moderation.HELD:
                    messages.info(request, HELD_MESSAGE)
                    return redirect(reverse("community:post", args=[post.pk]) + "#comments")
                return redirect(reverse("community:post", args=[post.pk]) + f"#comment-{new.pk}")
    if parent_id:
        return _render_detail(request, post, reply_form=form, reply_to=parent_id)
    return _render_detail(request, post, comment_form=form)


@permission_required(Perm.VIEW_INTERNAL)
def delete_comment(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    item = Comment.objects.visible_to(viewer).select_related("author", "post").filter(pk=pk).first()
    if item is None:
        raise Http404
    if item.author_id != viewer.pk and not can(viewer, Perm.MODERATE):
        raise PermissionDenied
    if request.method == "POST":
        conversation.delete_comment(item, by=viewer)
        messages.success(request, _("The comment has been deleted."))
        return redirect(reverse("community:post", args=[item.post_id]) + "#comments")
    return render(request, "community/comment_delete.html", {"comment": item})
