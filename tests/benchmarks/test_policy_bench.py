"""`plein bench --suite policy` measures the gate with 200 database rules and leaves the
benchmark database's rules as they were."""

from types import SimpleNamespace

import pytest

from plein.bench import policy_bench
from plein.policy import active
from plein.policy.models import PolicyRule, RuleSetVersion
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_policy_suite_reports_the_gate_with_and_without_the_engine(employee):
    PersonFactory()
    run = SimpleNamespace(viewer=employee, args=SimpleNamespace(repeat=3), log=lambda line: None)
    result = policy_bench.measure(run)
    assert result["rules_in_force"] == 200
    assert result["length"] == 2000
    for key in ("gate_without_engine_ms", "gate_with_engine_ms", "engine_ms", "engine_cpu_ms"):
        assert result[key]["n"] == 20 and result[key]["p95"] > 0
    [wall, cpu] = result["targets"]
    assert wall["limit"] == cpu["limit"] == 2.0
    # Rolled back: the database's rules are as they were.
    assert not PolicyRule.objects.exists() and not RuleSetVersion.objects.exists()
    assert active.active_rule_set().rules == active.default_rule_set().rules
