"""Profile photos: checked by what the bytes are, not by the file name, then re-encoded.

Re-encoding to JPEG drops everything but the pixels: EXIF (with GPS position), ICC tricks,
embedded scripts in polyglot files. The pixel limit is checked from the header before any
pixel is decoded, so a 40,000 × 40,000 "decompression bomb" costs nothing.
"""

import io
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_MIME = {"image/jpeg", "image/png", "image/webp", "image/gif"}
PHOTO_SIZE = 512  # pixels, the longest side after re-encoding


def process_photo(upload: IO[bytes], *, max_bytes: int | None = None) -> ContentFile[bytes]:
    return _process_image(upload, max_bytes=max_bytes, size=PHOTO_SIZE, logo=False)


def process_logo(upload: IO[bytes]) -> ContentFile[bytes]:
    """A logo keeps its transparency: re-encoded as PNG, at most 600 pixels wide."""
    return _process_image(upload, max_bytes=2 * 1024 * 1024, size=600, logo=True)


def _process_image(
    upload: IO[bytes], *, max_bytes: int | None, size: int, logo: bool
) -> ContentFile[bytes]:
    max_bytes = max_bytes or settings.PLEIN_PHOTO_MAX_BYTES
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("The photo is too large. Choose a file of at most %(mb)d MB.")
            % {"mb": max_bytes // (1024 * 1024)}
        )
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ACCEPTED_MIME:
        raise ValidationError(_("This file is not a photo. Choose a JPEG, PNG, WebP or GIF image."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > settings.PLEIN_PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The photo has too many pixels (%(width)d × %(height)d). "
                        "Choose a smaller image."
                    )
                    % {"width": width, "height": height}
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(0)
            image = ImageOps.exif_transpose(opened).convert("RGBA" if logo else "RGB")
            image.thumbnail((size, size), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if logo:
                image.save(out, format="PNG", optimize=True)
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("The photo has too many pixels. Choose a smaller image.")
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(
            _("This photo could not be read. It may be damaged; try another file.")
        ) from error
    return ContentFile(out.getvalue(), name="logo.png" if logo else "photo.jpg")
