from django.tasks import task

from plein.careers.services import alumni, mail, retention, vacancies


@task()
def close_expired_vacancies() -> int:
    """Published vacancies past their closing date become closed. Idempotent."""
    return vacancies.close_expired_vacancies()


@task()
def send_application_receipt(application_id: int) -> bool:
    return mail.deliver_receipt(application_id)


@task()
def send_rejection_email(application_id: int) -> bool:
    return mail.deliver_rejection(application_id)


@task()
def send_referral_invitation(referral_id: int) -> bool:
    return mail.deliver_referral_invitation(referral_id)


@task()
def enforce_application_retention() -> dict[str, int]:
    return retention.enforce_application_retention()


@task()
def sync_alumni_group() -> int:
    return alumni.sync_alumni_group()
