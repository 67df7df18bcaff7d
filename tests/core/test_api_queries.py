"""Every list and detail endpoint makes a fixed number of SQL queries, whatever the page size.

Each resource is measured with 1 row and with 50 rows, each row carrying nested records (a
patrol's participations, interceptions, statements, regions, sources and claims), and with one
record holding 1 or 50 children. The counts are the resources' budgets: a change that adds a
query per row fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.api import router
from reference.models import Organization
from tests import factories
from tests.api_resources import RESOURCES, build, detail_url, list_url

pytestmark = pytest.mark.django_db

# Queries for one list page (count + page + prefetches). Detail is one fewer (no count).
LIST_QUERIES = {
    "countries": 2,
    "organizations": 4,
    "regions": 7,  # + boundaries, with their citations and claims
    "zone-boundaries": 4,
    "sources": 2,
    "citations": 3,
    "claims": 3,
    "manufacturers": 2,
    "capabilities": 2,
    "aircraft-types": 8,
    "aircraft-capabilities": 4,
    "weapons": 4,
    "armaments": 4,
    "inventories": 4,
    # + citations and claims of participations, interceptions, statements, reported figures
    # and zone entries (and the rows of the last two)
    "patrols": 20,
    "patrol-regions": 2,
    "participations": 4,
    "interceptions": 4,
    "statements": 4,
    "activity-counts": 4,
    "reported-figures": 4,
    "zone-entries": 4,
}
# Every answer also reads the data set's version once (X-Dataset-Version, curation/version.py).
LIST_QUERIES = {resource: count + 1 for resource, count in LIST_QUERIES.items()}
# Lists whose pages and CSV are built from plain rows (``fast_list``), not by the serializer.
FAST_LISTS = {prefix for prefix, viewset, _ in router.registry if viewset.fast_list}


def air_force():
    """One operator shared by the nested records (generated country codes run out at 78)."""
    return Organization.objects.filter(slug="shared").first() or factories.OrganizationFactory(
        slug="shared"
    )


def rich(resource):
    """One record of ``resource`` with nested records, as the curated data has them."""
    record = build(resource)
    if resource == "patrols":
        for role in ("bomber", "escort"):
            factories.ParticipationFactory(patrol=record, operator=air_force(), role=role)
        factories.InterceptionFactory(patrol=record, responder=air_force())
        factories.StatementFactory(patrol=record, organization=air_force())
        factories.ReportedFigureFactory(patrol=record, reported_by=air_force())
        factories.ZoneEntryFactory(patrol=record, country=air_force().country)
        factories.PatrolRegionFactory(patrol=record)
    if resource == "aircraft-types":
        factories.AircraftTypeFactory(variant_of=record)
        factories.AircraftCapabilityFactory(aircraft_type=record)
        factories.ArmamentFactory(aircraft_type=record)
        factories.InventoryFactory(aircraft_type=record, operator=air_force())
    if resource == "regions":  # an ADIZ, with a boundary
        record.kind = "adiz"
        record.save()
        boundary = factories.ZoneBoundaryFactory(region=record)
        factories.CitationFactory(content_object=boundary)
        factories.ClaimFactory(content_object=boundary, field="", value="other")
    if hasattr(record, "citations"):
        factories.CitationFactory(content_object=record)
        factories.ClaimFactory(content_object=record, field="", value="other")
    return record


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
    return len(context.captured_queries), response.json()


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_a_list_page_costs_the_same_for_1_and_50_rows(
    resource, api_client, django_assert_max_num_queries
):
    rich(resource)
    api_client.get(list_url(resource))  # content types are looked up once per process
    one, first = queries_for(api_client, list_url(resource))
    for _ in range(60):
        rich(resource)
    with django_assert_max_num_queries(LIST_QUERIES[resource]):
        fifty, page = queries_for(api_client, list_url(resource))

    assert len(page["results"]) == 50
    assert first["count"] >= 1
    assert fifty == one


@pytest.mark.parametrize("resource", ["patrols", "aircraft-types"])
def test_a_detail_costs_the_same_for_1_and_50_children(
    resource, api_client, django_assert_max_num_queries
):
    record = rich(resource)
    one, _ = queries_for(api_client, detail_url(resource, record))
    for year in range(1900, 1949):  # years the factory does not use
        if resource == "patrols":
            factories.ParticipationFactory(patrol=record, operator=air_force())
            factories.PatrolRegionFactory(patrol=record)
        else:
            factories.AircraftCapabilityFactory(aircraft_type=record)
            factories.InventoryFactory(aircraft_type=record, operator=air_force(), as_of_year=year)
        factories.CitationFactory(content_object=record)
    with django_assert_max_num_queries(LIST_QUERIES[resource] - 1):
        fifty, body = queries_for(api_client, detail_url(resource, record))

    assert len(body["sources"]) == 50
    assert fifty == one


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_a_detail_costs_one_query_less_than_a_list(resource, api_client):
    record = rich(resource)
    detail, _ = queries_for(api_client, detail_url(resource, record))
    assert detail == LIST_QUERIES[resource] - 1


def test_a_filtered_csv_download_streams_in_chunks(api_client):
    """CSV reads a fixed number of queries per chunk of 500 rows, not per row: the patrols (a
    fast list) as their JSON pages read them, but for the page's count."""

    def csv_queries():
        with CaptureQueriesContext(connection) as context:
            response = api_client.get(list_url("patrols"), {"format": "csv"})
            b"".join(response.streaming_content)
        return len(context.captured_queries)

    for _ in range(3):
        rich("patrols")
    csv_queries()  # content types are looked up once per process
    three = csv_queries()
    for _ in range(3):
        rich("patrols")
    six = csv_queries()
    page, _ = queries_for(api_client, list_url("patrols"))

    assert three == six == page - 1


@pytest.mark.parametrize("resource", sorted(set(RESOURCES) - FAST_LISTS))
def test_every_other_csv_download_runs_the_pages_prefetches_once_per_chunk(api_client, resource):
    """The serializer's lists: the same queries as a page, but for its count."""
    for _ in range(2):
        rich(resource)
    api_client.get(list_url(resource), {"format": "csv"})  # content types, once per process
    with CaptureQueriesContext(connection) as context:
        response = api_client.get(list_url(resource), {"format": "csv"})
        b"".join(response.streaming_content)

    assert len(context.captured_queries) == LIST_QUERIES[resource] - 1


@pytest.mark.parametrize("resource", ["citations", "claims"])
def test_citations_and_claims_name_their_records_without_a_query_per_row(resource, api_client):
    """A participation's name reads its aircraft type and operator: prefetched per kind."""
    factory = factories.CitationFactory if resource == "citations" else factories.ClaimFactory

    def attach():
        participation = factories.ParticipationFactory(operator=air_force())
        factory(content_object=participation)

    attach()
    api_client.get(list_url(resource))  # content types are looked up once per process
    one, _ = queries_for(api_client, list_url(resource))
    for _ in range(49):
        attach()
    fifty, page = queries_for(api_client, list_url(resource))

    assert len(page["results"]) == 50
    assert fifty == one == 3 + 1  # + the data set's version
