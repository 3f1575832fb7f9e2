"""The rules in force: what the content gate checks every text against.

`active_rule_set()` is the one place the gate asks. It returns the compiled `RuleSet` of the
current `RuleSetVersion` (the defaults as compiled in code while the database holds none),
compiled once per process and again only when the version changes.

How a process notices a change, cheaply (the gate's budget is 2 ms per text, all in):
- every change ends, after its commit, with `announce(token)`: the new version's token goes
  into Django's cache (Redis at scale, the database cache table when embedded), shared by
  every web and worker process, and this process forgets its compiled rules at once;
- every other process reads that one cache key at most once per `RECHECK_SECONDS` (1 s), so a
  change is in force everywhere within about a second, and a text costs one dictionary lookup
  the rest of the time; on a cache miss (a cleared cache, a new Redis) the database says which
  version is current, and the cache is filled again.
Compiling (tens of milliseconds for 200 rules) happens under a lock, once per version.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from plein.policy.engine import RuleSet, default_rule_set

CACHE_KEY = "policy:rules-version"
DEFAULTS = "defaults"  # the token while the database holds no version
# Tests roll the database back between them: there every call looks (one cache read).
RECHECK_SECONDS = 0.0 if getattr(settings, "TESTING", False) else 1.0


@dataclass(frozen=True)
class _Compiled:
    token: str
    rule_set: RuleSet
    checked_at: float


_compiled: _Compiled | None = None
_lock = threading.Lock()


def active_rule_set() -> RuleSet:
    global _compiled
    compiled = _compiled
    now = time.monotonic()
    if compiled is not None and now - compiled.checked_at < RECHECK_SECONDS:
        return compiled.rule_set
    token = current_token()
    if compiled is not None and compiled.token == token:
        _compiled = _Compiled(token, compiled.rule_set, now)
        return compiled.rule_set
    with _lock:
        compiled = _compiled
        if compiled is None or compiled.token != token:
            token, rule_set = _compile(token)
            compiled = _Compiled(token, rule_set, now)
            _compiled = compiled
        return compiled.rule_set


def current_token() -> str:
    token = cache.get(CACHE_KEY)
    if isinstance(token, str):
        return token
    return _token_from_database()


def _token_from_database() -> str:
    from plein.policy.models import RuleSetVersion

    token = RuleSetVersion.objects.order_by("-number").values_list("token", flat=True).first()
    token = token or DEFAULTS
    cache.set(CACHE_KEY, token, timeout=None)
    return token


def _compile(token: str) -> tuple[str, RuleSet]:
    from plein.policy.models import RuleSetVersion
    from plein.policy.rules_file import rule_set_from_data

    if token == DEFAULTS:
        return token, default_rule_set()
    rules = RuleSetVersion.objects.filter(token=token).values_list("rules", flat=True).first()
    if rules is None:
        # The cache names a version the database does not hold (a rolled-back change, a
        # restored backup): the database decides.
        token = _token_from_database()
        if token == DEFAULTS:
            return token, default_rule_set()
        rules = RuleSetVersion.objects.filter(token=token).values_list("rules", flat=True).first()
    return token, rule_set_from_data({"replace_defaults": True, "rules": rules or []})


def announce(token: str) -> None:
    """After a commit that made `token` the current version: tell every process."""
    global _compiled
    cache.set(CACHE_KEY, token, timeout=None)
    _compiled = None


def forget() -> None:
    """This process compiles again on its next call (tests, a restored backup)."""
    global _compiled
    _compiled = None
