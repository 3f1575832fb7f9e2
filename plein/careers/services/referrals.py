"""Referrals: personal codes and share links, direct referrals, the referrer's coarse status,
HR's overview and the reward rules."""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.careers import tasks
from plein.careers.models import Application, Referral, ReferralCode, RewardRule, Stage, Vacancy
from plein.careers.models.applications import Source
from plein.careers.models.referrals import Channel
from plein.careers.services.links import code_for, tracked_link
from plein.community.services.gate import pass_gate
from plein.people.models import Person
from plein.people.permissions import Perm, require
from plein.policy.engine import Scope

STATUS_FOR_STAGE = {
    Stage.NEW: Referral.Status.APPLIED,
    Stage.SCREENING: Referral.Status.IN_PROGRESS,
    Stage.INTERVIEW: Referral.Status.IN_PROGRESS,
    Stage.OFFER: Referral.Status.IN_PROGRESS,
    Stage.HIRED: Referral.Status.HIRED,
    Stage.REJECTED: Referral.Status.NOT_SELECTED,
}
REASON_MAX = 1000


# --- Codes and links ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareLink:
    channel: str
    label: str
    url: str


def share_links(vacancy: Vacancy, person: Person) -> tuple[str, list[ShareLink]]:
    """The person's tracked link and the share intents (plain URLs: no API, no script)."""
    code = code_for(person)
    title = vacancy.title_nl

    def link(channel: str) -> str:
        return tracked_link(vacancy, code, channel)

    text = _("Working with us? Look at this vacancy: %(title)s") % {"title": title}
    mail_query = urlencode(
        {"subject": title, "body": f"{text}\n\n{link(Channel.EMAIL)}"}, quote_via=quote
    )
    intents = [
        ShareLink(Channel.EMAIL, _("E-mail"), f"mailto:?{mail_query}"),
        ShareLink(
            Channel.LINKEDIN,
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?"
            + urlencode({"url": link(Channel.LINKEDIN)}),
        ),
        ShareLink(
            Channel.X,
            "X",
            "https://x.com/intent/post?" + urlencode({"text": text, "url": link(Channel.X)}),
        ),
        ShareLink(
            Channel.FACEBOOK,
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?"
            + urlencode({"u": link(Channel.FACEBOOK)}),
        ),
        ShareLink(
            Channel.WHATSAPP,
            "WhatsApp",
            "https://wa.me/?"
            + urlencode({"text": f"{text} {link(Channel.WHATSAPP)}"}, quote_via=quote),
        ),
    ]
    return link(Channel.LINK), intents


# --- Referring directly -------------------------------------------------------------------------


def refer_directly(
    referrer: Person, vacancy: Vacancy, *, name: str, email: str, reason: str
) -> Referral:
    """The referred person gets an e-mail inviting them to apply, with the referrer's link."""
    require(referrer, Perm.REFER_CANDIDATES)
    if not vacancy.is_open():
        raise ValidationError(_("This vacancy is closed: nobody can apply for it any more."))
    errors: dict[str, str] = {}
    name = (name or "").strip()
    email = (email or "").strip().lower()
    if not name:
        errors["name"] = _("Give the name of the person you refer.")
    elif len(name) > 150:
        errors["name"] = _("Keep the name under 150 characters.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Give a valid e-mail address, like name@example.nl.")
    if email and email == referrer.email.lower():
        errors["email"] = _("You cannot refer yourself.")
    if errors:
        raise ValidationError(errors)
    try:
        gated = pass_gate(reason, author=referrer, max_length=REASON_MAX, scope=Scope.CAREERS)
        reason = gated.markdown
    except ValidationError as error:
        if error.code != "policy_warn":
            raise ValidationError({"reason": error.messages}) from error
        reason = reason.strip()
    if Referral.objects.filter(vacancy=vacancy, email=email, kind=Referral.Kind.DIRECT).exists():
        raise ValidationError(
            {"email": _("This person has already been referred for this vacancy.")}
        )
    with transaction.atomic():
        referral = Referral.objects.create(
            kind=Referral.Kind.DIRECT,
            referrer=referrer,
            vacancy=vacancy,
            channel=Channel.DIRECT,
            status=Referral.Status.INVITED,
            name=name,
            email=email,
            reason=reason,
        )
        transaction.on_commit(lambda: tasks.send_referral_invitation.enqueue(referral.pk))
    return referral


# --- Following applications (called by services.applications) ---------------------------------


