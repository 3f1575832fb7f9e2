"""Claiming rows one by one for idempotent background work (an e-mail, a delivery).

A row moves pending → sending by one conditional UPDATE before the work is done, so two
workers never act on the same row; a claim older than `stale_after` (its worker died in the
middle) goes back to pending and is taken again. The caller marks the row done; work that
fails inside `releasing` hands the row back to pending, so a later run retries it.

One `Claims` per kind of row says which columns hold its state:

    CLAIMS = Claims(Delivery, state="state", pending="pending", sending="sending",
                    claimed_at="claimed_at", stale_after=timedelta(minutes=15))
    for pk in CLAIMS.pending_ids():
        with CLAIMS.releasing(pk):
            send(...)
        Delivery.objects.filter(pk=pk).update(state="sent")
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class Claims:
    model: type[models.Model]
    state: str
    pending: str
    sending: str
    claimed_at: str
    stale_after: datetime.timedelta
    batch: int = 500

    def pending_ids(self) -> Iterator[int]:
        """The ids of the rows in `pending`, oldest first, each claimed before it is yielded;
        read `batch` at a time, so rows that become pending during the run are taken too. A
        row handed back by `releasing` waits for the next run (the run goes on past it, by
        id)."""
        manager = self.model._default_manager
        stale = timezone.now() - self.stale_after
        manager.filter(**{self.state: self.sending, f"{self.claimed_at}__lt": stale}).update(
            **{self.state: self.pending}
        )
        last = 0
        while True:
            ids = list(
                manager.filter(**{self.state: self.pending}, pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[: self.batch]
            )
            if not ids:
                return
            for pk in ids:
                claimed = manager.filter(pk=pk, **{self.state: self.pending}).update(
                    **{self.state: self.sending, self.claimed_at: timezone.now()}
                )
                if claimed:
                    yield pk
            last = ids[-1]

    def release(self, pk: int) -> None:
        """The work on a claimed row failed: back to pending for a later run."""
        self.model._default_manager.filter(pk=pk, **{self.state: self.sending}).update(
            **{self.state: self.pending}
        )

    @contextmanager
    def releasing(self, pk: int) -> Iterator[None]:
        """Work on a claimed row: if it raises, the row goes back to pending (and the error on)."""
        try:
            yield
        except BaseException:
            self.release(pk)
            raise
