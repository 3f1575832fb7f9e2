"""The HR page for importing people: upload, check the plan, apply.

The uploaded bytes wait on disk between checking and applying (DATA_DIR/imports/<token>.csv, the
token and the file's hash in the session), so HR confirms without uploading again. The apply step
checks the stored file again from scratch: the plan shown earlier is never trusted.
"""

import csv
import hashlib
import hmac
import io
import logging
import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plein.people.forms_import import ImportConfirmForm, ImportUploadForm
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required
from plein.people.services import importer
from plein.people.services.importer import COLUMNS, ImportReport

logger = logging.getLogger(__name__)

SESSION_KEY = "people_import"
STORED_SECONDS = 60 * 60
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# A page with every line of a 20,000-person file helps no one; the command line shows all.
SHOWN_ROWS = 500


@permission_required(Perm.IMPORT_PEOPLE)
@require_http_methods(["GET", "POST"])
def import_people(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "token" in request.POST:
        return _apply(request)
    if request.method == "POST":
        return _check(request)
    _remove_expired()
    return _upload_page(request, ImportUploadForm())


@permission_required(Perm.IMPORT_PEOPLE)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """An example file with the Dutch headers, the way Excel in the Netherlands writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.dutch for column in COLUMNS])
    writer.writerows(EXAMPLE_ROWS)
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="plein-import-voorbeeld.csv"'
    return response


EXAMPLE_ROWS = [
    [
        "1001",
        "sanne.devries@example.nl",
        "Sanne",
        "de",
        "Vries",
        "Teamleider",
        "Noord",
        "Operations > Service > Noord",
        "Utrecht",
        "vast",
        "1-3-2021",
        "",
        "030 123 4567",
        "nl",
        "",
    ],
    [
        "1002",
        "jerome.dupont@example.nl",
        "Jérôme",
        "",
        "Dupont",
        "Monteur",
        "Noord",
        "Operations > Service > Noord",
        "Utrecht",
        "vast",
        "2024-09-01",
        "",
        "",
        "en",
        "1001",
    ],
    [
        "2001",
        "zoe.bakker@example.nl",
        "Zoë",
        "",
        "Bakker",
        "Planner",
        "",
        "Operations > Planning",
        "Amersfoort",
        "flex",
        "1-1-2026",
        "30-6-2026",
        "",
        "nl",
        "1001",
    ],
]


def _upload_page(
    request: HttpRequest, form: ImportUploadForm, *, status: int = 200, problem: str = ""
) -> HttpResponse:
    context = {"form": form, "columns": COLUMNS, "problem": problem}
    return render(request, "people/import.html", context, status=status)


def _check(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    person = _person(request)
    report = importer.import_people(data, by=person, dry_run=True)
    confirm = None
    if report.ok and report.plan is not None and report.plan.changed_people:
        confirm = ImportConfirmForm(initial={"token": _store(request, data)})
    else:
        _discard(request)
    return _result_page(request, report, confirm, upload_name=upload.name or "")


def _apply(request: HttpRequest) -> HttpResponse:
    form = ImportConfirmForm(request.POST)
    data = _stored_data(request, form.data.get("token", "")) if form.is_valid() else None
    if data is None:
        _discard(request)
        problem = _(
            "This import is no longer available (it expired, was replaced by a newer upload or "
            "was changed). Nothing was imported. Upload the file again."
        )
        return _upload_page(request, ImportUploadForm(), status=400, problem=problem)
    report = importer.import_people(data, by=_person(request), dry_run=False)
    _discard(request)
    if report.applied:
        messages.success(request, report.summary)
        return redirect("people:directory")
    return _result_page(request, report, None, upload_name="", status=409)


def _result_page(
    request: HttpRequest,
    report: ImportReport,
    confirm: ImportConfirmForm | None,
    *,
    upload_name: str,
    status: int = 200,
) -> HttpResponse:
    plan = report.plan
    changed = plan.changed_people if plan is not None and report.ok else []
    context: dict[str, Any] = {
        "report": report,
        "issues": report.issues[:SHOWN_ROWS],
        "more_issues": max(0, len(report.issues) - SHOWN_ROWS),
        "error_line_count": len({issue.line for issue in report.issues}),
        "changes": changed[:SHOWN_ROWS],
        "more_changes": max(0, len(changed) - SHOWN_ROWS),
        "confirm": confirm,
        "form": ImportUploadForm(),
        "upload_name": upload_name,
    }
    return render(request, "people/import_result.html", context, status=status)


def _person(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)  # permission_required let only people through
    return request.user


# --- The stored upload ------------------------------------------------------------------------


def _imports_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def _store(request: HttpRequest, data: bytes) -> str:
    _discard(request)
    _remove_expired()
    folder = _imports_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    path = folder / f"{token}.csv"
    path.write_bytes(data)
    path.chmod(0o600)
    request.session[SESSION_KEY] = {
        "token": token,
        "sha256": hashlib.sha256(data).hexdigest(),
        "stored_at": time.time(),
    }
    return token


def _stored_data(request: HttpRequest, token: str) -> bytes | None:
    """The bytes HR reviewed, or None when they are gone, expired, replaced or changed."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict) or not TOKEN_PATTERN.match(str(stored.get("token", ""))):
        return None
    if not hmac.compare_digest(str(stored["token"]), token):
        return None  # a page from an earlier upload: not the file now under review
    if time.time() - float(stored.get("stored_at", 0)) > STORED_SECONDS:
        return None
    try:
        data = (_imports_dir() / f"{stored['token']}.csv").read_bytes()
    except OSError:
        return None
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), str(stored.get("sha256", ""))):
        logger.warning("people import: stored upload does not match its hash; refused")
        return None
    return data


def _discard(request: HttpRequest) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if isinstance(stored, dict) and TOKEN_PATTERN.match(str(stored.get("token", ""))):
        (_imports_dir() / f"{stored['token']}.csv").unlink(missing_ok=True)


def _remove_expired() -> None:
    folder = _imports_dir()
    if not folder.is_dir():
        return
    cutoff = time.time() - STORED_SECONDS
    for path in folder.glob("*.csv"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
