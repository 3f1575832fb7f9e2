"""The verdict and the table: each target of issue 3 item 9 against what was measured."""

from typing import Any

WRITERS = 4


def ratio(value: float | None, base: float | None) -> float | None:
    if not value or not base:
        return None
    return round(value / base, 2)


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def evaluate_targets(results: dict[str, Any], db: str) -> list[dict[str, Any]]:
    """Each target of issue 3 item 9 with the measured value; None when not measurable yet."""
    pg = db == "postgres"
    targets: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, *, at_least: bool = False) -> None:
        met = None if value is None else (value >= limit if at_least else value <= limit)
        targets.append(
            {
                "target": name,
                "value": None if value is None else round(value, 2),
                "limit": limit,
                "met": met,
            }
        )

    pages = results.get("pages", {})
    home = pages.get("home", {})
    add(
        "home feed: SQL queries per request <= 8 (beyond session and user loading)",
        home.get("app_queries"),
        8,
    )
    server_p95 = _get(results, "http", "home", "levels", "1", "server_ms", "p95")
    add(
        f"home feed: p95 with 1 client <= {40 if pg else 30} ms (server time)",
        server_p95 if server_p95 is not None else _get(home, "ms", "p95"),
        40 if pg else 30,
    )
    rps1 = _get(results, "http", "home", "levels", "1", "rps")
    rps4 = _get(results, "http", "home", "levels", "4", "rps")
    add(
        f"home feed: >= {100 if pg else 150} req/s with 4 clients",
        rps4,
        100 if pg else 150,
        at_least=True,
    )
    add(
        "home feed: 4-client throughput >= 2x 1-client",
        rps4 / rps1 if rps4 and rps1 else None,
        2.0,
        at_least=True,
    )
    stages = results.get("home_by_size") or []
    if len(stages) >= 2:
        first, last = stages[0], stages[-1]
        add(
            f"home feed: time at {last['posts']:,} posts <= 1.5x time at {first['posts']:,} (p50)",
            ratio(_get(last, "home", "ms", "p50"), _get(first, "home", "ms", "p50")),
            1.5,
        )
        add(
            f"home feed: same, each stage against its own floor (x floor at "
            f"{last['posts']:,} / x floor at {first['posts']:,})",
            ratio(
                ratio(_get(last, "home", "ms", "p50"), _get(last, "floor_ms", "p50")),
                ratio(_get(first, "home", "ms", "p50"), _get(first, "floor_ms", "p50")),
            ),
            1.5,
        )
        add(
            "home feed: 10th page <= 1.5x first page (p50, final size)",
            ratio(_get(last, "home_deep", "ms", "p50"), _get(last, "home", "ms", "p50")),
            1.5,
        )
    writers = _get(results, "http", "writers") or results.get("writers") or {}
    writer_p95 = _get(writers, "server_ms", "p95") or _get(writers, "latency_ms", "p95")
    add("post creation, 4 writers: p95 <= 50 ms", writer_p95, 50)
    add("post creation: 'database is locked' errors = 0", writers.get("locked_errors"), 0)
    actions = _get(results, "http", "actions") or {}
    react_p50 = _get(actions, "react", "server_ms", "p50") or _get(
        actions, "react_service", "ms", "p50"
    )
    if react_p50 is None:
        react_p50 = _get(results, "actions", "ms", "p50")
    add("reaction (htmx): p50 <= 5 ms", react_p50, 5)
    for name in ("bookmark", "new_count"):
        value = _get(actions, name, "server_ms", "p50")
        if value is not None:
            add(f"{name.replace('_', ' ')} (htmx): p50 <= 5 ms", value, 5)
    return targets


