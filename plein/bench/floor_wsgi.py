"""The floor page as a WSGI app: `granian --interface wsgi plein.bench.floor_wsgi:application`.

It serves the posts whose ids are in PLEIN_BENCH_FLOOR_IDS (comma-separated), whatever the path.
"""

import os
from collections.abc import Callable, Iterable
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plein.settings")
django.setup()

from plein.bench.floor import floor_page  # noqa: E402 - needs Django set up

IDS = [int(pk) for pk in os.environ.get("PLEIN_BENCH_FLOOR_IDS", "").split(",") if pk]


def application(
    environ: dict[str, Any], start_response: Callable[[str, list[tuple[str, str]]], object]
) -> Iterable[bytes]:
    body = floor_page(IDS).encode()
    start_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]
