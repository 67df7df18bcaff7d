"""The patrol list's common page (a year, maybe a kind, in any ordering the list offers) is
counted and cut to a page from the ``patrols_patrol_list`` index alone, and only the page's rows
are read (``RecordViewSet.rows_list``): SQLite's plan for each, generated from the list's own
``ordering_fields``, so an ordering added to the list is checked too.

On PostgreSQL the plan depends on the table's statistics (a test database of a few rows is
scanned whole, rightly): ``make bench-pg`` prints its plans at a million patrols."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patrols.api.views import PatrolViewSet
from patrols.models import PatrolKind
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="PostgreSQL's plan is bench-pg's to show"
    ),
]

PATROLS = "/api/v1/patrols/"
FIELDS = PatrolViewSet.ordering_fields
ORDERINGS = [None, *FIELDS, *(f"-{name}" for name in FIELDS)]  # None: the list's default


def page_queries(client, params):
    kind = params.get("kind", PatrolKind.EXERCISE)
    factories.PatrolFactory(start_date=date(2024, 5, 1), end_date=None, kind=kind, ordinal=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PATROLS, params)
    assert response.status_code == 200, response.content
    return [query["sql"] for query in captured if '"patrols_patrol"' in query["sql"]]


def plan(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " / ".join(row[-1] for row in cursor.fetchall())


@pytest.mark.parametrize("kind", [None, PatrolKind.EXERCISE])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_a_years_page_is_counted_and_cut_from_the_list_index(api_client, ordering, kind):
    params = {"year": 2024, **({"ordering": ordering} if ordering else {})}
    params |= {"kind": kind} if kind else {}
    count, keys, rows = page_queries(api_client, params)[:3]
    assert "COUNT(*)" in count
    for query in (count, keys):
        assert "COVERING INDEX patrols_patrol_list" in plan(query), (query, plan(query))
    assert keys.startswith('SELECT "patrols_patrol"."id" AS "pk" FROM')
    assert "USING INTEGER PRIMARY KEY" in plan(rows)  # the page's rows, read by key
