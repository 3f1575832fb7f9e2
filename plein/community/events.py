"""What the community services tell the rest of Plein (see `plein.core.events`).

Each event carries the saved objects; subscribers read what else they need through the public
querysets (and so through the visibility rule).
"""

from dataclasses import dataclass

from plein.community.models import Comment, Group, Membership, Post
from plein.people.models import Person


@dataclass(frozen=True)
class PostPublished:
    post: Post
    mentioned: tuple[Person, ...] = ()  # people mentioned by name in the text
    mentioned_groups: tuple[Group, ...] = ()


@dataclass(frozen=True)
class PostEdited:
    post: Post
    newly_mentioned: tuple[Person, ...] = ()  # mentioned now and not before the edit


@dataclass(frozen=True)
class PostRemoved:
    """Deleted by its author or removed by a moderator or group admin."""

    post: Post


@dataclass(frozen=True)
class PostMoved:
    """The post's group (and so its audience) changed."""

    post: Post


@dataclass(frozen=True)
class CommentAdded:
    comment: Comment
    mentioned: tuple[Person, ...] = ()


@dataclass(frozen=True)
class CommentRemoved:
    comment: Comment


@dataclass(frozen=True)
class GroupInvitation:
    membership: Membership
    by: Person


@dataclass(frozen=True)
class GroupChanged:
    """A group was created, renamed or changed visibility: its posts' audience may have moved."""

    group: Group


@dataclass(frozen=True)
class SecretContentOpened:
    """Someone with a privileged role opened a secret group, or a post in one, without being
    its member (today: an administrator in the Django admin). Privacy keeps the audit log."""

    actor: Person
    group: Group
    post: Post | None = None


@dataclass(frozen=True)
class ContentHeld:
    """The content gate held a new post or comment (or an edit of a held one) for review:
    nobody but its author sees it until a moderator decides (plein.policy opens a case)."""

    post: Post | None = None
    comment: Comment | None = None
    rule_ids: tuple[str, ...] = ()
