"""The talent community: job alerts with double opt-in, sent by the worker when a matching
vacancy opens (once per subscriber and vacancy), unsubscribed in one click, and data kept only
while subscribed."""

import datetime
import re

import html5lib
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from plein.careers.job_alerts import mail as alert_mail
from plein.careers.job_alerts import services, tasks
from plein.careers.job_alerts.models import JobAlert, JobAlertDelivery
from plein.careers.models import Vacancy
from plein.careers.services import vacancies as vacancy_services
from tests.careers.conftest import today
from tests.careers.test_public import nl, parse, text_of
from tests.factories import DepartmentFactory, LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def subscribe(client, language: str = "nl", address: str = "203.0.113.50", **fields):
    url = reverse("careers_en:job_alerts" if language == "en" else "careers:job_alerts")
    data = {"email": "sam@example.org", "consent": "on", "website": "", **fields}
    return client.post(url, data, REMOTE_ADDR=address)


def confirmed(email: str = "sam@example.org", **choices) -> JobAlert:
    alert = services.subscribe(email=email, language=choices.pop("language", "nl"), **choices)
    assert services.confirm(services.confirm_token(alert)) is not None
    return JobAlert.objects.get(pk=alert.pk)


def link_in(body: str) -> str:
    return re.search(r"http://[^\s]+", body).group(0).removeprefix("http://127.0.0.1:8000")  # type: ignore[union-attr]


def test_subscribing_sends_a_confirmation_and_nothing_else_until_confirmed(
    client, make_vacancy, service
):
    make_vacancy(state="draft")  # the department has had no public vacancy yet
    response = subscribe(client, departments=[], keywords="monteur, Planner")

    assert response.status_code == 302
    alert = JobAlert.objects.get()
    assert alert.confirmed_at is None and alert.keywords == ["monteur", "planner"]
    assert alert_mail.send_waiting_confirmations() == 1
    assert alert_mail.send_waiting_confirmations() == 0
    [message] = mail.outbox
    assert message.to == ["sam@example.org"]
    confirm_path = link_in(message.body)

    # Unconfirmed: a new vacancy is not mailed.
    make_vacancy(title_nl="Servicemonteur")
    tasks.send_due_job_alerts.call()
    assert len(mail.outbox) == 1

    # Following the link (as a mail filter does) confirms nothing; pressing the button does.
    page = client.get(confirm_path)
    assert text_of(parse(page).find(".//h1")) == nl("Confirm your job alerts")
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    done = client.post(confirm_path)
    assert text_of(parse(done).find(".//h1")) == nl("Your job alerts are on")
    alert.refresh_from_db()
    assert alert.confirmed_at is not None
    # The confirmation link works once.
    assert text_of(parse(client.get(confirm_path)).find(".//h1")) == nl("This link no longer works")
    assert text_of(parse(client.post(confirm_path)).find(".//h1")) == nl(
        "This link no longer works"
    )


@pytest.mark.db_backend
def test_a_matching_vacancy_is_mailed_once_to_each_subscriber_with_a_one_click_unsubscribe(
    make_vacancy, service, office, recruiter, django_capture_on_commit_callbacks
):
    other = DepartmentFactory(name="Administratie")
    wants_service = confirmed("a@example.org", departments=[service])
    wants_admin = confirmed("b@example.org", departments=[other])
    wants_keyword = confirmed("c@example.org", keywords="warmtepomp")
    wants_everything = confirmed("d@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        vacancy = make_vacancy()
    tasks.send_job_alerts_for.call(vacancy.pk)
    tasks.send_job_alerts_for.call(vacancy.pk)  # a task run twice
    tasks.send_due_job_alerts.call()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["a@example.org", "c@example.org", "d@example.org"]
    assert not JobAlertDelivery.objects.filter(alert=wants_admin).exists()
    message = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert "Servicemonteur warmtepompen" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/vacaturemelding/afmelden/" in message.extra_headers["List-Unsubscribe"]
    # Reopening the vacancy mails nobody a second time.
    vacancy_services.close_vacancy(vacancy, recruiter)
    vacancy_services.reopen_vacancy(
        Vacancy.objects.get(pk=vacancy.pk), recruiter, today() + datetime.timedelta(days=10)
    )
    tasks.send_job_alerts_for.call(vacancy.pk)
    assert len(mail.outbox) == 3
    assert {wants_service.pk, wants_keyword.pk, wants_everything.pk} == set(
        JobAlertDelivery.objects.values_list("alert_id", flat=True)
    )


@pytest.mark.db_backend
def test_a_vacancy_published_for_a_later_date_is_mailed_on_the_day_it_opens(make_vacancy):
    confirmed()
    later = make_vacancy(publish_on=today() + datetime.timedelta(days=3))
    tasks.send_job_alerts_for.call(later.pk)
    assert mail.outbox == []

    Vacancy.objects.filter(pk=later.pk).update(publish_on=today())  # the day comes
    tasks.send_due_job_alerts.call()

    assert len(mail.outbox) == 1


def test_old_open_vacancies_are_not_mailed_to_new_subscribers(make_vacancy):
    old = make_vacancy(publish_on=today() - datetime.timedelta(days=20))
    Vacancy.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=20)
    )
    confirmed()
    tasks.send_due_job_alerts.call()
    assert mail.outbox == []


