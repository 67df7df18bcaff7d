"""``make bench-compare``: the project's patrol list against Datasette on the same SQLite file,
in one run, rounds alternating. A benchmark, not a test: it prints figures.

    python -m bench.compare --db bench.sqlite3 --rounds 4 --requests 150 --seconds 6

It starts the project under gunicorn (2 workers, as ``make bench``) and Datasette (immutable,
its defaults) on the same file, checks that both answer the same rows, then measures, each
round in the other server's order than the last:

- warm: ``GET /api/v1/patrols/?year=2024`` again and again (Datasette: the same year, sort and
  page size; ``bench.compare_paths`` says how each request is spelled for each server);
- cold: every request a page not asked before (year × kind × ordering × page size, shuffled),
  the same sequence for both servers;

latency from one keep-alive client (``--requests`` per round per server and mode), throughput
from ``wrk -t2 -c8 -d<seconds>`` (cold: walking a list of unasked paths). Then the CSV of every
patrol (first byte, total, the worker's peak memory) and the SQL queries of one request. It
prints the issue's table and the ratios against the issue's goals.

The environment is the server's (``make bench-compare`` sets it: secret key, hosts, cache);
``DATABASE_URL`` is set to ``--db``.
"""

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench import compare_csv, compare_paths, compare_report, compare_servers
from bench.compare_load import (
    Client,
    Latencies,
    Throughput,
    get_json,
    measure_latency,
    measure_throughput,
    wrk_command,
)

SERVERS = ("project", "Datasette")
MODES = ("warm", "cold")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench.sqlite3", help="The SQLite bench database.")
    parser.add_argument("--port", type=int, default=8765, help="The project's port.")
    parser.add_argument("--datasette-port", type=int, default=8766)
    parser.add_argument("--rounds", type=int, default=4, help="Rounds, servers alternating.")
    parser.add_argument(
        "--requests", type=int, default=150, help="Latency requests per round, server and mode."
    )
    parser.add_argument("--seconds", type=int, default=6, help="wrk seconds per run.")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (-t).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (-c).")
    parser.add_argument(
        "--datasette-mode",
        choices=compare_paths.MODES,
        default="table",
        help="table: Datasette's table view with filters and _sort (as a researcher asks; rows "
        "tied on the sort column may differ at a page's edge); sql: its SQL endpoint with the "
        "project's exact ORDER BY.",
    )
    parser.add_argument("--seed", type=int, default=1, help="Shuffles the cold queries.")
    parser.add_argument("--checks", type=int, default=5, help="Cold queries whose rows to compare.")
    parser.add_argument("--no-csv", action="store_true", help="Skip the CSV check.")
    return parser.parse_args(argv)


def say(message=""):
    print(message, flush=True)


