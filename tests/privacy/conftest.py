import io
import json
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from plein.privacy.models import DataExport


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    settings.PLEIN_EXPORT_DIR = tmp_path / "exports"
    return settings.PLEIN_EXPORT_DIR


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run what the services hand to `transaction.on_commit`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 20)).save(buffer, "JPEG")
    return buffer.getvalue()


class Archive:
    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    @property
    def names(self) -> list[str]:
        return self.zip.namelist()

    def json(self, name: str):  # type: ignore[no-untyped-def]
        return json.loads(self.zip.read(f"{name}.json"))

    def everything(self) -> str:
        """All the text in the archive, to look for what must not be there."""
        return "\n".join(self.zip.read(name).decode("utf-8", "replace") for name in self.names)


def archive_of(export: DataExport, export_dir: Path) -> Archive:
    export.refresh_from_db()
    assert export.state == DataExport.State.READY
    assert export.expires_at is not None and export.expires_at > timezone.now()
    return Archive((Path(export_dir) / export.file_name).read_bytes())
