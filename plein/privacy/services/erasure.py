"""Erasure ("the right to be forgotten"), at the person's request or at offboarding.

What goes: the profile (name, photo, contact details, bio, skills, department...), the
person's own top-level posts of every kind except announcements (sent on behalf of the
organisation), their articles and drafts, their questions to the board, their reactions,
follows, bookmarks, memberships, notifications and settings, exports, consents, sign-in records,
second factors, API tokens and sessions.

What stays, pseudonymised: comments and answers in other people's threads (removing them would
tear holes in conversations others took part in), answers given on behalf of the board,
announcements, votes in others' polls and questions (they are part of others' results). They read
"former colleague" everywhere, because the name is gone from the person's row
(`Person.full_name` says "former colleague" once `erased_at` is set) and every mention of the
person written into someone's text (and so into its rendered HTML, the search index and
notification excerpts) is rewritten to the same words.

One transaction; a second erasure of the same person is a no-op.
"""

import html
import logging
import re
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.api.models import ApiToken
from plein.articles.models import Article, ArticleImage, BoardQuestion
from plein.community.models import (
    Attachment,
    Bookmark,
    Comment,
    Follow,
    Membership,
    Mention,
    Post,
    Reaction,
)
from plein.community.services.gate import MENTION
from plein.community.services.posts import delete_post
from plein.notifications.models import (
    DigestRun,
    GroupMute,
    MailSettings,
    Notification,
    NotificationPreference,
)
from plein.people.models import Invitation, Person, PersonRole
from plein.people.permissions import Perm, can
from plein.people.services.lifecycle import end_all_sessions
from plein.privacy.models import AuditEntry, Consent
from plein.privacy.services.audit import record_access
from plein.privacy.services.exports import delete_exports_of
from plein.questions.models import Answer
from plein.search import services as search
from plein.search.models import Entry

logger = logging.getLogger(__name__)


