"""bench-compare's requests: the cold ones never repeat, each run's slices are disjoint, and the
project and Datasette are asked for the same rows."""

import datetime
import sqlite3
import urllib.parse

import pytest
from django.db import connection

from bench.compare_paths import (
    WARM,
    Query,
    allocate,
    cold_pool,
    rows_of,
    same_rows,
)
from bench.synthetic.spec import FIRST_DAY, LAST_DAY
from tests.factories import PatrolFactory


def params(path):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))


def test_no_cold_query_asks_for_a_page_asked_before_nor_for_the_warm_page():
    pool = cold_pool()
    pages = [query.normalised() for query in pool]
    assert len(set(pages)) == len(pages)
    assert WARM.normalised() not in pages
    assert Query(2024, page_size=50).normalised() == WARM.normalised()  # why page 50 is left out
    assert len({query.project_path() for query in pool}) == len(pool)


def test_the_cold_pool_asks_for_the_years_the_generator_fills():
    assert {query.year for query in cold_pool()} == set(range(FIRST_DAY.year, LAST_DAY.year + 1))


def test_the_cold_pool_is_the_same_for_the_same_seed_and_shuffled_by_another():
    assert cold_pool(1)[:50] == cold_pool(1)[:50]
    assert cold_pool(1)[:50] != cold_pool(2)[:50]


def test_a_run_gives_each_phase_its_own_queries():
    plan = allocate(cold_pool(), checks=5, rounds=3, requests=100)
    slices = [plan.check, *plan.latency, *plan.throughput]
    assert [len(part) for part in plan.latency] == [100, 100, 100]
    assert min(len(part) for part in plan.throughput) > 10_000
    everything = [query for part in slices for query in part]
    assert len(set(everything)) == len(everything)


def test_a_run_asking_for_more_queries_than_there_are_is_refused():
    with pytest.raises(ValueError, match="distinct cold queries"):
        allocate(cold_pool()[:100], checks=5, rounds=2, requests=50)


def test_the_warm_request_is_the_issues_and_datasette_is_asked_the_same_page():
    assert WARM.project_path() == "/api/v1/patrols/?year=2024"
    asked = params(WARM.datasette_path("bench"))
    assert asked == {
        "_shape": "array",
        "start_date__gte": "2024-01-01",
        "start_date__lte": "2024-12-31",
        "_sort_desc": "start_date",
        "_size": "50",
    }
    assert WARM.datasette_path("bench").startswith("/bench/patrols_patrol.json?")


@pytest.mark.parametrize(
    ("ordering", "sort"),
    [("name", ("_sort", "name")), ("-end_date", ("_sort_desc", "end_date"))],
)
def test_a_cold_query_is_spelled_alike_for_both(ordering, sort):
    query = Query(1999, "exercise", ordering, 17)
    assert params(query.project_path()) == {
        "year": "1999",
        "kind": "exercise",
        "ordering": ordering,
        "page_size": "17",
    }
    asked = params(query.datasette_path("bench"))
    assert asked[sort[0]] == sort[1]
    assert (asked["kind"], asked["_size"]) == ("exercise", "17")
    assert (asked["start_date__gte"], asked["start_date__lte"]) == ("1999-01-01", "1999-12-31")


def test_rows_tied_on_the_sort_column_in_another_order_are_the_same_rows():
    ours = [{"slug": "a", "start_date": "2024-12-31"}, {"slug": "b", "start_date": "2024-12-31"}]
    theirs = list(reversed(ours))
    assert same_rows(ours, theirs, "start_date") == (True, 2, 2)
    other = [{"slug": "c", "start_date": "2024-12-30"}, ours[1]]
    assert same_rows(ours, other, "start_date")[0] is False
    assert same_rows(ours, ours[:1], "start_date")[0] is False


def test_a_page_is_read_from_either_shape():
    assert rows_of({"count": 1, "results": [{"slug": "a"}]}) == [{"slug": "a"}]
    assert rows_of([{"slug": "a"}]) == [{"slug": "a"}]
    with pytest.raises(ValueError):
        rows_of({"detail": "Not found."})


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="Datasette serves SQLite files")
@pytest.mark.parametrize(
    "query",
    [
        Query(2024, page_size=4),
        Query(2024, ordering="-start_date", page_size=3),
        Query(2024, ordering="name", page_size=5),
        Query(2024, "exercise", "-end_date", 2),
    ],
)
def test_datasettes_sql_asks_for_exactly_the_projects_rows(api_client, query):
    day = datetime.date(2024, 5, 1)
    for n, (date, kind) in enumerate(
        [(day, "exercise"), (day, "exercise"), (day, "joint_strategic_patrol")] * 2
        + [(datetime.date(2023, 12, 31), "exercise"), (datetime.date(2025, 1, 1), "exercise")]
    ):
        PatrolFactory(name=f"Patrol {9 - n}", start_date=date, end_date=date, kind=kind)
    project = [row["slug"] for row in api_client.get(query.project_path()).json()["results"]]

    asked = params(query.datasette_path("bench", mode="sql"))
    sql = asked.pop("sql")
    values = {key: value for key, value in asked.items() if not key.startswith("_")}
    raw = connection.cursor().connection  # sqlite3 takes Datasette's :named parameters
    assert isinstance(raw, sqlite3.Connection)
    raw.row_factory = sqlite3.Row
    datasette = [row["slug"] for row in raw.execute(sql, values).fetchall()]
    raw.row_factory = None

    assert project == datasette
    assert len(project) == query.size
