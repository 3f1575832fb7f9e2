"""Forms for writing posts and comments. They only shape the input: the services check it
(the content gate for text, the attachment checks for files) and their messages are shown on
these forms."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from plein.community.models import Group, Post
from plein.community.services.gate import Limits
from plein.community.services.posts import MAX_ATTACHMENTS

EVERYONE = "everyone"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}

TEXT_HINT = _(
    "Type @ to mention a colleague or a group and # for a topic. "
    "**Bold**, _italic_, lists, quotes and links work."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the attachment service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def suggestion_attrs() -> dict[str, Any]:
    """composer.js suggests @mentions and #topics in textareas that carry these attributes: the
    two URLs and the (translated) texts it announces to screen readers."""
    return {
        "data-mentions-url": reverse_lazy("community:autocomplete_mentions"),
        "data-topics-url": reverse_lazy("community:autocomplete_topics"),
        "data-text-list": _("Suggestions"),
        "data-text-one": _("1 suggestion. Use the arrow keys to choose and Enter to insert it."),
        "data-text-many": _(
            "{count} suggestions. Use the arrow keys to choose and Enter to insert one."
        ),
        "data-text-none": _("No suggestions."),
        "data-text-inserted": _("{name} inserted."),
    }


def _text_widget(rows: int, max_length: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": max_length, **suggestion_attrs()})


class PostTextField(forms.CharField):
    """The text of a post. Shown as required (it nearly always is), but a post with only photos
    or a share without a comment may leave it empty: the content gate decides, with its own
    message."""

    def validate(self, value: Any) -> None:
        return None


class AudienceField(forms.ChoiceField):
    """Where a post goes: a group, or everyone (also when nothing was chosen)."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value) or EVERYONE


def group_choices(groups: Sequence[Group]) -> list[tuple[str, str]]:
    return [
        (EVERYONE, str(_("Everyone in the organisation"))),
        *((str(g.pk), g.name) for g in groups),
    ]


class PostForm(forms.Form):
    text = PostTextField(
        label=_("Share an update"),
        strip=False,
        help_text=TEXT_HINT,
        widget=_text_widget(4, Limits.POST),
    )
    attachments = MultipleFileField(
        label=_("Photos and documents"),
        required=False,
        help_text=format_lazy(
            _(
                "Up to {count} photos or documents (PDF, Word, Excel, PowerPoint). Drag them "
                "here or choose them. Location data is removed from photos."
            ),
            count=MAX_ATTACHMENTS,
        ),
        widget=MultipleFileInput(attrs={"data-composer-files": ""}),
    )
    group = AudienceField(label=_("Post in"), initial=EVERYONE)
    kind = forms.ChoiceField(
        label=_("Kind of post"),
        choices=[
            (Post.Kind.UPDATE, _("An update")),
            (Post.Kind.WORKING_ON, _("What I'm working on")),
        ],
        initial=Post.Kind.UPDATE,
        widget=forms.RadioSelect(attrs={"data-composer-kind": ""}),
    )
    project_status = forms.ChoiceField(
        label=_("Project status"),
        required=False,
        choices=Group.ProjectStatus.choices,
        help_text=_("Only for “what I'm working on” in a project group."),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, groups: Sequence[Group] = (), **kwargs: Any) -> None:
        # Its own ids: the composer shares pages with other forms (comments, group settings).
        kwargs.setdefault("auto_id", "composer-%s")
        super().__init__(*args, **kwargs)
        # The groups the view already loaded: rendering the select costs no query.
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = group_choices(groups)  # type: ignore[attr-defined]

    def clean_group(self) -> Group | None:
        value = self.cleaned_data.get("group") or EVERYONE
        return self.groups.get(value)


class PreviewForm(forms.Form):
    text = forms.CharField(required=False, strip=False)


class EditPostForm(forms.Form):
    text = PostTextField(
        label=_("Text of the post"),
        strip=False,
        help_text=TEXT_HINT,
        widget=_text_widget(8, Limits.POST),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Write a comment"),
        strip=False,
        error_messages={"required": _("Write something first.")},
        widget=_text_widget(3, Limits.COMMENT),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ShareForm(forms.Form):
    group = AudienceField(label=_("Share with"), initial=EVERYONE)
    text = forms.CharField(
        label=_("Add a comment"),
        required=False,
        strip=False,
        help_text=_("Say why colleagues should read this."),
        widget=_text_widget(3, Limits.POST),
    )

    def __init__(self, *args: Any, groups: Sequence[Group] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = group_choices(groups)  # type: ignore[attr-defined]

    def clean_group(self) -> Group | None:
        return self.groups.get(self.cleaned_data.get("group") or EVERYONE)
