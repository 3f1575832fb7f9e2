"""What the API reads and writes. Output objects are built from the models here, explicitly."""

import datetime
from typing import Literal

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from plein.community.models import Attachment, Comment, Group, Post
from plein.people.models import Person

# Kept equal to the model choices (a test checks): the OpenAPI document lists the values.
PostKindIn = Literal["update", "working_on"]
PostKind = Literal["update", "working_on", "share", "article", "question", "announcement", "poll"]
ProjectStatus = Literal["on_track", "at_risk", "blocked", "done"]
ReactionKind = Literal["like", "thanks", "insightful", "celebrate", "support"]
HomeMode = Literal["all", "people", "groups"]
AttachmentKind = Literal["image", "document"]


class ErrorOut(Schema):
    detail: str


class HeldOut(Schema):
    """A text the posting rules hold for a moderator's review: stored, seen by nobody else yet."""

    id: int
    state: Literal["held"] = "held"
    detail: str


class PolicyFindingOut(Schema):
    text: str = Field(description="The part of the text a posting rule acts on")
    suggestion: str = Field(description="What the rule asks of the author")
    action: Literal["warn", "hold", "block"]


class ValidationErrorOut(Schema):
    detail: list[str]
    code: str | None = Field(
        None,
        description="For the posting rules: policy_warn (resend with `confirmation` to post "
        "anyway), policy_hold or policy_block (change the text)",
    )
    findings: list[PolicyFindingOut] = Field(default_factory=list)
    confirmation: str | None = Field(
        None, description="With policy_warn: send this back as `confirmation` to post anyway"
    )


class PersonRef(Schema):
    id: int
    name: str
    job_title: str

    @classmethod
    def of(cls, person: Person) -> "PersonRef":
        return cls(id=person.pk, name=person.full_name, job_title=person.job_title)


class GroupRef(Schema):
    id: int
    name: str
    slug: str

    @classmethod
    def of(cls, group: Group | None) -> "GroupRef | None":
        if group is None:
            return None
        return cls(id=group.pk, name=group.name, slug=group.slug)


class AttachmentOut(Schema):
    id: int
    kind: AttachmentKind
    name: str
    content_type: str
    size: int = Field(description="Size in bytes")
    url: str = Field(
        description="The file on the web site; it follows the same visibility rule as the post"
    )

    @classmethod
    def of(cls, attachment: Attachment) -> "AttachmentOut":
        path = reverse("community:attachment", args=[attachment.pk, "file"])
        return cls(
            id=attachment.pk,
            kind=attachment.kind,  # type: ignore[arg-type]
            name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            url=f"{settings.BASE_URL}{path}",
        )


class PostOut(Schema):
    id: int
    author: PersonRef
    group: GroupRef | None = Field(description="None: organisation-wide")
    kind: PostKind
    project_status: ProjectStatus | None
    body: str = Field(description="The Markdown source")
    body_html: str = Field(description="Sanitised HTML")
    created_at: datetime.datetime
    edited_at: datetime.datetime | None
    comment_count: int
    reaction_count: int
    my_reaction: ReactionKind | None
    attachments: list[AttachmentOut]

    @classmethod
    def of(cls, post: Post) -> "PostOut":
        """`post` comes from `feeds.decorate(...).for_display()` (counts and attachments)."""
        return cls(
            id=post.pk,
            author=PersonRef.of(post.author),
            group=GroupRef.of(post.group),
            kind=post.kind,  # type: ignore[arg-type]
            project_status=post.project_status or None,  # type: ignore[arg-type]
            body=post.body,
            body_html=post.body_html,
            created_at=post.created_at,
            edited_at=post.edited_at,
            comment_count=getattr(post, "comment_count", None) or 0,
            reaction_count=getattr(post, "reaction_count", None) or 0,
            my_reaction=getattr(post, "my_reaction", None),
            attachments=[AttachmentOut.of(a) for a in post.attachments.all()],
        )


class PostPage(Schema):
    items: list[PostOut]
    next_before: int | None = Field(
        description="Pass as `before` for the next (older) page; null on the last page"
    )


class PostIn(Schema):
    text: str = Field(description="Markdown; mentions as @[Name](p:ID) or @[Name](g:ID)")
    group_id: int | None = Field(None, description="Omit for an organisation-wide post")
    kind: PostKindIn = "update"
    project_status: ProjectStatus | None = Field(
        None, description="Required for a `working_on` post in a project group"
    )
    confirmation: str = Field(
        "",
        description="After a policy_warn answer: its `confirmation`, to post this text anyway",
    )


class CommentOut(Schema):
    id: int
    post_id: int
    parent_id: int | None
    author: PersonRef
    body: str
    body_html: str
    created_at: datetime.datetime
    edited_at: datetime.datetime | None

    @classmethod
    def of(cls, comment: Comment) -> "CommentOut":
        return cls(
            id=comment.pk,
            post_id=comment.post_id,
            parent_id=comment.parent_id,
            author=PersonRef.of(comment.author),
            body=comment.body,
            body_html=comment.body_html,
            created_at=comment.created_at,
            edited_at=comment.edited_at,
        )


class CommentPage(Schema):
    items: list[CommentOut]
    next_after: int | None = Field(
        description="Pass as `after` for the next page; null on the last page"
    )


class CommentIn(Schema):
    text: str
    parent_id: int | None = Field(None, description="Reply to this comment")
    confirmation: str = Field(
        "",
        description="After a policy_warn answer: its `confirmation`, to post this text anyway",
    )


class ReactionIn(Schema):
    kind: ReactionKind


class ReactionOut(Schema):
    post_id: int
    kind: ReactionKind


class TokenInfo(Schema):
    name: str
    prefix: str
    expires_at: datetime.datetime | None


class MeOut(Schema):
    id: int
    name: str
    email: str
    job_title: str
    language: str
    token: TokenInfo
