"""The explorer's index in a real browser (Debian's Chromium, through ``tests.browser``).

It loads with no request leaving the site, no CSP violation and no script error; the chart's
bars (read from the Chart.js instance) are the statistics endpoint's answer for the same
filters; ticking a filter updates the URL, the table, the chart and the export links without
a full page load; the map draws every geometry the API's GeoJSON holds, each zone boundary as
what it is; and at 1366 and 390 pixels wide the page never scrolls sideways (the table scrolls
in its own wrapper) and can be walked with the keyboard. Screenshots are saved in
``SCREENSHOTS`` (CI keeps them as artefacts).
"""

import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from patrols.models import PatrolKind
from tests import factories
from tests.browser import BROWSER_MARKS, open_browser

pytestmark = BROWSER_MARKS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDE = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
KIND_OF = {label: kind for kind, label in PatrolKind.choices}
CHART = """() => {
  const chart = Chart.getChart(document.getElementById("patrols-chart"));
  return {labels: chart.data.labels,
          datasets: chart.data.datasets.map((d) => ({label: d.label, data: d.data}))};
}"""
SQUARE = {"type": "Polygon", "coordinates": [[[130, 36], [134, 36], [134, 40], [130, 36]]]}


@pytest.fixture
def data(transactional_db):
    """Patrols of each kind over five years, one with a route and one through a region with a
    shape; zone boundaries of every status; JASDF scrambles with a partial year."""
    china = factories.CountryFactory(code="CN", name="China")
    russia = factories.CountryFactory(code="RU", name="Russia")
    plaaf = factories.OrganizationFactory(slug="plaaf", country=china)
    lra = factories.OrganizationFactory(slug="lra", country=russia)
    h6 = factories.AircraftTypeFactory(slug="h-6", designation="H-6")
    h6k = factories.AircraftTypeFactory(slug="h-6k", designation="H-6K", variant_of=h6)
    tu95 = factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS")
    sea = factories.RegionFactory(slug="sea-of-japan", name="Sea of Japan", geometry=SQUARE)
    factories.RegionFactory(slug="east-china-sea", name="East China Sea")
    plan = [
        ("joint_strategic_patrol", "2019-07-23", [(h6k, plaaf), (tu95, lra)]),
        ("joint_strategic_patrol", "2020-12-22", [(h6k, plaaf), (tu95, lra)]),
        ("joint_strategic_patrol", "2023-06-06", [(h6k, plaaf), (tu95, lra)]),
        ("national_long_range_patrol", "2021-03-01", [(tu95, lra)]),
        ("national_long_range_patrol", "2023-02-10", [(tu95, lra)]),
        ("exercise", "2022-08-01", [(h6k, plaaf)]),
    ]
    patrols = []
    for kind, day, flights in plan:
        patrol = factories.PatrolFactory(kind=kind, start_date=datetime.date.fromisoformat(day))
        for aircraft_type, operator in flights:
            factories.ParticipationFactory(
                patrol=patrol, aircraft_type=aircraft_type, operator=operator
            )
        patrols.append(patrol)
    patrols[0].route = {"type": "LineString", "coordinates": [[125, 33], [131, 37], [140, 42]]}
    patrols[0].save()
    factories.PatrolRegionFactory(patrol=patrols[3], region=sea)
    adiz = factories.RegionFactory
    factories.ZoneBoundaryFactory(region=adiz(slug="jadiz", name="JADIZ", kind="adiz"))
    factories.ZoneBoundaryFactory(
        region=adiz(slug="kadiz", name="KADIZ", kind="adiz"),
        points_ordered=False,
        points=[{"n": None, "lon": lon, "lat": lat, "dms": None} for lon, lat in
                ((123.5, 39.0), (133.0, 39.0), (124.0, 30.0))],
    )  # fmt: skip
    factories.ZoneBoundaryFactory(
        region=adiz(slug="alaska-adiz", name="Alaska ADIZ", kind="adiz"),
        status="described",
        points=[],
        points_ordered=False,
    )
    staff = factories.OrganizationFactory(slug="japan-joint-staff", name="Joint Staff Office")
    for year, total in ((2022, 778), (2023, 669)):
        factories.ActivityCountFactory(reported_by=staff, year=year, count=total)
    factories.ActivityCountFactory(
        reported_by=staff,
        year=2025,
        count=448,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    return patrols


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def ready(page):
    """Wait until the map has drawn its layers; fail with its status if one failed."""
    page.wait_for_selector("#explorer-map[data-map-state]:not([data-map-state='loading'])")
    state = page.get_attribute("#explorer-map", "data-map-state")
    assert state == "ready", page.inner_text("#explorer-map .map-status")


FETCH = """async (url) => {
  const response = await fetch(url);
  return {status: response.status, body: await response.json()};
}"""


def get_json(page, url):
    """``url``'s JSON, fetched by the page itself (on site, under its policy)."""
    answer = page.evaluate(FETCH, url)
    assert answer["status"] == 200, (url, answer)
    return answer["body"]


def assert_chart_is_the_endpoints(page, filters):
    """Each dataset's bars are /api/v1/patrols/stats/ for ``filters`` with its kind."""
    chart = page.evaluate(CHART)
    assert chart["datasets"], "no bar drawn"
    for dataset in chart["datasets"]:
        kind = KIND_OF[dataset["label"]]
        answer = get_json(page, f"/api/v1/patrols/stats/?group_by=year&kind={kind}&{filters}")
        counted = {group["key"]: group["patrols"] for group in answer["groups"]}
        assert dataset["data"] == [counted.get(year, 0) for year in chart["labels"]], kind
    return chart


def table_slugs(page):
    return page.eval_on_selector_all(
        "[data-patrol-table] tbody tr", "rows => rows.map(r => r.dataset.slug)"
    )


def listed_slugs(page, filters):
    return [
        row["slug"]
        for row in get_json(page, f"/api/v1/patrols/?page_size=500&{filters}")["results"]
    ]


def test_the_explorer_loads_on_site_and_its_chart_and_map_are_the_apis(live_server, data):
    with open_browser(live_server.url, viewport=WIDE) as browser:
        page = browser.open("/")
        ready(page)
        browser.assert_clean()

        chart = assert_chart_is_the_endpoints(page, "")
        assert chart["labels"] == ["2019", "2020", "2021", "2022", "2023"]
        assert table_slugs(page) == listed_slugs(page, "")

        layers = page.get_attribute("#explorer-map", "data-layers").split()
        features = [f for url in layers for f in get_json(page, url)["features"]]
        drawn = [f for f in features if f["geometry"]]
        assert int(page.get_attribute("#explorer-map", "data-features-drawn")) == len(drawn)
        boundaries = {f["id"]: f["geometry"] for f in features if "status" in f["properties"]}
        assert sorted(g["type"] if g else "null" for g in boundaries.values()) == [
            "LineString",
            "MultiPoint",
            "null",
        ]
        # Each as what it is: the ordered points as one open dashed line, the unordered ones
        # as loose points, the described one not at all.
        assert page.locator("path.map-boundary-line").count() == 1
        assert page.locator("path.map-boundary-point").count() == 3
        assert page.locator("path.map-boundary-complete").count() == 0
        assert page.locator("path.map-patrol").count() >= 1  # the route
        assert page.locator("path.map-region").count() == 1  # the Sea of Japan's square
        shoot(page, "explorer-index-1366-map")


def test_changing_a_filter_updates_the_table_chart_and_links_in_place(live_server, data):
    with open_browser(live_server.url, viewport=WIDE) as browser:
        page = browser.open("/")
        ready(page)
        page.evaluate("window.stillThisPage = true")

        page.get_by_label("Russia").check()
        page.wait_for_url("**country=RU**")
        page.wait_for_selector("[data-results][aria-busy='false']")
        page.wait_for_function(
            "() => document.querySelector('[data-swap=summary]').textContent.includes('5 patrols')"
        )

        assert page.evaluate("window.stillThisPage") is True  # no full page load
        assert table_slugs(page) == listed_slugs(page, "country=RU")
        assert_chart_is_the_endpoints(page, "country=RU")
        for key in ("patrols-csv", "patrols-json", "patrols-geojson", "stats-csv", "stats-json"):
            href = page.get_attribute(f"[data-export='{key}']", "href")
            assert ("country", "RU") in parse_qsl(urlsplit(href).query), key
        ready(page)
        patrol_layer = page.get_attribute("#explorer-map", "data-layers").split()[1]
        assert ("country", "RU") in parse_qsl(urlsplit(patrol_layer).query)

        page.get_by_label("Japanese fiscal year (April–March)").check()
        page.wait_for_url("**period=fiscal**")
        page.wait_for_function(
            "() => Chart.getChart(document.getElementById('patrols-chart'))"
            ".data.labels[0].startsWith('FY')"
        )
        shoot(page, "explorer-index-1366-russia-fiscal")
        browser.assert_clean()


def test_the_page_fits_a_phone_and_a_wide_screen_and_walks_with_the_keyboard(live_server, data):
    for name, viewport in (("1366", WIDE), ("390", PHONE)):
        with open_browser(live_server.url, viewport=viewport) as browser:
            page = browser.open("/")
            ready(page)
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"the page scrolls sideways at {name} px: {width}"
            wrapper = page.locator(".table-wrap:has([data-patrol-table])")
            assert wrapper.evaluate("(w) => getComputedStyle(w).overflowX") == "auto"
            shoot(page, f"explorer-index-{name}")

            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
            reached = set()
            for _ in range(80):
                page.keyboard.press("Tab")
                reached.add(
                    page.evaluate("document.activeElement.name || document.activeElement.id")
                )
            assert {"year_min", "fiscal_year_max", "period", "kind", "country", "aircraft_type",
                    "region", "confidence"} <= reached  # fmt: skip
            browser.assert_clean()
