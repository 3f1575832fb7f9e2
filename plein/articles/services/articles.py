"""Writing articles: drafts, images, publication (now or scheduled), edits and deletion.

A draft and a scheduled article belong to their author alone. Publishing makes the article's
`Post` (kind ARTICLE) through the community's `publish_post`, so the group check, the content
gate, the feeds, comments and reactions are the community's; the post's text is the intro (or
the opening of the article) with the article's #topics.

Every text passes the content gate on every save and again at publication (the rules may have
changed while it waited). Errors are raised as `ValidationError({field: [messages]})` with the
fields of `forms.ArticleForm`, so a view can put each message next to its field.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.articles.models import Article, ArticleImage, ArticleRevision, Limits
from plein.articles.services import indexing
from plein.articles.services.render import RenderedArticle, excerpt, render_article
from plein.community.models import Follow, Group, Membership, Post
from plein.community.services import groups as group_services
from plein.community.services import posts as post_services
from plein.community.services.attachments import ProcessedFile, process_upload
from plein.community.services.gate import (
    MENTION,
    TOPIC,
    GatedText,
    confirm_warnings,
    pass_gate,
    plain_excerpt,
    policy_error_in,
    topic_slug,
)
from plein.community.services.posts import Upload
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.people.permissions import Perm, can

logger = logging.getLogger(__name__)

MAX_TOPICS_ON_CARD = 8


@dataclass
class ArticleInput:
    title: str
    body: str
    intro: str = ""
    group: Group | None = None
    leaders_blog: bool = False
    cover: Upload | None = None
    cover_alt: str = ""
    remove_cover: bool = False
    confirmation: str = ""  # the token of a policy warning the author chose to post anyway


@dataclass
class _Checked:
    title: str
    intro: GatedText
    body: GatedText
    rendered: RenderedArticle
    mentioned: list[Person]
    cover: ProcessedFile | None


class _Errors:
    """Messages per form field, raised together so the author sees every problem at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}
        self.policy: ValidationError | None = None  # the gate's error: the view shows its notice

    def add(self, field: str, error: ValidationError | PermissionDenied | str) -> None:
        if isinstance(error, ValidationError):
            messages = error.messages
            if self.policy is None and policy_error_in(error) is not None:
                self.policy = error
        elif isinstance(error, PermissionDenied):
            messages = [str(error) or _("You cannot do this.")]
        else:
            messages = [error]
        self.by_field.setdefault(field, []).extend(messages)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field) from self.policy


def article_url(article: Article) -> str:
    return reverse("articles:detail", args=[article.pk])


def _gate(
    errors: _Errors,
    field: str,
    text: str,
    author: Person,
    *,
    confirmation: str | None,
    **limits: int | bool,
) -> GatedText:
    """`confirmation` None: warnings do not stop this check (a draft only the author sees, a
    publication scheduled after its warnings were confirmed)."""
    if confirmation is None:
        confirmation = confirm_warnings(text, author)
    try:
        return pass_gate(text, author=author, confirmation=confirmation, **limits)  # type: ignore[arg-type]
    except ValidationError as error:
        errors.add(field, error)
        return GatedText(markdown="", html="")


def _require_author(article: Article, person: Person) -> None:
    if article.author_id != person.pk:
        raise PermissionDenied(_("Only the author can do this."))


