"""Erasure at the person's request and at offboarding: the profile and own posts go, comments
in others' threads stay as a "former colleague" — on the page, in mentions rendered earlier,
in search and in notifications — and a second erasure changes nothing."""

import datetime
import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone, translation

from plein.community.models import Comment, Post
from plein.community.services import conversation, posts
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.people.services.lifecycle import offboard_person
from plein.privacy.models import AuditEntry, DataExport
from plein.privacy.services import erasure, exports
from plein.questions.services import answer_question, ask_question, question_url
from plein.search import services as search
from tests.factories import PersonFactory

pytestmark = pytest.mark.db_backend


@pytest.fixture
def colleague(db):  # type: ignore[no-untyped-def]
    return PersonFactory(email="bert@example.nl", first_name="Bert", last_name="Brouwer")


def mention(person: Person) -> str:
    return f"@[{person.full_name}](p:{person.pk})"


@pytest.fixture
def conversation_with_anna(employee, colleague, on_commit):  # type: ignore[no-untyped-def]
    """Bert's thread in which Anna commented and was mentioned; Anna's own post."""
    with on_commit():
        thread = posts.publish_post(colleague, f"Wie helpt mij met de storing? {mention(employee)}")
        comment = conversation.add_comment(thread, employee, "Ik kijk er morgen naar, Bert.")
        reply = conversation.add_comment(
            thread, colleague, f"Top, {mention(employee)}!", parent=comment
        )
        own = posts.publish_post(employee, "Mijn eigen verhaal over de zonnepanelen")
    return thread, comment, reply, own


