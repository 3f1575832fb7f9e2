"""Moderation: reports, the queue, decisions, appeals and suspensions. Every transition of a
`ModerationCase` is one function here; each writes an append-only `LogEntry` and tells the
author (in their language) what was decided and why.

Outcomes:
- approve: a held item is published (the usual effects follow: search, notifications); after
  an appeal, an item removed by a moderator comes back and suspensions of the case are lifted.
- ask_edit (posts): the post is hidden from everyone else until the author edits it; the edit
  goes back to the queue.
- remove: gone from feeds, search and notifications at once (PostRemoved/CommentRemoved).
- warn: the item stays (a held one is published) and the author gets a formal warning.
- suspend: removed, and the author cannot post, comment or react for N days (reading works).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.community import events
from plein.community.models import Comment, Group, Membership, Moderation, Post
from plein.community.services import conversation, posts
from plein.community.services.gate import plain_excerpt
from plein.core.events import subscribe
from plein.notifications.models import Kind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.people.permissions import ROLE_PERMISSIONS, Perm, can
from plein.policy.models import Appeal, Decision, LogEntry, ModerationCase, Report, Suspension
from plein.policy.models.moderation import Outcome, ReportReason

MAX_SUSPEND_DAYS = 365
REASON_LENGTH = 2000


# --- Who moderates what --------------------------------------------------------------------


def _admin_group_ids(person: Person) -> QuerySet:
    return Membership.objects.filter(
        person=person, state=Membership.State.ACTIVE, role=Membership.Role.ADMIN
    ).values("group_id")


def moderates_anything(person: Person) -> bool:
    return can(person, Perm.MODERATE) or (
        can(person, Perm.VIEW_INTERNAL) and _admin_group_ids(person).exists()
    )


def cases_for(person: Person) -> QuerySet[ModerationCase]:
    """The cases a person may moderate: all for Perm.MODERATE, else those of groups they are
    an admin of."""
    cases = ModerationCase.objects.all()
    if can(person, Perm.MODERATE):
        return cases
    if not can(person, Perm.VIEW_INTERNAL):
        return cases.none()
    return cases.filter(group_id__in=_admin_group_ids(person))


def can_moderate(person: Person, case: ModerationCase) -> bool:
    return cases_for(person).filter(pk=case.pk).exists()


def queue_for(person: Person) -> QuerySet[ModerationCase]:
    return (
        cases_for(person)
        .filter(state=ModerationCase.State.OPEN)
        .select_related("author", "group", "post", "comment", "comment__post")
        .prefetch_related("reports")
        .order_by("-appealed", "opened_at", "id")
    )


def _other_moderator_exists(case: ModerationCase, besides: int) -> bool:
    roles = [role.value for role, perms in ROLE_PERMISSIONS.items() if Perm.MODERATE in perms]
    moderators = Person.objects.members().filter(granted_roles__role__in=roles)
    if moderators.exclude(pk=besides).exists():
        return True
    if case.group_id is None:
        return False
    return (
        Membership.objects.filter(
            group_id=case.group_id, state=Membership.State.ACTIVE, role=Membership.Role.ADMIN
        )
        .exclude(person_id=besides)
        .exists()
    )


# --- Items ---------------------------------------------------------------------------------


def _item_group(post: Post | None, comment: Comment | None) -> Group | None:
    target = post if post is not None else comment.post if comment is not None else None
    return target.group if target is not None else None


def case_for_item(
    *, post: Post | None = None, comment: Comment | None = None
) -> tuple[ModerationCase, bool]:
    """The item's case (one per item), opened if there is none. Caller holds a transaction."""
    if (post is None) == (comment is None):
        raise ValueError("a case is about one post or one comment")
    lookup = {"post": post, "comment": None} if post is not None else {"comment": comment}
    author_id = post.author_id if post is not None else comment.author_id  # type: ignore[union-attr]
    group = _item_group(post, comment)
    case, created = ModerationCase.objects.get_or_create(
        **lookup, defaults={"author_id": author_id, "group": group}
    )
    return case, created


def _log(case: ModerationCase, action: str, *, actor: Person | None = None, **fields: str) -> None:
    LogEntry.objects.create(case=case, actor=actor, action=action, **fields)


def _reopen(case: ModerationCase, **changes: object) -> None:
    case.state = ModerationCase.State.OPEN
    case.updated_at = timezone.now()
    for name, value in changes.items():
        setattr(case, name, value)
    case.save()