def _check(
    author: Person,
    data: ArticleInput,
    article: Article | None,
    *,
    for_publication: bool,
    check_group: bool = True,
    confirmation: str | None = None,
) -> _Checked:
    """Check everything before anything is written. Raises ValidationError per field.
    `confirmation` None accepts the policy's warnings (see `_gate`)."""
    errors = _Errors()
    if not can(author, Perm.VIEW_INTERNAL):
        raise PermissionDenied
    title_text = " ".join(data.title.split())
    if for_publication and not title_text:
        errors.add("title", _("Give the article a title."))
    confirm = confirmation if for_publication else None
    title = _gate(
        errors,
        "title",
        title_text,
        author,
        confirmation=confirm,
        max_length=Limits.TITLE,
        allow_empty=True,
    )
    intro = _gate(
        errors,
        "intro",
        data.intro,
        author,
        confirmation=confirm,
        max_length=Limits.INTRO,
        allow_empty=True,
    )
    body = _gate(
        errors,
        "body",
        data.body,
        author,
        confirmation=confirm,
        max_length=Limits.ARTICLE,
        allow_empty=not for_publication,
    )
    mentioned: list[Person] = []
    if body.markdown:
        try:
            mentioned, _groups = post_services.resolve_mentions(body, author)
        except ValidationError as error:
            errors.add("body", error)
    images = {image.pk: image for image in article.images.all()} if article else {}
    rendered = render_article(body.markdown, images)
    if rendered.unknown_images:
        errors.add(
            "body",
            _(
                "The text shows an image that is not part of this article (%(reference)s). "
                "Add the image with “Add an image” and use the line it gives you."
            )
            % {"reference": rendered.unknown_images[0][:80]},
        )
    if (
        check_group
        and data.group is not None
        and not group_services.is_active_member(data.group, author)
    ):
        errors.add("group", _("Join the group to publish in it."))
    if data.leaders_blog and not can(author, Perm.WRITE_LEADERS_BLOG):
        errors.add(
            "leaders_blog",
            _("Only managers and culture carriers write in the leaders’ corner."),
        )
    cover: ProcessedFile | None = None
    if data.cover is not None:
        try:
            cover = process_upload(data.cover.file, data.cover.name)
        except ValidationError as error:
            errors.add("cover", error)
        else:
            if cover.kind != "image":
                errors.add("cover", _("The cover must be a photo or an image."))
                cover = None
    has_cover = cover is not None or (
        article is not None and bool(article.cover) and not data.remove_cover
    )
    if has_cover and not data.cover_alt.strip():
        errors.add(
            "cover_alt",
            _("Describe the cover image for colleagues who cannot see it."),
        )
    if len(data.cover_alt) > Limits.ALT_TEXT:
        errors.add(
            "cover_alt",
            _("Keep the description under %(max)d characters.") % {"max": Limits.ALT_TEXT},
        )
    errors.raise_any()
    return _Checked(
        title=title.markdown,
        intro=intro,
        body=body,
        rendered=rendered,
        mentioned=mentioned,
        cover=cover,
    )


def _save_cover(article: Article, checked: _Checked, data: ArticleInput) -> None:
    if checked.cover is not None:
        _delete_files(article.cover, article.cover_thumbnail)
        processed = checked.cover
        article.cover.save(processed.file.name or "cover.jpg", processed.file, save=False)
        if processed.thumbnail is not None:
            article.cover_thumbnail.save(
                processed.thumbnail.name or "cover-thumb.jpg", processed.thumbnail, save=False
            )
        article.cover_width, article.cover_height = processed.width, processed.height
    elif data.remove_cover and article.cover:
        _delete_files(article.cover, article.cover_thumbnail)
        article.cover = article.cover_thumbnail = None
        article.cover_width = article.cover_height = None
    article.cover_alt = " ".join(data.cover_alt.split()) if article.cover else ""


def _delete_files(*files: object) -> None:
    for stored in files:
        if stored:
            try:
                stored.delete(save=False)  # type: ignore[attr-defined]
            except OSError:
                logger.warning("could not delete an article file", exc_info=True)


def _apply(article: Article, checked: _Checked, data: ArticleInput) -> None:
    article.title = checked.title
    article.intro = checked.intro.markdown
    article.intro_html = checked.intro.html
    article.body = checked.body.markdown
    article.body_html = checked.rendered.html
    article.word_count = checked.rendered.word_count
    article.leaders_blog = data.leaders_blog
    article.updated_at = timezone.now()
    _save_cover(article, checked, data)


