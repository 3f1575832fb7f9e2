"""CV uploads through HTTP: checked by content and size, with a clear message in the visitor's
language for every refusal, and nothing stored when a check fails."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from plein.careers.models import Application
from plein.careers.services.cv import too_big_message
from tests.careers.cvs import docx_bytes, executable_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

NOT_A_CV = "This file is not a PDF or Word document (.docx). Upload your CV as PDF or DOCX."


def post(client, vacancy, cv: SimpleUploadedFile, *, language: str = "nl", **fields):
    name = "careers_en:apply" if language == "en" else "careers:apply"
    data = {
        "name": "Sanne Jansen",
        "email": "sanne@example.com",
        "motivation": "Ik werk al acht jaar met warmtepompen en wil graag bij jullie aan de slag.",
        "cv": cv,
        **fields,
    }
    return client.post(reverse(name, args=[vacancy.slug]), data)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_pdf_cv_is_accepted_and_kept_outside_media(client, open_vacancy, private_files, settings):
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", pdf_bytes()))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.cv_kind == "pdf"
    [stored] = stored_files(private_files)
    assert stored.read_bytes() == pdf_bytes()
    assert str(settings.MEDIA_ROOT) not in str(stored)


def test_a_docx_cv_is_accepted(client, open_vacancy):
    response = post(client, open_vacancy, SimpleUploadedFile("cv.docx", docx_bytes()))
    assert response.status_code == 302
    assert Application.objects.get().cv_kind == "docx"


def test_an_executable_renamed_pdf_is_refused_clearly(client, open_vacancy, private_files):
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", executable_bytes()))
    assert response.status_code == 200
    with translation.override("nl"):
        assert escape(gettext(NOT_A_CV)) in response.text
    assert not Application.objects.exists()
    assert not stored_files(private_files)


def test_a_macro_enabled_word_document_is_refused(client, open_vacancy, private_files):
    response = post(client, open_vacancy, SimpleUploadedFile("cv.docx", docx_bytes(macros=True)))
    assert response.status_code == 200
    assert "macro" in response.text.lower()  # "macros" / "macro's"
    assert not Application.objects.exists()


def test_a_pdf_with_javascript_is_refused(client, open_vacancy):
    evil = pdf_bytes(b"4 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n")
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", evil))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_truncated_pdf_is_refused(client, open_vacancy):
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", pdf_bytes()[:120]))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_zip_that_is_not_a_word_document_is_refused(client, open_vacancy):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    response = post(client, open_vacancy, SimpleUploadedFile("cv.docx", out.getvalue()))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_30_mb_cv_gets_a_clear_message_in_dutch(client, open_vacancy, private_files):
    big = pdf_bytes() + b"0" * (30 * 1024 * 1024)
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", big))
    assert response.status_code == 200
    with translation.override("nl"):
        assert escape(too_big_message()) in response.text
    assert not Application.objects.exists()
    assert not stored_files(private_files)
    # What the visitor typed is still there.
    assert "Sanne Jansen" in response.text


def test_a_30_mb_cv_gets_a_clear_message_in_english(client, open_vacancy):
    big = pdf_bytes() + b"0" * (30 * 1024 * 1024)
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", big), language="en")
    assert response.status_code == 200
    with translation.override("en"):
        assert escape(too_big_message()) in response.text
    assert "10.0" in response.text
    assert not Application.objects.exists()


def test_the_size_limit_is_a_setting(client, open_vacancy, settings):
    settings.PLEIN_CV_MAX_BYTES = 100
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", pdf_bytes()))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_missing_cv_is_asked_for(client, open_vacancy):
    response = client.post(
        reverse("careers:apply", args=[open_vacancy.slug]),
        {"name": "Sanne", "email": "sanne@example.com", "motivation": "Graag!"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert not Application.objects.exists()


def test_a_30_mb_upload_is_cut_off_at_the_limit_while_the_body_is_read(client, open_vacancy):
    big = pdf_bytes() + b"0" * (30 * 1024 * 1024)
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", big))
    # The size guard stopped reading the file (so it was never spooled whole to disk).
    assert getattr(response.wsgi_request, "cv_too_big", False) is True
    assert "cv" not in response.wsgi_request.FILES


def test_the_form_is_still_protected_against_csrf(open_vacancy):
    strict = Client(enforce_csrf_checks=True)
    response = post(strict, open_vacancy, SimpleUploadedFile("cv.pdf", pdf_bytes()))
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_flood_of_applications_from_one_address_is_braked(client, open_vacancy, settings):
    settings.PLEIN_APPLY_PER_HOUR = 2
    for n in range(2):
        cv = SimpleUploadedFile("cv.pdf", pdf_bytes())
        assert post(client, open_vacancy, cv, email=f"k{n}@example.com").status_code == 302
    response = post(client, open_vacancy, SimpleUploadedFile("cv.pdf", pdf_bytes()))
    assert response.status_code == 429
    assert "error-summary" in response.text
    assert Application.objects.count() == 2
