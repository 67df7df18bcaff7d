"""The explorer's numbers are the API's: the charts' bars and tables, the table's aircraft, what
the map leaves out; and the page costs the same number of queries whatever the number of
patrols.

- Each kind's bars are what ``/api/v1/patrols/stats/`` answers for the page's filters with that
  kind (0 for a year between the first and the last it does not list), and the chart's
  table's whole is the endpoint's answer for the page's filters.
- The scrambles chart is ``/api/v1/activity-counts/stats/?group_by=fiscal_year&measure=
  scrambles`` (within the page's fiscal-year range), a partial figure marked with its days.
- A patrol's "aircraft at least" is the API list's ``aircraft_at_least``.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.core import filter_cases
from tests.explorer.index_html import IndexPage

pytestmark = pytest.mark.django_db

world = filter_cases.world
patrols = filter_cases.patrols

KINDS = ("joint_strategic_patrol", "national_long_range_patrol", "exercise")


def page(client, query=""):
    response = client.get(f"/?{query}")
    assert response.status_code == 200, response.content.decode()[:1500]
    return IndexPage(response.content.decode())


def stats(client, query, group_by, **extra):
    """The statistics endpoint's groups by key, for ``query`` and ``extra`` filters."""
    params = [("group_by", group_by), *extra.items()]
    response = client.get(
        "/api/v1/patrols/stats/?" + "&".join(f"{k}={v}" for k, v in params) + f"&{query}"
    )
    assert response.status_code == 200, response.json()
    return {group["key"]: group for group in response.json()["groups"]}


def number(text):
    return int(text.split()[0])


@pytest.mark.parametrize("period", ["calendar", "fiscal"])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=RU",
        "kind=joint_strategic_patrol&kind=exercise",
        "region=sea-of-japan&year_min=2020",
        "fiscal_year_min=2023",
    ],
)
def test_the_patrols_chart_is_the_statistics_endpoints_answer(client, patrols, query, period):
    group_by = "fiscal_year" if period == "fiscal" else "year"
    html = page(client, f"{query}&period={period}".lstrip("&"))
    chart = html.data["patrols-chart-data"]
    whole = stats(client, query, group_by)

    # Every year from the first to the last, none skipped.
    years = [int(label.removeprefix("FY")) for label in chart["labels"]]
    assert years == list(range(min(years), max(years) + 1))
    assert set(chart["labels"]) >= set(whole)
    # Each kind's bars: the endpoint with that kind (in place of the page's kinds, if any: the
    # chart shows only those).
    others = "&".join(p for p in query.split("&") if not p.startswith("kind="))
    for dataset in chart["datasets"]:
        kind = stats(client, others, group_by, kind=dataset["key"])
        expected = [kind.get(label, {}).get("patrols", 0) for label in chart["labels"]]
        assert dataset["data"] == expected, (query, dataset["key"])
    chosen = {p.removeprefix("kind=") for p in query.split("&") if p.startswith("kind=")}
    for kind in (chosen or set(KINDS)) - {dataset["key"] for dataset in chart["datasets"]}:
        assert stats(client, others, group_by, kind=kind) == {}  # left out: none of that kind
    # The table under it: the whole, as the endpoint gives it without a kind.
    table = html.table("patrols-chart")
    assert list(table) == chart["labels"]
    for label, row in table.items():
        group = whole.get(label, {})
        assert number(row["All kinds"]) == group.get("patrols", 0)
        assert number(row["Aircraft (at least)"]) == group.get("aircraft_at_least", 0)


