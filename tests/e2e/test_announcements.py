"""Announcements and polls in a real browser: a must-read announcement is pinned until read and
its sender sees the reach per department; a colleague votes in a poll on a phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plein.announcements.models import Announcement, AnnouncementReceipt
from plein.polls import services as poll_services
from plein.polls.models import PollVote
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_must_read_is_pinned_until_confirmed_and_the_sender_sees_the_reach(
    new_page, community_manager, employee, department, password
):
    colleagues = PersonFactory.create_batch(4, department=department)

    # The community manager sends a must-read to the department.
    sender = new_page()
    sign_in(sender, community_manager.email, password)
    sender.goto(reverse("announcements:new"))
    assert_accessible(sender)
    sender.locator("input[name=title]").fill("Onze social media policy")
    sender.locator("textarea[name=text]").fill(f"Bekijk de video en bevestig: {VIDEO}")
    sender.locator("input[name=audience][value=departments]").check()
    sender.locator(f"input[name=departments][value='{department.pk}']").check()
    sender.locator("input[name=requires_acknowledgement]").check()
    sender.locator("form button[type=submit].btn--primary").click()
    expect(sender).to_have_url(re.compile(r"/announcements/\d+/$"))
    announcement = Announcement.objects.get()
    assert announcement.recipient_count == 5

    # The employee finds it pinned at the top of the home feed.
    reader = new_page()
    sign_in(reader, employee.email, password)
    reader.goto("/")
    pinned = reader.locator("section.pinned-posts article.post-card")
    expect(pinned).to_have_count(1)
    expect(pinned.first).to_contain_text("Onze social media policy")
    expect(pinned.first.locator(".badge--warning")).to_be_visible()  # must read
    expect(pinned.first.locator(".video-embed")).to_be_visible()  # the video, click to load
    assert_accessible(reader)

    # Opening it is reading it, but a must-read with confirmation stays pinned until confirmed.
    pinned.first.get_by_role("link", name="Onze social media policy").click()
    expect(reader).to_have_url(reverse("announcements:detail", args=[announcement.pk]))
    assert_accessible(reader)
    reader.goto("/")
    expect(reader.locator("section.pinned-posts article.post-card")).to_have_count(1)
    confirm = reader.locator("section.pinned-posts form[action$='/acknowledge/'] button")
    confirm.click()
    state = reader.locator(f"#announcement-state-{announcement.pk}")
    expect(state.locator(".badge--success")).to_be_visible()  # swapped in place by htmx
    expect(state.locator("form")).to_have_count(0)
    reader.reload()
    expect(reader.locator("section.pinned-posts")).to_have_count(0)
    reader.goto(reverse("announcements:index"))
    expect(reader.locator(".announcement-list .badge--success")).to_have_count(1)
    assert_accessible(reader)
    receipt = AnnouncementReceipt.objects.get(person=employee)
    assert receipt.acknowledged_at is not None

    # Two more colleagues read it; the sender sees the reach per department.
    for colleague in colleagues[:2]:
        AnnouncementReceipt.objects.filter(person=colleague).update(read_at=receipt.read_at)
    sender.goto(reverse("announcements:detail", args=[announcement.pk]))
    sender.locator(f"a[href='{reverse('announcements:reach', args=[announcement.pk])}']").click()
    row = sender.locator("table.reach-table tbody tr", has_text=department.name)
    expect(row).to_be_visible()
    expect(row.locator("td").nth(0)).to_have_text("5")
    expect(row.locator("td").nth(1)).to_contain_text("3 (60%)")
    expect(row.locator("td").nth(2)).to_contain_text("1 (20%)")
    # A community manager may see who has not confirmed yet, by name.
    expect(sender.get_by_role("link", name=colleagues[3].full_name)).to_be_visible()
    assert_accessible(sender)

    phone = new_page(width=360, height=780)
    sign_in(phone, community_manager.email, password)
    phone.goto(reverse("announcements:reach", args=[announcement.pk]))
    no_sideways_scroll(phone)


def test_a_colleague_votes_in_a_poll_on_a_phone_and_sees_the_results(
    new_page, employee, manager, password
):
    poll = poll_services.create_poll(
        manager, "Welke dag past voor de teamdag?", ["Maandag", "Vrijdag"]
    )
    phone = new_page(width=360, height=780)
    sign_in(phone, employee.email, password)
    phone.goto(reverse("polls:new"))
    no_sideways_scroll(phone)
    assert_accessible(phone)
    phone.goto(reverse("polls:detail", args=[poll.pk]))
    assert_accessible(phone)
    card = phone.locator(f"#poll-{poll.pk}")
    card.get_by_label("Vrijdag").check()
    card.locator("button[type=submit].btn--primary").click()
    expect(card.locator(".poll-results")).to_be_visible()
    expect(card.locator(".poll-results__item", has_text="Vrijdag")).to_contain_text("(100%)")
    assert [vote.option.text for vote in PollVote.objects.all()] == ["Vrijdag"]
    no_sideways_scroll(phone)
    assert_accessible(phone)
