"""Privacy in a real browser: an employee downloads their data export and finds all of their
posts and none of anyone else's private content; an offboarded person is erased and their
comment in someone else's thread reads "former colleague"."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plein.community.models import Group
from plein.community.services import conversation, groups, posts
from plein.privacy.models import DataExport
from plein.privacy.services import erasure, exports
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_employee_downloads_their_export_with_their_posts_and_nobody_elses_secrets(
    new_page, employee, password, settings, tmp_path
):
    settings.PLEIN_EXPORT_DIR = tmp_path / "exports"
    colleague = PersonFactory(first_name="Bert", last_name="Brouwer")
    secret = groups.create_group(by=colleague, name="Overname", visibility=Group.Visibility.SECRET)
    groups.invite(secret, employee, by=colleague)
    groups.join(secret, employee)
    mine = [
        posts.publish_post(employee, "Eerste bericht over de storingsdienst"),
        posts.publish_post(employee, "Tweede bericht, in de geheime groep", group=secret),
    ]
    conversation.add_comment(mine[1], colleague, "Geheim: de overname gaat door in mei")
    posts.publish_post(colleague, "Vertrouwelijk: de cijfers van het derde kwartaal", group=secret)

    page = new_page()
    sign_in(page, employee.email, password)
    page.locator("footer").get_by_role("link", name=re.compile("Privacy")).click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    assert_accessible(page)
    page.locator("#exports button[type=submit]").click()
    expect(page.locator("#exports [data-export-state=requested]")).to_be_visible()

    # What the worker's task does (tests/privacy/test_worker.py runs it in a real worker).
    export = DataExport.objects.get(person=employee)
    assert exports.build_export(export.pk)
    page.reload()
    link = page.locator(f'a[href="{reverse("privacy:download_export", args=[export.public_id])}"]')
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    texts = [row["text"] for row in json.loads(archive.read("posts.json"))]
    assert sorted(texts) == sorted(post.body for post in mine)
    everything = " ".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
    )
    assert "overname gaat door" not in everything
    assert "derde kwartaal" not in everything

    # Someone else cannot open it.
    other = new_page()
    sign_in(other, colleague.email, password)
    response = other.goto(reverse("privacy:download_export", args=[export.public_id]))
    assert response is not None and response.status == 404


def test_an_offboarded_person_is_erased_and_their_comment_reads_former_colleague(
    new_page, employee, recruiter, password, settings
):
    settings.PLEIN_ERASE_ON_OFFBOARDING = "immediately"
    colleague = PersonFactory(first_name="Bert", last_name="Brouwer")
    thread = posts.publish_post(colleague, "Wie kan zaterdag de storingsdienst overnemen?")
    conversation.add_comment(thread, employee, "Ik neem hem, geen probleem.")
    posts.publish_post(colleague, f"Dank aan @[Anna Jansen](p:{employee.pk}) voor het overnemen!")

    hr = new_page()
    sign_in(hr, recruiter.email, password)
    hr.goto(reverse("people:offboard", args=[employee.pk]))
    hr.get_by_role("button", name=re.compile("Anna Jansen")).click()
    expect(hr.locator(".notice--success")).to_be_visible()

    reader = new_page()
    sign_in(reader, colleague.email, password)
    reader.goto(reverse("community:post", args=[thread.pk]))
    comment = reader.locator(".comment", has_text="Ik neem hem, geen probleem.")
    expect(comment).to_be_visible()
    words = erasure.pseudonym()
    expect(comment.locator(".comment__author")).to_have_text(re.compile(words, re.IGNORECASE))
    expect(reader.locator("main")).not_to_contain_text("Anna")
    assert_accessible(reader)
    reader.goto("/")
    expect(reader.locator("main")).to_contain_text(f"@{words}")
    expect(reader.locator("main")).not_to_contain_text("Anna Jansen")
    assert_accessible(reader)


def test_the_privacy_statement_is_readable_without_signing_in_and_fits_a_phone(new_page, db):
    phone = new_page(width=360, height=780)
    phone.goto(reverse("privacy:home"))
    expect(
        phone.get_by_role("heading", level=2, name="Privacyverklaring van Plein")
    ).to_be_visible()
    assert_accessible(phone)
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
