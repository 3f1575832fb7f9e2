"""Write the planned demo community to the database.

A plan says everything: who posts what, where and when, who comments and reacts. Scripted posts
go through the community services, like anything a person does in Plein, and are backdated
afterwards (the services stamp the current time). Everyday posts, with their comments and most
reactions, go in bulk: each text through the content gate, with its topic and mention rows.

Posts are written oldest first: feeds order by id, so ids must follow the (backdated) time.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from plein.community.models import (
    Bookmark,
    Comment,
    Group,
    Mention,
    Post,
    PostRevision,
    PostTopic,
    Reaction,
    Topic,
)
from plein.community.services import conversation, groups, posts
from plein.community.services.gate import GatedText, Limits, pass_gate, topic_slug
from plein.people.models import Person

BATCH_SIZE = 2_000


@dataclass
class CommentPlan:
    author: Person
    text: str
    at: datetime
    replies: list["CommentPlan"] = field(default_factory=list)
    reactions: list[tuple[Person, str]] = field(default_factory=list)  # through the services
    likes: list[Person] = field(default_factory=list)  # in bulk
    comment: Comment | None = None


@dataclass
class PostPlan:
    author: Person
    text: str
    at: datetime
    group: Group | None
    tone: str
    status: str = ""
    scripted: bool = False  # through the services (else in bulk)
    first_draft: str = ""  # published like this, then edited to `text`
    share_of: "PostPlan | None" = None
    pinned_by: Person | None = None
    bookmarked_by: list[Person] = field(default_factory=list)
    comments: list[CommentPlan] = field(default_factory=list)
    reactions: list[tuple[Person, str]] = field(default_factory=list)  # through the services
    crowd: list[tuple[Person, str]] = field(default_factory=list)  # in bulk
    post: Post | None = None

    def all_comments(self) -> list[CommentPlan]:
        return [c for top in self.comments for c in (top, *top.replies)]


class Writer:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.gated: dict[str, GatedText] = {}
        self.topics: dict[str, Topic] = {}

    def write(self, plans: Sequence[PostPlan]) -> None:
        """Write the plans, which are in time order."""
        self._write_posts(plans)
        self._write_conversation(plans)
        self._backdate([plan for plan in plans if plan.scripted])

    def _after(self, moment: datetime, minutes: int) -> datetime:
        return min(moment + timedelta(minutes=minutes), self.now - timedelta(minutes=1))

    # --- posts ----------------------------------------------------------------------------

    def _write_posts(self, plans: Sequence[PostPlan]) -> None:
        waiting: list[PostPlan] = []
        for plan in plans:
            if not plan.scripted:
                waiting.append(plan)
                continue
            self._bulk_posts(waiting)
            waiting = []
            self._publish(plan)
        self._bulk_posts(waiting)

    def _publish(self, plan: PostPlan) -> None:
        author, group = plan.author, plan.group
        if plan.share_of is not None:
            original = plan.share_of.post
            assert original is not None  # the original is older, so it is written already
            post = posts.share_post(original, by=author, group=group, text=plan.text)
        elif plan.first_draft:
            post = posts.publish_post(author, plan.first_draft, group=group)
            post = posts.edit_post(post, plan.text, by=author)
        else:
            post = posts.publish_post(
                author,
                plan.text,
                group=group,
                kind=Post.Kind.WORKING_ON if plan.status else Post.Kind.UPDATE,
                project_status=plan.status,
            )
        if plan.pinned_by is not None:
            posts.pin_post(post, by=plan.pinned_by)
        for person in plan.bookmarked_by:
            conversation.toggle_bookmark(person, post)
        plan.post = post

    def _gate(self, text: str, author: Person, max_length: int) -> GatedText:
        # The gate's result depends on the text only (the author is for its messages).
        gated = self.gated.get(text)
        if gated is None:
            gated = self.gated[text] = pass_gate(text, author=author, max_length=max_length)
        return gated

    def _topic(self, name: str) -> Topic:
        slug = topic_slug(name)
        topic = self.topics.get(slug)
        if topic is None:
            topic = Topic.objects.filter(slug=slug).first() or Topic.objects.create(
                name=name, slug=slug
            )
            self.topics[slug] = topic
        return topic

    def _bulk_posts(self, plans: Sequence[PostPlan]) -> None:
        if not plans:
            return
        gated = [self._gate(plan.text, plan.author, Limits.POST) for plan in plans]
        created = Post.objects.bulk_create(
            [
                Post(
                    author=plan.author,
                    group=plan.group,
                    audience=groups.audience_for(plan.group),
                    kind=Post.Kind.UPDATE,
                    body=text.markdown,
                    body_html=text.html,
                    created_at=plan.at,
                )
                for plan, text in zip(plans, gated, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        topic_rows, mention_rows = [], []
        for plan, post, text in zip(plans, created, gated, strict=True):
            plan.post = post
            topic_rows += [PostTopic(post=post, topic=self._topic(n)) for n in text.topic_names]
            mention_rows += [Mention(post=post, person_id=pk) for pk in text.mentioned_person_ids]
        PostTopic.objects.bulk_create(topic_rows, batch_size=BATCH_SIZE)
        Mention.objects.bulk_create(mention_rows, batch_size=BATCH_SIZE)

    # --- comments and reactions -----------------------------------------------------------

    def _write_conversation(self, plans: Sequence[PostPlan]) -> None:
        for plan in plans:
            if plan.scripted:
                assert plan.post is not None
                for comment in sorted(plan.comments, key=lambda c: c.at):
                    self._add_comment(plan.post, comment, parent=None)
                for person, kind in plan.reactions:
                    conversation.react(person, kind, post=plan.post)
        everyday = [plan for plan in plans if not plan.scripted]
        self._insert_comments([(plan, c, None) for plan in everyday for c in plan.comments])
        self._insert_comments(
            [
                (plan, reply, comment.comment)
                for plan in everyday
                for comment in plan.comments
                for reply in comment.replies
            ]
        )
        reactions: list[Reaction] = []
        for plan in plans:
            reactions += [
                Reaction(
                    person=person,
                    post=plan.post,
                    kind=kind,
                    created_at=self._after(plan.at, 3 + 29 * index),
                )
                for index, (person, kind) in enumerate(plan.crowd)
            ]
            for comment in plan.all_comments():
                reactions += [
                    Reaction(
                        person=person,
                        comment=comment.comment,
                        kind="like",
                        created_at=self._after(comment.at, 5 + 17 * index),
                    )
                    for index, person in enumerate(comment.likes)
                ]
        Reaction.objects.bulk_create(reactions, batch_size=BATCH_SIZE, ignore_conflicts=True)

    def _add_comment(self, post: Post, plan: CommentPlan, parent: Comment | None) -> None:
        plan.comment = conversation.add_comment(post, plan.author, plan.text, parent=parent)
        for person, kind in plan.reactions:
            conversation.react(person, kind, comment=plan.comment)
        for reply in sorted(plan.replies, key=lambda c: c.at):
            self._add_comment(post, reply, parent=plan.comment)

    def _insert_comments(
        self, rows: Sequence[tuple[PostPlan, CommentPlan, Comment | None]]
    ) -> None:
        gated = [self._gate(c.text, c.author, Limits.COMMENT) for _, c, _ in rows]
        created = Comment.objects.bulk_create(
            [
                Comment(
                    post=plan.post,
                    parent=parent,
                    author=comment.author,
                    body=text.markdown,
                    body_html=text.html,
                    created_at=comment.at,
                )
                for (plan, comment, parent), text in zip(rows, gated, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        mentions = []
        for (_, comment, _), row, text in zip(rows, created, gated, strict=True):
            comment.comment = row
            mentions += [Mention(comment=row, person_id=pk) for pk in text.mentioned_person_ids]
        Mention.objects.bulk_create(mentions, batch_size=BATCH_SIZE)

    # --- history --------------------------------------------------------------------------

    def _backdate(self, scripted: Sequence[PostPlan]) -> None:
        """The services stamp everything with the current time; the stories happened earlier."""
        changed_posts: list[Post] = []
        changed_comments: list[Comment] = []
        for plan in scripted:
            post = plan.post
            assert post is not None
            post.created_at = plan.at
            if plan.first_draft:
                post.edited_at = self._after(plan.at, 25)
                PostRevision.objects.filter(post=post).update(replaced_at=post.edited_at)
            if post.pinned_at is not None:
                post.pinned_at = self._after(plan.at, 30)
            changed_posts.append(post)
            for comment in plan.all_comments():
                assert comment.comment is not None
                comment.comment.created_at = comment.at
                changed_comments.append(comment.comment)
                Reaction.objects.filter(comment=comment.comment, created_at__gte=self.now).update(
                    created_at=self._after(comment.at, 20)
                )
            Reaction.objects.filter(post=post, created_at__gte=self.now).update(
                created_at=self._after(plan.at, 45)
            )
            Bookmark.objects.filter(post=post).update(created_at=self._after(plan.at, 120))
        Post.objects.bulk_update(
            changed_posts, ["created_at", "edited_at", "pinned_at"], batch_size=500
        )
        Comment.objects.bulk_update(changed_comments, ["created_at"], batch_size=500)
