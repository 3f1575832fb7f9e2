"""Forms of the moderation pages. They shape the input; the moderation services check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.policy.models.moderation import Outcome, ReportReason
from plein.policy.services.moderation import MAX_SUSPEND_DAYS, REASON_LENGTH


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The author reads this with your decision, so write it to them."),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    suspend_days = forms.IntegerField(
        label=_("Suspend for how many days"),
        help_text=_("Only when you suspend the author."),
        required=False,
        min_value=1,
        max_value=MAX_SUSPEND_DAYS,
    )

    def __init__(self, *args: object, comment: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if comment:
            field = self.fields["outcome"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [c for c in Outcome.choices if c[0] != Outcome.ASK_EDIT]


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision change?"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
