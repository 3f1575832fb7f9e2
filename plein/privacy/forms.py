from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Type it to confirm that you want everything erased."),
        max_length=254,
    )


class DataSubjectRequestForm(forms.Form):
    class Action:
        EXPORT = "export"
        ERASE = "erase"

    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254)
    action = forms.ChoiceField(
        label=_("What do they ask for?"),
        choices=[
            (Action.EXPORT, _("A copy of their data (export)")),
            (Action.ERASE, _("Erasure of their data")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example: “request by e-mail of 3 March, our reference 2026-14”."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I have checked that this request comes from the person themselves"),
        required=True,
    )
