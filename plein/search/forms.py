import datetime
from collections.abc import Iterable
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.community.models import Group

# What the kind filter offers, and the kinds of the search service each choice means.
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "posts": ("post",),
    "articles": ("article",),
    "questions": ("question", "answer", "board_question"),
    "comments": ("comment",),
    "people": ("person",),
    "groups": ("group",),
    "topics": ("topic",),
}
KIND_CHOICES = [
    ("", _("Everything")),
    ("posts", _("Posts")),
    ("articles", _("Articles")),
    ("questions", _("Questions and answers")),
    ("comments", _("Comments")),
    ("people", _("People")),
    ("groups", _("Groups")),
    ("topics", _("Topics")),
]
PERIODS = {"week": 7, "month": 31, "year": 366}
PERIOD_CHOICES = [
    ("", _("Any time")),
    ("week", _("Past week")),
    ("month", _("Past month")),
    ("year", _("Past year")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=KIND_CHOICES)
    group = forms.TypedChoiceField(
        label=_("Group"), required=False, coerce=int, empty_value=None, choices=[]
    )
    period = forms.ChoiceField(label=_("Period"), required=False, choices=PERIOD_CHOICES)
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000, widget=forms.HiddenInput)

    def __init__(self, *args: object, groups: list[Group], **kwargs: object) -> None:
        """`groups`: the groups the viewer may filter by (theirs and the one asked for)."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.TypedChoiceField)
        group_field.choices = [("", _("All groups")), *((g.pk, g.name) for g in groups)]

    def select_fields(self) -> list[tuple[forms.BoundField, list[tuple[str, str, bool]]]]:
        """The three filters with their options (value, label, selected), for the page's own
        markup: Django's widget templates render every option through a template, which
        costs the search page milliseconds it does not have."""
        fields = []
        for name in ("kind", "group", "period"):
            bound = self[name]
            current = str(bound.value() or "")
            field = bound.field
            assert isinstance(field, forms.ChoiceField)
            # Flat choices (no groups): set in this form.
            choices = cast("Iterable[tuple[object, object]]", field.choices)
            options = [(str(value), str(label), str(value) == current) for value, label in choices]
            fields.append((bound, options))
        return fields

    def kinds(self) -> tuple[str, ...] | None:
        return KIND_FILTERS.get(self.cleaned_data.get("kind") or "")

    def since(self) -> datetime.date | None:
        days = PERIODS.get(self.cleaned_data.get("period") or "")
        return timezone.localdate() - datetime.timedelta(days=days) if days else None
