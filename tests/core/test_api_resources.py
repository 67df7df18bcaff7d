"""Every resource under /api/v1/: what a list holds, how a record reads, ordering, search, paging.

Each resource is described once (``RESOURCES``): how to build three of its records with
factories, the key its URLs use, the exact fields one representation carries, and a field to
order by. The parametrized tests then hold every resource to the same contract:

- a list holds exactly the records of that resource, and a record is found by its key;
- a representation carries exactly the documented fields (a field added, renamed or dropped by
  accident fails here);
- a missing key is a 404 in JSON;
- ``ordering=`` sorts both ways, and an unknown field is a 400 naming ``ordering``.

The last sections check search, paging and the compact nested records a client reads without a
second request.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from reference.models import Source
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"
BASE = f"http://testserver{API}"

TIMESTAMPS = {"created_at", "updated_at"}
SOURCED = {"confidence", "disputed", "sources", "claims", *TIMESTAMPS}


# --- Helpers ------------------------------------------------------------------------------------


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


# --- What each resource is ----------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    path: str
    key: str  # what its URLs name a record by: "slug", "code" or "id"
    fields: frozenset
    ordering: str
    build: Callable[[], list]  # three records, returned in ascending ``ordering`` order

    def key_of(self, record):
        return record.pk if self.key == "id" else getattr(record, self.key)

    @property
    def missing_key(self):
        return {"slug": "no-such-record", "code": "AA", "id": 987654321}[self.key]

    def __str__(self):
        return self.path


# Each builder creates its records out of order, so that a correct order is the API's doing.


def build_countries():
    chad, andorra, belize = (
        factories.CountryFactory(name=n) for n in ("Chad", "Andorra", "Belize")
    )
    return [andorra, belize, chad]


def build_organizations():
    c, a, b = (
        factories.OrganizationFactory(name=n) for n in ("Charlie Wing", "Alpha Wing", "Bravo Wing")
    )
    return [a, b, c]


def build_regions():
    c, a, b = (factories.RegionFactory(established_year=y) for y in (2013, 1950, 1969))
    return [a, b, c]


def build_sources():
    c, a, b = (
        factories.SourceFactory(published_on=day(d))
        for d in ("2023-06-06", "2019-07-23", "2020-12-22")
    )
    return [a, b, c]


def build_citations():
    return [factories.CitationFactory() for _ in range(3)]


def build_claims():
    patrol = factories.PatrolFactory()
    c, a, b = (
        factories.ClaimFactory(content_object=patrol, field=f, value="x")
        for f in ("start_date", "end_date", "name")
    )
    return [a, b, c]


def build_manufacturers():
    c, a, b = (factories.ManufacturerFactory(name=n) for n in ("Tupolev", "Beriev", "Ilyushin"))
    return [a, b, c]


def build_capabilities():
    c, a, b = (
        factories.CapabilityFactory(name=n)
        for n in ("Stand-off strike", "Aerial refuelling", "Nuclear strike")
    )
    return [a, b, c]


def build_aircraft_types():
    c, a, b = (factories.AircraftTypeFactory(max_speed_kmh=v) for v in (1050, 830, 925))
    return [a, b, c]


def build_aircraft_capabilities():
    return [factories.AircraftCapabilityFactory() for _ in range(3)]


def build_weapons():
    c, a, b = (factories.WeaponFactory(range_km=v) for v in (2800, 400, 2000))
    return [a, b, c]


def build_armaments():
    c, a, b = (factories.ArmamentFactory(max_carried=v) for v in (8, 2, 6))
    return [a, b, c]


def build_inventories():
    c, a, b = (factories.InventoryFactory(count=v) for v in (60, 5, 20))
    return [a, b, c]


def build_patrols():
    c, a, b = (
        factories.PatrolFactory(start_date=day(d))
        for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]


def build_patrol_regions():
    return [factories.PatrolRegionFactory() for _ in range(3)]


def build_participations():
    c, a, b = (factories.ParticipationFactory(count=v) for v in (4, 1, 2))
    return [a, b, c]


def build_interceptions():
    c, a, b = (
        factories.InterceptionFactory(date=day(d))
        for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]


def build_statements():
    c, a, b = (
        factories.StatementFactory(date=day(d)) for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]


RESOURCES = [
    Resource(
        "countries",
        "code",
        frozenset({"id", "url", "code", "code3", "name", *TIMESTAMPS}),
        "name",
        build_countries,
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
    ),
    Resource(
        "regions",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "kind", "parent", "declared_by", "established_year"}
            | {"geometry", "notes"}
            | SOURCED
        ),
        "established_year",
        build_regions,
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
    ),
    Resource(
        "citations",
        "id",
        frozenset(
            {"id", "url", "record_type", "record_id", "record", "source", "locator"} | TIMESTAMPS
        ),
        "id",
        build_citations,
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
    ),
    Resource(
        "manufacturers",
        "slug",
        frozenset({"id", "url", "slug", "name", "country", *TIMESTAMPS}),
        "name",
        build_manufacturers,
    ),
    Resource(
        "capabilities",
        "slug",
        frozenset({"id", "url", "slug", "name", "description", *TIMESTAMPS}),
        "name",
        build_capabilities,
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
    ),
    Resource(
        "aircraft-capabilities",
        "id",
        frozenset({"id", "url", "aircraft_type", "capability", "notes"} | SOURCED),
        "id",
        build_aircraft_capabilities,
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
    ),
    Resource(
        "armaments",
        "id",
        frozenset({"id", "url", "aircraft_type", "weapon", "max_carried", "notes"} | SOURCED),
        "max_carried",
        build_armaments,
    ),
    Resource(
        "inventories",
        "id",
        frozenset(
            {"id", "url", "aircraft_type", "operator", "count", "as_of_year", "notes"} | SOURCED
        ),
        "count",
        build_inventories,
    ),
    Resource(
        "patrols",
        "slug",
        frozenset(
            {"id", "url", "slug", "name", "kind", "ordinal", "start_date", "end_date"}
            | {"countries", "joint", "aircraft_count", "regions", "participations"}
            | {"interceptions", "statements", "summary", "notes", "route"}
            | SOURCED
        ),
        "start_date",
        build_patrols,
    ),
    Resource(
        "patrol-regions",
        "id",
        frozenset({"id", "url", "patrol", "region"}),
        "id",
        build_patrol_regions,
    ),
    Resource(
        "participations",
        "id",
        frozenset(
            {"id", "url", "patrol", "aircraft_type", "aircraft_description", "operator"}
            | {"country", "count", "role", "notes"}
            | SOURCED
        ),
        "count",
        build_participations,
    ),
    Resource(
        "interceptions",
        "id",
        frozenset(
            {"id", "url", "patrol", "responder", "country", "aircraft_type", "count", "date"}
            | {"region", "airspace_violated", "notes"}
            | SOURCED
        ),
        "date",
        build_interceptions,
    ),
    Resource(
        "statements",
        "slug",
        frozenset(
            {"id", "url", "slug", "organization", "speaker", "date", "kind", "patrol", "summary"}
            | SOURCED
        ),
        "date",
        build_statements,
    ),
]

every_resource = pytest.mark.parametrize("resource", RESOURCES, ids=str)


# --- The API root -------------------------------------------------------------------------------


def test_the_api_root_lists_all_eighteen_resources_with_their_urls(api_client):
    response = api_client.get(f"{API}/")

    assert response.status_code == 200
    assert response.json() == {r.path: f"{BASE}/{r.path}/" for r in RESOURCES}
    assert len(RESOURCES) == 18


def test_an_unknown_path_under_the_api_is_a_404_in_json(api_client):
    assert_json_error(api_client.get(f"{API}/no-such-resource/"), 404, "detail")


# --- Lists and records: the same contract for every resource -----------------------------------


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


@every_resource
def test_ordering_sorts_ascending_and_descending(api_client, resource):
    records = resource.build()
    ascending = [resource.key_of(r) for r in records]

    up = listed(api_client, resource.path, f"ordering={resource.ordering}")
    down = listed(api_client, resource.path, f"ordering=-{resource.ordering}")

    assert in_order(up, resource.key) == ascending
    assert in_order(down, resource.key) == ascending[::-1]


@every_resource
def test_an_unknown_ordering_field_is_a_400_naming_ordering(api_client, resource):
    resource.build()

    response = listed(api_client, resource.path, "ordering=no_such_field")

    body = assert_json_error(response, 400, "ordering")
    assert "no_such_field" in body["ordering"][0]


def test_ordering_by_several_fields_breaks_ties_with_the_second(api_client):
    a = factories.PatrolFactory(start_date=day("2022-05-24"), name="B patrol")
    b = factories.PatrolFactory(start_date=day("2022-05-24"), name="A patrol")
    c = factories.PatrolFactory(start_date=day("2019-07-23"), name="C patrol")

    response = listed(api_client, "patrols", "ordering=start_date,-name")

    assert in_order(response) == [c.slug, a.slug, b.slug]


def test_one_unknown_field_among_known_ones_is_still_a_400(api_client):
    response = listed(api_client, "patrols", "ordering=start_date,-nonsense")

    assert "-nonsense" in assert_json_error(response, 400, "ordering")["ordering"][0]


def test_without_ordering_patrols_come_newest_first(api_client):
    old = factories.PatrolFactory(start_date=day("2019-07-23"))
    new = factories.PatrolFactory(start_date=day("2024-11-29"))
    middle = factories.PatrolFactory(start_date=day("2022-05-24"))

    assert in_order(listed(api_client, "patrols")) == [new.slug, middle.slug, old.slug]


# --- Search -------------------------------------------------------------------------------------


def test_search_finds_a_country_by_name_or_code(api_client):
    factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    factories.CountryFactory(code="KR", code3="KOR", name="South Korea")

    assert keys(listed(api_client, "countries", "search=korea"), "code") == {"KR"}
    assert keys(listed(api_client, "countries", "search=JPN"), "code") == {"JP"}


def test_search_finds_a_source_by_publisher(api_client):
    tass = factories.SourceFactory(publisher="TASS")
    factories.SourceFactory(publisher="Kyodo News")

    assert keys(listed(api_client, "sources", "search=tass")) == {tass.slug}


def test_search_finds_an_aircraft_type_by_its_nato_name(api_client):
    bear = factories.AircraftTypeFactory(designation="Tu-95MS", nato_name="Bear-H")
    factories.AircraftTypeFactory(designation="H-6K", nato_name="Badger")

    assert keys(listed(api_client, "aircraft-types", "search=bear")) == {bear.slug}


def test_search_finds_a_patrol_by_an_aircraft_type_taking_part_listed_once(api_client):
    patrol = factories.PatrolFactory(name="First joint patrol")
    for designation in ("Tu-95MS", "Tu-95MSM"):
        factories.ParticipationFactory(
            patrol=patrol, aircraft_type=factories.AircraftTypeFactory(designation=designation)
        )
    other = factories.PatrolFactory(name="Other patrol")
    factories.ParticipationFactory(
        patrol=other, aircraft_type=factories.AircraftTypeFactory(designation="H-6K")
    )

    response = listed(api_client, "patrols", "search=tu-95")

    assert in_order(response) == [patrol.slug]
    assert response.json()["count"] == 1


def test_search_finds_a_statement_by_its_speaker(api_client):
    spoken = factories.StatementFactory(speaker="Chung Eui-yong")
    factories.StatementFactory(speaker="Someone else")

    assert keys(listed(api_client, "statements", "search=chung")) == {spoken.slug}


def test_a_search_matching_nothing_is_an_empty_list(api_client):
    factories.SourceFactory(title="Report")

    response = listed(api_client, "sources", "search=no-such-words")

    assert results(response) == []


# --- Paging -------------------------------------------------------------------------------------


def many_sources(n):
    """``n`` sources, written in one statement (the ORM's factories would take a while)."""
    Source.objects.bulk_create(
        Source(slug=f"bulk-{i:04d}", title=f"Bulk report {i:04d}", kind="news_report")
        for i in range(n)
    )


def test_a_page_holds_50_rows_unless_asked_otherwise(api_client):
    many_sources(51)

    first = listed(api_client, "sources", "ordering=title")
    second = api_client.get(first.json()["next"])

    assert set(first.json()) == {"count", "next", "previous", "results"}
    assert first.json()["count"] == 51
    assert len(results(first)) == 50
    assert first.json()["previous"] is None
    assert in_order(second) == ["bulk-0050"]
    assert second.json()["next"] is None
    assert second.json()["previous"] is not None


def test_page_size_sets_the_rows_per_page(api_client):
    many_sources(5)

    response = listed(api_client, "sources", "ordering=title&page_size=2&page=2")

    assert in_order(response) == ["bulk-0002", "bulk-0003"]
    assert response.json()["count"] == 5


def test_a_page_size_above_500_is_accepted_and_capped_at_500(api_client):
    many_sources(501)

    response = listed(api_client, "sources", "page_size=1000")

    assert len(results(response)) == 500
    assert response.json()["next"] is not None


def test_a_large_page_size_over_a_few_rows_returns_them_all(api_client):
    many_sources(3)

    assert len(results(listed(api_client, "sources", "page_size=1000"))) == 3


def test_page_last_is_the_last_page(api_client):
    many_sources(5)

    response = listed(api_client, "sources", "ordering=title&page_size=2&page=last")

    assert in_order(response) == ["bulk-0004"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=2.5", "page_size"),
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
    ],
)
def test_a_malformed_page_or_page_size_is_a_400_naming_it(api_client, query, parameter):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", query), 400, parameter)


