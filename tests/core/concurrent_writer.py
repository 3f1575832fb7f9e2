"""One writer process for tests/core/test_concurrency.py, and the helpers that let any child
process (a writer, `plein worker`) open the database of the running test.

A writer is started as

    python -m tests.core.concurrent_writer --writer 3 --creates 100 --by 42 --out result.json

with DATABASE_URL pointing at the test database. It sets Django up, opens its connection, prints
"ready" and waits for one line on stdin: the start signal the test sends to all writers at once.
Then it creates people and updates their profiles through the service layer, and writes every
acknowledged write, every error and every write's latency to the --out file as JSON.
"""

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict[str, Any]) -> str:
    """A DATABASE_URL for the database described by `settings_dict`.

    Pass the test connection's `connection.settings_dict`: once pytest-django has created the
    test database, its NAME is the test database itself, with the xdist suffix (`_gw0`) when
    there is one.
    """
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine == "django.db.backends.sqlite3":
        path = Path(name)
        if name == ":memory:" or "mode=memory" in name or not path.is_absolute():
            raise RuntimeError(f"another process cannot open this SQLite database: {name!r}")
        return f"sqlite:///{path}"
    if engine == "django.db.backends.postgresql":
        user = quote(str(settings_dict.get("USER") or ""), safe="")
        password = quote(str(settings_dict.get("PASSWORD") or ""), safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "localhost"
        port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(name, safe='')}"
    raise RuntimeError(f"no DATABASE_URL for engine {engine}")


def child_environment(settings_dict: dict[str, Any], **extra: str) -> dict[str, str]:
    """The environment for a child process that must see what the test sees: the same database,
    data folder, secret key and base URL, and nothing inherited that would send mail elsewhere."""
    from django.conf import settings

    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PLEIN_EMAIL_BACKEND",
            "PYTEST_XDIST_WORKER",
            "PYTEST_CURRENT_TEST",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="plein.settings",
        DATABASE_URL=database_url(settings_dict),
        PLEIN_DATA_DIR=str(settings.DATA_DIR),
        PLEIN_SECRET_KEY=settings.SECRET_KEY,
        PLEIN_BASE_URL=settings.BASE_URL,
        PLEIN_DEBUG="0",
        PYTHONPATH=os.pathsep.join([str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    )
    env.update(extra)
    return env


def _run(writer: int, creates: int, by_pk: int) -> dict[str, Any]:
    from django.db import connection

    from plein.people.models import Person
    from plein.people.services.persons import create_person, update_own_profile

    hr = Person.objects.get(pk=by_pk)
    connection.ensure_connection()
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return {"writer": writer, "aborted": True}

    created: list[dict[str, Any]] = []
    updated: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    latencies: list[float] = []
    started = time.monotonic()
    for n in range(creates):
        email = f"w{writer}-{n}@example.nl"
        before = time.monotonic()
        try:
            person = create_person(
                email=email,
                first_name="Writer",
                last_name=f"{writer}-{n}",
                by=hr,
                status=Person.Status.ACTIVE,
            )
        except Exception as error:
            errors.append({"write": f"create {email}", "error": _describe(error)})
            continue
        latencies.append(time.monotonic() - before)
        created.append({"email": email, "pk": person.pk})

        bio = f"Writer {writer}, write {n}: heat pumps and planning."
        before = time.monotonic()
        try:
            update_own_profile(person, by=person, bio=bio)
        except Exception as error:
            errors.append({"write": f"update {email}", "error": _describe(error)})
            continue
        latencies.append(time.monotonic() - before)
        updated.append({"pk": person.pk, "bio": bio})
    finished = time.monotonic()
    connection.close()
    return {
        "writer": writer,
        "started": started,
        "finished": finished,
        "created": created,
        "updated": updated,
        "errors": errors,
        "latencies": latencies,
    }


def _describe(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(error)).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", type=int, required=True)
    parser.add_argument("--creates", type=int, required=True)
    parser.add_argument("--by", type=int, required=True, help="pk of the HR person who creates")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plein.settings")
    import django

    django.setup()
    result = _run(args.writer, args.creates, args.by)
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
