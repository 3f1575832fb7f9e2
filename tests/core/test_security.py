import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_request_gets_a_request_id(client):
    response = client.get(reverse("account_login"))
    assert len(response["X-Request-Id"]) >= 16


def test_requests_are_logged_as_json_without_personal_data(client_for, employee, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="plein.request")
    client_for(employee).get(reverse("people:directory"))
    record = next(r for r in caplog.records if r.name == "plein.request")
    assert record.status == 200
    assert record.path == "/people/"
    assert record.user_id == employee.pk
    assert record.duration_ms >= 0
    from plein.core.logging import JsonFormatter

    line = JsonFormatter().format(record)
    assert "anna@example.nl" not in line
    import json

    assert json.loads(line)["status"] == 200


def test_forms_need_a_csrf_token(employee):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    response = client.post(reverse("people:set_language"), {"language": "en"})
    assert response.status_code == 403
