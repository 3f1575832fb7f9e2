"""Applications: submit, move through the pipeline (one function per transition, each logged),
and delete (by the candidate's link or by the retention job).

About a BSN (citizen service number) in the motivation: we never ask for one, and the policy
rules block it everywhere. Refusing the application would cost the candidate their chance for
a slip of the keyboard, so the application is stored with the number *removed* from the text
(replaced by a marker) and flagged for the recruiter; the candidate is told on the thank-you
page. A BSN in a Word CV (whose text we can read) cannot be removed from the file: it is
flagged. Other blocking findings (an IBAN, a card number, blocked words) are refused with a
clear message, warnings (a phone number, an e-mail address: the candidate's own) are accepted,
and a "hold" (special-category data) is accepted and flagged.
"""

import hmac
import logging
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.careers import tasks
from plein.careers.models import Application, ApplicationErasure, ApplicationEvent, Stage, Vacancy
from plein.careers.models.applications import CLOSED_STAGES, Flag, erasure_key
from plein.careers.services import cv as cv_files
from plein.careers.services import referrals
from plein.careers.services.attribution import Attribution, apply_to
from plein.careers.services.links import delete_token
from plein.community.services.gate import pass_gate
from plein.notifications.models import Kind as NotificationKind
from plein.notifications.services import notify
from plein.people.models import Person
from plein.policy.active import active_rule_set
from plein.policy.engine import Action, Scope
from plein.policy.findings import Kind

logger = logging.getLogger(__name__)

MOTIVATION_MAX = 5000
BSN_MARKER = "[BSN]"

NEXT_STAGES: dict[str, tuple[str, ...]] = {
    Stage.NEW: (Stage.SCREENING, Stage.REJECTED),
    Stage.SCREENING: (Stage.INTERVIEW, Stage.REJECTED),
    Stage.INTERVIEW: (Stage.OFFER, Stage.REJECTED),
    Stage.OFFER: (Stage.HIRED, Stage.REJECTED),
    Stage.HIRED: (),
    Stage.REJECTED: (),
}


# --- Who may see and handle ---------------------------------------------------------------------


def may_handle(person: Person, application: Application) -> bool:
    return Application.objects.visible_to(person).filter(pk=application.pk).exists()


# --- Submitting ---------------------------------------------------------------------------------


def redact_bsn(text: str) -> tuple[str, bool]:
    spans = [
        (m.finding.start, m.finding.end)
        for m in active_rule_set().check(text, Scope.CAREERS)
        if m.finding.kind == Kind.BSN
    ]
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + BSN_MARKER + text[end:]
    return text, bool(spans)


def _gate_motivation(text: str) -> tuple[str, list[str]]:
    text, redacted = redact_bsn((text or "").replace("\r\n", "\n").strip())
    flags = [Flag.BSN_REDACTED.value] if redacted else []
    try:
        gated = pass_gate(
            text, author=None, max_length=MOTIVATION_MAX, scope=Scope.CAREERS, can_hold=True
        )
    except ValidationError as error:
        if error.code == "policy_warn":
            return text, flags  # the candidate's own phone number or address: fine here
        if error.code == "policy_block":
            reasons = [
                str(m.suggestion)
                for m in active_rule_set().check(text, Scope.CAREERS)
                if m.action == Action.BLOCK
            ]
            raise ValidationError(
                {
                    "motivation": [
                        _("Your motivation contains something we cannot accept."),
                        *dict.fromkeys(reasons),
                    ]
                }
            ) from error
        raise ValidationError({"motivation": error.messages}) from error
    if gated.held:
        flags.append(Flag.SPECIAL_CATEGORY.value)
    return gated.markdown, flags


def submit_application(
    vacancy: Vacancy,
    *,
    name: str,
    email: str,
    phone: str,
    motivation: str,
    cv: UploadedFile,
    talent_pool: bool,
    talent_pool_statement: str,
    language: str,
    attribution: Attribution,
) -> Application:
    """Validate everything first (nothing is stored on any error), then store the CV and the
    application in one go; the receipt with the delete link goes out through the worker."""
    if not vacancy.is_open():
        raise ValidationError(_("This vacancy is closed: you can no longer apply for it."))
    checked = cv_files.check_cv(cv)
    text, flags = _gate_motivation(motivation)
    if cv_files.mentions_bsn(checked.text):
        flags.append(Flag.CV_BSN.value)
    email = email.strip().lower()
    stored = cv_files.store(cv, checked)
    try:
        with transaction.atomic():
            application = Application(
                vacancy=vacancy,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                motivation=text,
                language=language if language in ("nl", "en") else "nl",
                cv_path=stored,
                cv_name=checked.name,
                cv_kind=checked.kind,
                cv_size=checked.size,
                talent_pool=talent_pool,
                talent_pool_statement=talent_pool_statement if talent_pool else "",
                flags=flags,
            )
            code = apply_to(application, attribution)
            application.returning_colleague = Person.objects.filter(
                status=Person.Status.ALUMNUS, email__iexact=email
            ).first()
            application.save()
            ApplicationEvent.objects.create(application=application, to_stage=Stage.NEW)
            referrals.follow_new_application(application, code)
            _tell_handlers(application)
            transaction.on_commit(lambda: tasks.send_application_receipt.enqueue(application.pk))
    except BaseException:
        cv_files.remove(stored)
        raise
    logger.info("application received", extra={"application_id": application.pk})
    return application


