"""Notifications delivered by a real `plein worker` process (on the test database, mailing a
real SMTP server on loopback): the announcement fan-out, immediate e-mail that is never sent
twice, a post that moved out of sight before the worker got to it, and the daily digest."""

import pytest
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from plein.community.models import Group
from plein.community.services import groups, posts
from plein.notifications.models import (
    DigestFrequency,
    EmailState,
    FanOut,
    Kind,
    MailSettings,
    Notification,
)
from plein.notifications.services import FAN_OUT_ABOVE, notify
from plein.notifications.tasks import deliver_fan_out, send_daily_digests, send_pending_emails
from tests.core.test_worker import run_batch, task_results, wait_for
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.db_backend,
    pytest.mark.xdist_group("processes"),
    pytest.mark.django_db(transaction=True),
]

DELIVER_FAN_OUT = "plein.notifications.tasks.deliver_fan_out"


def mention(person) -> str:
    return f"@[{person.first_name}](p:{person.pk})"


def test_the_worker_delivers_an_announcement_to_everyone_once(manager, start_worker):
    people = [PersonFactory() for _ in range(FAN_OUT_ABOVE * 3)]
    # No digests for them: the worker would otherwise spend the test mailing the morning's
    # (periodic jobs run in it too, and this test is about the in-app fan-out).
    MailSettings.objects.bulk_create(
        [MailSettings(person=person, digest=DigestFrequency.NEVER) for person in people]
    )
    with transaction.atomic():
        notify(
            people,
            kind=Kind.ANNOUNCEMENT,
            actor=manager,
            url="/announcements/1/",
            title="Nieuwe cao",
        )
    assert not Notification.objects.exists()  # the author's call only handed it over
    fan_out = FanOut.objects.get()
    [task] = task_results(DELIVER_FAN_OUT)
    worker = start_worker()
    wait_for(
        lambda: DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL,
        timeout=60,
        failure=lambda: f"the fan-out was not delivered:\n{worker.output()}",
    )
    worker.kill()
    assert Notification.objects.count() == len(people)
    fan_out.refresh_from_db()
    assert fan_out.done_at is not None

    # The same fan-out run again (a worker killed before it marked it done): nothing new.
    FanOut.objects.update(done_at=None)
    deliver_fan_out.enqueue(fan_out.pk)
    [_first, again] = task_results(DELIVER_FAN_OUT)
    worker = start_worker()
    wait_for(
        lambda: DBTaskResult.objects.get(pk=again.pk).status == TaskResultStatus.SUCCESSFUL,
        timeout=60,
        failure=lambda: f"the second run did not finish:\n{worker.output()}",
    )
    worker.kill()
    assert DBTaskResult.objects.get(pk=again.pk).return_value == 0
    assert Notification.objects.count() == len(people)


def test_an_immediate_email_is_sent_once_even_when_the_task_runs_twice(
    employee, manager, mail_server, start_worker
):
    posts.publish_post(manager, f"Kijk je even mee, {mention(employee)}?")
    run_batch(start_worker)
    assert [mail.rcpt_tos for mail in mail_server.delivered] == [[employee.email]]
    notification = Notification.objects.get(recipient=employee)
    assert notification.email_state == EmailState.SENT

    send_pending_emails.enqueue()
    send_pending_emails.enqueue()
    run_batch(start_worker)
    assert len(mail_server.delivered) == 1


def test_a_post_moved_into_a_closed_group_before_the_worker_runs_is_not_mailed(
    employee, manager, mail_server, start_worker
):
    post = posts.publish_post(manager, f"Eerst voor iedereen, {mention(employee)}")
    group = groups.create_group(by=manager, name="Besloten", visibility=Group.Visibility.CLOSED)
    posts.move_post(post, group, by=manager)
    run_batch(start_worker)
    assert mail_server.delivered == []
    assert Notification.objects.get(recipient=employee).email_state == EmailState.SKIPPED


def test_the_daily_digest_from_the_worker_holds_only_what_each_reader_may_see(
    manager, mail_server, start_worker
):
    english = PersonFactory(email="emma@example.nl", first_name="Emma", language="en")
    dutch = PersonFactory(email="daan@example.nl", first_name="Daan", language="nl")
    closed = groups.create_group(by=manager, name="Directie", visibility=Group.Visibility.CLOSED)
    groups.invite(closed, dutch, by=manager)
    groups.join(closed, dutch)
    for title, group in (("Het nieuwe rooster", None), ("Begroting 2027", closed)):
        post = posts.publish_post(manager, title, group=group)
        notify(
            [english, dutch],
            kind=Kind.NEW_ARTICLE,
            actor=manager,
            url=f"/posts/{post.pk}/",
            title=title,
            post=post,
        )
    # Mentioned while open, then moved out of Emma's sight before the digest.
    moved = posts.publish_post(manager, "Reorganisatie")
    notify(
        [english, dutch],
        kind=Kind.NEW_ARTICLE,
        actor=manager,
        url="/m/",
        title="Reorganisatie",
        post=moved,
    )
    posts.move_post(moved, closed, by=manager)
    # The batch worker also runs the periodic jobs that are due (the morning's digest, if the
    # test runs after 07:00): the digest asked for here goes out once all the same.
    send_daily_digests.enqueue()
    run_batch(start_worker)

    def digests():
        return [m for m in mail_server.delivered if m.message["Message-ID"].startswith("<digest-")]

    by_address = {mail.rcpt_tos[0]: mail for mail in digests()}
    assert len(digests()) == 2
    assert set(by_address) == {english.email, dutch.email}

    emma = by_address[english.email]
    assert emma.text().startswith("Hello Emma,")
    assert '<html lang="en">' in emma.html()
    assert "Het nieuwe rooster" in emma.text()
    assert "Begroting 2027" not in emma.text() + emma.html()
    assert "Reorganisatie" not in emma.text() + emma.html()

    daan = by_address[dutch.email]
    assert daan.text().startswith("Hallo Daan,")
    assert '<html lang="nl">' in daan.html()
    for title in ("Het nieuwe rooster", "Begroting 2027", "Reorganisatie"):
        assert title in daan.text()

    send_daily_digests.enqueue()
    run_batch(start_worker)
    assert len(digests()) == 2  # once per period
