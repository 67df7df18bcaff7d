"""The plans of ``make bench-pg``: ``EXPLAIN`` of every query the patrol list and the patrol
statistics run, for each of their filters, on the PostgreSQL bench database; a sequential scan
of a big table is flagged.

Each request goes through Django's test client in this process (so the SQL is exactly what the
API runs, all of its queries), then each SELECT is explained (``EXPLAIN (FORMAT JSON)``, or with
``ANALYZE`` on request: that runs the query again). Every filter of ``PatrolFilterSet`` gets a
value from the synthetic vocabulary; a filter added later without a value here is named as
unexplained rather than skipped in silence. Needs ``django.setup()`` done, on PostgreSQL.
"""

import json
import re
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

BIG_TABLE_ROWS = 10_000  # a sequential scan of a table this big is flagged

# A value for each parameter of the patrol filters, most naming the synthetic vocabulary
# (bench/synthetic/vocabulary.py); None: looked up in the database (see ``example_values``).
EXAMPLES = {
    "confidence": "disputed",
    "disputed": "true",
    "source": "synthetic-source-1",
    "year": "2024",
    "year_min": "2024",
    "year_max": "1991",
    "date_after": "2024-06-01",
    "date_before": "1990-03-31",
    "country": "XA",
    "aircraft_type": "synthetic-syn-b1",
    "operator": "synthetic-air-force-xa",
    "role": "tanker",
    "region": "synthetic-strait-4",
    "kind": "exercise",
    "joint": "true",
    "intercepted_by": "XB",
    "responder": "synthetic-air-force-xb",
    "airspace_violated": "true",
    "zone": None,
    "zone_country": "XC",
    "fiscal_year": "2024",
    "fiscal_year_min": "2024",
    "fiscal_year_max": "1991",
    "duration_hours_min": "10",
    "duration_hours_max": "2",
    "distance_km_min": "1000",
    "distance_km_max": "100",
}
LIST_ONLY = {"search": "Synthetic patrol 4242"}  # the list's search (statistics take none)


def example_values():
    """``EXAMPLES`` with the database's answers filled in."""
    from reference.models import Region, RegionKind

    values = dict(EXAMPLES)
    zone = Region.objects.filter(kind=RegionKind.ADIZ, slug__startswith="synthetic-").first()
    values["zone"] = zone.slug if zone else None
    return values


def filter_parameters():
    """Every query parameter the patrol filters read, in the FilterSet's order."""
    from core.filters import parameter_names
    from patrols.filters import PatrolFilterSet

    return [
        parameter
        for name, filter_ in PatrolFilterSet.base_filters.items()
        for parameter in parameter_names(name, filter_)
    ]


def requests_to_explain():
    """``[(label, path)]``: the list and the year statistics with each filter, the list
    unfiltered and searched, and every statistics grouping unfiltered. Also the parameters
    without an example value."""
    from patrols.statistics import GROUPINGS

    values, missing, requests = example_values(), [], []
    for parameter in filter_parameters():
        if values.get(parameter) is None:
            missing.append(parameter)
            continue
        query = f"{parameter}={values[parameter]}"
        requests.append((f"list {query}", f"/api/v1/patrols/?{query}"))
        requests.append(
            (f"stats group_by=year&{query}", f"/api/v1/patrols/stats/?group_by=year&{query}")
        )
    requests.append(("list (no filter)", "/api/v1/patrols/"))
    for parameter, value in LIST_ONLY.items():
        requests.append((f"list {parameter}={value}", f"/api/v1/patrols/?{parameter}={value}"))
    for grouping in GROUPINGS:
        requests.append(
            (f"stats group_by={grouping}", f"/api/v1/patrols/stats/?group_by={grouping}")
        )
    return requests, missing


def table_sizes():
    """Estimated rows of every table (``pg_class.reltuples``, fresh after ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def scans(plan):
    """``[(node type, table, index)]`` for every scan in a JSON plan, depth first."""
    found = []
    if "Relation Name" in plan or "Index Name" in plan:
        found.append((plan["Node Type"], plan.get("Relation Name", ""), plan.get("Index Name", "")))
    for child in plan.get("Plans", []):
        found += scans(child)
    return found


def flagged(found, sizes, big=BIG_TABLE_ROWS):
    """The sequential scans in ``found`` of tables with at least ``big`` rows."""
    return [table for node, table, _ in found if node == "Seq Scan" and sizes.get(table, 0) >= big]


def explain(sql, analyze=False):
    """The JSON plan of one statement, and its text form."""
    options = "ANALYZE, " if analyze else ""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        cursor.execute(f"EXPLAIN ({options.rstrip(', ')}) {sql}" if analyze else f"EXPLAIN {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"], text


def describe_scans(found, sizes, big):
    """The scans of big tables (and the indexes of bitmap scans), flagging sequential ones."""
    parts = []
    for node, table, index in found:
        if not table:  # a Bitmap Index Scan: its heap scan names the table
            parts.append(f"{node} {index}")
        elif sizes.get(table, 0) >= big:
            mark = " [SEQ SCAN OF A BIG TABLE]" if node == "Seq Scan" else ""
            parts.append(f"{node} {table}" + (f" ({index})" if index else "") + mark)
    return "; ".join(parts)


def shape(found):
    """A plan's scans without its constants: the same shape is printed once."""
    return tuple(found)


def run(say, analyze=False, plans=False, big=BIG_TABLE_ROWS, match=""):
    """Explain every request; ``say`` prints a line. A query is shown by its scans of big
    tables (queries touching only small ones are counted, not shown); a flagged plan, or every
    plan with ``plans``, is printed in full, once per shape; ``match``: only the requests whose
    label matches this regular expression. Returns the flagged
    ``(label, query number, tables)`` and the parameters left unexplained."""
    sizes = table_sizes()
    tables = sorted((t for t, n in sizes.items() if n >= big), key=lambda t: -sizes[t])
    say(f"Big tables (≥ {big:,} rows): " + ", ".join(f"{t} {sizes[t]:,}" for t in tables))
    requests, missing = requests_to_explain()
    requests = [(label, path) for label, path in requests if re.search(match, label)]
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT="application/json")
    problems, printed = [], {}
    for label, path in requests:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        selects = [
            q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
        ]
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        say(
            f"{label}: status {response.status_code}, {len(selects)} queries, {elapsed:.0f} ms "
            f"in process ({sql_ms:.0f} ms SQL)"
        )
        small = 0
        for number, query in enumerate(selects, start=1):
            plan, text = explain(query["sql"], analyze)
            found = scans(plan)
            described = describe_scans(found, sizes, big)
            if not described:
                small += 1
                continue
            say(f"  q{number} {described}")
            seq = flagged(found, sizes, big)
            if seq:
                problems.append((label, number, seq))
            if plans or seq:
                first = printed.setdefault(shape(found), f"{label}, q{number}")
                if first != f"{label}, q{number}":
                    say(f"      (the plan of {first})")
                    continue
                for line in text.splitlines():
                    say(f"      {line}")
        if small:
            say(f"  and {small} queries of small tables only")
    if missing:
        say(f"NOT EXPLAINED (no example value in bench/pg_explain.py): {', '.join(missing)}")
    return problems, missing
