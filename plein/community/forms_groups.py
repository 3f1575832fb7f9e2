"""Forms for the groups pages: the index filters, starting a group, its settings, inviting."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from plein.community.models import Group
from plein.community.services.attachments import MAX_IMAGE_BYTES
from plein.community.services.groups import STARTABLE_KINDS

COVER_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"

VISIBILITY_HELP = _("Group admins can change this later in the group's settings.")


class GroupFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Group.Kind.choices],
    )


class VisibilityField(forms.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            label=_("Who can see it"),
            choices=Group.Visibility.choices,
            widget=forms.RadioSelect,
            help_text=VISIBILITY_HELP,
            **kwargs,  # type: ignore[arg-type]
        )


class GroupCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("A short name colleagues recognise, for example “Project Noordlaan”."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of group"),
        choices=[(kind.value, kind.label) for kind in STARTABLE_KINDS],
        initial=Group.Kind.INTEREST,
        widget=forms.RadioSelect,
        help_text=_(
            "Department and location groups are made and kept up to date from the people data."
        ),
    )
    visibility = VisibilityField(initial=Group.Visibility.OPEN)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        help_text=_("What the group is for and who should join. At most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GroupSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        help_text=_("What the group is for and who should join. At most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    visibility = VisibilityField()
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=format_lazy(
            _("A wide photo (JPEG, PNG, WebP or GIF) of at most {mb} MB. We remove location data."),
            mb=MAX_IMAGE_BYTES // (1024 * 1024),
        ),
        widget=forms.FileInput(attrs={"accept": COVER_ACCEPT}),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args: object, synced: bool, has_cover: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["visibility"].help_text = _(
            "A change applies at once, to the group's earlier posts too."
        )
        if synced:
            # Department and location groups stay open: everyone there is placed in them.
            del self.fields["visibility"]
        if not has_cover:
            del self.fields["remove_cover"]

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(_("Give the group a name."))
        return name


class InviteForm(forms.Form):
    colleague = forms.CharField(
        label=_("Name or e-mail address"),
        max_length=200,
        help_text=_("Part of the name is enough: when several colleagues match, you choose."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # Chosen when a name matched several colleagues; hidden until then.
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def offer(self, candidates: list[tuple[int, str]]) -> None:
        """Show the colleagues who match as a choice (the page is shown again with it)."""
        field = self.fields["person"]
        field.label = _("Which colleague do you mean?")
        field.widget = forms.RadioSelect(choices=candidates)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("decline", "decline")])


class MemberActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("make_admin", "make_admin"),
            ("remove_admin", "remove_admin"),
            ("remove", "remove"),
        ]
    )
