import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plein.people.models import Invitation, Person
from plein.people.services import invitations
from plein.people.services import mail as people_mail
from plein.people.services.links import invitation_url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-sterk-wachtwoord-2026"


def invite_form(**overrides):
    data = {
        "email": "nieuw@example.nl",
        "first_name": "Noor",
        "last_name": "Nieuw",
        "contract_type": "permanent",
        "language": "nl",
    }
    data.update(overrides)
    return data


def test_hr_invites_someone_and_the_e_mail_is_queued_on_commit(
    client_for, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recruiter).post(reverse("people:invite"), invite_form())
    assert response.status_code == 302
    person = Person.objects.get(email="nieuw@example.nl")
    assert person.status == Person.Status.INVITED
    invitation = Invitation.objects.get(person=person)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "plein.people.tasks.send_invitation_email"
    assert queued.args_kwargs["args"] == [invitation.pk]


def test_the_invitation_e_mail_is_sent_once_in_the_persons_language(recruiter):
    person = Person.objects.create_user(
        "guest@example.nl", None, first_name="Gus", last_name="Guest", language="en"
    )
    invitation = invitations.invite_person(person, invited_by=recruiter)
    assert people_mail.deliver_invitation_email(invitation.pk) is True
    assert people_mail.deliver_invitation_email(invitation.pk) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["guest@example.nl"]
    assert "invited" in message.subject
    assert invitation_url(invitation) in message.body
    assert message.alternatives and "text/html" in message.alternatives[0].mimetype
    assert message.extra_headers["Message-ID"].startswith(f"<invitation-{invitation.public_id}@")


def test_a_flexible_worker_needs_an_end_date(client_for, recruiter):
    response = client_for(recruiter).post(
        reverse("people:invite"), invite_form(contract_type="flexible")
    )
    assert response.status_code == 200
    assert not Person.objects.filter(email="nieuw@example.nl").exists()


def test_employees_cannot_invite_offboard_or_import(client_for, employee, manager):
    client = client_for(employee)
    assert client.post(reverse("people:invite"), invite_form()).status_code == 403
    assert client.post(reverse("people:offboard", args=[manager.pk])).status_code == 403
    assert client.get(reverse("people:import")).status_code == 403
    assert client.get(reverse("people:organisation")).status_code == 403
    manager.refresh_from_db()
    assert manager.status == Person.Status.ACTIVE


def accept(client: Client, invitation: Invitation, password: str = NEW_PASSWORD):
    url = invitation_url(invitation).split("://", 1)[1].split("/", 1)[1]
    return client.post("/" + url, {"password": password, "password_again": password})


def test_accepting_an_invitation_activates_and_signs_in(client, recruiter):
    person = Person.objects.create_user(
        "noor@example.nl", None, first_name="Noor", last_name="N", status=Person.Status.INVITED
    )
    invitation = invitations.invite_person(person, invited_by=recruiter)
    response = accept(client, invitation)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == Person.Status.ACTIVE
    assert person.check_password(NEW_PASSWORD)
    assert client.get("/").status_code == 200
    again = accept(Client(), invitation)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()


def test_a_common_password_is_refused_and_nothing_changes(client, recruiter):
    person = Person.objects.create_user(
        "noor@example.nl", None, first_name="Noor", last_name="N", status=Person.Status.INVITED
    )
    invitation = invitations.invite_person(person, invited_by=recruiter)
    response = accept(client, invitation, password="qwertyuiop")
    assert response.status_code == 200
    assert "Dit wachtwoord is te algemeen." in response.content.decode()
    person.refresh_from_db()
    assert person.status == Person.Status.INVITED
    assert not person.has_usable_password()


def test_an_expired_invitation_says_what_to_do(client, recruiter):
    person = Person.objects.create_user(
        "noor@example.nl", None, first_name="Noor", last_name="N", status=Person.Status.INVITED
    )
    invitation = invitations.invite_person(person, invited_by=recruiter)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = accept(client, invitation)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    person.refresh_from_db()
    assert person.status == Person.Status.INVITED


def test_a_tampered_invitation_link_is_refused(client, recruiter):
    person = Person.objects.create_user(
        "noor@example.nl", None, first_name="Noor", last_name="N", status=Person.Status.INVITED
    )
    invitation = invitations.invite_person(person, invited_by=recruiter)
    url = reverse("people:accept_invitation", args=[invitation.public_id, "0" * 64])
    assert client.get(url).status_code == 410


def signed_in_client(email: str, password: str) -> Client:
    client = Client()
    assert (
        client.post("/accounts/login/", {"login": email, "password": password}).status_code == 302
    )
    return client


def test_offboarding_ends_every_session_at_once(client_for, employee, recruiter, password):
    elsewhere = signed_in_client(employee.email, password)
    assert elsewhere.get(reverse("people:directory")).status_code == 200
    response = client_for(recruiter).post(reverse("people:offboard", args=[employee.pk]))
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.status == Person.Status.ALUMNUS
    assert elsewhere.get(reverse("people:directory")).status_code == 302
    # Signing in again as an alumnus works, but internal content is out of reach.
    again = signed_in_client(employee.email, password)
    assert again.get(reverse("people:directory")).status_code == 403


def test_deactivating_ends_every_session_and_sign_in(client_for, employee, recruiter, password):
    elsewhere = signed_in_client(employee.email, password)
    client_for(recruiter).post(reverse("people:deactivate", args=[employee.pk]))
    assert elsewhere.get("/").status_code == 302
    fresh = Client()
    fresh.post("/accounts/login/", {"login": employee.email, "password": password})
    assert fresh.get("/").status_code == 302


def test_a_flexible_workers_access_ends_after_the_end_date(client_for, flexible_worker):
    client = client_for(flexible_worker)
    assert client.get(reverse("people:directory")).status_code == 200
    Person.objects.filter(pk=flexible_worker.pk).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(reverse("people:directory")).status_code == 302


def test_hr_grants_roles_only_with_the_right_permission(
    client_for, admin_person, recruiter, employee
):
    url = reverse("people:roles", args=[employee.pk])
    assert client_for(recruiter).post(url, {"roles": ["hr"]}).status_code == 403
    from tests.conftest import enable_totp

    enable_totp(admin_person)
    client_for(admin_person).post(url, {"roles": ["manager"]})
    employee.refresh_from_db()
    assert [role.value for role in employee.roles] == ["employee", "manager"]
