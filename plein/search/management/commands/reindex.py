from typing import Any

from django.core.management.base import BaseCommand

from plein.search.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the content (idempotent; search keeps working)."

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 1
        result = reindex(log=self.stdout.write if verbose else lambda line: None)
        counts = ", ".join(f"{kind}: {count:,}" for kind, count in result["counts"].items())
        self.stdout.write(f"Search index rebuilt in {result['seconds']} s ({counts}).")
