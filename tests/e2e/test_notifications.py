"""Notifications in a real browser: a mention lights the bell without a reload, the list marks
what was opened as read, and a muted group stays quiet."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plein.community.models import Group
from plein.community.services import groups, posts
from plein.notifications.models import Notification
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def mention(person) -> str:
    return f"@[{person.first_name}](p:{person.pk})"


def test_a_mention_lights_the_bell_live_and_a_muted_group_stays_quiet(
    new_page, employee, manager, password, settings
):
    settings.PLEIN_NOTIFICATIONS_POLL_SECONDS = 1
    club = groups.create_group(by=manager, name="Hardloopclub", visibility=Group.Visibility.OPEN)
    groups.join(club, employee)

    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/people/")
    bell = page.locator("a.bell")
    expect(bell).to_be_visible()
    expect(bell.locator(".bell__badge")).to_have_count(0)
    page.evaluate("window.stillTheSamePage = true")

    posts.publish_post(manager, f"Sterk verhaal van {mention(employee)} over de storing!")

    # The count appears without a reload.
    expect(bell.locator(".bell__badge")).to_have_text("1", timeout=15_000)
    assert page.evaluate("window.stillTheSamePage") is True
    expect(bell).to_have_accessible_name(re.compile("1"))

    bell.click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    item = page.locator(".notification").first
    expect(item).to_contain_text("Sterk verhaal van")
    expect(item.locator(".notification__new")).to_be_visible()  # unread, said in a word
    assert_accessible(page)
    item.locator("a.notification__link").click()
    expect(page).to_have_url(re.compile(r"/posts/\d+/$"))
    assert Notification.objects.get(recipient=employee).read_at is not None
    expect(page.locator("a.bell .bell__badge")).to_have_count(0)

    # Mute the group from its page.
    page.goto(reverse("community:group", args=[club.slug]))
    page.locator(f'a[href="{reverse("notifications:group", args=[club.pk])}"]').click()
    assert_accessible(page)
    page.locator("form button.btn--primary").click()
    expect(page).to_have_url(re.compile(rf"/groups/{club.slug}/$"))
    page.goto(reverse("notifications:settings"))
    expect(page.locator(".muted-groups")).to_contain_text("Hardloopclub")
    assert_accessible(page)

    posts.publish_post(manager, f"Wie loopt er mee, {mention(employee)}?", group=club)
    page.wait_for_timeout(3_000)  # three polls
    expect(page.locator("a.bell .bell__badge")).to_have_count(0)
    assert Notification.objects.filter(recipient=employee).count() == 1


def test_the_notifications_page_works_without_javascript(
    browser, live_server, employee, manager, password
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nl-NL"
    )
    try:
        page = context.new_page()
        sign_in(page, employee.email, password)
        posts.publish_post(manager, f"Zonder script, {mention(employee)}")
        page.goto("/notifications/")
        expect(page.locator("a.bell .bell__badge")).to_have_text("1")
        page.locator("form[action='/notifications/read-all/'] button").click()
        expect(page).to_have_url(re.compile(r"/notifications/$"))
        expect(page.locator("a.bell .bell__badge")).to_have_count(0)
        expect(page.locator(".notification--unread")).to_have_count(0)
    finally:
        context.close()
