"""Every resource under /api/v1/: what a list holds and how a record reads.

Each resource is described once (``RESOURCES`` in ``tests.core.resource_cases``). The
parametrized tests hold every resource to the same contract:

- a list holds exactly the records of that resource, and a record is found by its key;
- a representation carries exactly the documented fields (a field added, renamed or dropped by
  accident fails here);
- a missing key is a 404 in JSON.

Ordering, search and paging have modules of their own (test_api_ordering, test_api_search,
test_api_paging); the compact nested records of each app are in
tests/<app>/test_api_representation.py.
"""

import pytest

from config.api import router
from tests.core.resource_cases import (
    API,
    BASE,
    RESOURCES,
    assert_json_error,
    every_resource,
    keys,
    listed,
    results,
)

pytestmark = pytest.mark.django_db


# --- The API root ---------------------------------------------------------------------------------


def test_the_api_root_lists_every_registered_resource_with_its_url(api_client):
    """The resources are the router's (config.api), and each is described in RESOURCES, so the
    contract below covers a resource as soon as it is registered."""
    registered = {prefix for prefix, _, _ in router.registry}

    response = api_client.get(f"{API}/")

    assert response.status_code == 200
    assert response.json() == {prefix: f"{BASE}/{prefix}/" for prefix in registered}
    assert {r.path for r in RESOURCES} == registered
    assert len(RESOURCES) == len(registered)  # each described once


def test_an_unknown_path_under_the_api_is_a_404_in_json(api_client):
    assert_json_error(api_client.get(f"{API}/no-such-resource/"), 404, "detail")


# --- Lists and records: the same contract for every resource --------------------------------------


@every_resource
def test_a_list_holds_exactly_the_records_of_that_resource(api_client, resource):
    records = resource.build()

    response = listed(api_client, resource.path)

    assert keys(response, resource.key) == {resource.key_of(r) for r in records}
    assert response.json()["count"] == len(records)


@every_resource
def test_a_record_is_found_by_its_key_and_shows_exactly_the_documented_fields(api_client, resource):
    wanted, *_others = resource.build()
    key = resource.key_of(wanted)

    response = api_client.get(f"{API}/{resource.path}/{key}/")

    assert response.status_code == 200
    data = response.json()
    assert set(data) == resource.fields
    assert data["id"] == wanted.pk
    assert data[resource.key] == key
    assert data["url"] == f"{BASE}/{resource.path}/{key}/"


@every_resource
def test_each_row_of_a_list_shows_the_same_fields_as_the_record(api_client, resource):
    resource.build()

    for row in results(listed(api_client, resource.path)):
        assert set(row) == resource.fields


@every_resource
def test_a_missing_key_is_a_404_in_json(api_client, resource):
    resource.build()

    response = api_client.get(f"{API}/{resource.path}/{resource.missing_key}/")

    assert_json_error(response, 404, "detail")


@pytest.mark.parametrize(
    "resource", [r for r in RESOURCES if r.key == "id"], ids=str
)  # a record named by its id
def test_a_key_that_is_not_a_number_is_a_404_not_a_server_error(api_client, resource):
    resource.build()

    assert_json_error(api_client.get(f"{API}/{resource.path}/abc/"), 404, "detail")
