"""The list filters: each selects exactly the records it should, and a bad value is a 400.

Most tests run over a small world built with factories (``patrols``, ``aircraft``) whose every
record is named, so each expected result is written out in full. A filter value naming nothing
(an unknown slug, country code or choice) or malformed (a number, date or boolean that does not
parse) is a 400 whose JSON names the parameter, never a 200 with an empty or unfiltered list.

The last section asks the curated data set a researcher's question end to end. It sits last on
purpose: the data set, once loaded, stays for the rest of the module.
"""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"


# --- Helpers ------------------------------------------------------------------------------------


def listed(client, resource, query=""):
    """GET a resource's list, with an optional query string (repeat a parameter for OR)."""
    return client.get(f"{API}/{resource}/" + (f"?{query}" if query else ""))


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    """The slugs of a list's rows, as a set; a row listed twice is an error."""
    found = [row["slug"] for row in rows(response)]
    assert len(found) == len(set(found)), f"listed more than once: {found}"
    return set(found)


def ids(response):
    found = [row["id"] for row in rows(response)]
    assert len(found) == len(set(found)), f"listed more than once: {found}"
    return set(found)


def day(text):
    return datetime.date.fromisoformat(text)


# --- A small world of patrols -------------------------------------------------------------------


@pytest.fixture
def world():
    """Countries, organizations, aircraft, regions and sources the patrols below refer to."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    korea = factories.CountryFactory(code="KR", code3="KOR", name="South Korea")
    factories.CountryFactory(code="US", code3="USA", name="United States")
    org = factories.OrganizationFactory
    aircraft_type = factories.AircraftTypeFactory
    return {
        "china": china,
        "russia": russia,
        "japan": japan,
        "korea": korea,
        "plaaf": org(slug="plaaf", name="PLA Air Force", country=china),
        "lra": org(slug="lra", name="Long-Range Aviation", country=russia),
        "vks": org(slug="vks", name="Aerospace Forces", country=russia),
        "jasdf": org(slug="jasdf", name="JASDF", country=japan),
        "rokaf": org(slug="rokaf", name="ROK Air Force", country=korea),
        "mnd": org(slug="mnd", name="Ministry of National Defense", kind="ministry", country=china),
        "h-6k": aircraft_type(slug="h-6k", designation="H-6K"),
        "tu-95ms": aircraft_type(slug="tu-95ms", designation="Tu-95MS"),
        "a-50": aircraft_type(slug="a-50", designation="A-50", role="aew_c"),
        "su-35s": aircraft_type(slug="su-35s", designation="Su-35S", role="fighter"),
        "f-15j": aircraft_type(slug="f-15j", designation="F-15J", role="fighter"),
        "east-china-sea": factories.RegionFactory(slug="east-china-sea", name="East China Sea"),
        "sea-of-japan": factories.RegionFactory(slug="sea-of-japan", name="Sea of Japan"),
        "kadiz": factories.RegionFactory(
            slug="kadiz", name="KADIZ", kind="adiz", declared_by=korea
        ),
        "tass": factories.SourceFactory(slug="tass"),
        "japan-mod": factories.SourceFactory(slug="japan-mod"),
        "xinhua": factories.SourceFactory(slug="xinhua"),
    }


def patrol(w, slug, start, kind="joint_strategic_patrol", regions=(), flights=(), **fields):
    """A patrol crossing ``regions``; ``flights`` are (aircraft type, operator, role) triples."""
    record = factories.PatrolFactory(slug=slug, kind=kind, start_date=day(start), **fields)
    for region in regions:
        factories.PatrolRegionFactory(patrol=record, region=w[region])
    for aircraft_type, operator, role in flights:
        factories.ParticipationFactory(
            patrol=record, aircraft_type=w[aircraft_type], operator=w[operator], role=role
        )
    return record


@pytest.fixture
def patrols(world):
    """Seven patrols, told apart by what the table shows.

    slug        start       kind      countries: types           regions        also
    jp-2019     2019-07-23  joint     CN RU: h-6k tu-95ms a-50     ecs soj kadiz  confirmed;
                                                                               KR, JP intercept;
                                                                               cites tass and
                                                                               japan-mod
    jp-2022     2022-05-24  joint     CN RU: h-6k tu-95ms          ecs            JP intercepts;
                                                                               a claim
    jp-2023     2023-06-06  joint     CN RU: h-6k tu-95ms su-35s   soj
    jp-2024     2024-11-29  joint     CN RU: h-6k tu-95ms          ecs            marked disputed
    ru-2024     2024-01-16  national  RU: tu-95ms su-35s           soj            JP intercepts;
                                                                               cites japan-mod
    cn-2023     2023-03-01  exercise  CN: h-6k                     ecs
    empty-2020  2020-01-01  exercise  (no participations)
    """
    w = world
    p = {
        "jp-2019": patrol(
            w,
            "jp-2019",
            "2019-07-23",
            regions=("east-china-sea", "sea-of-japan", "kadiz"),
            flights=(
                ("h-6k", "plaaf", "bomber"),
                ("tu-95ms", "lra", "bomber"),
                ("a-50", "vks", "aew_c"),
            ),
            confidence="confirmed",
        ),
        "jp-2022": patrol(
            w,
            "jp-2022",
            "2022-05-24",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"), ("tu-95ms", "lra", "bomber")),
        ),
        "jp-2023": patrol(
            w,
            "jp-2023",
            "2023-06-06",
            regions=("sea-of-japan",),
            flights=(
                ("h-6k", "plaaf", "bomber"),
                ("tu-95ms", "lra", "bomber"),
                ("su-35s", "vks", "escort"),
            ),
        ),
        "jp-2024": patrol(
            w,
            "jp-2024",
            "2024-11-29",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"), ("tu-95ms", "lra", "bomber")),
            confidence="disputed",
        ),
        "ru-2024": patrol(
            w,
            "ru-2024",
            "2024-01-16",
            kind="national_long_range_patrol",
            regions=("sea-of-japan",),
            flights=(("tu-95ms", "lra", "bomber"), ("su-35s", "vks", "escort")),
        ),
        "cn-2023": patrol(
            w,
            "cn-2023",
            "2023-03-01",
            kind="exercise",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"),),
        ),
        "empty-2020": patrol(w, "empty-2020", "2020-01-01", kind="exercise"),
    }
    factories.InterceptionFactory(
        patrol=p["jp-2019"], responder=w["rokaf"], airspace_violated=True, region=w["kadiz"]
    )
    factories.InterceptionFactory(patrol=p["jp-2019"], responder=w["jasdf"])
    factories.InterceptionFactory(
        patrol=p["jp-2022"], responder=w["jasdf"], aircraft_type=w["f-15j"], airspace_violated=False
    )
    factories.InterceptionFactory(patrol=p["ru-2024"], responder=w["jasdf"])
    factories.CitationFactory(content_object=p["jp-2019"], source=w["tass"])
    factories.CitationFactory(content_object=p["jp-2019"], source=w["japan-mod"])
    factories.CitationFactory(content_object=p["ru-2024"], source=w["japan-mod"])
    factories.ClaimFactory(content_object=p["jp-2022"], source=w["xinhua"], field="start_date")
    return p


ALL_PATROLS = {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "ru-2024", "cn-2023", "empty-2020"}
JOINT = {"jp-2019", "jp-2022", "jp-2023", "jp-2024"}


def test_without_filters_every_patrol_is_listed(api_client, patrols):
    assert slugs(listed(api_client, "patrols")) == ALL_PATROLS


# --- Patrols: when ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", {"jp-2024", "ru-2024"}),
        ("year=2021", set()),
        ("year_min=2023", {"jp-2023", "jp-2024", "ru-2024", "cn-2023"}),
        ("year_max=2020", {"jp-2019", "empty-2020"}),
        ("year_min=2022&year_max=2023", {"jp-2022", "jp-2023", "cn-2023"}),
        ("year_min=2023&year_max=2022", set()),
        # Both bounds are inclusive.
        ("date_after=2022-05-24&date_before=2023-06-06", {"jp-2022", "jp-2023", "cn-2023"}),
        ("date_after=2024-01-17", {"jp-2024"}),
        ("date_before=2019-07-23", {"jp-2019"}),
    ],
)
def test_patrols_by_year_and_date(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


# --- Patrols: who, with what, where -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("country=RU", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "ru-2024"}),
        ("country=CN&country=RU", ALL_PATROLS - {"empty-2020"}),  # repeated: OR
        ("country=cn", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("country=ru&country=Cn", ALL_PATROLS - {"empty-2020"}),
        ("country=JP", set()),  # a known country that flew none: empty, not an error
    ],
)
def test_patrols_by_country_taking_part(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aircraft_type=a-50", {"jp-2019"}),
        ("aircraft_type=su-35s", {"jp-2023", "ru-2024"}),
        ("aircraft_type=a-50&aircraft_type=su-35s", {"jp-2019", "jp-2023", "ru-2024"}),
        ("aircraft_type=h-6k", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("aircraft_type=f-15j", set()),  # it intercepted, it did not take part
        ("operator=vks", {"jp-2019", "jp-2023", "ru-2024"}),
        ("role=escort", {"jp-2023", "ru-2024"}),
        ("role=aew_c", {"jp-2019"}),
        ("role=aew_c&role=escort", {"jp-2019", "jp-2023", "ru-2024"}),
        ("role=tanker", set()),
    ],
)
def test_patrols_by_aircraft_type_operator_and_role(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=east-china-sea", {"jp-2019", "jp-2022", "jp-2024", "cn-2023"}),
        ("region=sea-of-japan", {"jp-2019", "jp-2023", "ru-2024"}),
        ("region=kadiz", {"jp-2019"}),
        ("region=kadiz&region=sea-of-japan", {"jp-2019", "jp-2023", "ru-2024"}),
    ],
)
def test_patrols_by_region_crossed(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=joint_strategic_patrol", JOINT),
        ("kind=national_long_range_patrol", {"ru-2024"}),
        ("kind=exercise&kind=national_long_range_patrol", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=true", JOINT),
        ("joint=false", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=1", JOINT),
        ("joint=no", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=TRUE", JOINT),
    ],
)
def test_patrols_by_kind_and_joint(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_a_patrol_flown_by_two_units_of_one_country_is_not_joint(api_client, patrols):
    # ru-2024 has two participations (Long-Range Aviation, Aerospace Forces), both Russian.
    assert "ru-2024" not in slugs(listed(api_client, "patrols", "joint=true"))


def test_a_participant_without_a_country_does_not_make_a_patrol_joint(api_client, world):
    norad = factories.OrganizationFactory(slug="norad", kind="multinational_command", country=None)
    mixed = patrol(world, "with-norad", "2024-07-24", flights=(("h-6k", "plaaf", "bomber"),))
    factories.ParticipationFactory(patrol=mixed, operator=norad, role="other")

    assert slugs(listed(api_client, "patrols", "joint=true")) == set()
    assert slugs(listed(api_client, "patrols", "joint=false")) == {"with-norad"}


# --- Patrols: sources, confidence, disputes ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("confidence=confirmed", {"jp-2019"}),
        ("confidence=disputed", {"jp-2024"}),
        ("confidence=confirmed&confidence=disputed", {"jp-2019", "jp-2024"}),
        ("confidence=claimed", set()),
        # disputed: marked disputed, or carrying a claim from another source
        ("disputed=true", {"jp-2022", "jp-2024"}),
        ("disputed=false", ALL_PATROLS - {"jp-2022", "jp-2024"}),
        ("source=tass", {"jp-2019"}),
        ("source=japan-mod", {"jp-2019", "ru-2024"}),
        ("source=tass&source=japan-mod", {"jp-2019", "ru-2024"}),
        ("source=xinhua", set()),  # it only made a claim; the patrol does not cite it
    ],
)
def test_patrols_by_confidence_dispute_and_source(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_claims_and_citations_on_another_kind_of_record_with_the_same_id_do_not_count(
    api_client,
):
    patrol_ = factories.PatrolFactory(pk=424242, slug="the-patrol")
    aircraft_type = factories.AircraftTypeFactory(pk=424242)
    source = factories.SourceFactory(slug="about-the-aircraft")
    factories.CitationFactory(content_object=aircraft_type, source=source)
    factories.ClaimFactory(content_object=aircraft_type, field="range_km", value="6000")

    assert slugs(listed(api_client, "patrols", "disputed=true")) == set()
    assert slugs(listed(api_client, "patrols", "source=about-the-aircraft")) == set()
    assert slugs(listed(api_client, "aircraft-types", "disputed=true")) == {aircraft_type.slug}
    assert patrol_.pk == aircraft_type.pk


# --- Patrols: who responded ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("intercepted_by=KR", {"jp-2019"}),
        ("intercepted_by=JP", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=jp", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=KR&intercepted_by=JP", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=CN", set()),
        ("responder=rokaf", {"jp-2019"}),
        ("responder=jasdf", {"jp-2019", "jp-2022", "ru-2024"}),
        ("airspace_violated=true", {"jp-2019"}),
        ("airspace_violated=false", {"jp-2022"}),
    ],
)
def test_patrols_by_who_intercepted_them(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


# --- Patrols: filters together ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The researcher's question: joint patrols 2022–2024 with H-6K over the East China Sea.
        (
            "joint=true&year_min=2022&year_max=2024&aircraft_type=h-6k&region=east-china-sea",
            {"jp-2022", "jp-2024"},
        ),
        ("joint=false&aircraft_type=h-6k", {"cn-2023"}),
        ("country=RU&year=2024", {"jp-2024", "ru-2024"}),
        ("country=RU&joint=false", {"ru-2024"}),
        ("intercepted_by=JP&kind=joint_strategic_patrol&disputed=true", {"jp-2022"}),
        ("region=sea-of-japan&role=escort&date_after=2024-01-01", {"ru-2024"}),
        # Filters on participations may be met by different participations of one patrol:
        # jp-2023 has a Chinese bomber and a Russian escort.
        ("country=CN&role=escort", {"jp-2023"}),
    ],
)
def test_patrol_filters_combine_with_and(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_the_count_and_pages_follow_the_filters(api_client, patrols):
    response = listed(api_client, "patrols", "joint=true&page_size=3&ordering=start_date")

    assert response.json()["count"] == 4
    assert "joint=true" in response.json()["next"]  # the next page keeps the filters
    assert [row["slug"] for row in rows(response)] == ["jp-2019", "jp-2022", "jp-2023"]


def test_filters_combine_with_search_and_ordering(api_client, patrols):
    response = listed(api_client, "patrols", "search=su-35&joint=true&ordering=-start_date")

    assert [row["slug"] for row in rows(response)] == ["jp-2023"]


# --- Aircraft types -----------------------------------------------------------------------------


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


# --- Weapons, armaments, capabilities, inventories, manufacturers ------------------------------


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


# --- Reference records --------------------------------------------------------------------------


def test_organizations_by_kind_and_country(api_client, world):
    norad = factories.OrganizationFactory(slug="norad", kind="multinational_command", country=None)

    assert slugs(listed(api_client, "organizations", "kind=ministry")) == {"mnd"}
    assert slugs(
        listed(api_client, "organizations", "kind=ministry&kind=multinational_command")
    ) == {
        "mnd",
        norad.slug,
    }
    assert slugs(listed(api_client, "organizations", "country=CN")) == {"plaaf", "mnd"}
    assert slugs(listed(api_client, "organizations", "country=RU&kind=air_force")) == {
        "lra",
        "vks",
    }
    assert slugs(listed(api_client, "organizations", "country=US")) == set()


def test_organizations_by_parent(api_client, world):
    wing = factories.OrganizationFactory(slug="wing", parent=world["plaaf"])

    assert slugs(listed(api_client, "organizations", "parent=plaaf")) == {wing.slug}


def test_regions_by_kind_and_declaring_country(api_client, world):
    jadiz = factories.RegionFactory(slug="jadiz", kind="adiz", declared_by=world["japan"])
    factories.RegionFactory(slug="miyako-strait", kind="strait")

    assert slugs(listed(api_client, "regions", "kind=adiz")) == {"kadiz", jadiz.slug}
    assert slugs(listed(api_client, "regions", "kind=strait&kind=adiz")) == {
        "kadiz",
        "jadiz",
        "miyako-strait",
    }
    assert slugs(listed(api_client, "regions", "declared_by=KR")) == {"kadiz"}
    assert slugs(listed(api_client, "regions", "declared_by=jp")) == {"jadiz"}
    assert slugs(listed(api_client, "regions", "kind=sea")) == {"east-china-sea", "sea-of-japan"}


@pytest.fixture
def sources():
    for slug, kind, reliability, published_on, language in (
        ("mod-statement", "official_statement", "A", "2019-07-23", "ru"),
        ("wire-report", "news_report", "B", "2020-01-01", "en"),
        ("think-tank", "analysis", "B", "2022-06-01", "en"),
        ("undated-blog", "news_report", "F", None, "ja"),
    ):
        factories.SourceFactory(
            slug=slug,
            kind=kind,
            reliability=reliability,
            published_on=day(published_on) if published_on else None,
            language=language,
            publisher=slug.replace("-", " ").title(),
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=news_report", {"wire-report", "undated-blog"}),
        ("kind=official_statement&kind=analysis", {"mod-statement", "think-tank"}),
        ("reliability=B", {"wire-report", "think-tank"}),
        ("reliability=A&reliability=F", {"mod-statement", "undated-blog"}),
        ("published_after=2020-01-01", {"wire-report", "think-tank"}),  # inclusive
        ("published_before=2019-12-31", {"mod-statement"}),
        (
            "published_after=2019-01-01&published_before=2021-01-01",
            {"mod-statement", "wire-report"},
        ),
        ("language=en", {"wire-report", "think-tank"}),
        ("publisher=think%20TANK", {"think-tank"}),
    ],
)
def test_sources_by_kind_reliability_date_language_and_publisher(
    api_client, sources, query, expected
):
    assert slugs(listed(api_client, "sources", query)) == expected


@pytest.fixture
def attachments():
    """Citations and claims on a patrol, an aircraft type and an organization."""
    tass, kyodo = factories.SourceFactory(slug="tass"), factories.SourceFactory(slug="kyodo")
    patrol_ = factories.PatrolFactory()
    aircraft_type = factories.AircraftTypeFactory()
    organization = factories.OrganizationFactory()
    citation = factories.CitationFactory
    claim = factories.ClaimFactory
    return {
        "citations": {
            "patrol-tass": citation(content_object=patrol_, source=tass).pk,
            "patrol-kyodo": citation(content_object=patrol_, source=kyodo).pk,
            "aircraft-tass": citation(content_object=aircraft_type, source=tass).pk,
            "organization-kyodo": citation(content_object=organization, source=kyodo).pk,
        },
        "claims": {
            "patrol-tass": claim(content_object=patrol_, source=tass, field="start_date").pk,
            "aircraft-kyodo": claim(
                content_object=aircraft_type, source=kyodo, field="range_km", value="6000"
            ).pk,
            "organization-tass": claim(
                content_object=organization,
                source=tass,
                field="name",
                value="Other name",
                confidence="reported",
            ).pk,  # fmt: skip
        },
    }


@pytest.mark.parametrize("resource", ["citations", "claims"])
@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("source=tass", lambda name: name.endswith("-tass")),
        ("source=kyodo", lambda name: name.endswith("-kyodo")),
        ("source=tass&source=kyodo", lambda name: True),
        ("record_type=patrols.patrol", lambda name: name.startswith("patrol-")),
        ("record_type=aircraft.aircrafttype", lambda name: name.startswith("aircraft-")),
        ("record_type=reference.organization", lambda name: name.startswith("organization-")),
        ("record_type=aircraft.weapon", lambda name: False),
        (
            "record_type=patrols.patrol&source=kyodo",
            lambda name: name.startswith("patrol-") and name.endswith("-kyodo"),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_citations_and_claims_by_source_and_record_type(
    api_client, attachments, resource, query, wanted
):
    expected = {pk for name, pk in attachments[resource].items() if wanted(name)}

    assert ids(listed(api_client, resource, query)) == expected


def test_claims_by_field_and_confidence(api_client, attachments):
    claims = attachments["claims"]

    assert ids(listed(api_client, "claims", "field=range_km")) == {claims["aircraft-kyodo"]}
    assert ids(listed(api_client, "claims", "confidence=reported")) == {claims["organization-tass"]}


# --- Participations, interceptions, statements, patrol regions ----------------------------------


def participation_ids(response):
    return {
        (row["patrol"]["slug"], row["aircraft_type"]["slug"], row["role"]) for row in rows(response)
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN&year=2023", {("jp-2023", "h-6k", "bomber"), ("cn-2023", "h-6k", "bomber")}),
        ("role=escort", {("jp-2023", "su-35s", "escort"), ("ru-2024", "su-35s", "escort")}),
        ("role=aew_c&country=RU", {("jp-2019", "a-50", "aew_c")}),
        (
            "year=2024&country=ru",
            {
                ("jp-2024", "tu-95ms", "bomber"),
                ("ru-2024", "tu-95ms", "bomber"),
                ("ru-2024", "su-35s", "escort"),
            },
        ),
        ("patrol=jp-2022&aircraft_type=h-6k", {("jp-2022", "h-6k", "bomber")}),
        ("operator=vks&year=2019", {("jp-2019", "a-50", "aew_c")}),
    ],
)
def test_participations_by_country_role_and_year(api_client, patrols, query, expected):
    assert participation_ids(listed(api_client, "participations", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KR", {("jp-2019", "rokaf")}),
        ("country=JP", {("jp-2019", "jasdf"), ("jp-2022", "jasdf"), ("ru-2024", "jasdf")}),
        ("airspace_violated=true", {("jp-2019", "rokaf")}),
        ("airspace_violated=false", {("jp-2022", "jasdf")}),  # unknown matches neither
        ("country=JP&year=2024", {("ru-2024", "jasdf")}),
        ("aircraft_type=f-15j", {("jp-2022", "jasdf")}),
        ("region=kadiz", {("jp-2019", "rokaf")}),
        ("responder=jasdf&patrol=jp-2019", {("jp-2019", "jasdf")}),
    ],
)
def test_interceptions_by_country_airspace_and_more(api_client, patrols, query, expected):
    found = {
        (row["patrol"]["slug"], row["responder"]["slug"])
        for row in rows(listed(api_client, "interceptions", query))
    }

    assert found == expected


@pytest.fixture
def statements(world, patrols):
    statement = factories.StatementFactory
    statement(slug="cn-announces", organization=world["mnd"], kind="announcement",
              date=day("2019-07-23"), patrol=patrols["jp-2019"])  # fmt: skip
    statement(slug="kr-protests", organization=world["rokaf"], kind="protest",
              date=day("2019-07-24"), patrol=patrols["jp-2019"])  # fmt: skip
    statement(slug="jp-concern", organization=world["jasdf"], kind="concern",
              date=day("2022-05-24"), patrol=patrols["jp-2022"])  # fmt: skip
    statement(slug="cn-undated", organization=world["mnd"], kind="justification", date=None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=protest", {"kr-protests"}),
        ("kind=protest&kind=concern", {"kr-protests", "jp-concern"}),
        ("organization=mnd", {"cn-announces", "cn-undated"}),
        ("country=KR&country=JP", {"kr-protests", "jp-concern"}),
        ("date_after=2019-07-24", {"kr-protests", "jp-concern"}),  # inclusive; undated: neither
        ("date_before=2019-07-24", {"cn-announces", "kr-protests"}),
        ("date_after=2019-07-24&date_before=2020-01-01", {"kr-protests"}),
        ("patrol=jp-2019", {"cn-announces", "kr-protests"}),
    ],
)
def test_statements_by_kind_organization_and_date(api_client, statements, query, expected):
    assert slugs(listed(api_client, "statements", query)) == expected


def test_patrol_regions_by_region_and_patrol(api_client, patrols):
    def crossings(query):
        return {
            (row["patrol"]["slug"], row["region"]["slug"])
            for row in rows(listed(api_client, "patrol-regions", query))
        }

    assert crossings("region=kadiz") == {("jp-2019", "kadiz")}
    assert crossings("region=sea-of-japan") == {
        ("jp-2019", "sea-of-japan"),
        ("jp-2023", "sea-of-japan"),
        ("ru-2024", "sea-of-japan"),
    }
    assert crossings("patrol=jp-2022") == {("jp-2022", "east-china-sea")}


# --- The error contract -------------------------------------------------------------------------


BAD_VALUES = [
    # an unknown slug or code
    ("patrols", "aircraft_type=no-such-type", "aircraft_type"),
    ("patrols", "country=XX", "country"),
    ("patrols", "country=CN&country=XX", "country"),  # one bad value among good ones
    ("patrols", "region=atlantis", "region"),
    ("patrols", "operator=nobody", "operator"),
    ("patrols", "source=no-such-source", "source"),
    ("patrols", "intercepted_by=XX", "intercepted_by"),
    ("patrols", "responder=nobody", "responder"),
    ("aircraft-types", "variant_of=no-such-type", "variant_of"),
    ("aircraft-types", "manufacturer=nobody", "manufacturer"),
    ("aircraft-types", "capability=time-travel", "capability"),
    ("aircraft-types", "weapon=no-such-weapon", "weapon"),
    ("aircraft-types", "country=XX", "country"),
    ("organizations", "country=XX", "country"),
    ("organizations", "parent=nobody", "parent"),
    ("regions", "declared_by=XX", "declared_by"),
    ("citations", "source=no-such-source", "source"),
    ("armaments", "weapon=no-such-weapon", "weapon"),
    ("inventories", "country=XX", "country"),
    ("manufacturers", "country=XX", "country"),
    ("aircraft-capabilities", "capability=time-travel", "capability"),
    ("participations", "country=XX", "country"),
    ("interceptions", "country=XX", "country"),
    ("statements", "organization=nobody", "organization"),
    ("patrol-regions", "region=atlantis", "region"),
    # an unknown choice
    ("patrols", "kind=nonsense", "kind"),
    ("patrols", "role=pilot", "role"),
    ("patrols", "confidence=certain", "confidence"),
    ("aircraft-types", "role=pilot", "role"),
    ("aircraft-types", "status=flying", "status"),
    ("organizations", "kind=nonsense", "kind"),
    ("regions", "kind=lake", "kind"),
    ("sources", "kind=rumour", "kind"),
    ("sources", "reliability=Z", "reliability"),
    ("weapons", "kind=laser", "kind"),
    ("participations", "role=pilot", "role"),
    ("statements", "kind=nonsense", "kind"),
    ("claims", "confidence=certain", "confidence"),
    ("citations", "record_type=patrols.nonsense", "record_type"),
    ("claims", "record_type=nonsense", "record_type"),
    ("claims", "record_type=reference.source", "record_type"),  # not a fact record
    # a malformed number
    ("patrols", "year=20x4", "year"),
    ("patrols", "year_min=soon", "year_min"),
    ("patrols", "year_max=NaN", "year_max"),
    ("patrols", "year=2024.5", "year"),  # a year is a whole number
    ("patrols", "year_min=1e3", "year_min"),
    ("participations", "year=20x4", "year"),
    ("interceptions", "year=20x4", "year"),
    ("aircraft-types", "range_km_min=far", "range_km_min"),
    ("aircraft-types", "max_speed_kmh_max=fast", "max_speed_kmh_max"),
    ("aircraft-types", "crew_min=many", "crew_min"),
    ("aircraft-types", "crew_min=1.5", "crew_min"),  # crew and figures are whole numbers
    ("weapons", "range_km_max=far", "range_km_max"),
    ("inventories", "as_of_year_min=recent", "as_of_year_min"),
    # a malformed date
    ("patrols", "date_after=2024-13-45", "date_after"),
    ("patrols", "date_before=yesterday", "date_before"),
    ("sources", "published_after=2024-02-30", "published_after"),
    ("statements", "date_after=2024-13-45", "date_after"),
    ("aircraft-types", "first_flight_before=1950s", "first_flight_before"),
    # a malformed boolean
    ("patrols", "joint=maybe", "joint"),
    ("patrols", "disputed=maybe", "disputed"),
    ("patrols", "airspace_violated=perhaps", "airspace_violated"),
    ("weapons", "nuclear_capable=perhaps", "nuclear_capable"),
    ("interceptions", "airspace_violated=maybe", "airspace_violated"),
    ("aircraft-types", "disputed=2", "disputed"),
]


@pytest.fixture
def china():
    """A country a valid code can name, so that only the bad value among good ones is refused."""
    return factories.CountryFactory(code="CN", code3="CHN", name="China")


@pytest.mark.parametrize(
    ("resource", "query", "parameter"),
    BAD_VALUES,
    ids=[f"{resource}?{query}" for resource, query, _ in BAD_VALUES],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(
    api_client, china, resource, query, parameter
):
    response = listed(api_client, resource, query)

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == [parameter]
    assert body[parameter] and all(isinstance(message, str) for message in body[parameter])


BAD_YEARS = [
    ("patrols", "year=10000", "year"),
    ("patrols", "year=0", "year"),
    ("patrols", "year=-1", "year"),
    ("patrols", "year_min=0", "year_min"),
    ("patrols", "year_max=99999", "year_max"),
    ("participations", "year=0", "year"),
    ("interceptions", "year=10000", "year"),
]


@pytest.mark.parametrize(
    ("resource", "query", "parameter"),
    BAD_YEARS,
    ids=[f"{resource}?{query}" for resource, query, _ in BAD_YEARS],
)
def test_a_year_out_of_the_calendars_range_is_a_400_naming_it(
    api_client, resource, query, parameter
):
    response = listed(api_client, resource, query)

    assert response.status_code == 400, response.content
    assert parameter in response.json()


def test_every_bad_parameter_is_named_at_once(api_client):
    response = listed(api_client, "patrols", "year=20x4&kind=nonsense&joint=maybe&country=XX")

    assert response.status_code == 400
    assert set(response.json()) == {"year", "kind", "joint", "country"}


def test_a_valid_value_matching_nothing_is_an_empty_200_not_an_error(api_client, world):
    # The contrast with the 400s above: a known slug with no patrols is a plain empty list.
    for query in ("aircraft_type=f-15j", "country=US", "region=kadiz", "year=1999", "role=tanker"):
        assert slugs(listed(api_client, "patrols", query)) == set(), query


def test_an_unknown_parameter_is_ignored(api_client, patrols):
    assert slugs(listed(api_client, "patrols", "colour=blue")) == ALL_PATROLS


# --- The curated data set: a researcher's questions, end to end ---------------------------------
# Kept last: ``loaded`` loads the data set once for the rest of this module.


def test_joint_patrols_2022_to_2024_with_h6k_over_the_east_china_sea(api_client, loaded):
    response = listed(
        api_client,
        "patrols",
        "joint=true&year_min=2022&year_max=2024&aircraft_type=h-6k&region=east-china-sea"
        "&ordering=start_date",
    )

    # From patrols/data/patrols.yaml: the 8th patrol (July 2024) flew off Alaska instead.
    assert [row["slug"] for row in rows(response)] == [
        "joint-patrol-4",
        "joint-patrol-5",
        "joint-patrol-6",
        "joint-patrol-7",
        "joint-patrol-9",
    ]
    for row in rows(response):
        assert [c["code"] for c in row["countries"]] == ["CN", "RU"]
        assert "h-6k" in {
            p["aircraft_type"]["slug"] for p in row["participations"] if p["aircraft_type"]
        }
        assert "east-china-sea" in {r["slug"] for r in row["regions"]}


def test_the_h6_family_in_the_curated_data(api_client, loaded):
    response = listed(api_client, "aircraft-types", "variant_of=h-6")

    # From aircraft/data/aircraft.yaml: h-6k and h-6n are variants of h-6.
    assert slugs(response) == {"h-6k", "h-6n"}
