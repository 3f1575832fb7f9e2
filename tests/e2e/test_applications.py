"""Applications and referrals in a real browser: an employee shares a vacancy with their
personal link; a candidate on a phone follows it, first uploads a program renamed .pdf (a
clear error, nothing stored), then applies with a real PDF; the recruiter sees the employee as
the source and moves the application on; the employee sees its status change."""

import datetime
import re
from urllib.parse import quote, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from plein.careers.models import Application, Referral, Stage
from plein.careers.services import vacancies as vacancy_services
from tests.careers.cvs import executable_bytes, pdf_bytes
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import DepartmentFactory, LocationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def nl(text: str) -> str:
    with translation.override("nl"):
        return gettext(text)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PLEIN_PRIVATE_ROOT = tmp_path / "private"


def open_vacancy(recruiter, manager):
    today = timezone.localdate()
    data = {
        "title_nl": "Storingsmonteur",
        "description_nl": "Als storingsmonteur zorg je dat klanten warm zitten.",
        "department": DepartmentFactory(name="Service Noord"),
        "workplace": "on_site",
        "location": LocationFactory(name="Regiokantoor Zwolle", city="Zwolle"),
        "hours_min": 32,
        "hours_max": 40,
        "salary_min": 3000,
        "salary_max": 4000,
        "salary_period": "month",
        "contract_type": "permanent",
        "publish_on": today - datetime.timedelta(days=2),
        "closes_on": today + datetime.timedelta(days=30),
        "recruiter": recruiter,
        "hiring_manager": manager,
    }
    return vacancy_services.publish_vacancy(
        vacancy_services.create_vacancy(recruiter, data), recruiter
    )


def test_a_candidate_applies_through_a_referral_link_and_the_employee_follows_it(
    new_page, recruiter, manager, employee, password
):
    open_vacancy(recruiter, manager)

    # The employee finds the vacancy under "Refer someone" and copies their personal link.
    colleague = new_page()
    sign_in(colleague, employee.email, password)
    colleague.goto(reverse("careers:my_referrals"))
    assert_accessible(colleague)
    colleague.get_by_role("link", name=nl("Share or refer")).first.click()
    link_box = colleague.locator("#share-link")
    link = link_box.input_value()
    assert "?ref=" in link
    expect(colleague.get_by_role("link", name="LinkedIn")).to_have_attribute(
        "href",
        f"https://www.linkedin.com/sharing/share-offsite/?url={quote(link, safe='')}"
        + "%26utm_source%3Dlinkedin%26utm_medium%3Dreferral",
    )
    expect(colleague.locator(".share-box__intents a")).to_have_count(5)
    copy = colleague.locator("[data-copy-target]")
    expect(copy).to_be_visible()  # the static script shows it
    assert_accessible(colleague)

    # A candidate on a phone follows the link and applies.
    candidate = new_page(**PHONE)
    parts = urlsplit(link)
    candidate.goto(f"{parts.path}?{parts.query}")
    expect(candidate.locator("h1")).to_have_text("Storingsmonteur")
    candidate.locator(".vacancy__apply a.btn--primary").click()
    expect(candidate.locator("input[name=ref]")).to_have_value(parts.query.split("=", 1)[1])
    assert_accessible(candidate)
    candidate.locator("#id_name").fill("Sanne Jansen")
    candidate.locator("#id_email").fill("sanne.jansen@example.com")
    candidate.locator("#id_motivation").fill("Acht jaar ervaring met warmtepompen en storingen.")
    # First a program renamed .pdf: a clear message, the form keeps what she typed.
    candidate.locator("#id_cv").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": executable_bytes()}]
    )
    candidate.locator("form button[type=submit]").click()
    summary = candidate.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(re.compile("pdf", re.IGNORECASE))
    expect(candidate.locator("#id_name")).to_have_value("Sanne Jansen")
    assert not Application.objects.exists()
    assert_accessible(candidate)
    assert candidate.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    candidate.locator("#id_cv").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    candidate.locator("form button[type=submit]").click()
    expect(candidate.locator("h1")).to_have_text(nl("Thank you for applying"))
    assert_accessible(candidate)
    application = Application.objects.get()
    assert application.referrer == employee

    # The recruiter sees the employee as the source and moves the application on.
    hr = new_page()
    sign_in(hr, recruiter.email, password)
    hr.goto(reverse("careers:applications"))
    assert_accessible(hr)
    hr.get_by_role("link", name="Sanne Jansen").click()
    expect(hr.locator("[data-testid=source]")).to_contain_text(employee.full_name)
    assert_accessible(hr)
    hr.locator("form:has(input[name=to][value=screening]) button").click()
    expect(hr.locator("[data-testid=stage]")).to_have_text(nl("Screening"))
    hr.locator("form:has(input[name=to][value=interview]) button").click()
    expect(hr.locator(".application-log li")).to_have_count(3)

    # The employee sees the status change, without the candidate's details.
    colleague.goto(reverse("careers:my_referrals"))
    status = colleague.locator("[data-testid=referral-status]")
    expect(status).to_have_text(nl("In the procedure"))
    expect(colleague.locator("main")).not_to_contain_text("Sanne Jansen")
    assert Referral.objects.get().status == Referral.Status.IN_PROGRESS
    assert_accessible(colleague)

    # The rejection form asks for a reason before anything changes.
    hr.locator("form:has(input[name=to][value=rejected]) button").click()
    expect(hr.locator(".error-summary")).to_be_visible()
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    assert_accessible(hr)
