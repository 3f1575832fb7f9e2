"""The main journeys of the foundation, in a real browser (Debian's Chromium)."""

import io
import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import hotp_value
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from plein.people.models import Person
from tests.conftest import enable_totp
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def totp_code(secret: str, offset: int = 0) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + offset
    return f"{hotp_value(secret, counter):0{mfa_settings.TOTP_DIGITS}d}"


def test_an_administrator_sets_up_mfa_then_signs_in_with_it(new_page, admin_person, password):
    page = new_page()
    sign_in(page, admin_person.email, password)
    # An administrator without a second factor can only set one up.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert_accessible(page)
    page.get_by_text("Ik kan de code niet scannen").click()
    secret = page.locator("code.secret").inner_text().strip()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    page.goto("/admin/")
    expect(page.locator("#site-name")).to_be_visible()

    # A new browser: the password alone is not enough, the code from the app is.
    other = new_page()
    sign_in(other, admin_person.email, password)
    expect(other).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(other)
    other.get_by_label("Code").fill("000000")
    other.get_by_role("button", name="Doorgaan").click()
    expect(other.locator(".error-summary")).to_be_visible()
    other.get_by_label("Code").fill(totp_code(secret, offset=1))
    other.get_by_role("button", name="Doorgaan").click()
    expect(other.locator("#composer-text")).to_be_visible()  # signed in: the home feed
    other.goto("/admin/")
    expect(other.locator("#site-name")).to_be_visible()


def test_an_administrator_with_mfa_signs_in_with_a_code(page: Page, admin_person, password):
    secret = enable_totp(admin_person)
    sign_in(page, admin_person.email, password)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("link", name="Beheer")).to_be_visible()


def test_switching_to_english_and_back_is_remembered(new_page, employee, password):
    page = new_page()
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)
    sign_in(page, employee.email, password)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="People", exact=True)).to_be_visible()
    assert_accessible(page)
    # Remembered in the profile: another browser signs in and sees English.
    elsewhere = new_page()
    elsewhere.goto("/accounts/login/")
    elsewhere.get_by_label("E-mailadres").fill(employee.email)
    elsewhere.get_by_label("Wachtwoord").fill(password)
    elsewhere.get_by_role("button", name="Inloggen").click()
    expect(elsewhere.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Mensen", exact=True)).to_be_visible()


def photo_bytes() -> bytes:
    image = Image.new("RGB", (900, 700), (30, 110, 160))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def test_a_person_edits_their_profile_with_a_photo(page: Page, employee, password, tmp_path):
    sign_in(page, employee.email, password)
    page.goto(reverse("people:edit_profile"))
    assert_accessible(page)
    photo = tmp_path / "ik.jpg"
    photo.write_bytes(photo_bytes())
    page.get_by_label(re.compile(r"^Foto")).set_input_files(str(photo))
    page.get_by_label("Over mij").fill("Ik ken alles van warmtepompen.")
    page.get_by_label("Vaardigheden").fill("Warmtepompen, Excel")
    page.get_by_role("button", name="Mijn profiel opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Jansen")
    expect(page.get_by_text("Ik ken alles van warmtepompen.")).to_be_visible()
    avatar = page.locator(".profile-header img.avatar")
    expect(avatar).to_be_visible()
    assert page.evaluate("el => el.naturalWidth", avatar.element_handle()) > 0
    assert_accessible(page)


GOOD_CSV = (
    "personeelsnummer;e-mail;voornaam;tussenvoegsel;achternaam;functie;afdeling;locatie;contract;startdatum;einddatum\n"
    "E100;pieter@example.nl;Pieter;de;Groot;Monteur;Service > Noord;Zwolle;vast;01-03-2024;\n"
    "E101;sara@example.nl;Sara;;El Amrani;Planner;Service > Noord;Zwolle;flex;"
    "01-09-2026;31-12-2026\n"
)
BAD_CSV = GOOD_CSV + "E102;geen-email;Kees;;Bad;Monteur;Service;Zwolle;vast;01-01-2025;\n"


def test_hr_imports_people_bad_file_changes_nothing_then_good_file(
    page: Page, recruiter, password, tmp_path
):
    sign_in(page, recruiter.email, password)
    page.goto(reverse("people:import"))
    assert_accessible(page)
    bad = tmp_path / "export.csv"
    bad.write_bytes(b"\xef\xbb\xbf" + BAD_CSV.encode())
    page.get_by_label("CSV-bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    errors = page.locator("#import-errors + .table-wrap table, #import-errors ~ * table").first
    expect(errors).to_contain_text("4")
    expect(errors).to_contain_text("e-mail")
    expect(page.get_by_role("button", name="Import toepassen")).to_have_count(0)
    assert_accessible(page)
    assert not Person.objects.filter(email__in=["pieter@example.nl", "sara@example.nl"]).exists()

    good = tmp_path / "export-goed.csv"
    good.write_bytes(b"\xef\xbb\xbf" + GOOD_CSV.encode())
    page.get_by_label("CSV-bestand").set_input_files(str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    page.get_by_role("button", name="Import toepassen").click()
    expect(page.locator(".notice--success")).to_be_visible()
    page.goto(reverse("people:directory") + "?q=groot")
    # Imported people are invited, not yet active: HR sees them on their profile pages.
    pieter = Person.objects.get(email="pieter@example.nl")
    assert pieter.department is not None and pieter.department.name == "Noord"
    page.goto(reverse("people:profile", args=[pieter.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pieter de Groot")


def test_offboarding_someone_ends_their_open_session_elsewhere(
    new_page, employee, recruiter, password
):
    theirs = new_page()
    sign_in(theirs, employee.email, password)
    theirs.goto(reverse("people:directory"))
    expect(theirs.get_by_role("heading", level=1)).to_have_text("Mensen")

    hr = new_page()
    sign_in(hr, recruiter.email, password)
    hr.goto(reverse("people:profile", args=[employee.pk]))
    hr.get_by_role("link", name="Uit dienst melden").click()
    assert_accessible(hr)
    hr.get_by_role("button", name=re.compile("Anna Jansen")).click()
    expect(hr.locator(".notice--success")).to_be_visible()

    theirs.reload()
    expect(theirs).to_have_url(re.compile(r"/accounts/login/"))


def test_every_page_of_the_foundation_is_accessible_and_fits_a_phone(
    new_page, recruiter, employee, password
):
    desktop = new_page()
    sign_in(desktop, recruiter.email, password)
    phone = new_page(width=360, height=780)
    sign_in(phone, recruiter.email, password)
    pages = [
        "/",
        reverse("people:directory"),
        reverse("people:profile", args=[employee.pk]),
        reverse("people:profile", args=[recruiter.pk]),
        reverse("people:edit_profile"),
        reverse("people:invite"),
        reverse("people:import"),
        reverse("people:offboard", args=[employee.pk]),
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/bestaat-niet/",
    ]
    for path in pages:
        for page in (desktop, phone):
            page.goto(path)
            assert_accessible(page)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways on a 360 px phone"
    anonymous = new_page(width=360, height=780)
    for path in ("/accounts/login/", "/accounts/password/reset/"):
        anonymous.goto(path)
        assert_accessible(anonymous)
