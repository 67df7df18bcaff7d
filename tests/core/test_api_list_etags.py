"""A list's page carries an ETag, like a record (core/api/conditional.py): a client polling a
list reads it again only when something it shows has changed. Routes from the URL conf, so a new
list is covered."""

import pytest

from tests.api_resources import RESOURCES, list_url, written
from tests.core.untagged_routes import LIST_ROUTES, schema_path

pytestmark = pytest.mark.django_db


def resource_name(route):
    return route.url().removeprefix("/api/v1/").rstrip("/")


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_every_list_answers_with_an_etag_that_answers_304(route, api_client):
    resource = resource_name(route)
    if resource in RESOURCES:
        written(resource)
    first = api_client.get(route.url())

    again = api_client.get(route.url(), HTTP_IF_NONE_MATCH=first["ETag"])
    held = api_client.get(route.url(), HTTP_IF_MATCH=first["ETag"])
    stale = api_client.get(route.url(), HTTP_IF_MATCH='"0123456789abcdef0123456789abcdef"')

    assert first.status_code == 200
    assert first["ETag"].startswith('"')  # strong: JSON
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert held.status_code == 200
    assert stale.status_code == 412
    assert "has changed since you read it" in stale.json()["detail"]


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_a_list_s_etag_changes_with_what_it_shows(route, api_client):
    resource = resource_name(route)
    if resource not in RESOURCES:
        pytest.skip("not a resource with a factory")
    written(resource)
    before = api_client.get(route.url())["ETag"]

    written(resource)
    after = api_client.get(route.url())

    assert after["ETag"] != before
    assert api_client.get(route.url(), HTTP_IF_NONE_MATCH=before).status_code == 200


def test_a_page_s_etag_is_its_own(api_client):
    for _ in range(3):
        written("sources")

    first = api_client.get(f"{list_url('sources')}?page_size=1")["ETag"]
    second = api_client.get(f"{list_url('sources')}?page_size=1&page=2")["ETag"]

    assert first != second


def test_a_csv_list_answers_without_an_etag(api_client):
    written("sources")

    response = api_client.get(f"{list_url('sources')}?format=csv")

    assert response.status_code == 200
    assert "ETag" not in response


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_every_list_documents_its_etag(schema, route):
    operation = schema["paths"][schema_path(schema, route)]["get"]

    parameters = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert {"If-Match", "If-None-Match"} <= parameters
    assert "ETag" in operation["responses"]["200"]["headers"]
    assert "ETag" in operation["responses"]["304"]["headers"]
    assert "412" in operation["responses"]
