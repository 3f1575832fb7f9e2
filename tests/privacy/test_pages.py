"""The privacy pages are well-formed HTML with one h1 and unique ids, for every role that
reaches them."""

import html5lib
import pytest
from django.test import Client

pytestmark = pytest.mark.db_backend


def parse_strictly(html: str):  # type: ignore[no-untyped-def]
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


@pytest.mark.parametrize("path", ["/privacy/", "/privacy/erase/"])
def test_the_personal_pages_are_valid_html(path, employee, client_for):
    response = client_for(employee).get(path)
    assert response.status_code == 200
    page = parse_strictly(response.content.decode())
    assert len(page.findall(".//h1")) == 1
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", ["/privacy/requests/", "/privacy/audit/"])
def test_the_administrators_pages_are_valid_html(path, admin_with_mfa, client_for):
    response = client_for(admin_with_mfa[0]).get(path)
    assert response.status_code == 200
    page = parse_strictly(response.content.decode())
    assert len(page.findall(".//h1")) == 1


def test_the_public_statement_is_valid_html(db):
    response = Client().get("/privacy/")
    parse_strictly(response.content.decode())
