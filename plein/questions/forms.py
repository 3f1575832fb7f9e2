"""Forms for asking, answering and filtering. They shape the input; the services check it (the
content gate for text) and their messages are shown on these forms."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.community.forms_posts import (
    EVERYONE,
    TEXT_HINT,
    AudienceField,
    group_choices,
    suggestion_attrs,
)
from plein.community.models import Group
from plein.community.services.gate import Limits as PostLimits
from plein.questions.models import Limits
from plein.questions.services import split_topics

TOPICS_HINT = _(
    "One or more words, separated by spaces or commas, for example: warmtepompen planning"
)


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=Limits.TITLE,
        help_text=_("Ask it in one sentence, the way you would ask a colleague."),
        error_messages={"required": _("Write your question.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        strip=False,
        help_text=_(
            "What is the situation, and what have you tried already? "
            "Type @ to mention a colleague and # for a topic."
        ),
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": PostLimits.POST, **suggestion_attrs()}
        ),
    )
    topics = forms.CharField(label=_("Topics"), required=False, help_text=TOPICS_HINT)

    def clean_topics(self) -> list[str]:
        return split_topics(self.cleaned_data.get("topics", ""))


class AskForm(QuestionForm):
    group = AudienceField(
        label=_("Ask in"),
        initial=EVERYONE,
        help_text=_("Everyone in the organisation, or one of your groups."),
    )
    # Set once the person has seen the questions that look like theirs.
    ask_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)

    field_order = ["title", "details", "topics", "group"]

    def __init__(self, *args: Any, groups: Sequence[Group] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = group_choices(groups)  # type: ignore[attr-defined]

    def clean_group(self) -> Group | None:
        return self.groups.get(self.cleaned_data.get("group") or EVERYONE)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Write your answer"),
        strip=False,
        help_text=TEXT_HINT,
        error_messages={"required": _("Write your answer first.")},
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": Limits.ANSWER, **suggestion_attrs()}),
    )


class Status:
    ALL = "all"
    UNANSWERED = "unanswered"
    ANSWERED = "answered"


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (Status.ALL, _("All questions")),
            (Status.UNANSWERED, _("Unanswered")),
            (Status.ANSWERED, _("Answered")),
        ],
    )
    group = forms.ChoiceField(label=_("Group"), required=False)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=60)

    def __init__(self, *args: Any, groups: Sequence[Group] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [  # type: ignore[attr-defined]
            ("", _("All groups")),
            *((g.slug, g.name) for g in groups),
        ]

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or Status.ALL

    def clean_topic(self) -> str:
        return (self.cleaned_data.get("topic") or "").strip().lstrip("#")
