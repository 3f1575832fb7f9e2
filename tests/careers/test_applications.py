"""Applying and the pipeline, through HTTP: the candidate's form, the receipt with its delete
link, the source on every application, the stages with their log, who may see what, and the
gate's word on the motivation (a BSN is removed and flagged, an IBAN refused)."""

import re

import html5lib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from plein.careers.models import Application, ApplicationEvent, Stage
from plein.careers.models.applications import Flag, Source
from plein.careers.services import mail as careers_mail
from plein.careers.services.applications import BSN_MARKER
from plein.careers.services.links import code_for, delete_token, delete_url
from tests.careers.applying import apply, run_queued
from tests.careers.cvs import docx_bytes, pdf_with_text
from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

RECEIPT = "plein.careers.tasks.send_application_receipt"
REJECTION = "plein.careers.tasks.send_rejection_email"


@pytest.fixture
def application(client, open_vacancy, django_capture_on_commit_callbacks) -> Application:
    with django_capture_on_commit_callbacks(execute=True):
        assert apply(client, open_vacancy).status_code == 302
    return Application.objects.get()


def test_the_vacancy_page_links_to_the_form(client, open_vacancy):
    page = client.get(reverse("careers:vacancy", args=[open_vacancy.slug]))
    assert reverse("careers:apply", args=[open_vacancy.slug]) in page.text
    assert "mailto:" not in page.text.split('class="vacancy__apply"')[1][:400]


def test_a_candidate_applies_and_receives_a_receipt_with_a_delete_link(
    client, open_vacancy, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, open_vacancy)
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    application = Application.objects.get()
    assert application.stage == Stage.NEW
    assert application.source == Source.DIRECT
    assert [e.to_stage for e in application.events.all()] == [Stage.NEW]
    assert not mailoutbox  # the worker sends it
    assert run_queued(RECEIPT) == [True]
    assert run_queued(RECEIPT) == []
    [mail] = mailoutbox
    assert mail.to == ["sanne@example.com"]
    assert delete_url(application) in mail.body
    # The task run again (a worker killed after sending) sends nothing more.
    assert careers_mail.deliver_receipt(application.pk) is False
    assert len(mailoutbox) == 1


def test_the_apply_page_is_private_and_not_cached(client, open_vacancy):
    response = client.get(reverse("careers:apply", args=[open_vacancy.slug]))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.text


def test_a_closed_vacancy_takes_no_applications(client, make_vacancy):
    closed = make_vacancy(state="closed")
    response = apply(client, closed)
    assert response.status_code == 410
    assert not Application.objects.exists()


def test_utm_parameters_on_the_vacancy_page_become_the_source(client, open_vacancy):
    page = client.get(
        reverse("careers:vacancy", args=[open_vacancy.slug]),
        {"utm_source": "indeed", "utm_medium": "cpc", "utm_campaign": "voorjaar"},
    )
    assert "private" in page["Cache-Control"]
    form = client.get(reverse("careers:apply", args=[open_vacancy.slug]))
    assert 'value="indeed"' in form.text
    fields = dict(re.findall(r'name="(utm_\w+)" value="([^"]*)"', form.text))
    assert apply(client, open_vacancy, **fields).status_code == 302
    application = Application.objects.get()
    assert application.source == Source.CAMPAIGN
    assert (application.utm_source, application.utm_medium, application.utm_campaign) == (
        "indeed",
        "cpc",
        "voorjaar",
    )


def test_the_plain_vacancy_page_stays_publicly_cacheable(client, open_vacancy):
    page = client.get(reverse("careers:vacancy", args=[open_vacancy.slug]))
    assert "public" in page["Cache-Control"]
    assert "plein_source" not in page.cookies


def test_another_website_as_referrer_is_the_source(client, open_vacancy):
    client.get(
        reverse("careers:vacancy", args=[open_vacancy.slug]),
        headers={"referer": "https://www.nationalevacaturebank.nl/vacature/123"},
    )
    form = client.get(reverse("careers:apply", args=[open_vacancy.slug]))
    host = re.search(r'name="referrer_host" value="([^"]*)"', form.text)[1]
    apply(client, open_vacancy, referrer_host=host)
    application = Application.objects.get()
    assert application.source == Source.WEBSITE
    assert application.referrer_host == "www.nationalevacaturebank.nl"