def test_a_person_erases_themselves_and_their_comment_reads_former_colleague(
    employee, colleague, conversation_with_anna, client_for, on_commit
):
    thread, comment, reply, own = conversation_with_anna
    client = client_for(employee)
    with on_commit():
        response = client.post("/privacy/erase/", {"email": "ANNA@example.nl"})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session

    employee.refresh_from_db()
    assert employee.erased_at is not None
    assert (employee.first_name, employee.last_name, employee.bio) == ("", "", "")
    assert not employee.is_active
    assert not Post.objects.filter(pk=own.pk).exists()
    assert Comment.objects.filter(pk=comment.pk).exists()

    with translation.override("en"):
        page = client_for(colleague).get(f"/posts/{thread.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Ik kijk er morgen naar, Bert." in html
    assert "Anna" not in html and "Jansen" not in html
    assert "former colleague" in html or "oud-collega" in html
    # Mentions rendered into the HTML earlier no longer name or link to her.
    thread.refresh_from_db()
    reply.refresh_from_db()
    for text in (thread.body, thread.body_html, reply.body, reply.body_html):
        assert "Anna" not in text
        assert reverse("people:profile", args=[employee.pk]) not in text
    assert "@" + erasure.pseudonym() in reply.body_html


def test_search_no_longer_finds_the_erased_name(
    employee, colleague, conversation_with_anna, on_commit
):
    assert search.search(colleague, "Anna").count > 0
    with on_commit():
        erasure.erase_person(employee, by=None)
    results = search.search(colleague, "Anna")
    assert results.count == 0
    assert results.people == []
    # Her comment is still findable by its words, no longer by "written by".
    found = search.search(colleague, "morgen")
    assert found.count == 1
    assert found.hits[0].author is None or found.hits[0].author.full_name != "Anna Jansen"
    assert search.search(colleague, "zonnepanelen").count == 0


def test_notifications_of_others_no_longer_name_the_person(
    employee, colleague, conversation_with_anna, client_for, on_commit
):
    assert Notification.objects.filter(recipient=colleague, actor=employee).exists()
    with on_commit():
        erasure.erase_person(employee, by=None)
    assert not Notification.objects.filter(recipient=employee).exists()
    page = client_for(colleague).get("/notifications/").content.decode()
    assert "Anna" not in page


def test_answers_in_others_questions_stay_pseudonymised(employee, colleague, on_commit):
    question = ask_question(colleague, "Hoe reset ik de omvormer?")
    answer_question(question, employee, "Stroom eraf, tien seconden wachten.")
    with on_commit():
        erasure.erase_person(employee, by=None)
    from django.test import Client

    client = Client()
    client.force_login(colleague)
    body = client.get(question_url(question)).content.decode()
    assert "tien seconden" in body
    assert "Jansen" not in body


def test_a_wrong_confirmation_changes_nothing(employee, client_for, conversation_with_anna):
    response = client_for(employee).post("/privacy/erase/", {"email": "iemand@example.nl"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    employee.refresh_from_db()
    assert employee.erased_at is None
    assert employee.first_name == "Anna"


def test_a_second_erasure_is_a_no_op(employee, conversation_with_anna, on_commit):
    with on_commit():
        assert erasure.erase_person(employee, by=None) is True
    employee.refresh_from_db()
    before = (employee.email, employee.session_token, Comment.objects.count())
    assert erasure.erase_person(employee, by=None) is False
    employee.refresh_from_db()
    assert (employee.email, employee.session_token, Comment.objects.count()) == before


def test_erasure_deletes_the_persons_exports(employee, on_commit, export_dir):
    with on_commit():
        export = exports.request_export(employee)
    with on_commit():
        exports.build_export(export.pk)
    export.refresh_from_db()
    path = export_dir / export.file_name
    with on_commit():
        erasure.erase_person(employee, by=None)
    assert not DataExport.objects.exists()
    assert not path.exists()


def test_offboarding_erases_at_once_when_configured(
    employee, recruiter, conversation_with_anna, settings, on_commit
):
    settings.PLEIN_ERASE_ON_OFFBOARDING = "immediately"
    with on_commit():
        offboard_person(employee, by=recruiter)
    employee.refresh_from_db()
    assert employee.erased_at is not None
    assert employee.full_name in ("former colleague", "oud-collega")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.subject) == ("person_erased", recruiter, employee)


def test_offboarding_keeps_the_alumnus_by_default(employee, recruiter, settings):
    settings.PLEIN_ERASE_ON_OFFBOARDING = "never"
    offboard_person(employee, by=recruiter)
    employee.refresh_from_db()
    assert employee.erased_at is None and employee.is_alumnus


def test_the_periodic_job_erases_after_the_configured_days(
    employee, recruiter, settings, on_commit
):
    settings.PLEIN_ERASE_ON_OFFBOARDING = "after_days"
    settings.PLEIN_ERASE_AFTER_DAYS = 30
    offboard_person(employee, by=recruiter)
    assert erasure.erase_due_offboarded() == 0
    Person.objects.filter(pk=employee.pk).update(
        offboarded_at=timezone.now() - datetime.timedelta(days=31)
    )
    with on_commit():
        assert erasure.erase_due_offboarded() == 1
    assert erasure.erase_due_offboarded() == 0
    employee.refresh_from_db()
    assert employee.erased_at is not None


def test_an_administrator_erases_on_request_with_a_reason(
    admin_with_mfa, alumnus, client_for, on_commit
):
    admin_person = admin_with_mfa[0]
    with on_commit():
        response = client_for(admin_person).post(
            "/privacy/requests/",
            {
                "email": alumnus.email,
                "action": "erase",
                "reason": "Verzoek van 1 april",
                "confirm": "on",
            },
        )
    assert response.status_code == 302
    alumnus.refresh_from_db()
    assert alumnus.erased_at is not None
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.subject, entry.reason) == (
        "person_erased",
        admin_person,
        alumnus,
        "Verzoek van 1 april",
    )
    assert "Olga" not in entry.target_label


def test_the_persons_photo_and_files_are_deleted(employee, on_commit):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.privacy.conftest import jpeg

    employee.photo.save("me.jpg", ContentFile(jpeg()), save=True)
    post = posts.publish_post(
        employee, "Foto van de bus", uploads=[posts.Upload("bus.jpg", io.BytesIO(jpeg()))]
    )
    names = [employee.photo.name, *(a.file.name for a in post.attachments.all())]
    assert all(default_storage.exists(name) for name in names)
    with on_commit():
        erasure.erase_person(employee, by=None)
    assert not any(default_storage.exists(name) for name in names)
    employee.refresh_from_db()
    assert not employee.photo