def test_a_remote_vacancy_matches_every_location_choice(make_vacancy, office):
    elsewhere = LocationFactory(name="Vestiging Zwolle")
    confirmed(locations=[elsewhere])
    vacancy = make_vacancy(workplace="remote", location=None)
    tasks.send_job_alerts_for.call(vacancy.pk)
    assert len(mail.outbox) == 1
    on_site = make_vacancy(title_nl="Planner", location=office)
    tasks.send_job_alerts_for.call(on_site.pk)
    assert len(mail.outbox) == 1


@pytest.mark.db_backend
def test_unsubscribing_in_one_click_deletes_everything(client, make_vacancy):
    alert = confirmed()
    vacancy = make_vacancy()
    tasks.send_job_alerts_for.call(vacancy.pk)
    [message] = mail.outbox
    unsubscribe = (
        message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    )

    page = client.get(unsubscribe)
    assert page.status_code == 200 and JobAlert.objects.filter(pk=alert.pk).exists()
    response = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not JobAlert.objects.exists() and not JobAlertDelivery.objects.exists()
    assert client.post(unsubscribe).status_code == 200  # again: says so, changes nothing


def test_unconfirmed_subscriptions_are_deleted_after_48_hours():
    services.subscribe(email="late@example.org", language="nl")
    keep = services.subscribe(email="new@example.org", language="nl")
    JobAlert.objects.exclude(pk=keep.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    assert tasks.delete_unconfirmed_job_alerts.call() == 1
    assert list(JobAlert.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_an_english_subscription_gets_english_mail_and_links(client, make_vacancy):
    subscribe(client, language="en")
    alert_mail.send_waiting_confirmations()
    [confirmation] = mail.outbox
    assert confirmation.subject.startswith("Confirm your job alerts")
    assert "/careers/job-alerts/confirm/" in confirmation.body
    client.post(link_in(confirmation.body))

    vacancy = make_vacancy(title_en="Heat pump engineer", description_en="Keep people warm.")
    tasks.send_job_alerts_for.call(vacancy.pk)

    alert_message = mail.outbox[1]
    assert "Heat pump engineer" in alert_message.subject
    assert "/careers/jobs/" in alert_message.body


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "not-an-address"},
        {"consent": ""},
        {"keywords": ",".join(f"woord{n}" for n in range(11))},
    ],
)
def test_bad_input_gets_a_clear_message_and_subscribes_nobody(client, fields):
    response = subscribe(client, **fields)
    assert response.status_code == 200
    assert parse(response).find(".//div[@class='error-summary']") is not None
    assert JobAlert.objects.count() == 0


def test_one_inbox_gets_at_most_three_confirmations_a_day(client):
    for number in range(6):
        subscribe(client, address=f"203.0.113.{60 + number}")
    assert JobAlert.objects.count() == 3


def test_the_subscribe_page_offers_the_departments_and_locations_with_vacancies(
    client, make_vacancy, service, office
):
    make_vacancy()
    DepartmentFactory(name="Nooit gebruikt")
    page = parse(client.get(reverse("careers:job_alerts")))
    labels = [text_of(label) for label in page.iterfind(".//label")]
    assert "Service Midden" in labels and "Vestiging Utrecht" in labels
    assert "Nooit gebruikt" not in labels


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_job_alert_pages_are_well_formed_html(client, make_vacancy, language):
    make_vacancy()
    namespace = "careers_en" if language == "en" else "careers"
    alert = services.subscribe(email="sam@example.org", language=language)
    strict = html5lib.HTMLParser(strict=True)
    pages = [
        client.get(reverse(f"{namespace}:job_alerts")),
        subscribe(client, language=language, email="wrong"),
        client.get(reverse(f"{namespace}:job_alert_requested")),
        client.get(reverse(f"{namespace}:job_alert_confirm", args=[services.confirm_token(alert)])),
        client.post(
            reverse(f"{namespace}:job_alert_confirm", args=[services.confirm_token(alert)])
        ),
        client.get(reverse(f"{namespace}:job_alert_confirm", args=["bad-token"])),
        client.get(
            reverse(f"{namespace}:job_alert_unsubscribe", args=[services.unsubscribe_token(alert)])
        ),
    ]
    for response in pages:
        assert response.status_code == 200
        strict.parse(response.content.decode())
