"""The posting rules for community managers: the list, adding and editing a rule, enabling and
disabling, the audit log, and the test bench. Writes go through `services.rules`."""

from dataclasses import dataclass
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plein.people.models import Person
from plein.people.permissions import Perm, permission_required
from plein.policy import active
from plein.policy.engine import Rule, Scope
from plein.policy.findings import Finding
from plein.policy.forms import RuleForm, TestBenchForm
from plein.policy.labels import ACTION_LABELS, CATEGORY_LABELS, KIND_LABELS, SCOPE_LABELS
from plein.policy.models import PolicyRule, RuleChange
from plein.policy.services import rules as services

AUDIT_PAGE_SIZE = 50
FIELD_LABELS = {
    "kind": gettext_lazy("What it finds"),
    "action": gettext_lazy("Action"),
    "scopes": gettext_lazy("Where"),
    "enabled": gettext_lazy("Enabled"),
    "terms": gettext_lazy("Terms"),
    "default_terms": gettext_lazy("Shipped word list"),
    "categories": gettext_lazy("Categories"),
    "block": gettext_lazy("Blocked domains"),
    "allow": gettext_lazy("Allowed domains"),
    "suggestion": gettext_lazy("Suggestion"),
}


def _shown(value: object) -> str:
    """A value of a rule's snapshot as the audit log shows it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {text}" for key, text in value.items())
    return str(value)


def _viewer(request: HttpRequest) -> Person:
    return cast(Person, request.user)


def _add_errors(form: RuleForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@permission_required(Perm.MANAGE_POLICY)
def rule_list(request: HttpRequest) -> HttpResponse:
    version = services.ensure_rules_seeded(_viewer(request))
    rules = list(PolicyRule.objects.order_by("position", "pk"))
    rows = [
        {
            "rule": rule,
            "kind": KIND_LABELS.get(rule.kind, rule.kind),  # type: ignore[call-overload]
            "action": ACTION_LABELS.get(rule.action, rule.action),  # type: ignore[call-overload]
            "scopes": [SCOPE_LABELS[Scope(s)] for s in Scope if s.value in rule.scopes],
            "size": len(rule.terms) + len(rule.block_domains) + len(rule.allow_domains),
        }
        for rule in rules
    ]
    return render(request, "policy/rules/list.html", {"rows": rows, "version": version})


@permission_required(Perm.MANAGE_POLICY)
def rule_new(request: HttpRequest) -> HttpResponse:
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.add_rule(_viewer(request), form.cleaned_data["slug"], form.rule_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Rule “%(name)s” added.") % {"name": rule.slug})
            return redirect("policy:rules")
    return render(request, "policy/rules/edit.html", {"form": form, "rule": None})


@permission_required(Perm.MANAGE_POLICY)
def rule_edit(request: HttpRequest, slug: str) -> HttpResponse:
    rule = get_object_or_404(PolicyRule, slug=slug)
    initial = RuleForm.initial_from(services.data_of(rule))
    form = RuleForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_rule(_viewer(request), rule, form.rule_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Rule “%(name)s” saved.") % {"name": rule.slug})
            return redirect("policy:rules")
    return render(
        request,
        "policy/rules/edit.html",
        {"form": form, "rule": rule, "kind_label": KIND_LABELS.get(rule.kind)},  # type: ignore[call-overload]
    )


@require_POST
@permission_required(Perm.MANAGE_POLICY)
def rule_enabled(request: HttpRequest, slug: str) -> HttpResponse:
    rule = get_object_or_404(PolicyRule, slug=slug)
    enable = request.POST.get("enabled") == "1"
    try:
        services.set_rule_enabled(_viewer(request), rule, enable)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("Rule “%(name)s” enabled.") if enable else _("Rule “%(name)s” disabled.")
        messages.success(request, text % {"name": rule.slug})
    return redirect("policy:rules")


@permission_required(Perm.MANAGE_POLICY)
def audit_log(request: HttpRequest) -> HttpResponse:
    changes = RuleChange.objects.select_related("version", "actor").order_by("-created_at", "-pk")
    page = Paginator(changes, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        {
            "change": change,
            "fields": [
                (FIELD_LABELS.get(name, name), _shown(before), _shown(after))
                for name, before, after in (change.changed_fields() if change.before else [])
            ],
        }
        for change in page.object_list
    ]
    return render(request, "policy/rules/audit.html", {"page": page, "entries": entries})


@dataclass
class Segment:
    text: str
    action: str = ""
    number: int = 0  # the finding's number in the list below


@dataclass
class BenchRow:
    number: int
    finding: Finding
    kind: str
    rules: list[Rule]
    action: str
    suggestion: str
    category: str = ""


def _bench(text: str, scope: str) -> tuple[list[Segment], list[BenchRow], list[BenchRow]]:
    rule_set = active.active_rule_set()
    firing: list[BenchRow] = []
    quiet: list[BenchRow] = []
    for finding, rules in rule_set.inspect(text, scope):
        worst = max(rules, key=lambda rule: rule.action.severity) if rules else None
        row = BenchRow(
            number=0,
            finding=finding,
            kind=str(KIND_LABELS.get(finding.kind, finding.kind)),
            rules=rules,
            action=worst.action.value if worst else "",
            suggestion=str(worst.suggestion_for(finding)) if worst else "",
            category=str(CATEGORY_LABELS.get(finding.category or "", "")),
        )
        (firing if rules else quiet).append(row)
    segments: list[Segment] = []
    position = 0
    for number, row in enumerate(firing, start=1):
        row.number = number
        start, end = row.finding.start, row.finding.end
        if start < position:  # overlaps the previous highlight: listed, not highlighted again
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], row.action, number))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments, firing, quiet


@permission_required(Perm.MANAGE_POLICY)
def test_bench(request: HttpRequest) -> HttpResponse:
    form = TestBenchForm(request.POST or None)
    context: dict[str, object] = {"form": form, "tested": False}
    if request.method == "POST" and form.is_valid():
        segments, firing, quiet = _bench(form.cleaned_data["text"], form.cleaned_data["scope"])
        context.update(
            tested=True,
            segments=segments,
            firing=firing,
            quiet=quiet,
            scope_label=SCOPE_LABELS[Scope(form.cleaned_data["scope"])],
            action_labels={a.value: label for a, label in ACTION_LABELS.items()},
        )
    template = "policy/rules/bench.html"
    if getattr(request, "htmx", False):
        template += "#results"
    return render(request, template, context)
