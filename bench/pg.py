"""``make bench-pg``: the patrol list on PostgreSQL at 1,000,000 patrols against SQLite at
100,000, and the plans of every filter. A benchmark, not a test: it prints figures.

    python -m bench.pg --pg-url postgres://postgres@127.0.0.1:5432/aviation_bench_pg \\
        --sqlite-db bench.sqlite3 --rounds 4 --requests 100

Both databases are generated beforehand (``make bench-pg`` does it once, then reuses them). This
run first lays the patrols out in date order, as a real archive grows (``CLUSTER``, once: see
``cluster_patrols_by_date``), and brings PostgreSQL's statistics and visibility map up to date
(``VACUUM (ANALYZE)`` of the tables, as autovacuum would after a bulk load; quick once done),
then serves the project
twice under gunicorn (2 workers each), one on each database, and measures one page of one year,
rounds alternating: the same request repeated (warm) and a new page each request (cold, the
sequence ``make bench-compare`` uses, the same for both). The goal: PostgreSQL's cold median at
most twice SQLite's. Then the SQL queries per request and ``EXPLAIN`` of every query the list
and the statistics run for each filter (``bench.pg_explain``), flagging sequential scans of big
tables. Datasette reads SQLite only, so it is not here.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import compare_paths, compare_servers
from bench.compare import cache_setup
from bench.compare_load import Latencies, get_json, measure_latency
from bench.compare_report import number

GOAL = 2.0  # PostgreSQL at 1M, cold median, at most this many times SQLite's at 100,000
NAMES = ("PostgreSQL", "SQLite")
MODES = ("warm", "cold")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/aviation_bench_pg")
    parser.add_argument("--sqlite-db", default="bench.sqlite3")
    parser.add_argument("--port", type=int, default=8765, help="The project on PostgreSQL.")
    parser.add_argument("--sqlite-port", type=int, default=8767, help="The project on SQLite.")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=100, help="Per round, server and mode.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--analyze", action="store_true", help="EXPLAIN ANALYZE (runs again).")
    parser.add_argument("--plans", action="store_true", help="Print every plan, not only flagged.")
    parser.add_argument("--no-latency", action="store_true", help="Only the plans.")
    parser.add_argument("--no-explain", action="store_true", help="Only the latency.")
    parser.add_argument(
        "--explain-match", default="", help="Explain only the requests whose label matches this."
    )
    parser.add_argument(
        "--big-table-rows", type=int, default=10_000, help="Flag sequential scans from this size."
    )
    return parser.parse_args(argv)


def say(message=""):
    print(message, flush=True)


def setup_django(pg_url):
    """Django in this process, on PostgreSQL, without the statement timeout (the plans and the
    statistics of a million patrols may take longer than a request may)."""
    os.environ["DATABASE_URL"] = pg_url
    os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def vacuum_analyze():
    """``VACUUM (ANALYZE)`` the tables the generator fills; returns the seconds it took."""
    from django.db import connection

    from bench.synthetic.spec import COLUMNS

    started = time.monotonic()
    with connection.cursor() as cursor:
        for model in COLUMNS:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
    return time.monotonic() - started


def cluster_patrols_by_date():
    """Lay the patrols out in date order (``CLUSTER`` on the narrowest index led by the start
    date), once; returns the seconds it took (0 when already done).

    A real archive grows in date order, so a year's patrols sit together on disk; the
    generator writes them in random order, and PostgreSQL keeps a table's rows where they were
    written. A year's 28,000 patrols were then spread over 18,800 of the table's pages, and a
    page of one year ordered by name read all of them: 290 ms, against 18 ms once clustered.
    SQLite stores rows in id order too, but reads them from the page cache the file gives."""
    from django.db import connection

    from patrols.models import Patrol

    table = Patrol._meta.db_table
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, x.indisclustered FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(x.indkey) "
            "WHERE t.relname = %s AND a.attname = 'start_date' AND a.attnum = x.indkey[0] "
            "ORDER BY x.indnatts LIMIT 1",
            [table],
        )
        index, clustered = cursor.fetchone()
        if clustered:
            return 0.0
        cursor.execute(f"CLUSTER {connection.ops.quote_name(table)} USING {index}")
    return time.monotonic() - started


def measure(servers, rounds, requests, seed):
    """Latency of the warm page and of cold pages, rounds alternating the servers' order."""
    plan = compare_paths.allocate(compare_paths.cold_pool(seed), 0, rounds, requests)
    warm = compare_paths.WARM.project_path()
    results = {(name, mode): Latencies() for name in NAMES for mode in MODES}
    for r in range(rounds):
        order = NAMES if r % 2 == 0 else NAMES[::-1]
        for mode in MODES:
            paths = (
                [warm] * requests
                if mode == "warm"
                else [query.project_path() for query in plan.latency[r]]
            )
            for name in order:
                result = measure_latency(servers[name].base_url, paths, warm)
                results[(name, mode)].add(result)
                say(
                    f"  round {r + 1}/{rounds} {mode} {name:10} median {result.median:7.1f} ms"
                    f"  p99 {result.p99:7.1f} ms"
                    + (
                        f"  {len(result.errors)} errors: {result.errors[0]}"
                        if result.errors
                        else ""
                    )
                )
    return results


