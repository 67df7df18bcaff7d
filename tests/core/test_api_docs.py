"""The OpenAPI schema documents every parameter; the docs pages work with no internet."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.core.api_routes import ROUTES

pytestmark = pytest.mark.django_db


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_is_openapi_3_and_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(target), "--validate", "--fail-on-warn")
    assert target.read_text().startswith("openapi: 3.")


def test_every_resource_is_documented(schema):
    documented = {path.split("/")[3] for path in schema["paths"] if path.startswith("/api/v1/")}
    served = {route.url().split("/")[3] for route in ROUTES if route.url().startswith("/api/v1/")}

    assert documented == served - {""}  # every resource the URL conf serves; "" is the root


PATROL_FILTERS = [
    "year", "year_min", "year_max", "date_after", "date_before", "country", "aircraft_type",
    "role", "region", "kind", "joint", "confidence", "disputed", "source", "intercepted_by",
    "search", "ordering", "page", "page_size", "format",
]  # fmt: skip
AIRCRAFT_TYPE_FILTERS = [
    "role", "country", "manufacturer", "capability", "weapon", "status", "variant_of",
    "max_speed_kmh_min", "max_speed_kmh_max", "range_km_min", "range_km_max",
    "combat_radius_km_min", "service_ceiling_m_max", "max_takeoff_weight_kg_min", "payload_kg_max",
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "names"),
    [("/api/v1/patrols/", PATROL_FILTERS), ("/api/v1/aircraft-types/", AIRCRAFT_TYPE_FILTERS)],
)
def test_every_filter_is_documented_with_type_and_description(schema, path, names):
    documented = parameters(schema, path)
    for name in names:
        parameter = documented[name]
        assert parameter["description"], name
        assert parameter["schema"].get("type") or parameter["schema"].get("items"), name


def test_every_list_parameter_has_a_description(schema):
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            assert parameter.get("description"), f"{path} {parameter['name']}"


def test_choices_list_their_allowed_values(schema):
    documented = parameters(schema, "/api/v1/patrols/")
    assert sorted(documented["kind"]["schema"]["items"]["enum"]) == [
        "exercise",
        "joint_strategic_patrol",
        "national_long_range_patrol",
    ]
    assert "bomber" in documented["role"]["schema"]["items"]["enum"]
    assert documented["joint"]["schema"]["type"] == "boolean"
    assert documented["year"]["schema"]["type"] == "integer"
    assert documented["date_after"]["schema"]["format"] == "date"
    assert documented["format"]["schema"]["enum"] == ["json", "csv", "geojson"]
    assert "-start_date" in documented["ordering"]["schema"]["items"]["enum"]


def test_related_records_are_objects_in_responses_and_slugs_in_requests(schema):
    components = schema["components"]["schemas"]
    participation = components["PatrolParticipation"]["properties"]["aircraft_type"]
    request = components["PatrolParticipationRequest"]["properties"]["aircraft_type"]
    assert participation["type"] == "object"
    assert set(participation["properties"]) == {"slug", "name", "url"}
    assert request["type"] == "string"


def test_writes_document_their_errors(schema):
    responses = schema["paths"]["/api/v1/patrols/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(responses)


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_everything_from_this_server(client, page):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    external = [url for url in re.findall(r"""(?:src|href)=["']([^"']+)""", html) if "//" in url]
    assert external == []
    assets = re.findall(r"""/static/(drf_spectacular_sidecar/[^"']+)""", html)
    assert assets
    for asset in assets:
        assert finders.find(asset), asset
