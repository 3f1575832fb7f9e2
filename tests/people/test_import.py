"""Importing people from an HR export: the service, `plein import-people` and the HR page."""

import codecs
import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from plein.cli import main
from plein.people.models import Department, Invitation, Location, Person
from plein.people.services import importer
from plein.people.services.importer import Action, import_people
from tests.factories import DepartmentFactory, PersonFactory

HEADER_EN = "employee_number,email,first_name,name_prefix,last_name,job_title,department,location,contract,start_date,end_date,phone,language,manager"  # noqa: E501


def csv_bytes(*lines: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


GOOD_FILE = csv_bytes(
    HEADER_EN,
    "1001,sanne@example.nl,Sanne,de,Vries,Teamleider,Operations > Service > Noord,Utrecht,vast,1-3-2021,,030 123 4567,nl,",  # noqa: E501
    "1002,JEROME@example.nl,Jérôme,,Dupont,Monteur,Operations > Service > Noord,Utrecht,permanent,2024-09-01,,,en,1001",  # noqa: E501
    "1003,zoe@example.nl,Zoë,,Bakker,Planner,Operations > Planning,Amersfoort,flex,01-01-2026,30-6-2026,,,1001",  # noqa: E501
)


def issue_texts(report: importer.ImportReport) -> list[str]:
    # The tests ran the import in English; the report is printed in the same language.
    with translation.override("en"):
        return [str(issue) for issue in report.issues]


def people_count() -> int:
    return Person.objects.count()


# --- The service ------------------------------------------------------------------------------


def test_a_utf8_file_creates_people_departments_locations_and_managers(db, recruiter):
    report = import_people(GOOD_FILE, by=recruiter, dry_run=False)

    assert report.ok, issue_texts(report)
    assert (report.result.created, report.result.updated) == (3, 0)
    sanne = Person.objects.get(employee_number="1001")
    jerome = Person.objects.get(employee_number="1002")
    zoe = Person.objects.get(employee_number="1003")
    assert sanne.full_name == "Sanne de Vries"
    assert sanne.status == Person.Status.INVITED
    assert sanne.start_date == datetime.date(2021, 3, 1)
    assert sanne.phone == "030 123 4567"
    assert jerome.email == "jerome@example.nl"
    assert jerome.language == "en"
    assert jerome.manager == sanne and zoe.manager == sanne
    assert zoe.contract_type == Person.ContractType.FLEXIBLE
    assert zoe.end_date == datetime.date(2026, 6, 30)

    noord = sanne.department
    assert noord.name == "Noord"
    assert noord.parent.name == "Service" and noord.parent.parent.name == "Operations"
    assert jerome.department == noord
    assert zoe.department.parent == noord.parent.parent
    assert Department.objects.filter(name="Operations").count() == 1
    assert set(Location.objects.values_list("name", flat=True)) == {"Utrecht", "Amersfoort"}
    # HR invites later: importing sends nothing.
    assert not Invitation.objects.exists()
    assert "Er zijn geen uitnodigingen verstuurd" in report.summary


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", True), ("cp1252", False), ("utf-16", False)],
    ids=["utf8-bom", "cp1252", "excel-unicode-text"],
)
def test_an_excel_semicolon_file_keeps_its_accents(db, recruiter, encoding, bom):
    data = csv_bytes(
        "Personeelsnummer;E-mail;Voornaam;Tussenvoegsel;Achternaam;Functie;Afdeling",
        "2001;jerome@example.nl;Jérôme;;Dupont;Monteur;Service",
        "2002;zoe@example.nl;Zoë;van der;Meulen;Planner;Service",
        "2003;francois@example.nl;François;;Müller;Hoofd financiën;Financiën",
        # Windows-1252, not Latin-1: the curly apostrophe is byte 0x92.
        "2004;luca@example.nl;Luca;;D’Angelo;Monteur – buitendienst;Service",
        encoding=encoding,
        bom=bom,
    )

    report = import_people(data, by=recruiter, dry_run=False)

    assert report.ok, issue_texts(report)
    names = set(
        Person.objects.filter(employee_number__startswith="200").values_list(
            "first_name", "last_name"
        )
    )
    assert names == {
        ("Jérôme", "Dupont"),
        ("Zoë", "Meulen"),
        ("François", "Müller"),
        ("Luca", "D’Angelo"),
    }
    assert Person.objects.get(employee_number="2004").job_title == "Monteur – buitendienst"
    assert Person.objects.get(employee_number="2003").job_title == "Hoofd financiën"
    assert Person.objects.get(employee_number="2002").name_prefix == "van der"


