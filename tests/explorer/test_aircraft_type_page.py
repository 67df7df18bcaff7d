"""An aircraft type's page: its facts and figures with their units ("unknown" where the sources
give none), its place in the variants tree at any depth, its capabilities, weapons and
inventories, the patrols it and its variants flew (saying which variant), its sources with
their grades and its disputed claims side by side."""

import datetime

import pytest
from django.test import Client

from tests import factories
from tests.explorer.record_html import page, queries_for, row_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    """Tu-95 > Tu-95MS > Tu-95MSM, and the Tu-95MS's figures, equipment and patrols."""
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    tupolev = factories.ManufacturerFactory(name="Tupolev", slug="tupolev")
    tu95 = factories.AircraftTypeFactory(designation="Tu-95", slug="tu-95")
    tu95ms = factories.AircraftTypeFactory(
        designation="Tu-95MS", slug="tu-95ms", nato_name="Bear-H", variant_of=tu95,
        manufacturer=tupolev, country_of_origin=russia, status="in_service",
        first_flight=datetime.date(1979, 1, 1), first_flight_precision="year", crew=7,
        max_speed_kmh=830, range_km=15000, service_ceiling_m=12000, confidence="confirmed",
    )  # fmt: skip
    tu95msm = factories.AircraftTypeFactory(
        designation="Tu-95MSM", slug="tu-95msm", variant_of=tu95ms
    )
    lra = factories.OrganizationFactory(name="Long-Range Aviation", country=russia)
    kh101 = factories.WeaponFactory(name="Kh-101", slug="kh-101", range_km=2800)
    factories.ArmamentFactory(aircraft_type=tu95ms, weapon=kh101, max_carried=8)
    refuelling = factories.CapabilityFactory(name="Aerial refuelling", slug="aerial-refuelling")
    factories.AircraftCapabilityFactory(aircraft_type=tu95ms, capability=refuelling)
    factories.InventoryFactory(aircraft_type=tu95ms, operator=lra, count=None, as_of_year=2024)
    first = factories.PatrolFactory(slug="first", name="First patrol")
    later = factories.PatrolFactory(
        slug="later", name="Later patrol", start_date=datetime.date(2024, 7, 24)
    )
    factories.ParticipationFactory(patrol=first, aircraft_type=tu95ms, operator=lra, count=2)
    factories.ParticipationFactory(patrol=later, aircraft_type=tu95msm, operator=lra, count=None)
    wiki = factories.SourceFactory(slug="wiki", title="Tu-95 (Wikipedia)", reliability="C")
    blog = factories.SourceFactory(slug="blog", title="A blog on the Bear", reliability="E")
    factories.CitationFactory(content_object=tu95ms, source=wiki)
    factories.ClaimFactory(
        content_object=tu95ms, field="range_km", value="12500", source=blog,
        note="Operational range.", confidence="reported",
    )  # fmt: skip
    return tu95, tu95ms, tu95msm


def open_page(client, slug="tu-95ms"):
    response = client.get(f"/aircraft-types/{slug}/")
    assert response.status_code == 200
    return page(response)


def pairs(dl):
    return dict(
        zip(
            [dt.text for dt in dl.find_all("dt")],
            [dd.text for dd in dl.find_all("dd")],
            strict=True,
        )
    )


def test_the_facts_with_unknown_shown_as_unknown(client, family):
    html = open_page(client)

    assert [h1.text for h1 in html.find_all("h1")] == ["Tu-95MS (Bear-H)"]
    facts = pairs(html.by_id("facts").find("dl"))
    assert facts["Common name"] == "unknown"
    assert facts["NATO reporting name"] == "Bear-H"
    assert facts["Variant of"] == "Tu-95"
    assert facts["Manufacturer"] == "Tupolev"
    assert facts["Status"] == "In service"
    assert facts["First flight"] == "1979"  # known to the year only
    assert facts["Service entry year"] == "unknown"
    assert facts["Crew"] == "7"
    assert html.by_id("facts").find("a", href="/aircraft-types/tu-95/").text == "Tu-95"


def test_figures_carry_their_units_and_a_disputed_one_says_so(client, family):
    figures = pairs(open_page(client).by_id("performance").find("dl"))

    assert figures == {
        "Max speed": "830 km/h",
        "Combat radius": "unknown",
        "Range": "15,000 km disputed",
        "Service ceiling": "12,000 m",
        "Maximum take-off weight": "unknown",
        "Payload": "unknown",
    }


def test_the_variants_tree_at_any_depth_and_the_parent_chain(client, family):
    top = open_page(client, "tu-95").by_id("variants")
    middle = open_page(client, "tu-95ms").by_id("variants")
    bottom = open_page(client, "tu-95msm").by_id("variants")

    tree = top.find("div", cls="variants-tree")
    assert tree.find("ul").find("li").find("a").attrs["href"] == "/aircraft-types/tu-95ms/"
    assert tree.find("ul").find("ul").find("a").attrs["href"] == "/aircraft-types/tu-95msm/"
    assert "A variant of" not in top.text
    top_facts = pairs(open_page(client, "tu-95").by_id("facts").find("dl"))
    assert top_facts["Variant of"] == "None: a type of its own"
    assert middle.find("p").text == "A variant of: Tu-95"
    assert bottom.find("p").text == "A variant of: Tu-95 › Tu-95MS"
    assert "No variant of Tu-95MSM is recorded." in bottom.text


