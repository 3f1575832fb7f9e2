import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plein.articles.services import articles
from plein.articles.services.articles import ArticleInput
from plein.community.models import Group
from plein.community.services import groups
from plein.community.services.posts import Upload
from plein.people.models import Role
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg(size: tuple[int, int] = (800, 500), colour: tuple[int, int, int] = (200, 90, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(name: str = "foto.jpg", content: bytes | None = None) -> Upload:
    return Upload(name, io.BytesIO(content if content is not None else jpeg()))


def uploaded_file(name: str = "foto.jpg", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else jpeg())


def publish(author, title="Een dag op de bus", body="Vandaag reden we naar Zwolle.", **fields):
    draft = articles.save_draft(author, ArticleInput(title=title, body=body, **fields))
    return articles.publish_article(draft, by=author)


@pytest.fixture
def director(db, department):
    return PersonFactory(
        email="directeur@example.nl",
        first_name="Dirk",
        last_name="Directeur",
        job_title="Algemeen directeur",
        department=department,
        roles=[Role.MANAGER],
    )


@pytest.fixture
def colleague(db, department):
    return PersonFactory(
        email="collega@example.nl", first_name="Cees", last_name="Collega", department=department
    )


@pytest.fixture
def culture_carrier(db):
    return PersonFactory(
        email="cultuur@example.nl",
        first_name="Carla",
        last_name="Cultuur",
        roles=[Role.CULTURE_CARRIER],
    )


@pytest.fixture
def closed_group(manager):
    return groups.create_group(
        by=manager,
        name="Reorganisatie",
        kind=Group.Kind.PROJECT,
        visibility=Group.Visibility.CLOSED,
    )
