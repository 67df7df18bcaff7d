"""The filters of aircraft types, weapons, armaments, capabilities, inventories and
manufacturers: each selects exactly the records it should.

The tests run over two bomber families built with factories (``aircraft``), so each expected
result is written out in full. What a bad value answers is in tests/core/test_api_filters.py.

The last test asks the curated data set a question end to end. It sits last on purpose: the data
set, once loaded, stays for the rest of the module.
"""

import pytest

from tests import factories
from tests.core.filter_cases import ids, listed, rows, slugs

pytestmark = pytest.mark.django_db


# --- Aircraft types -------------------------------------------------------------------------------


@pytest.fixture
def aircraft():
    """Two bomber families (H-6 > H-6K > H-6N; Tu-95 > Tu-95MS), a fighter and an AEW&C.

    slug     variant of  role              status      origin     range km / km/h  has
    h-6      -           bomber            retired     CN, xian     4300 / 1050
    h-6k     h-6         strategic_bomber  in_service  CN, xian     6000 / 1050    yj-12; crew 4
    h-6n     h-6k        strategic_bomber  in_service  CN, xian     6000 / 1050    refuelling,
                                                                                   nuclear strike
    tu-95    -           strategic_bomber  retired     RU, tupolev 15000 / 925     nuclear strike
    tu-95ms  tu-95       strategic_bomber  in_service  RU, tupolev 10500 / 830     refuelling,
                                                                                   nuclear strike;
                                                                                   kh-101, kh-55;
                                                                                   crew 7
    su-35s   -           fighter           in_service  RU           3600 / 2400
    a-50     -           aew_c             in_service  RU        unknown / 800

    Returns the weapons: kh-101, kh-55 (nuclear), yj-12 (Chinese), kh-47 (nothing known).
    """
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    xian = factories.ManufacturerFactory(slug="xian", country=china)
    tupolev = factories.ManufacturerFactory(slug="tupolev", country=russia)

    def build(slug, variant_of=None, **fields):
        return factories.AircraftTypeFactory(
            slug=slug, designation=slug.upper(), variant_of=variant_of, **fields
        )

    chinese = {"country_of_origin": china, "manufacturer": xian}
    russian = {"country_of_origin": russia, "manufacturer": tupolev}
    h6 = build("h-6", role="bomber", status="retired", range_km=4300, max_speed_kmh=1050, **chinese)
    h6k = build(
        "h-6k", h6, status="in_service", range_km=6000, max_speed_kmh=1050, crew=4, **chinese
    )
    h6n = build("h-6n", h6k, status="in_service", range_km=6000, max_speed_kmh=1050, **chinese)
    tu95 = build("tu-95", status="retired", range_km=15000, max_speed_kmh=925, **russian)
    tu95ms = build(
        "tu-95ms", tu95, status="in_service", range_km=10500, max_speed_kmh=830, crew=7, **russian
    )
    build("su-35s", role="fighter", status="in_service", range_km=3600, max_speed_kmh=2400,
          country_of_origin=russia)  # fmt: skip
    build("a-50", role="aew_c", status="in_service", max_speed_kmh=800, country_of_origin=russia)

    refuel = factories.CapabilityFactory(slug="aerial-refuelling")
    nuclear = factories.CapabilityFactory(slug="nuclear-strike")
    for aircraft_type, capability in (
        (h6n, refuel), (h6n, nuclear), (tu95, nuclear), (tu95ms, refuel), (tu95ms, nuclear),
    ):  # fmt: skip
        factories.AircraftCapabilityFactory(aircraft_type=aircraft_type, capability=capability)
    weapons = {
        "kh-101": factories.WeaponFactory(
            slug="kh-101", kind="cruise_missile", range_km=2800, nuclear_capable=False
        ),
        "kh-55": factories.WeaponFactory(
            slug="kh-55", kind="cruise_missile", range_km=2500, nuclear_capable=True
        ),
        "yj-12": factories.WeaponFactory(
            slug="yj-12",
            kind="anti_ship_missile",
            range_km=400,
            nuclear_capable=False,
            country=china,
        ),  # fmt: skip
        "kh-47": factories.WeaponFactory(
            slug="kh-47", kind="ballistic_missile", range_km=None, nuclear_capable=None
        ),
    }
    factories.ArmamentFactory(aircraft_type=tu95ms, weapon=weapons["kh-101"])
    factories.ArmamentFactory(aircraft_type=tu95ms, weapon=weapons["kh-55"])
    factories.ArmamentFactory(aircraft_type=h6k, weapon=weapons["yj-12"])
    return weapons


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=bomber", {"h-6"}),
        ("role=strategic_bomber", {"h-6k", "h-6n", "tu-95", "tu-95ms"}),
        ("role=fighter&role=aew_c", {"su-35s", "a-50"}),
        ("status=retired", {"h-6", "tu-95"}),
        ("status=in_service&role=strategic_bomber", {"h-6k", "h-6n", "tu-95ms"}),
        ("country=CN", {"h-6", "h-6k", "h-6n"}),
        ("country=ru", {"tu-95", "tu-95ms", "su-35s", "a-50"}),
        ("manufacturer=tupolev", {"tu-95", "tu-95ms"}),
        ("manufacturer=xian&manufacturer=tupolev", {"h-6", "h-6k", "h-6n", "tu-95", "tu-95ms"}),
        ("capability=aerial-refuelling", {"h-6n", "tu-95ms"}),
        ("capability=nuclear-strike", {"h-6n", "tu-95", "tu-95ms"}),
        ("capability=aerial-refuelling&capability=nuclear-strike", {"h-6n", "tu-95", "tu-95ms"}),
        ("weapon=yj-12", {"h-6k"}),
        ("weapon=kh-101&weapon=kh-55", {"tu-95ms"}),  # carries both: listed once
        ("weapon=kh-47", set()),
    ],
)
def test_aircraft_types_by_role_status_origin_capability_and_weapon(
    api_client, aircraft, query, expected
):
    assert slugs(listed(api_client, "aircraft-types", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("variant_of=h-6", {"h-6k", "h-6n"}),  # at any depth, without the type itself
        ("variant_of=h-6k", {"h-6n"}),
        ("variant_of=h-6n", set()),
        ("variant_of=tu-95", {"tu-95ms"}),
        ("variant_of=h-6&status=in_service", {"h-6k", "h-6n"}),
    ],
)
def test_aircraft_types_by_the_type_they_derive_from(api_client, aircraft, query, expected):
    assert slugs(listed(api_client, "aircraft-types", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("range_km_min=6000", {"h-6k", "h-6n", "tu-95", "tu-95ms"}),  # inclusive
        ("range_km_max=4300", {"h-6", "su-35s"}),  # an unknown range matches no bound
        ("range_km_min=5000&range_km_max=11000", {"h-6k", "h-6n", "tu-95ms"}),
        ("max_speed_kmh_max=925", {"tu-95", "tu-95ms", "a-50"}),
        ("max_speed_kmh_min=1000&max_speed_kmh_max=2000", {"h-6", "h-6k", "h-6n"}),
        ("crew_min=5", {"tu-95ms"}),
        ("range_km_min=20000", set()),
        ("range_km_max=20000", {"h-6", "h-6k", "h-6n", "tu-95", "tu-95ms", "su-35s"}),
    ],
)
def test_aircraft_types_by_ranges_of_figures(api_client, aircraft, query, expected):
    assert slugs(listed(api_client, "aircraft-types", query)) == expected


