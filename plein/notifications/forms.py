from django import forms
from django.utils.translation import gettext_lazy as _

from plein.notifications.models import Delivery, DigestFrequency, Kind


class PreferencesForm(forms.Form):
    """One choice per kind (how it reaches the person) and how often the digest comes."""

    digest = forms.ChoiceField(
        label=_("E-mail digest"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("A summary of what you have not seen yet, in the morning."),
    )

    def __init__(self, *args: object, deliveries: dict[str, str], digest: str, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["digest"].initial = digest
        for kind in Kind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=deliveries[kind.value]
            )

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[f"kind_{kind.value}"] for kind in Kind]

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[f"kind_{kind.value}"] for kind in Kind}
