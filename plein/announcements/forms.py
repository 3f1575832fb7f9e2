from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plein.announcements.models import Audience
from plein.announcements.services import TITLE_LENGTH
from plein.community.models import Group
from plein.community.services.gate import Limits
from plein.people.models import Department, Location


class DepartmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        # Sub-departments are indented under their parent (the list is in tree order).
        return "\u2003" * max(obj.depth - 1, 0) + obj.name


class AnnouncementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_LENGTH,
        help_text=_("What it is about in a few words, for example “Our new social media policy”."),
    )
    text = forms.CharField(
        label=_("Announcement"),
        max_length=Limits.POST,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "A link to a video on YouTube or Vimeo shows as a player that loads only when "
            "someone clicks it."
        ),
    )
    audience = forms.ChoiceField(label=_("Send it to"), widget=forms.RadioSelect)
    departments = DepartmentChoiceField(
        label=_("Departments"),
        queryset=Department.objects.order_by("path"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When you send it to departments. A department includes its sub-departments."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=Location.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When you send it to locations."),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("Choose a group"),
        help_text=_("When you send it to a group: the groups you are an admin of."),
    )
    include_flexible = forms.BooleanField(
        label=_("Send it to flexible workers too"),
        required=False,
        help_text=_("Without this, flexible and external workers do not receive it."),
    )
    must_read = forms.BooleanField(
        label=_("Must read"),
        required=False,
        help_text=_(
            "Marked as must-read and e-mailed at once. Every announcement stays at the top of "
            "its recipients' home page until they have read it."
        ),
    )
    requires_acknowledgement = forms.BooleanField(
        label=_("Ask for “I have read and understood”"),
        required=False,
        help_text=_(
            "Recipients confirm with a button; until they do it stays at the top of their home "
            "page. This makes it a must-read."
        ),
    )

    def __init__(
        self,
        *args: object,
        wide: bool,
        groups: QuerySet[Group],
        has_groups: bool,
        **kwargs: object,
    ) -> None:
        """`wide`: may send to the organisation, departments and locations; `groups`: the groups
        the author may send to (`has_groups`: there are any)."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        choices = [(value, label) for value, label in Audience.choices]
        if not has_groups:
            choices = [c for c in choices if c[0] != Audience.GROUP]
            del self.fields["group"]
        elif not wide:
            choices = [(Audience.GROUP.value, Audience.GROUP.label)]
            for name in ("departments", "locations", "include_flexible"):
                del self.fields[name]
            self.fields["include_flexible"] = forms.BooleanField(
                label=_("Send it to flexible workers in the group too"), required=False
            )
        audience_field = self.fields["audience"]
        assert isinstance(audience_field, forms.ChoiceField)
        audience_field.choices = choices
        audience_field.initial = choices[0][0]
