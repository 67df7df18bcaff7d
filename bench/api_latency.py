"""Latency, throughput and SQL queries of one API request, as `make bench` runs it.

    python bench/api_latency.py --base-url http://127.0.0.1:8765 \\
        --path '/api/v1/patrols/?year=2024' --requests 2000 --concurrency 4 --queries

Over HTTP: each thread keeps one persistent connection and sends its share of the requests;
the warm-up requests come first and are not counted. Then, with --queries, the same path is
requested once in this process (after one warm-up) through Django's test client, against the
database DATABASE_URL names, and the SQL queries it ran are counted.

Only the standard library is used for the HTTP part; the query count needs the project's Django.
"""

import argparse
import http.client
import json
import math
import os
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--path", default="/api/v1/patrols/?year=2024")
    parser.add_argument("--requests", type=int, default=2000, help="Measured requests.")
    parser.add_argument("--concurrency", type=int, default=4, help="Threads, one connection each.")
    parser.add_argument("--warmup", type=int, default=50, help="Requests sent first, not counted.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds per request.")
    parser.add_argument(
        "--wait", type=float, default=0.0, help="Wait up to this many seconds for the server."
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="Also count SQL queries per request, in process (needs DATABASE_URL).",
    )
    return parser.parse_args(argv)


class Target:
    def __init__(self, base_url, path, timeout):
        url = urllib.parse.urlsplit(base_url)
        if url.scheme != "http":
            raise SystemExit(f"Only plain http is supported, not {base_url!r}.")
        self.host, self.port = url.hostname, url.port or 80
        self.path = url.path.rstrip("/") + path
        self.timeout = timeout

    def connect(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)


def fetch(connection, target):
    """One GET on a kept-alive connection: (status, body)."""
    connection.request("GET", target.path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def wait_for(target, seconds):
    deadline = time.monotonic() + seconds
    while True:
        connection = target.connect()
        try:
            fetch(connection, target)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"No answer from {target.host}:{target.port} after {seconds:.0f} s."
                ) from None
            time.sleep(0.2)
        finally:
            connection.close()


def worker(target, count, result):
    """Send ``count`` requests on one kept-alive connection, recording into ``result``."""
    connection = target.connect()
    try:
        for _ in range(count):
            started = time.perf_counter()
            try:
                status, body = fetch(connection, target)
            except (OSError, http.client.HTTPException) as error:
                result["errors"].append(repr(error))
                connection.close()
                connection = target.connect()
                continue
            result["latencies"].append(time.perf_counter() - started)
            result["statuses"][status] += 1
            result["sizes"].append(len(body))
    finally:
        connection.close()


def run(target, requests, concurrency):
    """Send ``requests`` requests over ``concurrency`` threads; return the merged measurements."""
    shares = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]
    results = [
        {"latencies": [], "statuses": Counter(), "sizes": [], "errors": []}
        for share in shares
        if share
    ]
    threads = [
        threading.Thread(target=worker, args=(target, share, result))
        for share, result in zip(shares, results, strict=False)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    merged = {"latencies": [], "statuses": Counter(), "sizes": [], "errors": []}
    for result in results:
        for key, value in result.items():
            merged[key] += value
    merged["seconds"] = seconds
    return merged


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def rows_in_page(body):
    try:
        data = json.loads(body)
    except ValueError:
        return "not JSON"
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return len(data["results"])
    if isinstance(data, list):
        return len(data)
    return "no results list"


def count_queries(path, kept=False):
    """GET ``path`` in this process (once to warm up, once measured); return the query figures
    of the answer as built, the answer cache off (a stored answer costs two reads: the data's
    generation and version), and its records built and its count counted too unless ``kept``
    (the warm-up kept them: ``core/api/record_cache.py``, ``core/api/count_cache.py``)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    django.conf.settings.API_RESPONSE_CACHE_SECONDS = 0
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    host = next(iter(h for h in django.conf.settings.ALLOWED_HOSTS if "*" not in h), "localhost")
    client = Client(HTTP_HOST=host, HTTP_ACCEPT="application/json")
    client.get(path)
    settings = django.conf.settings
    seconds = settings.API_RECORD_CACHE_SECONDS, settings.API_COUNT_CACHE_SECONDS
    if not kept:  # 0: every record built, the count counted
        settings.API_RECORD_CACHE_SECONDS = settings.API_COUNT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
    settings.API_RECORD_CACHE_SECONDS, settings.API_COUNT_CACHE_SECONDS = seconds
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return response.status_code, len(captured), sql_ms, elapsed * 1000


def main(argv=None):
    args = parse_args(argv)
    if args.requests < 1 or args.concurrency < 1:
        raise SystemExit("--requests and --concurrency must be at least 1.")
    target = Target(args.base_url, args.path, args.timeout)
    if args.wait:
        wait_for(target, args.wait)

    connection = target.connect()
    try:
        first_status, first_body = fetch(connection, target)
    finally:
        connection.close()
    if args.warmup:
        run(target, args.warmup, args.concurrency)
    measured = run(target, args.requests, args.concurrency)
    ms = sorted(value * 1000 for value in measured["latencies"])
    statuses, sizes, errors = measured["statuses"], measured["sizes"], measured["errors"]

    print(f"GET {args.base_url.rstrip('/')}{args.path}")
    print(f"  requests          {len(ms)} (+{args.warmup} warm-up), {len(errors)} errors")
    print(f"  concurrency       {args.concurrency} connections")
    if ms:
        print(f"  median            {statistics.median(ms):8.1f} ms")
        print(f"  p90               {percentile(ms, 0.90):8.1f} ms")
        print(f"  p99               {percentile(ms, 0.99):8.1f} ms")
        print(f"  max               {ms[-1]:8.1f} ms")
    print(f"  requests/second   {len(ms) / measured['seconds']:8.1f}")
    print(f"  response bytes    {statistics.median(sizes) if sizes else 0:8.0f} (median)")
    print(f"  rows in page      {rows_in_page(first_body)} (first response: {first_status})")
    print(f"  status codes      {dict(sorted(statuses.items()))}")
    if errors:
        print(f"  first error       {errors[0]}")
    failed = bool(errors) or first_status >= 400 or any(code >= 400 for code in statuses)
    if args.queries:
        status, queries, sql_ms, total_ms = count_queries(args.path)
        print(
            f"  SQL queries       {queries} per request (in process: status {status}, "
            f"{total_ms:.1f} ms, SQL execute {sql_ms:.1f} ms not counting row fetches)"
        )
        failed = failed or status >= 400
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
