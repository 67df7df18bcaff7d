"""Every resource under /api/v1/, described once, and helpers to read its lists.

Each resource is described once (``RESOURCES``): how to build three of its records with
factories, the key its URLs use, the exact fields one representation carries, and a field to
order by. The parametrized tests of tests/core/test_api_resources.py and test_api_ordering.py
hold every resource to the same contract; the representation tests of each app
(tests/<app>/test_api_representation.py) use the helpers.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests import factories
from tests.core.resource_builders import (
    build_aircraft_capabilities,
    build_aircraft_types,
    build_armaments,
    build_capabilities,
    build_citations,
    build_claims,
    build_countries,
    build_interceptions,
    build_inventories,
    build_manufacturers,
    build_organizations,
    build_participations,
    build_patrol_regions,
    build_patrols,
    build_regions,
    build_reported_figures,
    build_sources,
    build_statements,
    build_weapons,
    build_zone_boundaries,
    build_zone_entries,
)
from tests.patrols import activity_factories

API = "/api/v1"
BASE = f"http://testserver{API}"


TIMESTAMPS = {"created_at", "updated_at"}
SOURCED = {"confidence", "disputed", "sources", "claims", *TIMESTAMPS}
# A record tied to a patrol says whether its sources are the patrol's, inherited.
PATROL_RECORD = SOURCED | {"sources_inherited"}


# --- Helpers --------------------------------------------------------------------------------------


def listed(client, resource, query=""):
    """GET a resource's list, with an optional query string."""
    return client.get(f"{API}/{resource}/" + (f"?{query}" if query else ""))


def results(response):
    """The rows of a successful list response."""
    assert response.status_code == 200, response.content
    return response.json()["results"]


def keys(response, key="slug"):
    """The set of ``key`` values of a list's rows."""
    return {row[key] for row in results(response)}


def in_order(response, key="slug"):
    """The ``key`` values of a list's rows, in the order given."""
    return [row[key] for row in results(response)]


