"""Notification e-mail, sent from this process to a real SMTP server on loopback: at once for
what is addressed to the person, digests for the rest; in the recipient's language; never
twice; and only what the recipient may still see when it is sent."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from plein.community.models import Group
from plein.community.services import groups, posts
from plein.notifications import mail, services
from plein.notifications.models import (
    Delivery,
    DigestFrequency,
    DigestRun,
    EmailState,
    Kind,
    MailSettings,
    Notification,
)
from plein.notifications.services import notify
from tests.factories import PersonFactory
from tests.notifications.conftest import only_mail_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def mention(person) -> str:
    return f"@[{person.first_name}](p:{person.pk})"


@pytest.fixture
def english_reader():
    return PersonFactory(email="emma@example.nl", first_name="Emma", language="en")


@pytest.fixture
def dutch_reader():
    return PersonFactory(email="daan@example.nl", first_name="Daan", language="nl")


# --- At once -------------------------------------------------------------------------------


def test_a_mention_is_mailed_at_once_in_the_readers_language_with_one_click_unsubscribe(
    smtp, english_reader, manager, on_commit
):
    with on_commit():
        posts.publish_post(manager, f"Kun je dit nakijken, {mention(english_reader)}?")
    assert mail.send_pending_emails() == 1
    received = only_mail_to(smtp, english_reader.email)
    message = received.message
    assert message["Subject"] == f"{manager.full_name} mentioned you"
    assert f"{manager.full_name} mentioned you" in received.text()
    assert f"Kun je dit nakijken, @{english_reader.first_name}?" in received.text()
    assert '<html lang="en">' in received.html()
    notification = Notification.objects.get()
    assert f"/notifications/{notification.pk}/open/" in received.html()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip("<>")
    assert link.startswith("http")
    # The mail client's one-click POST, without any session.
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert (
        Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    assert MailSettings.objects.get(person=english_reader).unsubscribed_at is not None
    assert notification.pk and Notification.objects.get().email_state == EmailState.SENT


def test_a_dutch_reader_gets_a_dutch_email(smtp, dutch_reader, manager, on_commit):
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(dutch_reader)}")
    mail.send_pending_emails()
    assert '<html lang="nl">' in only_mail_to(smtp, dutch_reader.email).html()


def test_sending_again_sends_nothing_more(smtp, english_reader, manager, on_commit):
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(english_reader)}")
    assert mail.send_pending_emails() == 1
    assert mail.send_pending_emails() == 0
    assert len(smtp.delivered) == 1


def test_a_row_claimed_by_another_worker_is_left_to_it(smtp, english_reader, manager, on_commit):
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(english_reader)}")
    Notification.objects.update(email_state=EmailState.SENDING, emailed_at=timezone.now())
    assert mail.send_pending_emails() == 0
    assert smtp.delivered == []


def test_a_claim_left_by_a_dead_worker_is_sent_with_the_same_message_id(
    smtp, english_reader, manager, on_commit
):
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(english_reader)}")
    long_ago = timezone.now() - mail.STALE_CLAIM - datetime.timedelta(minutes=1)
    Notification.objects.update(email_state=EmailState.SENDING, emailed_at=long_ago)
    assert mail.send_pending_emails() == 1
    notification = Notification.objects.get()
    assert smtp.delivered[0].message["Message-ID"].startswith(f"<notification-{notification.pk}@")


def test_a_post_moved_into_a_closed_group_before_sending_is_not_mailed(
    smtp, english_reader, manager, on_commit
):
    with on_commit():
        post = posts.publish_post(manager, f"Nog open {mention(english_reader)}")
    group = groups.create_group(by=manager, name="Besloten", visibility=Group.Visibility.CLOSED)
    posts.move_post(post, group, by=manager)
    assert mail.send_pending_emails() == 0
    assert smtp.delivered == []
    assert Notification.objects.get().email_state == EmailState.SKIPPED


def test_what_was_read_muted_or_switched_off_before_sending_is_not_mailed(
    smtp, english_reader, manager, on_commit
):
    group = groups.create_group(by=manager, name="Open club", visibility=Group.Visibility.OPEN)
    with on_commit():
        posts.publish_post(manager, f"Eén {mention(english_reader)}")
        posts.publish_post(manager, f"Twee {mention(english_reader)}", group=group)
        posts.publish_post(manager, f"Drie {mention(english_reader)}")
    first = Notification.objects.order_by("id").first()
    services.mark_read(english_reader, first.pk)
    services.mute_group(english_reader, group)
    services.set_delivery(english_reader, Kind.MENTION, Delivery.IN_APP)
    assert mail.send_pending_emails() == 0
    assert smtp.delivered == []
    services.set_delivery(english_reader, Kind.MENTION, Delivery.IMMEDIATE)
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SKIPPED}


def test_people_who_unsubscribed_or_left_get_no_mail(
    smtp, english_reader, dutch_reader, manager, on_commit
):
    with on_commit():
        posts.publish_post(manager, f"Hoi {mention(english_reader)} en {mention(dutch_reader)}")
    services.unsubscribe(english_reader)
    dutch_reader.status = dutch_reader.Status.ALUMNUS
    dutch_reader.save(update_fields=["status"])
    assert mail.send_pending_emails() == 0


def test_a_growing_thread_is_mailed_once_while_unread(smtp, english_reader, manager, on_commit):
    from plein.community.services import conversation

    with on_commit():
        post = posts.publish_post(manager, f"Start {mention(english_reader)}")
    mail.send_pending_emails()
    with on_commit():
        conversation.add_comment(post, PersonFactory(), f"Ook {mention(english_reader)}")
    assert mail.send_pending_emails() == 0
    assert len(smtp.delivered) == 1
    assert Notification.objects.get(recipient=english_reader).actor_count == 2


# --- Digests -------------------------------------------------------------------------------

MORNING = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


def announce(people, *, actor, title, post=None, on_commit):
    with on_commit():
        notify(
            people,
            kind=Kind.NEW_ARTICLE,
            actor=actor,
            url=f"/articles/{title}/",
            title=title,
            excerpt=f"Over {title}",
            post=post,
        )


def test_a_digest_holds_only_what_each_reader_may_see_in_their_language(
    smtp, english_reader, dutch_reader, manager, on_commit
):
    closed = groups.create_group(by=manager, name="Directie", visibility=Group.Visibility.CLOSED)
    groups.invite(closed, dutch_reader, by=manager)
    groups.join(closed, dutch_reader)
    open_post = posts.publish_post(manager, "Voor iedereen")
    closed_post = posts.publish_post(manager, "Alleen directie", group=closed)
    readers = [english_reader, dutch_reader]
    announce(
        readers, actor=manager, title="Het nieuwe rooster", post=open_post, on_commit=on_commit
    )
    announce(readers, actor=manager, title="Begroting 2027", post=closed_post, on_commit=on_commit)
    # Created while both could see it; then the post moves into the closed group.
    later = posts.publish_post(manager, "Eerst open")
    announce(readers, actor=manager, title="Reorganisatie", post=later, on_commit=on_commit)
    posts.move_post(later, closed, by=manager)
    assert Notification.objects.filter(recipient=english_reader).count() == 2

    assert mail.send_digests(DigestFrequency.DAILY, now=MORNING) == 2

    english = only_mail_to(smtp, english_reader.email)
    assert "Het nieuwe rooster" in english.text() and "Het nieuwe rooster" in english.html()
    assert "Begroting 2027" not in english.text() + english.html()
    assert "Reorganisatie" not in english.text() + english.html()
    assert english.text().startswith("Hello Emma,")
    assert '<html lang="en">' in english.html()
    assert english.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    dutch = only_mail_to(smtp, dutch_reader.email)
    for title in ("Het nieuwe rooster", "Begroting 2027", "Reorganisatie"):
        assert title in dutch.text()
    assert dutch.text().startswith("Hallo Daan,")
    assert '<html lang="nl">' in dutch.html()


def test_each_persons_digest_goes_out_once_per_period(smtp, english_reader, manager, on_commit):
    announce([english_reader], actor=manager, title="Eerste", on_commit=on_commit)
    assert mail.send_digests(DigestFrequency.DAILY, now=MORNING) == 1
    announce([english_reader], actor=manager, title="Tweede", on_commit=on_commit)
    assert mail.send_digests(DigestFrequency.DAILY, now=MORNING) == 0
    assert len(smtp.delivered) == 1
    assert DigestRun.objects.get().notification_count == 1
    tomorrow = MORNING + datetime.timedelta(days=1)
    assert mail.send_digests(DigestFrequency.DAILY, now=tomorrow) == 1
    assert "Tweede" in smtp.delivered[1].text() and "Eerste" not in smtp.delivered[1].text()


def test_the_digest_leaves_out_what_was_mailed_at_once_read_or_in_app_only(
    smtp, english_reader, manager, on_commit
):
    with on_commit():
        posts.publish_post(manager, f"Direct gemaild {mention(english_reader)}")
    mail.send_pending_emails()
    announce([english_reader], actor=manager, title="Al gelezen", on_commit=on_commit)
    services.mark_all_read(english_reader)
    services.set_delivery(english_reader, Kind.BOARD_QUESTION, Delivery.IN_APP)
    with on_commit():
        notify(
            [english_reader],
            kind=Kind.BOARD_QUESTION,
            actor=manager,
            url="/b/",
            title="Alleen in de app",
        )
    announce([english_reader], actor=manager, title="Wel in de digest", on_commit=on_commit)
    assert mail.send_digests(DigestFrequency.DAILY, now=MORNING) == 1
    digest = smtp.delivered[-1].text()
    assert "Wel in de digest" in digest
    for absent in ("Direct gemaild", "Al gelezen", "Alleen in de app"):
        assert absent not in digest


def test_weekly_readers_get_no_daily_digest_and_never_means_never(
    smtp, english_reader, dutch_reader, manager, on_commit
):
    services.set_digest_frequency(english_reader, DigestFrequency.WEEKLY)
    services.set_digest_frequency(dutch_reader, DigestFrequency.NEVER)
    announce([english_reader, dutch_reader], actor=manager, title="Nieuws", on_commit=on_commit)
    assert mail.send_digests(DigestFrequency.DAILY, now=MORNING) == 0
    assert mail.send_digests(DigestFrequency.WEEKLY, now=MORNING) == 1
    assert only_mail_to(smtp, english_reader.email).message["Subject"].startswith("Your week")


def test_digests_are_due_in_the_morning_and_weekly_on_monday():
    night = MORNING.replace(hour=3)
    assert mail.due_frequencies(night) == []
    assert mail.due_frequencies(MORNING) == ["daily", "weekly"]  # 2 March 2026 is a Monday
    assert mail.due_frequencies(MORNING + datetime.timedelta(days=1)) == ["daily"]