def test_capabilities_weapons_and_inventories(client, family):
    html = open_page(client)

    assert row_cells(html.by_id("capabilities").find("tbody").find("tr"))[0] == "Aerial refuelling"
    weapon = row_cells(html.by_id("weapons").find("tbody").find("tr"))
    assert weapon[:5] == ["Kh-101", "Cruise missile", "2800", "unknown", "8"]
    inventory = row_cells(html.by_id("inventories").find("tbody").find("tr"))
    assert inventory[:4] == ["Long-Range Aviation", "Russia", "unknown", "2024"]


def test_the_patrols_flown_include_the_variants_and_say_which(client, family):
    flown = open_page(client, "tu-95").by_id("patrols")

    rows = [row_cells(row) for row in flown.find("tbody").find_all("tr")]
    assert [row[0] for row in rows] == ["Later patrol", "First patrol"]
    assert rows[0][3] == "Tu-95MSM variant: unknown, Long-Range Aviation, bomber"
    assert rows[1][3] == "Tu-95MS variant: 2, Long-Range Aviation, bomber"
    own = open_page(client, "tu-95ms").by_id("patrols").find("tbody").find_all("tr")
    assert row_cells(own[1])[3] == "Tu-95MS: 2, Long-Range Aviation, bomber"
    bottom = open_page(client, "tu-95msm").by_id("patrols").find("tbody").find_all("tr")
    assert [row_cells(row)[0] for row in bottom] == ["Later patrol"]  # not its parents'


def test_the_interceptions_a_type_flew(client):
    fighter = factories.AircraftTypeFactory(designation="F-15J", slug="f-15j", role="fighter")
    patrol = factories.PatrolFactory(name="Intercepted patrol")
    factories.InterceptionFactory(
        patrol=patrol, aircraft_type=fighter, responder__name="JASDF", count=4
    )

    section = open_page(client, "f-15j").by_id("intercepting")

    assert row_cells(section.find("tbody").find("tr"))[2] == "F-15J: 4, JASDF"


def test_sources_with_grades_and_the_disputed_range_side_by_side(client, family):
    html = open_page(client)

    sources = {
        row_cells(row)[0]: row_cells(row) for row in html.by_id("sources").find_all("tr")[1:]
    }
    assert sources["Tu-95 (Wikipedia)"][4:] == ["C – fairly reliable", "this aircraft type"]
    assert sources["A blog on the Bear"][4:] == ["E – unreliable", "1 claim"]
    claim = row_cells(html.by_id("claims").find("tbody").find("tr"))
    assert claim[:2] == ["This aircraft type disputed", "Range (km)"]
    assert claim[2] == "15000 per the sources of the aircraft type"
    assert claim[3] == "12500 per A blog on the Bear, grade E (unreliable)"


def test_the_cite_block_and_the_links_elsewhere(curator, family):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(curator)
    tu95ms = family[1]

    html = open_page(anonymous)
    links = open_page(signed_in).find("nav", cls="record-links").links()

    cite = pairs(html.by_id("cite").find("dl"))
    assert cite["Title"] == "Tu-95MS (Bear-H)"
    assert cite["Permalink"] == "http://testserver/aircraft-types/tu-95ms/"
    assert html.find("nav", cls="record-links").links() == {
        "API record (JSON)": "/api/v1/aircraft-types/tu-95ms/?format=json"
    }
    assert links["Edit in the admin"] == f"/admin/aircraft/aircrafttype/{tu95ms.pk}/change/"


def test_an_unknown_slug_is_a_404(client):
    response = client.get("/aircraft-types/no-such-type/")

    assert response.status_code == 404
    assert page(response).find("h1").text == "No such aircraft type"


def type_with(n):
    """A type with ``n`` variants (a chain ``n`` deep), capabilities, armaments, inventories,
    sources and participations of its own and its variants'."""
    aircraft_type = factories.AircraftTypeFactory()
    sources = factories.SourceFactory.create_batch(n)
    parent, rows = aircraft_type, []
    for _ in range(n):
        parent = factories.AircraftTypeFactory(variant_of=parent)
        rows += [
            factories.AircraftCapabilityFactory(aircraft_type=aircraft_type),
            factories.ArmamentFactory(aircraft_type=aircraft_type),
            factories.InventoryFactory(aircraft_type=aircraft_type),
        ]
        factories.ParticipationFactory(aircraft_type=parent)
        factories.ParticipationFactory(aircraft_type=aircraft_type)
        factories.InterceptionFactory(aircraft_type=parent)
    for record in [aircraft_type, *rows]:
        for source in sources:
            factories.CitationFactory(content_object=record, source=source)
    factories.ClaimFactory(
        content_object=aircraft_type, field="range_km", value="1", source=sources[0]
    )
    return aircraft_type


def test_the_page_makes_as_many_queries_for_six_rows_and_variants_as_for_one(client):
    one, six = type_with(1), type_with(6)

    counts = [queries_for(client, f"/aircraft-types/{kind.slug}/") for kind in (one, six)]

    assert counts[0] == counts[1] <= 10
