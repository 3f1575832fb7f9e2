"""The social media policy as a document: drafts, publishing, accepting it on the next visit,
posting blocked after the grace period, attachments, the report per department."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from plein.community.services import posts
from plein.people.models import Person
from plein.policy import documents
from plein.policy.models import PolicyAcknowledgement, PolicyVersion
from tests.factories import DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def publish_version(by, **texts) -> PolicyVersion:
    draft = documents.start_draft(by)
    fields = {
        "title_nl": "Social media policy",
        "title_en": "Social media policy",
        "introduction_nl": "Deel gerust wat je trots maakt.",
        "introduction_en": "Go ahead and share what makes you proud.",
        "private_accounts_nl": "Klanten en hun huizen blijven **privé**.",
        "private_accounts_en": "Customers and their homes stay **private**.",
        **texts,
    }
    documents.update_draft(by, draft, **fields)
    return documents.publish(by, draft)


def age(version: PolicyVersion, days: int) -> None:
    PolicyVersion.objects.filter(pk=version.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_draft_is_not_shown_until_published(community_manager, employee, client_for):
    draft = documents.start_draft(community_manager)
    documents.update_draft(community_manager, draft, introduction_nl="Concept")
    assert documents.current_version() is None
    assert (
        client_for(employee).get(reverse("policy:version", args=[draft.number])).status_code == 404
    )
    assert documents.pending_version_number(employee) is None
    published = documents.publish(community_manager, draft)
    assert documents.current_version() == published
    with pytest.raises(ValidationError):
        documents.update_draft(community_manager, published, introduction_nl="Later anders")


def test_a_new_version_starts_as_a_copy_of_the_current_one(community_manager):
    first = publish_version(community_manager, video_url="https://vimeo.com/76979871")
    second = documents.start_draft(community_manager)
    assert second.number == first.number + 1
    assert second.private_accounts_nl == first.private_accounts_nl
    assert second.video_url == first.video_url
    assert documents.start_draft(community_manager) == second  # one draft at a time


def test_a_video_link_must_be_https(community_manager):
    draft = documents.start_draft(community_manager)
    with pytest.raises(ValidationError) as error:
        documents.update_draft(community_manager, draft, video_url="http://example.com/film")
    assert "video_url" in error.value.message_dict


def test_members_are_asked_on_their_next_visit_and_accept_once(
    community_manager, employee, client_for
):
    version = publish_version(community_manager)
    client = client_for(employee)  # signing in: the next visit
    home = client.get("/")
    assert "policy-prompt" in home.text
    page = client.get(reverse("policy:current"))
    assert page.status_code == 200
    assert "Klanten en hun huizen blijven <strong>privé</strong>." in page.text
    response = client.post(reverse("policy:acknowledge", args=[version.number]))
    assert response.status_code == 302
    ack = PolicyAcknowledgement.objects.get()
    assert (ack.person, ack.version) == (employee, version)
    client.post(reverse("policy:acknowledge", args=[version.number]))
    assert PolicyAcknowledgement.objects.count() == 1
    assert documents.pending_version_number(employee) is None
    home = client.get("/")
    assert 'class="notice notice--warning policy-prompt"' not in home.text


def test_the_prompt_costs_a_page_no_query(
    community_manager, employee, client_for, django_assert_max_num_queries
):
    publish_version(community_manager)
    client = client_for(employee)
    client.get(reverse("policy:rules"))  # warm up (403)
    with django_assert_max_num_queries(20) as counted:
        client.get(reverse("people:profile", args=[employee.pk]))
    assert not [q for q in counted.captured_queries if "policy_" in q["sql"]]


def test_the_page_reads_in_either_language(community_manager, employee, client_for):
    publish_version(community_manager)
    client = client_for(employee)
    english = client.get(reverse("policy:current") + "?lang=en")
    assert "Go ahead and share what makes you proud." in english.text
    assert "Lees in het Nederlands" in english.text
    dutch = client.get(reverse("policy:current") + "?lang=nl")
    assert "Deel gerust wat je trots maakt." in dutch.text
    assert "Read in English" in dutch.text


def test_the_video_is_loaded_only_on_a_click(community_manager, employee, client_for):
    publish_version(community_manager, video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page = client_for(employee).get(reverse("policy:current")).text
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in page
    assert "<iframe" not in page


def test_every_page_links_to_the_current_policy(employee, client_for):
    assert f'href="{reverse("policy:current")}"' in client_for(employee).get("/").text


def test_posting_is_blocked_after_the_grace_period_until_accepted(
    community_manager, employee, settings, django_assert_num_queries
):
    employee.date_joined = timezone.now() - datetime.timedelta(days=400)
    employee.save(update_fields=["date_joined"])
    version = publish_version(community_manager)
    assert documents.posting_blocked_reason(employee) is None  # within the grace period
    posts.publish_post(employee, "Mooie klus vandaag!")
    age(version, 15)
    with translation.override("en"), django_assert_num_queries(1):
        reason = documents.posting_blocked_reason(employee)
    assert reason is not None and "policy" in reason
    with pytest.raises(ValidationError) as error:
        posts.publish_post(employee, "Nog een klus")
    assert error.value.code == "policy_not_accepted"
    settings.PLEIN_POLICY_GRACE_DAYS = 30
    assert documents.posting_blocked_reason(employee) is None
    settings.PLEIN_POLICY_GRACE_DAYS = 14
    documents.acknowledge(employee, version)
    assert documents.posting_blocked_reason(employee) is None
    posts.publish_post(employee, "Weer mogen posten")


def test_a_new_colleague_has_the_grace_period_from_their_first_day(community_manager):
    version = publish_version(community_manager)
    age(version, 60)
    newcomer = PersonFactory(date_joined=timezone.now() - datetime.timedelta(days=2))
    assert documents.posting_blocked_reason(newcomer) is None
    newcomer.date_joined = timezone.now() - datetime.timedelta(days=20)
    assert documents.posting_blocked_reason(newcomer) is not None


def test_attachments_must_be_pdf_and_not_too_large(
    community_manager, employee, client_for, settings
):
    draft = documents.start_draft(community_manager)
    item = documents.add_attachment(
        community_manager,
        draft,
        title="Stroomschema",
        upload=SimpleUploadedFile("schema.pdf", PDF, content_type="application/pdf"),
    )
    assert item.size == len(PDF)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with translation.override("en"), pytest.raises(ValidationError, match="not a PDF"):
        documents.add_attachment(community_manager, draft, title="", upload=fake)
    settings.PLEIN_POLICY_ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("groot.pdf", PDF, content_type="application/pdf")
    with translation.override("en"), pytest.raises(ValidationError, match="at most"):
        documents.add_attachment(community_manager, draft, title="", upload=big)
    assert draft.attachments.count() == 1
    # Readers may not fetch a draft's attachment; after publishing they can.
    client = client_for(employee)
    assert client.get(reverse("policy:attachment", args=[item.pk])).status_code == 404
    documents.update_draft(community_manager, draft, introduction_nl="Lees het schema.")
    documents.publish(community_manager, draft)
    response = client.get(reverse("policy:attachment", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_the_report_shows_the_rate_per_department_and_who_has_not_accepted(
    community_manager, employee
):
    service = DepartmentFactory(name="Service Midden")
    colleagues = PersonFactory.create_batch(3, department=service)
    version = publish_version(community_manager)
    documents.acknowledge(employee, version)
    documents.acknowledge(colleagues[0], version)
    rates, total = documents.rates_per_department(version)
    by_name = {rate.name: (rate.acknowledged, rate.members) for rate in rates}
    assert by_name["Klantenservice"] == (1, 1)
    assert by_name["Service Midden"] == (1, 3)
    assert total.members == Person.objects.members().count()
    waiting = set(documents.not_acknowledged(version))
    assert employee not in waiting and colleagues[1] in waiting and colleagues[0] not in waiting


def test_the_prompt_says_until_when_and_then_that_posting_waits(
    community_manager, employee, client_for
):
    employee.date_joined = timezone.now() - datetime.timedelta(days=400)
    employee.save(update_fields=["date_joined"])
    version = publish_version(community_manager)
    deadline = (version.published_at + datetime.timedelta(days=14)).astimezone(
        timezone.get_current_timezone()
    )
    home = client_for(employee).get("/")
    assert home.wsgi_request.policy_pending["version"] == version.number
    assert not home.wsgi_request.policy_pending["overdue"]
    assert f"{deadline.day} " in home.text
    age(version, 20)
    home = client_for(employee).get("/")  # signing in again: the next visit
    assert home.wsgi_request.policy_pending["overdue"]


def test_a_new_version_keeps_the_attachments_and_a_draft_removal_keeps_the_file(
    community_manager,
):
    first = documents.start_draft(community_manager)
    item = documents.add_attachment(
        community_manager,
        first,
        title="Stroomschema",
        upload=SimpleUploadedFile("schema.pdf", PDF, content_type="application/pdf"),
    )
    documents.update_draft(community_manager, first, introduction_nl="Lees het schema.")
    documents.publish(community_manager, first)
    second = documents.start_draft(community_manager)
    [copy] = second.attachments.all()
    assert (copy.title, copy.file.name) == ("Stroomschema", item.file.name)
    documents.remove_attachment(community_manager, copy)
    assert not second.attachments.exists()
    assert item.file.storage.exists(item.file.name)
    with pytest.raises(ValidationError):
        documents.remove_attachment(community_manager, item)
