"""The e-mail to a candidate whose question got its first answer, sent by the worker.

Never twice: a question is claimed (PENDING → SENDING in one conditional UPDATE), mailed, then
marked SENT and its e-mail address erased in the same UPDATE: after that the organisation no
longer has it (data minimisation). A claim left by a worker that died is taken again after
`STALE_CLAIM`, with the same Message-ID, so a mail system drops a duplicate.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.careers.candidate_questions.models import (
    CandidateAnswer,
    CandidateQuestion,
    EmailState,
)
from plein.careers.machine_readable import absolute, vacancy_path
from plein.core.claims import Claims
from plein.core.models import Organisation

logger = logging.getLogger(__name__)

STALE_CLAIM = datetime.timedelta(minutes=15)


def _domain() -> str:
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def answer_message(question: CandidateQuestion) -> EmailMessage:
    answer = (
        CandidateAnswer.objects.filter(question=question)
        .select_related("author")
        .order_by("created_at", "id")
        .first()
    )
    vacancy = question.vacancy
    with translation.override(question.language):
        title = vacancy.title_in(question.language)
        context = {
            "question": question,
            "answer": answer,
            "answer_by": answer.author.full_name if answer and answer.author else "",
            "answer_role": answer.get_role_display() if answer else "",
            "title": title,
            "page_url": absolute(vacancy_path(vacancy, question.language))
            + f"#question-{question.pk}",
            "organisation": Organisation.current(),
        }
        body = render_to_string("careers/questions/email/answered.txt", context)
        subject = _("Your question about “%(title)s” was answered") % {"title": title}
    return EmailMessage(
        subject=subject,
        body=body,
        to=[question.email],
        headers={
            "Message-ID": f"<candidate-question-{question.pk}@{_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )


CLAIMS = Claims(
    CandidateQuestion,
    state="email_state",
    pending=EmailState.PENDING,
    sending=EmailState.SENDING,
    claimed_at="emailed_at",
    stale_after=STALE_CLAIM,
)


def send_answer_emails() -> int:
    """Mail every candidate whose question got its first answer; returns how many."""
    sent = 0
    connection = mailers.default
    for pk in CLAIMS.pending_ids():
        question = CandidateQuestion.objects.select_related("vacancy").get(pk=pk)
        if not question.email:
            CandidateQuestion.objects.filter(pk=pk).update(email_state=EmailState.SENT)
            continue
        with CLAIMS.releasing(pk):
            connection.send_messages([answer_message(question)])
        CandidateQuestion.objects.filter(pk=pk).update(
            email_state=EmailState.SENT, emailed_at=timezone.now(), email=""
        )
        logger.info("candidate answer e-mail sent", extra={"candidate_question_id": pk})
        sent += 1
    return sent
