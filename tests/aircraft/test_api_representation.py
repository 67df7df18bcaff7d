"""How an aircraft type reads in the API: its family, capabilities, armaments, inventories,
sources and claims, as compact records a client reads without a second request."""

import pytest

from tests import factories
from tests.core.resource_cases import API, compact

pytestmark = pytest.mark.django_db


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
