"""The policy capability: the posting codes as a rules engine, and (later) the social media
policy as a living document.

`plein.policy.engine` is pure Python (no database, no Django setup needed): the content gate
compiles a `RuleSet` once and calls `check(text, scope)` for every piece of user text.
"""
