"""``?format=geojson``: offered exactly where a resource declares ``geojson`` (its list and its
record), answered with the JSON's filters and no pages, in a fixed number of queries, refused
everywhere else with a 400 naming ``format`` (as any format an endpoint does not answer), and
documented in the schema. Generated from the URL conf: a route added there is covered here.

What each resource's features hold is its app's: tests/reference/test_geojson_*.py and
tests/patrols/test_geojson_*.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.api import router
from core.api.geojson import MEDIA_TYPE
from tests import factories
from tests.api_resources import detail_url, list_url
from tests.core.api_routes import ROUTES, params
from tests.core.resource_cases import assert_json_error

VIEWSETS = {basename: (prefix, viewset) for prefix, viewset, basename in router.registry}
GEOJSON_ACTIONS = {"list": "list", "detail": "retrieve"}


def offers_geojson(route):
    """Whether ``route`` (``api:<basename>-<action>``) is the list or record of a resource
    declaring ``geojson``."""
    basename, _, action = route.name.removeprefix("api:").rpartition("-")
    _, viewset = VIEWSETS.get(basename, (None, None))
    return viewset is not None and viewset.geojson is not None and action in GEOJSON_ACTIONS


READS = [route for route in ROUTES if "GET" in route.methods]
WRITE_ONLY = [route for route in ROUTES if "GET" not in route.methods]  # the token endpoint
GEOJSON_LISTS = sorted(
    prefix for prefix, viewset, _ in router.registry if viewset.geojson is not None
)


def test_the_three_resources_with_geometries_offer_geojson():
    assert GEOJSON_LISTS == ["patrols", "regions", "zone-boundaries"]


def features_of(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == MEDIA_TYPE
    return response.json()


def every_page(client, resource, query):
    """Every record of the JSON list for ``query``, page after page."""
    records, page = [], 1
    while True:
        body = client.get(list_url(resource), {**query, "page": page, "page_size": 100}).json()
        records += body["results"]
        if not body["next"]:
            return records
        page += 1


# --- Where it is offered, and refused ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("route", params((route,) for route in READS))
def test_every_read_answers_geojson_where_offered_and_refuses_it_elsewhere(api_client, route):
    response = api_client.get(route.url(), {"format": "geojson"})

    if offers_geojson(route):
        body = features_of(response)
        assert body["type"] == ("Feature" if route.kwarg else "FeatureCollection")
    else:
        (message,) = assert_json_error(response, 400, "format")["format"]
        if route.name.startswith("api:"):  # the docs name what they take their own way
            assert "does not answer geojson" in message


@pytest.mark.django_db
@pytest.mark.parametrize("route", params((route,) for route in READS))
def test_every_read_refuses_a_format_it_does_not_answer_with_a_400_naming_it(api_client, route):
    """Not a 404, which would read as "no such record"; the message lists what it answers."""
    response = api_client.get(route.url(), {"format": "xml"})

    (message,) = assert_json_error(response, 400, "format")["format"]
    if route.name.startswith("api:"):  # the docs name what they take their own way
        assert "does not answer 'xml'. Use one of: json" in message


@pytest.mark.django_db
@pytest.mark.parametrize("route", params((route,) for route in WRITE_ONLY))
def test_an_endpoint_that_only_writes_refuses_an_unanswered_format_with_a_400(api_client, route):
    """The token endpoint too: a format it does not answer is named, never a 404."""
    response = api_client.post(f"{route.url()}?format=xml", {}, format="json")

    (message,) = assert_json_error(response, 400, "format")["format"]
    assert "does not answer 'xml'. Use one of: json" in message


@pytest.mark.django_db
def test_a_refused_format_is_named_with_every_other_refused_parameter(api_client):
    response = api_client.get(list_url("sources"), {"format": "geojson", "colour": "blue"})

    assert set(assert_json_error(response, 400)) == {"format", "colour"}


@pytest.mark.django_db
def test_a_format_given_twice_is_still_refused_as_given_twice(api_client):
    response = api_client.get(f"{list_url('regions')}?format=geojson&format=xml")

    (message,) = assert_json_error(response, 400, "format")["format"]
    assert message.startswith("Given 2 times")


@pytest.mark.django_db
def test_an_empty_format_is_no_choice_json_answers(api_client):
    response = api_client.get(list_url("regions"), {"format": ""})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_the_accept_header_can_ask_for_geojson_too(api_client):
    factories.RegionFactory()
    response = api_client.get(list_url("regions"), HTTP_ACCEPT=MEDIA_TYPE)

    assert features_of(response)["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("resource", GEOJSON_LISTS)
def test_a_list_is_a_download_named_after_its_resource(api_client, resource):
    response = api_client.get(list_url(resource), {"format": "geojson"})

    assert response["Content-Disposition"] == f'attachment; filename="{resource}.geojson"'


# --- The same records as JSON, every one of them ----------------------------------------------

QUERIES = [
    {},
    {"confidence": "reported"},
    {"confidence": ["confirmed", "claimed"]},
    {"search": "a", "ordering": "-updated_at"},
    {"disputed": "true"},
]


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("query", QUERIES, ids=str)
@pytest.mark.parametrize("resource", GEOJSON_LISTS)
def test_a_feature_collection_holds_the_json_lists_records_in_its_order(
    api_client, resource, query
):
    records = every_page(api_client, resource, query)

    body = features_of(api_client.get(list_url(resource), {**query, "format": "geojson"}))

    assert body["count"] == api_client.get(list_url(resource), query).json()["count"]
    assert [feature["id"] for feature in body["features"]] == [r["slug"] for r in records]
    assert [feature["properties"]["url"] for feature in body["features"]] == [
        r["url"] for r in records
    ]
    assert body["unmapped"] == sum(f["geometry"] is None for f in body["features"])


@pytest.mark.usefixtures("loaded")
def test_the_curated_data_is_more_than_a_page_and_so_is_the_collection(api_client):
    body = features_of(api_client.get(list_url("patrols"), {"format": "geojson", "page_size": 5}))

    assert body["count"] == len(body["features"]) > 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"page": "abc"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"confidence": "certain"}, "confidence"),
        ({"ordering": "colour"}, "ordering"),
        ({"fields": "slug"}, "fields"),
        ({"brief": "true"}, "brief"),
    ],
)
def test_a_geojson_list_checks_every_parameter_and_answers_errors_in_json(
    api_client, query, parameter
):
    response = api_client.get(list_url("zone-boundaries"), {**query, "format": "geojson"})

    assert_json_error(response, 400, parameter)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["patrols", "zone-boundaries"])
def test_the_records_as_they_stood_answer_in_json_only(api_client, resource):
    response = api_client.get(
        list_url(resource), {"format": "geojson", "as_of": "2024-01-01T00:00:00Z"}
    )

    assert assert_json_error(response, 400, "as_of")["as_of"] == ["as_of answers in JSON only."]


@pytest.mark.django_db
def test_a_record_that_does_not_exist_is_a_404_in_json(api_client):
    response = api_client.get(f"{list_url('patrols')}no-such-patrol/", {"format": "geojson"})

    assert_json_error(response, 404, "detail")


# --- A fixed number of queries ------------------------------------------------------------------

POINT = {"type": "Point", "coordinates": [131.5, 37.25]}


def mapped_patrol():
    """A patrol with everything its feature reads: participations, regions with shapes."""
    participation = factories.ParticipationFactory()
    factories.ParticipationFactory(patrol=participation.patrol)
    for _ in range(2):
        region = factories.RegionFactory(geometry=POINT, parent=factories.RegionFactory())
        factories.PatrolRegionFactory(patrol=participation.patrol, region=region)
    return participation.patrol


# How to make one record of each resource with every relation its feature shows.
RICH_RECORDS = {
    "patrols": mapped_patrol,
    "regions": lambda: factories.RegionFactory(
        geometry=POINT,
        parent=factories.RegionFactory(),
        declared_by=factories.CountryFactory(),
    ),
    "zone-boundaries": factories.ZoneBoundaryFactory,
}


def test_every_geojson_resource_has_a_rich_record_to_count_queries_with():
    assert sorted(RICH_RECORDS) == GEOJSON_LISTS


def queries_for(client, resource):
    with CaptureQueriesContext(connection) as queries:
        body = features_of(client.get(list_url(resource), {"format": "geojson"}))
    return len(queries), body["count"]


@pytest.mark.django_db
@pytest.mark.parametrize("resource", GEOJSON_LISTS)
def test_a_list_takes_as_many_queries_for_twenty_records_as_for_one(api_client, resource):
    RICH_RECORDS[resource]()
    few, counted = queries_for(api_client, resource)
    for _ in range(19):
        RICH_RECORDS[resource]()
    many, counted_after = queries_for(api_client, resource)

    assert counted_after > counted
    assert many == few


# --- Conditional requests and the data set's version, as for every format ---------------------


@pytest.mark.django_db
def test_a_record_has_a_weak_etag_of_its_own_format_and_a_copy_that_is_current_is_a_304(
    api_client,
):
    boundary = factories.ZoneBoundaryFactory()
    url = detail_url("zone-boundaries", boundary)
    response = api_client.get(url, {"format": "geojson"})
    tag = response["ETag"]
    json_tag = api_client.get(url)["ETag"]

    assert tag.startswith('W/"') and tag.endswith('.geojson"')
    assert api_client.get(url, {"format": "geojson"}, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert (
        api_client.get(url, {"format": "geojson"}, HTTP_IF_NONE_MATCH=json_tag).status_code == 200
    )
    assert_json_error(api_client.get(url, {"format": "geojson"}, HTTP_IF_MATCH=tag), 412)


@pytest.mark.django_db
def test_a_list_has_a_weak_etag_of_its_own_and_judges_preconditions_as_every_list(api_client):
    url = list_url("regions")

    response = api_client.get(url, {"format": "geojson"})
    tag = response["ETag"]
    assert tag.startswith("W/") and tag != api_client.get(url)["ETag"]  # not the JSON's
    assert api_client.get(url, {"format": "geojson"}, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert api_client.get(url, {"format": "geojson"}, HTTP_IF_NONE_MATCH="*").status_code == 304
    assert_json_error(api_client.get(url, {"format": "geojson"}, HTTP_IF_MATCH='"x"'), 412)


@pytest.mark.django_db
def test_geojson_names_the_data_sets_version_as_json_does(api_client):
    region = factories.RegionFactory()

    for url in (list_url("regions"), detail_url("regions", region)):
        version = api_client.get(url)["X-Dataset-Version"]
        assert api_client.get(url, {"format": "geojson"})["X-Dataset-Version"] == version


# --- The schema -----------------------------------------------------------------------------------


def schema_offers_geojson(path):
    """Whether ``path`` of the schema is the list or record of a resource declaring geojson."""
    parts = path.removeprefix("/api/v1/").strip("/").split("/")
    viewset = {prefix: viewset for prefix, viewset, _ in router.registry}.get(parts[0])
    is_list_or_record = len(parts) == 1 or (len(parts) == 2 and parts[1].startswith("{"))
    return viewset is not None and viewset.geojson is not None and is_list_or_record


def test_the_schema_documents_geojson_exactly_where_it_is_offered(schema):
    documented = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        operation = methods["get"]
        formats = {p["name"]: p for p in operation.get("parameters", [])}.get("format")
        content = operation["responses"]["200"].get("content", {})
        if schema_offers_geojson(path):
            assert formats["schema"]["enum"] == ["json", "csv", "geojson"], path
            assert "geojson:" in formats["description"], path
            shape = "GeoJSONFeature" if "{" in path else "GeoJSONFeatureCollection"
            assert content[MEDIA_TYPE]["schema"] == {"$ref": f"#/components/schemas/{shape}"}
            documented += 1
        else:
            assert formats is None or "geojson" not in formats["schema"]["enum"], path
            assert MEDIA_TYPE not in content, path
    assert documented == 2 * len(GEOJSON_LISTS)


def test_the_schema_describes_a_feature_and_a_collection(schema):
    components = schema["components"]["schemas"]
    collection = components["GeoJSONFeatureCollection"]
    feature = components["GeoJSONFeature"]

    assert set(collection["required"]) == {"type", "count", "unmapped", "features"}
    assert collection["properties"]["type"]["enum"] == ["FeatureCollection"]
    assert set(feature["required"]) == {"type", "id", "geometry", "properties"}
    assert feature["properties"]["geometry"]["nullable"] is True
