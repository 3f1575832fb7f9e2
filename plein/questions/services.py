"""Writing questions and answers: ask, edit, answer, edit and delete an answer, vote, accept.

Every function checks who may do it (reading goes through the visibility rule: whoever may not
read the question may not answer, vote or accept either), passes user text through the content
gate, writes in one transaction together with the search index, and tells people through the
notifications service (which delivers once the transaction commits).
"""

import re
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.community.models import Follow, Group, Membership, Post, PostTopic
from plein.community.services import groups as group_services
from plein.community.services.gate import TOPIC, pass_gate, plain_excerpt, topic_slug
from plein.community.services.posts import edit_post, publish_post, resolve_mentions
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.people.permissions import Perm, can
from plein.questions import indexing
from plein.questions.models import Answer, AnswerVote, Limits, Question

_TOPIC_NAME = re.compile(r"[^\W_][\w-]{0,59}", re.UNICODE)
_TOPIC_SEPARATORS = re.compile(r"[\s,;]+")
# A last paragraph of nothing but #topics.
_TAG_LINE = re.compile(r"(?:\A|\n\n)((?:#[^\W_][\w-]{0,59}(?:[ \t]+|(?=\Z)))+)\Z", re.UNICODE)


def question_url(question: Question) -> str:
    return reverse("questions:detail", args=[question.post_id])


def answer_url(answer: Answer) -> str:
    return reverse("questions:detail", args=[answer.question.post_id]) + f"#answer-{answer.pk}"


# --- Reading (for the services' own checks) ---------------------------------------------------


def readable_question(pk: int, viewer: Person) -> Question:
    """The question with its post, or PermissionDenied when the viewer may not read it."""
    question = (
        Question.objects.visible_to(viewer).select_related("post", "post__group").filter(pk=pk)
    ).first()
    if question is None:
        raise PermissionDenied
    return question


