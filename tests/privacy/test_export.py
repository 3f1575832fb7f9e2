"""The self-service export: what is in the ZIP (all of the person's own data, none of anyone
else's private content), who may download it, and for how long."""

import datetime
import io

import pytest
from axes.models import AccessLog
from django.core.files.base import ContentFile
from django.utils import timezone

from plein.articles.services.articles import ArticleInput, save_draft
from plein.articles.services.board import ask_board_question
from plein.community.models import Group
from plein.community.services import conversation, groups, posts
from plein.notifications.models import Kind, Notification
from plein.polls.services import create_poll
from plein.polls.services import vote as vote_in_poll
from plein.privacy.models import AuditEntry, DataExport
from plein.privacy.registry import register_export_section
from plein.privacy.services import consents, exports
from plein.questions.services import answer_question, ask_question
from plein.questions.services import vote as vote_on_answer
from tests.factories import PersonFactory
from tests.privacy.conftest import archive_of, jpeg

pytestmark = pytest.mark.db_backend


@pytest.fixture
def colleague(db):  # type: ignore[no-untyped-def]
    return PersonFactory(email="bert@example.nl", first_name="Bert", last_name="Brouwer")


def build(person, on_commit):  # type: ignore[no-untyped-def]
    with on_commit():
        export = exports.request_export(person)
    # What the worker's task does (tests/privacy/test_worker.py runs a real worker).
    with on_commit():
        assert exports.build_export(export.pk) is True
    return export


def test_the_export_holds_all_of_the_persons_own_data(employee, colleague, on_commit, export_dir):
    employee.photo.save("me.jpg", ContentFile(jpeg()), save=True)
    employee.bio = "Ik repareer warmtepompen."
    employee.save()
    update = posts.publish_post(
        employee,
        "Vandaag de nieuwe warmtepomp geplaatst",
        uploads=[posts.Upload("plan.jpg", io.BytesIO(jpeg()))],
    )
    question = ask_question(employee, "Wie weet hoe de storingscode E42 werkt?")
    poll = create_poll(employee, "Waar lunchen we?", ["Kantine", "Buiten"])
    someone_elses = posts.publish_post(colleague, "Koffie staat klaar")
    conversation.add_comment(someone_elses, employee, "Ik kom eraan!")
    conversation.react(employee, "thanks", post=someone_elses)
    others_question = ask_question(colleague, "Waar ligt de sleutel van het magazijn?")
    answer = answer_question(others_question, employee, "In de la bij de balie.")
    their_answer = answer_question(question, colleague, "Dat is een drukfout in de sensor.")
    vote_on_answer(their_answer, employee)
    vote_in_poll(poll, colleague, [poll.options.first().pk])
    vote_in_poll(poll, employee, [poll.options.last().pk])
    ask_board_question(employee, "Komt er een nieuwe cao?", anonymous=True)
    draft = save_draft(employee, ArticleInput(title="Concept: onze bussen", body="Nog schrijven"))
    consents.record_consent(purpose="newsletter", text="Ik wil de nieuwsbrief.", person=employee)
    AccessLog.objects.create(
        username=employee.email,
        ip_address="192.0.2.7",
        user_agent="Firefox",
        attempt_time=timezone.now(),
    )

    archive = archive_of(build(employee, on_commit), export_dir)

    profile = archive.json("profile")
    assert profile["email"] == "anna@example.nl"
    assert profile["bio"] == "Ik repareer warmtepompen."
    assert profile["photo"] in archive.names
    written = {row["id"]: row for row in archive.json("posts")}
    assert written[update.pk]["text"] == "Vandaag de nieuwe warmtepomp geplaatst"
    assert written[update.pk]["attachments"][0] in archive.names
    assert written[question.post_id]["title"] == "Wie weet hoe de storingscode E42 werkt?"
    assert written[poll.pk]["options"] == ["Kantine", "Buiten"]
    assert someone_elses.pk not in written
    assert [c["text"] for c in archive.json("comments")] == ["Ik kom eraan!"]
    assert [a["id"] for a in archive.json("answers")] == [answer.pk]
    assert archive.json("reactions")[0]["kind"] == "thanks"
    votes = archive.json("votes")
    assert [v["option"] for v in votes["polls"]] == ["Buiten"]
    assert [v["answer_id"] for v in votes["answers"]] == [their_answer.pk]
    assert [(a["id"], a["state"]) for a in archive.json("articles")] == [(draft.pk, "draft")]
    [board] = archive.json("board_questions")
    assert board["anonymous"] is True and board["text"] == "Komt er een nieuwe cao?"
    assert archive.json("consents")["consents"][0]["purpose"] == "newsletter"
    assert archive.json("sign_in_history")["sign_ins"][0]["ip_address"] == "192.0.2.7"
    # Other people's words are not copied: their answer to the person's question is a vote
    # reference only, their post is not there.
    assert "drukfout" not in archive.everything()
    assert "Koffie staat klaar" not in archive.everything()