def test_page_zero_is_a_400_naming_page(api_client):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", "page=0"), 400, "page")


def test_a_page_past_the_end_is_a_404_in_json(api_client):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", "page=2"), 404, "detail")


def test_an_empty_list_is_one_empty_page_not_a_404(api_client):
    response = listed(api_client, "sources")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


# --- Compact nested records ---------------------------------------------------------------------


@pytest.fixture
def joint_patrol():
    """A patrol flown by China and Russia, intercepted by Japan, announced by Russia."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    plaaf = factories.OrganizationFactory(slug="plaaf", name="PLA Air Force", country=china)
    lra = factories.OrganizationFactory(slug="lra", name="Long-Range Aviation", country=russia)
    jasdf = factories.OrganizationFactory(slug="jasdf", name="JASDF", country=japan)
    h6k = factories.AircraftTypeFactory(slug="h-6k", designation="H-6K")
    tu95 = factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS")
    f15 = factories.AircraftTypeFactory(slug="f-15j", designation="F-15J", role="fighter")
    sea = factories.RegionFactory(slug="east-china-sea", name="East China Sea")
    patrol = factories.PatrolFactory(slug="joint-patrol-4", start_date=day("2022-05-24"))
    factories.PatrolRegionFactory(patrol=patrol, region=sea)
    h6k_part = factories.ParticipationFactory(
        patrol=patrol, aircraft_type=h6k, operator=plaaf, count=2
    )
    tu95_part = factories.ParticipationFactory(
        patrol=patrol, aircraft_type=tu95, operator=lra, count=2
    )
    factories.ParticipationFactory(
        patrol=patrol,
        aircraft_type=None,
        aircraft_description="fighters",
        operator=lra,
        count=None,
        role="escort",
    )
    interception = factories.InterceptionFactory(
        patrol=patrol,
        responder=jasdf,
        aircraft_type=f15,
        date=day("2022-05-24"),
        region=sea,
        airspace_violated=False,
    )
    statement = factories.StatementFactory(
        slug="mod-ru-announcement", patrol=patrol, organization=lra, date=day("2022-05-24")
    )
    return {
        "patrol": patrol,
        "h6k_participation": h6k_part,
        "tu95_participation": tu95_part,
        "interception": interception,
        "statement": statement,
    }


def test_a_patrol_derives_its_countries_and_is_joint_with_two(api_client, joint_patrol):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()

    assert data["countries"] == [
        compact("code", "CN", "countries", "China"),
        compact("code", "RU", "countries", "Russia"),
    ]
    assert data["joint"] is True
    assert data["aircraft_count"] == 4  # the escort's unknown count adds nothing
    assert data["regions"] == [
        compact("slug", "east-china-sea", "regions", "East China Sea"),
    ]


def test_a_patrol_of_one_country_is_not_joint(api_client):
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    lra = factories.OrganizationFactory(country=russia)
    vks = factories.OrganizationFactory(country=russia)
    patrol = factories.PatrolFactory(kind="national_long_range_patrol")
    factories.ParticipationFactory(patrol=patrol, operator=lra)
    factories.ParticipationFactory(patrol=patrol, operator=vks, role="escort")

    data = api_client.get(f"{API}/patrols/{patrol.slug}/").json()

    assert data["countries"] == [compact("code", "RU", "countries", "Russia")]
    assert data["joint"] is False


def test_a_patrol_without_participations_has_no_countries_and_no_count(api_client):
    patrol = factories.PatrolFactory()

    data = api_client.get(f"{API}/patrols/{patrol.slug}/").json()

    assert data["countries"] == []
    assert data["joint"] is False
    assert data["aircraft_count"] is None
    assert data["participations"] == []


def test_a_patrols_participations_name_type_operator_and_country_compactly(
    api_client, joint_patrol
):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()
    by_id = {p["id"]: p for p in data["participations"]}

    h6k = by_id[joint_patrol["h6k_participation"].pk]
    assert set(h6k) == {
        "id", "aircraft_type", "aircraft_description", "operator", "country", "count", "role",
        "notes",
    }  # fmt: skip
    assert h6k["aircraft_type"] == compact("slug", "h-6k", "aircraft-types", "H-6K")
    assert h6k["operator"] == compact("slug", "plaaf", "organizations", "PLA Air Force")
    assert h6k["country"] == compact("code", "CN", "countries", "China")
    assert (h6k["count"], h6k["role"]) == (2, "bomber")
    unidentified = next(p for p in data["participations"] if p["aircraft_type"] is None)
    assert unidentified["aircraft_description"] == "fighters"
    assert unidentified["country"]["code"] == "RU"


def test_a_patrols_interceptions_and_statements_are_compact(api_client, joint_patrol):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()

    [interception] = data["interceptions"]
    assert set(interception) == {
        "id", "responder", "country", "aircraft_type", "count", "date", "region",
        "airspace_violated", "notes",
    }  # fmt: skip
    assert interception["responder"] == compact("slug", "jasdf", "organizations", "JASDF")
    assert interception["country"] == compact("code", "JP", "countries", "Japan")
    assert interception["aircraft_type"] == compact("slug", "f-15j", "aircraft-types", "F-15J")
    assert interception["region"] == compact("slug", "east-china-sea", "regions", "East China Sea")
    assert interception["airspace_violated"] is False
    [statement] = data["statements"]
    assert set(statement) == {
        "id", "url", "slug", "organization", "speaker", "date", "kind", "summary",
    }  # fmt: skip
    assert statement["url"] == f"{BASE}/statements/mod-ru-announcement/"
    assert statement["organization"] == compact(
        "slug", "lra", "organizations", "Long-Range Aviation"
    )


def test_a_participation_shows_its_patrol_and_derived_country(api_client, joint_patrol):
    participation = joint_patrol["tu95_participation"]

    data = api_client.get(f"{API}/participations/{participation.pk}/").json()

    assert data["patrol"] == compact(
        "slug", "joint-patrol-4", "patrols", joint_patrol["patrol"].name
    )
    assert data["aircraft_type"] == compact("slug", "tu-95ms", "aircraft-types", "Tu-95MS")
    assert data["country"] == compact("code", "RU", "countries", "Russia")


@pytest.fixture
def h6_family():
    """H-6, its variant H-6K and that one's variant H-6N, with what hangs off the H-6K."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    xian = factories.ManufacturerFactory(slug="xian", name="Xi'an Aircraft", country=china)
    h6 = factories.AircraftTypeFactory(slug="h-6", designation="H-6", role="bomber")
    h6k = factories.AircraftTypeFactory(
        slug="h-6k", designation="H-6K", variant_of=h6, manufacturer=xian, country_of_origin=china
    )
    h6n = factories.AircraftTypeFactory(slug="h-6n", designation="H-6N", variant_of=h6k)
    h6j = factories.AircraftTypeFactory(slug="h-6j", designation="H-6J", variant_of=h6k)
    refuelling = factories.CapabilityFactory(slug="aerial-refuelling", name="Aerial refuelling")
    capability = factories.AircraftCapabilityFactory(
        aircraft_type=h6k, capability=refuelling, confidence="confirmed"
    )
    cj20 = factories.WeaponFactory(slug="cj-20", name="CJ-20")
    armament = factories.ArmamentFactory(aircraft_type=h6k, weapon=cj20, max_carried=6)
    plaaf = factories.OrganizationFactory(slug="plaaf", name="PLA Air Force", country=china)
    inventory = factories.InventoryFactory(
        aircraft_type=h6k, operator=plaaf, count=100, as_of_year=2024
    )
    janes = factories.SourceFactory(slug="janes", title="Jane's All the World's Aircraft")
    factories.CitationFactory(content_object=h6k, source=janes)
    other = factories.SourceFactory(slug="other-report", title="Another report")
    claim = factories.ClaimFactory(
        content_object=h6k, field="range_km", value="6000", source=other, note="Estimate."
    )
    return {
        "h6": h6, "h6k": h6k, "h6n": h6n, "h6j": h6j, "capability": capability,
        "armament": armament, "inventory": inventory, "claim": claim,
    }  # fmt: skip


