"""Consent records and the audit log of privileged access."""

import pytest
from django.test import Client

from plein.community.models import Group
from plein.community.services import groups, posts
from plein.privacy.models import AuditEntry, Consent
from plein.privacy.services import consents
from plein.privacy.services.audit import record_access

pytestmark = pytest.mark.db_backend


def test_a_consent_is_recorded_with_its_text_and_can_be_withdrawn(employee, client_for):
    consent = consents.record_consent(
        purpose="Nieuwsbrief",
        text="Ik ontvang graag de nieuwsbrief.",
        version="2026-1",
        person=employee,
    )
    again = consents.record_consent(purpose="Nieuwsbrief", text="Andere tekst", person=employee)
    assert again == consent
    assert consents.consent_in_force(employee, "Nieuwsbrief")

    client = client_for(employee)
    page = client.get("/privacy/").content.decode()
    assert "Ik ontvang graag de nieuwsbrief." in page
    response = client.post(f"/privacy/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not consents.consent_in_force(employee, "Nieuwsbrief")
    # The record stays, as proof that consent existed until then; a new one may be given.
    assert consents.record_consent(purpose="Nieuwsbrief", text="Ja", person=employee) != consent


def test_nobody_withdraws_someone_elses_consent(employee, manager, client_for):
    consent = consents.record_consent(purpose="Foto", text="Mijn foto mag", person=employee)
    assert client_for(manager).post(f"/privacy/consents/{consent.pk}/withdraw/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_consent_without_an_account_is_kept_by_address(db):
    consent = consents.record_consent(
        purpose="Talentpool", text="Bewaar mijn cv een jaar.", email="Kandidaat@Example.nl"
    )
    assert consent.email == "kandidaat@example.nl"
    assert Consent.objects.in_force().count() == 1


def test_audit_entries_are_append_only(admin_person, employee):
    entry = record_access(admin_person, "export_downloaded", target="export:1", subject=employee)
    entry.reason = "later changed"
    with pytest.raises(ValueError):
        entry.save()


def test_an_administrator_opening_a_secret_group_is_recorded(
    admin_with_mfa, employee, client_for, django_assert_max_num_queries
):
    admin_person = admin_with_mfa[0]
    secret = groups.create_group(by=employee, name="Ondernemingsraad", visibility="secret")
    post = posts.publish_post(employee, "Agenda van de OR", group=secret)
    open_group = groups.create_group(by=employee, name="Hardlopen")
    client = client_for(admin_person)
    assert client.get(f"/admin/community/group/{secret.pk}/change/").status_code == 200
    assert client.get(f"/admin/community/post/{post.pk}/change/").status_code == 200
    assert client.get(f"/admin/community/group/{open_group.pk}/change/").status_code == 200
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor", "target"))
    assert actions == [
        ("secret_group_opened", admin_person.pk, f"group:{secret.pk}"),
        ("secret_post_opened", admin_person.pk, f"post:{post.pk}"),
    ]
    with django_assert_max_num_queries(12):
        page = client.get("/privacy/audit/")
    html = page.content.decode()
    assert "Ondernemingsraad" in html
    assert "Ad Mulder" in html


def test_a_member_of_the_secret_group_is_not_recorded(admin_with_mfa, client_for):
    admin_person = admin_with_mfa[0]
    mine = groups.create_group(by=admin_person, name="Beheer", visibility=Group.Visibility.SECRET)
    client_for(admin_person).get(f"/admin/community/group/{mine.pk}/change/")
    assert not AuditEntry.objects.exists()


def test_the_privacy_statement_is_public_in_dutch_and_english(db, settings):
    settings.PLEIN_RETENTION_NOTIFICATION_DAYS = 123
    client = Client()
    dutch = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Privacyverklaring van Plein" in dutch
    assert "123 dagen" in dutch
    assert "ondernemingsraad" in dutch
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/privacy/").content.decode()
    assert "Plein privacy statement" in english
    assert "123 days" in english
    assert "Download your data" not in english  # the personal part needs signing in


def test_the_footer_links_to_the_privacy_page(employee, client_for):
    html = client_for(employee).get("/").content.decode()
    assert 'href="/privacy/"' in html