def report(results, counts):
    say()
    say("| | median ms | p99 ms |")
    say("|---|---|---|")
    for mode, what in (("warm", "the same request repeated"), ("cold", "a new query each request")):
        for name in NAMES:
            row = results[(name, mode)]
            say(
                f"| project on {name}, {counts[name]:,} patrols, {what} | {number(row.median)} "
                f"| {number(row.p99)} |"
            )
    ratio = results[("PostgreSQL", "cold")].median / results[("SQLite", "cold")].median
    met = "met" if ratio <= GOAL else "not met"
    say()
    say(
        f"cold median, PostgreSQL at {counts['PostgreSQL']:,} ÷ SQLite at "
        f"{counts['SQLite']:,}: {ratio:.2f}× (goal ≤ {GOAL:g}×): {met}"
    )
    errors = sum(len(result.errors) for result in results.values())
    if errors:
        say(f"WARNING: {errors} requests failed")
    return errors


def query_counts():
    from bench.api_latency import count_queries

    for label, query in (
        ("warm", compare_paths.WARM),
        ("cold, 10 rows", compare_paths.Query(2011, None, "name", 10)),
        ("cold, 100 rows", compare_paths.Query(2011, None, "name", 100)),
    ):
        status, queries, sql_ms, total_ms = count_queries(query.project_path())
        say(
            f"  {label:15} {query.project_path():52} {queries} queries (status {status}, "
            f"{total_ms:.1f} ms in process, SQL execute {sql_ms:.1f} ms)"
        )


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    sqlite_db = Path(args.sqlite_db).resolve()
    if not sqlite_db.exists():
        raise SystemExit(f"{sqlite_db} does not exist: `make bench-pg` generates it.")
    envs = {
        "PostgreSQL": dict(os.environ, DATABASE_URL=args.pg_url),
        "SQLite": dict(os.environ, DATABASE_URL=f"sqlite:///{sqlite_db}"),
    }
    setup_django(args.pg_url)
    say(f"bench-pg: clustering the patrols by date took {cluster_patrols_by_date():.1f} s")
    say(f"bench-pg: VACUUM (ANALYZE) of the generated tables took {vacuum_analyze():.1f} s")
    failed = False if args.no_latency else compare_latency(args, envs)
    if not args.no_explain:
        failed = explain(args) or failed
    say(f"bench-pg took {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


def compare_latency(args, envs):
    """The project on each database under gunicorn, measured; the figures and query counts
    printed. True if a request failed."""
    ports = {"PostgreSQL": args.port, "SQLite": args.sqlite_port}
    with tempfile.TemporaryDirectory(prefix="bench-pg-") as logs:
        servers = {
            name: compare_servers.gunicorn(ports[name], envs[name], logs, name=name)
            for name in NAMES
        }
        try:
            for server in servers.values():
                server.start()
            counts = {
                name: get_json(server.base_url, "/api/v1/patrols/?page_size=1")["count"]
                for name, server in servers.items()
            }
            say(
                f"Latency, one keep-alive client, {args.rounds} rounds × {args.requests} "
                "requests per server and mode (gunicorn, 2 workers each):"
            )
            say(f"  project caches: {cache_setup()}")
            results = measure(servers, args.rounds, args.requests, args.seed)
        finally:
            for server in servers.values():
                server.stop()
    failed = report(results, counts)
    say()
    say("SQL queries per request on PostgreSQL (in process):")
    query_counts()
    return bool(failed)


def explain(args):
    """The plans of every filter, and a summary of the flagged ones. True if a filter has no
    example value (so was not explained)."""
    from bench import pg_explain

    say()
    say(f"EXPLAIN{' ANALYZE' if args.analyze else ''} of every query, per filter:")
    problems, missing = pg_explain.run(
        say, args.analyze, args.plans, args.big_table_rows, args.explain_match
    )
    say()
    if problems:
        say(f"Sequential scans of big tables, in {len(problems)} queries:")
        by_request = {}
        for label, number_, tables in problems:
            by_request.setdefault(label, []).append(f"q{number_} {', '.join(tables)}")
        for label, queries in by_request.items():
            say(f"  {label}: {'; '.join(queries)}")
    else:
        say("No sequential scan of a big table.")
    return bool(missing)


if __name__ == "__main__":
    sys.exit(main())
