"""The record pages in a real browser (Debian's Chromium, through ``tests.browser``).

A patrol's page shows its disputed claim, both values with their sources; every record page
loads with no request leaving the site, no CSP violation and no script error, its map (on a
patrol's page) loads its layers, and at 1366 and 390 pixels wide the page itself never scrolls
sideways (wide tables scroll inside their own box). Screenshots are saved in ``SCREENSHOTS``
(CI keeps them as artefacts).
"""

import datetime
from pathlib import Path

import pytest

from tests import factories
from tests.browser import BROWSER_MARKS, open_browser

pytestmark = BROWSER_MARKS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
VIEWPORTS = {"1366": {"width": 1366, "height": 800}, "390": {"width": 390, "height": 844}}
ROUTE = {"type": "LineString", "coordinates": [[125, 33], [131, 37], [140, 42]]}


@pytest.fixture
def patrol(transactional_db):
    """A patrol flown by two countries with a route, one count unknown, its start date disputed
    by a second source."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    h6k = factories.AircraftTypeFactory(slug="h-6k", designation="H-6K")
    tu95 = factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS")
    patrol = factories.PatrolFactory(
        slug="joint-patrol-6", name="6th joint strategic air patrol", ordinal=6,
        start_date=datetime.date(2023, 6, 6), end_date=datetime.date(2023, 6, 7), route=ROUTE,
        summary="Two H-6K and two Tu-95MS over the Sea of Japan and the East China Sea.",
    )  # fmt: skip
    factories.ParticipationFactory(
        patrol=patrol, aircraft_type=h6k, operator__country=china, count=2
    )
    factories.ParticipationFactory(
        patrol=patrol, aircraft_type=tu95, operator__country=russia, count=None
    )
    factories.PatrolRegionFactory(patrol=patrol, region__name="Sea of Japan")
    mnd = factories.SourceFactory(slug="mnd", title="China MND on the 6th patrol", reliability="B")
    tass = factories.SourceFactory(slug="tass", title="TASS on the 6th patrol", reliability="C")
    factories.CitationFactory(content_object=patrol, source=mnd)
    factories.CitationFactory(content_object=tu95, source=tass)
    factories.ClaimFactory(
        content_object=patrol, field="start_date", value="2023-06-07", source=tass,
        note="The Russian statement is dated 7 June.", confidence="reported",
    )  # fmt: skip
    return patrol


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fits(page, name):
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name} scrolls sideways: {width}"


def test_a_patrol_page_shows_its_disputed_claim_on_site_and_under_the_policy(live_server, patrol):
    with open_browser(live_server.url, viewport=VIEWPORTS["1366"]) as browser:
        page = browser.open("/patrols/joint-patrol-6/")

        claim = page.locator("#claims tbody tr").first
        assert claim.locator("th .badge.disputed").inner_text() == "disputed"
        assert claim.locator("td.kept .value").inner_text() == "2023-06-06"
        assert "China MND on the 6th patrol" not in claim.locator("td.kept").inner_text()
        assert claim.locator("td.kept a").inner_text() == "the sources of the patrol"
        assert claim.locator("td.claimed .value").inner_text() == "2023-06-07"
        assert "TASS on the 6th patrol" in claim.locator("td.claimed").inner_text()
        page.locator("#facts .badge.disputed").click()  # the badge leads to the claims
        assert page.url.endswith("#claims")

        page.wait_for_selector(".record-map[data-map-state]:not([data-map-state='loading'])")
        assert page.get_attribute(".record-map", "data-map-state") == "ready"
        browser.assert_clean()


@pytest.mark.parametrize("name", VIEWPORTS)
def test_every_record_page_fits_the_screen_and_stays_on_site(live_server, patrol, name):
    pages = {
        "patrol": "/patrols/joint-patrol-6/",
        "aircraft-type": "/aircraft-types/tu-95ms/",
        "source": "/sources/tass/",
    }
    with open_browser(live_server.url, viewport=VIEWPORTS[name]) as browser:
        for kind, path in pages.items():
            page = browser.open(path)
            assert page.locator("h1").count() == 1
            if kind == "patrol":
                page.wait_for_selector(
                    ".record-map[data-map-state]:not([data-map-state='loading'])"
                )
            fits(page, f"{path} at {name} px")
            browser.assert_clean()
            shoot(page, f"record-{kind}-{name}")


def test_the_patrol_map_draws_its_route(live_server, patrol):
    with open_browser(live_server.url, viewport=VIEWPORTS["1366"]) as browser:
        page = browser.open("/patrols/joint-patrol-6/")
        page.wait_for_selector(".record-map[data-map-state]:not([data-map-state='loading'])")

        assert page.get_attribute(".record-map", "data-features-drawn") == "1"
