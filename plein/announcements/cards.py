"""How an announcement shows in the community's feeds, and what is pinned on the home feed.

Both are registered in AnnouncementsConfig.ready(): community calls them without importing this
app. The card extender costs at most four queries for a whole page of posts (the announcements
with the viewer's receipt; their departments and locations when any page item needs them; the
reach figures when the viewer may see them).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet, Subquery, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.announcements import services
from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.community.cards import CardExtra
from plein.community.models import Post
from plein.community.pinned import Pinned
from plein.people.models import Person
from plein.people.permissions import Perm, can

CARD_TEMPLATE = "announcements/_card.html"


@dataclass
class ReceiptState:
    read_at: datetime | None
    acknowledged_at: datetime | None


@dataclass
class AnnouncementCard:
    announcement: Announcement
    url: str
    audience_text: str
    # The viewer's receipt (None when it was not sent to them).
    receipt: ReceiptState | None
    progress: services.Progress | None  # only for those who may see the reach
    reach_url: str

    @property
    def needs_acknowledgement(self) -> bool:
        return (
            self.receipt is not None
            and self.announcement.requires_acknowledgement
            and self.receipt.acknowledged_at is None
        )

    @property
    def needs_reading(self) -> bool:
        return (
            self.receipt is not None
            and not self.announcement.requires_acknowledgement
            and self.receipt.read_at is None
        )


def detail_url(post: Post) -> str:
    return reverse("announcements:detail", args=[post.pk])


def audience_text(announcement: Announcement) -> str:
    if announcement.audience == Audience.DEPARTMENTS:
        names = [d.name for d in announcement.departments.all()]
        text = ngettext(
            "Sent to the department %(names)s.", "Sent to the departments %(names)s.", len(names)
        ) % {"names": ", ".join(sorted(names, key=str.lower))}
    elif announcement.audience == Audience.LOCATIONS:
        names = [location.name for location in announcement.locations.all()]
        text = ngettext(
            "Sent to the location %(names)s.", "Sent to the locations %(names)s.", len(names)
        ) % {"names": ", ".join(sorted(names, key=str.lower))}
    elif announcement.audience == Audience.GROUP:
        group = announcement.post.group
        text = _("Sent to the members of %(group)s.") % {"group": group.name if group else ""}
    else:
        text = _("Sent to everyone in the organisation.")
    if announcement.include_flexible:
        text = f"{text} {_('Flexible workers included.')}"
    return text


def cards_for(viewer: Person, announcements: Sequence[Announcement]) -> dict[int, AnnouncementCard]:
    """Cards for announcements read with `with_receipt_of(viewer)` (and their post)."""
    prefetch_related_objects(
        [a for a in announcements if a.audience == Audience.DEPARTMENTS], "departments"
    )
    prefetch_related_objects(
        [a for a in announcements if a.audience == Audience.LOCATIONS], "locations"
    )
    everyone = can(viewer, Perm.VIEW_READ_RECEIPTS)
    reachable = [a.pk for a in announcements if everyone or a.post.author_id == viewer.pk]
    progress = services.progress_of(reachable)
    cards = {}
    for announcement in announcements:
        has_receipt = bool(getattr(announcement, "my_receipt", False))
        cards[announcement.pk] = AnnouncementCard(
            announcement=announcement,
            url=reverse("announcements:detail", args=[announcement.pk]),
            audience_text=audience_text(announcement),
            receipt=ReceiptState(announcement.my_read_at, announcement.my_acknowledged_at)  # type: ignore[attr-defined]
            if has_receipt
            else None,
            progress=progress.get(announcement.pk, services.Progress(0, 0, 0))
            if announcement.pk in reachable
            else None,
            reach_url=reverse("announcements:reach", args=[announcement.pk]),
        )
    return cards


def with_receipt_of(queryset: QuerySet[Announcement], viewer: Person) -> QuerySet[Announcement]:
    """The viewer's receipt as three columns of the announcements query."""
    mine = AnnouncementReceipt.objects.filter(announcement=OuterRef("pk"), person=viewer)
    return queryset.annotate(
        my_receipt=Exists(mine),
        my_read_at=Subquery(mine.values("read_at")[:1]),
        my_acknowledged_at=Subquery(mine.values("acknowledged_at")[:1]),
    )


def extend_cards(viewer: Person, posts: Sequence[Post]) -> Mapping[int, CardExtra]:
    by_id = {post.pk: post for post in posts}
    announcements = list(with_receipt_of(Announcement.objects.filter(pk__in=list(by_id)), viewer))
    for announcement in announcements:
        announcement.post = by_id[announcement.pk]  # already read, with what the card needs
    return {
        pk: CardExtra(template=CARD_TEMPLATE, context=card, replaces_body=True)
        for pk, card in cards_for(viewer, announcements).items()
    }


def pinned_announcements(viewer: Person, limit: int) -> Pinned:
    ids = services.pending_for(viewer, limit + 1)
    if len(ids) <= limit:
        return Pinned(post_ids=ids)
    return Pinned(
        post_ids=ids[:limit],
        more_url=reverse("announcements:index"),
        more_label=_("All announcements you still have to read"),
    )
