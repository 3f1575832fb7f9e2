"""Articles: the index, one's own articles, the editor, the article page, images and covers.

A draft or scheduled article is readable by its author only (404 for anyone else, as if it did
not exist); a published one by whoever may read its post. Writes go through
`plein.articles.services.articles`; comments and reactions go to the community's URLs (the
article page includes the community's conversation partials).
"""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.articles.forms import LATER, ArticleForm
from plein.articles.models import Article, ArticleImage, ArticleRevision, Limits
from plein.articles.services import articles as article_services
from plein.articles.services.articles import ArticleInput
from plein.articles.services.render import render_article
from plein.articles.views.common import before_cursor, more_url, table_of_contents
from plein.community.models import Group, Membership
from plein.community.services.gate import confirmation_from, show_policy_notice
from plein.community.services.posts import Upload
from plein.community.views.posts import (
    conversation_parts,
    get_post_for_viewer_or_404,
    joined_groups,
)
from plein.notifications.services import mark_read_about
from plein.people.models import Person
from plein.people.permissions import Perm, can, permission_required

PAGE_SIZE = 20
MAX_OWN_PUBLISHED = 50


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _readable_or_404(viewer: Person, pk: int) -> Article:
    article = Article.objects.readable_by(viewer).for_display().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def _own_or_404(viewer: Person, pk: int) -> Article:
    article = _readable_or_404(viewer, pk)
    if article.author_id != viewer.pk:
        raise PermissionDenied
    return article


