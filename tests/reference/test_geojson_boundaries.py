"""A zone boundary as a GeoJSON feature draws exactly what its source gives, never more: a
complete boundary a closed ring, a partial one an open line (in order) or loose points (in no
known order), a described one nothing at all (null, counted as unmapped). Coordinates are the
stored decimals, unrounded."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

BOUNDARIES = "/api/v1/zone-boundaries/"


def point(n, lon, lat):
    return {"n": n, "lon": lon, "lat": lat, "dms": None}


# Decimals as a source converts them (more digits than a float's shortest form needs to round).
POINTS = [
    point(1, 138.746388888889, 45.751944444444),
    point(2, 132.997222, 40.669167),
    point(None, 130.4975, 36.003056),
    point(4, 124.998056, 33.003333),
]
POSITIONS = [[p["lon"], p["lat"]] for p in POINTS]


def feature(client, boundary):
    response = client.get(f"{BOUNDARIES}{boundary.slug}/", {"format": "geojson"})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_complete_boundary_is_a_polygon_closed_by_its_first_point(api_client):
    boundary = factories.ZoneBoundaryFactory(status="complete", points=POINTS)

    geometry = feature(api_client, boundary)["geometry"]

    assert geometry == {"type": "Polygon", "coordinates": [[*POSITIONS, POSITIONS[0]]]}


def test_a_complete_boundary_that_repeats_its_first_point_is_not_closed_twice(api_client):
    """A source that ends where it began ("… thence to the point of origin") lists the first
    point again, unnumbered (a number is given once)."""
    back_to_origin = {**POINTS[0], "n": None}
    boundary = factories.ZoneBoundaryFactory(status="complete", points=[*POINTS, back_to_origin])

    (ring,) = feature(api_client, boundary)["geometry"]["coordinates"]

    assert ring == [*POSITIONS, POSITIONS[0]]


def test_a_partial_boundary_in_order_is_an_open_line(api_client):
    boundary = factories.ZoneBoundaryFactory(status="partial", points_ordered=True, points=POINTS)

    geometry = feature(api_client, boundary)["geometry"]

    assert geometry == {"type": "LineString", "coordinates": POSITIONS}
    assert geometry["coordinates"][0] != geometry["coordinates"][-1]


def test_a_partial_boundary_in_no_known_order_is_loose_points(api_client):
    boundary = factories.ZoneBoundaryFactory(status="partial", points_ordered=False, points=POINTS)

    geometry = feature(api_client, boundary)["geometry"]

    assert geometry == {"type": "MultiPoint", "coordinates": POSITIONS}


def test_a_single_ordered_point_is_a_point_not_a_line(api_client):
    """A LineString needs two positions (RFC 7946 §3.1.4)."""
    boundary = factories.ZoneBoundaryFactory(status="partial", points=POINTS[:1])

    geometry = feature(api_client, boundary)["geometry"]

    assert geometry == {"type": "MultiPoint", "coordinates": POSITIONS[:1]}


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "described", "points": [], "points_ordered": False},
        {"status": "partial", "points": [], "points_ordered": False},
    ],
    ids=["described", "partial-without-points"],
)
def test_a_boundary_without_points_has_no_geometry_and_is_counted_unmapped(api_client, fields):
    unmapped = factories.ZoneBoundaryFactory(**fields)
    factories.ZoneBoundaryFactory()  # two points, in order: a line

    body = api_client.get(BOUNDARIES, {"format": "geojson"}).json()

    assert feature(api_client, unmapped)["geometry"] is None
    assert (body["count"], body["unmapped"]) == (2, 1)


def test_the_properties_say_what_the_geometry_is_and_where_it_came_from(api_client):
    boundary = factories.ZoneBoundaryFactory(
        status="partial",
        points_ordered=True,
        points=POINTS,
        segments_not_points=["(4)–(5): 12 nm outside the coast"],
        confidence="confirmed",
    )
    record = api_client.get(f"{BOUNDARIES}{boundary.slug}/").json()

    found = feature(api_client, boundary)

    assert found["type"] == "Feature"
    assert found["id"] == boundary.slug
    assert found["properties"] == {
        "slug": boundary.slug,
        "name": str(boundary),
        "region": boundary.region.slug,
        "status": "partial",
        "points_ordered": True,
        "point_numbers": [1, 2, None, 4],
        "segments_not_points": ["(4)–(5): 12 nm outside the coast"],
        "url": record["url"],
        "confidence": "confirmed",
    }


def test_the_filters_are_the_lists(api_client):
    factories.ZoneBoundaryFactory(status="complete", points=POINTS)
    partial = factories.ZoneBoundaryFactory(status="partial", points_ordered=False, points=POINTS)

    body = api_client.get(
        BOUNDARIES, {"format": "geojson", "status": "partial", "points_ordered": "false"}
    ).json()

    assert [f["id"] for f in body["features"]] == [partial.slug]
    assert body["count"] == 1