def test_another_persons_secret_group_content_never_reaches_the_export(
    employee, colleague, on_commit, export_dir
):
    secret = groups.create_group(
        by=colleague, name="Reorganisatie", visibility=Group.Visibility.SECRET
    )
    groups.invite(secret, employee, by=colleague)
    groups.join(secret, employee)
    mine = posts.publish_post(employee, "Mijn zorgen over de planning", group=secret)
    with on_commit():
        conversation.add_comment(mine, colleague, "Geheim: afdeling Noord gaat sluiten")
        theirs = posts.publish_post(colleague, "Vertrouwelijk: de nieuwe structuur", group=secret)
        conversation.add_comment(theirs, employee, "Dank voor het delen")
    # The employee had notifications about it; then they left the group.
    assert Notification.objects.filter(recipient=employee).exists()
    groups.leave(secret, employee)

    archive = archive_of(build(employee, on_commit), export_dir)

    text = archive.everything()
    assert "Mijn zorgen over de planning" in text
    assert "Dank voor het delen" in text
    assert "afdeling Noord" not in text
    assert "Vertrouwelijk" not in text
    assert archive.json("notifications")["notifications"] == []


def test_building_twice_builds_once_and_tells_once(employee, on_commit, export_dir):
    export = build(employee, on_commit)
    first_file = export_dir / DataExport.objects.get().file_name
    modified = first_file.stat().st_mtime_ns
    with on_commit():
        assert exports.build_export(export.pk) is False
    assert first_file.stat().st_mtime_ns == modified
    assert Notification.objects.filter(recipient=employee, kind=Kind.DATA_EXPORT).count() == 1


def test_asking_again_while_one_is_prepared_does_not_add_another(employee):
    first = exports.request_export(employee)
    assert exports.request_export(employee) == first
    assert DataExport.objects.count() == 1


def test_the_page_offers_the_export_and_only_its_owner_may_download_it(
    employee,
    colleague,
    admin_with_mfa,
    client_for,
    on_commit,
    export_dir,
    django_assert_max_num_queries,
):
    client = client_for(employee)
    with on_commit():
        response = client.post("/privacy/export/")
    assert response.status_code == 302
    export = DataExport.objects.get(person=employee)
    exports.build_export(export.pk)
    with django_assert_max_num_queries(14):
        page = client.get("/privacy/")
    url = f"/privacy/exports/{export.public_id}/"
    assert url in page.content.decode()

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert client_for(colleague).get(url).status_code == 404
    # Not even an administrator, unless they asked for it on a data-subject request.
    assert client_for(admin_with_mfa[0]).get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302


def test_an_export_expires_and_its_file_is_deleted(employee, client_for, on_commit, export_dir):
    export = build(employee, on_commit)
    export.refresh_from_db()
    path = export_dir / export.file_name
    assert path.exists()
    DataExport.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client_for(employee).get(f"/privacy/exports/{export.public_id}/").status_code == 404
    assert exports.expire_exports() == 1
    assert not path.exists()
    assert DataExport.objects.get().state == DataExport.State.EXPIRED
    assert exports.expire_exports() == 0