class Run:
    """One comparison: the servers, the paths each is asked, and the figures gathered."""

    def __init__(self, args, servers):
        self.args, self.servers = args, servers
        self.database = Path(args.db).stem  # Datasette names a database after its file
        plan = compare_paths.allocate(
            compare_paths.cold_pool(args.seed), args.checks, args.rounds, args.requests
        )
        self.plan = plan
        self.latency = {(s, m): Latencies() for s in SERVERS for m in MODES}
        self.throughput = {(s, m): Throughput() for s in SERVERS for m in MODES}

    def path(self, server, query):
        if server == "project":
            return query.project_path()
        return query.datasette_path(self.database, self.args.datasette_mode)

    def paths(self, server, mode, queries, warm_count):
        if mode == "warm":
            return [self.path(server, compare_paths.WARM)] * warm_count
        return [self.path(server, query) for query in queries]

    def order(self, round_number):
        return SERVERS if round_number % 2 == 0 else SERVERS[::-1]

    def check_rows(self):
        """Both servers answer the same rows (up to ties) for the warm and the check queries."""
        clients = {name: Client(self.servers[name].base_url) for name in SERVERS}
        try:
            for label, query in [("warm", compare_paths.WARM)] + [
                ("cold", query) for query in self.plan.check
            ]:
                pages = {
                    name: compare_paths.rows_of(clients[name].get_json(self.path(name, query)))
                    for name in SERVERS
                }
                same, shared, size = compare_paths.same_rows(
                    pages["project"], pages["Datasette"], query.sort_column
                )
                verdict = "same rows" if same else "DIFFERENT ROWS"
                say(
                    f"  {label:4} {query.project_path():70} {verdict}: {size} rows, "
                    f"{shared} shared by slug (by {query.sort_column})"
                )
                if not same or size == 0:
                    raise SystemExit("The servers do not answer the same rows: not comparable.")
        finally:
            for client in clients.values():
                client.close()

    def measure_latency(self):
        args = self.args
        for r in range(args.rounds):
            for mode in MODES:
                for name in self.order(r):
                    paths = self.paths(name, mode, self.plan.latency[r], args.requests)
                    prime = self.path(name, compare_paths.WARM)
                    result = measure_latency(self.servers[name].base_url, paths, prime)
                    self.latency[(name, mode)].add(result)
                    say(
                        f"  round {r + 1}/{args.rounds} {mode} {name:9} "
                        f"median {result.median:6.1f} ms  p99 {result.p99:6.1f} ms"
                        + (f"  {len(result.errors)} errors" if result.errors else "")
                    )

    def measure_throughput(self):
        args = self.args
        for r in range(args.rounds):
            for mode in MODES:
                for name in self.order(r):
                    paths = self.paths(name, mode, self.plan.throughput[r], 1)
                    result = measure_throughput(
                        self.servers[name].base_url,
                        paths,
                        args.seconds,
                        args.threads,
                        args.connections,
                    )
                    self.throughput[(name, mode)].add(result)
                    wrapped = f"  REPEATED PATHS ({result.wrapped})" if mode == "cold" else ""
                    say(
                        f"  round {r + 1}/{args.rounds} {mode} {name:9} "
                        f"{result.per_second:7.1f} req/s ({result.requests} requests"
                        + (f", {result.errors} errors" if result.errors else "")
                        + f"){wrapped if result.wrapped else ''}"
                    )
                    compare_servers.wait_a_moment()

    def figures(self):
        return {
            key: compare_report.Figures(
                self.latency[key].median, self.latency[key].p99, self.throughput[key].per_second
            )
            for key in self.latency
        }


def query_counts(db):
    """SQL queries of one project request, in process (``bench.api_latency.count_queries``):
    the warm request, and one cold query at 10 and at 100 rows a page, each with its records
    built and (unless the record cache is off) with them kept by an earlier page."""
    from bench.api_latency import count_queries

    settings = project_settings(db)
    small = compare_paths.Query(2011, None, "name", 10)
    large = compare_paths.Query(2011, None, "name", 100)
    lines, counts = [], {}
    for records in ("built", "kept") if settings.API_RECORD_CACHE_SECONDS else ("built",):
        for label, query in (("warm", compare_paths.WARM), ("10 rows", small), ("100 rows", large)):
            path = query.project_path()
            status, queries, sql_ms, total_ms = count_queries(path, kept=records == "kept")
            counts[records, label] = queries
            lines.append(
                f"  {label:8} {records} {path:52} {queries:2} queries (status {status}, "
                f"{total_ms:.1f} ms in process, SQL execute {sql_ms:.1f} ms)"
            )
        small_count, large_count = counts[records, "10 rows"], counts[records, "100 rows"]
        if small_count == large_count:
            lines.append(f"  records {records}: the same number of queries at 10 and 100 rows")
        else:
            lines.append(
                f"  NOT FIXED, records {records}: {small_count} queries at 10 rows, "
                f"{large_count} at 100 (the count depends on the page: on which kinds of child "
                "record it holds, say)"
            )
    return lines


def describe_setup(args, servers):
    versions = get_json(servers["Datasette"].base_url, "/-/versions.json")
    load = os.getloadavg()
    say(
        f"bench-compare: {args.db}, {args.rounds} rounds × {args.requests} requests per server "
        f"and mode (latency, one keep-alive connection), wrk -t{args.threads} "
        f"-c{args.connections} -d{args.seconds}s per round (throughput)"
    )
    say(
        f"  Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, Datasette "
        f"{versions['datasette']['version']} ({args.datasette_mode} mode, -i), gunicorn 2 workers; "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the start"
    )
    say(f"  project caches: {cache_setup(args.db)}")