def follow_new_application(application: Application, code: ReferralCode | None) -> None:
    """Link the new application to its referral: the direct referral of this address (however
    the person came), else a new link referral when they came through someone's link."""
    if code is not None and code.person.email.lower() == application.email:
        # Referring yourself earns nothing: treat it as a direct application.
        application.source, application.referrer, application.channel = Source.DIRECT, None, ""
        application.save(update_fields=["source", "referrer", "channel"])
        code = None
    direct = (
        Referral.objects.select_for_update()
        .filter(
            vacancy=application.vacancy,
            kind=Referral.Kind.DIRECT,
            email=application.email,
            application__isnull=True,
        )
        .first()
    )
    now = timezone.now()
    if direct is not None:
        direct.application = application
        direct.status = Referral.Status.APPLIED
        direct.status_changed_at = now
        direct.save(update_fields=["application", "status", "status_changed_at"])
        if application.source != Source.REFERRAL or application.referrer_id != direct.referrer_id:
            application.source = Source.REFERRAL
            application.referrer = direct.referrer
            application.channel = Channel.DIRECT
            application.save(update_fields=["source", "referrer", "channel"])
        return
    if code is not None:
        Referral.objects.create(
            kind=Referral.Kind.LINK,
            referrer=code.person,
            vacancy=application.vacancy,
            channel=application.channel or Channel.LINK,
            status=Referral.Status.APPLIED,
            application=application,
        )


def follow_stage(application: Application) -> None:
    """The caller holds the application's row lock."""
    status = STATUS_FOR_STAGE[Stage(application.stage)]
    update: dict[str, object] = {"status": status, "status_changed_at": timezone.now()}
    if status == Referral.Status.HIRED:
        update["hired_at"] = application.closed_at
    Referral.objects.filter(application=application).update(**update)


def forget_application(application: Application, *, withdrawn: bool) -> None:
    """Before an application is deleted: its referral keeps the outcome, not the person."""
    update: dict[str, object] = {
        "name": "",
        "email": "",
        "reason": "",
        "anonymised_at": timezone.now(),
    }
    if withdrawn and application.is_open:
        update |= {"status": Referral.Status.WITHDRAWN, "status_changed_at": timezone.now()}
    Referral.objects.filter(application=application).update(**update)


def anonymise_unanswered(before: datetime.datetime) -> int:
    """Direct referrals nobody applied for, four weeks after their vacancy closed (or a year
    after the referral, whichever comes first): the name, address and reason go."""
    stale = Referral.objects.filter(
        kind=Referral.Kind.DIRECT, application__isnull=True, anonymised_at__isnull=True
    ).filter(
        Q(vacancy__state="closed", vacancy__closed_at__lt=before)
        | Q(vacancy__state="filled", vacancy__filled_at__lt=before)
        | Q(created_at__lt=timezone.now() - datetime.timedelta(days=365))
    )
    return stale.update(
        name="",
        email="",
        reason="",
        status=Referral.Status.NOT_APPLIED,
        status_changed_at=timezone.now(),
        anonymised_at=timezone.now(),
    )


# --- Reading --------------------------------------------------------------------------------------


def my_referrals(person: Person) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(referrer=person)
        .select_related("vacancy")
        .order_by("-created_at", "-id")
    )


@dataclass
class Overview:
    total: int
    hired: int
    by_vacancy: list[tuple[str, int, int]]  # title, referrals, hired
    by_department: list[tuple[str, int, int]]
    by_channel: list[tuple[str, int, int]]


def overview(by: Person) -> Overview:
    require(by, Perm.MANAGE_PEOPLE)
    rows = list(
        Referral.objects.values_list(
            "vacancy__title_nl", "vacancy__department__name", "channel", "status"
        )
    )
    labels = dict(Channel.choices)

    def tally(
        index: int, label: Callable[[str], object] = lambda v: v
    ) -> list[tuple[str, int, int]]:
        total: Counter[str] = Counter()
        hired: Counter[str] = Counter()
        for row in rows:
            total[row[index]] += 1
            if row[3] == Referral.Status.HIRED:
                hired[row[index]] += 1
        return [(str(label(key)), n, hired[key]) for key, n in total.most_common()]

    return Overview(
        total=len(rows),
        hired=sum(1 for row in rows if row[3] == Referral.Status.HIRED),
        by_vacancy=tally(0),
        by_department=tally(1),
        by_channel=tally(2, lambda v: labels.get(v, v)),
    )


@dataclass
class Qualification:
    referral: Referral
    rule: RewardRule
    on: datetime.date

    @property
    def due(self) -> bool:
        return self.on <= timezone.localdate()


def qualifications(by: Person) -> list[Qualification]:
    """Hired referrals under each active rule, with the day they qualify."""
    require(by, Perm.MANAGE_PEOPLE)
    rules = list(RewardRule.objects.filter(active=True))
    hired = list(
        Referral.objects.filter(status=Referral.Status.HIRED, hired_at__isnull=False)
        .select_related("referrer", "vacancy")
        .order_by("hired_at")
    )
    return [
        Qualification(referral, rule, rule.qualifies_on(referral.hired_at))  # type: ignore[arg-type]
        for rule in rules
        for referral in hired
    ]


def add_reward_rule(by: Person, *, name: str, amount: int, months_employed: int) -> RewardRule:
    require(by, Perm.MANAGE_PEOPLE)
    rule = RewardRule(
        name=name.strip(), amount=amount, months_employed=months_employed, created_by=by
    )
    rule.full_clean()
    rule.save()
    return rule


def set_reward_rule_active(by: Person, rule: RewardRule, active: bool) -> RewardRule:
    if not (by and by.is_authenticated):
        raise PermissionDenied
    require(by, Perm.MANAGE_PEOPLE)
    rule.active = active
    rule.save(update_fields=["active"])
    return rule