def test_an_aircraft_type_shows_its_family_compactly(api_client, h6_family):
    data = api_client.get(f"{API}/aircraft-types/h-6k/").json()

    assert data["variant_of"] == compact("slug", "h-6", "aircraft-types", "H-6")
    assert data["variants"] == [  # one level down, by designation
        compact("slug", "h-6j", "aircraft-types", "H-6J"),
        compact("slug", "h-6n", "aircraft-types", "H-6N"),
    ]
    assert data["manufacturer"] == compact("slug", "xian", "manufacturers", "Xi'an Aircraft")
    assert data["country_of_origin"] == compact("code", "CN", "countries", "China")


def test_an_aircraft_type_lists_its_capabilities_armaments_and_inventories(api_client, h6_family):
    data = api_client.get(f"{API}/aircraft-types/h-6k/").json()

    assert data["capabilities"] == [
        {
            "id": h6_family["capability"].pk,
            "capability": compact("slug", "aerial-refuelling", "capabilities", "Aerial refuelling"),
            "notes": "",
            "confidence": "confirmed",
        }
    ]
    assert data["armaments"] == [
        {
            "id": h6_family["armament"].pk,
            "weapon": compact("slug", "cj-20", "weapons", "CJ-20"),
            "max_carried": 6,
            "notes": "",
            "confidence": "reported",
        }
    ]
    assert data["inventories"] == [
        {
            "id": h6_family["inventory"].pk,
            "operator": compact("slug", "plaaf", "organizations", "PLA Air Force"),
            "count": 100,
            "as_of_year": 2024,
            "notes": "",
            "confidence": "reported",
        }
    ]


