"""Candidates ask, colleagues answer, in a real browser: a candidate on a phone asks a question
on a vacancy page without an account (the page's script solves the anti-spam challenge); the
hiring manager is notified, answers, and the answer appears on the page; the worker e-mails the
candidate. Also: the same form without JavaScript still works (and the question is held)."""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from plein.careers.candidate_questions.models import CandidateQuestion, HeldBecause
from plein.careers.candidate_questions.tasks import send_candidate_answer_emails
from plein.careers.job_alerts import mail as alert_mail
from plein.careers.job_alerts.models import JobAlert
from tests.e2e.conftest import assert_accessible, sign_in
from tests.e2e.test_careers import PHONE, vacancy
from tests.factories import DepartmentFactory, LocationFactory

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Hoe ziet een gewone werkdag eruit, en rijd je alleen naar klanten?"
ANSWER = "Je begint om half acht met een collega; na je inwerktijd rijd je zelf."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_candidate_asks_the_hiring_manager_answers_and_the_candidate_is_mailed(
    new_page, recruiter, manager, password
):
    job = vacancy(
        recruiter,
        manager,
        DepartmentFactory(name="Service Noord"),
        LocationFactory(name="Regiokantoor Zwolle", city="Zwolle"),
        "Storingsmonteur",
    )
    candidate = new_page(**PHONE)
    candidate.goto(reverse("careers:vacancy", args=[job.slug]))
    expect(candidate.locator("#questions-title")).to_be_visible()
    assert_accessible(candidate)

    candidate.locator("textarea[name=text]").fill(QUESTION)
    candidate.locator("input[name=name]").fill("Sam")
    candidate.locator("input[name=email]").fill("sam@example.org")
    candidate.locator("input[name=consent]").check()
    started = time.perf_counter()
    candidate.locator("form[data-pow-form] button[type=submit]").click()
    candidate.wait_for_url(re.compile(r"/vragen/verstuurd/"))
    elapsed = time.perf_counter() - started
    assert elapsed < 3, f"sending (with the proof of work) took {elapsed:.2f}s"
    assert_accessible(candidate)

    question = CandidateQuestion.objects.get()
    # The browser solved the challenge: held only because every question is reviewed.
    assert question.held_because == HeldBecause.REVIEW

    hiring_manager = new_page()
    sign_in(hiring_manager, manager.email, password)
    hiring_manager.goto(reverse("notifications:list"))
    item = hiring_manager.locator(".notification").first
    expect(item).to_contain_text("Storingsmonteur")
    item.locator("a.notification__link").click()
    expect(hiring_manager).to_have_url(
        re.compile(rf"/werken-bij/meedoen/vacatures/{job.pk}/vragen/")
    )
    expect(hiring_manager.locator(f"#question-{question.pk}")).to_contain_text("gewone werkdag")
    assert_accessible(hiring_manager)
    card = hiring_manager.locator(f"#question-{question.pk}")
    card.locator("textarea").fill(ANSWER)
    card.locator("button[type=submit]").last.click()
    expect(hiring_manager.locator(".messages, [role=status]").first).to_be_visible()

    candidate.goto(reverse("careers:vacancy", args=[job.slug]))
    answered = candidate.locator(f"#question-{question.pk}")
    expect(answered).to_contain_text(QUESTION)
    expect(answered.locator(".candidate-answer")).to_contain_text(ANSWER)
    expect(answered.locator(".candidate-answer")).to_contain_text(manager.full_name)
    assert_accessible(candidate)

    # The answer enqueued the worker's task; run it: one e-mail to the candidate, after which
    # the address is gone.
    assert DBTaskResult.objects.filter(
        task_path="plein.careers.candidate_questions.tasks.send_candidate_answer_emails"
    ).exists()
    assert send_candidate_answer_emails.call() == 1
    [message] = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert ANSWER in message.body
    assert CandidateQuestion.objects.get().email == ""


def test_without_javascript_the_question_is_sent_and_held(
    browser, live_server, recruiter, manager, settings
):
    settings.PLEIN_CAREERS_QUESTIONS_REVIEW = False
    job = vacancy(
        recruiter,
        manager,
        DepartmentFactory(name="Planning"),
        LocationFactory(name="Kantoor Utrecht", city="Utrecht"),
        "Planner",
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reverse("careers:vacancy", args=[job.slug]))
        page.locator("textarea[name=text]").fill("Werken jullie ook op zaterdag?")
        page.locator("input[name=consent]").check()
        page.locator("form[data-pow-form] button[type=submit]").click()
        page.wait_for_url(re.compile(r"/vragen/verstuurd/\?held=1"))
    finally:
        context.close()
    question = CandidateQuestion.objects.get()
    assert question.state == CandidateQuestion.State.HELD
    assert question.held_because == HeldBecause.NO_PROOF


def test_a_candidate_subscribes_to_job_alerts_and_confirms_by_e_mail(new_page, recruiter, manager):
    vacancy(
        recruiter,
        manager,
        DepartmentFactory(name="Service Noord"),
        LocationFactory(name="Regiokantoor Zwolle", city="Zwolle"),
        "Storingsmonteur",
    )
    candidate = new_page(**PHONE)
    candidate.goto(reverse("careers:vacancies"))
    candidate.locator("footer a[href='/werken-bij/vacaturemelding/']").click()
    assert_accessible(candidate)
    candidate.locator("input[name=email]").fill("kim@example.org")
    candidate.get_by_label("Service Noord").check()
    candidate.locator("input[name=keywords]").fill("monteur")
    candidate.locator("input[name=consent]").check()
    candidate.locator("form button[type=submit]").click()
    candidate.wait_for_url(re.compile(r"/vacaturemelding/aangevraagd/"))
    assert_accessible(candidate)

    alert_mail.send_waiting_confirmations()
    [confirmation] = [m for m in mail.outbox if m.to == ["kim@example.org"]]
    link = re.search(r"http://\S+/vacaturemelding/bevestigen/\S+", confirmation.body).group(0)  # type: ignore[union-attr]
    candidate.goto("/werken-bij/" + link.split("/werken-bij/", 1)[1])
    assert_accessible(candidate)
    candidate.locator("form button[type=submit]").click()
    expect(candidate.locator("h1")).to_be_visible()
    alert = JobAlert.objects.get()
    assert alert.confirmed_at is not None
    assert [d.name for d in alert.departments.all()] == ["Service Noord"]
