"""CVs: checked by what they contain (not by their name), kept in the private data directory.

A PDF must start with the PDF signature, end with an end-of-file marker and have a cross-
reference and at least one page; one that carries JavaScript or launch actions is refused. Its
text (the first MAX_PDF_PAGES pages, read with pypdf) is scanned for a BSN, like a DOCX's; a PDF
whose text cannot be read (scanned images) is accepted unscanned. A
DOCX must be a ZIP with `word/document.xml` whose content types declare a plain Word document:
a macro-enabled one (.docm) is refused, as is a ZIP that would unpack to something enormous.
The size limit is `PLEIN_CV_MAX_BYTES`; the upload handler below stops reading a larger file
at the limit, so a 30 MB upload costs neither the disk nor the memory.
"""

import logging
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader

from plein.policy.active import active_rule_set
from plein.policy.engine import Scope
from plein.policy.findings import Kind

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAX_DOCX_ENTRIES = 1000
MAX_DOCX_UNPACKED = 100 * 1024 * 1024
MAX_TEXT_SCANNED = 2 * 1024 * 1024
MAX_PDF_PAGES = 20
PDF_DANGER = (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/EmbeddedFile")
logger = logging.getLogger(__name__)
WORD_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


@dataclass(frozen=True)
class CheckedCV:
    kind: str  # "pdf" or "docx"
    size: int
    name: str
    # The text we could read, for the BSN check ("" when there is none, as in a scanned PDF).
    text: str


def max_bytes() -> int:
    return int(settings.PLEIN_CV_MAX_BYTES)


def too_big_message() -> str:
    return _(
        "Your CV is larger than %(max)s. Save it smaller (for example as a PDF) and try again."
    ) % {"max": filesizeformat(max_bytes())}


def _not_a_cv() -> ValidationError:
    return ValidationError(
        _("This file is not a PDF or Word document (.docx). Upload your CV as PDF or DOCX."),
        code="cv_type",
    )


def check_cv(upload: UploadedFile) -> CheckedCV:
    """Raise ValidationError (in the active language) unless the upload is a sound PDF or DOCX
    within the size limit."""
    size = upload.size or 0
    if size > max_bytes():
        raise ValidationError(too_big_message(), code="cv_too_big")
    if size == 0:
        raise ValidationError(_("The CV you chose is empty."), code="cv_empty")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    name = Path(upload.name or "cv").name[:150]
    if b"%PDF-" in head:
        _check_pdf(upload)
        return CheckedCV("pdf", size, name, _pdf_text(upload))
    if head.startswith(b"PK\x03\x04"):
        text = _check_docx(upload)
        return CheckedCV("docx", size, name, text)
    raise _not_a_cv()


def _check_pdf(upload: IO[bytes]) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise ValidationError(
            _("This PDF is damaged or incomplete. Save it again and upload it anew."),
            code="cv_damaged",
        )
    if b"/Page" not in data:
        raise ValidationError(
            _("This PDF has no pages we can read. Save it again and upload it anew."),
            code="cv_damaged",
        )
    if any(marker in data for marker in PDF_DANGER):
        raise ValidationError(
            _(
                "This PDF contains scripts or embedded files, which we do not accept. Print it "
                "to a new PDF and try again."
            ),
            code="cv_active",
        )


def _pdf_text(upload: IO[bytes]) -> str:
    """The text of the first pages, at most MAX_TEXT_SCANNED characters; "" when unreadable."""
    pieces: list[str] = []
    length = 0
    try:
        reader = PdfReader(upload, strict=False)
        for page in reader.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            pieces.append(text)
            length += len(text)
            if length >= MAX_TEXT_SCANNED:
                break
    except Exception as error:  # pypdf raises many kinds; the structure was checked above
        logger.info("CV text not readable: %s", type(error).__name__)
    finally:
        upload.seek(0)
    return " ".join(pieces)[:MAX_TEXT_SCANNED]


def _check_docx(upload: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_DOCX_ENTRIES or (
                sum(entry.file_size for entry in entries) > MAX_DOCX_UNPACKED
            ):
                raise _not_a_cv()
            names = {entry.filename for entry in entries}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise _not_a_cv()
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValidationError(
                    _(
                        "This Word document contains macros, which we do not accept. Save it as "
                        "a normal document (.docx) or as a PDF and try again."
                    ),
                    code="cv_macros",
                )
            if DOCX_MAIN not in types:
                raise _not_a_cv()
            with archive.open("word/document.xml") as document:
                xml = document.read(MAX_TEXT_SCANNED).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, EOFError, OSError) as error:
        raise _not_a_cv() from error
    finally:
        upload.seek(0)
    return " ".join(WORD_TEXT.findall(xml))


def mentions_bsn(text: str) -> bool:
    return bool(text) and any(
        match.finding.kind == Kind.BSN for match in active_rule_set().check(text, Scope.CAREERS)
    )


# --- Storage ----------------------------------------------------------------------------------


def root() -> Path:
    return Path(settings.PLEIN_PRIVATE_ROOT)


def store(upload: UploadedFile, checked: CheckedCV) -> str:
    """Write the CV under a random name; returns its path relative to the private root."""
    relative = f"careers/cv/{secrets.token_hex(16)}.{checked.kind}"
    target = root() / relative
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    upload.seek(0)
    with target.open("xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    target.chmod(0o600)
    return relative


def path_of(relative: str) -> Path | None:
    if not relative or ".." in relative or relative.startswith("/"):
        return None
    full = root() / relative
    return full if full.is_file() else None


def remove(relative: str) -> None:
    full = path_of(relative)
    if full is not None:
        full.unlink(missing_ok=True)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# --- Upload handler ---------------------------------------------------------------------------


class CVSizeLimitHandler(FileUploadHandler):
    """Stops reading an uploaded file once it passes the CV limit (and tells the view), instead
    of spooling a huge file to disk. Put first in `request.upload_handlers` before the body is
    read."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = max_bytes()
        self.received = 0
        self.skipping = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            if self.request is not None:
                self.request.cv_too_big = True  # type: ignore[attr-defined]
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
