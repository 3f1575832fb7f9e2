"""The rules in force live in the database: seeded from the defaults, every change a new version
with an audit entry, and the gate's `active_rule_set()` follows the current version cheaply."""

import io
import json
import sys

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from plein.cli import main
from plein.policy import active
from plein.policy.engine import Action, default_rule_set, default_rules
from plein.policy.models import PolicyRule, RuleChange, RuleSetVersion
from plein.policy.services import rules as services

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

SECRET = "Volgende week start Project Noordster bij de klant."


@pytest.fixture(autouse=True)
def fresh_process_state():
    active.forget()
    yield
    active.forget()


def confidential_terms(by, *terms: str, **changes) -> PolicyRule:
    rule = PolicyRule.objects.get(slug="confidential-terms")
    data = services.data_of(rule)
    data.terms, data.enabled = list(terms), True
    for name, value in changes.items():
        setattr(data, name, value)
    return services.change_rule(by, rule, data)


def test_without_rules_in_the_database_the_defaults_are_in_force():
    assert active.active_rule_set() is default_rule_set()
    assert not RuleSetVersion.objects.exists()


def test_seeding_copies_the_default_rules_and_records_it(community_manager):
    version = services.ensure_rules_seeded(community_manager)
    assert version.number == 1
    slugs = list(PolicyRule.objects.values_list("slug", flat=True))
    assert slugs == [rule.id for rule in default_rules()]
    # The organisation's own list is empty until someone fills it in: waiting, disabled.
    assert not PolicyRule.objects.get(slug="confidential-terms").enabled
    assert PolicyRule.objects.get(slug="blocked-words-public").include_shipped_terms
    assert RuleChange.objects.get().change == RuleChange.Change.SEEDED
    # Seeding twice changes nothing.
    assert services.ensure_rules_seeded(community_manager) == version
    in_force = {rule.id for rule in active.active_rule_set().rules}
    assert in_force == {rule.id for rule in default_rules()} - {"confidential-terms"}


def test_the_seeded_rules_find_what_the_defaults_find(community_manager):
    services.ensure_rules_seeded(community_manager)
    text = "BSN 123456782, bel 06-12345678, wat een klootzak, zie https://bit.ly/abc"
    for scope in ("internal", "careers", "outbound"):
        expected = [(m.rule.id, m.finding.value) for m in default_rule_set().check(text, scope)]
        found = [(m.rule.id, m.finding.value) for m in active.active_rule_set().check(text, scope)]
        assert found == expected


def test_a_change_is_a_new_version_with_who_when_before_and_after(
    community_manager, django_capture_on_commit_callbacks
):
    services.ensure_rules_seeded(community_manager)
    assert not active.active_rule_set().check(SECRET, "outbound")
    with django_capture_on_commit_callbacks(execute=True):
        confidential_terms(community_manager, "Project Noordster")
    version = RuleSetVersion.objects.order_by("-number").first()
    assert version.number == 2
    assert version.created_by == community_manager
    change = RuleChange.objects.order_by("-pk").first()
    assert (change.rule_slug, change.change) == ("confidential-terms", RuleChange.Change.CHANGED)
    assert change.actor == community_manager
    assert change.actor_name == community_manager.full_name
    assert change.before["terms"] == [] and change.before["enabled"] is False
    assert change.after["terms"] == ["Project Noordster"] and change.after["enabled"] is True
    assert ("terms", [], ["Project Noordster"]) in change.changed_fields()
    [match] = active.active_rule_set().check(SECRET, "outbound")
    assert (match.rule.id, match.action) == ("confidential-terms", Action.BLOCK)
    # Internally the rule does not apply (its scopes are the public ones).
    assert not active.active_rule_set().check(SECRET, "internal")


def test_saving_without_a_change_writes_no_version(community_manager):
    services.ensure_rules_seeded(community_manager)
    rule = PolicyRule.objects.get(slug="phone")
    services.change_rule(community_manager, rule, services.data_of(rule))
    assert RuleSetVersion.objects.count() == 1


def test_the_audit_log_is_append_only(community_manager):
    services.ensure_rules_seeded(community_manager)
    entry = RuleChange.objects.get()
    entry.actor_name = "someone else"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_bad_input_changes_nothing(community_manager):
    services.ensure_rules_seeded(community_manager)
    rule = PolicyRule.objects.get(slug="confidential-terms")
    data = services.data_of(rule)
    data.enabled = True  # but no terms
    with pytest.raises(ValidationError) as error:
        services.change_rule(community_manager, rule, data)
    assert "terms" in error.value.message_dict
    data = services.data_of(PolicyRule.objects.get(slug="phone"))
    data.scopes = []
    with pytest.raises(ValidationError):
        services.change_rule(community_manager, PolicyRule.objects.get(slug="phone"), data)
    assert RuleSetVersion.objects.count() == 1
    assert RuleChange.objects.count() == 1
    assert not PolicyRule.objects.get(slug="confidential-terms").enabled


