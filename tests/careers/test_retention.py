"""Retention: applications (and their CVs) go four weeks after the procedure closes, a year
with talent-pool consent; the candidate's single-use delete link, and what a used, expired or
forged link answers (and that it changes nothing)."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from plein.careers.models import Application, ApplicationErasure, Referral, Vacancy
from plein.careers.services import applications as application_services
from plein.careers.services import cv as cv_files
from plein.careers.services import vacancies as vacancy_services
from plein.careers.services.links import code_for, delete_token
from plein.careers.services.retention import enforce_application_retention
from plein.careers.tasks import enforce_application_retention as retention_task
from tests.careers.applying import apply

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def make_application(client, vacancy, email: str, **fields) -> Application:
    assert apply(client, vacancy, email=email, **fields).status_code == 302
    return Application.objects.get(email=email)


def rejected(application: Application, recruiter, when: datetime.datetime) -> Application:
    application_services.reject(
        application, recruiter, reason="Andere kandidaat", tell_candidate=False
    )
    Application.objects.filter(pk=application.pk).update(closed_at=when)
    return Application.objects.get(pk=application.pk)


def test_the_job_is_scheduled():
    job = django_settings.PLEIN_PERIODIC_JOBS["careers.enforce_application_retention"]
    assert job["task"] == "plein.careers.tasks.enforce_application_retention"


def test_four_weeks_after_rejection_the_application_and_cv_are_gone(
    client, open_vacancy, recruiter, django_capture_on_commit_callbacks
):
    old = rejected(
        make_application(client, open_vacancy, "oud@example.com"), recruiter, ago(days=29)
    )
    recent = rejected(
        make_application(client, open_vacancy, "recent@example.com"), recruiter, ago(days=20)
    )
    pooled = rejected(
        make_application(client, open_vacancy, "pool@example.com", talent_pool="on"),
        recruiter,
        ago(days=60),
    )
    cv_path = cv_files.path_of(old.cv_path)
    assert cv_path is not None
    with django_capture_on_commit_callbacks(execute=True):
        result = retention_task.call()
    assert result["erased"] == 1
    assert set(Application.objects.values_list("email", flat=True)) == {
        recent.email,
        pooled.email,
    }
    assert not cv_path.exists()
    assert ApplicationErasure.objects.get().reason == ApplicationErasure.Reason.RETENTION
    # Idempotent: a second run finds nothing.
    assert enforce_application_retention()["erased"] == 0


def test_the_talent_pool_keeps_an_application_for_a_year(client, open_vacancy, recruiter):
    pooled = rejected(
        make_application(client, open_vacancy, "pool@example.com", talent_pool="on"),
        recruiter,
        ago(days=366),
    )
    assert pooled.talent_pool and pooled.talent_pool_statement
    enforce_application_retention()
    assert not Application.objects.exists()


def test_a_closed_vacancy_closes_the_procedure_of_open_applications(
    client, open_vacancy, recruiter
):
    application = make_application(client, open_vacancy, "open@example.com")
    vacancy_services.close_vacancy(open_vacancy, recruiter)
    enforce_application_retention()
    assert Application.objects.filter(pk=application.pk).exists()  # closed only just now
    Vacancy.objects.filter(pk=open_vacancy.pk).update(closed_at=ago(days=30))
    enforce_application_retention()
    assert not Application.objects.filter(pk=application.pk).exists()


def test_a_reopened_vacancy_keeps_its_applications(client, open_vacancy, recruiter):
    application = make_application(client, open_vacancy, "open@example.com")
    vacancy_services.close_vacancy(open_vacancy, recruiter)
    Vacancy.objects.filter(pk=open_vacancy.pk).update(closed_at=ago(days=30))
    vacancy_services.reopen_vacancy(
        Vacancy.objects.get(pk=open_vacancy.pk),
        recruiter,
        timezone.localdate() + datetime.timedelta(days=10),
    )
    enforce_application_retention()
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_referral_keeps_its_outcome_without_the_person(
    client, client_for, employee, open_vacancy, recruiter
):
    client_for(employee).post(
        reverse("careers:share", args=[open_vacancy.pk]),
        {"name": "Bram Peters", "email": "bram@example.com", "reason": "Goede monteur."},
    )
    application = make_application(client, open_vacancy, "bram@example.com")
    rejected(application, recruiter, ago(days=40))
    enforce_application_retention()
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.NOT_SELECTED
    assert (referral.name, referral.email, referral.reason) == ("", "", "")
    assert referral.referrer == employee


def test_an_unanswered_direct_referral_loses_its_personal_data(
    client_for, employee, open_vacancy, recruiter
):
    client_for(employee).post(
        reverse("careers:share", args=[open_vacancy.pk]),
        {"name": "Bram Peters", "email": "bram@example.com", "reason": "Goede monteur."},
    )
    vacancy_services.close_vacancy(open_vacancy, recruiter)
    Vacancy.objects.filter(pk=open_vacancy.pk).update(closed_at=ago(days=29))
    assert enforce_application_retention()["referrals_anonymised"] == 1
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.NOT_APPLIED
    assert referral.email == ""


# --- The candidate's delete link ---------------------------------------------------------------


def delete_link(application: Application, token: str | None = None) -> str:
    return reverse(
        "careers:delete_application",
        args=[application.public_id, token or delete_token(application)],
    )


def test_the_candidate_deletes_their_application_once(
    client, open_vacancy, django_capture_on_commit_callbacks
):
    application = make_application(client, open_vacancy, "sanne@example.com")
    other = make_application(client, open_vacancy, "ander@example.com")
    cv_path = cv_files.path_of(application.cv_path)
    url = delete_link(application)
    page = client.get(url)  # a mail scanner following the link deletes nothing
    assert page.status_code == 200
    assert Application.objects.filter(pk=application.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not cv_path.exists()
    # Used again: a clear answer, nothing else changes.
    again = client.post(url)
    assert again.status_code == 410
    assert client.get(url).status_code == 410
    assert Application.objects.filter(pk=other.pk).exists()
    assert ApplicationErasure.objects.get().reason == ApplicationErasure.Reason.CANDIDATE


def test_a_delete_link_after_the_retention_period_says_it_expired(client, open_vacancy, recruiter):
    application = rejected(
        make_application(client, open_vacancy, "oud@example.com"), recruiter, ago(days=30)
    )
    url = delete_link(application)
    enforce_application_retention()
    response = client.post(url)
    assert response.status_code == 410
    assert ApplicationErasure.objects.get().reason == ApplicationErasure.Reason.RETENTION


def test_a_forged_delete_link_deletes_nothing(client, open_vacancy):
    application = make_application(client, open_vacancy, "sanne@example.com")
    response = client.post(delete_link(application, "0" * 64))
    assert response.status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()
    response = client.post(reverse("careers:delete_application", args=["onbekend", "0" * 64]))
    assert response.status_code == 404
    assert Application.objects.count() == 1


def test_the_delete_link_works_in_english(client, open_vacancy):
    application = make_application(
        client,
        open_vacancy,
        "sanne@example.com",
    )
    url = reverse(
        "careers_en:delete_application", args=[application.public_id, delete_token(application)]
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Delete my application" in page.text


def test_the_referrer_sees_a_withdrawal_not_the_person(client, employee, open_vacancy):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    client.get(path, {"ref": code_for(employee)})
    form = client.get(reverse("careers:apply", args=[open_vacancy.slug]))
    assert code_for(employee) in form.text
    apply(client, open_vacancy, ref=code_for(employee))
    application = Application.objects.get()
    client.post(delete_link(application))
    assert Referral.objects.get().status == Referral.Status.WITHDRAWN
