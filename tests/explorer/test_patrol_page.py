"""A patrol's page shows the patrol as a person reads it: its facts, who flew what by country
(an unknown count is "unknown", never 0), what is known of how many aircraft flew, its
figures, zone entries, interceptions, statements and regions, every source with its grade, its
disputed claims side by side, and where else the record is (API; admin for curators)."""

import datetime

import pytest
from django.test import Client

from curation.version import current
from tests import factories
from tests.explorer.record_html import page, queries_for, row_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def patrol():
    """A joint patrol with one of everything: China flew 2 H-6K and fighters of unknown number
    (and 3 at least entered the KADIZ), Russia Tu-95MS of unknown number; the patrol's start
    date and a participation's type are disputed."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    plaaf = factories.OrganizationFactory(name="PLA Air Force", country=china)
    lra = factories.OrganizationFactory(name="Long-Range Aviation", country=russia)
    jasdf = factories.OrganizationFactory(name="JASDF", country=japan)
    mnd = factories.OrganizationFactory(name="Ministry of National Defense", country=china)
    h6k = factories.AircraftTypeFactory(designation="H-6K", slug="h-6k")
    tu95 = factories.AircraftTypeFactory(designation="Tu-95MS", slug="tu-95ms")
    f15 = factories.AircraftTypeFactory(designation="F-15J", slug="f-15j", role="fighter")
    patrol = factories.PatrolFactory(
        slug="joint-patrol-3", name="3rd joint strategic air patrol", ordinal=3,
        start_date=datetime.date(2021, 11, 19), end_date=datetime.date(2021, 11, 19),
        summary="Two H-6K and two Tu-95MS over the Sea of Japan.", confidence="confirmed",
    )  # fmt: skip
    factories.ParticipationFactory(patrol=patrol, aircraft_type=h6k, operator=plaaf, count=2)
    factories.ParticipationFactory(
        patrol=patrol, aircraft_type=None, aircraft_description="fighters", operator=plaaf,
        count=None, role="escort",
    )  # fmt: skip
    bombers = factories.ParticipationFactory(
        patrol=patrol, aircraft_type=tu95, operator=lra, count=None
    )
    sea = factories.RegionFactory(name="Sea of Japan", slug="sea-of-japan")
    factories.PatrolRegionFactory(patrol=patrol, region=sea)
    kadiz = factories.RegionFactory(name="KADIZ", slug="kadiz", kind="adiz")
    factories.ZoneEntryFactory(
        patrol=patrol, zone=kadiz, country=china, aircraft_count=3, count_qualifier="at_least"
    )
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=12, qualifier="about", reported_by=mnd
    )
    factories.InterceptionFactory(
        patrol=patrol, responder=jasdf, aircraft_type=f15, count=None,
        date=datetime.date(2021, 11, 19), region=sea, airspace_violated=False,
        confidence="disputed",
    )  # fmt: skip
    factories.StatementFactory(
        patrol=patrol, organization=mnd, kind="announcement", date=datetime.date(2021, 11, 19),
        summary="The patrol targeted no third party.",
    )  # fmt: skip
    tass = factories.SourceFactory(
        slug="tass", title="TASS on the third patrol", publisher="TASS", reliability="B"
    )
    rt = factories.SourceFactory(slug="rt", title="RT on the third patrol", reliability="D")
    factories.CitationFactory(content_object=patrol, source=tass)
    factories.CitationFactory(content_object=bombers, source=tass, inherited=True)
    factories.ClaimFactory(
        content_object=patrol, field="start_date", value="2021-11-20", source=rt,
        note="RT dates it a day later.", confidence="reported",
    )  # fmt: skip
    factories.ClaimFactory(content_object=bombers, field="aircraft_type", value="h-6k", source=rt)
    return patrol


def open_page(client, slug="joint-patrol-3"):
    response = client.get(f"/patrols/{slug}/")
    assert response.status_code == 200
    return page(response)


def test_the_page_shows_the_patrols_facts_under_one_heading(client, patrol):
    html = open_page(client)

    assert [h1.text for h1 in html.find_all("h1")] == ["3rd joint strategic air patrol"]
    facts = html.by_id("facts").find("dl")
    pairs = dict(
        zip(
            [dt.text for dt in facts.find_all("dt")],
            [dd.text for dd in facts.find_all("dd")],
            strict=True,
        )
    )
    assert pairs["Kind"] == "Joint strategic patrol"
    assert pairs["Ordinal"] == "No. 3"
    assert pairs["Started"] == pairs["Ended"] == "2021-11-19"
    assert pairs["Countries"] == "China, Russia"
    assert pairs["Confidence"] == "Confirmed disputed"  # it carries a claim
    assert pairs["Summary"] == "Two H-6K and two Tu-95MS over the Sea of Japan."
    assert all(section.find("h2") for section in html.find_all("section"))


def test_participations_are_grouped_by_country_and_an_unknown_count_reads_unknown(client, patrol):
    aircraft = open_page(client).by_id("aircraft")

    groups = [h4.text for h4 in aircraft.find_all("h4")]
    assert groups == ["China: at least 3 aircraft", "Russia: number of aircraft unknown"]
    rows = {
        row_cells(row)[0]: row_cells(row) for row in aircraft.find_all("tr") if row.attrs.get("id")
    }
    assert rows["H-6K"][1:4] == ["PLA Air Force", "2", "Bomber"]
    assert rows["fighters (type not identified)"][2] == "unknown"
    assert rows["Tu-95MS"][2] == "unknown"
    assert rows["Tu-95MS"][6] == "the patrol’s sources"  # it cites what it inherited
    assert aircraft.find("a", href="/aircraft-types/h-6k/").text == "H-6K"


def test_what_is_known_of_how_many_aircraft_flew(client, patrol):
    facts = open_page(client).by_id("aircraft").find("dl")
    values = [dd.text for dd in facts.find_all("dd")]

    assert values[0].startswith("2 (the known counts summed; 2 participations of unknown count")
    assert values[1] == "about 12, reported by Ministry of National Defense"
    assert values[2].startswith("3 (")  # China's 3 in the KADIZ; "about 12" guarantees nothing


def test_a_patrol_whose_counts_are_all_unknown_reads_unknown_not_zero(client):
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol, count=None)

    facts = open_page(client, patrol.slug).by_id("aircraft").find("dl")

    known, _, at_least = [dd.text for dd in facts.find_all("dd")]
    assert known.startswith("unknown (") and at_least.startswith("unknown (")


def test_interceptions_zone_entries_figures_and_statements_are_shown(client, patrol):
    html = open_page(client)

    interception = html.by_id("interceptions").find("tbody").find("tr")
    assert row_cells(interception)[:8] == [
        "JASDF", "Japan", "F-15J", "unknown", "2021-11-19", "Sea of Japan", "No", "",
    ]  # fmt: skip
    assert row_cells(interception)[8] == "disputed"
    entry = html.by_id("zone-entries").find("tbody").find("tr")
    assert row_cells(entry)[:5] == ["KADIZ", "China", "at least 3", "unknown", "unknown"]
    figure = html.by_id("figures").find("tbody").find("tr")
    assert row_cells(figure)[:4] == [
        "Aircraft in all", "about 12", "All participants", "Ministry of National Defense",
    ]  # fmt: skip
    statement = html.by_id("statements").find("tbody").find("tr")
    assert row_cells(statement)[:4] == [
        "Ministry of National Defense", "2021-11-19", "Announcement",
        "The patrol targeted no third party.",
    ]  # fmt: skip


def test_the_regions_and_a_map_of_them_and_a_plain_word_when_nothing_is_mapped(client, patrol):
    html = open_page(client)

    regions = html.by_id("regions")
    assert [item.text for item in regions.find("ul").find_all("li")] == ["Sea of Japan (Sea)"]
    map_ = regions.find("div", cls="record-map")
    assert map_.attrs["data-layers"] == "/api/v1/patrols/joint-patrol-3/?format=geojson"
    assert "data-map" in map_.attrs and map_.attrs["aria-label"]
    assert "No route or region shape is recorded for this patrol" in regions.text
    scripts = [script.attrs["src"] for script in html.find_all("script")]
    assert scripts == ["/static/explorer/vendor/leaflet/leaflet.js", "/static/explorer/map.js"]
    styles = [link.attrs["href"] for link in html.find_all("link", rel="stylesheet")]
    assert "/static/explorer/vendor/leaflet/leaflet.css" in styles


@pytest.mark.parametrize("shape", ["route", "region"])
def test_no_missing_shape_sentence_when_a_route_or_a_region_shape_is_recorded(client, shape):
    line = {"type": "LineString", "coordinates": [[130, 35], [135, 38]]}
    patrol = factories.PatrolFactory(route=line if shape == "route" else None)
    region = factories.RegionFactory(
        geometry={"type": "Polygon", "coordinates": [[[130, 35], [135, 35], [135, 38], [130, 35]]]}
        if shape == "region"
        else None
    )
    factories.PatrolRegionFactory(patrol=patrol, region=region)

    regions = open_page(client, patrol.slug).by_id("regions")

    assert "No route or region shape" not in regions.text


def test_every_source_is_listed_with_its_reliability_grade(client, patrol):
    sources = open_page(client).by_id("sources").find("tbody")

    rows = {row_cells(row)[0]: row_cells(row) for row in sources.find_all("tr")}
    assert list(rows) == ["TASS on the third patrol", "RT on the third patrol"]
    assert rows["TASS on the third patrol"][1] == "TASS"
    assert rows["TASS on the third patrol"][4:] == ["B – usually reliable", "this patrol"]
    assert rows["RT on the third patrol"][4:] == ["D – not usually reliable", "2 claims"]
    assert sources.find("a", href="/sources/tass/").text == "TASS on the third patrol"


def test_a_disputed_claim_shows_both_values_and_who_says_each(client, patrol):
    claims = open_page(client).by_id("claims")

    rows = {row_cells(row)[1]: row for row in claims.find("tbody").find_all("tr")}
    start = row_cells(rows["Start date"])
    assert start[0] == "This patrol disputed"
    assert start[2] == "2021-11-19 per the sources of the patrol"
    assert start[3] == "2021-11-20 per RT on the third patrol, grade D (not usually reliable)"
    assert start[4:] == ["Reported", "RT dates it a day later."]
    aircraft = rows["Aircraft type"]
    assert row_cells(aircraft)[2] == "Tu-95MS per the patrol’s sources"
    assert aircraft.find("td", cls="claimed").find("a").attrs["href"] == "/aircraft-types/h-6k/"
    assert row_cells(aircraft)[0].startswith("Participation: unknown × Tu-95MS")
    disputed_only = [item.text for item in claims.find("ul").find_all("li")]
    assert disputed_only == ["Interception: JASDF: F-15J (2021-11-19) disputed"]


def test_curators_see_the_admin_link_and_everyone_the_api_link(curator, patrol):
    admin = f"/admin/patrols/patrol/{patrol.pk}/change/"
    client, curator_client = Client(), Client()
    curator_client.force_login(curator)

    signed_in = open_page(curator_client).find("nav", cls="record-links").links()
    anonymous = open_page(client).find("nav", cls="record-links").links()

    assert signed_in == {
        "API record (JSON)": "/api/v1/patrols/joint-patrol-3/?format=json",
        "Edit in the admin": admin,
    }
    assert anonymous == {"API record (JSON)": "/api/v1/patrols/joint-patrol-3/?format=json"}
    assert admin not in client.get("/patrols/joint-patrol-3/").content.decode()


def test_staff_who_may_not_view_patrols_get_no_admin_link(staff_without_permissions_client, patrol):
    links = open_page(staff_without_permissions_client).find("nav", cls="record-links").links()
    assert "Edit in the admin" not in links


def test_the_footer_names_the_data_sets_version(client, patrol):
    assert current() in open_page(client).find("footer").text


def test_an_unknown_slug_is_a_plain_404_page(client, patrol):
    response = client.get("/patrols/no-such-patrol/")

    assert response.status_code == 404
    assert page(response).find("h1").text == "No such patrol"


def test_a_query_parameter_is_refused_by_name(client, patrol):
    response = client.get("/patrols/joint-patrol-3/?year=2021&utm_source=x")

    assert response.status_code == 400
    assert "remove utm_source, year from the address" in page(response).text


def patrol_with(n):
    """A patrol with ``n`` of each row, each row and the patrol citing ``n`` sources of their
    own, one relation claim and one plain claim."""
    patrol = factories.PatrolFactory()
    sources = factories.SourceFactory.create_batch(n)
    rows = []
    for _ in range(n):
        rows += [
            factories.ParticipationFactory(patrol=patrol),
            factories.ReportedFigureFactory(patrol=patrol),
            factories.ZoneEntryFactory(patrol=patrol),
            factories.InterceptionFactory(patrol=patrol),
            factories.StatementFactory(patrol=patrol),
        ]
        factories.PatrolRegionFactory(patrol=patrol)
    for record in [patrol, *rows]:
        for source in sources:
            factories.CitationFactory(content_object=record, source=source)
    other = factories.AircraftTypeFactory()
    factories.ClaimFactory(content_object=rows[0], field="aircraft_type", value=other.slug)
    factories.ClaimFactory(content_object=patrol, source=sources[-1])
    return patrol


def test_the_page_makes_as_many_queries_for_six_rows_and_sources_as_for_one(client):
    one, six = patrol_with(1), patrol_with(6)

    counts = [queries_for(client, f"/patrols/{patrol.slug}/") for patrol in (one, six)]

    assert counts[0] == counts[1] <= 11