def test_an_administrator_handles_a_request_and_the_download_is_in_the_audit_log(
    admin_with_mfa, alumnus, client_for, on_commit, export_dir
):
    admin_person = admin_with_mfa[0]
    client = client_for(admin_person)
    with on_commit():
        response = client.post(
            "/privacy/requests/",
            {
                "email": alumnus.email,
                "action": "export",
                "reason": "Verzoek per brief van 3 maart",
                "confirm": "on",
            },
        )
    assert response.status_code == 302
    export = DataExport.objects.get(person=alumnus)
    assert export.requested_by == admin_person
    exports.build_export(export.pk)
    download = client.get(f"/privacy/exports/{export.public_id}/")
    assert download.status_code == 200
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "subject", "reason"))
    assert actions == [
        ("export_requested", alumnus.pk, "Verzoek per brief van 3 maart"),
        ("export_downloaded", alumnus.pk, "Verzoek per brief van 3 maart"),
    ]
    # The alumnus sees it on their own privacy page.
    page = client_for(alumnus).get("/privacy/").content.decode()
    assert "Verzoek per brief van 3 maart" in page


def test_a_request_without_a_reason_changes_nothing(admin_with_mfa, alumnus, client_for):
    response = client_for(admin_with_mfa[0]).post(
        "/privacy/requests/", {"email": alumnus.email, "action": "export", "confirm": "on"}
    )
    assert response.status_code == 200
    assert not DataExport.objects.exists()
    assert not AuditEntry.objects.exists()


def test_members_cannot_handle_requests_for_others(employee, client_for):
    assert client_for(employee).get("/privacy/requests/").status_code == 403
    assert client_for(employee).get("/privacy/audit/").status_code == 403


def test_apps_plug_their_own_sections_in(employee, on_commit, export_dir):
    register_export_section("policy_acknowledgements", lambda person: [{"policy": "gedragscode"}])
    try:
        archive = archive_of(build(employee, on_commit), export_dir)
    finally:
        from plein.privacy import registry

        registry._sections.pop("policy_acknowledgements")
    assert archive.json("policy_acknowledgements") == [{"policy": "gedragscode"}]


def test_what_others_wrote_in_a_secret_group_stays_out_even_for_a_member(
    employee, colleague, on_commit, export_dir
):
    secret = groups.create_group(by=colleague, name="Overname", visibility=Group.Visibility.SECRET)
    groups.invite(secret, employee, by=colleague)
    groups.join(secret, employee)
    mine = posts.publish_post(employee, "Wat betekent dit voor ons team?", group=secret)
    with on_commit():
        conversation.add_comment(mine, colleague, "Geheim: de overname gaat door in mei")
    assert Notification.objects.filter(recipient=employee).exists()

    archive = archive_of(build(employee, on_commit), export_dir)

    [notification] = archive.json("notifications")["notifications"]
    assert notification["url"] and notification["excerpt"] == ""
    assert "overname gaat door" not in archive.everything()


def test_an_export_whose_task_was_lost_is_handed_to_the_worker_again(employee):
    from django_tasks_db.models import DBTaskResult

    export = exports.request_export(employee)  # outside on_commit capture: never enqueued
    assert exports.rebuild_stalled_exports() == 0
    DataExport.objects.filter(pk=export.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert exports.rebuild_stalled_exports() == 1
    [task] = DBTaskResult.objects.filter(task_path="plein.privacy.tasks.build_export_task")
    assert task.args_kwargs["args"] == [export.pk]


def test_the_export_holds_the_policy_versions_the_person_accepted(
    employee, community_manager, on_commit, export_dir
):
    from plein.policy import documents

    draft = documents.start_draft(community_manager)
    documents.update_draft(
        community_manager,
        draft,
        title_nl="Socialemediabeleid",
        title_en="Social media policy",
        introduction_nl="Deel gerust wat je trots maakt.",
        introduction_en="Go ahead and share what makes you proud.",
    )
    version = documents.publish(community_manager, draft)
    documents.acknowledge(employee, version)
    export = build(employee, on_commit)
    policy = archive_of(export, export_dir).json("policy")
    assert [a["version"] for a in policy["acknowledgements"]] == [version.number]
    assert policy["reports_made"] == []
