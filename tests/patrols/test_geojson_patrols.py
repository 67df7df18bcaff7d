"""A patrol as a GeoJSON feature: where it flew as far as the data knows, and from what — its
route, else the shapes of the regions it crossed, else nothing (listed all the same, and counted
as unmapped) — with the facts a map shows beside it and links to its API record and its page."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"
ROUTE = {
    "type": "LineString",
    "coordinates": [[129.123456789012, 34.5], [131.0, 37.25], [133.5, 39.0]],
}
SEA = {"type": "Polygon", "coordinates": [[[128, 33], [142, 33], [142, 46], [128, 33]]]}
STRAIT = {"type": "Point", "coordinates": [129.5, 34.5]}


def feature(client, patrol):
    response = client.get(f"{PATROLS}{patrol.slug}/", {"format": "geojson"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def crossing(patrol, **region):
    return factories.PatrolRegionFactory(
        patrol=patrol, region=factories.RegionFactory(**region)
    ).region


def test_a_patrol_with_a_route_is_drawn_by_its_route(api_client):
    patrol = factories.PatrolFactory(route=ROUTE)
    crossing(patrol, geometry=SEA)  # known, but the route says more

    found = feature(api_client, patrol)

    assert found["geometry"] == ROUTE
    assert found["properties"]["geometry_from"] == "route"


def test_without_a_route_the_shapes_of_the_regions_it_crossed_that_have_one(api_client):
    patrol = factories.PatrolFactory()
    crossing(patrol, name="A sea", geometry=SEA)
    crossing(patrol, name="B strait", geometry=STRAIT)
    unmapped = crossing(patrol, name="C ocean")

    found = feature(api_client, patrol)

    assert found["geometry"] == {"type": "GeometryCollection", "geometries": [SEA, STRAIT]}
    assert found["properties"]["geometry_from"] == "regions"
    assert unmapped.slug in found["properties"]["regions"]


def test_a_regions_own_collection_is_spliced_in_not_nested(api_client):
    patrol = factories.PatrolFactory()
    crossing(patrol, geometry={"type": "GeometryCollection", "geometries": [SEA, STRAIT]})

    geometry = feature(api_client, patrol)["geometry"]

    assert geometry == {"type": "GeometryCollection", "geometries": [SEA, STRAIT]}


def test_a_patrol_with_neither_has_no_geometry_and_is_counted_unmapped(api_client):
    nowhere = factories.PatrolFactory()
    crossing(nowhere)  # a region without a shape
    factories.PatrolFactory(route=ROUTE)

    body = api_client.get(PATROLS, {"format": "geojson"}).json()

    assert feature(api_client, nowhere)["geometry"] is None
    assert feature(api_client, nowhere)["properties"]["geometry_from"] is None
    assert (body["count"], body["unmapped"]) == (2, 1)


def test_the_properties_are_the_jsons_and_link_to_the_record_and_its_page(api_client):
    patrol = factories.PatrolFactory(
        ordinal=3, start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 23)
    )
    for country in ("CN", "RU"):  # two countries: joint
        operator = factories.OrganizationFactory(country=factories.CountryFactory(code=country))
        factories.ParticipationFactory(patrol=patrol, operator=operator)
    crossing(patrol, name="Sea of Japan", geometry=SEA)
    crossing(patrol, name="East China Sea")
    record = api_client.get(f"{PATROLS}{patrol.slug}/").json()

    found = feature(api_client, patrol)

    assert found["id"] == patrol.slug
    assert record["joint"] is True
    assert found["properties"] == {
        "slug": patrol.slug,
        "name": record["name"],
        "kind": "joint_strategic_patrol",
        "start_date": "2020-12-22",
        "end_date": "2020-12-23",
        "ordinal": 3,
        "joint": True,
        "geometry_from": "regions",
        "regions": [region["slug"] for region in record["regions"]],
        "url": record["url"],
        "page": reverse("explorer:patrol", kwargs={"slug": patrol.slug}),
    }


def test_a_national_patrol_is_not_joint_and_has_no_ordinal(api_client):
    patrol = factories.PatrolFactory(kind="national_long_range_patrol")
    factories.ParticipationFactory(patrol=patrol)

    properties = feature(api_client, patrol)["properties"]

    assert (properties["joint"], properties["ordinal"], properties["end_date"]) == (
        False,
        None,
        None,
    )


def test_the_record_changes_its_etag_when_a_crossed_regions_shape_changes(api_client):
    """The patrol's JSON does not show its regions' shapes; its feature does, so a copy of the
    feature must not stay current when one changes."""
    patrol = factories.PatrolFactory()
    region = crossing(patrol, geometry=SEA)
    url = f"{PATROLS}{patrol.slug}/"
    tag = api_client.get(url, {"format": "geojson"})["ETag"]
    json_tag = api_client.get(url)["ETag"]

    region.geometry = STRAIT
    region.save()

    assert api_client.get(url)["ETag"] == json_tag
    response = api_client.get(url, {"format": "geojson"}, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200
    assert response.json()["geometry"]["geometries"] == [STRAIT]


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    "query",
    [
        {"year": 2024, "country": "CN"},
        {"joint": "false"},
        {"region": "sea-of-japan", "ordering": "start_date"},
        {"aircraft_type": "tu-95ms"},
    ],
    ids=str,
)
def test_the_filters_are_the_lists(api_client, query):
    records, page = [], 1
    while True:
        body = api_client.get(PATROLS, {**query, "page": page}).json()
        records += body["results"]
        if not body["next"]:
            break
        page += 1

    collection = api_client.get(PATROLS, {**query, "format": "geojson"}).json()

    assert [f["id"] for f in collection["features"]] == [r["slug"] for r in records]
    assert [f["properties"]["joint"] for f in collection["features"]] == [
        r["joint"] for r in records
    ]
    assert collection["count"] == len(records) > 0