def save_draft(author: Person, data: ArticleInput, *, article: Article | None = None) -> Article:
    """Create a draft, or save the text of one's draft or scheduled article."""
    if article is not None:
        _require_author(article, author)
        if article.is_published:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("This article is published: save your changes instead.")]}
            )
    checked = _check(author, data, article, for_publication=False)
    with transaction.atomic():
        if article is None:
            article = Article(author=author)
        _apply(article, checked, data)
        article.group = data.group
        article.save()
    return article


def add_image(article: Article, *, by: Person, upload: Upload, alt: str) -> ArticleImage:
    """Upload an image for the article's text. Its description is required."""
    _require_author(article, by)
    errors = _Errors()
    alt = " ".join((alt or "").split())
    if not alt:
        errors.add("image_alt", _("Describe the image for colleagues who cannot see it."))
    elif len(alt) > Limits.ALT_TEXT:
        errors.add(
            "image_alt",
            _("Keep the description under %(max)d characters.") % {"max": Limits.ALT_TEXT},
        )
    if article.images.count() >= Limits.IMAGES_PER_ARTICLE:
        errors.add(
            "image",
            _("An article has at most %(count)d images.") % {"count": Limits.IMAGES_PER_ARTICLE},
        )
    processed: ProcessedFile | None = None
    try:
        processed = process_upload(upload.file, upload.name)
    except ValidationError as error:
        errors.add("image", error)
    if processed is not None and processed.kind != "image":
        errors.add("image", _("Only photos and images can be shown in the text."))
    errors.raise_any()
    assert processed is not None
    image = ArticleImage(
        article=article,
        alt=alt,
        original_name=processed.original_name,
        width=processed.width,
        height=processed.height,
    )
    image.file.save(processed.file.name or "image.jpg", processed.file, save=False)
    if processed.thumbnail is not None:
        image.thumbnail.save(
            processed.thumbnail.name or "thumb.jpg", processed.thumbnail, save=False
        )
    image.save()
    return image


def remove_image(image: ArticleImage, *, by: Person) -> None:
    """Remove an image; the text keeps its description where the image was."""
    article = image.article
    _require_author(article, by)
    with transaction.atomic():
        image.delete()
        images = {i.pk: i for i in article.images.all()}
        rendered = render_article(article.body, images)
        Article.objects.filter(pk=article.pk).update(
            body_html=rendered.html, word_count=rendered.word_count
        )
        transaction.on_commit(lambda: _delete_files(image.file, image.thumbnail))


# --- Publication --------------------------------------------------------------------------------


def _input_of(article: Article) -> ArticleInput:
    return ArticleInput(
        title=article.title,
        body=article.body,
        intro=article.intro,
        group=article.group,
        leaders_blog=article.leaders_blog,
        cover_alt=article.cover_alt,
    )


def post_text(article: Article, checked: _Checked) -> str:
    """What the article's post says in the feed: the intro, or the opening of the article,
    with the article's #topics so the post is found under them."""
    lead = checked.intro.markdown or excerpt(checked.rendered.html) or article.title
    present = {topic_slug(match["name"]) for match in TOPIC.finditer(lead)}
    extra = [name for name in checked.body.topic_names if topic_slug(name) not in present]
    if extra:
        lead += "\n\n" + " ".join(f"#{name}" for name in extra[:MAX_TOPICS_ON_CARD])
    return lead


def _new_article_recipients(article: Article) -> list[int]:
    """A group article: the group's members. One for everyone: the author's followers."""
    if article.group_id is not None:
        return list(
            Membership.objects.filter(
                group_id=article.group_id, state=Membership.State.ACTIVE
            ).values_list("person_id", flat=True)
        )
    return list(
        Follow.objects.filter(person_id=article.author_id).values_list("follower_id", flat=True)
    )


