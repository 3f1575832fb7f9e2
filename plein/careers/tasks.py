from django.tasks import task

from plein.careers.services import vacancies


@task()
def close_expired_vacancies() -> int:
    """Published vacancies past their closing date become closed. Idempotent."""
    return vacancies.close_expired_vacancies()
