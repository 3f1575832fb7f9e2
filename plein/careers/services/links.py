"""The personal links: a candidate's delete link and an employee's tracked vacancy link."""

import hashlib
import hmac
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from plein.careers.machine_readable import namespace, vacancy_path
from plein.careers.models import Application, ReferralCode, Vacancy
from plein.careers.models.referrals import Channel
from plein.people.models import Person


def delete_token(application: Application) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(),
        f"application-delete:{application.public_id}".encode(),
        hashlib.sha256,
    ).hexdigest()


def delete_url(application: Application) -> str:
    path = reverse(
        f"{namespace(application.language)}:delete_application",
        kwargs={"public_id": application.public_id, "token": delete_token(application)},
    )
    return f"{settings.BASE_URL}{path}"


def code_for(person: Person) -> str:
    existing = ReferralCode.objects.filter(person=person).values_list("code", flat=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return ReferralCode.objects.create(person=person).code
    except IntegrityError:
        return ReferralCode.objects.get(person=person).code


def tracked_link(
    vacancy: Vacancy, code: str, channel: str = Channel.LINK, language: str = "nl"
) -> str:
    params = {"ref": code}
    if channel != Channel.LINK:
        params |= {"utm_source": str(channel), "utm_medium": "referral"}
    return f"{settings.BASE_URL}{vacancy_path(vacancy, language)}?{urlencode(params)}"