def test_an_aircraft_type_shows_its_sources_claims_and_that_it_is_disputed(api_client, h6_family):
    data = api_client.get(f"{API}/aircraft-types/h-6k/").json()

    assert data["sources"] == [
        compact("slug", "janes", "sources", "Jane's All the World's Aircraft")
    ]
    assert data["claims"] == [
        {
            "id": h6_family["claim"].pk,
            "field": "range_km",
            "value": "6000",
            "source": compact("slug", "other-report", "sources", "Another report"),
            "confidence": "claimed",
            "note": "Estimate.",
        }
    ]
    assert data["disputed"] is True


def test_an_aircraft_type_without_claims_is_not_disputed_unless_marked(api_client, h6_family):
    plain = api_client.get(f"{API}/aircraft-types/h-6n/").json()
    factories.AircraftTypeFactory(slug="marked", confidence="disputed")
    marked = api_client.get(f"{API}/aircraft-types/marked/").json()

    assert (plain["claims"], plain["disputed"]) == ([], False)
    assert plain["variants"] == []
    assert (marked["claims"], marked["disputed"]) == ([], True)


def test_a_citation_names_the_record_it_is_attached_to(api_client):
    patrol = factories.PatrolFactory(slug="joint-patrol-1", name="1st joint patrol")
    source = factories.SourceFactory(slug="tass", title="TASS report")
    citation = factories.CitationFactory(content_object=patrol, source=source, locator="para. 2")

    data = api_client.get(f"{API}/citations/{citation.pk}/").json()

    assert data["record_type"] == "patrols.patrol"
    assert data["record_id"] == patrol.pk
    assert data["record"] == {
        "type": "patrols.patrol",
        "id": patrol.pk,
        "key": "joint-patrol-1",
        "name": "1st joint patrol",
        "url": f"{BASE}/patrols/joint-patrol-1/",
    }
    assert data["source"] == compact("slug", "tass", "sources", "TASS report")
    assert data["locator"] == "para. 2"


