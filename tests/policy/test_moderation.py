"""Moderation through the services: held items wait unseen (absent from feeds, search and
notifications), decisions with a reason told to the author, reports, appeals, suspensions
and the append-only log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from plein.community.models import Comment, Group, Moderation, Post
from plein.community.services import conversation, feeds, groups, posts
from plein.notifications.models import Kind, Notification
from plein.policy.models import Appeal, Decision, LogEntry, ModerationCase, Report, Suspension
from plein.policy.models.moderation import Outcome, ReportReason
from plein.policy.services import moderation
from plein.search import services as search
from plein.search.indexing import connect
from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def mention(person) -> str:
    return f"@[{person.first_name}](p:{person.pk})"


@pytest.fixture
def held_post(employee, manager, blocked_word, on_commit):
    with on_commit():
        return posts.publish_post(
            employee, f"Die {blocked_word} van de planning, {mention(manager)} #planning"
        )


def case_of(post: Post) -> ModerationCase:
    return ModerationCase.objects.get(post=post)


def in_feeds(viewer, post: Post) -> bool:
    """In the viewer's home feed or on the author's page of posts."""
    home = [p.pk for p in feeds.home_feed(viewer).posts]
    theirs = [p.pk for p in feeds.person_feed(viewer, post.author).posts]
    return post.pk in home or post.pk in theirs


# --- Held items leak nowhere ---------------------------------------------------------------


def test_a_held_post_is_in_the_queue_and_nowhere_else(held_post, employee, manager):
    case = case_of(held_post)
    assert case.state == ModerationCase.State.OPEN and case.held
    assert "org-blocked-internal" in case.held_rules
    assert not in_feeds(manager, held_post)
    assert not in_feeds(employee, held_post)  # the feed shows published posts only
    assert search.search(manager, "planning").count == 0
    assert not Notification.objects.filter(recipient=manager).exists()
    assert LogEntry.objects.filter(case=case, action=LogEntry.Action.HELD).exists()


def test_a_held_comment_is_not_counted_searched_or_told(employee, manager, blocked_word, on_commit):
    with on_commit():
        post = posts.publish_post(manager, "Wie gaat er mee naar de beurs?")
        comment = conversation.add_comment(post, employee, f"Die beurs is {blocked_word}")
    card = feeds.decorate(Post.objects.filter(pk=post.pk), manager).get()
    assert card.comment_count in (0, None)
    assert search.search(manager, "beurs").count == 1  # the post, not the comment
    assert not Notification.objects.filter(recipient=manager, kind=Kind.COMMENT).exists()
    assert ModerationCase.objects.get(comment=comment).held


def test_approving_publishes_with_the_usual_effects_and_tells_the_author(
    held_post, employee, manager, community_manager, on_commit
):
    case = case_of(held_post)
    with on_commit():
        moderation.decide(
            case, by=community_manager, outcome=Outcome.APPROVE, reason="Kritiek mag, prima."
        )
    held_post.refresh_from_db()
    assert held_post.moderation == Moderation.PUBLISHED
    assert in_feeds(manager, held_post)
    assert search.search(manager, "planning").count == 1
    # Only now is the mentioned colleague told.
    assert Notification.objects.filter(recipient=manager, kind=Kind.MENTION).exists()
    told = Notification.objects.get(recipient=employee, kind=Kind.MODERATION)
    assert told.excerpt == "Kritiek mag, prima."
    with translation.override(employee.language or "nl"):
        assert told.title == gettext(
            "Your text was approved: everyone who may read it can see it now."
        )
    case.refresh_from_db()
    assert case.state == ModerationCase.State.DECIDED


def test_removing_a_published_post_hides_it_everywhere_at_once(
    employee, manager, community_manager, on_commit
):
    with on_commit():
        post = posts.publish_post(employee, f"Vergadering verplaatst {mention(manager)} #overleg")
    assert Notification.objects.for_recipient(manager).filter(post=post).exists()
    assert in_feeds(manager, post)
    assert search.search(manager, "vergadering").count == 1
    moderation.report(manager, post=post, reason=ReportReason.HARASSMENT)
    case = case_of(post)
    with on_commit():
        moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="Weg.")
    assert not in_feeds(manager, post)
    assert search.search(manager, "vergadering").count == 0
    assert not Notification.objects.for_recipient(manager).filter(post=post).exists()
    assert Report.objects.get().resolved_at is not None


def test_a_reason_is_required_and_only_moderators_decide(held_post, manager, community_manager):
    case = case_of(held_post)
    with pytest.raises(ValidationError):
        moderation.decide(case, by=community_manager, outcome=Outcome.APPROVE, reason=" ")
    with pytest.raises(PermissionDenied):
        moderation.decide(case, by=manager, outcome=Outcome.APPROVE, reason="Prima")
    assert not Decision.objects.exists()


def test_a_group_admin_moderates_the_items_of_their_group_only(
    employee, manager, blocked_word, on_commit
):
    group = groups.create_group(by=manager, name="Monteurs", visibility=Group.Visibility.OPEN)
    groups.join(group, employee)
    with on_commit():
        in_group = posts.publish_post(employee, f"{blocked_word} gereedschap", group=group)
        outside = posts.publish_post(employee, f"{blocked_word} kantine")
    assert list(moderation.queue_for(manager)) == [case_of(in_group)]
    with pytest.raises(PermissionDenied):
        moderation.decide(case_of(outside), by=manager, outcome=Outcome.APPROVE, reason="ok")
    moderation.decide(case_of(in_group), by=manager, outcome=Outcome.REMOVE, reason="Niet hier")
    in_group.refresh_from_db()
    assert in_group.deleted_at is not None


def test_ask_for_an_edit_hides_the_post_until_the_edit_is_approved(
    employee, manager, community_manager, on_commit
):
    with on_commit():
        post = posts.publish_post(employee, "De nieuwe roosters zijn een ramp #roosters")
    moderation.report(manager, post=post, reason=ReportReason.OTHER, note="Toon")
    case = case_of(post)
    moderation.decide(case, by=community_manager, outcome=Outcome.ASK_EDIT, reason="Iets milder?")
    post.refresh_from_db()
    assert post.moderation == Moderation.HELD
    assert not in_feeds(manager, post)
    case.refresh_from_db()
    assert case.state == ModerationCase.State.AWAITING_EDIT
    posts.edit_post(post, "De nieuwe roosters vallen me tegen #roosters", by=employee)
    case.refresh_from_db()
    assert case.state == ModerationCase.State.OPEN
    assert LogEntry.objects.filter(case=case, action=LogEntry.Action.EDITED).exists()
    with on_commit():
        moderation.decide(case, by=community_manager, outcome=Outcome.APPROVE, reason="Dank!")
    assert in_feeds(manager, post)
    assert search.search(manager, "tegen").count == 1


def test_warn_keeps_the_item_and_tells_the_author(
    held_post, employee, community_manager, on_commit
):
    with on_commit():
        moderation.decide(
            case_of(held_post), by=community_manager, outcome=Outcome.WARN, reason="Let op je toon."
        )
    held_post.refresh_from_db()
    assert held_post.moderation == Moderation.PUBLISHED and held_post.deleted_at is None
    assert Notification.objects.filter(recipient=employee, kind=Kind.MODERATION).exists()


# --- Suspension ----------------------------------------------------------------------------


def test_a_suspended_person_reads_but_cannot_post_comment_or_react_until_the_end(
    held_post, employee, manager, community_manager
):
    other = posts.publish_post(manager, "Koffie staat klaar")
    moderation.decide(
        case_of(held_post),
        by=community_manager,
        outcome=Outcome.SUSPEND,
        reason="Derde keer.",
        suspend_days=3,
    )
    held_post.refresh_from_db()
    assert held_post.deleted_at is not None
    for attempt in (
        lambda: posts.publish_post(employee, "Hallo"),
        lambda: conversation.add_comment(other, employee, "Lekker"),
        lambda: conversation.react(employee, "like", post=other),
    ):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "suspended"
    assert in_feeds(employee, other)  # reading still works
    Suspension.objects.update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert posts.publish_post(employee, "Ik ben er weer")


def test_only_community_managers_suspend(employee, manager, blocked_word):
    group = groups.create_group(by=manager, name="Lassers")
    groups.join(group, employee)
    post = posts.publish_post(employee, f"{blocked_word}!", group=group)
    with pytest.raises(PermissionDenied):
        moderation.decide(
            case_of(post), by=manager, outcome=Outcome.SUSPEND, reason="x", suspend_days=2
        )


# --- Reports -------------------------------------------------------------------------------


def test_one_open_report_per_person_per_item(employee, manager):
    post = posts.publish_post(employee, "Nieuwe parkeerregels")
    moderation.report(manager, post=post, reason=ReportReason.SPAM)
    with pytest.raises(ValidationError):
        moderation.report(manager, post=post, reason=ReportReason.OTHER)
    moderation.report(PersonFactory(), post=post, reason=ReportReason.SPAM)
    assert Report.objects.count() == 2
    assert ModerationCase.objects.get().state == ModerationCase.State.OPEN


def test_nobody_reports_what_they_cannot_read(employee, manager, outsider):
    group = groups.create_group(by=manager, name="Geheim", visibility=Group.Visibility.SECRET)
    post = posts.publish_post(manager, "Alleen voor ons", group=group)
    with pytest.raises(PermissionDenied):
        moderation.report(employee, post=post, reason=ReportReason.SPAM)
    assert not Report.objects.exists()


def test_a_comment_can_be_reported_and_removed(employee, manager, community_manager):
    post = posts.publish_post(manager, "Wie heeft er een ladder?")
    comment = conversation.add_comment(post, employee, "Niet jouw zaak")
    moderation.report(manager, comment=comment, reason=ReportReason.HARASSMENT)
    case = ModerationCase.objects.get(comment=comment)
    with pytest.raises(ValidationError):  # comments cannot be edited
        moderation.decide(case, by=community_manager, outcome=Outcome.ASK_EDIT, reason="x")
    moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="Onaardig")
    assert not Comment.objects.visible_to(manager).filter(pk=comment.pk).exists()


# --- Appeals -------------------------------------------------------------------------------


def test_an_appeal_returns_the_item_to_the_queue_for_another_moderator(
    held_post, employee, community_manager, admin_person, on_commit
):
    case = case_of(held_post)
    removal = moderation.decide(
        case, by=community_manager, outcome=Outcome.SUSPEND, reason="Nee", suspend_days=7
    )
    with pytest.raises(PermissionDenied):
        moderation.appeal(removal, by=community_manager, text="?")
    moderation.appeal(removal, by=employee, text="Het was een citaat van de klant.")
    with pytest.raises(ValidationError):
        moderation.appeal(removal, by=employee, text="Nog een keer")
    assert Appeal.objects.count() == 1
    case.refresh_from_db()
    assert case.state == ModerationCase.State.OPEN and case.appealed
    assert case in moderation.queue_for(admin_person)
    # The moderator who decided does not decide the appeal while another one exists.
    with pytest.raises(PermissionDenied):
        moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="Toch niet")
    with on_commit():
        moderation.decide(case, by=admin_person, outcome=Outcome.APPROVE, reason="Citaat: oké.")
    held_post.refresh_from_db()
    assert held_post.deleted_at is None and held_post.moderation == Moderation.PUBLISHED
    assert not Suspension.objects.filter(lifted_at__isnull=True).exists()
    assert posts.publish_post(employee, "Dank je")


def test_the_only_moderator_may_decide_an_appeal_themselves(held_post, employee, community_manager):
    case = case_of(held_post)
    removal = moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="Nee")
    moderation.appeal(removal, by=employee, text="Waarom?")
    moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="Toch nee")
    assert Decision.objects.count() == 2


# --- The log -------------------------------------------------------------------------------


def test_the_log_records_every_step_in_order(held_post, employee, manager, community_manager):
    case = case_of(held_post)
    decision = moderation.decide(case, by=community_manager, outcome=Outcome.REMOVE, reason="R")
    moderation.appeal(decision, by=employee, text="A")
    actions = list(LogEntry.objects.filter(case=case).order_by("id").values_list("action", "actor"))
    assert actions == [
        (LogEntry.Action.HELD, None),
        (LogEntry.Action.DECIDED, community_manager.pk),
        (LogEntry.Action.APPEALED, employee.pk),
    ]
    assert list(moderation.audit_log_for(manager)) == []


def test_search_index_is_connected():
    connect()  # idempotent: the app registered it already
