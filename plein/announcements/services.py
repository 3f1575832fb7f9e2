"""Sending announcements, recording that they were read, and the reach report.

Sending writes the post (through the community's `publish_post`: the gate, visibility, comments
and reactions) and the announcement in one transaction. The receipts (one row per recipient)
and the notifications are written by `deliver`: in the author's request for a small audience,
by the worker for a large one, so an announcement to 20,000 people returns at once. `deliver`
is idempotent: it can run twice (a worker killed half-way) and a periodic job picks up an
announcement whose task was lost.

Recipients are fixed when the announcement is delivered: someone who joins the department later
does not get it (they can still read it: the post is there for everyone it is visible to).
The author is never a recipient of their own announcement.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.community.models import Group, Membership, Post
from plein.community.services import groups as group_services
from plein.community.services.gate import pass_gate, plain_excerpt
from plein.community.services.posts import publish_post
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Department, Location, Person, PersonQuerySet
from plein.people.permissions import Perm, can

TITLE_LENGTH = 150
# Up to this many recipients are delivered in the author's request; more go to the worker.
DELIVER_INLINE_UP_TO = 200
# The reach report shows a department on its own only from this many recipients; smaller ones
# are counted together as "other departments" so that no one's reading can be singled out.
MIN_GROUP_SIZE = 5
# An announcement not delivered this long after it was sent is delivered by the periodic job.
REDELIVER_AFTER = timedelta(minutes=2)


# --- Who may send what -----------------------------------------------------------------------


def may_announce_widely(person: Person) -> bool:
    """To the organisation, departments or locations: managers, community managers, HR."""
    return can(person, Perm.ANNOUNCE)


def groups_to_announce_to(person: Person) -> QuerySet[Group]:
    """The groups the person administers (and so may send announcements to)."""
    return Group.objects.filter(
        memberships__person=person,
        memberships__state=Membership.State.ACTIVE,
        memberships__role=Membership.Role.ADMIN,
    ).order_by("name")


def may_send_any(person: Person) -> bool:
    return may_announce_widely(person) or (
        can(person, Perm.VIEW_INTERNAL) and groups_to_announce_to(person).exists()
    )


def _check_may_send(author: Person, audience: str, group: Group | None) -> None:
    if audience == Audience.GROUP:
        if group is None:
            raise ValidationError(_("Choose the group to send the announcement to."), code="group")
        if not group_services.is_group_admin(group, author) or not (
            group_services.is_active_member(group, author)
        ):
            raise PermissionDenied(_("Only an admin of the group can send it an announcement."))
        return
    if not may_announce_widely(author):
        raise PermissionDenied(
            _(
                "You cannot send announcements to the organisation, departments or locations. "
                "As a group admin you can send one to your group."
            )
        )


# --- Recipients ------------------------------------------------------------------------------


def recipients_of(announcement: Announcement) -> PersonQuerySet:
    """The people the announcement is sent to, as it stands now."""
    people = Person.objects.members().exclude(pk=announcement.post.author_id)
    if not announcement.include_flexible:
        people = people.exclude(contract_type=Person.ContractType.FLEXIBLE)
    if announcement.audience == Audience.DEPARTMENTS:
        # A department includes its sub-departments.
        paths = [d.path for d in announcement.departments.all()]
        if not paths:
            return people.none()
        match = Q()
        for path in paths:
            match |= Q(department__path__startswith=path)
        people = people.filter(match)
    elif announcement.audience == Audience.LOCATIONS:
        people = people.filter(location__in=announcement.locations.all())
    elif announcement.audience == Audience.GROUP:
        group_id = announcement.post.group_id
        if group_id is None:
            return people.none()
        member = Membership.objects.filter(
            group_id=group_id,
            person=OuterRef("pk"),
            state=Membership.State.ACTIVE,
        )
        people = people.filter(Exists(member))
    return people


# --- Sending ---------------------------------------------------------------------------------


def _gate_title(title: str, author: Person, confirmation: str = "") -> str:
    if not (title or "").strip():
        raise ValidationError(_("Give the announcement a title."), code="title")
    try:
        gated = pass_gate(title, author=author, max_length=TITLE_LENGTH, confirmation=confirmation)
    except ValidationError as error:
        raise ValidationError(error.messages[0], code="title") from error
    return " ".join(gated.markdown.split())


def send_announcement(
    author: Person,
    *,
    title: str,
    text: str,
    audience: str,
    departments: Sequence[Department] = (),
    locations: Sequence[Location] = (),
    group: Group | None = None,
    must_read: bool = False,
    requires_acknowledgement: bool = False,
    include_flexible: bool = False,
    confirmation: str = "",
) -> Announcement:
    """Publish an announcement. Asking for "I have read and understood" makes it a must-read.
    `confirmation`: the token of a policy warning the author chose to post anyway."""
    if audience not in Audience.values:
        raise ValidationError(_("Choose who the announcement is for."), code="audience")
    _check_may_send(author, audience, group)
    if audience == Audience.DEPARTMENTS and not departments:
        raise ValidationError(_("Choose at least one department."), code="departments")
    if audience == Audience.LOCATIONS and not locations:
        raise ValidationError(_("Choose at least one location."), code="locations")
    clean_title = _gate_title(title, author, confirmation)
    with transaction.atomic():
        post = publish_post(
            author,
            text,
            group=group if audience == Audience.GROUP else None,
            kind=Post.Kind.ANNOUNCEMENT,
            confirmation=confirmation,
        )
        announcement = Announcement.objects.create(
            post=post,
            title=clean_title,
            must_read=must_read or requires_acknowledgement,
            requires_acknowledgement=requires_acknowledgement,
            audience=audience,
            include_flexible=include_flexible,
            published_at=post.created_at,
        )
        if audience == Audience.DEPARTMENTS:
            announcement.departments.set(departments)
        elif audience == Audience.LOCATIONS:
            announcement.locations.set(locations)
        # Counted now for the author ("sent to 20,000 people"); `deliver` writes the receipts.
        announcement.recipient_count = recipients_of(announcement).count()
        announcement.save(update_fields=["recipient_count"])
        if announcement.recipient_count <= DELIVER_INLINE_UP_TO:
            deliver(announcement.pk)
        else:
            # Enqueued when the announcement commits; the periodic job is the safety net.
            pk = announcement.pk
            transaction.on_commit(lambda: _enqueue_delivery(pk), robust=True)
    return announcement


def _enqueue_delivery(announcement_id: int) -> None:
    from plein.announcements.tasks import deliver_announcement

    deliver_announcement.enqueue(announcement_id)


def deliver(announcement_id: int) -> int:
    """Write the receipts and notify the recipients. Returns how many recipients it has.

    Idempotent: receipts are inserted with ignore_conflicts, and it all happens in one
    transaction that also marks the announcement delivered, so a second run finds it done."""
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update(of=("self",))
            .select_related("post", "post__author", "post__group")
            .filter(pk=announcement_id)
            .first()
        )
        if announcement is None or announcement.delivered_at is not None:
            return 0
        post = announcement.post
        now = timezone.now()
        if post.deleted_at is not None:
            announcement.delivered_at = now
            announcement.save(update_fields=["delivered_at"])
            return 0
        _insert_receipts(announcement, now)
        ids = list(
            AnnouncementReceipt.objects.filter(announcement=announcement)
            .order_by("person_id")
            .values_list("person_id", flat=True)
        )
        announcement.delivered_at = now
        announcement.recipient_count = len(ids)
        announcement.save(update_fields=["delivered_at", "recipient_count"])
        notify(
            ids,
            kind=Kind.MUST_READ if announcement.must_read else Kind.ANNOUNCEMENT,
            actor=post.author,
            url=reverse("announcements:detail", args=[announcement.pk]),
            title=announcement.title,
            excerpt=plain_excerpt(post.body, 200),
            post=post,
            group=post.group,
            thread_key=f"announcement:{announcement.pk}",
        )
    return len(ids)


def _insert_receipts(announcement: Announcement, now: datetime) -> None:
    """One receipt per recipient, in one INSERT … SELECT: for 20,000 recipients the database
    does in a second what building the rows in Python takes ten for. Rows already there (a
    second run) are skipped. Only our own table and column names are formatted in; values go as
    parameters."""
    table = AnnouncementReceipt._meta.db_table
    recipients, params = (
        recipients_of(announcement)
        .order_by()
        .annotate(r_person=F("pk"), r_department=F("department_id"))
        .values("r_person", "r_department")
        .query.sql_with_params()
    )
    sql = (
        f"INSERT INTO {table} (announcement_id, person_id, department_id, created_at) "  # noqa: S608
        f"SELECT %s, r.r_person, r.r_department, %s FROM ({recipients}) r WHERE 1 = 1 "
        "ON CONFLICT (announcement_id, person_id) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [announcement.pk, connection.ops.adapt_datetimefield_value(now), *params]
        )


def deliver_waiting() -> int:
    """The periodic safety net: deliver announcements whose delivery task was lost."""
    before = timezone.now() - REDELIVER_AFTER
    waiting = Announcement.objects.filter(
        delivered_at__isnull=True, published_at__lt=before
    ).values_list("pk", flat=True)
    pks = list(waiting[:100])
    for pk in pks:
        deliver(pk)
    return len(pks)


# --- Reading ---------------------------------------------------------------------------------


def receipt_of(announcement: Announcement, person: Person) -> AnnouncementReceipt | None:
    return AnnouncementReceipt.objects.filter(announcement=announcement, person=person).first()


def mark_read(announcement: Announcement, person: Person) -> AnnouncementReceipt | None:
    """The person opened the announcement or pressed "Mark as read". Only recipients have
    something to mark (returns None for anyone else); reading twice keeps the first time."""
    receipt = receipt_of(announcement, person)
    if receipt is None or receipt.read_at is not None:
        return receipt
    now = timezone.now()
    receipt.read_at = now
    fields = ["read_at"]
    if not announcement.requires_acknowledgement:
        receipt.done_at = now
        fields.append("done_at")
    AnnouncementReceipt.objects.filter(pk=receipt.pk, read_at__isnull=True).update(
        **dict.fromkeys(fields, now)
    )
    return receipt


def acknowledge(announcement: Announcement, person: Person) -> AnnouncementReceipt:
    """ "I have read and understood." """
    if not announcement.requires_acknowledgement:
        raise ValidationError(_("This announcement does not ask for a confirmation."))
    receipt = receipt_of(announcement, person)
    if receipt is None:
        raise PermissionDenied(_("This announcement was not sent to you."))
    if receipt.acknowledged_at is not None:
        return receipt
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.acknowledged_at = now
    receipt.done_at = now
    AnnouncementReceipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).update(
        read_at=receipt.read_at, acknowledged_at=now, done_at=now
    )
    return receipt


def pending_for(person: Person, limit: int) -> list[int]:
    """The announcements (their post ids) the person still has to read, newest first, that
    they can still see: one query on the partial index of open receipts."""
    readable = Post.objects.visible_to(person).filter(pk=OuterRef("announcement_id"))
    return list(
        AnnouncementReceipt.objects.filter(person=person, done_at__isnull=True)
        .filter(Exists(readable))
        .order_by("-announcement_id")
        .values_list("announcement_id", flat=True)[:limit]
    )


# --- The reach report ------------------------------------------------------------------------


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class ReachRow:
    label: str
    total: int
    read: int
    acknowledged: int
    departments: list[str] = field(default_factory=list)  # in a merged row: which ones

    @property
    def read_percent(self) -> int:
        return _percent(self.read, self.total)

    @property
    def acknowledged_percent(self) -> int:
        return _percent(self.acknowledged, self.total)

    def add(self, other: "ReachRow") -> None:
        self.total += other.total
        self.read += other.read
        self.acknowledged += other.acknowledged
        self.departments.extend(other.departments or [other.label])


@dataclass
class Reach:
    total: ReachRow
    rows: list[ReachRow]  # per department, largest first; then "other departments"
    other: ReachRow | None
    min_group_size: int = MIN_GROUP_SIZE


def reach(announcement: Announcement) -> Reach:
    """Read and confirmed, in total and per department, in one query.

    Departments with fewer than MIN_GROUP_SIZE recipients are counted together as "other
    departments"; if that row would itself be smaller than MIN_GROUP_SIZE, the smallest
    department shown is added to it until it is not (or nothing is left to add), so that no
    row's numbers, nor the total minus the rows, tell how one person did."""
    rows = (
        AnnouncementReceipt.objects.filter(announcement=announcement)
        .values("department_id", "department__name")
        .annotate(total=Count("pk"), read=Count("read_at"), acknowledged=Count("acknowledged_at"))
        .order_by()
    )
    total = ReachRow(label=_("All recipients"), total=0, read=0, acknowledged=0)
    shown: list[ReachRow] = []
    other = ReachRow(label=_("Other departments"), total=0, read=0, acknowledged=0)
    for row in rows:
        item = ReachRow(
            label=row["department__name"] or _("No department"),
            total=row["total"],
            read=row["read"],
            acknowledged=row["acknowledged"],
        )
        total.add(item)
        if item.total >= MIN_GROUP_SIZE:
            shown.append(item)
        else:
            other.add(item)
    total.departments = []
    shown.sort(key=lambda r: (-r.total, r.label.lower()))
    while 0 < other.total < MIN_GROUP_SIZE and shown:
        other.add(shown.pop())
    other.departments.sort(key=str.lower)
    return Reach(total=total, rows=shown, other=other if other.total else None)


