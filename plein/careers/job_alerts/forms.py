from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.careers.antispam import HONEYPOT_FIELD
from plein.people.models import Department, Location


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter your e-mail address.")},
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Choose none for every department."),
        widget=forms.CheckboxSelectMultiple,
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=Location.objects.none(),
        required=False,
        help_text=_("Choose none for every location. Remote vacancies always match."),
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=400,
        help_text=_("Separate them with commas, for example “monteur, planner”."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my e-mail address and these choices are kept to send me new "
            "vacancies, until I unsubscribe (one click in every e-mail)."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot send you e-mail.")},
    )
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        departments: Any,
        locations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments  # type: ignore[attr-defined]
        self.fields["locations"].queryset = locations  # type: ignore[attr-defined]

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
