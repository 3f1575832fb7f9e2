import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plein.careers.models import ContractType, Vacancy, Workplace
from plein.careers.services.vacancies import EDITABLE_FIELDS
from plein.people.models import Department, Location, Person
from plein.people.roles import Role

# Buckets for the hours filter: a vacancy matches when its range overlaps the bucket.
HOURS_BUCKETS: dict[str, tuple[int, int, Any]] = {
    "upto24": (1, 24, _("Up to 24 hours")),
    "24to32": (24, 32, _("24 to 32 hours")),
    "32plus": (32, 60, _("32 hours or more")),
}


class VacancyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search vacancies"),
        required=False,
        max_length=100,
        help_text=_("A job title or a word from the description, for example “monteur”"),
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int)
    location = forms.TypedChoiceField(label=_("Location"), required=False, coerce=int)
    hours = forms.ChoiceField(
        label=_("Hours per week"),
        required=False,
        choices=[("", _("Any number of hours"))]
        + [(key, label) for key, (_low, _high, label) in HOURS_BUCKETS.items()],
    )
    contract = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[("", _("Every contract")), *ContractType.choices],
    )
    workplace = forms.ChoiceField(
        label=_("Remote work"),
        required=False,
        choices=[
            ("", _("On site, hybrid or remote")),
            ("flexible", _("Hybrid or remote")),
            (Workplace.REMOTE, _("Fully remote")),
            (Workplace.ON_SITE, _("On site only")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        departments: list[Department],
        locations: list[Location],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The choices come from lists the view loaded: rendering costs no queries.
        self.fields["department"].choices = [("", _("All departments"))] + [  # type: ignore[attr-defined]
            (d.pk, d.name) for d in departments
        ]
        self.fields["location"].choices = [("", _("All locations"))] + [  # type: ignore[attr-defined]
            (loc.pk, loc.city or loc.name) for loc in locations
        ]

    @property
    def narrowing(self) -> int:
        """How many filters beyond the search narrow the list (for the disclosure's label)."""
        if not self.is_valid():
            return 0
        return sum(
            1
            for name in ("department", "location", "hours", "contract", "workplace")
            if self.cleaned_data.get(name) not in (None, "")
        )


def _people_with_role(role: Role, current: Person | None) -> Any:
    having = Person.objects.members().filter(granted_roles__role=role.value)
    if current is not None:
        having = having | Person.objects.filter(pk=current.pk)
    return having.distinct().order_by("first_name", "last_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person: Person = obj
        return f"{person.full_name} ({person.job_title})" if person.job_title else person.full_name


class VacancyForm(forms.ModelForm):
    recruiter = PersonChoiceField(queryset=Person.objects.none(), label=_("Recruiter"))
    hiring_manager = PersonChoiceField(queryset=Person.objects.none(), label=_("Hiring manager"))

    class Meta:
        model = Vacancy
        fields = EDITABLE_FIELDS
        widgets = {
            "publish_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_nl": forms.Textarea(attrs={"rows": 14}),
            "description_en": forms.Textarea(attrs={"rows": 14}),
            "workplace": forms.RadioSelect,
            "salary_period": forms.RadioSelect,
            "hours_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 60}),
            "hours_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 60}),
            "salary_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "salary_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }
        help_texts = {
            "title_en": _(
                "Leave the English version empty to show the Dutch text on the English site."
            ),
            "location": _("Where the work is based. Not needed for fully remote work."),
            "salary_min": _(
                "Required: the EU pay transparency directive asks every vacancy to state its "
                "pay range. Whole euros, gross."
            ),
            "recruiter": _("Candidates' questions and applications go to the recruiter."),
        }
        error_messages = {
            "salary_min": {
                "required": _(
                    "Enter the lowest salary of the range: every vacancy states its pay "
                    "(EU pay transparency directive)."
                )
            },
            "salary_max": {
                "required": _(
                    "Enter the highest salary of the range: every vacancy states its pay "
                    "(EU pay transparency directive)."
                )
            },
            "title_nl": {"required": _("Enter the title of the vacancy in Dutch.")},
            "description_nl": {"required": _("Describe the job in Dutch.")},
            "hours_min": {"required": _("Enter the minimum number of hours per week.")},
            "hours_max": {"required": _("Enter the maximum number of hours per week.")},
            "publish_on": {"required": _("Enter the date from which the vacancy is visible.")},
            "closes_on": {"required": _("Enter the last day on which people can apply.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance: Vacancy = self.instance
        self.fields["recruiter"].queryset = _people_with_role(  # type: ignore[attr-defined]
            Role.HR, instance.recruiter if instance.recruiter_id else None
        )
        self.fields["hiring_manager"].queryset = _people_with_role(  # type: ignore[attr-defined]
            Role.MANAGER, instance.hiring_manager if instance.hiring_manager_id else None
        )
        self.fields["department"].queryset = Department.objects.order_by("path")  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.exclude(  # type: ignore[attr-defined]
            Q(city="") & ~Q(pk=instance.location_id or 0)
        ).order_by("name")
        self.fields["location"].empty_label = _("No location (remote)")  # type: ignore[attr-defined]
        self.fields["department"].empty_label = _("Choose a department")  # type: ignore[attr-defined]

    def cleaned_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}


class ReopenForm(forms.Form):
    closes_on = forms.DateField(
        label=_("New closing date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the new last day on which people can apply.")},
    )


class EmployerStoryForm(forms.Form):
    intro_nl = forms.CharField(
        label=_("Introduction (Dutch)"),
        max_length=300,
        help_text=_("One or two sentences at the top of the careers site."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body_nl = forms.CharField(
        label=_("Who we are (Dutch)"),
        help_text=_("Markdown: **bold**, *italic*, lists with - and links."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    intro_en = forms.CharField(
        label=_("Introduction (English)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body_en = forms.CharField(
        label=_("Who we are (English)"),
        required=False,
        help_text=_("Leave empty to show the Dutch story on the English site."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class VideoForm(forms.Form):
    url = forms.URLField(
        label=_("Link to the video"),
        max_length=300,
        help_text=_("A YouTube or Vimeo link."),
        assume_scheme="https",
    )
    title_nl = forms.CharField(
        label=_("Title (Dutch)"),
        max_length=120,
        help_text=_("Says what the video shows, for people who cannot see it."),
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=120, required=False)


class StoryRequestForm(forms.Form):
    post = forms.CharField(
        label=_("Link to the post"),
        max_length=300,
        help_text=_("Paste the address of the post, or its number."),
    )

    def clean_post(self) -> int:
        value = self.cleaned_data["post"].strip()
        match = re.search(r"/posts/(\d{1,12})(?:/|$|\?|#)", value) or re.fullmatch(
            r"(\d{1,12})", value
        )
        if not match:
            raise forms.ValidationError(
                _("This is not a link to a post. Open the post and copy the address bar.")
            )
        return int(match[1])