def test_the_recruiter_moves_an_application_through_every_stage(client_for, application, recruiter):
    client = client_for(recruiter)
    url = reverse("careers:application_move", args=[application.pk])
    for stage in (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED):
        assert client.post(url, {"to": stage}).status_code == 302
        application.refresh_from_db()
        assert application.stage == stage
    log = list(ApplicationEvent.objects.filter(application=application))
    assert [(e.from_stage, e.to_stage) for e in log] == [
        ("", "new"),
        ("new", "screening"),
        ("screening", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
    ]
    assert all(e.by == recruiter for e in log[1:])
    assert application.closed_at is not None
    page = client.get(reverse("careers:application", args=[application.pk]))
    assert "Hanna Visser" in page.text  # the log says who


def test_a_stage_cannot_be_skipped(client_for, application, recruiter):
    client = client_for(recruiter)
    response = client.post(
        reverse("careers:application_move", args=[application.pk]), {"to": Stage.HIRED}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.NEW
    assert application.events.count() == 1


def test_rejecting_needs_a_reason_and_mails_the_candidate(
    client_for, application, manager, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(manager)  # the hiring manager
    url = reverse("careers:application_move", args=[application.pk])
    response = client.post(url, {"to": Stage.REJECTED, "reason": "  "})
    assert response.status_code == 400
    assert "error-summary" in response.text
    application.refresh_from_db()
    assert application.stage == Stage.NEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"to": Stage.REJECTED, "reason": "Te weinig ervaring", "tell_candidate": "on"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.rejection_reason == "Te weinig ervaring"
    assert application.events.last().reason == "Te weinig ervaring"
    run_queued(RECEIPT)
    mailoutbox.clear()
    assert run_queued(REJECTION) == [True]
    [mail] = mailoutbox
    assert "Te weinig ervaring" not in mail.body  # the reason stays internal


def test_only_the_recruiter_hiring_manager_and_hr_see_an_application(
    client_for, application, recruiter, manager, employee, alumnus
):
    detail = reverse("careers:application", args=[application.pk])
    cv = reverse("careers:application_cv", args=[application.pk])
    assert client_for(recruiter).get(detail).status_code == 200
    assert client_for(manager).get(detail).status_code == 200
    other_hr = PersonFactory(roles=["hr"])
    assert client_for(other_hr).get(detail).status_code == 200
    assert client_for(employee).get(detail).status_code == 404
    assert client_for(employee).get(cv).status_code == 404
    assert client_for(alumnus).get(detail).status_code in (403, 404)
    listing = client_for(employee).get(reverse("careers:applications"))
    assert "Sanne Jansen" not in listing.text
    response = client_for(employee).post(
        reverse("careers:application_move", args=[application.pk]), {"to": Stage.SCREENING}
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.stage == Stage.NEW


def test_the_cv_is_served_only_as_an_attachment_to_those_who_may(
    client_for, application, recruiter, client
):
    response = client_for(recruiter).get(reverse("careers:application_cv", args=[application.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    anonymous = client.get(reverse("careers:application_cv", args=[application.pk]))
    assert anonymous.status_code == 302  # to sign in


def test_a_bsn_in_the_motivation_is_removed_and_flagged(
    client, client_for, open_vacancy, recruiter
):
    response = apply(
        client, open_vacancy, motivation="Mijn BSN is 111222333, ik kan morgen beginnen."
    )
    assert response.status_code == 302
    assert "bsn=1" in response["Location"]
    application = Application.objects.get()
    assert "111222333" not in application.motivation
    assert BSN_MARKER in application.motivation
    assert Flag.BSN_REDACTED in application.flags
    page = client_for(recruiter).get(reverse("careers:application", args=[application.pk]))
    assert "111222333" not in page.text
    assert "notice--warning" in page.text


def test_an_iban_in_the_motivation_is_refused_with_a_clear_message(client, open_vacancy):
    response = apply(
        client, open_vacancy, motivation="Stort de reiskosten op NL91 ABNA 0417 1643 00 graag."
    )
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert not Application.objects.exists()


def test_the_candidates_own_phone_number_is_fine(client, open_vacancy):
    response = apply(client, open_vacancy, motivation="Bel me gerust op 06 12345678. Groet!")
    assert response.status_code == 302


def test_the_list_shows_stages_and_sources_in_few_queries(
    client_for, open_vacancy, recruiter, client, employee, django_assert_max_num_queries
):
    code = code_for(employee)
    for n in range(8):
        apply(client, open_vacancy, email=f"kandidaat{n}@example.com", ref=code if n % 2 else "")
    hr = client_for(recruiter)
    with django_assert_max_num_queries(14):
        response = hr.get(reverse("careers:applications"))
    assert response.status_code == 200
    with translation.override("nl"):
        assert response.text.count(gettext("Referred by")) >= 4


def test_every_page_of_the_slice_is_valid_html(
    client, client_for, application, recruiter, employee, open_vacancy
):
    strict = html5lib.HTMLParser(strict=True)
    token = delete_token(application)
    hr = client_for(recruiter)
    member = client_for(employee)
    pages = [
        client.get(reverse("careers:apply", args=[open_vacancy.slug])),
        client.get(reverse("careers_en:apply", args=[open_vacancy.slug])),
        apply(client, open_vacancy, email="geen-adres"),
        client.get(reverse("careers:applied", args=[open_vacancy.slug]) + "?bsn=1"),
        client.get(reverse("careers:delete_application", args=[application.public_id, token])),
        client.get(reverse("careers:delete_application", args=["onbekend", token])),
        hr.get(reverse("careers:applications")),
        hr.get(reverse("careers:application", args=[application.pk])),
        hr.get(reverse("careers:referral_overview")),
        member.get(reverse("careers:my_referrals")),
        member.get(reverse("careers:share", args=[open_vacancy.pk])),
    ]
    for response in pages:
        assert response.status_code in (200, 404), response.request["PATH_INFO"]
        strict.parse(response.content.decode())  # raises on any parse error


def test_special_category_data_is_accepted_and_flagged_for_the_recruiter(
    client, client_for, open_vacancy, recruiter
):
    response = apply(
        client, open_vacancy, motivation="Ik had vorig jaar een burn-out en ben nu hersteld."
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.flags == [Flag.SPECIAL_CATEGORY]
    page = client_for(recruiter).get(reverse("careers:application", args=[application.pk]))
    assert "notice--warning" in page.text


def test_a_bsn_in_a_word_cv_is_flagged(client, open_vacancy):
    cv = SimpleUploadedFile("cv.docx", docx_bytes("Jan Jansen, BSN 111222333, Utrecht"))
    assert apply(client, open_vacancy, cv=cv).status_code == 302
    assert Application.objects.get().flags == [Flag.CV_BSN]


def test_a_bsn_in_a_pdf_cv_is_flagged_and_an_ordinary_pdf_is_not(client, open_vacancy):
    cv = SimpleUploadedFile("cv.pdf", pdf_with_text("Jan Jansen, BSN 111222333, Utrecht"))
    assert apply(client, open_vacancy, cv=cv).status_code == 302
    plain = SimpleUploadedFile("cv.pdf", pdf_with_text("Jan Jansen, monteur, Utrecht"))
    assert apply(client, open_vacancy, cv=plain, email="jan@example.com").status_code == 302
    flagged, ordinary = Application.objects.order_by("pk")
    assert flagged.flags == [Flag.CV_BSN]
    assert ordinary.flags == []


def test_the_recruiter_and_hiring_manager_hear_of_new_applications_but_not_who_applied(
    client,
    client_for,
    open_vacancy,
    recruiter,
    manager,
    employee,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert apply(client, open_vacancy).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        second = apply(client, open_vacancy, name="Piet Bakker", email="piet@example.com")
    assert second.status_code == 302
    with translation.override("nl"):
        sentence = gettext("A candidate and %(count)d other candidate applied for a vacancy") % {
            "count": 1
        }
    for person in (recruiter, manager):
        page = client_for(person).get(reverse("notifications:list"))
        assert page.status_code == 200
        # One notification for the vacancy that grew (not one per application), which leads
        # to its applications.
        assert person.notifications.count() == 1
        assert sentence in page.text
        assert open_vacancy.title_nl in page.text
        assert "Sanne" not in page.text and "Piet" not in page.text
        opened = client_for(person).get(
            reverse(
                "notifications:open",
                args=[person.notifications.get().pk],
            )
        )
        assert opened.status_code == 302
        applications = [
            reverse("careers:application", args=[a.pk]) for a in Application.objects.all()
        ]
        assert opened["Location"] in applications
    # Nobody else is told.
    assert not employee.notifications.exists()
