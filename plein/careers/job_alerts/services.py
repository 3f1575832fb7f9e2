"""Job alerts: subscribe (double opt-in), confirm, unsubscribe, and which vacancy goes to whom.

Links carry a signed (subscription id, secret). Confirming changes the secret, so the
confirmation link works once; unsubscribing deletes the row, so its links lead nowhere after.

Which vacancies are mailed: a vacancy is looked up against the confirmed subscriptions when it
opens (published, its publication date reached): right after publishing when it opens today,
else by the periodic job on the day it opens. Only vacancies that opened in the last
`RECENT_DAYS` are picked up by that job, so a subscriber never receives a pile of old
vacancies. A subscription matches when each of its lists is empty or holds the vacancy's
department / location / a word of the title or description. A remote vacancy (no location)
matches every location choice: it can be done from anywhere.
"""

import datetime
import re
from collections.abc import Iterable, Sequence

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.careers.job_alerts.models import (
    MAX_KEYWORDS,
    UNCONFIRMED_HOURS,
    JobAlert,
    JobAlertDelivery,
    VacancyAlertRun,
    new_secret,
)
from plein.careers.models import Vacancy, Workplace, today
from plein.people.models import Department, Location

CONFIRM_SALT = "plein.careers.job_alert.confirm"
UNSUBSCRIBE_SALT = "plein.careers.job_alert.unsubscribe"
RECENT_DAYS = 2
KEYWORD_LENGTH = 40


def parse_keywords(text: str) -> list[str]:
    """ "Monteur, warmtepomp" → ["monteur", "warmtepomp"] (commas or semicolons between)."""
    words = [" ".join(part.split()).lower() for part in re.split(r"[,;\n]", text or "")]
    words = list(dict.fromkeys(word for word in words if word))
    if len(words) > MAX_KEYWORDS:
        raise ValidationError(
            {"keywords": _("Give at most %(count)d keywords.") % {"count": MAX_KEYWORDS}}
        )
    if any(len(word) > KEYWORD_LENGTH for word in words):
        raise ValidationError(
            {
                "keywords": _("A keyword is at most %(count)d characters long.")
                % {"count": KEYWORD_LENGTH}
            }
        )
    return words


def subscribe(
    *,
    email: str,
    language: str,
    departments: Sequence[Department] = (),
    locations: Sequence[Location] = (),
    keywords: str = "",
) -> JobAlert:
    """A new, unconfirmed subscription; the confirmation e-mail goes out from the worker."""
    words = parse_keywords(keywords)
    with transaction.atomic():
        alert = JobAlert.objects.create(
            email=email.strip().lower(), language="en" if language == "en" else "nl", keywords=words
        )
        alert.departments.set(departments)
        alert.locations.set(locations)
        transaction.on_commit(lambda: _enqueue_confirmation(alert.pk), robust=True)
    return alert


def _enqueue_confirmation(alert_id: int) -> None:
    from plein.careers.job_alerts.tasks import send_job_alert_confirmation

    send_job_alert_confirmation.enqueue(alert_id)


def confirm_token(alert: JobAlert) -> str:
    return signing.dumps([alert.pk, alert.secret], salt=CONFIRM_SALT)


def unsubscribe_token(alert: JobAlert) -> str:
    return signing.dumps([alert.pk, alert.secret], salt=UNSUBSCRIBE_SALT)


def _alert_for(token: str, salt: str, max_age: int | None = None) -> JobAlert | None:
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    return JobAlert.objects.filter(pk=pk, secret=secret).first()


def alert_to_confirm(token: str) -> JobAlert | None:
    """The unconfirmed subscription of a valid confirmation link, or None."""
    alert = _alert_for(token, CONFIRM_SALT, max_age=UNCONFIRMED_HOURS * 3600)
    return alert if alert is not None and not alert.is_confirmed else None


def confirm(token: str) -> JobAlert | None:
    """Confirm the subscription of a confirmation link; None when the link is not (or no
    longer) valid. Works once: the secret changes."""
    alert = _alert_for(token, CONFIRM_SALT, max_age=UNCONFIRMED_HOURS * 3600)
    if alert is None or alert.is_confirmed:
        return None
    updated = JobAlert.objects.filter(pk=alert.pk, secret=alert.secret).update(
        confirmed_at=timezone.now(), secret=new_secret()
    )
    return JobAlert.objects.get(pk=alert.pk) if updated else None


def alert_for_unsubscribe(token: str) -> JobAlert | None:
    return _alert_for(token, UNSUBSCRIBE_SALT)


def unsubscribe(token: str) -> bool:
    """Delete the subscription (and its delivery records) at once. False when already gone."""
    alert = alert_for_unsubscribe(token)
    if alert is None:
        return False
    alert.delete()
    return True


def delete_unconfirmed(now: datetime.datetime | None = None) -> int:
    before = (now or timezone.now()) - datetime.timedelta(hours=UNCONFIRMED_HOURS)
    deleted, _rows = JobAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=before
    ).delete()
    return deleted


# --- Matching ---------------------------------------------------------------------------------


def _vacancy_text(vacancy: Vacancy) -> str:
    return " ".join(
        (vacancy.title_nl, vacancy.title_en, vacancy.description_nl, vacancy.description_en)
    ).lower()


def matches(alert: JobAlert, vacancy: Vacancy, text: str | None = None) -> bool:
    """Caller prefetched the alert's departments and locations."""
    department_ids = {d.pk for d in alert.departments.all()}
    if department_ids and vacancy.department_id not in department_ids:
        return False
    location_ids = {loc.pk for loc in alert.locations.all()}
    if (
        location_ids
        and vacancy.workplace != Workplace.REMOTE
        and vacancy.location_id not in location_ids
    ):
        return False
    if alert.keywords:
        haystack = text if text is not None else _vacancy_text(vacancy)
        return any(word in haystack for word in alert.keywords)
    return True


def matching_alerts(vacancy: Vacancy, alerts: Iterable[JobAlert] | None = None) -> list[JobAlert]:
    if alerts is None:
        alerts = JobAlert.objects.confirmed().prefetch_related("departments", "locations")
    text = _vacancy_text(vacancy)
    return [alert for alert in alerts if matches(alert, vacancy, text)]


def queue_alerts(vacancy: Vacancy) -> int:
    """Record one delivery per matching confirmed subscription (never a second one for the
    same vacancy). Returns how many new deliveries there are. Does nothing before the vacancy
    is open."""
    vacancy = Vacancy.objects.get(pk=vacancy.pk)
    if not vacancy.is_open():
        return 0
    with transaction.atomic():
        VacancyAlertRun.objects.update_or_create(vacancy=vacancy, defaults={"at": timezone.now()})
        already = set(
            JobAlertDelivery.objects.filter(vacancy=vacancy).values_list("alert_id", flat=True)
        )
        new = [
            JobAlertDelivery(alert=alert, vacancy=vacancy)
            for alert in matching_alerts(vacancy)
            if alert.pk not in already
        ]
        JobAlertDelivery.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def vacancies_due() -> list[Vacancy]:
    """Open vacancies that opened recently and were never looked up."""
    recent = today() - datetime.timedelta(days=RECENT_DAYS)
    return list(
        Vacancy.objects.open()
        .filter(publish_on__gte=recent)
        .exclude(pk__in=VacancyAlertRun.objects.values("vacancy_id"))
    ) + list(
        Vacancy.objects.open()
        .filter(
            publish_on__lt=recent,
            published_at__gte=timezone.now() - datetime.timedelta(days=RECENT_DAYS),
        )
        .exclude(pk__in=VacancyAlertRun.objects.values("vacancy_id"))
    )
