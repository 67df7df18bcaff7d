"""``aircraft_type`` matches a type and its variants at any depth, ``region`` a region and the
regions within it, wherever they filter. (The researchers' questions on the curated data are
tests/curation/test_researchers_questions.py.)
"""

import pytest

from tests import factories
from tests.core.filter_cases import listed, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    """h-6 > h-6k > h-6k-late, h-6 > h-6n; ecs > ecs-north > ecs-north-west; and a patrol each."""
    h6 = factories.AircraftTypeFactory(slug="h-6")
    h6k = factories.AircraftTypeFactory(slug="h-6k", variant_of=h6)
    late = factories.AircraftTypeFactory(slug="h-6k-late", variant_of=h6k)
    h6n = factories.AircraftTypeFactory(slug="h-6n", variant_of=h6)
    other = factories.AircraftTypeFactory(slug="tu-95ms")
    ecs = factories.RegionFactory(slug="ecs")
    north = factories.RegionFactory(slug="ecs-north", parent=ecs)
    north_west = factories.RegionFactory(slug="ecs-north-west", parent=north)
    soj = factories.RegionFactory(slug="soj")
    for slug, aircraft_type, region in [
        ("flew-h-6", h6, soj),
        ("flew-h-6k", h6k, ecs),
        ("flew-h-6k-late", late, north_west),
        ("flew-h-6n", h6n, north),
        ("flew-tu-95ms", other, soj),
    ]:
        patrol = factories.PatrolFactory(slug=slug)
        factories.ParticipationFactory(patrol=patrol, aircraft_type=aircraft_type)
        factories.InterceptionFactory(patrol=patrol, aircraft_type=aircraft_type, region=region)
        factories.PatrolRegionFactory(patrol=patrol, region=region)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("h-6", {"flew-h-6", "flew-h-6k", "flew-h-6k-late", "flew-h-6n"}),
        ("h-6k", {"flew-h-6k", "flew-h-6k-late"}),
        ("h-6k-late", {"flew-h-6k-late"}),
        ("h-6n&aircraft_type=h-6k-late", {"flew-h-6n", "flew-h-6k-late"}),
        ("tu-95ms", {"flew-tu-95ms"}),
    ],
)
@pytest.mark.parametrize("resource", ["patrols", "participations", "interceptions"])
def test_an_aircraft_type_matches_its_variants_at_any_depth(
    api_client, family, resource, value, expected
):
    found = rows(listed(api_client, resource, f"aircraft_type={value}"))
    patrols = [row["slug"] if resource == "patrols" else row["patrol"]["slug"] for row in found]

    assert sorted(patrols) == sorted(expected)  # each once


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ecs", {"flew-h-6k", "flew-h-6k-late", "flew-h-6n"}),
        ("ecs-north", {"flew-h-6k-late", "flew-h-6n"}),
        ("ecs-north-west", {"flew-h-6k-late"}),
        ("soj", {"flew-h-6", "flew-tu-95ms"}),
    ],
)
@pytest.mark.parametrize("resource", ["patrols", "interceptions", "patrol-regions"])
def test_a_region_matches_the_regions_within_it_at_any_depth(
    api_client, family, resource, value, expected
):
    found = rows(listed(api_client, resource, f"region={value}"))
    patrols = [row["slug"] if resource == "patrols" else row["patrol"]["slug"] for row in found]

    assert sorted(patrols) == sorted(expected)


def test_statistics_count_a_family_through_the_patrol_filters(api_client, family):
    body = api_client.get("/api/v1/patrols/stats/?aircraft_type=h-6&group_by=year").json()

    assert body["patrols"] == 4
