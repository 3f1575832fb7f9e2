"""The export sections of the apps that exist today (see `registry` for the rule they follow).

Each reads only rows that belong to the person. Where a row points at other people's content
(the post a comment is on, the poll a vote is in) the export carries the id and link, and the
text only when the person may read that content now (`visible_to`, the one visibility rule).
"""

from collections.abc import Iterable, Iterator
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from plein.announcements.models import Announcement, AnnouncementReceipt
from plein.articles.models import Article, ArticleImage, BoardQuestion, BoardVote
from plein.careers.models import StoryConsent
from plein.community.models import (
    Attachment,
    Bookmark,
    Comment,
    Follow,
    Membership,
    Post,
    Reaction,
)
from plein.notifications.models import Notification, NotificationPreference
from plein.notifications.sentences import describe
from plein.people.models import Person
from plein.policy.models import PolicyAcknowledgement, Report
from plein.polls.models import PollOption, PollVote
from plein.privacy.models import AuditEntry, Consent
from plein.privacy.registry import register_export_files, register_export_section
from plein.questions.models import Answer, AnswerVote, Question


def _post_url(post_id: int) -> str:
    return reverse("community:post", args=[post_id])


def profile(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "first_name": person.first_name,
        "name_prefix": person.name_prefix,
        "last_name": person.last_name,
        "employee_number": person.employee_number,
        "status": person.status,
        "contract_type": person.contract_type,
        "start_date": person.start_date,
        "end_date": person.end_date,
        "job_title": person.job_title,
        "team": person.team,
        "department": person.department.name if person.department else None,
        "location": person.location.name if person.location else None,
        # The manager's name is on the person's own profile page.
        "manager": person.manager.full_name if person.manager else None,
        "skills": list(person.skills.values_list("name", flat=True)),
        "spoken_languages": list(person.spoken_languages),
        "phone": person.phone,
        "bio": person.bio,
        "photo": "files/profile/" + _base(person.photo) if person.photo else None,
        "language": person.language,
        "roles": [role.value for role in person.roles],
        "date_joined": person.date_joined,
        "offboarded_at": person.offboarded_at,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=person)
        ],
        "following": [
            {"person_id": f.person_id, "topic": f.topic.name if f.topic else None}
            for f in Follow.objects.filter(follower=person).select_related("topic")
        ],
        "bookmarked_post_ids": list(
            Bookmark.objects.filter(person=person).values_list("post_id", flat=True)
        ),
    }


def groups(person: Person) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(person=person).select_related("group")
    return [
        {
            "group": m.group.name,
            "group_id": m.group_id,
            "visibility": m.group.visibility,
            "role": m.role,
            "state": m.state,
            "since": m.created_at,
        }
        for m in memberships
    ]


def posts(person: Person) -> list[dict[str, Any]]:
    """Every post the person wrote, of every kind, deleted ones too (until purged)."""
    rows = []
    mine = Post.objects.filter(author=person).select_related("group").order_by("id")
    for post in mine.iterator(chunk_size=500):
        row: dict[str, Any] = {
            "id": post.pk,
            "kind": post.kind,
            "url": _post_url(post.pk),
            "group": post.group.name if post.group else None,
            "audience": post.audience,
            "text": post.body,
            "created_at": post.created_at,
            "edited_at": post.edited_at,
            "deleted_at": post.deleted_at,
            "shared_post_id": post.shared_post_id,
            "attachments": [
                f"files/posts/{post.pk}/{a.pk}-{_safe(a.original_name)}"
                for a in Attachment.objects.filter(post=post)
            ],
        }
        rows.append(row)
    extras: dict[str, dict[int, dict[str, Any]]] = {
        "question": {
            q.post_id: {"title": q.title, "answered_at": q.answered_at}
            for q in Question.objects.filter(post__author=person)
        },
        "announcement": {
            a.post_id: {"title": a.title, "must_read": a.must_read, "sent_to": a.audience}
            for a in Announcement.objects.filter(post__author=person)
        },
        "poll": {},
    }
    options: dict[int, list[str]] = {}
    for option in PollOption.objects.filter(poll__post__author=person).order_by("position"):
        options.setdefault(option.poll_id, []).append(option.text)
    extras["poll"] = {pk: {"options": texts} for pk, texts in options.items()}
    for row in rows:
        row.update(extras.get(row["kind"], {}).get(row["id"], {}))
    return rows