def test_the_patrols_aircraft_are_the_api_lists(client, world, patrols):
    factories.ReportedFigureFactory(
        patrol=patrols["jp-2019"], quantity="aircraft_total", value=10, qualifier="more_than"
    )
    factories.ZoneEntryFactory(patrol=patrols["ru-2024"], country=world["russia"], aircraft_count=9)
    html = page(client)
    listed = {
        row["slug"]: row["aircraft_at_least"]
        for row in client.get("/api/v1/patrols/?page_size=500").json()["results"]
    }

    shown = {slug: html.cells[slug][4] for slug in html.rows}
    assert number(shown["jp-2019"]) == listed["jp-2019"] == 11  # "more than 10"
    assert number(shown["ru-2024"]) == listed["ru-2024"] == 9  # one zone entry's 9
    for slug, cell in shown.items():
        assert (number(cell) if listed[slug] else cell) == (listed[slug] or "unknown"), slug


@pytest.fixture
def scrambles(db):
    """Japan's Joint Staff's scrambles: FY2023 whole (total, China, Russia), FY2025 to 30
    September (partial), FY2020's total only; and one other measure the chart leaves out."""
    staff = factories.OrganizationFactory(slug="japan-joint-staff", name="Joint Staff Office")
    china = factories.CountryFactory(code="CN", name="China")
    russia = factories.CountryFactory(code="RU", name="Russia")
    count = factories.ActivityCountFactory
    count(reported_by=staff, year=2023, count=669)
    count(reported_by=staff, year=2023, scope="country", country=china, count=479)
    count(reported_by=staff, year=2023, scope="country", country=russia, count=174)
    count(reported_by=staff, year=2020, count=725)
    count(
        reported_by=staff,
        year=2025,
        scope="country",
        country=china,
        count=198,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2025, 9, 30),
    )
    count(reported_by=staff, measure="adiz_entries", period="calendar_year", year=2023, count=5)


@pytest.mark.parametrize("query", ["", "fiscal_year_min=2021", "fiscal_year_max=2020&country=CN"])
def test_the_scrambles_chart_is_the_activity_statistics_endpoints_answer(client, scrambles, query):
    html = page(client, query)
    chart = html.data["scrambles-chart-data"]
    bounds = "&".join(p for p in query.split("&") if p.startswith("fiscal_year"))
    answer = client.get(
        f"/api/v1/activity-counts/stats/?group_by=fiscal_year&measure=scrambles&{bounds}"
    ).json()["groups"]
    names = {"total": "All countries", "CN": "China", "RU": "Russia"}

    drawn = {
        (label, dataset["label"]): value
        for dataset in chart["datasets"]
        for label, value in zip(chart["labels"], dataset["data"], strict=True)
        if value is not None
    }
    assert drawn == {
        (group["key"], names[group["country"] or group["scope"]]): group["count"]
        for group in answer
    }


def test_a_partial_scramble_figure_is_marked_with_its_days(client, scrambles):
    html = page(client)
    chart = html.data["scrambles-chart-data"]
    china = next(d for d in chart["datasets"] if d["label"] == "China")
    notes = dict(zip(chart["labels"], china["notes"], strict=True))

    assert notes["FY2025"] == "partial: 1 Apr 2025 – 30 Sep 2025"
    assert notes["FY2023"] == ""
    assert chart["labels"] == ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024", "FY2025"]
    cell = html.table("scrambles-chart")["FY2025"]["China"]
    assert cell == "198 partial: 1 Apr 2025 – 30 Sep 2025"
    assert html.table("scrambles-chart")["FY2021"]["China"] == "not given"


# --- What the map leaves out ---------------------------------------------------------------------


