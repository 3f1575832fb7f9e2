"""Creating people and changing their profiles."""

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plein.people.models import Department, Location, Person, Skill
from plein.people.permissions import Perm, require
from plein.people.services.photos import process_photo

PROFILE_FIELDS = ("job_title", "team", "phone", "bio", "spoken_languages")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def build_person(
    *,
    email: str,
    first_name: str,
    last_name: str,
    name_prefix: str = "",
    contract_type: str = Person.ContractType.PERMANENT,
    start_date: date | None = None,
    end_date: date | None = None,
    department: Department | None = None,
    location: Location | None = None,
    manager_id: int | None = None,
    job_title: str = "",
    team: str = "",
    phone: str = "",
    employee_number: str | None = None,
    language: str = "nl",
    status: str = Person.Status.INVITED,
) -> Person:
    """An unsaved new person with the rules every new person obeys checked (the e-mail address
    being free is the caller's to check: one query here, or one for a whole import)."""
    if contract_type == Person.ContractType.FLEXIBLE and end_date is None:
        raise ValidationError({"end_date": _("A flexible worker needs an end date.")})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    person = Person(
        email=normalise_email(email),
        first_name=first_name.strip(),
        name_prefix=name_prefix.strip(),
        last_name=last_name.strip(),
        contract_type=contract_type,
        start_date=start_date,
        end_date=end_date,
        department=department,
        location=location,
        manager_id=manager_id,
        job_title=job_title.strip(),
        team=team.strip(),
        phone=phone.strip(),
        employee_number=employee_number or None,
        language=language,
        status=status,
    )
    person.set_unusable_password()
    return person


def create_person(*, by: Person | None = None, **fields: Any) -> Person:
    """A new person, not yet able to sign in (status invited) unless told otherwise."""
    if by is not None:
        require(by, Perm.INVITE_PEOPLE)
    person = build_person(**fields)
    if Person.objects.filter(email=person.email).exists():
        raise ValidationError({"email": _("Someone with this e-mail address already exists.")})
    person.save()
    return person


def set_skills(person: Person, names: Iterable[str]) -> None:
    wanted = {name.strip(): None for name in names if name.strip()}
    skills = []
    for name in wanted:
        skill = Skill.objects.filter(name__iexact=name).first() or Skill.objects.create(name=name)
        skills.append(skill)
    person.skills.set(skills)


@transaction.atomic
def update_own_profile(
    person: Person,
    *,
    by: Person,
    photo: IO[bytes] | None = None,
    remove_photo: bool = False,
    skills: Iterable[str] | None = None,
    **fields: object,
) -> Person:
    """A person edits their own profile. The photo is processed before anything is written, so
    a refused photo changes nothing."""
    if by.pk != person.pk:
        require(by, Perm.MANAGE_PEOPLE)
    else:
        require(by, Perm.EDIT_OWN_PROFILE)
    unknown = (
        set(fields) - set(PROFILE_FIELDS) - {"first_name", "name_prefix", "last_name", "language"}
    )
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    processed = process_photo(photo) if photo is not None else None
    for name, value in fields.items():
        setattr(person, name, value)
    old_photo = person.photo.name if person.photo else ""
    if processed is not None:
        person.photo.save(processed.name or "photo.jpg", processed, save=False)
    elif remove_photo:
        person.photo = ""
    person.full_clean(exclude=["password", "email", "photo"])
    person.save()
    if skills is not None:
        set_skills(person, skills)
    if old_photo and (processed is not None or remove_photo):
        old_storage = person.photo.storage
        transaction.on_commit(lambda: old_storage.delete(old_photo))
    return person


def set_language(person: Person, language: str) -> None:
    person.language = language
    Person.objects.filter(pk=person.pk).update(language=language)
