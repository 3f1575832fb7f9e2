"""The shared layout and design system: what every page gives its reader.

Pages are parsed with html5lib (as a browser would) rather than searched as strings, so a
test fails when the element is missing, not merely when a word is.
"""

import html5lib
import pytest
from django import forms
from django.core import mail
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from plein.core.models import Organisation
from plein.core.views import error_500
from plein.people.services.invitations import invite_person
from plein.people.services.mail import deliver_invitation_email
from tests.factories import PersonFactory


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


# --- Language ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sign_in_page_is_in_dutch_by_default(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    page = parse(response)
    assert page.get("lang") == "nl"
    labels = [text_of(label) for label in page.iter("label")]
    assert any(label.startswith("Wachtwoord") for label in labels)
    assert page.find(".//a[@href='/accounts/password/reset/']") is not None
    # Sign-up is closed: the page must not send anyone there.
    assert page.find(".//a[@href='/accounts/signup/']") is None


@pytest.mark.django_db
def test_a_visitor_can_switch_to_english_from_any_page(client):
    page = parse(client.get("/accounts/login/"))

    form = page.find(".//form[@class='language-switch']")
    assert form is not None and form.get("method") == "post"
    assert form.get("action") == "/people/language/"
    fields = {field.get("name"): field.get("value") for field in form.iter("input")}
    assert fields["language"] == "en"
    assert fields["next"] == "/accounts/login/"
    button = form.find(".//button")
    assert text_of(button) == "English" and button.get("lang") == "en"


def test_a_person_who_chose_english_gets_english_pages_marked_as_english(client_for, employee):
    employee.language = "en"
    employee.save(update_fields=["language"])

    page = parse(client_for(employee).get("/"))

    assert page.get("lang") == "en"
    assert text_of(page.find(".//form[@class='language-switch']//button")) == "Nederlands"


# --- The layout ----------------------------------------------------------------------------


def test_every_page_starts_with_a_skip_link_to_the_main_content(client_for, employee):
    page = parse(client_for(employee).get("/"))

    first_link = page.find(".//body//a")
    assert first_link.get("class") == "skip-link"
    assert first_link.get("href") == "#main"
    assert page.find(".//main[@id='main']") is not None
    assert page.get("lang") == "nl"


def test_the_navigation_shows_only_what_the_person_may_use(client_for, employee, recruiter):
    def nav_links(person):
        page = parse(client_for(person).get("/"))
        return {a.get("href") for a in page.findall(".//nav[@class='site-nav']//a")}

    knowledge = {"/articles/", "/questions/", "/articles/leaders/"}
    assert nav_links(employee) == {"/", "/people/", "/groups/", *knowledge}
    assert nav_links(recruiter) == {
        "/",
        "/people/",
        "/groups/",
        *knowledge,
        "/announcements/",
        "/werken-bij/beheer/",
        "/people/import/",
        "/people/invite/",
    }


def test_the_current_section_is_marked_for_assistive_technology(client_for, employee):
    page = parse(client_for(employee).get("/"))

    current = page.findall(".//nav[@class='site-nav']//a[@aria-current='page']")
    assert [a.get("href") for a in current] == ["/"]


def test_signing_out_is_a_post_form_not_a_link(client_for, employee):
    page = parse(client_for(employee).get("/"))

    form = page.find(".//form[@action='/accounts/logout/']")
    assert form is not None and form.get("method") == "post"
    assert form.find(".//input[@name='csrfmiddlewaretoken']") is not None


def test_a_new_members_home_feed_offers_the_first_steps(client_for, employee):
    page = parse(client_for(employee).get("/"))

    hrefs = {a.get("href") for a in page.findall(".//main//a")}
    assert {"/people/", "/groups/", "#composer-text"} <= hrefs


def test_an_alumnus_is_told_the_internal_community_is_closed_to_them(client_for, alumnus):
    response = client_for(alumnus).get("/")
    page = parse(response)

    assert response.status_code == 200
    assert page.find(".//nav[@class='site-nav']//a[@href='/people/']") is None
    assert page.find(".//main//a[@href='/people/']") is None
    assert "alumni" in text_of(page.find(".//main")).lower()


# --- Content Security Policy ---------------------------------------------------------------

PAGES_SIGNED_OUT = ["/accounts/login/", "/accounts/password/reset/", "/does-not-exist/"]
PAGES_SIGNED_IN = ["/", "/accounts/2fa/", "/accounts/password/change/"]


def assert_csp_safe(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    page = parse(response)
    for script in page.iter("script"):
        assert script.get("src") or script.get("nonce"), "inline <script> without a nonce"
        if script.get("nonce"):
            assert f"'nonce-{script.get('nonce')}'" in policy
    for style in page.iter("style"):
        assert style.get("nonce"), "inline <style> without a nonce"
    with_style_attribute = [el.tag for el in page.iter() if el.get("style") is not None]
    assert with_style_attribute == [], 'style="" attributes are blocked by the CSP'


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES_SIGNED_OUT)
def test_signed_out_pages_have_no_script_or_style_the_csp_would_block(client, path):
    assert_csp_safe(client.get(path))


