"""Background work for candidate questions. Each task may run twice without doing anything
twice."""

from django.tasks import task

from plein.careers.candidate_questions import mail, services


@task()
def send_candidate_answer_emails() -> int:
    """Mail candidates whose question got its first answer (enqueued after the answer, and
    periodically for anything left over), then erase their address."""
    return mail.send_answer_emails()


@task()
def erase_old_candidate_addresses() -> int:
    """Daily: unanswered questions' e-mail addresses older than EMAIL_KEEP_DAYS are erased."""
    return services.erase_old_addresses()