def articles(person: Person) -> list[dict[str, Any]]:
    """Articles including drafts and scheduled ones (only the author ever sees those)."""
    return [
        {
            "id": a.pk,
            "title": a.title,
            "intro": a.intro,
            "text": a.body,
            "state": a.state,
            "leaders_blog": a.leaders_blog,
            "post_id": a.post_id,
            "created_at": a.created_at,
            "published_at": a.published_at,
            "cover": f"files/articles/{a.pk}/cover-{_base(a.cover)}" if a.cover else None,
            "images": [
                f"files/articles/{a.pk}/{i.pk}-{_safe(i.original_name)}" for i in a.images.all()
            ],
        }
        for a in Article.objects.filter(author=person).prefetch_related("images").order_by("id")
    ]


def comments(person: Person) -> list[dict[str, Any]]:
    """The person's own comments; the post they are on only as a link."""
    return [
        {
            "id": c.pk,
            "post_id": c.post_id,
            "url": reverse("community:comment_permalink", args=[c.pk]),
            "reply_to_comment_id": c.parent_id,
            "text": c.body,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "deleted_at": c.deleted_at,
        }
        for c in Comment.objects.filter(author=person).order_by("id").iterator(chunk_size=500)
    ]


def answers(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "question_post_id": a.question.post_id,
            "url": _post_url(a.question.post_id),
            "text": a.body,
            "score": a.score,
            "created_at": a.created_at,
            "edited_at": a.edited_at,
            "deleted_at": a.deleted_at,
        }
        for a in Answer.objects.filter(author=person).select_related("question").order_by("id")
    ]


def board_questions(person: Person) -> list[dict[str, Any]]:
    """Questions the person asked the board, anonymous ones included (they are the asker). The
    board's answer is theirs to read."""
    return [
        {
            "id": q.pk,
            "text": q.text,
            "anonymous": q.anonymous,
            "state": q.state,
            "votes": q.vote_count,
            "asked_at": q.created_at,
            "answer": q.answer if q.state == BoardQuestion.State.ANSWERED else "",
            "answered_at": q.answered_at,
        }
        for q in BoardQuestion.objects.filter(asker=person).order_by("id")
    ]


def reactions(person: Person) -> list[dict[str, Any]]:
    return [
        {"kind": r.kind, "post_id": r.post_id, "comment_id": r.comment_id, "at": r.created_at}
        for r in Reaction.objects.filter(person=person).order_by("id").iterator(chunk_size=500)
    ]


def votes(person: Person) -> dict[str, list[dict[str, Any]]]:
    readable_polls = set(
        Post.objects.visible_to(person)
        .filter(poll__votes__person=person)
        .values_list("pk", flat=True)
    )
    return {
        "polls": [
            {
                "poll_post_id": v.poll_id,
                "option_id": v.option_id,
                # The option's words are the poll author's: only while the poll is readable.
                "option": v.option.text if v.poll_id in readable_polls else None,
                "at": v.created_at,
            }
            for v in PollVote.objects.filter(person=person).select_related("option")
        ],
        "answers": [
            {"answer_id": v.answer_id, "at": v.created_at}
            for v in AnswerVote.objects.filter(person=person)
        ],
        "board_questions": [
            {"board_question_id": v.question_id, "at": v.created_at}
            for v in BoardVote.objects.filter(person=person)
        ],
    }


def announcements_received(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "announcement_post_id": r.announcement_id,
            "received_at": r.created_at,
            "read_at": r.read_at,
            "acknowledged_at": r.acknowledged_at,
        }
        for r in AnnouncementReceipt.objects.filter(person=person).order_by("id")
    ]


def notifications(person: Person) -> dict[str, Any]:
    """The person's notifications (those about content they can still read). The title and
    excerpt are copies of someone else's words (a reply, a post in a group): they are left out
    and the link stays, except for notifications nobody else caused."""
    shown = (
        Notification.objects.for_recipient(person).select_related("actor").order_by("-id")[:5000]
    )
    return {
        "preferences": {
            p.kind: p.delivery for p in NotificationPreference.objects.filter(person=person)
        },
        "notifications": [
            {
                "kind": n.kind,
                "sentence": describe(n),
                "title": n.title if n.actor_id in (None, person.pk) else "",
                "excerpt": n.excerpt if n.actor_id in (None, person.pk) else "",
                "url": n.url,
                "created_at": n.created_at,
                "updated_at": n.updated_at,
                "read_at": n.read_at,
                "emailed_at": n.emailed_at,
            }
            for n in shown
        ],
    }