def test_a_file_with_one_bad_line_changes_nothing(db, recruiter):
    before = people_count()
    data = csv_bytes(
        HEADER_EN,
        "1001,sanne@example.nl,Sanne,,Vries,,Operations,Utrecht,,,,,,",
        "1002,jerome@example.nl,Jérôme,,Dupont,,Operations,Utrecht,,31-02-2024,,,,",
        "1003,zoe@example.nl,Zoë,,Bakker,,Operations,Utrecht,,,,,,",
    )

    with translation.override("en"):
        report = import_people(data, by=recruiter, dry_run=False)

    assert not report.applied
    assert issue_texts(report) == [
        "line 3, column start_date: Enter a valid date. Write it as 2026-03-31 or 31-3-2026."
    ]
    assert people_count() == before
    assert not Department.objects.filter(name="Operations").exists()
    assert not Location.objects.filter(name="Utrecht").exists()


def test_every_bad_line_is_reported_with_its_reason(db, recruiter, employee):
    data = csv_bytes(
        HEADER_EN,
        "1001,not-an-address,Sanne,,Vries,,,,,,,,,",  # line 2
        ",x@example.nl,Jan,,Vries,,,,,,,,,",  # line 3: no employee number
        "1003,zoe@example.nl,Zoë,,Bakker,,,,flex,,,,,",  # line 4: flexible without end date
        "1004,kim@example.nl,Kim,,Bos,,,,,2026-05-01,2026-04-01,,,",  # line 5: end before start
        "1005,lars@example.nl,Lars,,Kok,,,,zzp,,,,,",  # line 6: unknown contract type
        "1001,sanne2@example.nl,Sanne,,Vries,,,,,,,,,",  # line 7: duplicate number
        "1007,ZOE@example.nl,Zoe,,Bakker,,,,,,,,,",  # line 8: duplicate e-mail
        "1008,anna@example.nl,Anna,,Jansen,,,,,,,,,",  # line 9: e-mail of an existing person
        "1009,piet@example.nl,Piet,,Smit,,,,,,,,,9999",  # line 10: unknown manager
        "1010,els@example.nl,Els,,Dijk,,,,,,,,fr,",  # line 11: unknown language
        "1011,ids@example.nl,Ids,,Dijk,,Operations > > Noord,,,,,,,",  # line 12: empty department
    )

    with translation.override("en"):
        report = import_people(data, by=recruiter, dry_run=True)

    texts = issue_texts(report)
    assert [issue.line for issue in report.issues] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert texts[0] == "line 2, column email: Enter a valid email address."
    assert texts[1] == "line 3, column employee_number: This field is required."
    assert texts[2] == "line 4, column end_date: A flexible worker needs an end date."
    assert texts[3] == "line 5, column end_date: The end date is before the start date."
    assert "Unknown contract type “zzp”" in texts[4]
    assert texts[5] == "line 7, column employee_number: Employee number 1001 is also on line 2."
    assert texts[6] == "line 8, column email: E-mail address zoe@example.nl is also on line 4."
    assert texts[7] == (
        "line 9, column email: This e-mail address already belongs to Anna Jansen, "
        "who has no employee number in Plein."
    )
    assert texts[8] == (
        "line 10, column manager: No one has employee number 9999, in this file or in Plein."
    )
    assert "Unknown language “fr”" in texts[9]
    assert "empty part" in texts[10]
    assert Person.objects.filter(employee_number__isnull=False).count() == 0


