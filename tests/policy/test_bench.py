"""The micro-benchmark of the rules engine runs and reports what the issue's target needs."""

from plein.policy.bench import measure, sample_rules, sample_text


def test_the_benchmark_text_and_rules_are_the_size_the_target_names():
    assert len(sample_text(2000)) == 2000
    rules = sample_rules(200)
    assert len(rules) == 200
    assert len({rule.id for rule in rules}) == 200


def test_measure_reports_p50_and_p95_per_scope():
    result = measure(rules=200, length=2000, repeat=20)
    assert result["rules"] == 200
    for scope in ("internal", "careers", "outbound"):
        timings = result[scope]
        assert 0 < timings["p50_ms"] <= timings["p95_ms"]
        assert timings["cpu_p95_ms"] > 0
