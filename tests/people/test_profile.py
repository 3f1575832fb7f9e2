import io

import pytest
from django.urls import reverse
from PIL import Image

from plein.people.models import Person

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (800, 600), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def profile_post(**overrides):
    data = {
        "job_title": "Monteur",
        "team": "Team Noord",
        "phone": "06 12345678",
        "bio": "Ik werk aan warmtepompen.",
        "skills": "Warmtepompen, F-gassen",
        "spoken_languages": ["nl", "en"],
        "language": "nl",
    }
    data.update(overrides)
    return data


def test_a_profile_shows_work_and_contact(client_for, employee, manager):
    employee.manager = manager
    employee.save()
    body = client_for(manager).get(reverse("people:profile", args=[employee.pk])).content.decode()
    assert "Anna Jansen" in body
    assert "Klantenservice" in body
    assert "anna@example.nl" in body


def test_editing_ones_profile_saves_fields_and_skills(client_for, employee):
    client = client_for(employee)
    response = client.post(reverse("people:edit_profile"), profile_post())
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.team == "Team Noord"
    assert sorted(s.name for s in employee.skills.all()) == ["F-gassen", "Warmtepompen"]
    assert employee.spoken_languages == ["nl", "en"]


def test_a_photo_is_reencoded_without_exif_or_gps(client_for, employee):
    client = client_for(employee)
    response = client.post(
        reverse("people:edit_profile"),
        {**profile_post(), "photo": upload(jpeg_with_gps(), "vakantie.jpg")},
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    served = client.get(employee.photo_url)
    assert served.status_code == 200
    data = b"".join(served.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 512
        assert not image.getexif()


def test_a_pdf_renamed_jpg_is_refused_and_changes_nothing(client_for, employee):
    client = client_for(employee)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    response = client.post(
        reverse("people:edit_profile"),
        {**profile_post(team="Gewijzigd"), "photo": upload(pdf, "foto.jpg")},
    )
    assert response.status_code == 200
    assert "Dit bestand is geen foto" in response.content.decode()
    employee.refresh_from_db()
    assert not employee.photo
    assert employee.team == ""


def huge_png(width: int, height: int) -> bytes:
    """A valid PNG that claims 40,000 × 40,000 pixels but is only a few hundred kB."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def test_a_40000_pixel_square_image_is_refused(client_for, employee):
    client = client_for(employee)
    response = client.post(
        reverse("people:edit_profile"),
        {**profile_post(), "photo": upload(huge_png(40_000, 40_000), "groot.png")},
    )
    assert response.status_code == 200
    assert "te veel pixels" in response.content.decode()
    employee.refresh_from_db()
    assert not employee.photo


def test_photos_are_not_served_to_people_who_may_not_see_the_profile(
    client, client_for, employee, alumnus
):
    client_for(employee).post(
        reverse("people:edit_profile"),
        {**profile_post(), "photo": upload(jpeg_with_gps(), "a.jpg")},
    )
    employee.refresh_from_db()
    assert client.get(employee.photo_url).status_code == 302  # signed out: sign in first
    assert client_for(alumnus).get(employee.photo_url).status_code == 404


def test_profiles_of_people_who_left_are_hidden_from_colleagues_but_not_from_hr(
    client_for, employee, alumnus, recruiter
):
    url = reverse("people:profile", args=[alumnus.pk])
    assert client_for(employee).get(url).status_code == 404
    assert client_for(recruiter).get(url).status_code == 200


def test_changing_the_language_in_the_profile_switches_the_interface(client_for, employee):
    client = client_for(employee)
    client.post(reverse("people:edit_profile"), profile_post(language="en"))
    employee.refresh_from_db()
    assert employee.language == "en"
    body = client.get(reverse("people:directory")).content.decode()
    assert 'lang="en"' in body


def test_the_language_switch_is_remembered_for_a_signed_in_person(client_for, employee):
    client = client_for(employee)
    response = client.post(reverse("people:set_language"), {"language": "en", "next": "/people/"})
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert Person.objects.get(pk=employee.pk).language == "en"
    assert 'lang="en"' in client.get("/people/").content.decode()
    client.post(reverse("people:set_language"), {"language": "nl", "next": "/people/"})
    assert 'lang="nl"' in client.get("/people/").content.decode()


def test_the_language_switch_works_signed_out_and_refuses_foreign_redirects(client):
    response = client.post(
        reverse("people:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert response.cookies["plein_language"].value == "en"
    assert 'lang="en"' in client.get(reverse("account_login")).content.decode()
