"""Searching from the header box: suggestions while typing, highlighted results, the filters."""

import pytest
from playwright.sync_api import expect

from plein.community.services import conversation, posts
from plein.people.models import Person
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english_employee(employee) -> Person:
    Person.objects.filter(pk=employee.pk).update(language="en")
    return employee


def test_an_employee_searches_from_the_header_and_filters_by_kind(
    new_page, english_employee, password
):
    colleague = PersonFactory(first_name="Sanne", last_name="de Boer", job_title="Planner")
    post = posts.publish_post(colleague, "De warmtepompen in Zwolle zijn opgeleverd")
    comment = conversation.add_comment(post, colleague, "Ook de warmtepomp bij de school draait")

    page = new_page()
    sign_in(page, english_employee.email, password)
    box = page.get_by_role("searchbox", name="Search for")
    box.fill("warmtepomp")
    # The suggestions come while typing (htmx), without leaving the page.
    suggestions = page.locator("#header-search-suggestions")
    expect(suggestions.get_by_role("link", name="All results for “warmtepomp”")).to_be_visible()
    box.press("Enter")

    expect(page).to_have_url("/search/?q=warmtepomp")
    results = page.locator("#search-results")
    expect(results.get_by_role("heading", name="2 results for “warmtepomp”")).to_be_visible()
    expect(results.locator("mark").first).to_have_text("warmtepompen")
    expect(results.locator(f'a[href="/comments/{comment.pk}/"]')).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kind").select_option("comments")
    expect(results.get_by_role("heading", name="1 result for “warmtepomp”")).to_be_visible()
    expect(results.locator(f'a[href="/posts/{post.pk}/"]')).to_have_count(0)
    expect(results.locator("mark")).to_have_text(["warmtepomp"])
    assert "kind=comments" in page.url

    # At 360 px wide nothing runs off the side.
    small = new_page(width=360, height=740)
    sign_in(small, english_employee.email, password)
    small.goto("/search/?q=warmtepomp")
    expect(small.locator("#search-results mark").first).to_be_visible()
    overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert_accessible(small)
