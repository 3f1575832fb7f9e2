"""Forms for articles and "ask the board". They only shape the input; the services check it
(the content gate, the image checks, who may do what) and their messages land on these fields."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.articles.models import Limits
from plein.community.forms_posts import PostTextField, suggestion_attrs
from plein.community.models import Group

EVERYONE = "everyone"
NOW = "now"
LATER = "later"

BODY_HINT = _(
    "Start a line with ## for a heading and ### for a sub-heading. **Bold**, _italic_, lists, "
    "> quotes and links work. Type @ to mention a colleague and # for a topic."
)


class ArticleForm(forms.Form):
    """Writing an article. Which buttons and fields show depends on its state (see the view)."""

    # Shown as required (needed to publish); a draft may leave them empty, the service decides.
    title = PostTextField(
        label=_("Title"),
        max_length=Limits.TITLE,
        widget=forms.TextInput(attrs={"maxlength": Limits.TITLE, "autocomplete": "off"}),
    )
    intro = forms.CharField(
        label=_("Intro"),
        help_text=_(
            "One or two sentences shown in the feed. Without an intro, the feed shows the "
            "opening of the article."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": Limits.INTRO, **suggestion_attrs()}),
    )
    body = PostTextField(
        label=_("Text"),
        help_text=BODY_HINT,
        # No maxlength on the textarea: the service says how long the text is and what is
        # allowed, in a sentence, instead of the browser cutting it off silently.
        widget=forms.Textarea(attrs={"rows": 18, **suggestion_attrs()}),
    )
    group = forms.ChoiceField(
        label=_("Publish for"),
        required=False,
        help_text=_("Everyone in the organisation, or one of your groups."),
    )
    leaders_blog = forms.BooleanField(
        label=_("Publish in the leaders’ corner"),
        help_text=_("The article appears on your blog in the leaders’ corner as well."),
        required=False,
    )
    cover = forms.FileField(
        label=_("Cover image"),
        help_text=_("A photo shown above the article and in the feed."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    cover_alt = forms.CharField(
        label=_("Description of the cover image"),
        help_text=_("What the image shows, for colleagues who use a screen reader."),
        required=False,
        max_length=Limits.ALT_TEXT,
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)
    when = forms.ChoiceField(
        label=_("When"),
        choices=[(NOW, _("Publish now")), (LATER, _("Publish later, at the moment below"))],
        widget=forms.RadioSelect,
        required=False,
        initial=NOW,
    )
    publish_at = forms.DateTimeField(
        label=_("Publication date and time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        help_text=_(
            "What the image shows, for colleagues who use a screen reader. Needed to add an image."
        ),
        required=False,
        max_length=Limits.ALT_TEXT,
    )

    def __init__(
        self,
        *args: Any,
        groups: Sequence[Group] = (),
        may_blog: bool = False,
        published: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups_by_id = {str(group.pk): group for group in groups}
        cast(forms.ChoiceField, self.fields["group"]).choices = [
            (EVERYONE, _("Everyone in the organisation"))
        ] + [(str(group.pk), group.name) for group in groups]
        if not may_blog:
            del self.fields["leaders_blog"]
        if published:
            for name in ("group", "when", "publish_at"):
                del self.fields[name]

    def clean_group(self) -> Group | None:
        value = self.cleaned_data.get("group") or EVERYONE
        return None if value == EVERYONE else self.groups_by_id.get(value)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wants_later = cleaned.get("when") == LATER and not cleaned.get("publish_at")
        if wants_later and "publish_at" not in self.errors:
            self.add_error("publish_at", _("Choose the date and time to publish the article."))
        return cleaned


class QuestionForm(forms.Form):
    text = PostTextField(
        label=_("Your question to the board"),
        help_text=_("Ask what you would ask if you met the board at the coffee machine."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": Limits.BOARD_QUESTION}),
    )
    anonymous = forms.BooleanField(
        label=_("Do not show my name to colleagues"),
        help_text=_(
            "Colleagues and the leaders who answer will not see who asked. The moderators can "
            "see it, so that the conversation stays within the posting codes."
        ),
        required=False,
    )

    def __init__(self, *args: Any, allow_anonymous: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class AnswerForm(forms.Form):
    answer = PostTextField(
        label=_("Your answer"),
        help_text=_("You answer in your own name, in public. The colleague who asked is told."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": Limits.BOARD_ANSWER}),
    )


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the questions and answers"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    unanswered = forms.BooleanField(label=_("Also questions without an answer"), required=False)