def _readable_answer(pk: int, viewer: Person) -> Answer:
    answer = (
        Answer.objects.visible_to(viewer)
        .select_related("question", "question__post", "question__post__group")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise PermissionDenied
    return answer


def may_accept(question: Question, person: Person) -> bool:
    """The asker accepts; so may a group admin of the question's group, or a moderator."""
    if question.post.author_id == person.pk or can(person, Perm.MODERATE):
        return True
    group = question.post.group
    return group is not None and group_services.is_group_admin(group, person)


def may_remove_answer(answer: Answer, person: Person) -> bool:
    if answer.author_id == person.pk or can(person, Perm.MODERATE):
        return True
    group = answer.question.post.group
    return group is not None and group_services.is_group_admin(group, person)


# --- Text ---------------------------------------------------------------------------------


def split_topics(text: str) -> list[str]:
    """ "warmtepompen, #planning ventilatie" -> ["warmtepompen", "planning", "ventilatie"]."""
    return [part.lstrip("#") for part in _TOPIC_SEPARATORS.split(text or "") if part.lstrip("#")]


def _check_topics(names: Sequence[str]) -> list[str]:
    unique: dict[str, str] = {}
    for name in names:
        name = name.strip().lstrip("#")
        if not name:
            continue
        if not _TOPIC_NAME.fullmatch(name):
            raise ValidationError(
                _("“%(topic)s” cannot be a topic: use letters, digits and hyphens only.")
                % {"topic": name[:60]},
                code="topics",
            )
        unique.setdefault(topic_slug(name), name)
    if len(unique) > Limits.TOPICS:
        raise ValidationError(
            _("Give at most %(count)d topics.") % {"count": Limits.TOPICS}, code="topics"
        )
    return list(unique.values())


def _gate_title(title: str, author: Person, confirmation: str = "") -> tuple[str, list[str]]:
    """The title on one line, and the #topics written in it."""
    if not (title or "").strip():
        raise ValidationError(_("Write your question."), code="title")
    try:
        gated = pass_gate(title, author=author, max_length=Limits.TITLE, confirmation=confirmation)
    except ValidationError as error:
        raise ValidationError(error.messages[0], code="title") from error
    return " ".join(gated.markdown.split()), gated.topic_names


def _post_text(title: str, details: str, topic_names: Sequence[str]) -> str:
    """The question's post: its details, then the topics not already in them as #topics. With
    neither, the title itself (a post is never empty)."""
    details = (details or "").replace("\r\n", "\n").strip()
    present = {topic_slug(match["name"]) for match in TOPIC.finditer(details)}
    missing = [name for name in topic_names if topic_slug(name) not in present]
    tags = " ".join(f"#{name}" for name in missing)
    text = "\n\n".join(part for part in (details, tags) if part)
    return text or title


def split_details(question: Question) -> tuple[str, list[str]]:
    """The details as the asker wrote them, and the topics of the closing #topics line (the
    topics field's, or the asker's own): the page shows those as links of their own. ("", [])
    when the post only carries the title."""
    body = question.post.body
    if body == question.title:
        return "", []
    match = _TAG_LINE.search(body)
    if match is None:
        return body, []
    return body[: match.start()].rstrip(), [tag.lstrip("#") for tag in match[1].split()]


def details_of(question: Question) -> str:
    return split_details(question)[0]


# --- Questions ------------------------------------------------------------------------------


def ask_question(
    author: Person,
    title: str,
    details: str = "",
    *,
    group: Group | None = None,
    topics: Sequence[str] = (),
    confirmation: str = "",
) -> Question:
    """Ask a question organisation-wide or in a group the author is a member of."""
    clean_title, title_topics = _gate_title(title, author, confirmation)
    topic_names = _check_topics([*topics, *title_topics])
    text = _post_text(clean_title, details, topic_names)
    with transaction.atomic():
        post = publish_post(
            author, text, group=group, kind=Post.Kind.QUESTION, confirmation=confirmation
        )
        question = Question.objects.create(post=post, title=clean_title)
        indexing.index_question(question)
        _tell_about_new_question(question)
    return question


def _tell_about_new_question(question: Question) -> None:
    post = question.post
    recipients: set[int] = set()
    if post.group_id is not None:
        recipients |= set(
            Membership.objects.filter(
                group_id=post.group_id, state=Membership.State.ACTIVE
            ).values_list("person_id", flat=True)
        )
    topic_ids = PostTopic.objects.filter(post=post).values("topic_id")
    recipients |= set(
        Follow.objects.filter(topic_id__in=topic_ids).values_list("follower_id", flat=True)
    )
    notify(
        recipients,
        kind=Kind.NEW_QUESTION,
        actor=post.author,
        url=question_url(question),
        title=question.title,
        excerpt=plain_excerpt(details_of(question)),
        post=post,
    )


def edit_question(
    question: Question,
    *,
    by: Person,
    title: str,
    details: str,
    topics: Sequence[str] = (),
    confirmation: str = "",
) -> Question:
    question = readable_question(question.pk, by)
    if question.post.author_id != by.pk:
        raise PermissionDenied(_("Only the person who asked can change the question."))
    clean_title, title_topics = _gate_title(title, by, confirmation)
    topic_names = _check_topics([*topics, *title_topics])
    text = _post_text(clean_title, details, topic_names)
    with transaction.atomic():
        question.title = clean_title
        question.save(update_fields=["title"])
        edit_post(question.post, text, by=by, confirmation=confirmation)
        indexing.index_question(question)
        indexing.index_answers(question)  # their title is the question's
    return question


# --- Answers --------------------------------------------------------------------------------


def answer_question(
    question: Question, author: Person, text: str, *, confirmation: str = ""
) -> Answer:
    """Anyone who may read the question may answer it. (An answer is indexed and told at
    once: one the rules would hold is refused with the reason instead.)"""
    question = readable_question(question.pk, author)
    gated = pass_gate(text, author=author, max_length=Limits.ANSWER, confirmation=confirmation)
    people, _groups = resolve_mentions(gated, author)
    with transaction.atomic():
        answer = Answer.objects.create(
            question=question, author=author, body=gated.markdown, body_html=gated.html
        )
        indexing.index_answer(answer)
        common = {
            "actor": author,
            "url": answer_url(answer),
            "title": question.title,
            "excerpt": plain_excerpt(answer.body),
            "post": question.post,
        }
        # Many answers to one question batch into one notification while it is unread.
        notify(
            [question.post.author_id],
            kind=Kind.ANSWER,
            thread_key=f"question:{question.pk}",
            **common,  # type: ignore[arg-type]
        )
        if people:
            notify(people, kind=Kind.MENTION, thread_key=f"answer:{answer.pk}", **common)  # type: ignore[arg-type]
    return answer


def edit_answer(answer: Answer, text: str, *, by: Person, confirmation: str = "") -> Answer:
    answer = _readable_answer(answer.pk, by)
    if answer.author_id != by.pk:
        raise PermissionDenied(_("Only the author can change an answer."))
    gated = pass_gate(text, author=by, max_length=Limits.ANSWER, confirmation=confirmation)
    resolve_mentions(gated, by)
    with transaction.atomic():
        answer.body, answer.body_html = gated.markdown, gated.html
        answer.edited_at = timezone.now()
        answer.save(update_fields=["body", "body_html", "edited_at"])
        indexing.index_answer(answer)
    return answer


def delete_answer(answer: Answer, *, by: Person) -> None:
    """The author deletes; a group admin or a moderator removes. An accepted answer that goes
    leaves its question unanswered again."""
    answer = _readable_answer(answer.pk, by)
    if not may_remove_answer(answer, by):
        raise PermissionDenied
    with transaction.atomic():
        answer.deleted_at = timezone.now()
        answer.removed_by = None if answer.author_id == by.pk else by
        answer.save(update_fields=["deleted_at", "removed_by"])
        indexing.remove_answer(answer)
        question = Question.objects.select_for_update().get(pk=answer.question_id)
        if question.accepted_answer_id == answer.pk:
            question.accepted_answer = None
            question.answered_at = None
            question.accepted_by = None
            question.save(update_fields=["accepted_answer", "answered_at", "accepted_by"])
            indexing.index_question(question)


# --- Votes ----------------------------------------------------------------------------------


def vote(answer: Answer, person: Person) -> Answer:
    """A "this helped" vote. Voting twice leaves one vote. Not on one's own answer."""
    answer = _readable_answer(answer.pk, person)
    if answer.author_id == person.pk:
        raise ValidationError(_("You cannot vote for your own answer."), code="vote")
    with transaction.atomic():
        try:
            with transaction.atomic():
                AnswerVote.objects.create(answer=answer, person=person)
        except IntegrityError:
            pass
        else:
            Answer.objects.filter(pk=answer.pk).update(score=F("score") + 1)
    answer.refresh_from_db(fields=["score"])
    return answer


def unvote(answer: Answer, person: Person) -> Answer:
    answer = _readable_answer(answer.pk, person)
    with transaction.atomic():
        deleted, _rows = AnswerVote.objects.filter(answer=answer, person=person).delete()
        if deleted:
            Answer.objects.filter(pk=answer.pk).update(score=F("score") - 1)
    answer.refresh_from_db(fields=["score"])
    return answer


# --- Accepting ------------------------------------------------------------------------------


def accept_answer(answer: Answer, *, by: Person) -> Question:
    """Mark the best answer. Accepting another answer replaces the first."""
    answer = _readable_answer(answer.pk, by)
    question = answer.question
    if not may_accept(question, by):
        raise PermissionDenied(
            _("Only the person who asked, a group admin or a moderator can accept an answer.")
        )
    with transaction.atomic():
        question = (
            Question.objects.select_for_update(of=("self",))
            .select_related("post")
            .get(pk=question.pk)
        )
        if question.accepted_answer_id == answer.pk:
            return question
        question.accepted_answer = answer
        question.answered_at = timezone.now()
        question.accepted_by = by
        question.save(update_fields=["accepted_answer", "answered_at", "accepted_by"])
        indexing.index_question(question)
        notify(
            [answer.author_id],
            kind=Kind.ANSWER_ACCEPTED,
            actor=by,
            url=answer_url(answer),
            title=question.title,
            excerpt=plain_excerpt(answer.body),
            post=question.post,
        )
    return question


def unaccept(question: Question, *, by: Person) -> Question:
    question = readable_question(question.pk, by)
    if not may_accept(question, by):
        raise PermissionDenied(
            _("Only the person who asked, a group admin or a moderator can accept an answer.")
        )
    with transaction.atomic():
        question = (
            Question.objects.select_for_update(of=("self",))
            .select_related("post")
            .get(pk=question.pk)
        )
        if question.accepted_answer_id is None:
            return question
        question.accepted_answer = None
        question.answered_at = None
        question.accepted_by = None
        question.save(update_fields=["accepted_answer", "answered_at", "accepted_by"])
        indexing.index_question(question)
    return question
