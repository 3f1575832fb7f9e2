"""The public forms' anti-spam measures, none of which needs a third party: a rate limit per
address, a honeypot, and a signed, expiring, single-use proof of work."""

import hashlib
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from plein.careers import antispam
from plein.careers.candidate_questions.models import CandidateQuestion, HeldBecause
from plein.careers.job_alerts.models import JobAlert
from tests.careers.test_candidate_questions import ask, ask_url, question_data
from tests.careers.test_public import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


# --- Rate limit ---------------------------------------------------------------------------------


@pytest.mark.db_backend
def test_500_questions_a_minute_from_one_address_store_at_most_the_limit(client, open_vacancy):
    statuses = []
    for number in range(500):
        response = client.post(
            ask_url(open_vacancy),
            question_data(proof=False, text=f"Vraag {number}: hoe is de sfeer?"),
            REMOTE_ADDR="192.0.2.10",
        )
        statuses.append(response.status_code)

    assert CandidateQuestion.objects.count() == 5
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}


def test_the_limit_answers_in_the_visitors_language_with_a_retry_time(client, open_vacancy):
    for _number in range(5):
        ask(client, open_vacancy, proof=False, address="192.0.2.11")

    dutch = ask(client, open_vacancy, proof=False, address="192.0.2.11")
    english = ask(client, open_vacancy, language="en", proof=False, address="192.0.2.11")

    assert dutch.status_code == 429 and english.status_code == 429
    assert int(dutch["Retry-After"]) > 0
    assert parse(dutch).get("lang") == "nl" and parse(english).get("lang") == "en"
    assert "Too many questions at once" in text_of(parse(english).find(".//h1"))
    assert "no-store" in dutch["Cache-Control"] or "no-cache" in dutch["Cache-Control"]


def test_another_address_is_not_held_back_by_a_busy_one(client, open_vacancy):
    for _number in range(6):
        ask(client, open_vacancy, proof=False, address="192.0.2.12")
    assert ask(client, open_vacancy, proof=False, address="192.0.2.13").status_code == 302
    assert CandidateQuestion.objects.count() == 6


def test_the_daily_limit_holds_after_the_ten_minute_window():
    limit = antispam.QUESTION_LIMIT
    start = time.time() - 23 * 3600
    for hour in range(20):
        assert limit.retry_after("192.0.2.14", now=start + hour * 900) == 0
        limit.record("192.0.2.14", now=start + hour * 900)
    assert limit.retry_after("192.0.2.14") > 0


def test_an_ipv6_household_counts_as_one_address():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::10")
    other = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1")
    assert antispam.client_address(one) == antispam.client_address(other) == "2001:db8:1:2::/64"
    assert antispam.client_address(factory.get("/", REMOTE_ADDR="")) == "unknown"


def test_no_address_is_kept_in_the_cache():
    antispam.QUESTION_LIMIT.record("192.0.2.15")
    key = antispam.QUESTION_LIMIT._key("192.0.2.15")
    assert "192.0.2.15" not in key


# --- Honeypot -----------------------------------------------------------------------------------


def test_a_filled_in_honeypot_looks_like_success_and_stores_nothing(client, open_vacancy):
    response = ask(client, open_vacancy, website="https://spam.example")
    assert response.status_code == 302
    assert CandidateQuestion.objects.count() == 0


def test_a_filled_in_honeypot_subscribes_nobody(client):
    response = client.post(
        reverse("careers:job_alerts"),
        {"email": "bot@example.org", "consent": "on", "website": "x"},
    )
    assert response.status_code == 302
    assert JobAlert.objects.count() == 0


# --- Proof of work ------------------------------------------------------------------------------


def solved(purpose: str = "question") -> tuple[str, str]:
    challenge = antispam.new_challenge(purpose)
    token = str(challenge["challenge"])
    return token, antispam.solve(token, int(challenge["bits"]))  # type: ignore[call-overload]


def test_a_solved_challenge_is_accepted_once():
    token, nonce = solved()
    digest = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
    assert antispam.leading_zero_bits(digest) >= antispam.POW_BITS
    assert antispam.verify_proof(token, nonce, "question")
    assert not antispam.verify_proof(token, nonce, "question")


def test_a_wrong_nonce_a_forged_or_foreign_challenge_is_not_accepted():
    token, nonce = solved()
    wrong = str(int(nonce) + 1)
    while (
        antispam.leading_zero_bits(hashlib.sha256(f"{token}:{wrong}".encode()).digest())
        >= antispam.POW_BITS
    ):
        wrong = str(int(wrong) + 1)
    assert not antispam.verify_proof(token, wrong, "question")
    assert not antispam.verify_proof(token + "x", nonce, "question")
    alert_token, alert_nonce = solved("alert")
    assert not antispam.verify_proof(alert_token, alert_nonce, "question")
    easy = signing.dumps({"r": "abc", "b": 1, "p": "question"}, salt="other")
    assert not antispam.verify_proof(easy, "0", "question")
    assert not antispam.verify_proof("", "", "question")


def test_an_expired_challenge_is_not_accepted(monkeypatch):
    token, nonce = solved()
    later = time.time() + antispam.POW_MAX_AGE + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert not antispam.verify_proof(token, nonce, "question")


@pytest.mark.db_backend
def test_a_reused_proof_leaves_the_question_held(client, open_vacancy, settings):
    settings.PLEIN_CAREERS_QUESTIONS_REVIEW = False
    data = question_data()
    client.post(ask_url(open_vacancy), data, REMOTE_ADDR="192.0.2.20")
    client.post(ask_url(open_vacancy), data, REMOTE_ADDR="192.0.2.20")
    first, second = CandidateQuestion.objects.order_by("pk")
    assert first.state == CandidateQuestion.State.PUBLISHED
    assert second.state == CandidateQuestion.State.HELD
    assert second.held_because == HeldBecause.NO_PROOF


def test_the_challenge_is_fresh_for_every_request_and_never_cached(client):
    first = client.get(reverse("careers:question_challenge"))
    second = client.get(reverse("careers:question_challenge"))
    assert first.status_code == 200
    assert first.json()["challenge"] != second.json()["challenge"]
    assert first.json()["bits"] == antispam.POW_BITS
    assert "no-store" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]
