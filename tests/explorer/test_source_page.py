"""A source's page: the source (publisher, date, address, kind, reliability grade), every record
it supports grouped by kind and linked to where the explorer shows it (a page, a row of its
parent's page, or else the API record), and the claims it makes beside the values kept."""

import datetime

import pytest
from django.test import Client

from tests import factories
from tests.explorer.record_html import page, queries_for, row_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return factories.SourceFactory(
        slug="tass-first-patrol", title="Bombers carry out first joint patrol (TASS)",
        publisher="TASS", author="Staff", published_on=datetime.date(2019, 7, 23),
        url="https://tass.example/defense/1", kind="news_report", language="en", reliability="B",
    )  # fmt: skip


@pytest.fixture
def supported(source):
    """What the source supports: a patrol and one of its participations (inherited), an
    aircraft type and one of its armaments, an organization; and two claims it makes."""
    patrol = factories.PatrolFactory(slug="joint-patrol-1", name="1st joint patrol")
    bombers = factories.ParticipationFactory(
        patrol=patrol, aircraft_type__designation="Tu-95MS", operator__name="LRA", count=None
    )
    aircraft_type = factories.AircraftTypeFactory(designation="Tu-160", slug="tu-160")
    armament = factories.ArmamentFactory(aircraft_type=aircraft_type, weapon__name="Kh-101")
    organization = factories.OrganizationFactory(name="Long-Range Aviation", slug="lra")
    factories.CitationFactory(content_object=patrol, source=source, locator="para. 2")
    factories.CitationFactory(content_object=bombers, source=source, inherited=True)
    for record in (aircraft_type, armament, organization):
        factories.CitationFactory(content_object=record, source=source)
    factories.ClaimFactory(
        content_object=patrol, field="start_date", value="2019-07-24", source=source,
        note="Dated by Moscow time.",
    )  # fmt: skip
    factories.ClaimFactory(
        content_object=aircraft_type, field="range_km", value="14000", source=source
    )
    aircraft_type.range_km = 12300
    aircraft_type.save()
    return patrol, bombers, aircraft_type, armament, organization


def open_page(client, slug="tass-first-patrol"):
    response = client.get(f"/sources/{slug}/")
    assert response.status_code == 200
    return page(response)


def test_the_page_describes_the_source_with_its_grade(client, source):
    html = open_page(client)

    assert [h1.text for h1 in html.find_all("h1")] == [source.title]
    dl = html.by_id("facts").find("dl")
    facts = dict(
        zip(
            [dt.text for dt in dl.find_all("dt")],
            [dd.text for dd in dl.find_all("dd")],
            strict=True,
        )
    )
    assert facts["Publisher"] == "TASS"
    assert facts["Published"] == "2019-07-23"
    assert facts["Address"] == "https://tass.example/defense/1"
    assert facts["Kind"] == "News report"
    assert facts["Reliability"].startswith("B – usually reliable")
    assert facts["Accessed by the curators"] == "unknown"
    assert "No record cites this source." in html.by_id("supports").text


def test_what_it_supports_by_kind_linked_to_where_each_is_shown(client, supported):
    patrol, bombers, aircraft_type, armament, organization = supported

    section = open_page(client).by_id("supports")

    assert section.find("p").text == "5 records cite this source."
    kinds = [h3.text for h3 in section.find_all("h3")]
    assert kinds == [
        "1 patrol",
        "1 aircraft type",
        "1 armament",
        "1 organization",
        "1 participation",
    ]
    items = {item.find("a").text: item for item in section.find_all("li")}
    assert items["1st joint patrol"].find("a").attrs["href"] == "/patrols/joint-patrol-1/"
    assert "para. 2" in items["1st joint patrol"].text
    participation = items["unknown × Tu-95MS (LRA)"]
    assert (
        participation.find("a").attrs["href"]
        == f"/patrols/joint-patrol-1/#participation-{bombers.pk}"
    )
    assert participation.text.endswith("in 1st joint patrol (source inherited from it)")
    assert items["Tu-160: Kh-101"].find("a").attrs["href"] == (
        f"/aircraft-types/tu-160/#armament-{armament.pk}"
    )
    assert items["Long-Range Aviation"].find("a").attrs["href"] == "/api/v1/organizations/lra/"
    assert "(API record)" in items["Long-Range Aviation"].text


def test_the_rows_the_links_point_at_exist_on_the_parents_pages(client, supported):
    patrol, bombers, aircraft_type, armament, _ = supported

    assert open_page(client).find("a", href=f"/patrols/joint-patrol-1/#participation-{bombers.pk}")
    patrol_page = page(client.get("/patrols/joint-patrol-1/"))
    type_page = page(client.get("/aircraft-types/tu-160/"))
    assert patrol_page.by_id(f"participation-{bombers.pk}").tag == "tr"
    assert type_page.by_id(f"armament-{armament.pk}").tag == "tr"


def test_the_claims_it_makes_beside_the_values_kept(client, supported):
    rows = [
        row_cells(row) for row in open_page(client).by_id("claims").find("tbody").find_all("tr")
    ]

    assert rows == [
        ["Patrol: 1st joint patrol disputed", "Start date", "2019-07-24", "2019-07-23",
         "Claimed", "Dated by Moscow time."],
        ["Aircraft type: Tu-160 disputed", "Range (km)", "14000", "12300", "Claimed", ""],
    ]  # fmt: skip


def test_the_cite_block_and_links_elsewhere(curator, source):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(curator)

    html = open_page(anonymous)

    assert html.by_id("cite").find("a", cls="permalink").attrs["href"] == (
        "http://testserver/sources/tass-first-patrol/"
    )
    assert html.find("nav", cls="record-links").links() == {
        "API record (JSON)": "/api/v1/sources/tass-first-patrol/?format=json"
    }
    links = open_page(signed_in).find("nav", cls="record-links").links()
    assert links["Edit in the admin"] == f"/admin/reference/source/{source.pk}/change/"


def test_an_unknown_slug_is_a_404(client):
    response = client.get("/sources/no-such-source/")

    assert response.status_code == 404
    assert page(response).find("h1").text == "No such source"


def source_citing(n):
    """A source cited by ``n`` patrols, participations and aircraft types, claiming ``n``."""
    source = factories.SourceFactory()
    for _ in range(n):
        participation = factories.ParticipationFactory()
        aircraft_type = factories.AircraftTypeFactory()
        for record in (participation.patrol, participation, aircraft_type):
            factories.CitationFactory(content_object=record, source=source)
        factories.ClaimFactory(content_object=participation.patrol, source=source)
    return source


def test_the_page_makes_as_many_queries_for_six_records_as_for_one(client):
    counts = [
        queries_for(client, f"/sources/{source.slug}/")
        for source in (source_citing(1), source_citing(6))
    ]

    assert counts[0] == counts[1] <= 10
