from django import forms
from django.utils.translation import gettext_lazy as _

from plein.api.services import NAME_MAX_LENGTH

EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("", _("Never")),
]


class CreateTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, for example “Team dashboard”."),
    )
    expires_in = forms.ChoiceField(
        label=_("Expires"),
        choices=EXPIRY_CHOICES,
        required=False,
        initial="90",
        widget=forms.RadioSelect,
    )
