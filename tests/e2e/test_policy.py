"""The social media policy and the posting rules in a real browser: the community manager
publishes a new policy version, an employee is asked to accept it on the next visit and does,
and the report shows the rate; a rule change appears in the audit log with who and when."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plein.policy import active
from plein.policy.models import PolicyAcknowledgement, PolicyRule, RuleChange
from tests.e2e.conftest import assert_accessible, nl, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def fresh_process_state():
    active.forget()
    yield
    active.forget()


def test_a_new_policy_version_is_accepted_on_the_next_visit_and_reported(
    new_page, community_manager, employee, department, password
):
    PersonFactory.create_batch(3, department=department)

    # The community manager writes and publishes a version.
    cm = new_page()
    sign_in(cm, community_manager.email, password)
    cm.goto(reverse("policy:manage"))
    assert_accessible(cm)
    cm.locator("form[action$='/manage/new/'] button").click()
    expect(cm).to_have_url(re.compile(r"/policy/manage/versions/\d+/$"))
    cm.locator("input[name=title_nl]").fill("Social media policy Van Dijk")
    cm.locator("input[name=title_en]").fill("Van Dijk social media policy")
    cm.locator("textarea[name=introduction_nl]").fill("Deel gerust wat je **trots** maakt.")
    cm.locator("textarea[name=introduction_en]").fill(
        "Go ahead and share what makes you **proud**."
    )
    cm.locator("textarea[name=private_accounts_nl]").fill("Klanten en hun huizen blijven privé.")
    cm.locator("input[name=video_url]").fill(VIDEO)
    assert_accessible(cm)
    cm.locator("form.form-narrow button[type=submit]").first.click()
    expect(cm.locator(".notice--success")).to_be_visible()
    cm.locator("form[action$='/publish/'] button").click()
    expect(cm).to_have_url(re.compile(r"/policy/manage/$"))

    # The employee's next visit: asked to read and accept it.
    reader = new_page(width=360, height=740)
    sign_in(reader, employee.email, password)
    reader.goto("/")
    prompt = reader.locator(".policy-prompt")
    expect(prompt).to_be_visible()
    assert_accessible(reader)
    prompt.get_by_role("link").click()
    expect(reader).to_have_url(reverse("policy:current"))
    expect(reader.locator("h1")).to_contain_text("Social media policy Van Dijk")
    # The video is a link until clicked: nothing from YouTube on the page yet.
    expect(reader.locator(".video-embed__placeholder")).to_be_visible()
    expect(reader.locator("iframe")).to_have_count(0)
    assert_accessible(reader)
    width = reader.evaluate("document.documentElement.clientWidth")
    assert reader.evaluate("document.documentElement.scrollWidth") <= width  # 360 px wide
    # The other language is one click away.
    reader.get_by_role("link", name="Read in English").click()
    expect(reader.locator(".policy-document")).to_contain_text("Go ahead and share")
    reader.locator(".policy-accept button").click()
    accepted = nl("You accepted this version on %(when)s.").split("%(when)s")[0]
    expect(reader.locator(".policy-accept")).to_contain_text(accepted)
    assert PolicyAcknowledgement.objects.filter(person=employee).count() == 1
    reader.goto("/")
    expect(reader.locator(".policy-prompt")).to_have_count(0)
    # The footer links to the current policy on every page.
    expect(reader.locator(".site-footer a[href='/policy/']")).to_be_visible()

    # The report shows the rate.
    cm.goto(reverse("policy:report"))
    expect(cm.locator(".policy-total")).to_contain_text(
        nl("%(count)s of %(members)s members (%(percent)s%%) have accepted it.").split(" (")[0]
        % {"count": 1, "members": 5}
    )
    expect(cm.locator("table").first).to_contain_text("Klantenservice")
    expect(cm.locator("main")).not_to_contain_text("Anna Jansen")  # she accepted
    assert_accessible(cm)


def test_a_rule_change_appears_in_the_audit_log_with_who_and_when(
    new_page, community_manager, password
):
    cm = new_page()
    sign_in(cm, community_manager.email, password)
    cm.goto(reverse("policy:rules"))
    assert_accessible(cm)
    cm.get_by_role("link", name="confidential-terms", exact=True).click()
    cm.locator("textarea[name=terms]").fill("")
    cm.locator("input[name=enabled]").check()
    cm.locator("form.form-narrow button.btn--primary").click()
    # Bad input: a clear message, nothing changed.
    expect(cm.locator(".error-summary")).to_be_visible()
    assert_accessible(cm)
    assert not PolicyRule.objects.get(slug="confidential-terms").enabled
    cm.locator("textarea[name=terms]").fill("Project Noordster\nProject Kwartel")
    cm.locator("form.form-narrow button.btn--primary").click()
    expect(cm).to_have_url(reverse("policy:rules"))

    cm.goto(reverse("policy:audit"))
    entry = cm.locator(".policy-audit__entry").first
    expect(entry).to_contain_text("Chris Smit")
    expect(entry).to_contain_text("confidential-terms")
    expect(entry).to_contain_text("Project Kwartel")
    expect(entry.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    assert RuleChange.objects.filter(
        rule_slug="confidential-terms", actor=community_manager
    ).exists()
    assert_accessible(cm)

    # The test bench shows the new rule firing.
    cm.goto(reverse("policy:bench"))
    cm.locator("textarea[name=text]").fill("Morgen start Project Noordster in Utrecht.")
    cm.locator("select[name=scope]").select_option("outbound")
    cm.locator("form.form-narrow button.btn--primary").click()
    expect(cm.locator("mark.policy-mark--block")).to_contain_text("Project Noordster")
    assert_accessible(cm)