def _tell_handlers(application: Application) -> None:
    """The vacancy's recruiter and hiring manager hear of a new application: which vacancy,
    never who applied (notifications end up in e-mail digests)."""
    vacancy = application.vacancy
    notify(
        {vacancy.recruiter_id, vacancy.hiring_manager_id},
        kind=NotificationKind.NEW_APPLICATION,
        actor=None,
        url=reverse("careers:application", args=[application.pk]),
        title=vacancy.title_nl,
        thread_key=f"applications:{vacancy.pk}",
    )


# --- The pipeline: one function per transition ---------------------------------------------------


def _move(application: Application, by: Person, to: str, reason: str = "") -> Application:
    if not may_handle(by, application):
        raise PermissionDenied("application")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if to not in NEXT_STAGES[locked.stage]:
            raise ValidationError(
                _("This application is “%(stage)s”: it cannot move to “%(to)s”.")
                % {"stage": locked.get_stage_display(), "to": Stage(to).label}
            )
        now = timezone.now()
        ApplicationEvent.objects.create(
            application=locked, from_stage=locked.stage, to_stage=to, by=by, reason=reason, at=now
        )
        locked.stage = to
        locked.stage_changed_at = now
        fields = ["stage", "stage_changed_at"]
        if to in CLOSED_STAGES:
            locked.closed_at = now
            fields.append("closed_at")
        if to == Stage.REJECTED:
            locked.rejection_reason = reason
            fields.append("rejection_reason")
        locked.save(update_fields=fields)
        referrals.follow_stage(locked)
    return locked


def start_screening(application: Application, by: Person) -> Application:
    return _move(application, by, Stage.SCREENING)


def invite_to_interview(application: Application, by: Person) -> Application:
    return _move(application, by, Stage.INTERVIEW)


def make_offer(application: Application, by: Person) -> Application:
    return _move(application, by, Stage.OFFER)


def hire(application: Application, by: Person) -> Application:
    return _move(application, by, Stage.HIRED)


def reject(
    application: Application, by: Person, *, reason: str, tell_candidate: bool = True
) -> Application:
    """Rejected needs a reason (kept internal, in the log). The candidate gets a polite e-mail
    without it, unless the recruiter tells them personally instead."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Keep the reason under 1,000 characters.")})
    moved = _move(application, by, Stage.REJECTED, reason)
    if tell_candidate:
        transaction.on_commit(lambda: tasks.send_rejection_email.enqueue(moved.pk))
    return moved


TRANSITIONS = {
    Stage.SCREENING: start_screening,
    Stage.INTERVIEW: invite_to_interview,
    Stage.OFFER: make_offer,
    Stage.HIRED: hire,
}


# --- Deleting -------------------------------------------------------------------------------------


class LinkState(StrEnum):
    VALID = "valid"
    USED = "used"  # the candidate deleted the data already
    EXPIRED = "expired"  # the retention period ended and the data went
    INVALID = "invalid"


def check_delete_link(public_id: str, token: str) -> tuple[LinkState, Application | None]:
    application = (
        Application.objects.select_related("vacancy").filter(public_id=public_id[:32]).first()
    )
    if application is not None:
        if hmac.compare_digest(delete_token(application), token):
            return LinkState.VALID, application
        return LinkState.INVALID, None
    erasure = ApplicationErasure.objects.filter(key=erasure_key(public_id[:32])).first()
    if erasure is None:
        return LinkState.INVALID, None
    if erasure.reason == ApplicationErasure.Reason.CANDIDATE:
        return LinkState.USED, None
    return LinkState.EXPIRED, None


def delete_by_candidate(public_id: str, token: str) -> LinkState:
    """The candidate's single-use link. Returns what the link was; deletes only when VALID."""
    state, application = check_delete_link(public_id, token)
    if state == LinkState.VALID and application is not None:
        erase(application, ApplicationErasure.Reason.CANDIDATE)
    return state


def erase(application: Application, reason: str) -> None:
    """Delete the application, its log and its CV; the referral keeps its status without the
    person's data."""
    with transaction.atomic():
        referrals.forget_application(application, withdrawn=reason == "candidate")
        ApplicationErasure.objects.get_or_create(
            key=erasure_key(application.public_id), defaults={"reason": reason}
        )
        cv_path = application.cv_path
        application.delete()
        transaction.on_commit(lambda: cv_files.remove(cv_path))
    logger.info("application erased", extra={"reason": reason})