def on_content_held(event: events.ContentHeld) -> None:
    """The gate held a new item, or the author edited a held one: it waits in the queue."""
    with transaction.atomic():
        case, created = case_for_item(post=event.post, comment=event.comment)
        rules = ",".join(event.rule_ids)[:500]
        if not created and case.state == ModerationCase.State.AWAITING_EDIT:
            _reopen(case, held=True, held_rules=rules or case.held_rules)
            _log(case, LogEntry.Action.EDITED, actor=case.author)
            return
        _reopen(case, held=True, held_rules=rules)
        _log(case, LogEntry.Action.HELD, reason=rules)


def connect() -> None:
    subscribe(events.ContentHeld, on_content_held)


# --- Reports -------------------------------------------------------------------------------


def report(
    reporter: Person,
    *,
    post: Post | None = None,
    comment: Comment | None = None,
    reason: str,
    note: str = "",
) -> Report:
    """A member reports a post or comment they can read. One open report per person per item;
    the item's case goes (back) into the queue."""
    if reason not in ReportReason.values:
        raise ValidationError(_("Choose why you report this."), code="reason")
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationError(_("Keep the note under 1000 characters."), code="note")
    if post is not None and not Post.objects.visible_to(reporter).filter(pk=post.pk).exists():
        raise PermissionDenied
    if comment is not None and not (
        Comment.objects.visible_to(reporter).filter(pk=comment.pk).exists()
    ):
        raise PermissionDenied
    try:
        with transaction.atomic():
            case, _created = case_for_item(post=post, comment=comment)
            made = Report.objects.create(case=case, reporter=reporter, reason=reason, note=note)
            if case.state != ModerationCase.State.OPEN:
                _reopen(case)
            _log(case, LogEntry.Action.REPORTED, actor=reporter, reason=reason)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already reported this; a moderator will look at it."), code="reported"
        ) from error
    return made


# --- Decisions -----------------------------------------------------------------------------