def test_an_employee_cannot_change_the_rules(employee, community_manager):
    services.ensure_rules_seeded(community_manager)
    rule = PolicyRule.objects.get(slug="phone")
    with pytest.raises(PermissionDenied):
        services.set_rule_enabled(employee, rule, False)
    assert PolicyRule.objects.get(slug="phone").enabled


def test_disabling_and_adding_rules(community_manager, django_capture_on_commit_callbacks):
    services.ensure_rules_seeded(community_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_rule_enabled(community_manager, PolicyRule.objects.get(slug="bsn"), False)
        services.add_rule(
            community_manager,
            "eigen-woorden",
            services.RuleData(
                kind="blocked_word",
                action="hold",
                scopes=["internal"],
                terms=["beunhaas"],
                suggestion_nl="Zo praten we niet over vakgenoten.",
                suggestion_en="That is not how we talk about fellow tradespeople.",
            ),
        )
    rule_set = active.active_rule_set()
    assert "bsn" not in {rule.id for rule in rule_set.rules}
    [match] = rule_set.check("Wat een beunhazen!", "internal")
    assert match.rule.id == "eigen-woorden"
    assert str(match.suggestion) == "Zo praten we niet over vakgenoten."
    changes = list(RuleChange.objects.order_by("pk").values_list("change", "rule_slug"))
    assert changes[1:] == [("disabled", "bsn"), ("created", "eigen-woorden")]
    with pytest.raises(ValidationError):
        services.add_rule(
            community_manager,
            "eigen-woorden",
            services.RuleData(kind="bsn", action="warn", scopes=["internal"]),
        )


def test_the_compiled_rules_are_kept_until_the_version_changes(
    community_manager, django_assert_max_num_queries, monkeypatch
):
    services.ensure_rules_seeded(community_manager)
    first = active.active_rule_set()
    with django_assert_max_num_queries(1):  # the version in the cache, nothing more
        assert active.active_rule_set() is first
    monkeypatch.setattr(active, "RECHECK_SECONDS", 60.0)
    with django_assert_max_num_queries(0):
        assert active.active_rule_set() is first


def test_another_process_sees_a_change_through_the_cache(community_manager):
    services.ensure_rules_seeded(community_manager)
    before = active.active_rule_set()
    # Another process changed the rules: the cache names its version; this process has the
    # old rules compiled and has not been told.
    confidential_terms(community_manager, "Project Noordster")
    token = RuleSetVersion.objects.order_by("-number").first().token
    active._compiled = active._Compiled("old", before, 0.0)
    assert cache.get(active.CACHE_KEY) == token
    assert active.active_rule_set().check(SECRET, "outbound")


def test_a_cache_that_names_an_unknown_version_falls_back_to_the_database(community_manager):
    services.ensure_rules_seeded(community_manager)
    confidential_terms(community_manager, "Project Noordster")
    cache.set(active.CACHE_KEY, "gone-after-a-rollback", timeout=None)
    active.forget()
    assert active.active_rule_set().check(SECRET, "outbound")
    assert cache.get(active.CACHE_KEY) == RuleSetVersion.objects.order_by("-number")[0].token
    cache.delete(active.CACHE_KEY)
    active.forget()
    assert active.active_rule_set().check(SECRET, "outbound")


def run_check(monkeypatch, capsys, stdin: str, *args: str) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["policy", "check", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_policy_check_uses_the_database_rules(community_manager, monkeypatch, capsys):
    services.ensure_rules_seeded(community_manager)
    confidential_terms(community_manager, "Project Noordster")
    found = run_check(
        monkeypatch, capsys, SECRET, "--rules-from-db", "--scope", "outbound", "--matches-only"
    )
    assert [(r["rule"], r["action"]) for r in found] == [("confidential-terms", "block")]
    # The defaults on request: the organisation's terms are not in them.
    assert not run_check(
        monkeypatch, capsys, SECRET, "--default-rules", "--scope", "outbound", "--matches-only"
    )
    # And by default when a database is set up.
    monkeypatch.setenv("DATABASE_URL", "set")
    found = run_check(monkeypatch, capsys, SECRET, "--scope", "outbound", "--matches-only")
    assert [r["rule"] for r in found] == ["confidential-terms"]


def test_policy_check_flags_exclude_each_other(capsys):
    with pytest.raises(SystemExit):
        main(["policy", "check", "--rules-from-db", "--default-rules"])
    assert "not allowed with" in capsys.readouterr().err
