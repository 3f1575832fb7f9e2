"""Referrals through HTTP: an employee's personal tracked link and share intents, a candidate
who applies through it (the employee is the source and follows the status without seeing who
it is), direct referrals with their invitation, and HR's overview with the reward rules."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from plein.careers.models import Application, Referral, ReferralCode, RewardRule, Stage
from plein.careers.models.applications import Source
from plein.careers.services import applications as application_services
from plein.careers.services.links import code_for
from plein.people.services import lifecycle
from tests.careers.applying import apply, run_queued

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

INVITATION = "plein.careers.tasks.send_referral_invitation"


def land_and_apply(client, vacancy, link: str, **fields):
    """Follow a tracked link to the vacancy page, then apply with what the form carries."""
    parts = urlsplit(link)
    client.get(parts.path, parse_qs(parts.query))
    form = client.get(reverse("careers:apply", args=[vacancy.slug]))
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form.text))
    hidden.pop("csrfmiddlewaretoken", None)
    return apply(client, vacancy, **{**hidden, **fields})


def share_page(client, vacancy):
    return client.get(reverse("careers:share", args=[vacancy.pk]))


def test_an_employee_gets_a_personal_link_and_share_intents(client_for, employee, open_vacancy):
    page = share_page(client_for(employee), open_vacancy)
    assert page.status_code == 200
    code = ReferralCode.objects.get(person=employee).code
    assert len(code) >= 12
    assert f"?ref={code}" in page.text
    for intent in (
        "https://www.linkedin.com/sharing/share-offsite/",
        "https://x.com/intent/post",
        "https://www.facebook.com/sharer/sharer.php",
        "https://wa.me/",
        "mailto:?",
    ):
        assert intent in page.text
    assert "utm_source%3Dlinkedin" in page.text
    assert "careers/share.js" in page.text
    # The same code every time.
    share_page(client_for(employee), open_vacancy)
    assert ReferralCode.objects.filter(person=employee).count() == 1


def test_the_public_vacancy_page_points_members_to_their_share_box(client, open_vacancy):
    page = client.get(reverse("careers:vacancy", args=[open_vacancy.slug]))
    assert reverse("careers:share", args=[open_vacancy.pk]) in page.text


def test_a_candidate_through_the_link_is_attributed_and_the_referrer_follows_the_status(
    client, client_for, employee, recruiter, open_vacancy
):
    link = f"{reverse('careers:vacancy', args=[open_vacancy.slug])}?ref={code_for(employee)}"
    assert land_and_apply(client, open_vacancy, link).status_code == 302
    application = Application.objects.get()
    assert application.source == Source.REFERRAL
    assert application.referrer == employee
    detail = client_for(recruiter).get(reverse("careers:application", args=[application.pk]))
    assert "Noor" in detail.text or employee.full_name in detail.text

    mine = client_for(employee)
    page = mine.get(reverse("careers:my_referrals"))
    assert str(Referral.Status.APPLIED.label) in page.text or "Applied" in page.text
    assert "Sanne" not in page.text and "sanne@example.com" not in page.text

    application_services.start_screening(application, recruiter)
    application_services.invite_to_interview(application, recruiter)
    assert Referral.objects.get().status == Referral.Status.IN_PROGRESS
    application_services.make_offer(application, recruiter)
    application_services.hire(application, recruiter)
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.HIRED
    assert referral.hired_at is not None


def test_the_share_channel_is_recorded(client, employee, open_vacancy):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    link = f"{path}?ref={code_for(employee)}&utm_source=whatsapp&utm_medium=referral"
    land_and_apply(client, open_vacancy, link)
    assert Application.objects.get().channel == "whatsapp"
    assert Referral.objects.get().channel == "whatsapp"


def test_a_later_visit_without_a_code_keeps_the_referral(client, employee, open_vacancy):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    client.get(path, {"ref": code_for(employee)})
    client.get(path, {"utm_source": "google"})
    form = client.get(reverse("careers:apply", args=[open_vacancy.slug]))
    assert code_for(employee) in form.text


def test_an_unknown_code_is_no_referral(client, open_vacancy):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    land_and_apply(client, open_vacancy, f"{path}?ref=raden123456")
    application = Application.objects.get()
    assert application.source == Source.DIRECT
    assert application.referrer is None
    assert not Referral.objects.exists()


def test_referring_yourself_earns_nothing(client, employee, open_vacancy):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    land_and_apply(client, open_vacancy, f"{path}?ref={code_for(employee)}", email=employee.email)
    assert Application.objects.get().referrer is None
    assert not Referral.objects.exists()


def test_a_direct_referral_invites_the_person_who_then_applies(
    client, client_for, employee, open_vacancy, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(employee).post(
            reverse("careers:share", args=[open_vacancy.pk]),
            {"name": "Bram Peters", "email": "Bram@Example.com", "reason": "Top monteur."},
        )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.kind, referral.status, referral.email) == (
        "direct",
        "invited",
        "bram@example.com",
    )
    assert run_queued(INVITATION) == [True]
    [mail] = mailoutbox
    assert mail.to == ["bram@example.com"]
    link = re.search(r"https?://\S+\?ref=\S+", mail.body)[0]
    assert code_for(employee) in link
    assert run_queued(INVITATION) == []

    # Bram applies without the link, with his address: still the referral.
    apply(client, open_vacancy, name="Bram Peters", email="bram@example.com")
    application = Application.objects.get()
    assert application.referrer == employee
    assert application.channel == "direct"
    referral.refresh_from_db()
    assert referral.application == application
    assert referral.status == Referral.Status.APPLIED
    page = client_for(employee).get(reverse("careers:my_referrals"))
    assert "Bram Peters" in page.text  # a name the referrer wrote themselves


def test_bad_referrals_get_a_clear_answer_and_store_nothing(client_for, employee, open_vacancy):
    client = client_for(employee)
    url = reverse("careers:share", args=[open_vacancy.pk])
    response = client.post(url, {"name": "Bram", "email": "geen-adres", "reason": "Goed."})
    assert response.status_code == 400
    assert "error-summary" in response.text
    response = client.post(url, {"name": "Ik", "email": employee.email, "reason": "Ik."})
    assert response.status_code == 400
    assert not Referral.objects.exists()
    client.post(url, {"name": "Bram", "email": "bram@example.com", "reason": "Goed."})
    response = client.post(
        url, {"name": "Bram", "email": "bram@example.com", "reason": "Nog eens."}
    )
    assert response.status_code == 400
    assert Referral.objects.count() == 1


def test_a_closed_vacancy_cannot_be_shared(client_for, employee, make_vacancy):
    closed = make_vacancy(state="closed")
    assert share_page(client_for(employee), closed).status_code == 404


def test_an_alumnus_can_refer_and_their_link_outlives_their_contract(
    client, client_for, employee, alumnus, open_vacancy, admin_person
):
    assert client_for(alumnus).get(reverse("careers:my_referrals")).status_code == 200
    assert share_page(client_for(alumnus), open_vacancy).status_code == 200
    code = code_for(employee)
    lifecycle.offboard_person(employee, by=admin_person)
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    land_and_apply(client, open_vacancy, f"{path}?ref={code}")
    assert Application.objects.get().referrer == employee


def test_outsiders_cannot_refer(client_for, outsider, client, open_vacancy):
    assert client.get(reverse("careers:my_referrals")).status_code == 302
    assert client_for(outsider).get(reverse("careers:my_referrals")).status_code in (302, 403)


def test_hr_sees_referrals_per_vacancy_department_and_channel_and_the_reward_rules(
    client, client_for, employee, recruiter, open_vacancy
):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    land_and_apply(client, open_vacancy, f"{path}?ref={code_for(employee)}&utm_source=linkedin")
    application = Application.objects.get()
    for move in (
        application_services.start_screening,
        application_services.invite_to_interview,
        application_services.make_offer,
        application_services.hire,
    ):
        move(application, recruiter)
    hr = client_for(recruiter)
    url = reverse("careers:referral_overview")
    response = hr.post(url, {"name": "Aanbrengpremie", "amount": "500", "months_employed": "3"})
    assert response.status_code == 302
    response = hr.post(url, {"name": "Fout", "amount": "0", "months_employed": "3"})
    assert response.status_code == 400
    assert RewardRule.objects.count() == 1
    page = hr.get(url)
    assert page.status_code == 200
    assert open_vacancy.title_nl in page.text
    assert open_vacancy.department.name in page.text
    assert "LinkedIn" in page.text
    assert "Aanbrengpremie" in page.text
    assert employee.full_name in page.text  # the referral under the rule
    rule = RewardRule.objects.get()
    hired = Referral.objects.get().hired_at
    assert rule.qualifies_on(hired) > timezone.localdate()
    assert rule.qualifies_on(hired) <= timezone.localdate() + datetime.timedelta(days=93)
    # Switched off: no longer listed.
    hr.post(reverse("careers:reward_rule_active", args=[rule.pk]), {"active": "0"})
    assert not RewardRule.objects.get().active


def test_only_hr_sees_the_overview(client_for, employee, manager):
    assert client_for(employee).get(reverse("careers:referral_overview")).status_code == 403
    assert client_for(manager).get(reverse("careers:referral_overview")).status_code == 403


def test_my_referrals_page_takes_few_queries(
    client, client_for, employee, open_vacancy, django_assert_max_num_queries
):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    for n in range(5):
        land_and_apply(
            client, open_vacancy, f"{path}?ref={code_for(employee)}", email=f"k{n}@example.com"
        )
        client.cookies.clear()
    mine = client_for(employee)
    with django_assert_max_num_queries(12):
        response = mine.get(reverse("careers:my_referrals"))
    assert response.text.count('data-testid="referral-status"') == 5


def test_the_reward_month_arithmetic_clamps_to_the_month_end():
    rule = RewardRule(name="x", amount=1, months_employed=1)
    hired = datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    assert rule.qualifies_on(hired) == datetime.date(2026, 2, 28)
    rule.months_employed = 12
    assert rule.qualifies_on(hired) == datetime.date(2027, 1, 31)
    assert Stage.HIRED  # the enum stays importable for the demo


def test_the_hr_overview_takes_few_queries(
    client, client_for, employee, recruiter, open_vacancy, django_assert_max_num_queries
):
    path = reverse("careers:vacancy", args=[open_vacancy.slug])
    for n in range(4):
        land_and_apply(
            client, open_vacancy, f"{path}?ref={code_for(employee)}", email=f"k{n}@example.com"
        )
        client.cookies.clear()
    for application in Application.objects.all():
        for move in (
            application_services.start_screening,
            application_services.invite_to_interview,
            application_services.make_offer,
            application_services.hire,
        ):
            move(application, recruiter)
    RewardRule.objects.create(name="Premie", amount=500, months_employed=3)
    hr = client_for(recruiter)
    with django_assert_max_num_queries(11):
        response = hr.get(reverse("careers:referral_overview"))
    assert response.text.count("Premie (€500)") == 4