# --- Output ----------------------------------------------------------------------------------


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(results: dict[str, Any]) -> str:
    lines: list[str] = []
    counts = _get(results, "generation", "counts") or {}
    lines.append(
        f"Plein bench: {results['db']} ({_get(results, 'machine', 'database')}), size "
        f"{results['size']}: " + ", ".join(f"{value:,} {key}" for key, value in counts.items())
    )
    generation = results.get("generation", {})
    org = sum((generation.get("organisation_seconds") or {}).values())
    reused = " (reused data; the times of its generation)" if generation.get("reused") else ""
    lines.append(
        f"generation{reused}: people, groups, memberships and follows {_fmt(org)} s; "
        f"posts with comments and reactions {_fmt(generation.get('posts_total_seconds'))} s"
    )
    lines.append("")
    levels = [str(n) for n in _get(results, "http", "levels") or []]
    header = f"{'page':<24}{'mode':<8}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'x floor':>9}"
    header += "".join(f"{'rps@' + level:>9}" for level in levels)
    header += f"{'4/1':>6}{'x floor@4':>10}"
    lines.append(header)
    pages = results.get("pages", {})
    http = results.get("http", {})
    floor_p50 = _get(pages, "floor", "ms", "p50")
    for key, page in pages.items():
        label = "floor (raw SQL)" if key == "floor" else page.get("label", key)
        served = http.get(key, {})
        server_ms = _get(served, "levels", "1", "server_ms")
        ms = server_ms or page.get("ms") or {}
        mode = page.get("mode", "sql") if key != "floor" else "floor"
        if server_ms:
            mode = "server"
        queries = page.get("queries")
        if page.get("app_queries") is not None:
            queries = f"{page['app_queries']}+{queries - page['app_queries']}"
        row = f"{label[:23]:<24}{mode:<8}{_fmt(queries):>8}"
        row += f"{_fmt(ms.get('p50')):>9}{_fmt(ms.get('p95')):>9}"
        row += f"{_fmt(ratio(ms.get('p50'), floor_p50)):>9}"
        rps = {level: _get(served, "levels", level, "rps") for level in levels}
        row += "".join(f"{_fmt(rps[level], 0):>9}" for level in levels)
        row += f"{_fmt(ratio(rps.get('4'), rps.get('1'))):>6}"
        row += f"{_fmt(_get(served, 'levels', '4', 'x_floor')):>10}"
        lines.append(row)
    lines.append("")
    lines.append("where one request's time goes, in-process (ms: total = SQL + templates + rest):")
    for key, page in pages.items():
        split = page.get("split")
        if split:
            lines.append(
                f"  {page.get('label', key)[:23]:<24}{split['total_ms']:>8.1f} ="
                f"{split['sql_ms']:>7.1f} SQL +{split['render_ms']:>7.1f} templates +"
                f"{split['other_ms']:>7.1f} rest"
            )
    lines.append("")
    lines.append("home feed by size (in-process p50 / p95 ms, queries, 10th page p50, x floor):")
    for stage in results.get("home_by_size") or []:
        home = stage["home"]
        deep = stage["home_deep"]
        lines.append(
            f"  {stage['posts']:>10,} posts  {home.get('mode', '-'):<8}"
            f"{_fmt(_get(home, 'ms', 'p50')):>7} /{_fmt(_get(home, 'ms', 'p95')):>6} ms"
            f"  {_fmt(home.get('queries')):>3} q"
            f"  10th page {_fmt(_get(deep, 'ms', 'p50')):>6} ms"
            f"  floor {_fmt(_get(stage, 'floor_ms', 'p50'), 2):>5} ms"
            f"  x{_fmt(ratio(_get(home, 'ms', 'p50'), _get(stage, 'floor_ms', 'p50')))}"
        )
    writers = http.get("writers") or results.get("writers")
    if writers:
        ms = writers.get("server_ms") or writers.get("ms") or {}
        alone = _get(writers, "one_writer", "server_ms") or {}
        lines.append(
            f"post creation, {WRITERS} writers ({writers.get('mode')}): p50 {_fmt(ms.get('p50'))}"
            f" ms, p95 {_fmt(ms.get('p95'))} ms (1 writer: p50 {_fmt(alone.get('p50'))}, p95 "
            f"{_fmt(alone.get('p95'))}), 'database is locked': {writers.get('locked_errors')}, "
            f"errors: {len(writers.get('errors') or [])}"
        )
    actions = http.get("actions") or {}
    if results.get("actions"):
        actions = {"react_service": results["actions"]}
    for name, action in actions.items():
        ms = action.get("server_ms") or action.get("ms") or {}
        lines.append(
            f"{name} ({action.get('mode')}): p50 {_fmt(ms.get('p50'), 2)} ms, "
            f"p95 {_fmt(ms.get('p95'), 2)} ms"
        )
    for suite in ("search", "notifications", "policy", "careers"):
        # A suite prints its own short summary (plein.bench.search_bench, notify_bench, …).
        if results.get(suite, {}).get("lines"):
            lines.append("")
            lines.extend(results[suite]["lines"])
    lines.append("")
    lines.append("targets:")
    for target in results.get("targets", []):
        verdict = {True: "met   ", False: "MISSED", None: "n/a   "}[target["met"]]
        lines.append(f"  {verdict} {target['target']}: {_fmt(target['value'], 2)}")
    return "\n".join(lines)
