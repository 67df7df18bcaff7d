"""A region as a GeoJSON feature: the geometry curators gave it, exactly as stored, or null
(listed all the same, and counted as unmapped), with what a map labels it by."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

REGIONS = "/api/v1/regions/"
# A shape as curators store it: digits kept exactly, a hole in the polygon.
SEA = {
    "type": "Polygon",
    "coordinates": [
        [[128.0, 33.0], [142.123456789012, 33.0], [142.123456789012, 46.5], [128.0, 33.0]],
        [[135.0, 38.0], [136.0, 38.0], [136.0, 39.0], [135.0, 38.0]],
    ],
}


def collection(client, **query):
    response = client.get(REGIONS, {**query, "format": "geojson"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def test_a_region_is_a_feature_with_its_geometry_exactly_as_stored(api_client):
    ocean = factories.RegionFactory(kind="ocean_area")
    japan = factories.CountryFactory(code="JP")
    sea = factories.RegionFactory(
        kind="sea", geometry=SEA, parent=ocean, declared_by=japan, confidence="confirmed"
    )
    record = api_client.get(f"{REGIONS}{sea.slug}/").json()

    found = api_client.get(f"{REGIONS}{sea.slug}/", {"format": "geojson"}).json()

    assert found == {
        "type": "Feature",
        "id": sea.slug,
        "geometry": SEA,
        "properties": {
            "slug": sea.slug,
            "name": sea.name,
            "kind": "sea",
            "parent": ocean.slug,
            "declared_by": "JP",
            "url": record["url"],
            "confidence": "confirmed",
        },
    }


def test_a_region_without_a_geometry_is_listed_with_null_and_counted_unmapped(api_client):
    factories.RegionFactory(geometry=SEA)
    bare = factories.RegionFactory()

    body = collection(api_client)

    assert body["type"] == "FeatureCollection"
    assert (body["count"], body["unmapped"]) == (2, 1)
    (unmapped,) = [f for f in body["features"] if f["geometry"] is None]
    assert unmapped["id"] == bare.slug
    assert unmapped["properties"]["parent"] is None
    assert unmapped["properties"]["declared_by"] is None


def test_the_filters_are_the_lists(api_client):
    adiz = factories.RegionFactory(kind="adiz", geometry=SEA)
    factories.RegionFactory(kind="sea", geometry=SEA)

    body = collection(api_client, kind="adiz")

    assert [f["id"] for f in body["features"]] == [adiz.slug]
    assert body["count"] == api_client.get(REGIONS, {"kind": "adiz"}).json()["count"] == 1


def test_an_empty_selection_is_an_empty_collection(api_client):
    factories.RegionFactory()

    body = collection(api_client, kind="strait")

    assert body == {"type": "FeatureCollection", "count": 0, "unmapped": 0, "features": []}