def decide(
    case: ModerationCase,
    *,
    by: Person,
    outcome: str,
    reason: str,
    suspend_days: int | None = None,
) -> Decision:
    reason = (reason or "").strip()
    if not can_moderate(by, case):
        raise PermissionDenied(_("You cannot moderate this."))
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose a decision."), code="outcome")
    if not reason:
        raise ValidationError(
            _("Give the reason: the author reads it with your decision."), code="reason"
        )
    if len(reason) > REASON_LENGTH:
        raise ValidationError(_("Keep the reason under 2000 characters."), code="reason")
    if outcome == Outcome.ASK_EDIT and case.comment_id is not None:
        raise ValidationError(
            _("Comments cannot be edited: approve or remove this comment."), code="outcome"
        )
    if outcome == Outcome.SUSPEND:
        if not can(by, Perm.MODERATE):
            raise PermissionDenied(_("Only community managers can suspend someone."))
        if suspend_days is None or not 1 <= suspend_days <= MAX_SUSPEND_DAYS:
            raise ValidationError(
                _("Suspend for 1 to %(max)d days.") % {"max": MAX_SUSPEND_DAYS},
                code="suspend_days",
            )
    with transaction.atomic():
        locked = ModerationCase.objects.select_for_update().get(pk=case.pk)
        if locked.state != ModerationCase.State.OPEN:
            raise ValidationError(_("This has already been decided."), code="state")
        last = locked.decisions.order_by("-id").first()
        if (
            locked.appealed
            and last is not None
            and last.moderator_id == by.pk
            and _other_moderator_exists(locked, by.pk)
        ):
            raise PermissionDenied(
                _("You decided this before: another moderator decides on the appeal.")
            )
        decision = Decision.objects.create(
            case=locked,
            moderator=by,
            outcome=outcome,
            reason=reason,
            suspend_days=suspend_days if outcome == Outcome.SUSPEND else None,
        )
        _apply(locked, decision, by)
        locked.state = (
            ModerationCase.State.AWAITING_EDIT
            if outcome == Outcome.ASK_EDIT
            else ModerationCase.State.DECIDED
        )
        locked.held = outcome == Outcome.ASK_EDIT
        locked.appealed = False
        locked.updated_at = timezone.now()
        locked.save()
        Report.objects.filter(case=locked, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _log(locked, LogEntry.Action.DECIDED, actor=by, outcome=outcome, reason=reason)
        _tell_author(locked, decision)
    case.refresh_from_db()
    return decision


def _item(case: ModerationCase) -> Post | Comment:
    if case.comment_id is not None:
        return Comment.objects.select_related("post").get(pk=case.comment_id)
    assert case.post_id is not None
    return Post.objects.select_related("group").get(pk=case.post_id)


def _apply(case: ModerationCase, decision: Decision, by: Person) -> None:
    item = _item(case)
    outcome = decision.outcome
    if outcome in (Outcome.APPROVE, Outcome.WARN):
        if outcome == Outcome.APPROVE:
            _restore_if_removed(item, case)
        if item.moderation == Moderation.HELD and item.deleted_at is None:
            if isinstance(item, Post):
                posts.release_held_post(item)
            else:
                conversation.release_held_comment(item)
    elif outcome == Outcome.ASK_EDIT:
        if isinstance(item, Post) and item.moderation == Moderation.PUBLISHED:
            posts.hold_post(item)
    elif item.deleted_at is None:  # remove, suspend
        if isinstance(item, Post):
            posts.delete_post(item, by=by)
        else:
            conversation.delete_comment(item, by=by)
    if outcome == Outcome.SUSPEND and decision.suspend_days:
        Suspension.objects.create(
            person_id=case.author_id,
            decision=decision,
            ends_at=timezone.now() + timedelta(days=decision.suspend_days),
        )


def _restore_if_removed(item: Post | Comment, case: ModerationCase) -> None:
    """After an upheld appeal: a removed item (not deleted by its author) comes back, and the
    case's suspensions end."""
    Suspension.objects.filter(decision__case=case, lifted_at__isnull=True).update(
        lifted_at=timezone.now()
    )
    if item.deleted_at is None:
        return
    if isinstance(item, Post):
        if item.removed_by_id in (None, item.author_id):
            return
        item.deleted_at = None
        item.removed_by = None
        item.save(update_fields=["deleted_at", "removed_by"])
        if item.moderation == Moderation.PUBLISHED:
            posts.release_held_post(item)
    else:
        item.deleted_at = None
        item.save(update_fields=["deleted_at"])
        if item.moderation == Moderation.PUBLISHED:
            conversation.release_held_comment(item)


def outcome_sentence(decision: Decision) -> str:
    """In the active language (callers override it with the author's)."""
    sentences = {
        Outcome.APPROVE: _("Your text was approved: everyone who may read it can see it now."),
        Outcome.ASK_EDIT: _("A moderator asks you to edit your post; until then only you see it."),
        Outcome.REMOVE: _("A moderator removed your text."),
        Outcome.WARN: _("A moderator warned you about your text."),
        Outcome.SUSPEND: _("A moderator removed your text and suspended you for %(days)d days."),
    }
    return sentences[Outcome(decision.outcome)] % {"days": decision.suspend_days or 0}


def _tell_author(case: ModerationCase, decision: Decision) -> None:
    author = Person.objects.get(pk=case.author_id)
    with translation.override(author.language):
        title = outcome_sentence(decision)
    notify(
        [author],
        kind=Kind.MODERATION,
        actor=None,
        url=reverse("policy:decision", args=[decision.pk]),
        title=title,
        excerpt=plain_excerpt(decision.reason, 400),
        thread_key=f"moderation:{decision.pk}",
    )


# --- Appeals -------------------------------------------------------------------------------


def appeal(decision: Decision, *, by: Person, text: str) -> Appeal:
    """The author appeals a decision once; the case goes back to the queue (for another
    moderator where there is one)."""
    text = (text or "").strip()
    case = decision.case
    if case.author_id != by.pk:
        raise PermissionDenied(_("Only the author can appeal."))
    if decision.outcome == Outcome.APPROVE:
        raise ValidationError(_("There is nothing to appeal in an approval."), code="text")
    if not text:
        raise ValidationError(_("Say why the decision should change."), code="text")
    if len(text) > REASON_LENGTH:
        raise ValidationError(_("Keep your appeal under 2000 characters."), code="text")
    with transaction.atomic():
        locked = ModerationCase.objects.select_for_update().get(pk=case.pk)
        if locked.decisions.order_by("-id").first() != decision:
            raise ValidationError(_("This decision has been reconsidered already."), code="text")
        if Appeal.objects.filter(decision=decision).exists():
            raise ValidationError(_("You have already appealed this decision."), code="text")
        made = Appeal.objects.create(decision=decision, text=text)
        _reopen(locked, appealed=True)
        _log(locked, LogEntry.Action.APPEALED, actor=by, reason=text)
    return made


# --- Reading -------------------------------------------------------------------------------


def audit_log_for(person: Person) -> QuerySet[LogEntry]:
    return (
        LogEntry.objects.filter(case__in=cases_for(person))
        .select_related("actor", "case", "case__author")
        .order_by("-id")
    )


def decisions_visible_to(person: Person) -> QuerySet[Decision]:
    """A decision is read by the author it concerns and by those who moderate its case."""
    return Decision.objects.filter(
        Q(case__author=person) | Q(case__in=cases_for(person))
    ).select_related("case", "moderator")
