"""Claiming rows one by one for idempotent background work (an e-mail, a delivery).

A row moves pending → sending by one conditional UPDATE before the work is done, so two
workers never act on the same row; a claim older than `stale_after` (its worker died in the
middle) goes back to pending and is taken again. The caller marks the row done, or calls
`release` when the work failed so a later run retries it.
"""

import datetime
from collections.abc import Iterator

from django.db import models
from django.utils import timezone


def claim_pending(
    model: type[models.Model],
    *,
    state: str,
    pending: str,
    sending: str,
    claimed_at: str,
    stale_after: datetime.timedelta,
    batch: int = 500,
) -> Iterator[int]:
    """The ids of the rows in `pending`, oldest first, each claimed before it is yielded; read
    `batch` at a time, so rows that become pending during the run are taken too. A row handed
    back with `release` waits for the next run (the run goes on past it, by id)."""
    manager = model._default_manager
    manager.filter(**{state: sending, f"{claimed_at}__lt": timezone.now() - stale_after}).update(
        **{state: pending}
    )
    last = 0
    while True:
        ids = list(
            manager.filter(**{state: pending}, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return
        for pk in ids:
            claimed = manager.filter(pk=pk, **{state: pending}).update(
                **{state: sending, claimed_at: timezone.now()}
            )
            if claimed:
                yield pk
        last = ids[-1]


def release(model: type[models.Model], pk: int, *, state: str, pending: str, sending: str) -> None:
    """The work on a claimed row failed: back to pending for a later run."""
    model._default_manager.filter(pk=pk, **{state: sending}).update(**{state: pending})