def _notify_published(article: Article, checked: _Checked, post: Post) -> None:
    url = article_url(article)
    summary = plain_excerpt(checked.intro.markdown or excerpt(article.body_html), 200)
    notify(
        _new_article_recipients(article),
        kind=Kind.NEW_ARTICLE,
        actor=article.author,
        url=url,
        title=article.title,
        excerpt=summary,
        post=post,
        thread_key=f"article:{article.pk}",
    )
    _notify_mentions(
        article, checked.mentioned, post, exclude=set(checked.intro.mentioned_person_ids)
    )


def _notify_mentions(
    article: Article, people: list[Person], post: Post, *, exclude: set[int]
) -> None:
    """People mentioned in the article's text (the intro's mentions are the post's, and the
    notifications app tells them already)."""
    notify(
        [person for person in people if person.pk not in exclude],
        kind=Kind.MENTION,
        actor=article.author,
        url=article_url(article),
        title=article.title,
        post=post,
        thread_key=f"post:{post.pk}",
    )


def _publish(
    article: Article, *, scheduled_by: datetime | None = None, confirmation: str = ""
) -> Article | None:
    """Publish; with `scheduled_by`, only a scheduled article that is due by then (its policy
    warnings were confirmed when it was scheduled). Returns None when there was nothing (more)
    to do: a second run publishes nothing twice."""
    author = article.author
    checked = _check(
        author,
        _input_of(article),
        article,
        for_publication=True,
        confirmation=None if scheduled_by is not None else confirmation,
    )
    with transaction.atomic():
        # The row lock (and SQLite's immediate write lock) makes a concurrent second run wait
        # and then see the article published.
        locked = Article.objects.select_for_update().filter(pk=article.pk).first()
        if locked is None or locked.state == Article.State.PUBLISHED:
            return None
        if scheduled_by is not None and (
            locked.state != Article.State.SCHEDULED
            or locked.publish_at is None
            or locked.publish_at > scheduled_by
        ):
            return None
        try:
            text = post_text(article, checked)
            post = post_services.publish_post(
                author,
                text,
                group=article.group,
                kind=Post.Kind.ARTICLE,
                # Made of the title and intro, whose warnings were confirmed just now.
                confirmation=confirm_warnings(text, author),
            )
        except PermissionDenied as error:
            raise ValidationError(
                {"group": [str(error) or _("You cannot publish here.")]}
            ) from error
        except ValidationError as error:
            raise ValidationError({"intro": error.messages}) from error
        _apply(article, checked, _input_of(article))
        article.post = post
        article.state = Article.State.PUBLISHED
        article.published_at = post.created_at
        article.publish_at = None
        article.publish_problem = ""
        article.save()
        indexing.index_article(article)
        _notify_published(article, checked, post)
    return article


def publish_article(article: Article, *, by: Person, confirmation: str = "") -> Article:
    _require_author(article, by)
    if article.is_published:
        raise ValidationError({NON_FIELD_ERRORS: [_("This article is already published.")]})
    published = _publish(article, confirmation=confirmation)
    if published is None:
        raise ValidationError({NON_FIELD_ERRORS: [_("This article is already published.")]})
    return published


def schedule_article(
    article: Article, *, by: Person, publish_at: datetime, confirmation: str = ""
) -> Article:
    """Publish later. Everything is checked now too, so the author hears of problems at once."""
    _require_author(article, by)
    if article.is_published:
        raise ValidationError({NON_FIELD_ERRORS: [_("This article is already published.")]})
    if publish_at <= timezone.now():
        raise ValidationError({"publish_at": [_("Choose a moment in the future.")]})
    _check(by, _input_of(article), article, for_publication=True, confirmation=confirmation)
    with transaction.atomic():
        article.state = Article.State.SCHEDULED
        article.publish_at = publish_at
        article.publish_problem = ""
        article.save(update_fields=["state", "publish_at", "publish_problem"])
        article_id = article.pk
        transaction.on_commit(lambda: _enqueue_publication(article_id, publish_at), robust=True)
    return article