def sign_in_history(person: Person) -> dict[str, Any]:
    """Sign-ins (django-axes), failed attempts on the person's address, second factors and the
    sessions open now. Addresses are the person's own connections."""
    address = person.email
    open_sessions = [
        {"expires_at": s.expire_date}
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500)
        if str(s.get_decoded().get("_auth_user_id")) == str(person.pk)
    ]
    return {
        "sign_ins": [
            {
                "at": log.attempt_time,
                "signed_out_at": log.logout_time,
                "ip_address": log.ip_address,
                "browser": log.user_agent,
            }
            for log in AccessLog.objects.filter(username__iexact=address).order_by("-id")[:1000]
        ],
        "failed_attempts": [
            {
                "last_at": attempt.attempt_time,
                "failures": attempt.failures_since_start,
                "ip_address": attempt.ip_address,
                "browser": attempt.user_agent,
            }
            for attempt in AccessAttempt.objects.filter(username__iexact=address)
        ],
        "second_factors": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=person)
        ],
        "open_sessions": open_sessions,
    }


def consents(person: Person) -> dict[str, Any]:
    return {
        "consents": [
            {
                "purpose": c.purpose,
                "text": c.text,
                "version": c.version,
                "given_at": c.given_at,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in Consent.objects.filter(person=person).order_by("id")
        ],
        "careers_stories": [
            {"post_id": c.story.post_id, "answer": c.answer, "statement": c.statement, "at": c.at}
            for c in StoryConsent.objects.filter(person=person).select_related("story")
        ],
    }


def privileged_access(person: Person) -> list[dict[str, Any]]:
    """Who opened this person's data with privileged rights (the audit log about them)."""
    return [
        {
            "action": e.action,
            "by": e.actor.full_name if e.actor else None,
            "at": e.at,
            "reason": e.reason,
        }
        for e in AuditEntry.objects.filter(subject=person).select_related("actor").order_by("id")
    ]


# --- Files --------------------------------------------------------------------------------------


def _base(file: FieldFile) -> str:
    return str(file.name).rsplit("/", 1)[-1]


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in name).strip()
    return cleaned[:100] or "file"


def profile_files(person: Person) -> Iterator[tuple[str, FieldFile]]:
    if person.photo:
        yield "files/profile/" + _base(person.photo), person.photo


def post_files(person: Person) -> Iterable[tuple[str, FieldFile]]:
    for a in Attachment.objects.filter(post__author=person).order_by("id"):
        yield f"files/posts/{a.post_id}/{a.pk}-{_safe(a.original_name)}", a.file


def article_files(person: Person) -> Iterable[tuple[str, FieldFile]]:
    for article in Article.objects.filter(author=person).order_by("id"):
        if article.cover:
            yield f"files/articles/{article.pk}/cover-{_base(article.cover)}", article.cover
    for image in ArticleImage.objects.filter(article__author=person).order_by("id"):
        yield (
            f"files/articles/{image.article_id}/{image.pk}-{_safe(image.original_name)}",
            image.file,
        )


def policy(person: Person) -> dict[str, Any]:
    """The policy versions the person accepted, and the reports they made (not what
    moderators decided about others)."""
    return {
        "acknowledgements": [
            {"version": a.version.number, "title": a.version.title_nl, "at": a.acknowledged_at}
            for a in PolicyAcknowledgement.objects.filter(person=person)
            .select_related("version")
            .order_by("id")
        ],
        "reports_made": [
            {"reason": r.reason, "note": r.note, "at": r.created_at}
            for r in Report.objects.filter(reporter=person).order_by("id")
        ],
    }


def register_sections() -> None:
    register_export_section("profile", profile)
    register_export_section("groups", groups)
    register_export_section("posts", posts)
    register_export_section("articles", articles)
    register_export_section("comments", comments)
    register_export_section("answers", answers)
    register_export_section("board_questions", board_questions)
    register_export_section("reactions", reactions)
    register_export_section("votes", votes)
    register_export_section("announcements_received", announcements_received)
    register_export_section("notifications", notifications)
    register_export_section("sign_in_history", sign_in_history)
    register_export_section("consents", consents)
    register_export_section("policy", policy)
    register_export_section("privileged_access", privileged_access)
    register_export_files("profile", profile_files)
    register_export_files("posts", post_files)
    register_export_files("articles", article_files)