def project_settings(db=None):
    """The project's settings in this process, as its server reads them from this environment
    (on ``db``, the SQLite bench database, when given)."""
    if db is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    django.setup()
    return settings


def cache_setup(db=None):
    """The project's caches as its server reads them from this environment: a cold page may
    take records an earlier page kept (``API_RECORD_CACHE_SECONDS=0 make bench-compare``
    measures pages built whole)."""
    settings = project_settings(db)

    def store(alias):
        backend = settings.CACHES[alias]["BACKEND"].rsplit(".", 1)[-1]
        entries = settings.CACHES[alias].get("OPTIONS", {}).get("MAX_ENTRIES")
        return f"{backend}, at most {entries:,} per worker" if entries else backend

    kept = (
        ("answers", settings.API_RESPONSE_CACHE_SECONDS),
        ("records", settings.API_RECORD_CACHE_SECONDS),
        ("counts", settings.API_COUNT_CACHE_SECONDS),
    )
    return "; ".join(f"{alias} kept {seconds} s ({store(alias)})" for alias, seconds in kept)


def report(run, csv_lines, query_lines, started):
    figures = run.figures()
    say()
    say(
        "Latency from one keep-alive client; req/s from wrk. Project: 50 nested patrols and a "
        "count; Datasette: 50 flat rows, no count."
    )
    say()
    for line in compare_report.table(figures, f"wrk -t{run.args.threads} -c{run.args.connections}"):
        say(line)
    say()
    for line in compare_report.goal_lines(figures):
        say(line)
    say()
    problems = [
        f"{name} {mode}: {len(run.latency[(name, mode)].errors)} latency errors "
        f"(first: {run.latency[(name, mode)].errors[0]})"
        for name, mode in run.latency
        if run.latency[(name, mode)].errors
    ] + [
        f"{name} {mode}: {run.throughput[(name, mode)].errors} wrk errors"
        for name, mode in run.throughput
        if run.throughput[(name, mode)].errors
    ]
    wrapped = sum(run.throughput[(name, "cold")].wrapped for name in SERVERS)
    if wrapped:
        problems.append(f"cold wrk runs repeated paths ({wrapped} wraps): lower --seconds")
    for problem in problems:
        say(f"WARNING: {problem}")
    say("SQL queries per project request (in process):")
    for line in query_lines:
        say(line)
    if csv_lines:
        say("CSV of every patrol:")
        for line in csv_lines:
            say(f"  {line}")
    say(f"bench-compare took {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    db = Path(args.db).resolve()
    if not db.exists():
        raise SystemExit(f"{db} does not exist: `make bench-compare` generates it.")
    wrk_command()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}")
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as logs:
        servers = {
            "project": compare_servers.gunicorn(args.port, env, logs),
            "Datasette": compare_servers.datasette(args.datasette_port, db, env, logs),
        }
        try:
            for server in servers.values():
                server.start()
            run = Run(args, servers)
            describe_setup(args, servers)
            say("Rows (the project's page against Datasette's):")
            run.check_rows()
            say("Latency:")
            run.measure_latency()
            say("Throughput:")
            run.measure_throughput()
            csv_lines = []
            if not args.no_csv:
                say("CSV:")
                patrols = get_json(servers["project"].base_url, "/api/v1/patrols/?page_size=1")
                patrols = patrols["count"]
                result = compare_csv.check_csv(
                    servers["project"].base_url, servers["project"].workers()
                )
                csv_lines = compare_csv.describe(result, patrols)
                timeouts = servers["project"].log_lines("WORKER TIMEOUT")
                csv_lines += [f"  gunicorn's log: {line}" for line in timeouts]
        finally:
            for server in servers.values():
                server.stop()
    query_lines = query_counts(db)
    return report(run, csv_lines, query_lines, started)


if __name__ == "__main__":
    sys.exit(main())
