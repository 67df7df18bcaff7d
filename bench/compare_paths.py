"""The requests ``make bench-compare`` sends: one page of patrols asked of the project and of
Datasette in the same words, the warm request, and the cold pool from which no request repeats.

A ``Query`` is one page: a year, optionally a kind, an ordering and a page size. It spells itself
as the project's ``GET /api/v1/patrols/?year=…`` and as Datasette's JSON for the same rows of
the same ``patrols_patrol`` table:

- the year: the project's ``year=2024`` is, on SQLite, ``start_date BETWEEN '2024-01-01' AND
  '2024-12-31'`` (dates are stored as ``YYYY-MM-DD`` text); Datasette is asked exactly that
  (``start_date__gte`` / ``__lte``), so both can use the ``start_date`` index;
- the kind: ``kind=`` in both;
- the ordering: the project's ``ordering=name`` is Datasette's ``_sort=name`` (``-name``:
  ``_sort_desc``); the project's default ordering (``-start_date``, then ``name``) is
  ``_sort_desc=start_date``;
- the page size: ``page_size`` / ``_size`` (both default to 50 here: the project's default;
  Datasette's own is 100, so it is always sent).

Datasette's table view sorts by one column with no tie-break on a first page, the project by its
terms and then the id: rows tied on the sort column at a page's edge may differ. The ``sql``
mode asks Datasette's SQL endpoint for the project's exact ``ORDER BY`` instead (the same rows,
in the same order), for whoever wants that comparison; ``table`` is what a researcher clicking
through Datasette gets, and what the issue measured.
"""

import random
import urllib.parse
from dataclasses import dataclass

# The span of the synthetic patrols (bench/synthetic/spec.py: 1990-01-01 to 2025-12-31): a cold
# request asks for a year that has patrols, not an empty page that costs nothing.
YEARS = range(1990, 2026)
KINDS = (None, "joint_strategic_patrol", "national_long_range_patrol", "exercise")
# None is the list's default ordering; the rest are ``ordering=`` values both can sort by.
ORDERINGS = (None, "start_date", "-start_date", "end_date", "-end_date", "name", "-name")
PAGE_SIZES = range(10, 101)
DEFAULT_PAGE_SIZE = 50
DEFAULT_ORDERING = ("-start_date", "name")  # patrols.models.Patrol.Meta.ordering
TABLE = "patrols_patrol"
LIST_PATH = "/api/v1/patrols/"
MODES = ("table", "sql")


@dataclass(frozen=True)
class Query:
    """One page of one year's patrols."""

    year: int
    kind: str | None = None
    ordering: str | None = None  # None: the list's default
    page_size: int | None = None  # None: the default (50)

    @property
    def terms(self):
        """The project's ORDER BY terms, before its tie-breaking id."""
        return DEFAULT_ORDERING if self.ordering is None else (self.ordering,)

    @property
    def sort_column(self):
        """The column both sort by first: rows agree on it position by position."""
        return self.terms[0].removeprefix("-")

    @property
    def size(self):
        return DEFAULT_PAGE_SIZE if self.page_size is None else self.page_size

    def normalised(self):
        """What the request means, whatever its spelling: two queries with the same
        ``normalised()`` ask for the same page (a response cache may answer both)."""
        return (self.year, self.kind, self.terms, self.size)

    def project_path(self):
        params = [("year", self.year)]
        if self.kind:
            params.append(("kind", self.kind))
        if self.ordering:
            params.append(("ordering", self.ordering))
        if self.page_size is not None:
            params.append(("page_size", self.page_size))
        return f"{LIST_PATH}?{urllib.parse.urlencode(params)}"

    def datasette_path(self, database, mode="table"):
        if mode == "sql":
            return self._datasette_sql_path(database)
        if mode != "table":
            raise ValueError(f"Datasette mode must be one of {MODES}, not {mode!r}.")
        first = self.terms[0]
        params = [
            ("_shape", "array"),
            ("start_date__gte", f"{self.year}-01-01"),
            ("start_date__lte", f"{self.year}-12-31"),
        ]
        if self.kind:
            params.append(("kind", self.kind))
        sort = "_sort_desc" if first.startswith("-") else "_sort"
        params += [(sort, first.removeprefix("-")), ("_size", self.size)]
        return f"/{database}/{TABLE}.json?{urllib.parse.urlencode(params)}"

    def _datasette_sql_path(self, database):
        order = ", ".join(
            f"{term[1:]} desc" if term.startswith("-") else term for term in self.terms
        )
        where = "start_date >= :start and start_date <= :end"
        params = [("start", f"{self.year}-01-01"), ("end", f"{self.year}-12-31")]
        if self.kind:
            where += " and kind = :kind"
            params.append(("kind", self.kind))
        sql = f"select * from {TABLE} where {where} order by {order}, id limit {self.size}"
        params = [("sql", sql), *params, ("_shape", "array")]
        return f"/{database}.json?{urllib.parse.urlencode(params)}"


# The request: GET /api/v1/patrols/?year=2024, 50 patrols in the default order.
WARM = Query(2024)


def cold_pool(seed=1):
    """Every query of the cold space (year × kind × ordering × page size), shuffled with
    ``seed``: no two ask for the same page, and none for the warm one."""
    queries = [
        Query(year, kind, ordering, size)
        for year in YEARS
        for kind in KINDS
        for ordering in ORDERINGS
        for size in PAGE_SIZES
    ]
    warm = WARM.normalised()
    queries = [query for query in queries if query.normalised() != warm]
    random.Random(seed).shuffle(queries)
    return queries


@dataclass(frozen=True)
class Plan:
    """Who gets which cold queries in one run: the same slices go to every server."""

    check: list  # asked of both before measuring, to compare their rows; never measured
    latency: list  # one slice per round
    throughput: list  # one slice per wrk round: more than wrk is likely to send


def allocate(pool, checks, rounds, requests):
    """Cut ``pool`` into disjoint slices: ``checks`` queries to compare rows, ``requests`` per
    latency round, and the rest shared out among the throughput rounds."""
    needed = checks + rounds * requests
    if rounds < 1 or requests < 1 or needed + rounds > len(pool):
        raise ValueError(
            f"{rounds} rounds of {requests} requests (+{checks} checks) need more than the "
            f"{len(pool)} distinct cold queries."
        )
    check, rest = pool[:checks], pool[checks:]
    latency = [rest[i * requests : (i + 1) * requests] for i in range(rounds)]
    rest = rest[rounds * requests :]
    share = len(rest) // rounds
    throughput = [rest[i * share : (i + 1) * share] for i in range(rounds)]
    return Plan(check, latency, throughput)


def rows_of(data):
    """The rows of a page: the project's ``results``, or Datasette's array."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return data
    raise ValueError(f"Not a page of rows: {str(data)[:200]}")


def same_rows(project_rows, datasette_rows, column):
    """Do two pages hold the same rows, up to the order of rows tied on ``column``? Returns
    ``(same, shared, size)``: the count and the sort column's values agree position by position,
    and ``shared`` rows (by slug) are in both."""
    keys = [[row.get(column) for row in rows] for rows in (project_rows, datasette_rows)]
    shared = len({row["slug"] for row in project_rows} & {row["slug"] for row in datasette_rows})
    return keys[0] == keys[1], shared, len(project_rows)