def test_an_email_of_another_employee_number_is_refused(db, recruiter):
    PersonFactory(
        employee_number="5000", email="sanne@example.nl", first_name="Sanne", last_name="Vries"
    )
    data = csv_bytes("personeelsnummer;e-mail;voornaam;achternaam", "5001;Sanne@Example.nl;S;V")

    with translation.override("en"):
        report = import_people(data, by=recruiter, dry_run=False)

    assert issue_texts(report) == [
        "line 2, column e-mail: This e-mail address already belongs to Sanne Vries, "
        "employee number 5000."
    ]
    assert not Person.objects.filter(employee_number="5001").exists()


def test_updating_by_employee_number_changes_only_the_changed_fields(db, recruiter, department):
    anna = PersonFactory(
        employee_number="3001",
        email="anna@example.nl",
        first_name="Anna",
        last_name="Jansen",
        job_title="Monteur",
        phone="06 1234 5678",
        bio="Ik repareer alles.",
        team="Oost",
        department=department,
        status=Person.Status.ACTIVE,
    )
    data = csv_bytes(
        "personeelsnummer;e-mail;voornaam;achternaam;functie;telefoon;afdeling",
        f"3001;anna@example.nl;Anna;Jansen;Teamleider;06 1234 5678;{department.name}",
    )

    with translation.override("en"):
        planned = import_people(data, by=recruiter, dry_run=True)
    assert planned.plan.to_update == 1
    [change] = planned.plan.people[0].changes
    assert (change.field, change.old, change.new) == ("job_title", "Monteur", "Teamleider")

    report = import_people(data, by=recruiter, dry_run=False)

    assert report.ok and report.result.updated == 1
    anna.refresh_from_db()
    assert anna.job_title == "Teamleider"
    # Columns in the file that did not change, and fields not in the file, stay as they were.
    assert anna.phone == "06 1234 5678"
    assert anna.team == "Oost"
    assert anna.bio == "Ik repareer alles."
    assert anna.department == department
    assert anna.status == Person.Status.ACTIVE
    assert anna.has_usable_password()

    again = import_people(data, by=recruiter, dry_run=False)
    assert (again.result.updated, again.result.unchanged) == (0, 1)


def test_an_update_can_move_someone_and_set_a_manager_from_the_same_file(db, recruiter):
    anna = PersonFactory(employee_number="3001", email="anna@example.nl")
    data = csv_bytes(
        "personeelsnummer;e-mail;voornaam;achternaam;afdeling;manager",
        "3001;anna@example.nl;Anna;Jansen;Techniek > Oost;3002",
        "3002;mark@example.nl;Mark;de Wit;Techniek;",
    )

    report = import_people(data, by=recruiter, dry_run=False)

    assert report.ok, issue_texts(report)
    anna.refresh_from_db()
    mark = Person.objects.get(employee_number="3002")
    assert anna.manager == mark
    assert anna.department.name == "Oost" and anna.department.parent == mark.department
    assert anna.first_name == "Anna"


