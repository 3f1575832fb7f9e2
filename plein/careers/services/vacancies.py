"""Writing vacancies: create, edit, and one function per state transition; volunteers.

    draft ──publish──▶ published ──close──▶ closed ──fill──▶ filled
                          │  ▲                │
                          │  └────reopen──────┘
                          └──────────fill───────────────────▶ filled

Each transition locks the row, checks the state it starts from, records who did it and emits
an event after the write. A vacancy's public page follows `updated_at` (its ETag), so every
change that shows in public bumps it.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.careers import events
from plein.careers.models import FutureColleague, Vacancy, VacancyTransition, today
from plein.careers.text import Limits, gated_public_html
from plein.core.events import emit
from plein.people.models import Person
from plein.people.permissions import Perm, can, require

State = Vacancy.State

# The fields HR edits; everything else is kept by the services.
EDITABLE_FIELDS = (
    "title_nl",
    "title_en",
    "description_nl",
    "description_en",
    "department",
    "workplace",
    "location",
    "hours_min",
    "hours_max",
    "salary_min",
    "salary_max",
    "salary_period",
    "contract_type",
    "publish_on",
    "closes_on",
    "recruiter",
    "hiring_manager",
)


class TransitionError(ValidationError):
    """The vacancy is not in a state this transition starts from."""


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:80].strip("-") or "vacature"
    slug, number = base, 1
    taken = Vacancy.objects.exclude(pk=exclude_pk) if exclude_pk else Vacancy.objects.all()
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(vacancy: Vacancy, data: Mapping[str, Any], by: Person) -> None:
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            setattr(vacancy, name, value.strip() if isinstance(value, str) else value)
    vacancy.description_html_nl = gated_public_html(
        vacancy.description_nl,
        author=by,
        max_length=Limits.VACANCY_DESCRIPTION,
        field="description_nl",
    )
    vacancy.description_html_en = (
        gated_public_html(
            vacancy.description_en,
            author=by,
            max_length=Limits.VACANCY_DESCRIPTION,
            field="description_en",
        )
        if vacancy.description_en.strip()
        else ""
    )
    vacancy.full_clean(exclude=["slug"])


@transaction.atomic
def create_vacancy(by: Person, data: Mapping[str, Any]) -> Vacancy:
    """A new vacancy, as a draft. Raises ValidationError (by field) and writes nothing when
    the data breaks a rule."""
    require(by, Perm.MANAGE_PEOPLE)
    vacancy = Vacancy(created_by=by)
    _apply(vacancy, data, by)
    vacancy.slug = _unique_slug(vacancy.title_nl)
    vacancy.save()
    return vacancy


@transaction.atomic
def update_vacancy(vacancy: Vacancy, by: Person, data: Mapping[str, Any]) -> Vacancy:
    require(by, Perm.MANAGE_PEOPLE)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.state == State.FILLED:
        raise TransitionError(_("A filled vacancy can no longer be changed."))
    _apply(vacancy, data, by)
    # A link that was shared must keep working: the address is fixed once published.
    if vacancy.published_at is None:
        vacancy.slug = _unique_slug(vacancy.title_nl, exclude_pk=vacancy.pk)
    vacancy.updated_at = timezone.now()
    vacancy.save()
    return vacancy


def _transition(
    vacancy: Vacancy,
    by: Person | None,
    *,
    allowed_from: tuple[str, ...],
    to: str,
    message: str,
) -> Vacancy:
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.state not in allowed_from:
        raise TransitionError(message, code="transition")
    now = timezone.now()
    VacancyTransition.objects.create(
        vacancy=locked, from_state=locked.state, to_state=to, by=by, at=now
    )
    locked.state = to
    locked.updated_at = now
    return locked


@transaction.atomic
def publish_vacancy(vacancy: Vacancy, by: Person) -> Vacancy:
    """Draft → published. Public from its publication date (today or later) until its closing
    date."""
    require(by, Perm.MANAGE_PEOPLE)
    locked = _transition(
        vacancy,
        by,
        allowed_from=(State.DRAFT,),
        to=State.PUBLISHED,
        message=_("Only a draft can be published."),
    )
    if locked.closes_on < today():
        raise ValidationError(
            {"closes_on": _("The closing date has passed. Choose a later closing date first.")}
        )
    locked.published_at = locked.updated_at
    locked.save(update_fields=["state", "updated_at", "published_at"])
    emit(events.VacancyPublished(locked))
    return locked


@transaction.atomic
def close_vacancy(vacancy: Vacancy, by: Person | None) -> Vacancy:
    """Published → closed: no more applications; the public page says so and loses its
    structured data. `by` is None when the worker closes it after its closing date."""
    if by is not None:
        require(by, Perm.MANAGE_PEOPLE)
    locked = _transition(
        vacancy,
        by,
        allowed_from=(State.PUBLISHED,),
        to=State.CLOSED,
        message=_("Only a published vacancy can be closed."),
    )
    locked.closed_at = locked.updated_at
    locked.save(update_fields=["state", "updated_at", "closed_at"])
    emit(events.VacancyClosed(locked))
    return locked


@transaction.atomic
def reopen_vacancy(vacancy: Vacancy, by: Person, closes_on: datetime.date) -> Vacancy:
    """Closed → published again, with a new closing date."""
    require(by, Perm.MANAGE_PEOPLE)
    if closes_on < today():
        raise ValidationError({"closes_on": _("Choose a closing date today or later.")})
    locked = _transition(
        vacancy,
        by,
        allowed_from=(State.CLOSED,),
        to=State.PUBLISHED,
        message=_("Only a closed vacancy can be reopened."),
    )
    locked.closes_on = closes_on
    locked.publish_on = min(locked.publish_on, closes_on)
    locked.closed_at = None
    locked.save(update_fields=["state", "updated_at", "closes_on", "publish_on", "closed_at"])
    emit(events.VacancyPublished(locked))
    return locked


@transaction.atomic
def fill_vacancy(vacancy: Vacancy, by: Person) -> Vacancy:
    """Published or closed → filled: someone was hired. Final."""
    require(by, Perm.MANAGE_PEOPLE)
    locked = _transition(
        vacancy,
        by,
        allowed_from=(State.PUBLISHED, State.CLOSED),
        to=State.FILLED,
        message=_("Only a published or closed vacancy can be marked as filled."),
    )
    locked.filled_at = locked.updated_at
    fields = ["state", "updated_at", "filled_at"]
    if locked.closed_at is None:
        locked.closed_at = locked.updated_at
        fields.append("closed_at")
    locked.save(update_fields=fields)
    emit(events.VacancyFilled(locked))
    return locked


def close_expired_vacancies() -> int:
    """Close published vacancies whose closing date has passed (the periodic job). They are
    already out of public view by date; this makes the state say so too. Idempotent."""
    closed = 0
    expired = Vacancy.objects.filter(state=State.PUBLISHED, closes_on__lt=today())
    for pk in expired.values_list("pk", flat=True):
        try:
            close_vacancy(Vacancy(pk=pk), None)
        except TransitionError:
            continue  # closed meanwhile by someone else
        closed += 1
    return closed


# --- Future colleagues ------------------------------------------------------------------------


def _touch(vacancy: Vacancy) -> None:
    Vacancy.objects.filter(pk=vacancy.pk).update(updated_at=timezone.now())


@transaction.atomic
def volunteer(vacancy: Vacancy, person: Person) -> FutureColleague:
    """The person agrees to be shown on the vacancy's public page as a future colleague."""
    require(person, Perm.VIEW_INTERNAL)
    if vacancy.state not in (State.DRAFT, State.PUBLISHED) or (
        vacancy.state == State.PUBLISHED and vacancy.closes_on < today()
    ):
        raise ValidationError(_("This vacancy is closed: it no longer needs future colleagues."))
    colleague, created = FutureColleague.objects.get_or_create(vacancy=vacancy, person=person)
    if created:
        _touch(vacancy)
    return colleague


@transaction.atomic
def withdraw_volunteer(vacancy: Vacancy, person: Person, *, by: Person | None = None) -> bool:
    """The person (or HR, `by`) takes them off the vacancy's page. True when they were on it."""
    actor = by or person
    if actor.pk != person.pk and not can(actor, Perm.MANAGE_PEOPLE):
        raise PermissionDenied
    deleted, _rows = FutureColleague.objects.filter(vacancy=vacancy, person=person).delete()
    if deleted:
        _touch(vacancy)
    return bool(deleted)
