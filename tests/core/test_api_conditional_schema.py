"""The schema documents conditional requests on every record (and on no list), and the
answers a client gets are the ones it documents."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application
from tests.api_resources import RESOURCES
from tests.core import conditional_cases
from tests.core.conditional_cases import ALL
from tests.core.untagged_routes import UNTAGGED, schema_path

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.conditional_cases, bound to these names for pytest to find.
patrol = conditional_cases.patrol


def header_parameters(operation):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


@pytest.mark.parametrize("resource", ALL)
def test_the_schema_documents_conditional_requests_on_every_record(schema, resource):
    key = {"code": "code", "slug": "slug", "pk": "id"}[RESOURCES[resource][1]]
    record = schema["paths"][f"/api/v1/{resource}/{{{key}}}/"]

    assert "ETag" in record["get"]["responses"]["200"]["headers"]
    assert "ETag" in record["get"]["responses"]["304"]["headers"]
    created = schema["paths"][f"/api/v1/{resource}/"]["post"]
    for operation in (record["get"], record["put"], record["patch"], record["delete"], created):
        assert {"If-Match", "If-None-Match"} <= header_parameters(operation)
        refused = operation["responses"]["412"]["content"]["application/json"]
        assert refused["schema"] == {"$ref": "#/components/schemas/Error"}
    for method in ("put", "patch"):
        assert "ETag" in record[method]["responses"]["200"]["headers"]
    assert "ETag" in created["responses"]["201"]["headers"]


def test_the_schema_says_the_dates_are_ignored(schema):
    record = schema["paths"]["/api/v1/patrols/{slug}/"]["get"]
    (if_none_match,) = (p for p in record["parameters"] if p["name"] == "If-None-Match")
    assert "If-Modified-Since and If-Unmodified-Since are ignored" in if_none_match["description"]


@pytest.mark.parametrize("route", UNTAGGED, ids=str)
def test_every_read_without_an_etag_documents_its_preconditions(schema, route):
    """A list, a history, statistics: If-Match only as "*" (else 412), If-None-Match: * a 304
    without an ETag; routes from the URL conf, so a new list or action is covered."""
    operation = schema["paths"][schema_path(schema, route)]["get"]

    parameters = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
    assert {"If-Match", "If-None-Match"} <= set(parameters)
    assert "has no ETag" in parameters["If-Match"]["description"]
    assert parameters["If-Match"]["schema"]["enum"] == ["*"]  # the one value that holds
    assert operation["responses"]["412"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "ETag" not in operation["responses"]["304"].get("headers", {})  # no ETag to give
    assert "ETag" not in operation["responses"]["200"].get("headers", {})


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v1/patrols/", {"If-Match": "*"}, 200),
        ("/api/v1/patrols/", {"If-Match": '"stale"'}, 412),
        ("/api/v1/patrols/", {"If-None-Match": "*"}, 304),
        ("/api/v1/patrols/stats/", {"If-Match": '"stale"'}, 412),
    ],
    ids=["list-star", "list-tag", "list-none-match-star", "stats-tag"],
)
def test_answers_without_an_etag_are_as_documented(
    openapi, through_wsgi, patrol, path, headers, status
):
    case = openapi[path]["GET"].Case(
        headers=headers, query={"group_by": "year"} if "stats" in path else {}
    )

    response = case.call_and_validate()

    assert response.status_code == status


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def through_wsgi():
    """As in test_api_fuzz: the WSGI handler must not close the test's own connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize(
    ("method", "headers", "status"),
    [
        ("GET", {}, 200),
        ("GET", {"If-None-Match": "*"}, 304),
        ("GET", {"If-Match": '"stale"'}, 412),
        ("PATCH", {"If-None-Match": "*"}, 412),
        ("PUT", {"If-Match": '"stale"'}, 412),
        ("PATCH", {"If-Match": '"stale"'}, 412),
        ("DELETE", {"If-Match": '"stale"'}, 412),
    ],
)
def test_conditional_answers_are_as_documented(
    openapi, through_wsgi, curator_token, patrol, method, headers, status
):
    """The fuzz tests rarely hit a record that exists; these answers are checked here."""
    body = {"body": {}} if method in ("PUT", "PATCH") else {}
    case = openapi["/api/v1/patrols/{slug}/"][method].Case(
        path_parameters={"slug": patrol.slug}, headers=headers, **body
    )

    response = case.call_and_validate(headers={"Authorization": f"Token {curator_token.key}"})

    assert response.status_code == status
