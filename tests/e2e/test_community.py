"""Community journeys in a real browser: posting with a photo and a mention, reacting,
a project's blocked status, and a closed group's post staying out of a non-member's reach."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from plein.community.models import Group, Post
from plein.community.services import conversation, groups, posts
from plein.community.services.posts import Upload
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def photo(tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "bus.jpg"
    image = Image.new("RGB", (1200, 800), (40, 120, 90))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def test_a_post_with_a_photo_and_a_mention_reaches_the_colleague_who_reacts(
    new_page, employee, manager, password, tmp_path
):
    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/")
    assert_accessible(page)
    text = page.locator("#composer-text")
    text.fill("Nieuwe bus is binnen! Dank je ")
    text.press_sequentially("@Mark")
    option = page.get_by_role("option", name=re.compile("Mark de Vries"))
    expect(option).to_be_visible()
    text.press("Enter")
    expect(text).to_have_value(re.compile(rf"@\[Mark de Vries\]\(p:{manager.pk}\)"))
    text.press_sequentially(" #wagenpark")
    page.locator("input[type=file][name=attachments]").set_input_files(photo(tmp_path))
    page.locator("form[data-composer] button[type=submit].btn--primary").click()
    card = page.locator("article.post-card").first
    expect(card).to_contain_text("Nieuwe bus is binnen!")
    image = card.locator(".post-gallery img")
    expect(image).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) > 0
    post = Post.objects.get()
    assert list(post.mentions.values_list("person_id", flat=True)) == [manager.pk]

    theirs = new_page()
    sign_in(theirs, manager.email, password)
    theirs.goto("/")
    their_card = theirs.locator("article.post-card", has_text="Nieuwe bus is binnen!")
    expect(their_card).to_be_visible()
    expect(their_card.get_by_role("link", name="@Mark de Vries")).to_be_visible()
    their_card.locator("button.reaction[value=thanks]").click()
    expect(their_card.locator("button.reaction[value=thanks]")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert list(post.reactions.values_list("person_id", "kind")) == [(manager.pk, "thanks")]
    assert_accessible(theirs)


def test_a_project_lead_posts_blocked_and_the_group_shows_it(new_page, manager, password):
    project = groups.create_group(by=manager, name="Warmtepompen Zwolle", kind=Group.Kind.PROJECT)
    page = new_page()
    sign_in(page, manager.email, password)
    page.goto(reverse("community:group", args=[project.slug]))
    page.locator("#composer-text").fill("Netbeheerder geeft nog geen datum voor de aansluiting.")
    details = page.locator("details.composer__more")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.locator("input[name=kind][value=working_on]").check()
    page.locator("input[name=project_status][value=blocked]").check()
    page.locator("form[data-composer] button[type=submit].btn--primary").click()
    glance = page.locator(".project-glance")
    expect(glance).to_have_class(re.compile("project-glance--blocked"))
    expect(page.locator("article.post-card").first).to_contain_text("Netbeheerder")
    assert_accessible(page)
    project.refresh_from_db()
    assert project.project_status == "blocked"


def test_a_closed_groups_post_stays_out_of_a_non_members_reach(
    new_page, employee, manager, password, tmp_path
):
    closed = groups.create_group(
        by=manager,
        name="Reorganisatie",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )
    with open(photo(tmp_path), "rb") as handle:
        post = posts.publish_post(
            manager,
            "Vertrouwelijk plan #herstructurering",
            group=closed,
            uploads=[Upload("plan.jpg", handle)],
        )
    comment = conversation.add_comment(post, manager, "Nog niet delen")
    attachment = post.attachments.get()

    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/")
    expect(page.get_by_text("Vertrouwelijk plan")).to_have_count(0)
    page.goto(reverse("community:group", args=[closed.slug]))
    expect(page.get_by_text("Vertrouwelijk plan")).to_have_count(0)
    for path in (
        reverse("community:post", args=[post.pk]),
        reverse("community:comment_permalink", args=[comment.pk]),
        reverse("community:attachment", args=[attachment.pk, "file"]),
        reverse("community:attachment", args=[attachment.pk, "thumb"]),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
    page.goto(reverse("community:topic", args=["herstructurering"]))
    expect(page.get_by_text("Vertrouwelijk plan")).to_have_count(0)
    suggestions = page.request.get(reverse("community:autocomplete_topics") + "?q=herstr").text()
    assert "herstructurering" not in suggestions.lower()
