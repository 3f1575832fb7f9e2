"""Personal API tokens: created and revoked on one's own page, shown once, stored as a hash,
and dead at once when revoked, expired, or when their owner leaves."""

import datetime
import hashlib
import re

import html5lib
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from plein.api import services
from plein.api.models import ApiToken
from plein.people.models import Person
from plein.people.services import lifecycle

pytestmark = pytest.mark.django_db

TOKENS_URL = "/api/tokens/"
ME_URL = "/api/v1/me"
SECRET = re.compile(r"plein_[A-Za-z0-9_-]{43,}")


def parse(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def new_secret(person: Person, **kwargs) -> str:
    return services.create_token(person, "Script", **kwargs).secret


def test_a_member_creates_a_token_and_sees_its_secret_only_once(client_for, employee):
    client = client_for(employee)
    response = client.post(TOKENS_URL, {"name": "Teamdashboard", "expires_in": "90"})
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    secrets_shown = SECRET.findall(response.content.decode())
    assert len(set(secrets_shown)) == 1
    secret = secrets_shown[0]
    shown = parse(response).find(".//code[@id='new-token']")
    assert shown is not None and shown.text == secret

    token = ApiToken.objects.get(person=employee)
    assert token.name == "Teamdashboard"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < 16
    stored = {str(value) for value in ApiToken.objects.values().get(pk=token.pk).values()}
    assert secret not in stored
    assert 89 <= (token.expires_at - timezone.now()).days <= 90

    # The list shows the token by name and prefix, never the secret again; revoking is a POST.
    response = client.get(TOKENS_URL)
    assert secret not in response.content.decode()
    [row] = parse(response).findall(".//table//tbody/tr")
    assert text_of(row.find("th")) == "Teamdashboard"
    assert token.prefix in text_of(row)
    form = row.find(".//form")
    assert form.get("method") == "post"
    assert form.get("action") == f"/api/tokens/{token.pk}/revoke/"
    assert form.find(".//input[@name='csrfmiddlewaretoken']") is not None
    assert bearer(secret).get(ME_URL).json()["id"] == employee.pk


@pytest.mark.parametrize("count", [1, 20])
def test_the_token_page_costs_the_same_queries_for_1_or_20_tokens(
    client_for, employee, count, django_assert_max_num_queries
):
    for n in range(count):
        services.create_token(employee, f"Token {n}")
    client = client_for(employee)
    client.get(TOKENS_URL)
    # 5 for the page, + the bell's unread count on every page.
    with django_assert_max_num_queries(6):
        response = client.get(TOKENS_URL)
    assert len(parse(response).findall(".//table//tbody/tr")) == count


def test_a_token_without_a_name_is_refused(client_for, employee):
    response = client_for(employee).post(TOKENS_URL, {"name": "   ", "expires_in": ""})
    assert response.status_code == 200
    assert not SECRET.search(response.content.decode())
    assert not ApiToken.objects.exists()


def test_only_members_with_internal_access_may_create_tokens(client_for, alumnus, outsider):
    assert client_for(alumnus).get(TOKENS_URL).status_code == 403
    assert client_for(alumnus).post(TOKENS_URL, {"name": "x"}).status_code == 403
    for person in (alumnus, outsider):
        with pytest.raises(PermissionDenied):
            services.create_token(person, "Script")
    assert not ApiToken.objects.exists()


def test_the_token_page_requires_signing_in(client):
    response = client.get(TOKENS_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


def test_an_expiry_in_the_past_is_refused(employee):
    with pytest.raises(ValidationError):
        services.create_token(employee, "Script", expires_at=timezone.now())


def test_revoking_on_the_page_stops_the_token_at_once(client_for, employee):
    secret = new_secret(employee)
    api = bearer(secret)
    assert api.get(ME_URL).status_code == 200
    token = ApiToken.objects.get(person=employee)

    response = client_for(employee).post(f"/api/tokens/{token.pk}/revoke/", follow=True)
    assert response.redirect_chain[-1][0] == TOKENS_URL
    assert f"/api/tokens/{token.pk}/revoke/" not in response.content.decode()

    response = api.get(ME_URL)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_nobody_revokes_someone_elses_token(client_for, employee, manager):
    secret = new_secret(employee)
    token = ApiToken.objects.get(person=employee)
    assert client_for(manager).post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.revoke_token(token, by=manager)
    assert bearer(secret).get(ME_URL).status_code == 200


def test_revoking_needs_a_post(client_for, employee):
    new_secret(employee)
    token = ApiToken.objects.get(person=employee)
    assert client_for(employee).get(f"/api/tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    "leave",
    [
        lambda person: lifecycle.deactivate_person(person, by=None),
        lambda person: lifecycle.offboard_person(person, by=None),
    ],
    ids=["deactivated", "offboarded"],
)
def test_a_token_stops_when_its_owner_leaves(employee, leave):
    secret = new_secret(employee)
    assert bearer(secret).get(ME_URL).status_code == 200
    leave(employee)
    assert bearer(secret).get(ME_URL).status_code == 401


def test_a_flexible_workers_token_stops_when_their_contract_ends(flexible_worker):
    secret = new_secret(flexible_worker)
    assert bearer(secret).get(ME_URL).status_code == 200
    Person.objects.filter(pk=flexible_worker.pk).update(
        start_date=timezone.localdate() - datetime.timedelta(days=60),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert bearer(secret).get(ME_URL).status_code == 401


def test_an_expired_token_stops_working(employee):
    secret = new_secret(employee, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert bearer(secret).get(ME_URL).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert bearer(secret).get(ME_URL).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer plein_doesnotexist0000000000000000000000000000000",
        "Bearer ",
        "Token something",
        "",
    ],
)
def test_unknown_or_missing_tokens_get_401_json(employee, header):
    new_secret(employee)
    response = Client(headers={"Authorization": header} if header else {}).get(ME_URL)
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["detail"], str)


def test_a_signed_in_session_is_not_accepted_by_the_api(client_for, employee):
    client = client_for(employee)
    assert client.get(ME_URL).status_code == 401
    response = client.post(
        "/api/v1/posts", {"text": "Via de sessie"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not employee.posts.exists()


def test_last_used_is_written_at_most_once_a_minute(employee, django_assert_num_queries):
    secret = new_secret(employee)
    token = ApiToken.objects.get(person=employee)
    assert token.last_used_at is None
    assert bearer(secret).get(ME_URL).status_code == 200
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None

    half_a_minute_ago = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.update(last_used_at=half_a_minute_ago)
    bearer(secret).get(ME_URL)
    token.refresh_from_db()
    assert token.last_used_at == half_a_minute_ago

    two_minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.update(last_used_at=two_minutes_ago)
    bearer(secret).get(ME_URL)
    token.refresh_from_db()
    assert token.last_used_at > two_minutes_ago


@override_settings(PLEIN_API_RATE_PER_MINUTE=3)
def test_each_token_is_rate_limited_per_minute(employee, monkeypatch):
    # One fixed clock minute, so the test cannot straddle two windows.
    monkeypatch.setattr("plein.api.api.clock", lambda: 1_800_000_000.0)
    secret, other = new_secret(employee), new_secret(employee)
    api = bearer(secret)
    assert [api.get(ME_URL).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(ME_URL)
    assert response.status_code == 429
    assert response.json()["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert bearer(other).get(ME_URL).status_code == 200
    monkeypatch.setattr("plein.api.api.clock", lambda: 1_800_000_060.0)
    assert api.get(ME_URL).status_code == 200
