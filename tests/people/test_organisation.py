import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plein.core.models import Organisation
from tests.conftest import enable_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_person):
    enable_totp(admin_person)
    return client_for(admin_person)


def png_logo() -> bytes:
    image = Image.new("RGBA", (1200, 300), (20, 60, 120, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_an_administrator_sets_name_brand_colour_and_logo(admin_client, client):
    response = admin_client.post(
        reverse("people:organisation"),
        {
            "name": "Van Dijk",
            "brand_colour": "#8A2C0D",
            "logo_upload": SimpleUploadedFile("logo.png", png_logo()),
        },
    )
    assert response.status_code == 302
    org = Organisation.current()
    assert (org.name, org.brand_colour) == ("Van Dijk", "#8a2c0d")
    # The name and colour appear on every page, the sign-in page included.
    page = client.get(reverse("account_login")).content.decode()
    assert "Van Dijk" in page
    assert "--brand: #8a2c0d" in page.replace("--brand:#8a2c0d", "--brand: #8a2c0d")
    logo = client.get(reverse("people:logo"))
    assert logo.status_code == 200
    with Image.open(io.BytesIO(b"".join(logo.streaming_content))) as image:
        assert image.format == "PNG" and image.size[0] <= 600


def test_a_brand_colour_too_light_to_read_is_refused(admin_client):
    response = admin_client.post(
        reverse("people:organisation"), {"name": "Van Dijk", "brand_colour": "#ffdd00"}
    )
    assert response.status_code == 200
    assert "te licht" in response.content.decode()
    assert Organisation.current().brand_colour == "#1f5f8b"


def test_a_logo_that_is_not_an_image_is_refused(admin_client):
    response = admin_client.post(
        reverse("people:organisation"),
        {
            "name": "Van Dijk",
            "brand_colour": "#1f5f8b",
            "logo_upload": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image"),
        },
    )
    assert response.status_code == 200
    assert not Organisation.current().logo
    assert Organisation.current().name == "Plein"


def test_only_administrators_change_the_organisation(client_for, recruiter):
    response = client_for(recruiter).post(
        reverse("people:organisation"), {"name": "Overgenomen", "brand_colour": "#000000"}
    )
    assert response.status_code == 403
    assert Organisation.current().name == "Plein"
