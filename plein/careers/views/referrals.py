"""Referring: every employee and alumnus shares vacancies with a personal tracked link or refers
someone directly, and follows their referrals' coarse status. HR sees the figures and keeps the
reward rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.careers.forms_applications import ReferForm, RewardRuleForm
from plein.careers.machine_readable import vacancy_path
from plein.careers.models import Application, RewardRule, Vacancy, today
from plein.careers.services import referrals as referral_services
from plein.people.models import Person
from plein.people.permissions import Perm, permission_required

MAX_LISTED = 200


def _me(request: HttpRequest) -> Person:
    return request.user  # type: ignore[return-value]


def _open_vacancies() -> list[Vacancy]:
    vacancies = list(
        Vacancy.objects.open()
        .select_related("department", "location")
        .order_by("-publish_on")[:MAX_LISTED]
    )
    for vacancy in vacancies:
        vacancy.public_url = vacancy_path(vacancy, "nl")  # type: ignore[attr-defined]
    return vacancies


@permission_required(Perm.REFER_CANDIDATES)
def my_referrals(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    return render(
        request,
        "careers/referrals.html",
        {
            "referrals": list(referral_services.my_referrals(me)[:MAX_LISTED]),
            "vacancies": _open_vacancies(),
            "handles_applications": Application.objects.visible_to(me).exists(),
        },
    )


@permission_required(Perm.REFER_CANDIDATES)
def share(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(
        Vacancy.objects.open().select_related("department", "location"), pk=pk
    )
    me = _me(request)
    form = ReferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_services.refer_directly(me, vacancy, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you! %(name)s receives an invitation to apply.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect("careers:my_referrals")
    link, intents = referral_services.share_links(vacancy, me)
    return render(
        request,
        "careers/share.html",
        {
            "vacancy": vacancy,
            "public_url": vacancy_path(vacancy, "nl"),
            "link": link,
            "intents": intents,
            "form": form,
            "closes_on": vacancy.closes_on,
            "today": today(),
        },
        status=400 if form.errors else 200,
    )


@permission_required(Perm.MANAGE_PEOPLE)
def referral_overview(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    form = RewardRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral_services.add_reward_rule(me, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reward rule has been added."))
            return redirect("careers:referral_overview")
    return render(
        request,
        "careers/manage/referrals.html",
        {
            "overview": referral_services.overview(me),
            "rules": list(RewardRule.objects.all()),
            "qualifications": referral_services.qualifications(me),
            "form": form,
            "section": "referrals",
        },
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(Perm.MANAGE_PEOPLE)
def reward_rule_active(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(RewardRule, pk=pk)
    active = request.POST.get("active") == "1"
    referral_services.set_reward_rule_active(_me(request), rule, active)
    messages.success(
        request,
        _("“%(name)s” is active.") % {"name": rule.name}
        if active
        else _("“%(name)s” is switched off.") % {"name": rule.name},
    )
    return redirect("careers:referral_overview")
