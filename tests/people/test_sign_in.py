import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.core import mail
from django.urls import reverse

from tests.conftest import enable_totp

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


def totp_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return f"{hotp_value(secret, counter):0{app_settings.TOTP_DIGITS}d}"


def test_the_sign_in_page_is_dutch_by_default(client):
    body = client.get(LOGIN).content.decode()
    assert 'lang="nl"' in body
    assert "Wachtwoord" in body


def test_a_person_signs_in_with_e_mail_and_password(client, employee, password):
    response = sign_in(client, "Anna@Example.nl", password)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(client, employee):
    wrong = sign_in(client, "anna@example.nl", "niet-het-goede-wachtwoord")
    unknown = sign_in(client, "niemand@example.nl", "niet-het-goede-wachtwoord")
    assert wrong.status_code == unknown.status_code == 200
    wrong_errors = wrong.context["form"].non_field_errors()
    unknown_errors = unknown.context["form"].non_field_errors()
    assert wrong_errors == unknown_errors
    assert wrong_errors


def test_password_reset_does_not_reveal_whether_an_account_exists(client, employee):
    known = client.post("/accounts/password/reset/", {"email": "anna@example.nl"})
    unknown = client.post("/accounts/password/reset/", {"email": "niemand@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    recipients = [m.to for m in mail.outbox]
    assert ["anna@example.nl"] in recipients
    assert all("niemand@example.nl" not in to for to in recipients)


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    client, employee, password, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "anna@example.nl", "fout-wachtwoord-123")
    response = sign_in(client, "anna@example.nl", password)
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert client.get("/").status_code == 302


def test_deactivated_people_cannot_sign_in(client, outsider, password):
    sign_in(client, outsider.email, password)
    assert client.get("/").status_code == 302


def test_an_administrator_without_mfa_must_set_it_up_first(client, admin_person, password):
    sign_in(client, admin_person.email, password)
    response = client.get(reverse("people:directory"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/").status_code == 302


def test_an_administrator_signs_in_with_a_totp_code(client, admin_with_mfa, password):
    admin, secret = admin_with_mfa
    response = sign_in(client, admin.email, password)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Not signed in yet: the second step is still open.
    assert client.get(reverse("people:directory")).status_code == 302
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert right.status_code == 302
    assert client.get(reverse("people:directory")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_admin_is_closed_to_everyone_but_administrators_with_mfa(
    client_for, employee, recruiter
):
    assert client_for(employee).get("/admin/", follow=True).status_code == 403
    assert client_for(recruiter).get("/admin/", follow=True).status_code == 403


def test_the_admin_login_form_is_not_a_way_around_mfa(client, admin_person, password):
    enable_totp(admin_person)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    client.post("/admin/login/", {"username": admin_person.email, "password": password})
    assert client.get("/admin/").status_code == 302
