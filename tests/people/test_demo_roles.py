"""Each demo account signs in and sees what its role allows."""

import pytest
from django.test import Client

from plein.people.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo(size="small", reset=True)


def signed_in(email: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


NAV = {
    "Mensen": "/people/",
    "Importeren": "/people/import/",
    "Uitnodigen": "/people/invite/",
    "Organisatie": "/people/organisation/",
}


@pytest.mark.parametrize(
    ("mailbox", "sees", "directory_status"),
    [
        ("medewerker", {"Mensen"}, 200),
        ("flex", {"Mensen"}, 200),
        ("manager", {"Mensen"}, 200),
        ("community", {"Mensen", "Uitnodigen"}, 200),
        ("hr", {"Mensen", "Importeren", "Uitnodigen"}, 200),
        ("alumnus", set(), 403),
    ],
)
def test_each_demo_account_sees_what_its_role_allows(demo, mailbox, sees, directory_status):
    client = signed_in(f"{mailbox}@demo.plein.nl")
    home = client.get("/").content.decode()
    shown = {label for label, url in NAV.items() if f'href="{url}"' in home}
    assert shown == sees
    assert client.get("/people/").status_code == directory_status
    assert client.get("/people/import/").status_code == (200 if "Importeren" in sees else 403)


def test_the_demo_administrator_must_set_up_mfa_first(demo):
    client = signed_in("admin@demo.plein.nl")
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