def test_a_dry_run_writes_nothing(db, recruiter):
    before = people_count()

    report = import_people(GOOD_FILE, by=recruiter, dry_run=True)

    assert report.ok and not report.applied
    assert [planned.action for planned in report.plan.people] == [Action.CREATE] * 3
    assert people_count() == before
    assert not Department.objects.exists()
    assert not Location.objects.exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (
            b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30 + b"[Content_Types].xml" + b"\x00" * 40,
            "not a CSV file",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "PNG"),
        (b"employee_number,email\x00,first_name", "NUL"),
        (b"personeelsnummer;e-mail\r\n1;\x81\x8d\x8f@example.nl", "not UTF-8 or Windows-1252"),
        (b"", "empty"),
        (b"personeelsnummer;e-mail;voornaam;achternaam\r\n", "no people"),
        (b"personeelsnummer;voornaam;geboortedatum\r\n1;Jan;1-1-1990\r\n", "geboortedatum"),
        (b"personeelsnummer;voornaam\r\n1;Jan\r\n", "e-mail (email), achternaam (last_name)"),
        (
            b'personeelsnummer;e-mail;voornaam;achternaam\r\n1;"a@example.nl;Jan;Jansen\r\n',
            "not valid CSV",
        ),
    ],
    ids=[
        "pdf",
        "xlsx",
        "png",
        "nul",
        "bad-encoding",
        "empty",
        "header-only",
        "unknown-column",
        "missing-columns",
        "unclosed-quote",
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(db, recruiter, data, expected):
    before = people_count()

    with translation.override("en"):
        report = import_people(data, by=recruiter, dry_run=False)

    assert not report.ok and not report.applied
    assert any(expected in text for text in issue_texts(report)), issue_texts(report)
    assert people_count() == before


def test_a_failure_while_writing_rolls_back_everything(db, recruiter, monkeypatch):
    existing = PersonFactory(employee_number="1001", email="sanne@example.nl", job_title="Monteur")

    def fail(assignments):
        # The last step, after departments, locations and people were inserted.
        assert Person.objects.filter(employee_number="1002").exists()
        raise IntegrityError("UNIQUE constraint failed: people_person.email")

    monkeypatch.setattr(importer, "_write_updates", fail)
    before = people_count()

    with translation.override("en"):
        report = import_people(GOOD_FILE, by=recruiter, dry_run=False)

    assert not report.applied
    assert "nothing was imported" in issue_texts(report)[0]
    assert people_count() == before
    assert not Department.objects.exists() or not Department.objects.filter(name="Noord").exists()
    assert not Location.objects.filter(name="Amersfoort").exists()
    existing.refresh_from_db()
    assert existing.job_title == "Monteur"


def test_planning_does_not_query_per_line(db, recruiter, django_assert_max_num_queries):
    for number in range(50):
        PersonFactory(employee_number=f"E{number}", email=f"p{number}@example.nl")
    DepartmentFactory(name="Service")
    lines = [f"E{n};p{n}@example.nl;Piet;Jansen;Service;E0" for n in range(1, 50)]
    lines += [f"N{n};n{n}@example.nl;Nina;Smit;Service;E0" for n in range(200)]
    data = csv_bytes("personeelsnummer;e-mail;voornaam;achternaam;afdeling;manager", *lines)

    with django_assert_max_num_queries(10):
        report = import_people(data, by=None, dry_run=True)

    assert report.ok, issue_texts(report)[:3]
    assert (report.plan.to_create, report.plan.to_update) == (200, 49)


def test_too_many_rows_are_refused(db, settings):
    settings.PLEIN_IMPORT_MAX_ROWS = 2
    data = csv_bytes(
        "personeelsnummer;e-mail;voornaam;achternaam",
        *(f"{n};p{n}@example.nl;P;Q" for n in range(3)),
    )
    with translation.override("en"):
        report = import_people(data, by=None, dry_run=True)
    assert issue_texts(report) == ["The file has more than 2 people. Split it into smaller files."]


def test_someone_without_the_import_permission_cannot_import(db, employee):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_people(GOOD_FILE, by=employee, dry_run=True)


# --- The command line -------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "people.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD_EMAIL_FILE = csv_bytes(
    "personeelsnummer;e-mail;voornaam;achternaam",
    "1001;sanne@example.nl;Sanne;Vries",
    "1002;sanne-at-example.nl;Jan;Vries",
)


def test_cli_reports_a_bad_line_in_dutch_by_default(db, tmp_path, capsys):
    code = main(["import-people", write(tmp_path, BAD_EMAIL_FILE)])

    _out, err = capsys.readouterr()
    assert code == 1
    assert "3" in err and "e-mail" in err
    assert "Voer een geldig e-mailadres in." in err
    assert err.strip().splitlines()[-1].startswith("plein import-people: ")
    assert not Person.objects.filter(employee_number__in=["1001", "1002"]).exists()