def test_the_page_says_what_the_map_cannot_draw(client, patrols, world):
    shaped = factories.RegionFactory(
        slug="shaped",
        name="Shaped Sea",
        geometry={"type": "Polygon", "coordinates": [[[130, 35], [131, 35], [131, 36], [130, 35]]]},
    )
    factories.PatrolRegionFactory(patrol=patrols["jp-2022"], region=shaped)
    patrols["jp-2023"].route = {"type": "LineString", "coordinates": [[130, 40], [135, 42]]}
    patrols["jp-2023"].save()
    kadiz = world["kadiz"]
    factories.ZoneBoundaryFactory(region=kadiz, points_ordered=False, effective_from=None)
    factories.ZoneBoundaryFactory(
        region=factories.RegionFactory(slug="j", name="JADIZ", kind="adiz"),
        effective_from=datetime.date(1969, 8, 29),
    )
    factories.ZoneBoundaryFactory(
        region=factories.RegionFactory(slug="a", name="Alaska ADIZ", kind="adiz"),
        status="described",
        points=[],
        points_ordered=False,
        effective_from=None,
    )

    html = page(client, "kind=joint_strategic_patrol")

    assert html.not_mapped == (
        "Not on the map: 2 of 4 matching patrols have no route or region shape, so the map "
        "cannot place them. 5 of 6 regions have no shape. "
        "The Alaska ADIZ boundary is described in words only: there is nothing to draw. "
        "The JADIZ boundary (from 29 August 1969) is known only in part: 2 points in order, "
        "drawn as an open dashed line. "
        "The KADIZ boundary is known only as 2 points in no known order, drawn as loose points."
    )


# --- The cost does not grow with the patrols ---------------------------------------------------


def build_patrols(named, n, kinds=KINDS):
    """``n`` patrols, of ``kinds`` in turn and over six years from 2020, each with everything
    the page reads: two participations (one a Japanese Tu-95MS), a region within the Sea of
    Japan, an aircraft total, a zone entry, an interception."""
    for i in range(n):
        patrol = factories.PatrolFactory(
            kind=kinds[i % len(kinds)], start_date=datetime.date(2020 + i % 6, 1 + i % 12, 1)
        )
        factories.ParticipationFactory(
            patrol=patrol, aircraft_type=named["tu-95ms"], operator=named["jasdf"]
        )
        factories.ParticipationFactory(patrol=patrol)
        factories.PatrolRegionFactory(patrol=patrol, region=named["sado"])
        factories.ReportedFigureFactory(patrol=patrol, quantity="aircraft_total", value=5)
        factories.ZoneEntryFactory(patrol=patrol)
        factories.InterceptionFactory(patrol=patrol)


def queries_for(client, query):
    client.get(f"/?{query}")  # the data set's version is computed once, then read
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert IndexPage(response.content.decode()).rows, "the query must match the patrols"
    return len(captured.captured_queries)


# Each matches every patrol built, the last through a family and a region's sub-region.
QUERIES = ["", "period=fiscal&country=JP", "aircraft_type=tu-95&region=sea-of-japan&year_min=2020"]


@pytest.fixture
def named(db):
    """A Japanese operator, the Tu-95MS within the Tu-95 family, Sado within the Sea of Japan."""
    japan = factories.CountryFactory(code="JP")
    tu95 = factories.AircraftTypeFactory(slug="tu-95")
    sea = factories.RegionFactory(slug="sea-of-japan")
    return {
        "jasdf": factories.OrganizationFactory(country=japan),
        "tu-95ms": factories.AircraftTypeFactory(slug="tu-95ms", variant_of=tu95),
        "sado": factories.RegionFactory(slug="sado", parent=sea),
    }


@pytest.mark.parametrize("query", QUERIES)
def test_the_page_costs_the_same_queries_for_1_patrol_as_for_15(client, named, query):
    build_patrols(named, 1, kinds=("joint_strategic_patrol",))
    one = queries_for(client, query)
    build_patrols(named, 14, kinds=("joint_strategic_patrol",))
    fifteen = queries_for(client, query)

    assert one == fifteen


@pytest.mark.parametrize("query", QUERIES)
def test_the_page_costs_the_same_queries_for_3_patrols_of_3_kinds_as_for_15(client, named, query):
    """A kind among the matching patrols adds one run of the statistics; patrols add none."""
    build_patrols(named, 3)
    three = queries_for(client, query)
    build_patrols(named, 12)
    fifteen = queries_for(client, query)

    assert three == fifteen