@pytest.mark.parametrize("query", ["range_km_max=99999999999999999999999", "crew_min=-1"])
def test_a_figure_bound_the_database_cannot_hold_is_a_400(api_client, query):
    """Past a column's range the database would drop the condition and match unknowns too."""
    response = listed(api_client, "aircraft-types", query)
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


# --- Weapons, armaments, capabilities, inventories, manufacturers ---------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nuclear_capable=true", {"kh-55"}),
        ("nuclear_capable=false", {"kh-101", "yj-12"}),  # unknown matches neither
        ("range_km_min=2500", {"kh-101", "kh-55"}),
        ("range_km_max=2500", {"kh-55", "yj-12"}),
        ("kind=cruise_missile", {"kh-101", "kh-55"}),
        ("kind=anti_ship_missile&kind=ballistic_missile", {"yj-12", "kh-47"}),
        ("country=CN", {"yj-12"}),
    ],
)
def test_weapons_by_nuclear_capability_range_kind_and_country(
    api_client, aircraft, query, expected
):
    assert slugs(listed(api_client, "weapons", query)) == expected


def test_armaments_by_weapon_and_aircraft_type(api_client, aircraft):
    def carried(query):
        return {
            (row["aircraft_type"]["slug"], row["weapon"]["slug"])
            for row in rows(listed(api_client, "armaments", query))
        }

    assert carried("weapon=kh-101") == {("tu-95ms", "kh-101")}
    assert carried("weapon=kh-101&weapon=yj-12") == {("tu-95ms", "kh-101"), ("h-6k", "yj-12")}
    assert carried("aircraft_type=tu-95ms") == {("tu-95ms", "kh-101"), ("tu-95ms", "kh-55")}
    assert carried("weapon=kh-47") == set()


def test_aircraft_capabilities_by_capability_and_aircraft_type(api_client, aircraft):
    def links(query):
        return {
            (row["aircraft_type"]["slug"], row["capability"]["slug"])
            for row in rows(listed(api_client, "aircraft-capabilities", query))
        }

    assert links("capability=aerial-refuelling") == {
        ("h-6n", "aerial-refuelling"),
        ("tu-95ms", "aerial-refuelling"),
    }
    assert links("aircraft_type=tu-95") == {("tu-95", "nuclear-strike")}


def test_manufacturers_by_country(api_client, aircraft):
    assert slugs(listed(api_client, "manufacturers", "country=RU")) == {"tupolev"}
    assert slugs(listed(api_client, "manufacturers", "country=cn")) == {"xian"}


def test_inventories_by_operators_country_and_year(api_client):
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    plaaf = factories.OrganizationFactory(country=china)
    plan = factories.OrganizationFactory(country=china, kind="naval_aviation")
    lra = factories.OrganizationFactory(country=russia)
    chinese = {
        factories.InventoryFactory(operator=plaaf, as_of_year=2020).pk,
        factories.InventoryFactory(operator=plan, as_of_year=2024).pk,
    }
    russian = factories.InventoryFactory(operator=lra, as_of_year=2024).pk

    assert ids(listed(api_client, "inventories", "country=CN")) == chinese
    assert ids(listed(api_client, "inventories", "country=RU")) == {russian}
    assert ids(listed(api_client, "inventories", "country=CN&country=RU")) == chinese | {russian}
    assert len(ids(listed(api_client, "inventories", "as_of_year_min=2024"))) == 2
    assert ids(listed(api_client, "inventories", f"operator={lra.slug}")) == {russian}


# --- The curated data set -------------------------------------------------------------------------


# Kept last: ``loaded`` loads the data set once for the rest of this module.


def test_the_h6_family_in_the_curated_data(api_client, loaded):
    response = listed(api_client, "aircraft-types", "variant_of=h-6")

    # From aircraft/data/aircraft.yaml: h-6k and h-6n are variants of h-6.
    assert slugs(response) == {"h-6k", "h-6n"}
