"""Attachments: images and documents, checked by what the bytes are, never by the name.

Images are re-encoded (EXIF and GPS gone), limited in pixels, and get a thumbnail. Documents
(PDF, Office, OpenDocument) are recognised by their signature and, for the ZIP-based formats, by
the part that names their type; anything else is refused.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".bmp", ".tif", ".tiff")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
IMAGE_SIZE = 2048
THUMBNAIL_SIZE = 480

OFFICE_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


@dataclass
class ProcessedFile:
    kind: str  # "image" or "document"
    file: ContentFile[bytes]
    thumbnail: ContentFile[bytes] | None
    original_name: str
    content_type: str
    size: int
    width: int | None = None
    height: int | None = None


def _read_limited(upload: IO[bytes], limit: int) -> bytes:
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("“%(name)s” is too large: at most %(mb)d MB.")
            % {"name": getattr(upload, "name", "file"), "mb": limit // (1024 * 1024)}
        )
    return data


def _office_type(data: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for part, result in OFFICE_PARTS.items():
                if part in names:
                    return result
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT:
                    return mimetype, OPENDOCUMENT[mimetype]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _image(data: bytes, name: str) -> ProcessedFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > settings.PLEIN_PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("“%(name)s” has too many pixels (%(width)d × %(height)d).")
                    % {"name": name, "width": width, "height": height}
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": name}) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” could not be read as an image. It may be damaged.") % {"name": name}
        ) from error
    image.thumbnail((IMAGE_SIZE, IMAGE_SIZE), Image.Resampling.LANCZOS)
    full = io.BytesIO()
    image.save(full, format="JPEG", quality=85, optimize=True)
    thumb_image = image.copy()
    thumb_image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    thumb = io.BytesIO()
    thumb_image.save(thumb, format="JPEG", quality=80, optimize=True)
    stem = uuid.uuid4().hex
    return ProcessedFile(
        kind="image",
        file=ContentFile(full.getvalue(), name=f"{stem}.jpg"),
        thumbnail=ContentFile(thumb.getvalue(), name=f"{stem}-thumb.jpg"),
        original_name=name[:255],
        content_type="image/jpeg",
        size=len(full.getvalue()),
        width=image.width,
        height=image.height,
    )


def process_upload(upload: IO[bytes], name: str) -> ProcessedFile:
    """Check one uploaded file and prepare what is stored. Raises ValidationError otherwise."""
    data = _read_limited(upload, max(MAX_IMAGE_BYTES, MAX_DOCUMENT_BYTES))
    kind = filetype.guess(data[:8192])
    if kind is not None and kind.mime in IMAGE_TYPES:
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationError(
                _("“%(name)s” is too large: at most %(mb)d MB.")
                % {"name": name, "mb": MAX_IMAGE_BYTES // (1024 * 1024)}
            )
        return _image(data, name)
    if name.lower().endswith(IMAGE_EXTENSIONS):
        # Judged by content, but a "photo" that is something else (a PDF called holiday.jpg)
        # would mislead whoever opens it: refused rather than stored as a document.
        raise ValidationError(
            _(
                "“%(name)s” is not a photo, although its name says so. Attach a real photo, "
                "or the file under its real name."
            )
            % {"name": name}
        )
    content_type, extension = "", ""
    if data.startswith(b"%PDF-"):
        content_type, extension = "application/pdf", "pdf"
    elif data.startswith(b"PK\x03\x04"):
        office = _office_type(data)
        if office:
            content_type, extension = office
    if not content_type:
        raise ValidationError(
            _(
                "“%(name)s” is not a file we accept. Attach a photo (JPEG, PNG, WebP, GIF) "
                "or a document (PDF, Word, Excel, PowerPoint, OpenDocument)."
            )
            % {"name": name}
        )
    return ProcessedFile(
        kind="document",
        file=ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}"),
        thumbnail=None,
        original_name=name[:255],
        content_type=content_type,
        size=len(data),
    )