@pytest.mark.parametrize("path", PAGES_SIGNED_IN)
def test_signed_in_pages_have_no_script_or_style_the_csp_would_block(client_for, employee, path):
    response = client_for(employee).get(path)
    assert response.status_code == 200
    assert_csp_safe(response)


def test_the_brand_colour_reaches_the_page(client_for, employee):
    organisation = Organisation.current()
    organisation.brand_colour = "#7a2048"
    organisation.save()

    page = parse(client_for(employee).get("/"))

    assert "--brand:#7a2048" in text_of(page.find(".//head/style"))
    assert page.find(".//meta[@name='theme-color']").get("content") == "#7a2048"


# --- Errors that say what to do next -------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_address_gets_our_404_with_a_way_home(client):
    response = client.get("/does-not-exist/")

    assert response.status_code == 404
    page = parse(response)
    assert page.find(".//a[@class='skip-link']") is not None  # our layout, not Django's
    assert page.find(".//main//a[@href='/']") is not None


def test_the_500_page_stands_alone_with_only_the_request(rf: RequestFactory):
    response = error_500(rf.get("/"))

    assert response.status_code == 500
    page = parse(response)
    stylesheet = page.find(".//link[@rel='stylesheet']")
    assert stylesheet is not None and stylesheet.get("href").endswith("core/css/plein.css")
    assert page.find(".//main//a[@href='/']") is not None
    assert page.get("lang") == "nl"


@pytest.mark.django_db
def test_a_lockout_reads_the_same_whether_or_not_the_account_exists(employee, settings):
    def lock_out(email: str):
        client = Client()
        for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
            response = client.post(
                "/accounts/login/", {"login": email, "password": f"wrong-{attempt}"}
            )
            if response.status_code == 429:
                break
        return response

    known = lock_out(employee.email)
    unknown = lock_out("niemand@example.nl")

    assert known.status_code == unknown.status_code == 429
    known_text = text_of(parse(known).find(".//main"))
    assert known_text == text_of(parse(unknown).find(".//main"))
    assert "15" in known_text
    assert employee.email not in known.content.decode()
    assert parse(known).find(".//main//a[@href='/accounts/password/reset/']") is not None


# --- Forms: GOV.UK-style errors ------------------------------------------------------------


@pytest.mark.django_db
def test_a_form_error_is_summarised_linked_and_tied_to_its_field(client):
    response = client.post("/accounts/password/reset/", {"email": "geen-adres"})

    page = parse(response)
    summary = page.find(".//div[@data-error-summary]")
    assert summary is not None
    assert summary.get("role") == "alert" and summary.get("tabindex") == "-1"
    assert [a.get("href") for a in summary.findall(".//a")] == ["#id_email"]

    field = page.find(".//input[@id='id_email']")
    assert field.get("aria-invalid") == "true"
    described_by = field.get("aria-describedby").split()
    messages = [page.find(f".//*[@id='{ident}']") for ident in described_by]
    assert any(m is not None and text_of(m) for m in messages)
    with translation.override("nl"):
        assert text_of(page.find(".//title")).startswith(gettext("Error") + ":")


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your badge.")
    team = forms.CharField(label="Team", required=False)
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )


def render_field(form, name):
    template = Template("{{ field.as_field_group }}")
    return html5lib.parse(
        template.render(Context({"field": form[name]})), namespaceHTMLElements=False
    )


def test_fields_render_label_hint_and_error_linked_to_the_input():
    form = ExampleForm(data={"name": "", "days": ["mon"]})
    form.is_valid()

    group = render_field(form, "name")

    label = group.find(".//label[@class='field__label']")
    assert label.get("for") == "id_name" and text_of(label) == "Name"
    hint = group.find(".//*[@id='id_name_helptext']")
    error = group.find(".//*[@id='id_name_error']")
    assert "field__hint" in hint.get("class") and text_of(hint) == "As on your badge."
    assert "field__error" in error.get("class") and text_of(error)
    field = group.find(".//input[@id='id_name']")
    assert field.get("aria-describedby") == "id_name_helptext id_name_error"


def test_optional_fields_say_so_and_choice_groups_are_fieldsets():
    form = ExampleForm()

    assert "(optioneel)" in text_of(render_field(form, "team").find(".//label"))
    group = render_field(form, "days")
    legend = group.find(".//fieldset/legend")
    assert legend is not None and text_of(legend) == "Days"
    assert len(group.findall(".//fieldset//input[@type='checkbox']")) == 2


# --- The invitation e-mail -----------------------------------------------------------------


def test_the_invitation_email_has_the_link_in_both_parts(recruiter):
    newcomer = PersonFactory(
        email="nieuw@example.nl", first_name="Noor", status="invited", language="en"
    )
    invitation = invite_person(newcomer, invited_by=recruiter)
    deliver_invitation_email(invitation.pk)

    [message] = mail.outbox
    html = message.alternatives[0][0]
    link = next(word for word in message.body.split() if "/people/invitation/" in word)
    assert "Hello Noor" in message.body and recruiter.full_name in message.body
    page = html5lib.parse(html, namespaceHTMLElements=False)
    assert page.get("lang") == "en"
    assert any(a.get("href") == link for a in page.iter("a"))