def test_cli_reports_a_bad_line_in_english(db, tmp_path, capsys):
    code = main(["import-people", write(tmp_path, BAD_EMAIL_FILE), "--language", "en"])

    _out, err = capsys.readouterr()
    assert code == 1
    assert "line 3, column e-mail: Enter a valid email address." in err
    assert err.strip().splitlines()[-1] == (
        "plein import-people: 1 line has errors; nothing was changed."
    )
    assert not Person.objects.filter(employee_number="1001").exists()


def test_cli_dry_run_shows_the_changes_and_writes_nothing(db, tmp_path, capsys):
    PersonFactory(
        employee_number="1001",
        email="sanne@example.nl",
        first_name="Sanne",
        name_prefix="de",
        last_name="Vries",
        job_title="Monteur",
    )

    code = main(["import-people", write(tmp_path, GOOD_FILE), "--dry-run", "--language", "en"])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "2 to create, 1 to update, 0 unchanged" in out
    assert "line 3: create 1002 Jérôme Dupont" in out
    assert "update 1001 Sanne de Vries: job title: “Monteur” → “Teamleider”" in out
    assert "Nothing was changed" in out
    assert not Person.objects.filter(employee_number="1002").exists()
    assert Person.objects.get(employee_number="1001").job_title == "Monteur"


def test_cli_imports_and_says_no_invitations_were_sent(db, tmp_path, capsys):
    code = main(["import-people", write(tmp_path, GOOD_FILE), "--language", "en"])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "3 people created, 0 updated, 0 unchanged" in out
    assert "No invitations were sent" in out
    assert Person.objects.filter(employee_number__in=["1001", "1002", "1003"]).count() == 3


def test_cli_refuses_a_pdf_renamed_to_csv_in_one_line(db, tmp_path, capsys):
    pdf = b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n"

    code = main(["import-people", write(tmp_path, pdf, "medewerkers.csv"), "--language", "en"])

    _out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1
    assert "This is a PDF file (application/pdf), not a CSV file." in err
    assert "Nothing was changed" in err


def test_cli_names_a_missing_file(db, tmp_path, capsys):
    code = main(["import-people", str(tmp_path / "nope.csv"), "--language", "en"])

    _out, err = capsys.readouterr()
    assert code == 1
    assert "Cannot read" in err and "nope.csv" in err


# --- The HR page ------------------------------------------------------------------------------


@pytest.fixture
def private_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def upload(client, data: bytes, name: str = "people.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("people:import"), {"file": SimpleUploadedFile(name, data, "text/csv")}
    )


def stored_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "imports"
    return sorted(folder.glob("*.csv")) if folder.exists() else []


