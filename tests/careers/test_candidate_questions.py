"""Candidates ask, colleagues answer: a question asked on the public vacancy page without an
account, reviewed and answered by the people of the vacancy, shown with its answer, and the
candidate told by e-mail (after which their address is gone)."""

import datetime

import html5lib
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from plein.careers import antispam
from plein.careers.candidate_questions import mail as question_mail
from plein.careers.candidate_questions import services
from plein.careers.candidate_questions.models import (
    CandidateQuestion,
    EmailState,
    HeldBecause,
)
from plein.careers.services import vacancies as vacancy_services
from plein.notifications.models import Kind, Notification
from tests.careers.test_public import parse, text_of, vacancy_url
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

QUESTION = "Hoe ziet een gewone werkdag eruit voor een servicemonteur?"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ask_url(vacancy, language: str = "nl") -> str:
    namespace = "careers_en" if language == "en" else "careers"
    return reverse(f"{namespace}:ask_question", args=[vacancy.slug])


def question_data(proof: bool = True, **fields) -> dict[str, str]:
    data = {"text": QUESTION, "name": "", "email": "", "consent": "on", "website": ""}
    if proof:
        challenge = antispam.new_challenge("question")
        data["pow_challenge"] = str(challenge["challenge"])
        data["pow_nonce"] = antispam.solve(str(challenge["challenge"]), int(challenge["bits"]))  # type: ignore[call-overload]
    data.update(fields)
    return data


def ask(client, vacancy, language: str = "nl", proof: bool = True, address="203.0.113.7", **fields):
    return client.post(
        ask_url(vacancy, language), question_data(proof, **fields), REMOTE_ADDR=address
    )


def public_question_texts(client, vacancy, language: str = "nl") -> list[str]:
    page = parse(client.get(vacancy_url(vacancy, language)))
    return [
        text_of(item.find(".//div")) for item in page.iterfind(".//li[@class='candidate-question']")
    ]


# --- Asking -------------------------------------------------------------------------------------


