"""The content gate and moderation in a real browser: a BSN is refused with the number marked
before anything is stored, a warning is posted anyway only on purpose, a post with a blocked
word waits for a moderator who approves it (and the author is told), and a removed post is
gone from feeds, search and notifications at once."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plein.community.models import Moderation, Post
from plein.community.services import posts
from plein.notifications.models import Kind, Notification
from plein.policy.models import ModerationCase
from tests.e2e.conftest import assert_accessible, nl, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

COMPOSER_POST = "form[data-composer] .composer__actions button.btn--primary"


def test_a_bsn_is_refused_with_the_number_marked_and_a_warning_is_posted_only_on_purpose(
    new_page, employee, password
):
    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/")
    page.locator("#composer-text").fill("Kun je het BSN van Piet (111222333) aan HR sturen?")
    page.locator(COMPOSER_POST).click()
    notice = page.locator("[data-policy-notice]")
    expect(notice).to_be_visible()
    expect(notice.locator("blockquote mark")).to_have_text("111222333")
    expect(notice.get_by_role("button", name=nl("Post anyway"))).to_have_count(0)
    assert not Post.objects.exists()
    assert_accessible(page)

    text = page.locator("#composer-text")
    text.fill("Voor het cadeau van Anna: stort op NL91ABNA0417164300")
    page.locator(COMPOSER_POST).click()
    expect(notice.locator("blockquote mark")).to_have_text("NL91ABNA0417164300")
    assert not Post.objects.exists()
    assert_accessible(page)
    notice.get_by_role("button", name=nl("Post anyway")).click()
    expect(page.locator("article.post-card").first).to_contain_text("stort op NL91ABNA0417164300")
    assert Post.objects.get().moderation == Moderation.PUBLISHED


def test_a_held_post_is_approved_by_a_moderator_and_the_author_is_told(
    new_page, employee, manager, community_manager, password, blocked_word
):
    author = new_page()
    sign_in(author, employee.email, password)
    author.goto("/")
    author.locator("#composer-text").fill(f"Die nieuwe planning is {blocked_word} #planning")
    author.locator(COMPOSER_POST).click()
    expect(author.locator(".moderation-label").first).to_be_visible()
    expect(author.get_by_text(f"Die nieuwe planning is {blocked_word}")).to_be_visible()
    assert_accessible(author)
    post = Post.objects.get()
    assert post.moderation == Moderation.HELD

    colleague = new_page()
    sign_in(colleague, manager.email, password)
    colleague.goto(reverse("community:person_posts", args=[employee.pk]))
    expect(colleague.get_by_text(blocked_word)).to_have_count(0)

    moderator = new_page()
    sign_in(moderator, community_manager.email, password)
    moderator.goto("/")
    moderator.locator(f'a[href="{reverse("policy:queue")}"]').first.click()
    case = ModerationCase.objects.get()
    expect(moderator.locator(f"#case-{case.pk}")).to_contain_text(blocked_word)
    assert_accessible(moderator)
    moderator.locator(f'#case-{case.pk} a[href="{reverse("policy:case", args=[case.pk])}"]').click()
    moderator.locator('input[name=outcome][value="approve"]').check()
    moderator.locator("textarea[name=reason]").fill("Stevige kritiek mag. Goedgekeurd.")
    assert_accessible(moderator)
    moderator.locator("form button[type=submit].btn--primary").click()
    expect(moderator).to_have_url(re.compile(r"/moderation/$"))

    colleague.goto(reverse("community:person_posts", args=[employee.pk]))
    expect(colleague.locator("article.post-card", has_text=blocked_word)).to_be_visible()

    told = Notification.objects.get(recipient=employee, kind=Kind.MODERATION)
    author.goto("/notifications/")
    author.locator(f'a[href*="/notifications/{told.pk}/"]').first.click()
    expect(author.get_by_text("Stevige kritiek mag. Goedgekeurd.")).to_be_visible()
    assert_accessible(author)


def test_a_removed_post_is_gone_from_feeds_search_and_notifications_at_once(
    new_page, employee, manager, community_manager, password
):
    post = posts.publish_post(
        employee, f"Vergadering over de zonnepanelen @[Mark](p:{manager.pk}) #zonnepanelen"
    )
    reader = new_page()
    sign_in(reader, manager.email, password)
    reader.goto("/")
    card = reader.locator(f"#post-{post.pk}")
    expect(card).to_be_visible()
    expect(reader.locator("a.bell .bell__badge")).to_have_text("1")
    # The reader reports it.
    card.locator("summary.post-card__menu-button").click()
    card.get_by_role("link", name=nl("Report")).click()
    reader.locator("input[name=reason][value=harassment]").check()
    assert_accessible(reader)
    reader.locator("form button[type=submit].btn--primary").click()

    moderator = new_page()
    sign_in(moderator, community_manager.email, password)
    case = ModerationCase.objects.get()
    moderator.goto(reverse("policy:case", args=[case.pk]))
    moderator.locator('input[name=outcome][value="remove"]').check()
    moderator.locator("textarea[name=reason]").fill("Persoonlijke aanval.")
    moderator.locator("form button[type=submit].btn--primary").click()
    expect(moderator).to_have_url(re.compile(r"/moderation/$"))

    reader.goto("/")
    expect(reader.locator(f"#post-{post.pk}")).to_have_count(0)
    expect(reader.locator("a.bell .bell__badge")).to_have_count(0)
    reader.goto("/search/?q=zonnepanelen")
    expect(reader.locator(f'#search-results a[href="/posts/{post.pk}/"]')).to_have_count(0)
    reader.goto("/notifications/")
    expect(reader.locator(f'a[href="/posts/{post.pk}/"]')).to_have_count(0)
    assert reader.goto(f"/posts/{post.pk}/").status == 404