def _enqueue_publication(article_id: int, publish_at: datetime) -> None:
    # The task module imports these services: imported here, when the task is wanted.
    from plein.articles.tasks import publish_scheduled_article_task

    publish_scheduled_article_task.using(run_after=publish_at).enqueue(article_id)


def unschedule_article(article: Article, *, by: Person) -> Article:
    _require_author(article, by)
    Article.objects.filter(pk=article.pk, state=Article.State.SCHEDULED).update(
        state=Article.State.DRAFT, publish_at=None
    )
    article.refresh_from_db()
    return article


def publish_scheduled_article(article_id: int, *, now: datetime | None = None) -> bool:
    """The worker's side of a scheduled article. Safe to run twice and to run early: it
    publishes only a scheduled article that is due, once. An article that can no longer be
    published (the author left the group, the text breaks a rule) goes back to the drafts
    with the reason."""
    now = now or timezone.now()
    article = (
        Article.objects.select_related("author", "group")
        .filter(pk=article_id, state=Article.State.SCHEDULED, publish_at__lte=now)
        .first()
    )
    if article is None:
        return False
    with translation.override(article.author.language):
        try:
            return _publish(article, scheduled_by=now) is not None
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(
                error.messages if isinstance(error, ValidationError) else [str(error)]
            )
            Article.objects.filter(pk=article.pk, state=Article.State.SCHEDULED).update(
                state=Article.State.DRAFT,
                publish_at=None,
                publish_problem=(problem or _("It could not be published."))[:500],
            )
            return False


def publish_due_articles(*, now: datetime | None = None) -> int:
    """Every scheduled article that is due (the periodic job; also catches a lost task)."""
    now = now or timezone.now()
    due = Article.objects.filter(state=Article.State.SCHEDULED, publish_at__lte=now)
    return sum(
        publish_scheduled_article(pk, now=now)
        for pk in due.order_by("publish_at").values_list("pk", flat=True)[:500]
    )


# --- After publication ------------------------------------------------------------------------


def edit_article(article: Article, data: ArticleInput, *, by: Person) -> Article:
    """Change a published article. The earlier title and text are kept (ArticleRevision); the
    post's intro changes through the community's edit (which keeps its own history)."""
    _require_author(article, by)
    if not article.is_published or article.post is None or article.post.deleted_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: [_("This article is not published.")]})
    # The group stays (a post moves with the community's move); a published article may be
    # corrected by its author even after they left the group, as a post may.
    checked = _check(
        by, data, article, for_publication=True, check_group=False, confirmation=data.confirmation
    )
    post = article.post
    with transaction.atomic():
        if article.title != checked.title or article.body != checked.body.markdown:
            ArticleRevision.objects.create(
                article=article, title=article.title, body=article.body, edited_by=by
            )
        before = {int(m["id"]) for m in MENTION.finditer(article.body) if m["kind"] == "p"}
        _apply(article, checked, data)
        article.edited_at = timezone.now()
        article.save()
        text = post_text(article, checked)
        if text != post.body:
            post_services.edit_post(post, text, by=by, confirmation=confirm_warnings(text, by))
        indexing.index_article(article)
        newly = [p for p in checked.mentioned if p.pk not in before]
        _notify_mentions(article, newly, post, exclude=set(checked.intro.mentioned_person_ids))
    return article


def delete_article(article: Article, *, by: Person) -> None:
    """A draft is deleted with its images. A published article is removed as its post is (by
    the author, a moderator or the group's admin): it disappears everywhere at once."""
    if article.is_published and article.post is not None:
        post_services.delete_post(article.post, by=by)  # PostRemoved: search forgets it
        return
    _require_author(article, by)
    files = [article.cover, article.cover_thumbnail]
    for image in article.images.all():
        files += [image.file, image.thumbnail]
    with transaction.atomic():
        article.delete()
        transaction.on_commit(lambda: _delete_files(*files))
