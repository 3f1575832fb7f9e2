import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plein.policy.detectors.link_domain import normalise_domain
from plein.policy.engine import Scope
from plein.policy.labels import ACTION_LABELS, CATEGORY_LABELS, KIND_LABELS, SCOPE_LABELS
from plein.policy.models import PolicyVersion
from plein.policy.services.rules import RuleData

DOMAIN = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$"
)
MAX_TERMS = 2000
RESERVED_SLUGS = {"new", "audit", "test"}


def _lines(value: str) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in value.splitlines() if line.strip()))


class RuleForm(forms.Form):
    slug = forms.SlugField(
        label=_("Name"),
        max_length=60,
        help_text=_("Letters, digits and hyphens, for example confidential-projects."),
    )
    kind = forms.ChoiceField(label=_("What it finds"), choices=list(KIND_LABELS.items()))
    action = forms.ChoiceField(
        label=_("Action"), choices=list(ACTION_LABELS.items()), widget=forms.RadioSelect
    )
    scopes = forms.MultipleChoiceField(
        label=_("Where it applies"),
        choices=list(SCOPE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    terms = forms.CharField(
        label=_("Terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line. A word also matches its inflections; kanker* matches every word that "
            "starts with it; =word matches only as written. For confidential terms and blocked "
            "words."
        ),
    )
    include_shipped_terms = forms.BooleanField(
        label=_("Also the word list that comes with Plein (blocked words)"), required=False
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories (special categories; none chosen: all)"),
        choices=list(CATEGORY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    block_domains = forms.CharField(
        label=_("Blocked domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, for example bit.ly. Subdomains are included."),
    )
    allow_domains = forms.CharField(
        label=_("Allowed domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. When you give any, links to every other domain are caught."),
    )
    suggestion_nl = forms.CharField(
        label=_("Suggestion to the author (Dutch)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty for Plein's standard suggestion."),
    )
    suggestion_en = forms.CharField(
        label=_("Suggestion to the author (English)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    enabled = forms.BooleanField(label=_("Enabled"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            del self.fields["slug"]
            self.fields["kind"].disabled = True

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"]).lower()
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("Choose another name: this one is taken by a page."))
        return slug

    def clean_terms(self) -> list[str]:
        terms = _lines(self.cleaned_data.get("terms", ""))
        if len(terms) > MAX_TERMS:
            raise ValidationError(_("At most %(max)d terms per rule.") % {"max": MAX_TERMS})
        too_long = [term for term in terms if len(term) > 100]
        if too_long:
            raise ValidationError(
                _("A term can be at most 100 characters: “%(term)s…”.") % {"term": too_long[0][:40]}
            )
        return terms

    def _domains(self, name: str) -> list[str]:
        found = []
        for line in _lines(self.cleaned_data.get(name, "")):
            domain = normalise_domain(line)
            try:
                domain = domain.encode("idna").decode("ascii")
            except UnicodeError:
                domain = ""
            if not DOMAIN.match(domain):
                raise ValidationError(
                    _("“%(line)s” is not a domain name (like example.com).") % {"line": line[:80]}
                )
            found.append(domain)
        return found

    def clean_block_domains(self) -> list[str]:
        return self._domains("block_domains")

    def clean_allow_domains(self) -> list[str]:
        return self._domains("allow_domains")

    def rule_data(self) -> RuleData:
        data = self.cleaned_data
        return RuleData(
            kind=data["kind"],
            action=data["action"],
            scopes=[scope.value for scope in Scope if scope.value in data["scopes"]],
            terms=data["terms"],
            include_shipped_terms=data["include_shipped_terms"],
            categories=data["categories"],
            block_domains=data["block_domains"],
            allow_domains=data["allow_domains"],
            suggestion_nl=data["suggestion_nl"],
            suggestion_en=data["suggestion_en"],
            enabled=data["enabled"],
        )

    @staticmethod
    def initial_from(data: RuleData) -> dict[str, Any]:
        return {
            "kind": data.kind,
            "action": data.action,
            "scopes": data.scopes,
            "terms": "\n".join(data.terms),
            "include_shipped_terms": data.include_shipped_terms,
            "categories": data.categories,
            "block_domains": "\n".join(data.block_domains),
            "allow_domains": "\n".join(data.allow_domains),
            "suggestion_nl": data.suggestion_nl,
            "suggestion_en": data.suggestion_en,
            "enabled": data.enabled,
        }


class TestBenchForm(forms.Form):
    text = forms.CharField(
        label=_("Text to test"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    scope = forms.ChoiceField(
        label=_("Where it would appear"), choices=list(SCOPE_LABELS.items()), initial=Scope.INTERNAL
    )


class PolicyDraftForm(forms.ModelForm[PolicyVersion]):
    class Meta:
        model = PolicyVersion
        fields = [
            "title_nl",
            "title_en",
            "introduction_nl",
            "introduction_en",
            "corporate_accounts_nl",
            "corporate_accounts_en",
            "private_accounts_nl",
            "private_accounts_en",
            "encouragement_nl",
            "encouragement_en",
            "video_url",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 8})
            for name in fields
            if name not in ("title_nl", "title_en", "video_url")
        }
        help_texts = {
            "introduction_nl": _("Markdown: **bold**, *italic*, lists, links."),
            "video_url": _(
                "A link starting with https:// (YouTube, Vimeo or your own site). Readers load "
                "it only when they click."
            ),
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("PDF file"))
