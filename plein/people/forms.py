from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from plein.core.models import Organisation, validate_brand_colour
from plein.people.models import GRANTED_ROLES, SPOKEN_LANGUAGES, Department, Location, Person


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A name, job title, team or skill"),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("All departments"),
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=_("All locations"),
    )
    skill = forms.CharField(label=_("Skill"), required=False, max_length=80)
    contract = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[("", _("Everyone")), *Person.ContractType.choices],
    )

    def __init__(
        self,
        *args: object,
        departments: list[Department],
        locations: list[Location],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # The choices are the lists the view already loaded: no extra queries when rendering.
        self.fields["department"].choices = [("", _("All departments"))] + [  # type: ignore[attr-defined]
            (d.pk, ("— " * d.depth) + d.name) for d in departments
        ]
        self.fields["location"].choices = [("", _("All locations"))] + [  # type: ignore[attr-defined]
            (loc.pk, loc.name) for loc in locations
        ]


class ProfileForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=format_lazy(
            _("A JPEG, PNG, WebP or GIF image of at most {mb} MB. We remove location data."),
            mb=settings.PLEIN_PHOTO_MAX_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    team = forms.CharField(label=_("Team"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Colleagues see this number. For example 06 12345678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    bio = forms.CharField(
        label=_("About me"),
        max_length=1000,
        required=False,
        help_text=_("What you work on and what colleagues can ask you about."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    skills = forms.CharField(
        label=_("Skills"),
        max_length=500,
        required=False,
        help_text=_("Separate skills with commas, for example: heat pumps, Excel, planning"),
    )
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        required=False,
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of Plein"),
        choices=settings.LANGUAGES,
    )

    def clean_skills(self) -> list[str]:
        raw = self.cleaned_data.get("skills") or ""
        names = [name.strip() for name in raw.split(",") if name.strip()]
        too_long = [name for name in names if len(name) > 80]
        if too_long:
            raise forms.ValidationError(_("A skill can be at most 80 characters long."))
        if len(names) > 30:
            raise forms.ValidationError(_("Enter at most 30 skills."))
        return names


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), help_text=_("The invitation is sent here."))
    first_name = forms.CharField(label=_("First name"), max_length=80)
    name_prefix = forms.CharField(
        label=_("Name prefix"), max_length=20, required=False, help_text=_("For example “van der”")
    )
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.all(), required=False
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        choices=Person.ContractType.choices,
        widget=forms.RadioSelect,
        initial=Person.ContractType.PERMANENT,
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        help_text=_("Required for flexible workers: their access ends after this day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("contract_type") == Person.ContractType.FLEXIBLE and not data.get("end_date"):
            self.add_error("end_date", _("A flexible worker needs an end date."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        choices=[(role.value, role.label) for role in GRANTED_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Employee or flexible worker follows from the contract."),
    )


class OrganisationForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG, JPEG or WebP image; it is shown at most 40 pixels high."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "brand_colour"]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}
        help_texts = {
            "brand_colour": _("Used for buttons and links; it must be dark enough to read."),
        }

    def clean_brand_colour(self) -> str:
        value = str(self.cleaned_data["brand_colour"]).lower()
        validate_brand_colour(value)
        return value
