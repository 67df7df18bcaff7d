"""Each filter the explorer's form offers selects, in the table, exactly the patrols the API's
list selects for it, in the list's order.

The cases are generated from the page itself: every value of every box and option the form
offers, and every year (calendar and fiscal) around the patrols' as bounds, over the small
world of ``tests.core.filter_cases`` with an aircraft family (H-6 above the H-6K) and a
sub-region (the Sea of Japan holding Sado) added, so that a family and a region include what
lies below them. Each field must narrow the table for some value: a filter the page dropped
would fail here.
"""

import pytest

from explorer.filters import CALENDAR_BOUNDS, FISCAL_BOUNDS, OFFERED
from tests import factories
from tests.core import filter_cases
from tests.core.filter_cases import ALL_PATROLS
from tests.explorer.index_html import IndexPage

pytestmark = pytest.mark.django_db

world = filter_cases.world
patrols = filter_cases.patrols


@pytest.fixture
def families_and_sub_regions(world, patrols):
    """H-6 above the H-6K; Sado within the Sea of Japan, crossed by a patrol of its own."""
    h6 = factories.AircraftTypeFactory(slug="h-6", designation="H-6")
    world["h-6k"].variant_of = h6
    world["h-6k"].save()
    world["sado"] = factories.RegionFactory(
        slug="sado", name="Sado Island area", parent=world["sea-of-japan"]
    )
    filter_cases.patrol(
        world,
        "ru-sado-2025",
        "2025-03-20",  # FY2024
        kind="national_long_range_patrol",
        regions=("sado",),
        flights=(("tu-95ms", "lra", "bomber"),),
    )
    return patrols


def table(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200, response.content.decode()[:1500]
    return IndexPage(response.content.decode()).rows


def api_list(client, query):
    response = client.get(f"/api/v1/patrols/?{query}&page_size=500")
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


def year_cases():
    """Bounds from before the first patrol to after the last, calendar and fiscal."""
    return [
        (name, str(year))
        for name in (*CALENDAR_BOUNDS, *FISCAL_BOUNDS)
        for year in range(2018, 2027)
    ]


def test_every_offered_value_selects_what_the_api_selects(client, families_and_sub_regions):
    form = IndexPage(client.get("/").content.decode()).offered()
    cases = [(name, value) for name in OFFERED for value in form.get(name, ())] + year_cases()
    narrowed = set()

    for name, value in cases:
        query = f"{name}={value}"
        shown = table(client, query)
        assert shown == api_list(client, query), query
        if len(shown) < len(ALL_PATROLS) + 1:  # the world's seven and Sado's
            narrowed.add(name)

    assert narrowed == set(OFFERED), f"never narrowed: {set(OFFERED) - narrowed}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A family includes its variants; a region the regions within it.
        ("aircraft_type=h-6", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("region=sea-of-japan", {"jp-2019", "jp-2023", "ru-2024", "ru-sado-2025"}),
        ("region=sado", {"ru-sado-2025"}),
        # A fiscal year runs April to March: 16 January 2024 and 20 March 2025 are FY2023 and
        # FY2024.
        ("fiscal_year_min=2023&fiscal_year_max=2023", {"jp-2023", "ru-2024"}),
        ("fiscal_year_min=2024", {"jp-2024", "ru-sado-2025"}),
        # Repeated values OR; different filters AND, on one participation (the API's rule).
        ("kind=exercise&kind=national_long_range_patrol&country=RU", {"ru-2024", "ru-sado-2025"}),
        ("country=CN&aircraft_type=tu-95ms", set()),
        ("confidence=confirmed&confidence=disputed", {"jp-2019", "jp-2024"}),
    ],
)
def test_combined_filters_select_what_the_api_selects(
    client, families_and_sub_regions, query, expected
):
    shown = table(client, query)

    assert set(shown) == expected
    assert shown == api_list(client, query)
