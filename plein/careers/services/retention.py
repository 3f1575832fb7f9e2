"""Retention of candidates' data (Dutch DPA guidance): an application and its CV are deleted
four weeks after the procedure closes — the candidate hired or rejected, or the vacancy closed
or filled — or a year after it when the candidate agreed to stay in the talent pool. Run by
the periodic job `careers.enforce_application_retention`; idempotent."""

import datetime

from django.utils import timezone

from plein.careers.models import Application, ApplicationErasure
from plein.careers.services import applications, referrals

WITHOUT_CONSENT = datetime.timedelta(weeks=4)
WITH_CONSENT = datetime.timedelta(days=365)
BATCH = 500


def enforce_application_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    due = Application.objects.filter(talent_pool=False).procedure_closed_before(
        now - WITHOUT_CONSENT
    ) | Application.objects.filter(talent_pool=True).procedure_closed_before(now - WITH_CONSENT)
    erased = 0
    for application in due.order_by("pk")[:BATCH]:
        applications.erase(application, ApplicationErasure.Reason.RETENTION)
        erased += 1
    anonymised = referrals.anonymise_unanswered(now - WITHOUT_CONSENT)
    return {"erased": erased, "referrals_anonymised": anonymised}