def assert_json_error(response, status, *names):
    """An error answered in JSON, naming each of ``names`` (a parameter or ``detail``)."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    for name in names:
        assert name in body, body
    return body


def compact(key, value, resource, name):
    """A related record as the API shows it: its key, its name, its URL."""
    return {key: value, "name": name, "url": f"{BASE}/{resource}/{value}/"}


def day(text):
    return datetime.date.fromisoformat(text)


# --- What each resource is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    path: str
    key: str  # what its URLs name a record by: "slug", "code" or "id"
    fields: frozenset
    ordering: str
    build: Callable[[], list]  # three records, returned in ascending ``ordering`` order
    factory: type  # builds one record

    def key_of(self, record):
        return record.pk if self.key == "id" else getattr(record, self.key)

    @property
    def missing_key(self):
        return {"slug": "no-such-record", "code": "AA", "id": 987654321}[self.key]

    def __str__(self):
        return self.path


RESOURCES = [
    Resource(
        "countries",
        "code",
        frozenset({"id", "url", "code", "code3", "name", *TIMESTAMPS}),
        "name",
        build_countries,
        factories.CountryFactory,
    ),
    Resource(
        "organizations",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "short_name", "kind", "country", "parent", "notes"}
            | SOURCED
        ),
        "name",
        build_organizations,
        factories.OrganizationFactory,
    ),
    Resource(
        "regions",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "kind", "parent", "declared_by", "established_year"}
            | {"geometry", "boundaries", "notes"}
            | SOURCED
        ),
        "established_year",
        build_regions,
        factories.RegionFactory,
    ),
    Resource(
        "zone-boundaries",
        "slug",
        frozenset(
            {"id", "url", "slug", "region", "effective_from", "status", "status_note"}
            | {"points_ordered", "points", "segments_not_points", "legal_basis", "definition"}
            | {"notes"}
            | SOURCED
        ),
        "effective_from",
        build_zone_boundaries,
        factories.ZoneBoundaryFactory,
    ),
    Resource(
        "sources",
        "slug",
        frozenset(
            {"id", "url", "slug", "title", "publisher", "link", "author", "published_on"}
            | {"accessed_on", "kind", "language", "reliability", "notes"}
            | TIMESTAMPS
        ),
        "published_on",
        build_sources,
        factories.SourceFactory,
    ),
    Resource(
        "citations",
        "id",
        frozenset(
            {"id", "url", "record_type", "record_id", "record", "source", "locator"} | TIMESTAMPS
        ),
        "id",
        build_citations,
        factories.CitationFactory,
    ),
    Resource(
        "claims",
        "id",
        frozenset(
            {"id", "url", "record_type", "record_id", "record", "field", "value", "source"}
            | {"confidence", "note"}
            | TIMESTAMPS
        ),
        "field",
        build_claims,
        factories.ClaimFactory,
    ),
    Resource(
        "manufacturers",
        "slug",
        frozenset({"id", "url", "slug", "name", "country", *TIMESTAMPS}),
        "name",
        build_manufacturers,
        factories.ManufacturerFactory,
    ),
    Resource(
        "capabilities",
        "slug",
        frozenset({"id", "url", "slug", "name", "description", *TIMESTAMPS}),
        "name",
        build_capabilities,
        factories.CapabilityFactory,
    ),
    Resource(
        "aircraft-types",
        "slug",
        frozenset(
            {"id", "url", "slug", "designation", "common_name", "nato_name", "variant_of"}
            | {"variants", "manufacturer", "country_of_origin", "role", "status"}
            | {"first_flight", "first_flight_precision", "service_entry_year", "crew"}
            | {"max_speed_kmh", "combat_radius_km", "range_km", "service_ceiling_m"}
            | {"max_takeoff_weight_kg", "payload_kg", "notes"}
            | {"capabilities", "armaments", "inventories"}
            | SOURCED
        ),
        "max_speed_kmh",
        build_aircraft_types,
        factories.AircraftTypeFactory,
    ),
    Resource(
        "aircraft-capabilities",
        "id",
        frozenset({"id", "url", "aircraft_type", "capability", "notes"} | SOURCED),
        "id",
        build_aircraft_capabilities,
        factories.AircraftCapabilityFactory,
    ),
    Resource(
        "weapons",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "kind", "country", "range_km", "nuclear_capable"}
            | {"notes"}
            | SOURCED
        ),
        "range_km",
        build_weapons,
        factories.WeaponFactory,
    ),
    Resource(
        "armaments",
        "id",
        frozenset({"id", "url", "aircraft_type", "weapon", "max_carried", "notes"} | SOURCED),
        "max_carried",
        build_armaments,
        factories.ArmamentFactory,
    ),
    Resource(
        "inventories",
        "id",
        frozenset(
            {"id", "url", "aircraft_type", "operator", "count", "as_of_year", "notes"} | SOURCED
        ),
        "count",
        build_inventories,
        factories.InventoryFactory,
    ),
    Resource(
        "patrols",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "kind", "ordinal", "start_date", "end_date"}
            | {"countries", "joint", "regions", "participations"}
            | {"aircraft_known_minimum", "participations_with_unknown_count", "aircraft_at_least"}
            | {"aircraft_reported_total", "aircraft_reported_total_qualifier"}
            | {"aircraft_reported_total_by", "reported_figures", "zone_entries"}
            | {"interceptions", "statements", "summary", "notes", "route"}
            | SOURCED
        ),
        "start_date",
        build_patrols,
        factories.PatrolFactory,
    ),
    Resource(
        "patrol-regions",
        "id",
        frozenset({"id", "url", "patrol", "region"}),
        "id",
        build_patrol_regions,
        factories.PatrolRegionFactory,
    ),
    Resource(
        "participations",
        "id",
        frozenset(
            {"id", "url", "patrol", "aircraft_type", "aircraft_description", "operator"}
            | {"country", "count", "role", "notes"}
            | PATROL_RECORD
        ),
        "count",
        build_participations,
        factories.ParticipationFactory,
    ),
    Resource(
        "interceptions",
        "id",
        frozenset(
            {"id", "url", "patrol", "responder", "country", "aircraft_type", "count", "date"}
            | {"region", "airspace_violated", "notes"}
            | PATROL_RECORD
        ),
        "date",
        build_interceptions,
        factories.InterceptionFactory,
    ),
    Resource(
        "statements",
        "slug",
        frozenset(
            {"id", "url", "slug", "organization", "speaker", "date", "kind", "patrol", "summary"}
            | PATROL_RECORD
        ),
        "date",
        build_statements,
        factories.StatementFactory,
    ),
    Resource(
        "reported-figures",
        "id",
        frozenset(
            {"id", "url", "patrol", "quantity", "value", "qualifier", "country", "reported_by"}
            | {"notes"}
            | PATROL_RECORD
        ),
        "value",
        build_reported_figures,
        factories.ReportedFigureFactory,
    ),
    Resource(
        "zone-entries",
        "id",
        frozenset(
            {"id", "url", "patrol", "zone", "country", "aircraft_count", "count_qualifier"}
            | {"entered_at", "exited_at", "reported_by", "notes"}
            | PATROL_RECORD
        ),
        "aircraft_count",
        build_zone_entries,
        factories.ZoneEntryFactory,
    ),
    Resource(*activity_factories.ACTIVITY_COUNT_RESOURCE),
]


every_resource = pytest.mark.parametrize("resource", RESOURCES, ids=str)