def test_the_import_page_explains_the_columns(db, recruiter, client_for):
    response = client_for(recruiter).get(reverse("people:import"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'accept=".csv,text/csv"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "personeelsnummer" in html and "afdeling" in html
    assert reverse("people:import_template") in html


def test_employees_cannot_import(db, employee, client_for, private_data_dir):
    client = client_for(employee)

    assert client.get(reverse("people:import")).status_code == 403
    assert client.get(reverse("people:import_template")).status_code == 403
    assert upload(client, GOOD_FILE).status_code == 403
    assert not Person.objects.filter(employee_number="1001").exists()
    assert stored_files(private_data_dir) == []


def test_the_example_file_is_excel_ready_and_imports_cleanly(db, recruiter, client_for):
    response = client_for(recruiter).get(reverse("people:import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].decode().splitlines()[0].startswith("personeelsnummer;e-mail;voornaam;")
    report = import_people(data, by=recruiter, dry_run=False)
    assert report.ok, issue_texts(report)
    assert report.result.created == 3


def test_hr_checks_then_applies_an_import(db, recruiter, client_for, private_data_dir):
    client = client_for(recruiter)

    checked = upload(client, GOOD_FILE)

    assert checked.status_code == 200
    html = checked.content.decode()
    assert "Apply this import" in html or "Import toepassen" in html
    assert "Jérôme Dupont" in html
    assert not Person.objects.filter(employee_number="1001").exists()
    [stored] = stored_files(private_data_dir)
    assert stored.read_bytes() == GOOD_FILE
    token = checked.context["confirm"]["token"].value()

    applied = client.post(reverse("people:import"), {"token": token})

    assert applied.status_code == 302
    assert applied["Location"] == reverse("people:directory")
    assert Person.objects.filter(employee_number__in=["1001", "1002", "1003"]).count() == 3
    assert stored_files(private_data_dir) == []
    messages = [str(m) for m in applied.wsgi_request._messages]
    assert any("3" in message for message in messages)

    # The same confirmation cannot be applied twice.
    again = client.post(reverse("people:import"), {"token": token})
    assert again.status_code == 400


def test_the_page_lists_bad_lines_and_offers_no_apply_button(
    db, recruiter, client_for, private_data_dir
):
    recruiter.language = "en"
    recruiter.save()

    response = upload(client_for(recruiter), BAD_EMAIL_FILE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert "<td>3</td>" in html
    assert "Apply this import" not in html
    assert stored_files(private_data_dir) == []


def test_the_page_refuses_a_pdf_renamed_to_csv(db, recruiter, client_for, private_data_dir):
    recruiter.language = "en"
    recruiter.save()
    pdf = b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

    response = upload(client_for(recruiter), pdf, "medewerkers.csv")

    assert "This is a PDF file" in response.content.decode()
    assert stored_files(private_data_dir) == []


@pytest.mark.parametrize("tampering", ["changed", "missing", "other-token", "expired"])
def test_applying_a_tampered_or_missing_stored_file_fails_cleanly(
    db, recruiter, client_for, private_data_dir, tampering, monkeypatch
):
    client = client_for(recruiter)
    checked = upload(client, GOOD_FILE)
    token = checked.context["confirm"]["token"].value()
    [stored] = stored_files(private_data_dir)
    if tampering == "changed":
        stored.write_bytes(GOOD_FILE.replace(b"Teamleider", b"Directeur"))
    elif tampering == "missing":
        stored.unlink()
    elif tampering == "other-token":
        token = "x" * 43
    else:
        from plein import people

        real_time = people.views_import.time.time
        monkeypatch.setattr(people.views_import.time, "time", lambda: real_time() + 2 * 3600)

    response = client.post(reverse("people:import"), {"token": token})

    assert response.status_code == 400
    assert not Person.objects.filter(employee_number__in=["1001", "1002", "1003"]).exists()
    assert stored_files(private_data_dir) == []
    assert 'enctype="multipart/form-data"' in response.content.decode()  # upload again


def test_the_apply_step_checks_the_file_again(db, recruiter, client_for, private_data_dir):
    client = client_for(recruiter)
    checked = upload(client, GOOD_FILE)
    token = checked.context["confirm"]["token"].value()
    # Between checking and applying, someone else got Sanne's e-mail address.
    PersonFactory(employee_number="9000", email="sanne@example.nl")

    response = client.post(reverse("people:import"), {"token": token})

    assert response.status_code == 409
    assert "9000" in response.content.decode()
    assert not Person.objects.filter(employee_number__in=["1001", "1002", "1003"]).exists()
    assert stored_files(private_data_dir) == []


def test_the_page_reports_in_dutch_for_a_dutch_speaking_person(
    db, recruiter, client_for, private_data_dir
):
    assert recruiter.language == "nl"

    response = upload(client_for(recruiter), BAD_EMAIL_FILE)

    html = response.content.decode()
    assert "Voer een geldig e-mailadres in." in html
    assert "<td>3</td>" in html


def test_uploads_left_behind_for_an_hour_are_removed(db, recruiter, client_for, private_data_dir):
    import os
    import time

    folder = private_data_dir / "imports"
    folder.mkdir()
    old, recent = folder / ("a" * 43 + ".csv"), folder / ("b" * 43 + ".csv")
    old.write_bytes(GOOD_FILE)
    recent.write_bytes(GOOD_FILE)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))

    client_for(recruiter).get(reverse("people:import"))

    assert not old.exists()
    assert recent.exists()
