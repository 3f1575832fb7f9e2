"""Questions in a real browser: an employee asks a question, sees an answered look-alike
suggested while typing, asks anyway, a colleague answers, and the asker accepts the answer."""

import re

import pytest
from playwright.sync_api import expect

from plein.notifications.models import Kind, Notification
from plein.questions import services
from plein.questions.models import Question
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_asks_sees_a_lookalike_asks_anyway_and_accepts_an_answer(
    new_page, employee, manager, community_manager, password
):
    lookalike = services.ask_question(
        community_manager,
        "Hoe ontlucht ik een radiator in een flat?",
        "De bovenste verdieping blijft koud.",
    )
    old_answer = services.answer_question(lookalike, manager, "Met een ontluchtingssleutel.")
    services.accept_answer(old_answer, by=community_manager)

    # The asker types a question; an answered look-alike is suggested while typing.
    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/questions/")
    page.locator("a.btn--primary[href^='/questions/ask/']").first.click()
    title = page.locator("#id_title")
    title.press_sequentially("Radiator ontluchten op de bovenste verdieping", delay=20)
    suggestion = page.locator(f"#similar-questions a[href='/questions/{lookalike.post_id}/']")
    expect(suggestion).to_be_visible()
    expect(page.locator("#similar-questions .question-badge--answered")).to_be_visible()
    assert_accessible(page)

    # Not quite the same situation: ask anyway, in the organisation, with a topic.
    page.locator("#id_details").fill(
        "Het gaat om een vloerverwarmingsverdeler, niet om radiatoren."
    )
    page.locator("#id_topics").fill("verwarming")
    page.locator("#similar-questions button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Radiator ontluchten op de bovenste verdieping")
    question = Question.objects.exclude(pk=lookalike.pk).get()
    assert page.url.endswith(f"/questions/{question.post_id}/")
    assert list(question.post.topics.values_list("slug", flat=True)) == ["verwarming"]

    # A colleague finds it among the unanswered questions and answers it.
    theirs = new_page(width=360, height=800)
    sign_in(theirs, manager.email, password)
    theirs.goto("/questions/?status=unanswered")
    theirs.get_by_role("link", name="Radiator ontluchten op de bovenste verdieping").click()
    theirs.locator("#id_text").fill("Ontlucht de verdeler bij de **bovenste** groep eerst.")
    theirs.locator("#answer-form button[type=submit]").click()
    answer = question.answers.get()
    expect(theirs.locator(f"#answer-{answer.pk} .answer__body strong")).to_have_text("bovenste")
    assert_accessible(theirs)
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 360

    # The asker was told, finds the answer, finds it helpful and accepts it.
    assert Notification.objects.filter(recipient=employee, kind=Kind.ANSWER).exists()
    page.reload()
    item = page.locator(f"#answer-{answer.pk}")
    helpful = item.locator("button.answer-vote__button")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    item.locator(f"form[action='/questions/answers/{answer.pk}/accept/'] button").click()
    accepted = page.locator(f"#answer-{answer.pk}")
    expect(accepted).to_have_class(re.compile("answer--accepted"))
    expect(page.locator(".question__status .question-badge--answered")).to_be_visible()
    assert_accessible(page)
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.accepted_answer == answer
    assert answer.score == 1
    assert Notification.objects.filter(recipient=manager, kind=Kind.ANSWER_ACCEPTED).exists()


def test_a_closed_groups_question_is_not_suggested_or_readable_for_a_non_member(
    new_page, employee, manager, colleague_in_closed_group, password
):
    closed, colleague = colleague_in_closed_group
    secret = services.ask_question(
        manager, "Wie verhuist er mee met het magazijn?", "Graag voor vrijdag.", group=closed
    )
    services.accept_answer(services.answer_question(secret, colleague, "Ik ga mee."), by=manager)

    page = new_page()
    sign_in(page, employee.email, password)
    page.goto("/questions/ask/")
    page.locator("#id_title").press_sequentially("Verhuist het magazijn mee?", delay=20)
    # Give the debounced look-up time to answer, then check nothing of the group came back.
    page.wait_for_timeout(1500)
    expect(page.locator("#similar-questions a")).to_have_count(0)
    response = page.goto(f"/questions/{secret.post_id}/")
    assert response is not None and response.status == 404
    page.goto("/questions/")
    expect(page.get_by_text("Wie verhuist er mee")).to_have_count(0)


@pytest.fixture
def colleague_in_closed_group(manager):  # type: ignore[no-untyped-def]
    from plein.community.models import Group
    from plein.community.services import groups
    from tests.factories import PersonFactory

    colleague = PersonFactory(first_name="Bram", last_name="Kok")
    closed = groups.create_group(
        by=manager, name="Magazijn verhuizing", visibility=Group.Visibility.CLOSED
    )
    groups.invite(closed, colleague, by=manager)
    groups.join(closed, colleague)
    return closed, colleague