def test_a_candidate_asks_without_an_account_and_the_reviewers_are_told(
    client, open_vacancy, recruiter, manager, employee, on_commit
):
    vacancy_services.volunteer(open_vacancy, employee)
    with on_commit():
        response = ask(client, open_vacancy, name="Sam", email="Sam@Example.org")

    assert response.status_code == 302
    assert response["Location"].endswith("/vragen/verstuurd/?held=1")
    question = CandidateQuestion.objects.get()
    assert question.state == CandidateQuestion.State.HELD
    assert question.held_because == HeldBecause.REVIEW
    assert question.asker_name == "Sam" and question.email == "sam@example.org"
    assert question.language == "nl"
    # Held: not on the page yet; only the recruiter and the hiring manager hear of it.
    assert public_question_texts(client, open_vacancy) == []
    told = set(
        Notification.objects.filter(kind=Kind.CANDIDATE_QUESTION).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {recruiter.pk, manager.pk}
    thanks = client.get(response["Location"])
    assert "Bedankt" in thanks.content.decode() or "Thank you" in thanks.content.decode()


def test_the_vacancy_page_holds_the_form_without_csrf_token_or_anything_personal(
    client, open_vacancy
):
    page = parse(client.get(vacancy_url(open_vacancy)))
    form = page.find(".//form[@data-pow-form]")
    assert form is not None and form.get("action") == ask_url(open_vacancy)
    names = {field.get("name") for field in form.iter("input")} | {
        field.get("name") for field in form.iter("textarea")
    }
    assert {"text", "name", "email", "consent", "website", "pow_challenge", "pow_nonce"} <= names
    assert page.find(".//input[@name='csrfmiddlewaretoken']") is None
    assert page.find(".//script[@src='/static/careers/ask.js']") is not None


def test_the_reviewer_publishes_and_the_future_colleagues_are_told(
    client, client_for, open_vacancy, manager, employee, on_commit
):
    vacancy_services.volunteer(open_vacancy, employee)
    ask(client, open_vacancy)
    question = CandidateQuestion.objects.get()

    with on_commit():
        response = client_for(manager).post(
            reverse("careers:vacancy_questions", args=[open_vacancy.pk]),
            {"question": question.pk, "action": "publish"},
        )

    assert response.status_code == 302
    assert public_question_texts(client, open_vacancy) == [QUESTION]
    assert Notification.objects.filter(kind=Kind.CANDIDATE_QUESTION, recipient=employee).exists()


@pytest.mark.db_backend
def test_the_hiring_manager_answers_the_answer_shows_and_the_candidate_is_mailed_once(
    client, client_for, open_vacancy, manager, on_commit
):
    ask(client, open_vacancy, email="sam@example.org")
    question = CandidateQuestion.objects.get()
    url = reverse("careers:vacancy_questions", args=[open_vacancy.pk])

    with on_commit():
        response = client_for(manager).post(
            url,
            {
                "question": question.pk,
                "action": "answer",
                f"q{question.pk}-text": "Je begint om half acht bij de eerste klant.",
            },
        )

    assert response.status_code == 302
    question.refresh_from_db()
    # Answering a held question as its reviewer publishes it with the answer.
    assert question.state == CandidateQuestion.State.PUBLISHED
    assert question.first_answered_at is not None
    assert question.email_state == EmailState.PENDING
    page = parse(client.get(vacancy_url(open_vacancy)))
    answer = text_of(page.find(".//div[@class='candidate-answer']"))
    assert "Je begint om half acht" in answer and manager.full_name in answer

    assert question_mail.send_answer_emails() == 1
    assert question_mail.send_answer_emails() == 0  # never twice
    [message] = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "beantwoord" in message.subject.lower() or "answered" in message.subject.lower()
    assert "Je begint om half acht" in message.body
    assert vacancy_url(open_vacancy) in message.body
    question.refresh_from_db()
    assert question.email == "" and question.email_state == EmailState.SENT


def test_a_question_asked_on_the_english_page_is_answered_by_english_mail(
    client, open_vacancy, manager
):
    ask(client, open_vacancy, language="en", email="kim@example.org")
    question = CandidateQuestion.objects.get()
    assert question.language == "en"
    services.answer_question(question, manager, "You start at half past seven.")

    question_mail.send_answer_emails()

    [message] = mail.outbox
    assert message.subject.startswith("Your question about")
    assert "/careers/jobs/" in message.body


@pytest.mark.db_backend
def test_a_second_answer_sends_no_second_mail(client, open_vacancy, manager, recruiter):
    ask(client, open_vacancy, email="sam@example.org")
    question = CandidateQuestion.objects.get()
    services.answer_question(question, manager, "Eerste antwoord.")
    question_mail.send_answer_emails()
    services.answer_question(question, recruiter, "Nog een antwoord.")

    assert question_mail.send_answer_emails() == 0
    assert len(mail.outbox) == 1
    texts = public_question_texts(client, open_vacancy)
    assert texts == [QUESTION]


def test_without_review_a_question_with_a_valid_proof_is_public_at_once(
    client, open_vacancy, settings
):
    settings.PLEIN_CAREERS_QUESTIONS_REVIEW = False
    response = ask(client, open_vacancy)
    assert response["Location"].endswith("/vragen/verstuurd/")
    assert public_question_texts(client, open_vacancy) == [QUESTION]


def test_without_javascript_a_question_is_always_held(client, open_vacancy, settings):
    settings.PLEIN_CAREERS_QUESTIONS_REVIEW = False
    ask(client, open_vacancy, proof=False)
    question = CandidateQuestion.objects.get()
    assert question.state == CandidateQuestion.State.HELD
    assert question.held_because == HeldBecause.NO_PROOF


# --- Bad input ----------------------------------------------------------------------------------


def test_a_question_with_a_bsn_is_refused_with_the_reason_and_nothing_is_stored(
    client, open_vacancy
):
    response = ask(client, open_vacancy, text="Mijn BSN is 123456782, klopt dat?")

    assert response.status_code == 200
    summary = text_of(parse(response).find(".//div[@class='error-summary']"))
    assert "BSN" in summary
    assert CandidateQuestion.objects.count() == 0
    # The candidate keeps what they wrote.
    assert "Mijn BSN is" in response.content.decode()


def test_a_phone_number_warns_and_sent_anyway_is_held_even_without_review(
    client, open_vacancy, settings
):
    settings.PLEIN_CAREERS_QUESTIONS_REVIEW = False
    text = "Kan ik jullie bellen? Mijn nummer is 06-12345678."
    warned = ask(client, open_vacancy, text=text)

    assert warned.status_code == 200
    assert CandidateQuestion.objects.count() == 0
    page = parse(warned)
    assert page.find(".//input[@name='send_anyway']") is not None

    sent = ask(client, open_vacancy, text=text, send_anyway="on")

    assert sent.status_code == 302
    question = CandidateQuestion.objects.get()
    assert question.state == CandidateQuestion.State.HELD
    assert question.held_because == HeldBecause.WARNING


def test_a_question_with_a_phone_number_and_a_bsn_is_refused(client, open_vacancy):
    text = "Bel 06-12345678, mijn BSN is 123456782."
    response = ask(client, open_vacancy, text=text, send_anyway="on")
    assert response.status_code == 200
    assert CandidateQuestion.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message_part"),
    [
        ({"text": ""}, "vraag"),
        ({"consent": ""}, "vink"),
        ({"email": "geen-adres"}, "e-mail"),
        ({"text": "x" * 1001}, "1000"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client, open_vacancy, fields, message_part
):
    response = ask(client, open_vacancy, **fields)
    assert response.status_code == 200
    summary = text_of(parse(response).find(".//div[@class='error-summary']")).lower()
    assert summary
    assert CandidateQuestion.objects.count() == 0


def test_a_closed_vacancy_takes_no_questions(client, make_vacancy):
    closed = make_vacancy(state="closed")
    response = ask(client, closed)
    assert response.status_code == 200
    assert CandidateQuestion.objects.count() == 0
    assert parse(client.get(vacancy_url(closed))).find(".//form[@data-pow-form]") is None


# --- Who may review and answer ------------------------------------------------------------------


def test_only_the_people_of_the_vacancy_see_and_answer_its_questions(
    client, client_for, open_vacancy, employee, manager
):
    ask(client, open_vacancy)
    question = CandidateQuestion.objects.get()
    url = reverse("careers:vacancy_questions", args=[open_vacancy.pk])
    stranger = PersonFactory()

    assert client_for(stranger).get(url).status_code == 403
    vacancy_services.volunteer(open_vacancy, employee)
    colleague = client_for(employee)
    # A future colleague does not see a held question, and cannot answer it.
    assert QUESTION not in colleague.get(url).content.decode()
    colleague.post(
        url, {"question": question.pk, "action": "answer", f"q{question.pk}-text": "Hoi"}
    )
    assert question.answers.count() == 0
    assert colleague.post(url, {"question": question.pk, "action": "publish"}).status_code == 403
    question.refresh_from_db()
    assert question.state == CandidateQuestion.State.HELD

    services.publish_question(question, manager)
    response = colleague.post(
        url, {"question": question.pk, "action": "answer", f"q{question.pk}-text": "Gezellig!"}
    )
    assert response.status_code == 302
    assert question.answers.get().role == "colleague"


def test_a_rejected_question_is_not_shown_and_its_address_is_erased(
    client, client_for, open_vacancy, recruiter
):
    ask(client, open_vacancy, email="sam@example.org")
    question = CandidateQuestion.objects.get()
    client_for(recruiter).post(
        reverse("careers:vacancy_questions", args=[open_vacancy.pk]),
        {"question": question.pk, "action": "reject"},
    )
    question.refresh_from_db()
    assert question.state == CandidateQuestion.State.REJECTED and question.email == ""
    assert public_question_texts(client, open_vacancy) == []


def test_an_unanswered_questions_address_is_erased_after_ninety_days(client, open_vacancy):
    ask(client, open_vacancy, email="sam@example.org")
    CandidateQuestion.objects.update(asked_at=timezone.now() - datetime.timedelta(days=91))
    assert services.erase_old_addresses() == 1
    assert CandidateQuestion.objects.get().email == ""


def test_an_answer_with_a_bsn_is_refused(client, open_vacancy, manager):
    ask(client, open_vacancy)
    question = CandidateQuestion.objects.get()
    with pytest.raises(Exception) as raised:
        services.answer_question(question, manager, "Stuur je BSN 123456782 maar op.")
    assert "policy_block" in services.error_codes(raised.value)  # type: ignore[arg-type]
    assert question.answers.count() == 0


# --- Time to first answer -----------------------------------------------------------------------


@pytest.mark.db_backend
def test_hr_sees_the_median_time_to_a_first_answer(
    client, client_for, make_vacancy, manager, recruiter, django_assert_max_num_queries
):
    first = make_vacancy(title_nl="Planner")
    second = make_vacancy(title_nl="Monteur")
    now = timezone.now()
    for vacancy, hours in ((first, 2), (first, 4), (second, 30)):
        ask(client, vacancy, address=f"203.0.113.{hours}")
        question = CandidateQuestion.objects.latest("pk")
        services.answer_question(question, manager, "Antwoord.")
        CandidateQuestion.objects.filter(pk=question.pk).update(
            asked_at=now - datetime.timedelta(hours=hours), first_answered_at=now
        )

    hr = client_for(recruiter)
    hr.get(reverse("careers:manage_questions"))  # the first page view creates the session
    with django_assert_max_num_queries(8):
        response = hr.get(reverse("careers:manage_questions"))

    content = response.content.decode()
    assert response.status_code == 200
    rows = {
        text_of(row.find("th")): text_of(row) for row in parse(response).iterfind(".//tbody/tr")
    }
    assert "3" in rows["Planner"] and ("uur" in rows["Planner"] or "hours" in rows["Planner"])
    assert "30" in rows["Monteur"]
    assert "4" in content  # the overall median: 4 hours
    assert client_for(manager).get(reverse("careers:manage_questions")).status_code == 403


@pytest.mark.db_backend
def test_the_questions_page_costs_the_same_whatever_the_number_of_questions(
    client, client_for, open_vacancy, manager, django_assert_max_num_queries
):
    for number in range(6):
        ask(client, open_vacancy, address=f"198.51.100.{number}", text=f"Vraag nummer {number}?")
    for question in CandidateQuestion.objects.all()[:4]:
        services.answer_question(question, manager, "Antwoord.")

    person = client_for(manager)
    url = reverse("careers:vacancy_questions", args=[open_vacancy.pk])
    person.get(url)
    with django_assert_max_num_queries(12):
        response = person.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(vacancy_url(open_vacancy)).status_code == 200


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_question_pages_are_well_formed_html(
    client, client_for, open_vacancy, manager, language
):
    strict = html5lib.HTMLParser(strict=True)
    ask(client, open_vacancy, language=language, address="198.51.100.50")
    services.answer_question(CandidateQuestion.objects.get(), manager, "Ja, dat kan.")
    pages = [
        client.get(vacancy_url(open_vacancy, language)),
        ask(client, open_vacancy, language=language, text="", address="198.51.100.51"),
        ask(client, open_vacancy, language=language, text="Bel 06-12345678 a.u.b."),
        client.get(ask_url(open_vacancy, language)),
        client.get(
            reverse(
                f"{'careers_en' if language == 'en' else 'careers'}:question_asked",
                args=[open_vacancy.slug],
            )
        ),
        client_for(manager).get(reverse("careers:vacancy_questions", args=[open_vacancy.pk])),
        client_for(manager).get(reverse("careers:my_questions")),
    ]
    for response in pages:
        assert response.status_code == 200
        strict.parse(response.content.decode())


def test_an_answer_with_a_phone_number_warns_and_can_be_published_as_it_is(
    client, client_for, open_vacancy, recruiter
):
    ask(client, open_vacancy)
    question = CandidateQuestion.objects.get()
    url = reverse("careers:vacancy_questions", args=[open_vacancy.pk])
    hr = client_for(recruiter)
    text = "Bel gerust ons algemene nummer: 030-1234567."

    warned = hr.post(
        url, {"question": question.pk, "action": "answer", f"q{question.pk}-text": text}
    )

    assert warned.status_code == 200
    assert question.answers.count() == 0
    page = parse(warned)
    assert page.find(f".//input[@name='q{question.pk}-send_anyway']") is not None
    assert page.find(f".//textarea[@name='q{question.pk}-text']").text.strip() == text

    sent = hr.post(
        url,
        {
            "question": question.pk,
            "action": "answer",
            f"q{question.pk}-text": text,
            f"q{question.pk}-send_anyway": "on",
        },
    )
    assert sent.status_code == 302
    assert question.answers.get().role == "recruiter"
