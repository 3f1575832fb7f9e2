"""Domain events: how a lower app tells higher apps what happened without importing them.

Apps depend downwards only (people ← community ← the rest), yet search must index a new post and
notifications must tell the person mentioned in it. So the service that did the work *emits* an
event (a frozen dataclass defined next to it, e.g. `plein.community.events`) and the higher apps
subscribe to it in their `AppConfig.ready()`. This is not a model signal: nothing fires from
`save()`; an event is emitted by name, in the service, after the write it describes.

Handlers run synchronously, inside the emitting service's transaction, so an index write commits
or rolls back with the content. A handler that sends something (an e-mail, a task) must defer it
with `transaction.on_commit`. A failing handler fails the write: subscribers keep their work small.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

_handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)


def subscribe[E](event_type: type[E], handler: Callable[[E], None]) -> None:
    """Register `handler` for events of exactly `event_type`. Registering twice is a no-op."""
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def emit(event: object) -> None:
    for handler in tuple(_handlers.get(type(event), ())):
        handler(event)


def subscribers(event_type: type) -> tuple[Callable[[Any], None], ...]:
    return tuple(_handlers.get(event_type, ()))
