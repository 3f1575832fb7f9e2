"""Forms for applications and referrals (the candidate's form, the pipeline, referring)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.careers.models import RewardRule
from plein.careers.services.applications import MOTIVATION_MAX
from plein.careers.services.attribution import Attribution
from plein.careers.services.referrals import REASON_MAX

TALENT_POOL_STATEMENT = _(
    "Keep my application in the talent pool for one year after this procedure closes, so you "
    "may contact me about other vacancies. Without this, my data is deleted four weeks after "
    "the procedure closes. I can withdraw at any time with the link in the confirmation e-mail."
)


class ApplicationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a confirmation here, with a link to delete your application."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    cv = forms.FileField(
        label=_("Your CV"),
        help_text=_(
            "A PDF or Word document (.docx), at most %(max)s. Please leave out your citizen "
            "service number (BSN) and copies of your ID: we do not need them."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=MOTIVATION_MAX,
        help_text=_("Why this job, and why you? A few paragraphs are enough."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    talent_pool = forms.BooleanField(label=TALENT_POOL_STATEMENT, required=False)
    # Where the candidate came from (see services.attribution).
    ref = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    utm_source = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_medium = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    utm_campaign = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    referrer_host = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args: Any, max_size: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cv"].help_text = str(self.fields["cv"].help_text) % {"max": max_size}

    def attribution(self) -> Attribution:
        return Attribution.from_mapping(self.cleaned_data)


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=1000,
        help_text=_("Internal: kept in the log, not sent to the candidate."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tell_candidate = forms.BooleanField(
        label=_("Send the candidate our standard rejection e-mail"),
        required=False,
        initial=True,
    )


class ReferForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=150)
    email = forms.EmailField(label=_("Their e-mail address"), max_length=254)
    reason = forms.CharField(
        label=_("Why this person?"),
        max_length=REASON_MAX,
        help_text=_("For the recruiter. The person you refer receives an invitation to apply."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RewardRuleForm(forms.ModelForm):
    class Meta:
        model = RewardRule
        fields = ["name", "amount", "months_employed"]


class ApplicationFilterForm(forms.Form):
    vacancy = forms.TypedChoiceField(label=_("Vacancy"), required=False, coerce=int)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    talent_pool = forms.BooleanField(label=_("Only the talent pool"), required=False)

    def __init__(self, *args: Any, vacancies: list[Any], stages: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].choices = [("", _("All vacancies"))] + [  # type: ignore[attr-defined]
            (v.pk, v.title_nl) for v in vacancies
        ]
        self.fields["stage"].choices = [("", _("Every stage")), *stages]  # type: ignore[attr-defined]