def pseudonym() -> str:
    """The words that replace the person's name in stored text, in the organisation's language
    (stored text is not translated per reader; the live name is, see `Person.full_name`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("former colleague")


def erase_person(
    person: Person,
    *,
    by: Person | None,
    confirm_email: str | None = None,
    reason: str = "",
) -> bool:
    """Erase the person. `by` None: the system (offboarding); `by` the person: their own request,
    confirmed by typing their e-mail address; `by` an administrator: a data-subject request,
    with the reason (audit log). Returns False when there was nothing left to erase."""
    if person.erased_at is not None:
        return False
    if by is not None and by.pk == person.pk:
        if (confirm_email or "").strip().lower() != person.email.lower():
            raise ValidationError(
                _("Type your e-mail address exactly as shown to confirm."), code="confirm"
            )
    elif by is not None:
        if not can(by, Perm.HANDLE_PRIVACY_REQUESTS):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError(_("Say why this person's data is erased (the request)."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().filter(pk=person.pk).first()
        if locked is None or locked.erased_at is not None:
            return False
        doomed_files: list[str] = []
        _remove_own_content(person, doomed_files)
        _pseudonymise_mentions(person)
        _forget_authorship_in_search(person)
        _delete_personal_rows(person)
        delete_exports_of(person)
        if person.photo:
            doomed_files.append(str(person.photo.name))
        _empty_profile(person)
        end_all_sessions(person)
        if by is not None and by.pk != person.pk:
            record_access(
                by,
                AuditEntry.Action.PERSON_ERASED,
                target=f"person:{person.pk}",
                subject=person,
                reason=reason,
            )

        def delete_files() -> None:
            for name in doomed_files:
                try:
                    default_storage.delete(name)
                except OSError:
                    logger.warning("erasure: a file could not be deleted", extra={"file": name})

        transaction.on_commit(delete_files)
    logger.info("person erased", extra={"person_id": person.pk})
    return True


def _remove_own_content(person: Person, doomed_files: list[str]) -> None:
    own_posts = Post.objects.filter(author=person).exclude(kind=Post.Kind.ANNOUNCEMENT)
    for post in own_posts.filter(deleted_at__isnull=True).select_related("group"):
        # Through the community service: search, articles and the rest hear of it as usual.
        delete_post(post, by=person)
    post_ids = own_posts.values("pk")  # a subquery: no list of ids, however many
    # Posts deleted earlier left search then; anything of theirs still indexed goes now.
    for post_id in set(
        Entry.objects.filter(post_id__in=post_ids).values_list("post_id", flat=True)
    ):
        if post_id is not None:
            search.remove_for_post(post_id)
    for attachment in Attachment.objects.filter(post_id__in=post_ids):
        doomed_files += [str(attachment.file.name)]
        if attachment.thumbnail:
            doomed_files.append(str(attachment.thumbnail.name))
    articles = Article.objects.filter(author=person)
    for article in articles:
        search.remove("article", article.pk)
        for field in (article.cover, article.cover_thumbnail):
            if field:
                doomed_files.append(str(field.name))
    for image in ArticleImage.objects.filter(article__author=person):
        doomed_files.append(str(image.file.name))
        if image.thumbnail:
            doomed_files.append(str(image.thumbnail.name))
    articles.delete()
    for question_id in BoardQuestion.objects.filter(asker=person).values_list("pk", flat=True):
        search.remove("board_question", question_id)
    BoardQuestion.objects.filter(asker=person).delete()
    # Other people's comments under these posts go with them: they were replies to the
    # person's own words, which no longer exist.
    own_posts.delete()


def _rewrite_markdown(text: str, person_id: int, words: str, labels: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match["kind"] == "p" and int(match["id"]) == person_id:
            labels.add(match["label"])
            return f"@{words}"
        return match[0]

    return MENTION.sub(replace, text)


def _rewrite_html(rendered: str, person_id: int, words: str) -> str:
    url = re.escape(reverse("people:profile", args=[person_id]))
    anchor = re.compile(rf'<a href="{url}"[^>]*>@[^<]*</a>')
    return anchor.sub("@" + html.escape(words), rendered)


def _pseudonymise_mentions(person: Person) -> None:
    """Mentions of the person in anyone's text, rendered earlier into HTML, copied into the
    search index and into notification excerpts, become "@former colleague"."""
    words = pseudonym()
    token = f"(p:{person.pk})"
    labels: set[str] = set()
    post_ids = set(
        Mention.objects.filter(person=person, post__isnull=False).values_list("post_id", flat=True)
    )
    comment_ids = set(
        Mention.objects.filter(person=person, comment__isnull=False).values_list(
            "comment_id", flat=True
        )
    )
    touched_post_ids: set[int] = set(post_ids)
    for post in Post.objects.filter(pk__in=post_ids):
        post.body = _rewrite_markdown(post.body, person.pk, words, labels)
        post.body_html = _rewrite_html(post.body_html, person.pk, words)
        post.save(update_fields=["body", "body_html"])
    for comment in Comment.objects.filter(pk__in=comment_ids):
        comment.body = _rewrite_markdown(comment.body, person.pk, words, labels)
        comment.body_html = _rewrite_html(comment.body_html, person.pk, words)
        comment.save(update_fields=["body", "body_html"])
        touched_post_ids.add(comment.post_id)
    # Texts whose apps keep no mention rows: found by the token itself.
    for answer in Answer.objects.filter(body__contains=token).select_related("question"):
        answer.body = _rewrite_markdown(answer.body, person.pk, words, labels)
        answer.body_html = _rewrite_html(answer.body_html, person.pk, words)
        answer.save(update_fields=["body", "body_html"])
        touched_post_ids.add(answer.question.post_id)
    for article in Article.objects.filter(Q(body__contains=token) | Q(intro__contains=token)):
        article.body = _rewrite_markdown(article.body, person.pk, words, labels)
        article.body_html = _rewrite_html(article.body_html, person.pk, words)
        article.intro = _rewrite_markdown(article.intro, person.pk, words, labels)
        article.intro_html = _rewrite_html(article.intro_html, person.pk, words)
        article.save(update_fields=["body", "body_html", "intro", "intro_html"])
        if article.post_id:
            touched_post_ids.add(article.post_id)
    for question in BoardQuestion.objects.filter(
        Q(text__contains=token) | Q(answer__contains=token)
    ):
        question.text = _rewrite_markdown(question.text, person.pk, words, labels)
        question.text_html = _rewrite_html(question.text_html, person.pk, words)
        question.answer = _rewrite_markdown(question.answer, person.pk, words, labels)
        question.answer_html = _rewrite_html(question.answer_html, person.pk, words)
        question.save(update_fields=["text", "text_html", "answer", "answer_html"])
        _rewrite_entries(
            Entry.objects.filter(kind="board_question", object_id=question.pk), labels, words
        )
    Mention.objects.filter(person=person).delete()
    if not labels or not touched_post_ids:
        return
    _rewrite_entries(Entry.objects.filter(post_id__in=touched_post_ids), labels, words)
    for notification in Notification.objects.filter(post_id__in=touched_post_ids):
        title, excerpt = notification.title, notification.excerpt
        for label in labels:
            title = title.replace(f"@{label}", f"@{words}")
            excerpt = excerpt.replace(f"@{label}", f"@{words}")
        if (title, excerpt) != (notification.title, notification.excerpt):
            Notification.objects.filter(pk=notification.pk).update(title=title, excerpt=excerpt)


def _replace_labels(text: str, labels: Iterable[str], words: str) -> str:
    for label in labels:
        text = text.replace(f"@{label}", f"@{words}")
    return text


def _rewrite_entries(entries: Iterable[Entry], labels: set[str], words: str) -> None:
    for entry in entries:
        title = _replace_labels(entry.title, labels, words)
        body = _replace_labels(entry.body, labels, words)
        if (title, body) != (entry.title, entry.body):
            search.index(_document(entry, title=title, body=body, author_id=entry.author_id))


def _document(entry: Entry, *, title: str, body: str, author_id: int | None) -> search.Document:
    return search.Document(
        kind=entry.kind,
        object_id=entry.object_id,
        title=title,
        text=body,
        url=entry.url,
        post_id=entry.post_id,
        group_id=entry.group_id,
        author_id=author_id,
        created_at=entry.created_at,
        answered=entry.answered,
    )


def _forget_authorship_in_search(person: Person) -> None:
    """Comments and answers stay findable by their words, no longer by "written by"."""
    for entry in Entry.objects.filter(author=person):
        search.index(_document(entry, title=entry.title, body=entry.body, author_id=None))


def _delete_personal_rows(person: Person) -> None:
    Reaction.objects.filter(person=person).delete()
    Follow.objects.filter(Q(follower=person) | Q(person=person)).delete()
    Bookmark.objects.filter(person=person).delete()
    Membership.objects.filter(person=person).delete()
    GroupMute.objects.filter(person=person).delete()
    Notification.objects.filter(recipient=person).delete()
    NotificationPreference.objects.filter(person=person).delete()
    MailSettings.objects.filter(person=person).delete()
    DigestRun.objects.filter(person=person).delete()
    ApiToken.objects.filter(person=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    PersonRole.objects.filter(person=person).delete()
    Invitation.objects.filter(person=person).delete()
    Consent.objects.filter(person=person).delete()
    AccessLog.objects.filter(username__iexact=person.email).delete()
    AccessAttempt.objects.filter(username__iexact=person.email).delete()
    Person.objects.filter(manager=person).update(manager=None)


def _empty_profile(person: Person) -> None:
    person.erased_at = timezone.now()
    person.first_name = ""
    person.name_prefix = ""
    person.last_name = ""
    person.email = f"erased-{person.pk}@erased.invalid"
    person.employee_number = None
    person.external_id = None
    person.status = Person.Status.DEACTIVATED
    person.job_title = ""
    person.team = ""
    person.department = None
    person.location = None
    person.manager = None
    person.phone = ""
    person.bio = ""
    person.photo = ""
    person.spoken_languages = []
    person.start_date = None
    person.end_date = None
    person.set_unusable_password()
    person.save()
    person.skills.clear()


def erase_due_offboarded() -> int:
    """The periodic job for PLEIN_ERASE_ON_OFFBOARDING = after_days. Safe to run twice."""
    if settings.PLEIN_ERASE_ON_OFFBOARDING != "after_days":
        return 0
    due = Person.objects.filter(
        status=Person.Status.ALUMNUS,
        erased_at__isnull=True,
        offboarded_at__lte=timezone.now() - timedelta(days=settings.PLEIN_ERASE_AFTER_DAYS),
    )
    return sum(erase_person(person, by=None) for person in due.iterator())


def on_person_offboarded(person: Person, *, by: Person | None = None) -> None:
    """Inside the offboarding transaction. The erasure is the organisation's policy, not the
    offboarder's choice; the audit log still says who set it off."""
    if settings.PLEIN_ERASE_ON_OFFBOARDING != "immediately":
        return
    if erase_person(person, by=None) and by is not None:
        record_access(
            by,
            AuditEntry.Action.PERSON_ERASED,
            target=f"person:{person.pk}",
            subject=person,
            reason="offboarding (PLEIN_ERASE_ON_OFFBOARDING=immediately)",
        )
