"""`plein`: the one command-line entry point.

    plein up             set up and run everything embedded (web + worker), Ctrl-C stops both
    plein serve          the web server only
    plein worker         the task worker only
    plein demo           load or reset the demo organisation
    plein import-people  import people from an HR export (CSV)
    plein check          refuse an unsafe production configuration
    plein bench          the benchmark harness (large organisation, floor, targets)
    plein policy check   run the posting codes over texts from standard input (JSON lines out)
    plein reindex        rebuild the search index
    plein manage ...     any Django management command

Errors are printed as one line, and the exit code is not zero.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path


class CliError(Exception):
    pass


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plein.settings")
    import django

    django.setup()


def _call(name: str, *args: str, **options: object) -> None:
    from django.core.management import call_command

    call_command(name, *args, **options)


def prepare(*, load_demo: bool = True, quiet: bool = False, static: bool = True) -> bool:
    """Migrate, create the cache table, collect static files, load the demo when the database is
    empty. Returns whether the demo was loaded now."""
    _setup_django()
    verbosity = 0 if quiet else 1
    _call("migrate", interactive=False, verbosity=verbosity)
    _call("createcachetable", verbosity=0)
    from django.conf import settings

    if static and not settings.DEBUG:
        _call("collectstatic", interactive=False, verbosity=0)
    from plein.people.models import Person

    if load_demo and not Person.objects.exists():
        from plein.community.demo import load_community_demo
        from plein.people.demo import load_demo as load

        print("Loading the demo organisation…", flush=True)
        load(size="small")
        load_community_demo(size="small")
        load_content_demos()
        return True
    return False


# Each app above the community adds its demo content through its own services, in this order
# (articles and questions before announcements and polls; notifications last, about all of it).
CONTENT_DEMOS = (
    "plein.articles.demo",
    "plein.questions.demo",
    "plein.announcements.demo",
    "plein.polls.demo",
    "plein.careers.demo",
    "plein.notifications.demo",
    "plein.policy.demo",
)


def load_content_demos() -> list[str]:
    """The demo's articles, questions, announcements, polls, vacancies and notifications, then
    a fresh search index (the community demo writes its posts in bulk). One summary per app."""
    import importlib

    summaries = [importlib.import_module(name).load_demo() for name in CONTENT_DEMOS]
    _call("reindex", verbosity=0)
    return summaries


def serve_command(port: int, host: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        os.environ.get("PLEIN_WEB_THREADS", "8"),
        "--no-ws",
        "plein.wsgi:application",
    ]


def cmd_up(args: argparse.Namespace) -> int:
    prepare()
    from django.conf import settings

    from plein.people.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    port = args.port
    url = f"http://{args.host}:{port}"
    print()
    print(f"Plein runs at {url}  (Ctrl-C stops it)")
    print(f"Data folder: {settings.DATA_DIR}")
    print(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
    for email, role_label, _what in DEMO_ACCOUNTS:
        print(f"  {email:<34} {role_label}")
    print("The administrator is asked to set up two-step verification at first sign-in.")
    print(flush=True)

    env = dict(os.environ)
    # Our own interpreter and arguments, no shell: nothing here comes from outside.
    web = subprocess.Popen(serve_command(port, args.host, args.web_workers), env=env)  # noqa: S603
    worker = subprocess.Popen([sys.executable, "-m", "plein.cli", "worker"], env=env)
    children = [web, worker]

    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.3)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    print("Plein stopped.", flush=True)
    failed = [child for child in children if child.returncode not in (0, -15, 15, None)]
    return 0 if stopping or not failed else 1


def cmd_serve(args: argparse.Namespace) -> int:
    if args.migrate:
        prepare(load_demo=False, quiet=True)
    os.execv(sys.executable, serve_command(args.port, args.host, args.workers))  # noqa: S606
    return 0  # pragma: no cover - execv does not return


def cmd_worker(args: argparse.Namespace) -> int:
    # A stop asked for while Django is still starting must not kill the process half-way:
    # remember it, and hand it on once db_worker has its own graceful handler.
    stop_requested = threading.Event()

    def early_stop(signum: int, frame: object) -> None:
        stop_requested.set()

    signal.signal(signal.SIGTERM, early_stop)
    signal.signal(signal.SIGINT, early_stop)
    _setup_django()
    from plein.core.worker import Supervisor, new_worker_id

    worker_id = new_worker_id()
    supervisor = Supervisor(worker_id, stop_requested=stop_requested)
    supervisor.tick()  # alive, and orphans recovered, before the first claim
    if stop_requested.is_set():
        supervisor.stop()
        return 0
    supervisor.start()
    try:
        _call(
            "db_worker",
            worker_id=worker_id,
            interval=args.interval,
            batch=args.batch,
            verbosity=1,
        )
    finally:
        supervisor.stop()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    _call("migrate", interactive=False, verbosity=0)
    _call("createcachetable", verbosity=0)
    from plein.careers.demo import remove_careers_data
    from plein.community.demo import load_community_demo
    from plein.people.demo import load_demo

    started = time.monotonic()
    remove_careers_data()  # vacancies hold on to their people (PROTECT): they go first
    summary = load_demo(size=args.size, reset=True, seed=args.seed)
    community = load_community_demo(seed=args.seed, size=args.size)
    content = load_content_demos()
    print(
        f"Demo organisation loaded in {time.monotonic() - started:.1f} s: {summary}; {community}; "
        + "; ".join(content)
    )
    return 0


def cmd_import_people(args: argparse.Namespace) -> int:
    prepare(load_demo=False, quiet=True, static=False)
    _call("import_people", str(args.file), dry_run=args.dry_run, language=args.language)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    _setup_django()
    _call("check_deployment")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    prepare(load_demo=False, quiet=True, static=False)
    _call("reindex")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    # The harness points Django at its own benchmark database before setting it up.
    from plein.bench.bench import main as bench_main

    return bench_main(args.rest)


def cmd_policy_check(args: argparse.Namespace) -> int:
    # Pure Python unless the rules come from the database (see check_command.main).
    from plein.policy.check_command import NoDatabaseRules
    from plein.policy.check_command import main as check_main
    from plein.policy.rules_file import RulesError

    source = "db" if args.rules_from_db else "defaults" if args.default_rules else "auto"
    try:
        return check_main(args.scope, args.rules, args.matches_only, source)
    except (RulesError, NoDatabaseRules) as error:
        raise CliError(str(error)) from None


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plein manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plein", description="Plein: the social HRM platform. Run it, feed it, check it."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    default_port = int(os.environ.get("PORT", "8000"))

    up = sub.add_parser("up", help="set up and run the web server and the worker together")
    up.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    up.add_argument("--port", type=int, default=default_port, help="port (PORT, or 8000)")
    up.add_argument("--web-workers", type=int, default=1, help="web processes (1)")
    up.set_defaults(func=cmd_up)

    serve = sub.add_parser("serve", help="run the web server only")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=default_port, help="port (PORT, or 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="web processes (WEB_CONCURRENCY, or 2)",
    )
    serve.add_argument(
        "--no-migrate",
        dest="migrate",
        action="store_false",
        help="do not apply database migrations first",
    )
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run the background task worker only")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls (1)")
    worker.add_argument("--batch", action="store_true", help="exit when the queue is empty")
    worker.set_defaults(func=cmd_worker)

    demo = sub.add_parser("demo", help="load or reset the demo organisation (replaces all data)")
    demo.add_argument(
        "--size",
        choices=["small", "large"],
        default="small",
        help="small: ~300 people; large: ~20,000 people for benchmarks",
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser("import-people", help="import people from an HR export (CSV)")
    imp.add_argument("file", type=Path, help="the CSV file (UTF-8 or Excel; ',' or ';')")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )
    imp.add_argument(
        "--language", choices=["nl", "en"], default="nl", help="language of the report (nl)"
    )
    imp.set_defaults(func=cmd_import_people)

    check = sub.add_parser("check", help="refuse an unsafe production configuration")
    check.set_defaults(func=cmd_check)

    reindex = sub.add_parser("reindex", help="rebuild the search index (safe to repeat)")
    reindex.set_defaults(func=cmd_reindex)

    bench = sub.add_parser(
        "bench",
        help="run the benchmark harness (plein bench --help for its options)",
        add_help=False,
    )
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    bench.set_defaults(func=cmd_bench)

    policy = sub.add_parser("policy", help="the posting codes (plein policy check --help)")
    policy_sub = policy.add_subparsers(dest="policy_command", required=True, metavar="COMMAND")
    policy_check = policy_sub.add_parser(
        "check",
        help="check texts from standard input (one per line, or JSON lines with a text field)",
        description="Check texts from standard input, one per line or JSON lines with a "
        '"text" field; print every finding as one JSON object per line.',
    )
    policy_check.add_argument(
        "--scope",
        choices=["internal", "careers", "outbound"],
        default="internal",
        help="where the texts would appear, which decides the rules (internal)",
    )
    source = policy_check.add_mutually_exclusive_group()
    source.add_argument(
        "--rules", type=Path, default=None, help="a JSON file of rules (added to the defaults)"
    )
    source.add_argument(
        "--rules-from-db",
        action="store_true",
        help="the rules in force in the database (the default when a database is set up)",
    )
    source.add_argument(
        "--default-rules", action="store_true", help="the default rules, without the database"
    )
    policy_check.add_argument(
        "--matches-only",
        action="store_true",
        help="print only findings a rule of the scope acts on",
    )
    policy_check.set_defaults(func=cmd_policy_check)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:
        # The harness has its own options (`plein bench --help`): hand them over untouched.
        return cmd_bench(argparse.Namespace(rest=argv[1:]))
    args = build_parser().parse_args(argv)
    try:
        from django.core.management import CommandError

        return int(args.func(args))
    except CommandError as error:
        print(f"plein {args.command}: {error}", file=sys.stderr)
        return 1
    except CliError as error:
        print(f"plein {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
