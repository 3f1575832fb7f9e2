from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.community.forms_posts import EVERYONE
from plein.community.models import Group
from plein.community.services.gate import Limits
from plein.polls.models import ResultsVisibility
from plein.polls.services import MAX_OPTIONS, MIN_OPTIONS, OPTION_LENGTH

# Options shown before "More options" (the rest are folded away, also without JavaScript).
OPEN_OPTIONS = 4


class PollForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=Limits.POST,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example “Which day suits you best for the team outing?”"),
    )
    group = forms.ChoiceField(label=_("Where"), widget=forms.RadioSelect)
    multiple_choice = forms.TypedChoiceField(
        label=_("Answers"),
        choices=[
            ("0", _("One answer per person")),
            ("1", _("Several answers per person")),
        ],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("After this moment nobody can vote. Without it, you close the poll yourself."),
    )
    results_visibility = forms.ChoiceField(
        label=_("Show the results"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.AFTER_VOTING,
        widget=forms.RadioSelect,
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_("Nobody, not even you, sees who voted for what; only the numbers are shown."),
    )

    def __init__(self, *args: Any, groups: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(group.pk): group for group in groups}
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ChoiceField)
        group_field.choices = [
            (EVERYONE, _("Everyone in the organisation")),
            *((str(group.pk), group.name) for group in groups),
        ]
        group_field.initial = EVERYONE
        for number in range(1, MAX_OPTIONS + 1):
            self.fields[f"option_{number}"] = forms.CharField(
                label=_("Option %(number)d") % {"number": number},
                max_length=OPTION_LENGTH,
                required=False,
            )

    @property
    def open_options(self) -> list[forms.BoundField]:
        return [self[f"option_{n}"] for n in range(1, OPEN_OPTIONS + 1)]

    @property
    def more_options(self) -> list[forms.BoundField]:
        return [self[f"option_{n}"] for n in range(OPEN_OPTIONS + 1, MAX_OPTIONS + 1)]

    @property
    def more_options_used(self) -> bool:
        return any(field.value() for field in self.more_options)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        options = [data.get(f"option_{n}") or "" for n in range(1, MAX_OPTIONS + 1)]
        if sum(1 for option in options if option.strip()) < MIN_OPTIONS:
            self.add_error(
                "option_1", _("Give at least %(count)d options.") % {"count": MIN_OPTIONS}
            )
        data["options"] = options
        group = data.get("group")
        data["group_object"] = None if group in (None, "", EVERYONE) else self.groups.get(group)
        return data