def not_done_receipts(announcement: Announcement) -> QuerySet[AnnouncementReceipt]:
    """Who has not read (or not confirmed) it, by name: only for Perm.VIEW_READ_RECEIPTS (the
    view checks), never for a sender without that permission."""
    return (
        AnnouncementReceipt.objects.filter(announcement=announcement, done_at__isnull=True)
        .select_related("person", "department")
        .order_by("person__last_name", "person__first_name", "person_id")
    )


def may_see_reach(announcement: Announcement, person: Person) -> bool:
    return announcement.post.author_id == person.pk or can(person, Perm.VIEW_READ_RECEIPTS)


def may_see_names(person: Person) -> bool:
    return can(person, Perm.VIEW_READ_RECEIPTS)


# --- For lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    recipients: int
    read: int
    acknowledged: int

    @property
    def read_percent(self) -> int:
        return _percent(self.read, self.recipients)

    @property
    def acknowledged_percent(self) -> int:
        return _percent(self.acknowledged, self.recipients)


def progress_of(announcement_ids: Iterable[int]) -> dict[int, Progress]:
    """Per announcement: recipients, read, confirmed, in one query."""
    ids = list(announcement_ids)
    if not ids:
        return {}
    rows = (
        AnnouncementReceipt.objects.filter(announcement_id__in=ids)
        .values("announcement_id")
        .annotate(total=Count("pk"), read=Count("read_at"), acknowledged=Count("acknowledged_at"))
        .order_by()
    )
    return {
        row["announcement_id"]: Progress(row["total"], row["read"], row["acknowledged"])
        for row in rows
    }