# --- Lists ----------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def index(request: HttpRequest) -> HttpResponse:
    """Published articles the viewer may read, newest first (keyset on the post id)."""
    viewer = _viewer(request)
    leaders_only = request.GET.get("show") == "leaders"
    articles = Article.objects.visible_to(viewer).for_display()
    if leaders_only:
        articles = articles.filter(leaders_blog=True)
    before = before_cursor(request)
    if before:
        articles = articles.filter(post_id__lt=before)
    page = list(articles.order_by("-post_id")[: PAGE_SIZE + 1])
    next_cursor = page[PAGE_SIZE - 1].post_id if len(page) > PAGE_SIZE else None
    unpublished = Article.objects.filter(author=viewer).exclude(state=Article.State.PUBLISHED)
    return render(
        request,
        "articles/index.html",
        {
            "articles": page[:PAGE_SIZE],
            "leaders_only": leaders_only,
            "more_url": more_url(request, next_cursor),
            "draft_count": unpublished.count(),
            "is_later_page": before is not None,
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
def mine(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    own = Article.objects.filter(author=viewer).select_related("group", "post")
    unpublished = list(own.exclude(state=Article.State.PUBLISHED).order_by("-updated_at"))
    published = list(
        own.filter(state=Article.State.PUBLISHED, post__deleted_at__isnull=True).order_by(
            "-post_id"
        )[:MAX_OWN_PUBLISHED]
    )
    return render(
        request,
        "articles/mine.html",
        {
            "drafts": [a for a in unpublished if a.state == Article.State.DRAFT],
            "scheduled": [a for a in unpublished if a.state == Article.State.SCHEDULED],
            "published": published,
        },
    )


# --- Reading --------------------------------------------------------------------------------


@permission_required(Perm.VIEW_INTERNAL)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    article = _readable_or_404(viewer, pk)
    context: dict[str, Any] = {
        "article": article,
        "toc": table_of_contents(article.body_html),
        "is_author": article.author_id == viewer.pk,
    }
    if not article.is_published or article.post is None:
        return render(request, "articles/detail.html", context)
    post = get_post_for_viewer_or_404(viewer, article.post_id)  # type: ignore[arg-type]
    mark_read_about(viewer, post)
    context |= conversation_parts(viewer, post)
    context |= {
        "can_remove": context["card"].can_remove,
        "can_see_history": can(viewer, Perm.MODERATE) and article.edited_at is not None,
        "next_url": request.get_full_path(),
        "counts": True,
    }
    return render(request, "articles/detail.html", context)


@permission_required(Perm.MODERATE)
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Earlier titles and texts of an edited article: for moderators."""
    article = _readable_or_404(_viewer(request), pk)
    revisions = list(
        ArticleRevision.objects.filter(article=article)
        .select_related("edited_by")
        .order_by("-replaced_at", "-id")
    )
    return render(request, "articles/history.html", {"article": article, "revisions": revisions})


def _serve(stored: object, name: str) -> FileResponse:
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")  # type: ignore[attr-defined]
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg", filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@permission_required(Perm.VIEW_INTERNAL)
def image(request: HttpRequest, pk: int, variant: str) -> FileResponse:
    """An image in an article, for who may read the article (404 otherwise)."""
    if variant not in ("file", "thumb"):
        raise Http404
    readable = Article.objects.readable_by(_viewer(request)).filter(pk=OuterRef("article_id"))
    item = ArticleImage.objects.filter(pk=pk).filter(Exists(readable)).first()
    if item is None:
        raise Http404
    return _serve(item.file if variant == "file" else item.thumbnail, item.original_name)


@permission_required(Perm.VIEW_INTERNAL)
def cover(request: HttpRequest, pk: int, variant: str) -> FileResponse:
    if variant not in ("file", "thumb"):
        raise Http404
    article = (
        Article.objects.readable_by(_viewer(request))
        .filter(pk=pk)
        .only("pk", "cover", "cover_thumbnail")
        .first()
    )
    if article is None:
        raise Http404
    return _serve(article.cover if variant == "file" else article.cover_thumbnail, "cover.jpg")


# --- Writing --------------------------------------------------------------------------------


def _add_service_error(form: ArticleForm, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        show_policy_notice(form, error, fallback="body")
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You cannot do this here."))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target if field != NON_FIELD_ERRORS else None, message)


def _input(form: ArticleForm, article: Article | None) -> ArticleInput:
    data = form.cleaned_data
    cover_file = data.get("cover")
    return ArticleInput(
        title=data.get("title", ""),
        body=data.get("body", ""),
        intro=data.get("intro", ""),
        group=data.get("group") if "group" in form.fields else (article.group if article else None),
        leaders_blog=bool(data.get("leaders_blog"))
        if "leaders_blog" in form.fields
        else bool(article and article.leaders_blog),
        cover=Upload(cover_file.name or "cover", cover_file) if cover_file else None,
        cover_alt=data.get("cover_alt", ""),
        remove_cover=bool(data.get("remove_cover")),
        confirmation=confirmation_from(form.data),
    )


def _initial(article: Article) -> dict[str, object]:
    return {
        "title": article.title,
        "intro": article.intro,
        "body": article.body,
        "group": str(article.group_id) if article.group_id else "everyone",
        "leaders_blog": article.leaders_blog,
        "cover_alt": article.cover_alt,
        "when": LATER if article.state == Article.State.SCHEDULED else "now",
        "publish_at": article.publish_at,
    }


def _editor_groups(viewer: Person, article: Article | None) -> list[Group]:
    groups = joined_groups(viewer)
    # A draft for a group the author has since left keeps its choice visible (the service then
    # says why it cannot be published there).
    if article is not None and article.group is not None and article.group not in groups:
        groups.append(article.group)
    return groups


def _render_editor(
    request: HttpRequest,
    form: ArticleForm,
    article: Article | None,
    *,
    preview_html: str = "",
    files_dropped: bool = False,
) -> HttpResponse:
    images = list(article.images.all()) if article is not None else []
    return render(
        request,
        "articles/editor.html",
        {
            "form": form,
            "article": article,
            "images": images,
            "preview_html": preview_html,
            "files_dropped": files_dropped,
            "limit": Limits.ARTICLE,
        },
    )


@permission_required(Perm.VIEW_INTERNAL)
def editor(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write or change an article. One form, several buttons (`action`): save the draft,
    preview, add an image, publish (now or later) or, once published, save the changes."""
    viewer = _viewer(request)
    article = _own_or_404(viewer, pk) if pk is not None else None
    published = article is not None and article.is_published
    groups = _editor_groups(viewer, article) if not published else []
    may_blog = can(viewer, Perm.WRITE_LEADERS_BLOG) or bool(article and article.leaders_blog)

    def make_form(*args: object, **kwargs: object) -> ArticleForm:
        return ArticleForm(*args, groups=groups, may_blog=may_blog, published=published, **kwargs)

    if request.method != "POST":
        initial = _initial(article) if article is not None else {}
        if article is None and request.GET.get("group", "").isdigit():
            initial["group"] = request.GET["group"]
        return _render_editor(request, make_form(initial=initial), article)
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        form = make_form(initial=_initial(article) if article else {})
        form.full_clean()
        form.add_error(None, _("This is far too long to be saved. Shorten the text."))
        return _render_editor(request, form, article)
    form = make_form(data, files)
    # "Post anyway" (a confirmed policy warning) is only offered when publishing.
    action = data.get("action") or ("publish" if confirmation_from(data) else "draft")
    if not form.is_valid():
        return _render_editor(request, form, article, files_dropped=bool(files))
    if action == "preview":
        images = {i.pk: i for i in article.images.all()} if article else {}
        text = form.cleaned_data.get("body", "")
        preview = render_article(text[: Limits.ARTICLE], images)
        return _render_editor(
            request, form, article, preview_html=preview.html, files_dropped=bool(files)
        )
    try:
        if published:
            assert article is not None
            article_services.edit_article(article, _input(form, article), by=viewer)
            messages.success(request, _("Your changes have been published."))
            return redirect("articles:detail", pk=article.pk)
        article = article_services.save_draft(viewer, _input(form, article), article=article)
        if action == "image":
            return _add_image(request, form, article)
        if action == "publish":
            if form.cleaned_data.get("when") == LATER:
                article_services.schedule_article(
                    article,
                    by=viewer,
                    publish_at=form.cleaned_data["publish_at"],
                    confirmation=confirmation_from(request.POST),
                )
                messages.success(request, _("Your article is scheduled."))
                return redirect("articles:mine")
            article_services.publish_article(
                article, by=viewer, confirmation=confirmation_from(request.POST)
            )
            messages.success(request, _("Your article has been published."))
            return redirect("articles:detail", pk=article.pk)
    except (ValidationError, PermissionDenied) as error:
        _add_service_error(form, error)
        return _render_editor(request, form, article, files_dropped=bool(files))
    messages.success(request, _("Your draft has been saved. Only you can see it."))
    return redirect("articles:edit", pk=article.pk)


def _add_image(request: HttpRequest, form: ArticleForm, article: Article) -> HttpResponse:
    """The draft is saved; now the image, and its line at the end of the text."""
    upload = form.cleaned_data.get("image")
    if not upload:
        form.add_error("image", _("Choose an image to add."))
        return _render_editor(request, form, article)
    try:
        image = article_services.add_image(
            article,
            by=_viewer(request),
            upload=Upload(upload.name or "image", upload),
            alt=form.cleaned_data.get("image_alt", ""),
        )
    except ValidationError as error:
        _add_service_error(form, error)
        return _render_editor(request, form, article)
    body = (article.body.rstrip() + "\n\n" + image.markdown).strip()
    article_services.save_draft(
        _viewer(request),
        ArticleInput(
            title=article.title,
            body=body,
            intro=article.intro,
            group=article.group,
            leaders_blog=article.leaders_blog,
            cover_alt=article.cover_alt,
        ),
        article=article,
    )
    messages.success(
        request,
        _(
            "The image has been added at the end of the text. Move its line to where the image "
            "belongs."
        ),
    )
    return redirect("articles:edit", pk=article.pk)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def remove_image(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    viewer = _viewer(request)
    article = _own_or_404(viewer, pk)
    item = article.images.filter(pk=image_pk).first()
    if item is None:
        raise Http404
    article_services.remove_image(item, by=viewer)
    messages.success(
        request,
        _("The image has been removed. Its description stays in the text until you remove it."),
    )
    return redirect("articles:edit", pk=article.pk)


@permission_required(Perm.VIEW_INTERNAL)
@require_POST
def unschedule(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    article = _own_or_404(viewer, pk)
    article_services.unschedule_article(article, by=viewer)
    messages.success(request, _("The article will not be published: it is a draft again."))
    return redirect("articles:edit", pk=article.pk)


def _may_delete(article: Article, viewer: Person) -> bool:
    if article.author_id == viewer.pk:
        return True
    if not article.is_published:
        return False
    if can(viewer, Perm.MODERATE):
        return True
    return (
        article.group_id is not None
        and Membership.objects.filter(
            group_id=article.group_id,
            person=viewer,
            state=Membership.State.ACTIVE,
            role=Membership.Role.ADMIN,
        ).exists()
    )


@permission_required(Perm.VIEW_INTERNAL)
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes (the author) or removes (a moderator, a group admin)."""
    viewer = _viewer(request)
    article = _readable_or_404(viewer, pk)
    if not _may_delete(article, viewer):
        raise PermissionDenied
    if request.method == "POST":
        article_services.delete_article(article, by=viewer)
        if article.author_id == viewer.pk:
            messages.success(request, _("Your article has been deleted."))
            return redirect("articles:mine")
        messages.success(request, _("The article has been removed."))
        return redirect("articles:index")
    return render(request, "articles/delete.html", {"article": article})
