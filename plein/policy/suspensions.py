"""Whether a person is suspended from writing (a moderation decision): the content gate and
reactions ask here. Reading is never suspended."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from plein.policy.models import Suspension

if TYPE_CHECKING:
    from plein.people.models import Person


def suspended_until(person: "Person") -> datetime | None:
    if person.pk is None:
        return None
    return (
        Suspension.objects.filter(person=person.pk, ends_at__gt=timezone.now(), lifted_at=None)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )


def suspension_message(until: datetime) -> str:
    return _("You are suspended until %(until)s: you can read, but not post, comment or react.") % {
        "until": formats.date_format(timezone.localtime(until), "DATETIME_FORMAT")
    }
