"""Moderation through the pages: reporting, the queue, deciding with a reason, the author's
decision page and appeal, the log, the author's view of a held post, and the e-mail the
author receives in their own language."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from plein.community.models import Moderation, Post
from plein.community.services import conversation, posts
from plein.notifications import mail
from plein.notifications.models import Kind, Notification
from plein.people.models import Role
from plein.policy.models import Appeal, Decision, ModerationCase, Report
from plein.policy.models.moderation import Outcome, ReportReason
from plein.policy.services import moderation
from tests.factories import PersonFactory
from tests.notifications.conftest import mail_server, only_mail_to, smtp

pytestmark = pytest.mark.django_db
__all__ = ["mail_server", "smtp"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_posting_a_held_text_tells_the_author_and_shows_it_only_to_them(
    client_for, employee, manager, blocked_word
):
    client = client_for(employee)
    response = client.post(
        reverse("community:compose"),
        {"text": f"Wat een {blocked_word}", "group": "everyone", "kind": "update"},
        follow=True,
    )
    post = Post.objects.get()
    assert post.moderation == Moderation.HELD
    page = response.content.decode()
    assert "moderation-label" in page  # "awaiting review" on the author's own view
    assert f"Wat een {blocked_word}" in page
    assert client_for(manager).get(reverse("community:post", args=[post.pk])).status_code == 404
    assert blocked_word not in client_for(manager).get("/").content.decode()


def test_a_member_reports_a_post_once(client_for, employee, manager):
    post = posts.publish_post(manager, "Iedereen moet morgen om 6 uur beginnen")
    client = client_for(employee)
    url = reverse("policy:report_post", args=[post.pk])
    assert client.get(url).status_code == 200
    first = client.post(url, {"reason": ReportReason.OTHER, "note": "Klopt dit?"})
    assert first.status_code == 302
    again = client.post(url, {"reason": ReportReason.SPAM})
    assert again.status_code == 200
    assert Report.objects.count() == 1
    assert client.post(url, {"reason": "nonsense"}).status_code == 200
    assert Report.objects.count() == 1


def test_reporting_a_comment(client_for, employee, manager):
    post = posts.publish_post(manager, "Nieuwe koffieautomaat")
    comment = conversation.add_comment(post, manager, "Eindelijk")
    response = client_for(employee).post(
        reverse("policy:report_comment", args=[comment.pk]), {"reason": ReportReason.SPAM}
    )
    assert response.status_code == 302
    assert ModerationCase.objects.get().comment == comment


def test_the_queue_is_for_moderators_only(client_for, employee, community_manager, blocked_word):
    posts.publish_post(employee, f"{blocked_word}!")
    assert client_for(employee).get(reverse("policy:queue")).status_code == 403
    assert client_for(employee).get(reverse("policy:log")).status_code == 403
    page = client_for(community_manager).get(reverse("policy:queue"))
    assert page.status_code == 200
    assert f"{blocked_word}!" in page.content.decode()


def test_the_queue_lists_many_cases_in_few_queries(
    client_for, community_manager, blocked_word, django_assert_max_num_queries
):
    for number in range(15):
        posts.publish_post(PersonFactory(), f"{blocked_word} {number}")
    client = client_for(community_manager)
    client.get(reverse("policy:queue"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("policy:queue"))
    assert response.content.decode().count('class="moderation-case"') == 15


def test_deciding_with_a_reason_and_the_author_appealing(
    client_for, employee, community_manager, blocked_word, on_commit
):
    second_moderator = PersonFactory(roles=[Role.COMMUNITY_MANAGER])
    post = posts.publish_post(employee, f"Dat {blocked_word} van de planning")
    case = ModerationCase.objects.get()
    moderator = client_for(community_manager)
    page = moderator.get(reverse("policy:case", args=[case.pk]))
    assert page.status_code == 200
    no_reason = moderator.post(
        reverse("policy:case", args=[case.pk]), {"outcome": Outcome.REMOVE, "reason": ""}
    )
    assert no_reason.status_code == 200 and not Decision.objects.exists()
    with on_commit():
        decided = moderator.post(
            reverse("policy:case", args=[case.pk]),
            {"outcome": Outcome.REMOVE, "reason": "Dit woord gebruiken we niet."},
        )
    assert decided.status_code == 302
    post.refresh_from_db()
    assert post.deleted_at is not None
    decision = Decision.objects.get()
    told = Notification.objects.get(recipient=employee, kind=Kind.MODERATION)
    assert told.url == reverse("policy:decision", args=[decision.pk])

    author = client_for(employee)
    page = author.get(told.url)
    assert "Dit woord gebruiken we niet." in page.content.decode()
    assert client_for(second_moderator).get(told.url).status_code == 200
    assert client_for(PersonFactory()).get(told.url).status_code == 404
    appealed = author.post(told.url, {"text": "Het was een citaat."})
    assert appealed.status_code == 302
    assert Appeal.objects.count() == 1
    assert author.post(told.url, {"text": "Nog een keer"}).status_code == 403
    case.refresh_from_db()
    assert case.state == ModerationCase.State.OPEN and case.appealed

    log = client_for(second_moderator).get(reverse("policy:log")).content.decode()
    assert "Dit woord gebruiken we niet." in log
    assert "Het was een citaat." in log


def test_moderators_see_the_edit_history_of_a_post(
    client_for, employee, manager, community_manager
):
    post = posts.publish_post(employee, "Eerste versie")
    posts.edit_post(post, "Tweede versie", by=employee)
    moderation.report(manager, post=post, reason=ReportReason.OTHER)
    case = ModerationCase.objects.get()
    page = client_for(community_manager).get(reverse("policy:case", args=[case.pk]))
    html = page.content.decode()
    assert "Eerste versie" in html and "Tweede versie" in html


def test_the_decision_is_mailed_to_the_author_in_their_language(
    smtp, community_manager, blocked_word, on_commit
):
    english = PersonFactory(email="emma@example.nl", first_name="Emma", language="en")
    posts.publish_post(english, f"Such {blocked_word}")
    with on_commit():
        moderation.decide(
            ModerationCase.objects.get(),
            by=community_manager,
            outcome=Outcome.REMOVE,
            reason="We do not use that word here.",
        )
    assert mail.send_pending_emails() == 1
    received = only_mail_to(smtp, english.email)
    assert received.message["Subject"] == "A moderator reviewed what you wrote"
    assert "A moderator removed your text." in received.text()
    assert "We do not use that word here." in received.text()


def test_the_suspended_see_why_they_cannot_post(client_for, employee, community_manager):
    post = posts.publish_post(employee, "Hallo")
    moderation.report(community_manager, post=post, reason=ReportReason.SPAM)
    moderation.decide(
        ModerationCase.objects.get(),
        by=community_manager,
        outcome=Outcome.SUSPEND,
        reason="Spam",
        suspend_days=2,
    )
    response = client_for(employee).post(
        reverse("community:compose"), {"text": "Nog eens", "group": "everyone", "kind": "update"}
    )
    assert response.status_code == 200
    assert "suspended" in response.content.decode() or "geschorst" in response.content.decode()
    assert Post.objects.filter(deleted_at__isnull=True).count() == 0


def test_a_held_comment_shows_only_to_its_author_labelled(
    client_for, employee, manager, blocked_word
):
    post = posts.publish_post(manager, "Hoe was de teamdag?")
    response = client_for(employee).post(
        reverse("community:comment", args=[post.pk]), {"text": f"Echt {blocked_word}"}
    )
    assert response.status_code == 302
    url = reverse("community:post", args=[post.pk])
    own = client_for(employee).get(url).content.decode()
    assert f"Echt {blocked_word}" in own and "moderation-label" in own
    theirs = client_for(manager).get(url).content.decode()
    assert blocked_word not in theirs