def test_a_claim_on_an_organization_names_it_and_its_field(api_client):
    organization = factories.OrganizationFactory(slug="rokaf", name="ROK Air Force")
    claim = factories.ClaimFactory(content_object=organization, field="name", value="ROKAF")

    data = api_client.get(f"{API}/claims/{claim.pk}/").json()

    assert data["record_type"] == "reference.organization"
    assert data["record"]["key"] == "rokaf"
    assert data["record"]["url"] == f"{BASE}/organizations/rokaf/"
    assert (data["field"], data["value"], data["confidence"]) == ("name", "ROKAF", "claimed")


def test_a_country_is_named_by_its_code_in_related_records(api_client):
    korea = factories.CountryFactory(code="KR", code3="KOR", name="South Korea")
    region = factories.RegionFactory(slug="kadiz", kind="adiz", declared_by=korea)

    data = api_client.get(f"{API}/regions/{region.slug}/").json()

    assert data["declared_by"] == compact("code", "KR", "countries", "South Korea")
    assert data["parent"] is None


def test_a_source_shows_its_link_under_link_and_its_own_api_url_under_url(api_client):
    source = factories.SourceFactory(slug="tass", url="https://tass.com/defense/1")

    data = api_client.get(f"{API}/sources/tass/").json()

    assert data["link"] == source.url
    assert data["url"] == f"{BASE}/sources/tass/"


def test_a_source_cited_by_two_records_is_listed_once_on_each(api_client):
    source = factories.SourceFactory(slug="tass", title="TASS")
    first, second = factories.PatrolFactory(), factories.PatrolFactory()
    factories.CitationFactory(content_object=first, source=source)
    factories.CitationFactory(content_object=second, source=source)

    rows = results(listed(api_client, "patrols"))

    assert [row["sources"] for row in rows] == [[compact("slug", "tass", "sources", "TASS")]] * 2
